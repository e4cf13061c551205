"""Facilitator flows in the console, and the rule that only the key opens it."""

from __future__ import annotations

import pytest
from support.pages import page, refresh, texts
from support.seeding import new_session

from workshop.packs import default_pack
from workshop.store import Store


@pytest.fixture
def store(ui_store: Store) -> Store:
    """The app's store on this test's own SQLite file (see conftest.ui_store)."""
    return ui_store


@pytest.fixture
def session(store: Store) -> tuple[str, str]:
    return new_session(store)


def console(code: str, key: str) -> object:
    return page("facilitate", code=code, key=key)


def test_create_a_session(store: Store) -> None:
    """The form creates a session and opens its console, showing the key link once."""
    at = page("facilitate")
    at.text_input[0].input("Kick-off Service Nord")
    next(b for b in at.button if b.label == "Workshop anlegen").click().run()
    code, key = at.query_params["code"], at.query_params["key"]
    assert store.get_session(code).title == "Kick-off Service Nord"
    assert store.check_key(code, key)
    assert "Moderationslink" in texts(at)


def test_demo_session_has_a_dozen_participants(store: Store) -> None:
    """The demo button opens a seeded session with twelve simulated participants."""
    at = page("facilitate")
    next(b for b in at.button if b.label == "Demo-Workshop öffnen").click().run()
    counts = store.counts(at.query_params["code"])
    assert (counts.participants, counts.weights, counts.votes) == (12, 12, 12)


def test_pace_the_phases(store: Store, session: tuple[str, str]) -> None:
    """Choosing a phase in the console moves the session there."""
    code, key = session
    at = console(code, key)
    at.segmented_control[1].set_value("vote").run()
    assert store.get_session(code).phase == "vote"


def test_reveal_and_hide(store: Store, session: tuple[str, str]) -> None:
    """The reveal switch shows and hides the results."""
    code, key = session
    at = console(code, key)
    next(t for t in at.toggle if t.label == "Ergebnisse zeigen").set_value(True).run()
    assert store.get_session(code).revealed
    refresh(at, store, code)
    next(t for t in at.toggle if t.label == "Ergebnisse zeigen").set_value(False).run()
    assert not store.get_session(code).revealed


def test_lock_and_unlock_input(store: Store, session: tuple[str, str]) -> None:
    """Switching an input off locks it; on again unlocks it."""
    code, key = session
    at = console(code, key)
    next(t for t in at.toggle if t.label == "Stimmen").set_value(False).run()
    assert "votes" in store.get_session(code).locked
    refresh(at, store, code)
    next(t for t in at.toggle if t.label == "Stimmen").set_value(True).run()
    assert "votes" not in store.get_session(code).locked


def test_start_a_new_round(store: Store, session: tuple[str, str]) -> None:
    """Confirming a new round moves the session to round 2 with results hidden."""
    code, key = session
    store.set_revealed(code, key, True)
    at = console(code, key)
    next(b for b in at.button if b.label == "Neue Runde starten").click().run()
    view = store.get_session(code)
    assert (view.round, view.revealed) == (2, False)


def test_set_the_group_context(store: Store, session: tuple[str, str]) -> None:
    """Context sliders and the group's hybrid parameters are stored for the round."""
    code, key = session
    at = console(code, key)
    complexity = next(s for s in at.slider if s.label.startswith("Anteil neuer und komplexer"))
    complexity.set_value(80.0)
    next(b for b in at.button if b.label == "Kontext übernehmen").click().run()
    context = store.context(code)
    assert context["factors"]["complexity"] == 80.0
    assert set(context["hybrids"]) == {"segment", "affinity", "tiered_swarm", "pods_swarm"}


def test_moderate_a_concern(store: Store, session: tuple[str, str]) -> None:
    """Hiding a concern takes it off the participants' list; showing brings it back."""
    code, key = session
    token = store.join(code).token
    concern = store.add_concern(code, token, "Unpassender Beitrag")
    at = console(code, key)
    at.button(key=f"concern.{concern.id}").click().run()
    assert store.concerns(code) == []
    refresh(at, store, code)
    at.button(key=f"concern.{concern.id}").click().run()
    assert [c.id for c in store.concerns(code)] == [concern.id]


