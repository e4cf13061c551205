"""The console's side of people's questions (issue 16): concern status and answer, the pilot
plan, the wall's spotlight, and the resistance round in the header and the locks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import page, refresh, texts
from support.seeding import Seeded, new_session

from workshop.engine.ballots import STATUS_QUO
from workshop.packs import default_pack
from workshop.rounds.resistance import rated_options
from workshop.store import Store
from workshop.web import services

PACK = default_pack()
MEASURES = "Woran messen Sie den Erfolg?"


def console(code: str, key: str) -> AppTest:
    return page("facilitate", code=code, key=key)


def _button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def _labelled(elements: Any, label: str) -> Any:
    """The widget with this label (AppTest finds widgets by key only)."""
    return next(e for e in elements if e.label == label)


def _events(store: Store, code: str, since: int, kind: str) -> list[dict[str, object]]:
    return [dict(e.payload) for e in store.events_since(code, since) if e.kind == kind]


def _errors(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in at.error)


# --- concerns: status and answer --------------------------------------------------------------


def test_a_status_and_answer_are_stored(ui_store: Store) -> None:
    """Choosing "answered" with a short answer and saving stores both, logged without text."""
    code, key = new_session(ui_store)
    token = ui_store.join(code).token
    concern = ui_store.add_concern(code, token, "Wer vertritt mich im Urlaub?")
    at = console(code, key)
    start = ui_store.get_session(code).last_seq
    at.selectbox(key=f"status.{concern.id}").set_value("answered")
    at.text_area(key=f"answer.{concern.id}").input("Das Team plant Vertretungen gemeinsam.")
    _button(at, "Stand speichern").click().run()
    assert not at.exception
    stored = ui_store.concerns(code)[0]
    assert (stored.status, stored.answer) == ("answered", "Das Team plant Vertretungen gemeinsam.")
    assert _events(ui_store, code, start, "concern_status_changed") == [
        {"id": concern.id, "status": "answered", "answered": True}
    ]
    # The console shows what is stored, the status in the concern's label.
    assert at.selectbox(key=f"status.{concern.id}").value == "answered"
    assert any("Beantwortet" in e.label for e in at.expander)


def test_an_invalid_answer_is_refused_and_nothing_is_stored(ui_store: Store) -> None:
    """An answer the store refuses is said in words (the session's language); nothing changes."""
    code, key = new_session(ui_store)
    token = ui_store.join(code).token
    concern = ui_store.add_concern(code, token, "Was passiert mit meinen Stammkund:innen?")
    at = console(code, key)
    start = ui_store.get_session(code).last_seq
    at.selectbox(key=f"status.{concern.id}").set_value("parked")
    at.text_area(key=f"answer.{concern.id}").input("Klingel\x07ton")
    _button(at, "Stand speichern").click().run()
    assert not at.exception
    assert "höchstens 1000 Zeichen" in _errors(at)
    stored = ui_store.concerns(code)[0]
    assert (stored.status, stored.answer) == ("open", None)
    assert _events(ui_store, code, start, "concern_status_changed") == []


def test_concerns_show_option_upvotes_and_filter(ui_store: Store) -> None:
    """Each concern names the option it is about (hybrids marked) and its upvotes; the filter
    counts each status and shows only the chosen ones."""
    code, key = new_session(ui_store)
    tokens = [ui_store.join(code).token for _ in range(3)]
    about = ui_store.add_concern(code, tokens[0], "Wer kennt die Kundschaft?", option_id="affinity")
    other = ui_store.add_concern(code, tokens[1], "Wie messen wir Erfolg?", kind="question")
    ui_store.upvote(code, tokens[2], about.id)
    ui_store.set_concern_status(code, key, other.id, "out_of_scope")
    at = console(code, key)
    shown = texts(at)
    assert "Betrifft: Fallverantwortung mit bevorzugter Zuteilung (Mischform)" in shown
    assert "1 × unterstützt" in shown
    pills = at.pills(key="concern_filter")
    assert "Nicht Thema dieses Workshops (1)" in pills.options
    pills.set_value(["out_of_scope"]).run()
    labels = [e.label for e in at.expander if e.label.startswith("▲")]
    assert len(labels) == 1 and "Wie messen wir Erfolg?" in labels[0]


def test_hiding_still_works_next_to_the_status(ui_store: Store) -> None:
    """The hide button stays on each concern (same key as before)."""
    code, key = new_session(ui_store)
    token = ui_store.join(code).token
    concern = ui_store.add_concern(code, token, "Unpassend")
    at = console(code, key)
    at.button(key=f"concern.{concern.id}").click().run()
    assert ui_store.concerns(code) == []
    assert ui_store.concerns(code, include_hidden=True)[0].status == "open"


# --- the pilot plan -----------------------------------------------------------------------


def test_a_valid_pilot_plan_is_stored(ui_store: Store) -> None:
    code, key = new_session(ui_store)
    at = console(code, key)
    _labelled(at.selectbox, "Option für den Pilot").set_value("tiered_swarm")
    _labelled(at.text_input, "Team oder Bereich").input("Team Nord")
    _labelled(at.number_input, "Dauer in Wochen").set_value(6)
    _labelled(at.multiselect, MEASURES).select("fcr").select("wellbeing")
    _labelled(at.text_area, "Weitere Messgrößen (optional)").input("Krankheitstage")
    _button(at, "Pilotplan speichern").click().run()
    assert not at.exception
    assert ui_store.pilot(code) == {
        "option": "tiered_swarm",
        "team": "Team Nord",
        "weeks": 6,
        "measures": ["fcr", "wellbeing"],
        "other_measures": "Krankheitstage",
        "review_on": "",
    }
    # The form now shows the stored plan; Remove takes it away.
    assert _labelled(at.text_input, "Team oder Bereich").value == "Team Nord"
    _button(at, "Pilotplan entfernen").click().run()
    assert ui_store.pilot(code) is None


@pytest.mark.parametrize(
    ("team", "measures", "message"),
    [
        ("", ["fcr"], "Bitte nennen Sie das Team"),
        ("Team Süd", [], "mindestens eine Messgröße"),
    ],
)
def test_an_invalid_pilot_plan_is_refused(
    ui_store: Store, team: str, measures: list[str], message: str
) -> None:
    code, key = new_session(ui_store)
    at = console(code, key)
    _labelled(at.text_input, "Team oder Bereich").input(team)
    for measure in measures:
        _labelled(at.multiselect, MEASURES).select(measure)
    start = ui_store.get_session(code).last_seq
    _button(at, "Pilotplan speichern").click().run()
    assert not at.exception
    assert message in _errors(at)
    assert "Nichts wurde gespeichert." in _errors(at)
    assert ui_store.pilot(code) is None
    assert _events(ui_store, code, start, "pilot_set") == []


def test_the_pilot_starts_from_the_groups_first_option(
    make_session: Callable[..., Seeded],
) -> None:
    """Without a plan the form suggests the group's first-ranked option once results exist."""
    seeded = make_session(participants=5, weights="varied")
    top = services.results_of(services.session_view(seeded.code, fresh=True)).ranking[0].option
    at = console(seeded.code, seeded.key)
    assert _labelled(at.selectbox, "Option für den Pilot").value == top


def test_the_pilot_form_shows_a_stored_plan(ui_store: Store) -> None:
    code, key = new_session(ui_store)
    plan = {
        "option": "pods",
        "team": "Team West",
        "weeks": 10,
        "measures": ["effort"],
        "other_measures": "",
        "review_on": "2026-03-02",
    }
    ui_store.set_pilot(code, key, plan)
    at = console(code, key)
    assert _labelled(at.selectbox, "Option für den Pilot").value == "pods"
    assert _labelled(at.number_input, "Dauer in Wochen").value == 10
    assert _labelled(at.multiselect, MEASURES).value == ["effort"]
    review = _labelled(at.date_input, "Gemeinsame Auswertung am (optional)")
    assert str(review.value) == "2026-03-02"


# --- the wall's spotlight -----------------------------------------------------------------


def test_the_spotlight_is_stored_in_the_settings(ui_store: Store) -> None:
    """Choosing an option stores it as the spotlight; the other settings stay as they were."""
    code, key = new_session(ui_store, anonymity_threshold=4, vote_mode="ranking")
    assert PACK.roles, "the built-in pack has roles"
    at = console(code, key)
    at.selectbox(key="spotlight").set_value("affinity").run()
    assert not at.exception
    settings = ui_store.get_session(code).settings
    assert (settings.spotlight, settings.anonymity_threshold, settings.vote_mode) == (
        "affinity",
        4,
        "ranking",
    )
    at.selectbox(key="spotlight").set_value("").run()
    assert ui_store.get_session(code).settings.spotlight == ""


def test_saving_the_settings_keeps_the_spotlight(ui_store: Store) -> None:
    code, key = new_session(ui_store)
    view = ui_store.get_session(code)
    ui_store.update_settings(code, key, replace(view.settings, spotlight="pods"))
    at = console(code, key)
    assert at.selectbox(key="spotlight").value == "pods"
    _button(at, "Einstellungen speichern").click().run()
    assert ui_store.get_session(code).settings.spotlight == "pods"


# --- the resistance round in the header and the locks -------------------------------------


def test_the_header_counts_resistance_ratings(ui_store: Store) -> None:
    code, key = new_session(ui_store)
    tokens = [ui_store.join(code).token for _ in range(3)]
    ratings = dict.fromkeys((*rated_options(PACK), STATUS_QUO), 4)
    for token in tokens[:2]:
        ui_store.submit_resistance(code, token, ratings)
    at = console(code, key)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Widerstandswerte"] == "2"
    ui_store.submit_resistance(code, tokens[2], ratings)
    refresh(at, ui_store, code)
    assert {m.label: m.value for m in at.metric}["Widerstandswerte"] == "3"


def test_the_resistance_input_can_be_locked(ui_store: Store) -> None:
    code, key = new_session(ui_store)
    at = console(code, key)
    next(t for t in at.toggle if t.label == "Widerstandswerte").set_value(False).run()
    assert "resistance" in ui_store.get_session(code).locked
