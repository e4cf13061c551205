"""Session lifecycle: create, read, check the facilitator key, delete, purge expired ones."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from workshop.errors import InvalidSettings, JoinCodeUnavailable
from workshop.store import schema
from workshop.store.base import StoreCore
from workshop.store.credentials import digest, key_matches, new_facilitator_key, new_join_code
from workshop.store.records import LANGUAGES, PHASES, CreatedSession, SessionSettings, SessionView
from workshop.store.validate import (
    MAX_PACK_BYTES,
    MAX_TITLE,
    clean_choice,
    clean_text,
    clean_ttl_days,
    json_object_text,
    load_json_object,
)

# 25**6 codes: a clash is rare, several in a row mean something else is wrong.
JOIN_CODE_ATTEMPTS = 8


def session_view(row: Row[Any], pack_json: str) -> SessionView:
    """Turn a ``sessions`` row (read without its pack) and the session's pack into a view."""
    return SessionView(
        id=row.id,
        code=row.code,
        title=row.title,
        language=row.language,
        pack_json=pack_json,
        phase=row.phase,
        settings=SessionSettings.from_dict(load_json_object(row.settings_json)),
        revealed=bool(row.revealed),
        locked=frozenset(json.loads(row.locked_json)),
        round=row.round_no,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_seq=row.last_seq,
    )


class SessionOps(StoreCore):
    """Creating, reading and removing workshop sessions."""

    def create_session(
        self,
        title: str,
        language: str,
        pack_data: dict[str, Any],
        settings: SessionSettings | None = None,
        ttl_days: float = 30,
    ) -> CreatedSession:
        """Create a session with a fresh join code and facilitator key (the key is shown once).

        `pack_data` is the content pack as a JSON object; it is copied, so editing the pack
        later never changes this session.  The session expires after `ttl_days` days.
        """
        clean_title = clean_text(title, "title", MAX_TITLE)
        clean_language = clean_choice(language, "language", LANGUAGES)
        pack_json = json_object_text(pack_data, "pack_data", MAX_PACK_BYTES)
        chosen = SessionSettings() if settings is None else settings
        if not isinstance(chosen, SessionSettings):
            raise InvalidSettings(field="settings")
        lifetime = timedelta(days=clean_ttl_days(ttl_days))
        key = new_facilitator_key()
        row = {
            "title": clean_title,
            "language": clean_language,
            "pack_json": pack_json,
            "settings_json": json.dumps(chosen.to_dict(), ensure_ascii=False),
            "facilitator_key_hash": digest(key),
            "phase": PHASES[0],
            "revealed": False,
            "locked_json": "[]",
            "last_seq": 0,
            "round_no": 1,
        }
        for _ in range(JOIN_CODE_ATTEMPTS):
            try:
                view = self._insert_session(new_join_code(), row, lifetime)
            except IntegrityError:
                continue  # the code is taken: draw another
            return CreatedSession(code=view.code, facilitator_key=key, session=view)
        raise JoinCodeUnavailable()

    def _insert_session(self, code: str, row: dict[str, Any], lifetime: timedelta) -> SessionView:
        with self._write() as connection:
            now = self._now()
            session_id = connection.execute(
                insert(schema.sessions)
                .values(code=code, created_at=now, expires_at=now + lifetime, **row)
                .returning(schema.sessions.c.id)
            ).scalar_one()
            self._log(connection, session_id, "session_created", {"round": 1})
            return self._view(connection, self._find_session(connection, code))

    def get_session(self, code: str) -> SessionView:
        """Return the session with this join code (expired ones too, until purged)."""
        with self._read() as connection:
            return self._view(connection, self._find_session(connection, code))

    def _view(self, connection: Connection, row: Row[Any]) -> SessionView:
        """The session `row` (as `_find_session` reads it) as a view, with its pack."""
        return session_view(row, self._pack_of(connection, row))

    def check_key(self, code: str, key: str) -> bool:
        """Tell whether `key` is this session's facilitator key (constant-time comparison)."""
        with self._read() as connection:
            row = self._find_session(connection, code)
        return key_matches(key, row.facilitator_key_hash)

    def delete_session(self, code: str, key: str) -> None:
        """Delete the session and everything that belongs to it (expired sessions too)."""
        with self._write() as connection:
            row = self._lock_session(connection, code, allow_expired=True)
            self._require_key(row, key)
            # Every table cascades from sessions (see schema), the event log included.
            connection.execute(delete(schema.sessions).where(schema.sessions.c.id == row.id))

    def purge_expired(self, now: datetime | None = None) -> int:
        """Delete every session whose expiry has passed at `now`; return how many."""
        moment = now or self._now()
        with self._write() as connection:
            result = connection.execute(
                delete(schema.sessions).where(schema.sessions.c.expires_at <= moment)
            )
            return result.rowcount
