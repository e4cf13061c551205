"""Retention: deleting a session removes everything it owns; purging removes expired only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from store_support import Database, FakeClock

from workshop.errors import SessionNotFound
from workshop.store import Store
from workshop.store.schema import ALL_TABLES


def _fill(store: Store, title: str, ttl_days: float = 30) -> tuple[str, str]:
    """Create a session with a row in every table; return (code, key)."""
    created = store.create_session(title, "de", {"pack": title}, ttl_days=ttl_days)
    code, key = created.code, created.facilitator_key
    people = [store.join(code, nickname=f"P{i}") for i in range(3)]
    for person in people:
        store.submit_weights(code, person.token, {"SPD": 1})
        store.submit_vote(code, person.token, {"choice": "OWN"})
        store.submit_resistance(code, person.token, {"OWN": 3, "status_quo": 7})
    store.add_comment(code, people[0].token, "general", None, "Kommentar")
    concern = store.add_concern(code, people[1].token, "Sorge")
    store.upvote(code, people[2].token, concern.id)
    store.set_context(code, key, {"volume": 1})
    store.set_note(code, key, "welcome", "Notiz")
    store.set_pilot(code, key, {"option": "OWN", "weeks": 8})
    store.set_earlier_results(code, key, {"rounds": [{"round": 1, "ranking": []}]})
    return code, key


def _rows_per_table(db: Database) -> dict[str, int]:
    return {table.name: db.count(table.name) for table in ALL_TABLES}


def test_delete_removes_everything_of_the_session(store: Store, db: Database) -> None:
    """After delete_session only the other session's rows remain, in every table."""
    _fill(store, "Keep")
    only_kept = _rows_per_table(db)
    assert all(only_kept.values()), "every table must hold a row for this test to mean much"
    code, key = _fill(store, "Delete")
    store.delete_session(code, key)
    assert _rows_per_table(db) == only_kept
    with pytest.raises(SessionNotFound):
        store.get_session(code)
    with pytest.raises(SessionNotFound):
        store.join(code)


def test_purge_removes_expired_sessions_only(store: Store, db: Database, clock: FakeClock) -> None:
    """purge_expired deletes sessions past expiry with all their rows and keeps the rest."""
    kept_code, _ = _fill(store, "Long", ttl_days=30)
    only_kept = _rows_per_table(db)
    short_code, _ = _fill(store, "Short", ttl_days=1)
    assert store.purge_expired() == 0
    clock.advance(days=2)
    assert store.purge_expired() == 1
    assert _rows_per_table(db) == only_kept
    assert store.get_session(kept_code).title == "Long"
    with pytest.raises(SessionNotFound):
        store.get_session(short_code)


def test_purge_takes_an_explicit_moment(store: Store) -> None:
    """purge_expired(now) uses the given moment, inclusive of the expiry instant."""
    view = store.create_session("T", "en", {}, ttl_days=1).session
    assert store.purge_expired(view.expires_at - timedelta(seconds=1)) == 0
    assert store.purge_expired(view.expires_at) == 1
