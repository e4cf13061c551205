"""Weights, votes and context per round: idempotent submits and comparable rounds."""

from __future__ import annotations

import math
from typing import Any

import pytest
from store_support import Database

from workshop.errors import InvalidInput, WorkshopError
from workshop.store import Joined, Store


def test_double_submit_keeps_one_ballot_with_the_last_weights(
    store: Store, db: Database, code: str, alice: Joined
) -> None:
    """Submitting twice replaces the ballot: one row, the latest weights."""
    store.submit_weights(code, alice.token, {"SPD": 1, "FCR": 2})
    ballot = store.submit_weights(code, alice.token, {"SPD": 5, "FCR": 4.5})
    assert db.count("ballots") == 1
    assert ballot.weights == {"SPD": 5.0, "FCR": 4.5}
    assert store.weights_of(code, alice.token) == ballot
    assert store.all_weights(code) == {alice.participant_id: ballot}


def test_ballot_carries_hybrid_params_and_role_group(
    store: Store, code: str, alice: Joined
) -> None:
    """Hybrid parameters round-trip; the ballot names the participant's role group."""
    ballot = store.submit_weights(code, alice.token, {"SPD": 3}, {"share_dedicated": 0.3})
    assert ballot.hybrid_params == {"share_dedicated": 0.3}
    assert (ballot.role_group, ballot.round) == ("Service", 1)


def test_no_ballot_before_submitting(store: Store, code: str, alice: Joined) -> None:
    """weights_of and vote_of are None until the participant submits."""
    assert store.weights_of(code, alice.token) is None
    assert store.vote_of(code, alice.token) is None
    assert store.all_weights(code) == {}


@pytest.mark.parametrize(
    "weights",
    [
        {},
        {"SPD": math.nan},
        {"SPD": math.inf},
        {"SPD": True},
        {"SPD": "3"},
        {"": 3},
        {3: 3},
        ["SPD", 3],
        {f"C{i}": 1 for i in range(201)},
    ],
)
def test_invalid_weights_change_nothing(
    store: Store, db: Database, code: str, alice: Joined, weights: Any
) -> None:
    """Malformed weights are refused and the stored ballot stays as it was."""
    store.submit_weights(code, alice.token, {"SPD": 2})
    before = db.rows()
    with pytest.raises(InvalidInput):
        store.submit_weights(code, alice.token, weights)
    assert db.rows() == before


def test_double_vote_keeps_one_vote(store: Store, db: Database, code: str, alice: Joined) -> None:
    """A vote resubmitted replaces the earlier one."""
    store.submit_vote(code, alice.token, {"dots": {"OWN": 3}})
    vote = store.submit_vote(code, alice.token, {"dots": {"OWN": 1, "TIER": 2}})
    assert db.count("votes") == 1
    assert store.votes(code) == {alice.participant_id: vote}
    assert store.vote_of(code, alice.token) == vote


@pytest.mark.parametrize(
    "vote", [["OWN"], "OWN", {"x": math.nan}, {"x": {1, 2}}, {"x": "y" * 70000}]
)
def test_malformed_vote_is_refused(store: Store, code: str, alice: Joined, vote: Any) -> None:
    """A vote must be a JSON object of reasonable size."""
    with pytest.raises(InvalidInput):
        store.submit_vote(code, alice.token, vote)
    assert store.vote_of(code, alice.token) is None


def test_new_round_keeps_earlier_rounds_comparable(
    store: Store, code: str, key: str, alice: Joined, bob: Joined
) -> None:
    """Round 2 starts empty; round 1's ballots and votes stay readable and unchanged."""
    first = store.submit_weights(code, alice.token, {"SPD": 1})
    store.submit_weights(code, bob.token, {"SPD": 2})
    store.submit_vote(code, alice.token, {"choice": "OWN"})
    assert store.start_round(code, key).round == 2
    assert store.all_weights(code) == {}
    second = store.submit_weights(code, alice.token, {"SPD": 5})
    assert store.all_weights(code, round=1)[alice.participant_id] == first
    assert store.all_weights(code, round=2) == {alice.participant_id: second}
    assert store.weights_of(code, alice.token, round=1) == first
    assert set(store.votes(code, round=1)) == {alice.participant_id}
    assert store.votes(code) == {}


