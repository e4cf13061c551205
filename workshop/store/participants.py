"""Anonymous participants: join with a secret token, optional nickname and role group."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, Select, Table, func, insert, select, update
from sqlalchemy.engine import Row

from workshop.errors import InvalidInput
from workshop.store import schema
from workshop.store.base import StoreCore
from workshop.store.credentials import digest, is_token, new_participant_token
from workshop.store.records import Counts, Joined, ParticipantView, SessionSettings
from workshop.store.validate import clean_nickname, load_json_object

_INSERT_PARTICIPANT = insert(schema.participants).returning(schema.participants.c.id)


def _participant_view(row: Row[Any]) -> ParticipantView:
    return ParticipantView(
        id=row.id, nickname=row.nickname, role_group=row.role_group, joined_at=row.joined_at
    )


def _clean_role_group(value: object, session: Row[Any]) -> str | None:
    """Return the role group if the facilitator defined it for this session (or None)."""
    if value is None or value == "":
        return None
    groups = SessionSettings.from_dict(load_json_object(session.settings_json)).role_groups
    if not isinstance(value, str) or value not in groups:
        raise InvalidInput(
            "Choose one of the role groups of this session.", field="role_group", choices=groups
        )
    return value


class ParticipantOps(StoreCore):
    """Joining, recognising and describing participants."""

    def join(
        self,
        code: str,
        nickname: str | None = None,
        role_group: str | None = None,
        *,
        token: str | None = None,
    ) -> Joined:
        """Add a participant; the returned token is their identity (only its hash is stored).

        Without `token` a random one is drawn.  With one (a token derived from the browser's
        secret, ``credentials.participant_token_for``) the join is idempotent: if that token
        already belongs to a participant of the session, that participant is returned
        unchanged (``created`` False; nickname and role group are not touched).
        """
        nickname = clean_nickname(nickname)
        if token is None:
            token = new_participant_token()
        elif not is_token(token):
            raise InvalidInput("This is not a participant token.", field="token")
        with self._write() as connection:
            session = self._lock_session(connection, code)
            # Under the session lock: two joins with one token cannot both insert.
            known = self._find_participant(connection, session.id, token)
            if known is not None:
                return Joined(participant_id=known.id, token=token, created=False)
            row = {
                "session_id": session.id,
                "token_hash": digest(token),
                "nickname": nickname,
                "role_group": _clean_role_group(role_group, session),
                "joined_at": self._now(),
            }
            participant_id = connection.execute(_INSERT_PARTICIPANT, row).scalar_one()
            payload = {"participant_id": participant_id}
            self._log(connection, session.id, "participant_joined", payload)
        return Joined(participant_id=participant_id, token=token)

    def participant(self, code: str, token: str) -> ParticipantView | None:
        """Return the participant this token identifies in the session, or None."""
        with self._read() as connection:
            session_id = self._session_id(connection, code)
            row = self._find_participant(connection, session_id, token)
        return None if row is None else _participant_view(row)

    def participants(self, code: str) -> list[ParticipantView]:
        """Return every participant of the session in joining order (no tokens)."""
        table = schema.participants
        with self._read() as connection:
            session_id = self._session_id(connection, code)
            rows = connection.execute(
                select(table).where(table.c.session_id == session_id).order_by(table.c.id)
            ).all()
        return [_participant_view(row) for row in rows]

    def update_participant(
        self, code: str, token: str, nickname: str | None, role_group: str | None
    ) -> ParticipantView:
        """Change the participant's nickname and role group."""
        nickname = clean_nickname(nickname)
        table = schema.participants
        with self._write() as connection:
            session = self._lock_session(connection, code)
            participant_id = self._require_participant(connection, session.id, token).id
            group = _clean_role_group(role_group, session)
            row = connection.execute(
                update(table)
                .where(table.c.id == participant_id)
                .values(nickname=nickname, role_group=group)
                .returning(*table.c)
            ).one()
            payload = {"participant_id": participant_id}
            self._log(connection, session.id, "participant_updated", payload)
        return _participant_view(row)

    def counts(self, code: str) -> Counts:
        """Count participants and the current round's inputs of every kind.

        Hidden comments and concerns are not counted.
        """
        with self._read() as connection:
            session = self._find_session(connection, code)
            row = connection.execute(_counts_query(session.id, session.round_no)).one()
        return Counts(
            participants=row.participants,
            weights=row.weights,
            votes=row.votes,
            comments=row.comments,
            concerns=row.concerns,
            resistance=row.resistance,
        )


def _count(table: Table, session_id: int, *conditions: ColumnElement[bool]) -> ScalarSelect[int]:
    return (
        select(func.count())
        .select_from(table)
        .where(table.c.session_id == session_id, *conditions)
        .scalar_subquery()
    )


def _counts_query(session_id: int, round_no: int) -> Select[int, int, int, int, int, int]:
    """One SELECT of six counts, each answered from an index on session_id."""
    ballots, votes, comments, concerns, resistances = (
        schema.ballots,
        schema.votes,
        schema.comments,
        schema.concerns,
        schema.resistances,
    )
    return select(
        _count(schema.participants, session_id).label("participants"),
        _count(ballots, session_id, ballots.c.round_no == round_no).label("weights"),
        _count(votes, session_id, votes.c.round_no == round_no).label("votes"),
        _count(
            comments, session_id, comments.c.round_no == round_no, comments.c.hidden.is_(False)
        ).label("comments"),
        _count(
            concerns, session_id, concerns.c.round_no == round_no, concerns.c.hidden.is_(False)
        ).label("concerns"),
        _count(resistances, session_id, resistances.c.round_no == round_no).label("resistance"),
    )
