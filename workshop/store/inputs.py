"""Per-round input: weight ballots, votes, resistance ratings, and the group's context.

A participant has at most one ballot, one vote and one set of resistance ratings per round.
Submitting again replaces the earlier one in a single upsert, so a double submit (a double
tap, a retried request) never creates a duplicate.  Earlier rounds are never touched, so
rounds can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection, Row

from workshop.errors import InvalidInput
from workshop.store import schema
from workshop.store.base import StoreCore
from workshop.store.records import Ballot, JsonObject, Resistance, Vote
from workshop.store.sql import upsert
from workshop.store.validate import (
    clean_weights,
    json_object_text,
    load_json_object,
)

_ONE_PER_ROUND = ("session_id", "round_no", "participant_id")


@dataclass(frozen=True)
class _InputKind:
    """How one kind of per-round input is stored, locked and logged."""

    table: Table
    lock_kind: str
    event_kind: str


_WEIGHTS = _InputKind(schema.ballots, "weights", "weights_submitted")
_VOTES = _InputKind(schema.votes, "votes", "vote_submitted")
_RESISTANCE = _InputKind(schema.resistances, "resistance", "resistance_submitted")


def _ballot(row: Mapping[Any, Any]) -> Ballot:
    hybrid_json = row["hybrid_json"]
    return Ballot(
        participant_id=row["participant_id"],
        round=row["round_no"],
        weights=load_json_object(row["weights_json"]),
        hybrid_params=None if hybrid_json is None else load_json_object(hybrid_json),
        role_group=row["role_group"],
        submitted_at=row["submitted_at"],
    )


def _vote(row: Mapping[Any, Any]) -> Vote:
    return Vote(
        participant_id=row["participant_id"],
        round=row["round_no"],
        vote=load_json_object(row["vote_json"]),
        role_group=row["role_group"],
        submitted_at=row["submitted_at"],
    )


def _resistance(row: Mapping[Any, Any]) -> Resistance:
    return Resistance(
        participant_id=row["participant_id"],
        round=row["round_no"],
        ratings=load_json_object(row["ratings_json"]),
        role_group=row["role_group"],
        submitted_at=row["submitted_at"],
    )


def _check_round(round_no: object) -> int | None:
    """Accept None (the current round) or a round number from 1 on."""
    if round_no is None:
        return None
    if isinstance(round_no, bool) or not isinstance(round_no, int) or round_no < 1:
        raise InvalidInput("A round is a whole number from 1 on.", field="round")
    return round_no


class InputOps(StoreCore):
    """Submitting and reading weights, votes and the group context."""

    def _submit(
        self, code: str, token: str, kind: _InputKind, stored: Mapping[str, Any], logged: JsonObject
    ) -> dict[str, Any]:
        """Replace the participant's input of the current round; return the stored values."""
        with self._write() as connection:
            session = self._lock_session_for_event(connection, code)
            self._require_unlocked(session, kind.lock_kind)
            participant = self._require_participant(connection, session.id, token)
            key = {
                "session_id": session.id,
                "round_no": session.round_no,
                "participant_id": participant.id,
            }
            values = {**key, **stored, "submitted_at": self._now()}
            upsert(connection, kind.table, values, _ONE_PER_ROUND)
            payload = {"participant_id": participant.id, "round": session.round_no, **logged}
            self._log(connection, session.id, kind.event_kind, payload, seq=session.last_seq)
        return {**values, "role_group": participant.role_group}

    def _rows(
        self,
        connection: Connection,
        kind: _InputKind,
        session_id: int,
        round_no: int,
        participant_id: int | None = None,
    ) -> list[Row[Any]]:
        """Return the round's input rows with each participant's role group."""
        table, people = kind.table, schema.participants
        query = (
            select(table, people.c.role_group)
            .join(people, people.c.id == table.c.participant_id)
            .where(table.c.session_id == session_id, table.c.round_no == round_no)
            .order_by(table.c.participant_id)
        )
        if participant_id is not None:
            query = query.where(table.c.participant_id == participant_id)
        return list(connection.execute(query).all())

    def _read_rows(
        self, code: str, kind: _InputKind, round_no: int | None, token: str | None = None
    ) -> list[Row[Any]]:
        """Read one round's rows (the current one by default), optionally one participant's."""
        wanted_round = _check_round(round_no)
        with self._read() as connection:
            session = self._find_session(connection, code)
            participant_id = None
            if token is not None:
                participant_id = self._require_participant(connection, session.id, token).id
            chosen = session.round_no if wanted_round is None else wanted_round
            return self._rows(connection, kind, session.id, chosen, participant_id)

    # --- weights --------------------------------------------------------------------------

    def submit_weights(
        self,
        code: str,
        token: str,
        weights: Mapping[str, float],
        hybrid_params: JsonObject | None = None,
    ) -> Ballot:
        """Store the participant's weights for the current round, replacing earlier ones."""
        cleaned = clean_weights(weights)
        hybrid_json = None
        if hybrid_params is not None:
            hybrid_json = json_object_text(hybrid_params, "hybrid_params")
        stored = {"weights_json": json_object_text(cleaned, "weights"), "hybrid_json": hybrid_json}
        hybrid_logged = None if hybrid_json is None else load_json_object(hybrid_json)
        logged = {"weights": cleaned, "hybrid_params": hybrid_logged}
        return _ballot(self._submit(code, token, _WEIGHTS, stored, logged))

    def weights_of(self, code: str, token: str, round: int | None = None) -> Ballot | None:
        """Return the participant's ballot of a round (default: the current one), if any."""
        rows = self._read_rows(code, _WEIGHTS, round, token)
        return _ballot(rows[0]._mapping) if rows else None

    def all_weights(self, code: str, round: int | None = None) -> dict[int, Ballot]:
        """Return every ballot of a round (default: the current one) by participant id."""
        rows = self._read_rows(code, _WEIGHTS, round)
        return {row.participant_id: _ballot(row._mapping) for row in rows}

    # --- votes ----------------------------------------------------------------------------

    def submit_vote(self, code: str, token: str, vote: JsonObject) -> Vote:
        """Store the participant's vote for the current round, replacing an earlier one.

        The domain layer checks the vote against the vote mode; the store checks that it is a
        JSON object of reasonable size.
        """
        vote_json = json_object_text(vote, "vote")
        logged = {"vote": load_json_object(vote_json)}
        return _vote(self._submit(code, token, _VOTES, {"vote_json": vote_json}, logged))

    def vote_of(self, code: str, token: str, round: int | None = None) -> Vote | None:
        """Return the participant's vote of a round (default: the current one), if any."""
        rows = self._read_rows(code, _VOTES, round, token)
        return _vote(rows[0]._mapping) if rows else None

    def votes(self, code: str, round: int | None = None) -> dict[int, Vote]:
        """Return every vote of a round (default: the current one) by participant id."""
        rows = self._read_rows(code, _VOTES, round)
        return {row.participant_id: _vote(row._mapping) for row in rows}

    # --- resistance -----------------------------------------------------------------------

    def submit_resistance(self, code: str, token: str, ratings: Mapping[str, float]) -> Resistance:
        """Store the participant's resistance ratings for the current round, replacing earlier ones.

        The domain layer checks the ratings against the pack's options (0–10 each, "keep as
        today" included); the store checks the shape: option ids mapped to finite numbers.
        """
        cleaned = clean_weights(ratings, "ratings")
        stored = {"ratings_json": json_object_text(cleaned, "ratings")}
        return _resistance(self._submit(code, token, _RESISTANCE, stored, {"ratings": cleaned}))

    def resistance_of(self, code: str, token: str, round: int | None = None) -> Resistance | None:
        """Return the participant's resistance ratings of a round (default: current), if any."""
        rows = self._read_rows(code, _RESISTANCE, round, token)
        return _resistance(rows[0]._mapping) if rows else None

    def resistances(self, code: str, round: int | None = None) -> dict[int, Resistance]:
        """Return every resistance rating of a round (default: the current one) by participant."""
        rows = self._read_rows(code, _RESISTANCE, round)
        return {row.participant_id: _resistance(row._mapping) for row in rows}

    # --- context --------------------------------------------------------------------------

    def context(self, code: str, round: int | None = None) -> JsonObject:
        """Return the group's context of a round (default: the current one); {} if unset."""
        wanted_round = _check_round(round)
        contexts = schema.contexts
        with self._read() as connection:
            session = self._find_session(connection, code)
            chosen = session.round_no if wanted_round is None else wanted_round
            values_json = connection.execute(
                select(contexts.c.values_json).where(
                    contexts.c.session_id == session.id, contexts.c.round_no == chosen
                )
            ).scalar_one_or_none()
        return {} if values_json is None else load_json_object(values_json)
