"""The machinery every store operation shares: transactions, session locking, the event log.

Write protocol (every change follows it):

1. ``_write()`` opens a transaction (``BEGIN IMMEDIATE`` on SQLite, behind an in-process lock).
2. ``_lock_session()`` locks the session row (``FOR NO KEY UPDATE`` on PostgreSQL) and checks
   that the session exists and has not expired.  All writers of one session queue here, so
   checks made after it (key, lock state, current round) stay true until commit.
3. The change itself, then ``_log()``: it bumps ``sessions.last_seq`` and appends the event
   with that number in the same transaction.  Because writers of a session are serialised,
   events commit in ``seq`` order: a reader asking "since N" never misses one that commits
   later with a lower number.  A participant's input, the most frequent write (every slider
   move), takes step 2 and the bump in one statement (``_lock_session_for_event()``: its
   ``UPDATE … RETURNING`` takes the same row lock), four statements instead of five; a
   refused save rolls the bump back with the rest.

Any error raised inside the transaction rolls it back, so a refused operation changes nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from workshop.errors import (
    InputLocked,
    SessionExpired,
    SessionNotFound,
    StoreUnavailable,
    UnknownParticipant,
    WrongFacilitatorKey,
)
from workshop.store import schema
from workshop.store.credentials import digest, key_matches, normalise_join_code
from workshop.store.engine import WRITE_OPTION

Clock = Callable[[], datetime]

# The statements every operation runs, built once: building a statement costs more than
# running it (SQLAlchemy caches the compiled SQL either way).
_sessions, _participants = schema.sessions, schema.participants
# Every column but the content pack: the pack is large (the store keeps it per session, see
# :meth:`StoreCore._pack_of`), and every save and every look at a session reads this row.
_SESSION_BY_CODE = select(*(c for c in _sessions.c if c.name != "pack_json")).where(
    _sessions.c.code == bindparam("code")
)
_PACK_BY_ID = select(_sessions.c.pack_json).where(_sessions.c.id == bindparam("session_id"))
#: How many sessions' packs a store keeps (a process serves a few workshops at a time).
PACK_CACHE_LIMIT = 64
# NO KEY UPDATE is the lock our own UPDATE of last_seq takes anyway (no lock upgrade), and it
# still lets other transactions' foreign-key checks through.  SQLite ignores it.
_SESSION_BY_CODE_LOCKED = _SESSION_BY_CODE.with_for_update(key_share=True)
_PARTICIPANT_BY_TOKEN = select(_participants).where(
    _participants.c.token_hash == bindparam("token_hash"),
    _participants.c.session_id == bindparam("session_id"),
)
#: Lock the session row and take the next event number in one statement (the session's
#: columns, as _SESSION_BY_CODE reads them, with last_seq already the new event's number).
_LOCK_AND_NUMBER = (
    update(_sessions)
    .where(_sessions.c.code == bindparam("join_code"))  # "code" is the column's own name
    .values(last_seq=_sessions.c.last_seq + 1)
    .returning(*(c for c in _sessions.c if c.name != "pack_json"))
)
_NEXT_SEQ = (
    update(_sessions)
    .where(_sessions.c.id == bindparam("session_id"))
    .values(last_seq=_sessions.c.last_seq + 1)
    .returning(_sessions.c.last_seq)
)


def utc_now() -> datetime:
    """Return the current time in UTC (the default clock)."""
    return datetime.now(UTC)


class StoreCore:
    """Shared state and helpers of the store; the public operations live in the mixins."""

    def __init__(
        self, engine: Engine, *, write_lock: threading.Lock | None = None, clock: Clock = utc_now
    ) -> None:
        self._engine = engine
        self._write_lock = write_lock
        self._clock = clock
        # Packs (JSON text) by (session id, join code, creation time): the code and the time
        # tell a new session from an earlier one whose id the database reused.
        self._packs: dict[tuple[int, str, datetime], str] = {}

    @property
    def backend(self) -> str:
        """Return the back end's name: "sqlite" or "postgresql"."""
        return self._engine.dialect.name

    def close(self) -> None:
        """Close every pooled connection; the store must not be used afterwards."""
        self._engine.dispose()

    def ping(self) -> None:
        """Ask the database a trivial question; raises StoreUnavailable when it cannot answer."""
        with self._read() as connection:
            connection.execute(text("SELECT 1")).scalar_one()

    # --- transactions ---------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """Yield a connection in a read transaction (one snapshot on SQLite)."""
        with translate_database_errors(), self._engine.connect() as connection:
            yield connection

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """Yield a connection in a write transaction that commits when the block ends."""
        lock = self._write_lock or nullcontext()
        with translate_database_errors(), lock, self._engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                yield connection

    def _now(self) -> datetime:
        return self._clock()

    # --- sessions, keys, participants -----------------------------------------------------

    def _lock_session(
        self, connection: Connection, code: str, *, allow_expired: bool = False
    ) -> Row[Any]:
        """Lock the session row for this transaction; refuse unknown (and expired) sessions."""
        row = self._find_session(connection, code, lock=True)
        if not allow_expired and self._now() >= row.expires_at:
            raise SessionExpired()
        return row

    def _lock_session_for_event(self, connection: Connection, code: str) -> Row[Any]:
        """Lock the session row and number the one event this transaction will log (pass
        ``seq=row.last_seq`` to :meth:`_log`); refuse unknown and expired sessions.

        One statement instead of :meth:`_lock_session` and the bump in :meth:`_log`: on
        PostgreSQL each statement is a round trip, and a save is the most frequent write.
        """
        normalised = normalise_join_code(code)
        if normalised is None:
            raise SessionNotFound()
        row = connection.execute(_LOCK_AND_NUMBER, {"join_code": normalised}).one_or_none()
        if row is None:
            raise SessionNotFound()
        if self._now() >= row.expires_at:
            raise SessionExpired()  # rolls the bump back with the transaction
        return row

    def _find_session(self, connection: Connection, code: str, *, lock: bool = False) -> Row[Any]:
        """Return the session row for a join code or raise SessionNotFound."""
        normalised = normalise_join_code(code)
        if normalised is None:
            raise SessionNotFound()
        query = _SESSION_BY_CODE_LOCKED if lock else _SESSION_BY_CODE
        row = connection.execute(query, {"code": normalised}).one_or_none()
        if row is None:
            raise SessionNotFound()
        return row

    def _pack_of(self, connection: Connection, session: Row[Any]) -> str:
        """The session's content pack as stored (JSON text), read once per session: a
        session's pack never changes, and it is the largest thing a session row holds."""
        key = (session.id, session.code, session.created_at)
        pack = self._packs.get(key)
        if pack is None:
            pack = str(connection.execute(_PACK_BY_ID, {"session_id": session.id}).scalar_one())
            if len(self._packs) >= PACK_CACHE_LIMIT:
                self._packs.clear()
            self._packs[key] = pack
        return pack

    def _session_id(self, connection: Connection, code: str) -> int:
        """Return the internal id of a session (no lock, expired sessions included)."""
        session_id: int = self._find_session(connection, code).id
        return session_id

    @staticmethod
    def _require_key(session: Row[Any], key: str) -> None:
        """Refuse a wrong facilitator key, the same way whatever was given."""
        if not key_matches(key, session.facilitator_key_hash):
            raise WrongFacilitatorKey()

    @staticmethod
    def _require_unlocked(session: Row[Any], kind: str) -> None:
        """Refuse input of a kind the facilitator has locked."""
        if kind in json.loads(session.locked_json):
            raise InputLocked(f"The facilitator has closed the input of {kind} for now.", kind=kind)

    @staticmethod
    def _find_participant(connection: Connection, session_id: int, token: str) -> Row[Any] | None:
        """Return the participant row a token belongs to in this session, if any."""
        parameters = {"token_hash": digest(token), "session_id": session_id}
        return connection.execute(_PARTICIPANT_BY_TOKEN, parameters).one_or_none()

    def _require_participant(self, connection: Connection, session_id: int, token: str) -> Row[Any]:
        """Return the participant row of a token or raise UnknownParticipant."""
        row = self._find_participant(connection, session_id, token)
        if row is None:
            raise UnknownParticipant()
        return row

    # --- event log ------------------------------------------------------------------------

    def _log(
        self,
        connection: Connection,
        session_id: int,
        kind: str,
        payload: Mapping[str, Any],
        *,
        seq: int | None = None,
    ) -> int:
        """Append an event with the session's next sequence number and return that number.

        `seq`: the number :meth:`_lock_session_for_event` took already (no second bump).
        """
        if seq is None:
            seq = int(connection.execute(_NEXT_SEQ, {"session_id": session_id}).scalar_one())
        event = {
            "session_id": session_id,
            "seq": seq,
            "kind": kind,
            "payload_json": json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
            "created_at": self._now(),
        }
        connection.execute(insert(schema.events), event)
        return seq


@contextmanager
def translate_database_errors() -> Iterator[None]:
    """Turn connection, lock and pool failures into StoreUnavailable; let bugs surface as is."""
    try:
        yield
    except (OperationalError, InterfaceError, PoolTimeout) as exc:
        raise StoreUnavailable() from exc
