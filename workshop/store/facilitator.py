"""Facilitator steering: phase, locks, reveal, rounds, settings, context, notes and the pilot.

Every method takes the facilitator key and checks it here, inside the transaction that makes
the change, so no caller can steer a session by forgetting a check.  A change that changes
nothing (the phase it already is, say) writes no event, so pollers are not woken for nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Column, delete, insert, select, update
from sqlalchemy.engine import Connection, Row

from workshop.errors import InvalidInput, InvalidSettings
from workshop.store import schema
from workshop.store.records import INPUT_KINDS, PHASES, JsonObject, SessionSettings, SessionView
from workshop.store.sessions import SessionOps
from workshop.store.sql import upsert
from workshop.store.validate import (
    MAX_EARLIER_BYTES,
    MAX_NOTE,
    clean_choice,
    clean_text,
    json_object_text,
    load_json_object,
)

# A new round is a new start: every input opens again (a concern locked in round 1 must be
# possible in round 2) and results are hidden until revealed.
REOPENED_BY_NEW_ROUND = frozenset(INPUT_KINDS)

SessionChange = Callable[[Connection, Row[Any]], None]


def _flag(value: object, field: str) -> bool:
    """Return `value` if it is a real bool (so "false" cannot be taken for True)."""
    if not isinstance(value, bool):
        raise InvalidInput(f"{field} must be true or false.", field=field)
    return value


class FacilitatorOps(SessionOps):
    """Operations only the holder of the facilitator key may perform."""

    def _steer(self, code: str, key: str, change: SessionChange) -> SessionView:
        """Run `change` on the locked session after checking the key; return the new state."""
        with self._write() as connection:
            row = self._lock_session(connection, code)
            self._require_key(row, key)
            change(connection, row)
            return self._view(connection, self._find_session(connection, code))

    def _update_session(self, connection: Connection, session_id: int, **values: Any) -> None:
        sessions = schema.sessions
        connection.execute(update(sessions).where(sessions.c.id == session_id).values(**values))

    def set_phase(self, code: str, key: str, phase: str) -> SessionView:
        """Move the session to `phase` (one of PHASES)."""
        wanted = clean_choice(phase, "phase", PHASES)

        def change(connection: Connection, row: Row[Any]) -> None:
            if row.phase != wanted:
                self._update_session(connection, row.id, phase=wanted)
                payload = {"phase": wanted, "previous": row.phase}
                self._log(connection, row.id, "phase_changed", payload)

        return self._steer(code, key, change)

    def set_locked(self, code: str, key: str, kind: str, locked: bool) -> SessionView:
        """Lock or unlock one kind of participant input (one of INPUT_KINDS)."""
        wanted_kind = clean_choice(kind, "kind", INPUT_KINDS)
        wanted = _flag(locked, "locked")

        def change(connection: Connection, row: Row[Any]) -> None:
            current = set(json.loads(row.locked_json))
            if (wanted_kind in current) != wanted:
                updated = current | {wanted_kind} if wanted else current - {wanted_kind}
                self._update_session(connection, row.id, locked_json=json.dumps(sorted(updated)))
                payload = {"kind": wanted_kind, "locked": wanted}
                self._log(connection, row.id, "lock_changed", payload)

        return self._steer(code, key, change)

    def set_revealed(self, code: str, key: str, revealed: bool) -> SessionView:
        """Show or hide the group's results."""
        wanted = _flag(revealed, "revealed")

        def change(connection: Connection, row: Row[Any]) -> None:
            if bool(row.revealed) != wanted:
                self._update_session(connection, row.id, revealed=wanted)
                self._log(connection, row.id, "reveal_changed", {"revealed": wanted})

        return self._steer(code, key, change)

    def start_round(self, code: str, key: str) -> SessionView:
        """Start the next round: earlier rounds stay, the context is carried over.

        Every input is unlocked and results are hidden again, so the re-vote is blind.
        """

        def change(connection: Connection, row: Row[Any]) -> None:
            new_round = row.round_no + 1
            still_locked = set(json.loads(row.locked_json)) - REOPENED_BY_NEW_ROUND
            self._update_session(
                connection,
                row.id,
                round_no=new_round,
                revealed=False,
                locked_json=json.dumps(sorted(still_locked)),
            )
            self._carry_context_over(connection, row.id, row.round_no, new_round)
            self._log(connection, row.id, "round_started", {"round": new_round})

        return self._steer(code, key, change)

    def _carry_context_over(
        self, connection: Connection, session_id: int, old_round: int, new_round: int
    ) -> None:
        contexts = schema.contexts
        carried = connection.execute(
            select(contexts.c.values_json).where(
                contexts.c.session_id == session_id, contexts.c.round_no == old_round
            )
        ).scalar_one_or_none()
        if carried is not None:
            connection.execute(
                insert(contexts).values(
                    session_id=session_id,
                    round_no=new_round,
                    values_json=carried,
                    updated_at=self._now(),
                )
            )

    def update_settings(self, code: str, key: str, settings: SessionSettings) -> SessionView:
        """Replace the session's settings (participants keep a role group that was removed)."""
        if not isinstance(settings, SessionSettings):
            raise InvalidSettings(field="settings")
        settings_json = json.dumps(settings.to_dict(), ensure_ascii=False)

        def change(connection: Connection, row: Row[Any]) -> None:
            if row.settings_json != settings_json:
                self._update_session(connection, row.id, settings_json=settings_json)
                self._log(connection, row.id, "settings_changed", settings.to_dict())

        return self._steer(code, key, change)

    def set_context(self, code: str, key: str, values: JsonObject) -> SessionView:
        """Set the group's context settings for the current round (replacing earlier values)."""
        values_json = json_object_text(values, "context")

        def change(connection: Connection, row: Row[Any]) -> None:
            contexts = schema.contexts
            current = connection.execute(
                select(contexts.c.values_json).where(
                    contexts.c.session_id == row.id, contexts.c.round_no == row.round_no
                )
            ).scalar_one_or_none()
            if current == values_json:
                return
            row_values = {
                "session_id": row.id,
                "round_no": row.round_no,
                "values_json": values_json,
                "updated_at": self._now(),
            }
            upsert(connection, contexts, row_values, ("session_id", "round_no"))
            payload = {"round": row.round_no, "values": load_json_object(values_json)}
            self._log(connection, row.id, "context_set", payload)

        return self._steer(code, key, change)

    def set_note(self, code: str, key: str, phase: str, text: str) -> SessionView:
        """Write the facilitator's note for a phase; empty text removes it."""
        wanted_phase = clean_choice(phase, "phase", PHASES)
        note = clean_text(text, "note", MAX_NOTE, multiline=True, required=False)

        def change(connection: Connection, row: Row[Any]) -> None:
            notes = schema.notes
            where = (notes.c.session_id == row.id, notes.c.phase == wanted_phase)
            current = connection.execute(select(notes.c.text).where(*where)).scalar_one_or_none()
            if (current or "") == note:
                return
            connection.execute(delete(notes).where(*where))
            if note:
                connection.execute(
                    insert(notes).values(
                        session_id=row.id, phase=wanted_phase, text=note, updated_at=self._now()
                    )
                )
            self._log(connection, row.id, "note_set", {"phase": wanted_phase})

        return self._steer(code, key, change)

    def notes(self, code: str, key: str) -> dict[str, str]:
        """Return the facilitator's notes by phase (phases without a note are left out).

        The notebook is private to the facilitator: reading it needs the key too.
        """
        notes = schema.notes
        with self._read() as connection:
            session = self._find_session(connection, code)
            self._require_key(session, key)
            rows = connection.execute(
                select(notes.c.phase, notes.c.text).where(notes.c.session_id == session.id)
            ).all()
        by_phase = {row.phase: row.text for row in rows}
        return {phase: by_phase[phase] for phase in PHASES if phase in by_phase}

    # --- the pilot plan -------------------------------------------------------------------

    def set_pilot(self, code: str, key: str, plan: JsonObject | None) -> SessionView:
        """Store the pilot plan the group agreed on (a JSON object); None or {} removes it.

        The domain layer (``workshop.rounds.pilot``) checks the plan's fields; the store keeps
        any JSON object of reasonable size.  Writing the stored plan again logs nothing.
        """
        plan_text = None if not plan else json_object_text(plan, "pilot")

        def change(connection: Connection, row: Row[Any]) -> None:
            pilots = schema.pilot_plans
            if self._replace_document(
                connection, row.id, pilots.c.plan_json, "updated_at", plan_text
            ):
                self._log(connection, row.id, "pilot_set", {"set": plan_text is not None})

        return self._steer(code, key, change)

    def set_earlier_results(self, code: str, key: str, results: JsonObject) -> SessionView:
        """Keep the earlier workshop's results with this session (set when it is imported).

        ``results`` is the JSON export's summary of the earlier rounds (only what the room
        could see); the store keeps any JSON object of reasonable size and replaces an
        earlier one.  Writing the same again logs nothing.
        """
        text = json_object_text(results, "earlier_results", MAX_EARLIER_BYTES)

        def change(connection: Connection, row: Row[Any]) -> None:
            earlier = schema.earlier_results
            if self._replace_document(
                connection, row.id, earlier.c.results_json, "created_at", text
            ):
                self._log(connection, row.id, "earlier_results_set", {})

        return self._steer(code, key, change)

    def earlier_results(self, code: str) -> JsonObject | None:
        """The earlier workshop's results kept with this session, or None (not imported).

        Group results only, which the room saw in the earlier workshop: every reader may
        see them.
        """
        return self._document(code, schema.earlier_results.c.results_json)

    def pilot(self, code: str) -> JsonObject | None:
        """Return the session's pilot plan, or None if none is set.

        The plan is what the group agreed to try next, so every reader of the session may
        see it (the phones and the wall show it); only the facilitator may change it.
        """
        return self._document(code, schema.pilot_plans.c.plan_json)

    # --- one JSON document per session (the pilot plan, the earlier results) ----------------

    def _replace_document(
        self,
        connection: Connection,
        session_id: int,
        column: Column[Any],
        stamp: str,
        text: str | None,
    ) -> bool:
        """Make `text` the session's document in `column`'s table (None removes it), with the
        time of the change in the column `stamp`; False when it is that already."""
        table = column.table
        where = table.c.session_id == session_id
        current = connection.execute(select(column).where(where)).scalar_one_or_none()
        if current == text:
            return False
        connection.execute(delete(table).where(where))
        if text is not None:
            values = {"session_id": session_id, column.name: text, stamp: self._now()}
            connection.execute(insert(table).values(values))
        return True

    def _document(self, code: str, column: Column[Any]) -> JsonObject | None:
        """The session's document in `column` (any reader may see it), or None if unset."""
        with self._read() as connection:
            session_id = self._session_id(connection, code)
            text = connection.execute(
                select(column).where(column.table.c.session_id == session_id)
            ).scalar_one_or_none()
        return None if text is None else load_json_object(text)
