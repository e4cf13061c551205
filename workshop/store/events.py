"""Reading the event log: "what happened in session X since sequence N", and a cheap version.

The log is the table ``events`` keyed by (session_id, seq); ``seq`` is assigned under the
session's row lock in the transaction that made the change (see `workshop.store.base`), so a
reader that remembers the last seq it saw never misses an event.
"""

from __future__ import annotations

import json

from sqlalchemy import and_, select

from workshop.errors import InvalidInput, SessionNotFound
from workshop.store import schema
from workshop.store.base import StoreCore
from workshop.store.credentials import normalise_join_code
from workshop.store.records import Event


def _check_count(value: object, field: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInput(f"{field} must be a whole number from {minimum} on.", field=field)
    return value


def _known_code(code: str) -> str:
    """Return the normalised join code, or refuse one that no session can have."""
    normalised = normalise_join_code(code)
    if normalised is None:
        raise SessionNotFound()
    return normalised


class EventOps(StoreCore):
    """Polling and replaying a session's event log."""

    def last_seq(self, code: str) -> int:
        """Return the session's newest event number: poll this to learn whether anything changed."""
        normalised = _known_code(code)
        sessions = schema.sessions
        with self._read() as connection:
            seq = connection.execute(
                select(sessions.c.last_seq).where(sessions.c.code == normalised)
            ).scalar_one_or_none()
        if seq is None:
            raise SessionNotFound()
        return int(seq)

    def events_since(self, code: str, seq: int = 0, limit: int | None = None) -> list[Event]:
        """Return the session's events after `seq` in order, at most `limit` of them.

        One query: the session row joined to the range ``seq > N`` of the events key, so an
        unknown session and "nothing new" are told apart without a second round trip.
        """
        after = _check_count(seq, "seq", 0)
        most = None if limit is None else _check_count(limit, "limit", 1)
        sessions, events = schema.sessions, schema.events
        query = (
            select(events.c.seq, events.c.kind, events.c.payload_json, events.c.created_at)
            .select_from(sessions)
            .outerjoin(events, and_(events.c.session_id == sessions.c.id, events.c.seq > after))
            .where(sessions.c.code == _known_code(code))
            .order_by(events.c.seq)
            .limit(most)
        )
        with self._read() as connection:
            rows = connection.execute(query).all()
        if not rows:
            raise SessionNotFound()
        return [
            Event(row.seq, row.kind, json.loads(row.payload_json), row.created_at)
            for row in rows
            if row.seq is not None  # the outer join's row for a session with nothing new
        ]
