"""Comments, concerns and questions with upvotes, and their moderation.

Event payloads name the comment or concern but carry no text: a hidden (moderated) text must
not live on in the log.  An upvote is a row keyed by (concern, participant), so it counts once
however often it is sent; a repeated upvote or withdrawal changes nothing and logs nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Row

from workshop.errors import InvalidInput, ItemNotFound
from workshop.store import schema
from workshop.store.base import StoreCore
from workshop.store.records import CONCERN_KINDS, CONCERN_STATUSES, Comment, Concern
from workshop.store.sql import insert_if_absent
from workshop.store.validate import (
    MAX_ANSWER,
    MAX_TARGET_ID,
    MAX_TEXT,
    clean_choice,
    clean_target,
    clean_text,
)

_INSERT_COMMENT = insert(schema.comments).returning(*schema.comments.c)
_INSERT_CONCERN = insert(schema.concerns).returning(schema.concerns.c.id)


def _comment(row: Row[Any]) -> Comment:
    return Comment(
        id=row.id,
        participant_id=row.participant_id,
        round=row.round_no,
        target_kind=row.target_kind,
        target_id=row.target_id,
        text=row.text,
        hidden=bool(row.hidden),
        created_at=row.created_at,
    )


def _concern(row: Row[Any]) -> Concern:
    return Concern(
        id=row.id,
        participant_id=row.participant_id,
        round=row.round_no,
        kind=row.kind,
        text=row.text,
        hidden=bool(row.hidden),
        upvotes=row.upvotes,
        created_at=row.created_at,
        status=row.status,
        answer=row.answer,
        option_id=row.option_id,
    )


def _check_item_id(item_id: object) -> int:
    if isinstance(item_id, bool) or not isinstance(item_id, int):
        raise InvalidInput("The item id must be a whole number.", field="id")
    return item_id


def _concerns_query(session_id: int) -> Any:
    """Concerns with their upvote counts, most upvoted first, then oldest first."""
    concerns, upvotes = schema.concerns, schema.upvotes
    count = func.count(upvotes.c.participant_id).label("upvotes")
    return (
        select(concerns, count)
        .outerjoin(upvotes, upvotes.c.concern_id == concerns.c.id)
        .where(concerns.c.session_id == session_id)
        .group_by(*concerns.c)
        .order_by(count.desc(), concerns.c.created_at, concerns.c.id)
    )


class DiscussionOps(StoreCore):
    """What participants say besides their weights and votes."""

    def _find_item(
        self, connection: Connection, table: Table, session_id: int, item_id: int
    ) -> Row[Any]:
        row = connection.execute(
            select(table).where(table.c.id == item_id, table.c.session_id == session_id)
        ).one_or_none()
        if row is None:
            raise ItemNotFound()
        return row

    def _set_hidden(
        self, code: str, key: str, table: Table, item_id: int, hidden: bool, event: str
    ) -> None:
        """Hide or show a comment or concern (facilitator only)."""
        wanted_id = _check_item_id(item_id)
        if not isinstance(hidden, bool):
            raise InvalidInput("hidden must be true or false.", field="hidden")
        with self._write() as connection:
            session = self._lock_session(connection, code)
            self._require_key(session, key)
            row = self._find_item(connection, table, session.id, wanted_id)
            if bool(row.hidden) != hidden:
                connection.execute(
                    update(table).where(table.c.id == wanted_id).values(hidden=hidden)
                )
                self._log(connection, session.id, event, {"id": wanted_id, "hidden": hidden})

    # --- comments -------------------------------------------------------------------------

    def add_comment(
        self, code: str, token: str, target_kind: str, target_id: str | None, text: str
    ) -> Comment:
        """Add a comment on an option, a criterion or (target "general", no id) the session."""
        kind, target = clean_target(target_kind, target_id)
        body = clean_text(text, "text", MAX_TEXT, multiline=True)
        with self._write() as connection:
            session = self._lock_session(connection, code)
            self._require_unlocked(session, "comments")
            participant = self._require_participant(connection, session.id, token)
            values = {
                "session_id": session.id,
                "participant_id": participant.id,
                "round_no": session.round_no,
                "target_kind": kind,
                "target_id": target,
                "text": body,
                "hidden": False,
                "created_at": self._now(),
            }
            row = connection.execute(_INSERT_COMMENT, values).one()
            payload = {
                "id": row.id,
                "participant_id": participant.id,
                "round": session.round_no,
                "target_kind": kind,
                "target_id": target,
            }
            self._log(connection, session.id, "comment_added", payload)
        return _comment(row)

    def comments(self, code: str, include_hidden: bool = False) -> list[Comment]:
        """Return the session's comments, oldest first (hidden ones only if asked)."""
        comments = schema.comments
        with self._read() as connection:
            session_id = self._session_id(connection, code)
            query = select(comments).where(comments.c.session_id == session_id)
            if not include_hidden:
                query = query.where(comments.c.hidden.is_(False))
            rows = connection.execute(query.order_by(comments.c.id)).all()
        return [_comment(row) for row in rows]

    def set_comment_hidden(self, code: str, key: str, comment_id: int, hidden: bool) -> None:
        """Hide a comment from everyone but the facilitator, or show it again."""
        self._set_hidden(code, key, schema.comments, comment_id, hidden, "comment_hidden")

    # --- concerns, questions and upvotes --------------------------------------------------

    def add_concern(
        self,
        code: str,
        token: str,
        text: str,
        kind: str = "concern",
        option_id: str | None = None,
    ) -> Concern:
        """Add a concern or a question (kind "concern" or "question").

        ``option_id`` links it to the option it is about (an answer to "what would lower your
        resistance to …?"); the store checks only that it is a short id, the page that it is
        one of the session's options.
        """
        wanted_kind = clean_choice(kind, "kind", CONCERN_KINDS)
        body = clean_text(text, "text", MAX_TEXT, multiline=True)
        about = None if option_id is None else clean_text(option_id, "option_id", MAX_TARGET_ID)
        concerns = schema.concerns
        with self._write() as connection:
            session = self._lock_session(connection, code)
            self._require_unlocked(session, "concerns")
            participant = self._require_participant(connection, session.id, token)
            values = {
                "session_id": session.id,
                "participant_id": participant.id,
                "round_no": session.round_no,
                "kind": wanted_kind,
                "text": body,
                "hidden": False,
                "created_at": self._now(),
                "status": "open",
                "option_id": about,
            }
            concern_id = connection.execute(_INSERT_CONCERN, values).scalar_one()
            payload = {
                "id": concern_id,
                "participant_id": participant.id,
                "round": session.round_no,
                "kind": wanted_kind,
                "option_id": about,
            }
            self._log(connection, session.id, "concern_added", payload)
            row = connection.execute(
                _concerns_query(session.id).where(concerns.c.id == concern_id)
            ).one()
        return _concern(row)

    def _change_upvote(self, code: str, token: str, concern_id: int, *, add: bool) -> bool:
        """Add or withdraw the participant's upvote; tell whether anything changed."""
        wanted_id = _check_item_id(concern_id)
        upvotes = schema.upvotes
        with self._write() as connection:
            session = self._lock_session(connection, code)
            self._require_unlocked(session, "concerns")
            participant = self._require_participant(connection, session.id, token)
            concern = self._find_item(connection, schema.concerns, session.id, wanted_id)
            if concern.hidden:
                raise ItemNotFound()
            key = {"concern_id": wanted_id, "participant_id": participant.id}
            if add:
                changed = insert_if_absent(connection, upvotes, {**key, "created_at": self._now()})
            else:
                changed = self._delete_upvote(connection, wanted_id, participant.id)
            if changed:
                event = "upvote_added" if add else "upvote_removed"
                self._log(connection, session.id, event, key)
            return changed

    @staticmethod
    def _delete_upvote(connection: Connection, concern_id: int, participant_id: int) -> bool:
        upvotes = schema.upvotes
        result = connection.execute(
            delete(upvotes).where(
                upvotes.c.concern_id == concern_id, upvotes.c.participant_id == participant_id
            )
        )
        return result.rowcount == 1

    def upvote(self, code: str, token: str, concern_id: int) -> bool:
        """Upvote a concern once; return False if this participant had already upvoted it."""
        return self._change_upvote(code, token, concern_id, add=True)

    def remove_upvote(self, code: str, token: str, concern_id: int) -> bool:
        """Withdraw the participant's upvote; return False if there was none."""
        return self._change_upvote(code, token, concern_id, add=False)

    def my_upvotes(self, code: str, token: str) -> frozenset[int]:
        """Return the ids of the concerns this participant has upvoted."""
        upvotes = schema.upvotes
        with self._read() as connection:
            session_id = self._session_id(connection, code)
            participant = self._require_participant(connection, session_id, token)
            ids = connection.execute(
                select(upvotes.c.concern_id).where(upvotes.c.participant_id == participant.id)
            ).scalars()
            return frozenset(ids)

    def concerns(self, code: str, include_hidden: bool = False) -> list[Concern]:
        """Return concerns and questions, most upvoted first, then oldest first."""
        concerns = schema.concerns
        with self._read() as connection:
            session_id = self._session_id(connection, code)
            query = _concerns_query(session_id)
            if not include_hidden:
                query = query.where(concerns.c.hidden.is_(False))
            rows = connection.execute(query).all()
        return [_concern(row) for row in rows]

    def set_concern_hidden(self, code: str, key: str, concern_id: int, hidden: bool) -> None:
        """Hide a concern or question from everyone but the facilitator, or show it again."""
        self._set_hidden(code, key, schema.concerns, concern_id, hidden, "concern_hidden")

    def set_concern_status(
        self, code: str, key: str, concern_id: int, status: str, answer: str | None = None
    ) -> Concern:
        """Mark a concern open, answered, parked for the pilot or out of scope (facilitator only).

        ``answer`` is the facilitator's short answer; None or empty text removes it.  The
        event names the concern and its status but carries no text, like every discussion
        event.  Setting what is already stored changes nothing and logs nothing.
        """
        wanted_id = _check_item_id(concern_id)
        wanted = clean_choice(status, "status", CONCERN_STATUSES)
        text = (
            ""
            if answer is None
            else clean_text(answer, "answer", MAX_ANSWER, multiline=True, required=False)
        )
        concerns = schema.concerns
        with self._write() as connection:
            session = self._lock_session(connection, code)
            self._require_key(session, key)
            row = self._find_item(connection, concerns, session.id, wanted_id)
            if row.status != wanted or (row.answer or "") != text:
                connection.execute(
                    update(concerns)
                    .where(concerns.c.id == wanted_id)
                    .values(status=wanted, answer=text or None)
                )
                payload = {"id": wanted_id, "status": wanted, "answered": bool(text)}
                self._log(connection, session.id, "concern_status_changed", payload)
            updated = connection.execute(
                _concerns_query(session.id).where(concerns.c.id == wanted_id)
            ).one()
        return _concern(updated)