def test_new_round_reopens_voting_and_hides_results(store: Store, code: str, key: str) -> None:
    """A new round unlocks every input and hides results (issue 15: comments and concerns
    locked in round 1 stayed locked in round 2)."""
    for kind in ("weights", "votes", "comments", "concerns"):
        store.set_locked(code, key, kind, True)
    store.set_revealed(code, key, True)
    view = store.start_round(code, key)
    assert (view.locked, view.revealed) == (frozenset(), False)


def test_context_is_per_round_and_carried_over(store: Store, code: str, key: str) -> None:
    """The context of round 1 is copied into round 2; changing round 2 leaves round 1 alone."""
    assert store.context(code) == {}
    store.set_context(code, key, {"volume": 3, "complexity": 4})
    store.start_round(code, key)
    assert store.context(code) == {"volume": 3, "complexity": 4}
    store.set_context(code, key, {"volume": 5})
    assert store.context(code) == {"volume": 5}
    assert store.context(code, round=1) == {"volume": 3, "complexity": 4}


@pytest.mark.parametrize("round_no", [0, -1, "1", True, 1.0])
def test_round_must_be_a_positive_whole_number(store: Store, code: str, round_no: Any) -> None:
    """Reading a round refuses anything but a whole number from 1 on."""
    with pytest.raises(InvalidInput):
        store.all_weights(code, round=round_no)


def test_counts_follow_the_current_round(
    store: Store, code: str, key: str, alice: Joined, bob: Joined
) -> None:
    """counts() tells the facilitator how many took part in the current round."""
    store.submit_weights(code, alice.token, {"SPD": 1})
    store.submit_weights(code, bob.token, {"SPD": 2})
    store.submit_vote(code, bob.token, {"choice": "OWN"})
    store.add_comment(code, alice.token, "general", None, "Hm")
    hidden = store.add_comment(code, bob.token, "general", None, "Spam")
    store.set_comment_hidden(code, key, hidden.id, True)
    store.add_concern(code, alice.token, "Budget?", "question")
    counts = store.counts(code)
    assert (counts.participants, counts.weights, counts.votes) == (2, 2, 1)
    assert (counts.comments, counts.concerns) == (1, 1)
    store.start_round(code, key)
    counts = store.counts(code)
    assert (counts.participants, counts.weights, counts.votes, counts.comments) == (2, 0, 0, 0)


def test_a_save_is_four_statements_and_numbers_its_event(
    store: Store, code: str, alice: Joined
) -> None:
    """Lock and event number in one statement, the participant, the input, the event (and the
    commit): each is a round trip on PostgreSQL, and every slider move is a save."""
    from sqlalchemy import event

    before = store.last_seq(code)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]).split()[0].upper())

    event.listen(store._engine, "before_cursor_execute", count)  # type: ignore[attr-defined]
    try:
        store.submit_weights(code, alice.token, {"SPD": 4})
    finally:
        event.remove(store._engine, "before_cursor_execute", count)  # type: ignore[attr-defined]
    assert [s for s in statements if s != "BEGIN"] == ["UPDATE", "SELECT", "INSERT", "INSERT"]
    assert store.last_seq(code) == before + 1
    assert [e.kind for e in store.events_since(code, before)] == ["weights_submitted"]


@pytest.mark.parametrize("refusal", ["locked", "unknown participant", "expired"])
def test_a_refused_save_takes_no_event_number(
    store: Store, db: Database, clock: Any, code: str, key: str, alice: Joined, refusal: str
) -> None:
    """The event number the save took with its lock goes back with the refusal."""
    store.submit_weights(code, alice.token, {"SPD": 2})
    token = alice.token
    if refusal == "locked":
        store.set_locked(code, key, "weights", True)
    elif refusal == "unknown participant":
        token = "no-such-token"
    before, rows = store.last_seq(code), db.rows()
    if refusal == "expired":
        clock.advance(days=400)
    with pytest.raises(WorkshopError):
        store.submit_weights(code, token, {"SPD": 9})
    if refusal == "expired":
        clock.advance(days=-400)
    assert store.last_seq(code) == before
    assert db.rows() == rows