def test_notes_per_phase(store: Store, session: tuple[str, str]) -> None:
    """A note written in the console is stored for its phase."""
    code, key = session
    at = console(code, key)
    at.text_area[0].input("Sorgen zur Vertretung ernst nehmen.")
    next(b for b in at.button if b.label == "Notiz speichern").click().run()
    assert store.notes(code, key)["welcome"] == "Sorgen zur Vertretung ernst nehmen."


def test_counts_never_names(store: Store, session: tuple[str, str]) -> None:
    """The console counts submissions but never lists who submitted."""
    code, key = session
    token = store.join(code, nickname="Kim Beispiel").token
    store.submit_weights(code, token, {"FCR": 7})
    at = console(code, key)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Beigetreten"] == "1"
    assert "Kim Beispiel" not in texts(at)


def test_counts_show_padding(store: Store, session: tuple[str, str]) -> None:
    """Joined, weighed and voted side by side: identities nobody uses stand out."""
    code, key = session
    tokens = [store.join(code).token for _ in range(4)]
    store.submit_weights(code, tokens[0], {"FCR": 7})
    for lang, labels in (
        ("de", ("Beigetreten", "Gewichtet", "Abgestimmt")),
        ("en", ("Joined", "Weighed", "Voted")),
    ):
        at = page("facilitate", code=code, key=key, lang=lang)
        metrics = {m.label: m.value for m in at.metric}
        assert [metrics[label] for label in labels] == ["4", "1", "0"], lang


# --- nobody but the key holder steers ------------------------------------------------------


def test_participant_token_does_not_open_the_console(
    store: Store, session: tuple[str, str]
) -> None:
    """A participant who puts their own token in as the key sees only the create form."""
    code, _ = session
    token = store.join(code).token
    at = page("facilitate", code=code, key=token)
    assert at.title[0].value == "Neuen Workshop anlegen"
    assert "passt nicht" in texts(at)
    assert not at.toggle
    assert not [w for w in at.segmented_control if str(w.key) == "phase"]


@pytest.mark.parametrize("key", ["", "x", "A" * 500, "' OR 1=1 --", "ключ🔑"])
def test_crafted_keys_are_refused(store: Store, session: tuple[str, str], key: str) -> None:
    """Wrong keys of any length or shape never reach the console."""
    code, _ = session
    at = page("facilitate", code=code, key=key)
    assert at.title[0].value == "Neuen Workshop anlegen"
    assert not at.toggle


def test_participant_page_has_no_steering(store: Store, session: tuple[str, str]) -> None:
    """A participant URL with a facilitator-looking parameter shows no facilitator control."""
    code, _ = session
    token = store.join(code).token
    at = page("participate", code=code, p=token, key="guess", phase="results", revealed="1")
    assert not at.exception
    assert not at.toggle
    assert not [w for w in at.segmented_control if str(w.key) == "phase"]
    assert store.get_session(code).phase == "welcome"


def test_wall_without_key_has_no_steering(store: Store, session: tuple[str, str]) -> None:
    """The public wall shows no facilitator control and changes nothing."""
    code, _ = session
    at = page("wall", code=code, key="guess")
    assert not at.exception
    assert not at.toggle and not at.button
    assert store.get_session(code).last_seq == 1


def test_start_the_context_from_a_typical_situation(store: Store, session: tuple[str, str]) -> None:
    """Choosing a situation and applying it stores its factor values; hybrids stay open."""
    code, key = session
    at = console(code, key)
    at.selectbox(key=f"scenario.{code}.1").set_value("insurer").run()
    assert "Vier-Augen-Prinzip" in texts(at)
    next(b for b in at.button if b.label == "Werte dieser Ausgangslage einsetzen").click().run()
    context = store.context(code)
    assert context["factors"] == dict(default_pack().scenario("insurer").context)
    assert context["hybrids"] == {}
    regulation = next(s for s in at.slider if s.label.startswith("Regulierung"))
    assert regulation.value == 90.0
