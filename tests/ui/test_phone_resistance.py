"""The resistance phase on the phone (issue 16): sliders, saving, what would lower it, results."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import page, refresh, texts
from support.seeding import new_session

from workshop.engine.ballots import STATUS_QUO, validate_resistance
from workshop.errors import InvalidResistance
from workshop.packs import default_pack
from workshop.rounds.resistance import rated_options
from workshop.store import Store
from workshop.text.i18n import t
from workshop.ui.participant import resistance

PACK = default_pack()
OPTIONS = rated_options(PACK)
SAVE = {"de": "Widerstand speichern", "en": "Save my resistance"}


@pytest.fixture
def store(ui_store: Store) -> Store:
    return ui_store


def _session(store: Store, threshold: int = 3) -> tuple[str, str, str]:
    """A session in the resistance phase and one participant's token."""
    code, key = new_session(store, anonymity_threshold=threshold)
    token = store.join(code).token
    store.set_phase(code, key, "resistance")
    return code, key, token


def _ratings(low: str | None = None, **values: int) -> dict[str, int]:
    """Every option and keep-as-today rated 5, `low` 0, and the given values."""
    ratings = dict.fromkeys([*OPTIONS, STATUS_QUO], 5) | values
    if low is not None:
        ratings[low] = 0
    return validate_resistance(ratings, OPTIONS)


def _save(at: AppTest, lang: str = "de") -> AppTest:
    return next(b for b in at.button if b.label == SAVE[lang]).click().run()


def _others_rate(store: Store, code: str, n: int, ratings: dict[str, int]) -> None:
    for _ in range(n):
        store.submit_resistance(code, store.join(code).token, ratings)


def test_a_slider_for_every_option_and_keep_as_today(store: Store) -> None:
    """Pure options, then hybrids (marked), then keeping things as today; all start unsaved."""
    code, _, token = _session(store)
    at = page("participate", code=code, p=token)
    assert not at.exception
    assert [s.key for s in at.slider] == [f"res.1.{o}" for o in (*OPTIONS, STATUS_QUO)]
    labels = [s.label for s in at.slider]
    assert labels[-1] == "So bleiben wie heute"
    hybrids = len(PACK.hybrids)
    assert all("Mischform" in label for label in labels[-1 - hybrids : -1])
    assert {s.value for s in at.slider} == {0}
    assert "Noch nicht gespeichert" in texts(at)
    assert store.resistance_of(code, token) is None


def test_saving_stores_exactly_the_ratings_shown(store: Store) -> None:
    """The button stores what the sliders show; a later move is flagged until saved again."""
    code, _, token = _session(store)
    at = page("participate", code=code, p=token)
    at.slider(key="res.1.pods").set_value(8)
    at.slider(key=f"res.1.{STATUS_QUO}").set_value(3)
    _save(at)
    assert not at.exception
    expected = dict.fromkeys([*OPTIONS, STATUS_QUO], 0) | {"pods": 8, STATUS_QUO: 3}
    stored = store.resistance_of(code, token)
    assert stored is not None and stored.ratings == expected
    assert "Ihr Widerstand ist gespeichert" in texts(at)
    at.slider(key="res.1.pods").set_value(2).run()
    assert "Geändert, aber noch nicht gespeichert" in texts(at)
    assert "Ihr Widerstand ist gespeichert" not in texts(at)
    assert store.resistance_of(code, token).ratings == expected  # moving is not saving
    reloaded = page("participate", code=code, p=token)
    assert reloaded.slider(key="res.1.pods").value == 8
    assert "Ihr Widerstand ist gespeichert" in texts(reloaded)


def test_english_phone_names_keep_as_today(store: Store) -> None:
    code, _, token = _session(store)
    at = page("participate", code=code, p=token, lang="en")
    assert at.slider[-1].label == "Keep as today"
    assert "0 = no resistance · 10 = strongest resistance" in texts(at)
    _save(at, "en")
    assert "Your resistance is saved" in texts(at)


