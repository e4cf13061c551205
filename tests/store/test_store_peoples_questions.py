"""Resistance ratings, the concerns' status and answer, and the pilot plan in the store."""

from __future__ import annotations

import pytest
from store_support import Database

from workshop.errors import InputLocked, InvalidInput, ItemNotFound, WrongFacilitatorKey
from workshop.store import Joined, Store


def test_resistance_is_one_per_participant_and_round(
    store: Store, code: str, key: str, alice: Joined, bob: Joined
) -> None:
    """A second submit replaces the first; a new round keeps the earlier one apart."""
    store.submit_resistance(code, alice.token, {"pods": 4, "status_quo": 9})
    store.submit_resistance(code, alice.token, {"pods": 2, "status_quo": 8})
    store.submit_resistance(code, bob.token, {"pods": 6, "status_quo": 1})
    mine = store.resistance_of(code, alice.token)
    assert mine is not None and mine.ratings == {"pods": 2, "status_quo": 8}
    assert isinstance(mine.ratings["pods"], int)
    assert set(store.resistances(code)) == {alice.participant_id, bob.participant_id}
    assert store.counts(code).resistance == 2
    store.start_round(code, key)
    assert store.resistances(code) == {}
    assert store.counts(code).resistance == 0
    assert store.resistances(code, round=1)[alice.participant_id].ratings["pods"] == 2


@pytest.mark.parametrize(
    "ratings", [{}, {"pods": "viel"}, {"pods": float("nan")}, {"": 3}, {"pods": True}, [1, 2]]
)
def test_bad_resistance_shapes_store_nothing(
    store: Store, db: Database, code: str, alice: Joined, ratings: object
) -> None:
    """The store refuses anything but option ids mapped to finite numbers."""
    with pytest.raises(InvalidInput):
        store.submit_resistance(code, alice.token, ratings)  # type: ignore[arg-type]
    assert db.count("resistances") == 0


def test_locked_resistance_is_refused(store: Store, code: str, key: str, alice: Joined) -> None:
    """The facilitator can close the resistance round like any other input."""
    store.set_locked(code, key, "resistance", True)
    with pytest.raises(InputLocked):
        store.submit_resistance(code, alice.token, {"pods": 1, "status_quo": 1})


def test_concern_status_and_answer(store: Store, code: str, key: str, alice: Joined) -> None:
    """A concern starts open; the facilitator answers or parks it; the log has no text."""
    concern = store.add_concern(code, alice.token, "Wer vertritt mich im Urlaub?", "question")
    assert (concern.status, concern.answer, concern.option_id) == ("open", None, None)
    before = store.last_seq(code)
    answered = store.set_concern_status(
        code, key, concern.id, "answered", "  Das Kundenteam vertritt sich gegenseitig.  "
    )
    assert answered.status == "answered"
    assert answered.answer == "Das Kundenteam vertritt sich gegenseitig."
    assert store.concerns(code)[0] == answered
    assert store.last_seq(code) == before + 1
    event = store.events_since(code, before)[0]
    assert event.kind == "concern_status_changed"
    assert "Kundenteam" not in str(event.payload)
    store.set_concern_status(
        code, key, concern.id, "answered", "Das Kundenteam vertritt sich gegenseitig."
    )
    assert store.last_seq(code) == before + 1, "setting the same status again logs nothing"
    parked = store.set_concern_status(code, key, concern.id, "parked")
    assert (parked.status, parked.answer) == ("parked", None)


def test_concern_status_is_checked(
    store: Store, db: Database, code: str, key: str, alice: Joined
) -> None:
    """Unknown statuses, overlong answers, wrong keys and unknown concerns change nothing."""
    concern = store.add_concern(code, alice.token, "Sorge")
    before = db.rows()
    with pytest.raises(InvalidInput):
        store.set_concern_status(code, key, concern.id, "done")
    with pytest.raises(InvalidInput):
        store.set_concern_status(code, key, concern.id, "answered", "x" * 1001)
    with pytest.raises(WrongFacilitatorKey):
        store.set_concern_status(code, "wrong", concern.id, "answered")
    with pytest.raises(ItemNotFound):
        store.set_concern_status(code, key, concern.id + 99, "answered")
    assert db.rows() == before


def test_concern_linked_to_an_option(store: Store, code: str, alice: Joined) -> None:
    """An answer to 'what would lower your resistance' keeps the option it is about."""
    concern = store.add_concern(code, alice.token, "Mehr Schulung vorab", option_id="pods")
    assert concern.option_id == "pods"
    assert store.concerns(code)[0].option_id == "pods"
    with pytest.raises(InvalidInput):
        store.add_concern(code, alice.token, "x", option_id="p" * 65)


def test_pilot_plan_is_set_replaced_and_removed(store: Store, code: str, key: str) -> None:
    """The pilot plan is one JSON object per session; {} removes it; only the key may set it."""
    assert store.pilot(code) is None
    plan = {"option": "pods", "team": "Team Nord", "weeks": 8, "measures": ["fcr", "effort"]}
    store.set_pilot(code, key, plan)
    assert store.pilot(code) == plan
    seq = store.last_seq(code)
    store.set_pilot(code, key, dict(plan))
    assert store.last_seq(code) == seq, "the same plan again logs nothing"
    with pytest.raises(WrongFacilitatorKey):
        store.set_pilot(code, "wrong", {"option": "tiered"})
    store.set_pilot(code, key, {})
    assert store.pilot(code) is None


def test_earlier_results_are_kept_and_replaced(store: Store, code: str, key: str) -> None:
    """An imported session keeps the earlier workshop's results; the same again logs nothing."""
    assert store.earlier_results(code) is None
    earlier = {"rounds": [{"round": 1, "ranking": [{"option": "pods", "rank": 1}]}]}
    store.set_earlier_results(code, key, earlier)
    assert store.earlier_results(code) == earlier
    seq = store.last_seq(code)
    store.set_earlier_results(code, key, dict(earlier))
    assert store.last_seq(code) == seq
    with pytest.raises(WrongFacilitatorKey):
        store.set_earlier_results(code, "wrong", {"rounds": []})
    with pytest.raises(InvalidInput):
        store.set_earlier_results(code, key, {"rounds": ["x" * 1000] * 600})
    assert store.earlier_results(code) == earlier
