"""The event log: one event per change, strictly increasing seq, anonymous payloads."""

from __future__ import annotations

import json

import pytest

from workshop.errors import InputLocked, InvalidInput, SessionNotFound, WrongFacilitatorKey
from workshop.store import Joined, Store


def test_every_change_writes_one_event_in_order(
    store: Store, code: str, key: str, alice: Joined
) -> None:
    """Each change appends exactly one event; seq runs 1, 2, 3, ... without gaps."""
    store.submit_weights(code, alice.token, {"SPD": 1})
    store.submit_vote(code, alice.token, {"choice": "OWN"})
    comment = store.add_comment(code, alice.token, "general", None, "Hallo")
    concern = store.add_concern(code, alice.token, "Frage?", "question")
    store.upvote(code, alice.token, concern.id)
    store.remove_upvote(code, alice.token, concern.id)
    store.set_comment_hidden(code, key, comment.id, True)
    store.set_concern_hidden(code, key, concern.id, True)
    store.update_participant(code, alice.token, "Al", None)
    store.set_phase(code, key, "vote")
    store.set_locked(code, key, "votes", True)
    store.set_revealed(code, key, True)
    store.set_context(code, key, {"volume": 2})
    store.set_note(code, key, "vote", "Notiz")
    store.start_round(code, key)
    events = store.events_since(code, 0)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert [e.kind for e in events] == [
        "session_created",
        "participant_joined",
        "weights_submitted",
        "vote_submitted",
        "comment_added",
        "concern_added",
        "upvote_added",
        "upvote_removed",
        "comment_hidden",
        "concern_hidden",
        "participant_updated",
        "phase_changed",
        "lock_changed",
        "reveal_changed",
        "context_set",
        "note_set",
        "round_started",
    ]
    assert store.last_seq(code) == events[-1].seq == store.get_session(code).last_seq


def test_events_since_returns_only_newer_events(store: Store, code: str, alice: Joined) -> None:
    """events_since(N) returns the events after N in order, limited on request."""
    for value in range(5):
        store.submit_weights(code, alice.token, {"SPD": value})
    last = store.last_seq(code)
    assert [e.seq for e in store.events_since(code, last - 3)] == [last - 2, last - 1, last]
    assert [e.seq for e in store.events_since(code, 0, limit=2)] == [1, 2]
    assert store.events_since(code, last) == []
    payload = store.events_since(code, last - 1)[0].payload
    assert payload == {
        "participant_id": alice.participant_id,
        "round": 1,
        "weights": {"SPD": 4.0},
        "hybrid_params": None,
    }


def test_event_log_of_an_unknown_session_is_refused(store: Store, code: str) -> None:
    """events_since and last_seq raise SessionNotFound for unknown codes; bad numbers too."""
    for unknown in ("AAAAAA", "nonsense"):
        with pytest.raises(SessionNotFound):
            store.events_since(unknown, 0)
        with pytest.raises(SessionNotFound):
            store.last_seq(unknown)
    with pytest.raises(InvalidInput):
        store.events_since(code, -1)
    with pytest.raises(InvalidInput):
        store.events_since(code, 0, limit=0)


def test_changes_that_change_nothing_log_nothing(
    store: Store, code: str, key: str, alice: Joined, bob: Joined
) -> None:
    """Repeating a phase, lock, reveal, context, note, settings or upvote writes no event."""
    concern = store.add_concern(code, alice.token, "?")
    store.upvote(code, alice.token, concern.id)
    store.set_context(code, key, {"volume": 2})
    store.set_note(code, key, "vote", "Notiz")
    before = store.last_seq(code)
    store.set_context(code, key, {"volume": 2})
    store.set_note(code, key, "vote", " Notiz ")
    store.set_note(code, key, "results", "")
    store.remove_upvote(code, bob.token, concern.id)
    store.set_phase(code, key, "welcome")
    store.set_locked(code, key, "votes", False)
    store.set_revealed(code, key, False)
    store.upvote(code, alice.token, concern.id)
    store.update_settings(code, key, store.get_session(code).settings)
    assert store.last_seq(code) == before


def test_refused_changes_log_nothing(store: Store, code: str, key: str, alice: Joined) -> None:
    """A refused operation leaves the event log as it was."""
    before = store.last_seq(code)
    with pytest.raises(WrongFacilitatorKey):
        store.set_phase(code, "wrong", "vote")
    with pytest.raises(InvalidInput):
        store.submit_weights(code, alice.token, {})
    store.set_locked(code, key, "weights", True)
    with pytest.raises(InputLocked):
        store.submit_weights(code, alice.token, {"SPD": 1})
    assert store.last_seq(code) == before + 1


def test_payloads_carry_ids_never_tokens_or_nicknames(
    store: Store, code: str, key: str, alice: Joined
) -> None:
    """No event payload contains a token, the key, a nickname or a comment text."""
    store.update_participant(code, alice.token, "Geheimname", "IT")
    store.submit_weights(code, alice.token, {"SPD": 1})
    store.add_comment(code, alice.token, "general", None, "Vertraulicher Text")
    store.add_concern(code, alice.token, "Vertrauliche Sorge")
    logged = json.dumps([e.payload for e in store.events_since(code, 0)])
    for secret in (alice.token, key, "Alice", "Geheimname", "Vertraulich"):
        assert secret not in logged
    assert str(alice.participant_id) in logged