def test_invalid_ratings_are_refused_with_the_translated_message(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rating the domain refuses is not stored; the phone says why and keeps the values."""
    code, _, token = _session(store)

    def refuse(ratings: object, option_ids: object) -> dict[str, int]:
        raise InvalidResistance("off the scale", reason="range")

    monkeypatch.setattr(resistance, "validate_resistance", refuse)
    at = page("participate", code=code, p=token)
    at.slider(key="res.1.swarming").set_value(6)
    _save(at)
    assert not at.exception
    shown = texts(at)
    assert t("error.invalid_resistance", "de") in shown
    assert "Nicht gespeichert" in shown
    assert store.resistance_of(code, token) is None
    assert at.slider(key="res.1.swarming").value == 6


def test_locked_resistance_shows_the_locked_info_and_stores_nothing(store: Store) -> None:
    code, key, token = _session(store)
    store.set_locked(code, key, "resistance", True)
    at = page("participate", code=code, p=token)
    assert all(s.disabled for s in at.slider)
    assert next(b for b in at.button if b.label == SAVE["de"]).disabled
    assert "Widerstandswerte: Die Moderation hat diese Eingabe gerade geschlossen." in texts(at)
    assert store.resistance_of(code, token) is None


def test_a_lock_after_the_page_was_drawn_is_said_and_keeps_the_values(store: Store) -> None:
    """The facilitator closes the input while the phone still shows its button."""
    code, key, token = _session(store)
    at = page("participate", code=code, p=token)
    store.set_locked(code, key, "resistance", True)
    at.slider(key="res.1.tiered").set_value(4)
    _save(at)
    assert not at.exception
    assert t("error.input_locked", "de") in texts(at)
    assert store.resistance_of(code, token) is None
    assert at.slider(key="res.1.tiered").value == 4


def test_what_would_lower_the_resistance_becomes_a_concern_on_the_option(store: Store) -> None:
    """Only after a saved rating; it starts at the most resisted option and links the concern."""
    code, _, token = _session(store)
    at = page("participate", code=code, p=token)
    assert "Was würde Ihren Widerstand senken?" not in texts(at)
    at.slider(key="res.1.case_owner").set_value(9)
    at.slider(key="res.1.segment").set_value(4)
    _save(at)
    assert "Was würde Ihren Widerstand senken?" in texts(at)
    picker = at.selectbox[0]
    assert picker.value == "case_owner"  # the highest rating
    picker.set_value("segment")
    at.text_area[0].input("Eine klare Vertretungsregel für Schlüsselkunden.")
    next(b for b in at.button if b.label == "Absenden").click().run()
    assert not at.exception
    (concern,) = store.concerns(code)
    assert (concern.kind, concern.option_id) == ("concern", "segment")
    assert concern.text == "Eine klare Vertretungsregel für Schlüsselkunden."
    assert "Ihr Hinweis steht jetzt bei den Sorgen und Fragen" in texts(at)


def test_before_the_reveal_only_the_count_shows(store: Store) -> None:
    code, _, token = _session(store)
    _others_rate(store, code, 3, _ratings(low="pods"))
    at = page("participate", code=code, p=token)
    shown = texts(at)
    assert "3 Personen haben ihren Widerstand eingeschätzt." in shown
    assert "Den geringsten Widerstand hat" not in shown
    assert "Summe " not in shown


def test_below_the_threshold_only_the_count_shows_after_the_reveal(store: Store) -> None:
    code, key, token = _session(store, threshold=3)
    _others_rate(store, code, 2, _ratings(low="pods"))
    store.set_revealed(code, key, True)
    at = page("participate", code=code, p=token)
    shown = texts(at)
    assert "2 Personen haben ihren Widerstand eingeschätzt." in shown
    assert "ab 3 Einschätzungen" in shown
    assert "Den geringsten Widerstand hat" not in shown
    assert "Summe " not in shown


def test_from_the_threshold_the_least_resisted_option_shows(store: Store) -> None:
    """After the reveal: the least resisted option and a line per option with its total."""
    code, key, token = _session(store, threshold=3)
    _others_rate(store, code, 2, _ratings(low="pods", tiered=8))
    at = page("participate", code=code, p=token)
    at.slider(key="res.1.pods").set_value(1)
    _save(at)  # the third rating: the phone's own, counted at once
    store.set_revealed(code, key, True)
    refresh(at, store, code)
    shown = texts(at)
    assert "3 Personen haben ihren Widerstand eingeschätzt." in shown
    assert f"Den geringsten Widerstand hat: {PACK.option('pods').name.de}" in shown
    lines = next(m.value for m in at.markdown if "Summe " in m.value)
    assert lines.startswith("1\\. **")
    assert "Summe 1 · 0 × 7 oder mehr" in lines  # pods: 0 + 0 + 1
    assert "Summe 16 · 2 × 7 oder mehr" in lines  # tiered: 8 + 8 + 0


def test_tied_least_options_are_named_together(store: Store) -> None:
    code, key, token = _session(store, threshold=3)
    _others_rate(store, code, 3, _ratings(pods=0, swarming=0))
    store.set_revealed(code, key, True)
    at = page("participate", code=code, p=token, lang="en")
    names = (PACK.option("pods").name.en, PACK.option("swarming").name.en)
    assert f"Tied as least resisted: {names[0]} and {names[1]}" in texts(at)


def test_others_rating_reaches_the_phone_without_a_tap(store: Store) -> None:
    """The group's result is followed like the concerns: its push signature moves when
    someone else rates (the count before the reveal, the figures after it), and the page's
    follower then redraws it."""
    code, key, token = _session(store, threshold=3)
    at = page("participate", code=code, p=token)
    assert "0 Personen haben ihren Widerstand eingeschätzt." in texts(at)
    drawn = at.session_state["_resistance_group_drawn"]
    assert drawn[0] == code

    def now() -> tuple[object, ...]:
        return resistance.group_signature(store.get_session(code))

    assert now() == drawn[1]
    _others_rate(store, code, 3, _ratings(low="pods"))
    counted = now()
    assert counted != drawn[1]  # the follower redraws the phone
    store.set_revealed(code, key, True)
    refresh(at, store, code)
    assert "3 Personen haben ihren Widerstand eingeschätzt." in texts(at)
    assert at.session_state["_resistance_group_drawn"][1] == now()
    _others_rate(store, code, 1, _ratings(low="tiered"))
    assert now() != at.session_state["_resistance_group_drawn"][1]  # the figures moved too


def test_another_phase_follows_no_group_result(store: Store) -> None:
    code, key, token = _session(store)
    at = page("participate", code=code, p=token)
    assert "_resistance_group_drawn" in at.session_state
    store.set_phase(code, key, "results")
    refresh(at, store, code)
    assert "_resistance_group_drawn" not in at.session_state
