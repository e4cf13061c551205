"""A session's group aggregates, kept current from its event log instead of re-read on each refresh.

The wall asks the store only for the events since the last one it saw (one indexed query) and
applies each to per-round state: weight ballots go into a :class:`WeightAggregator`, votes into a
dict.  Rebuilding from sequence 0 gives the same state, so a new process catches up by replay;
:meth:`LiveSession.from_rows` builds the same state from stored rows (for exports).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from workshop.engine.aggregator import WeightAggregator

logger = logging.getLogger("workshop")


class EventLike(Protocol):
    """What live state needs of a stored event."""

    @property
    def seq(self) -> int: ...

    @property
    def kind(self) -> str: ...

    @property
    def payload(self) -> Any: ...


@dataclass(frozen=True)
class StoredRound:
    """One round as the store holds it: context, ballots (weights and hybrid settings) and votes
    by participant id — what :meth:`LiveSession.from_rows` reads."""

    number: int
    context: Mapping[str, Any]
    ballots: Mapping[int, tuple[Mapping[str, float], Mapping[str, Any] | None]]
    votes: Mapping[int, Mapping[str, Any]]


@dataclass
class RoundState:
    """Everything submitted in one round."""

    weights: WeightAggregator
    context: dict[str, Any] = field(default_factory=dict)
    votes: dict[int, dict[str, Any]] = field(default_factory=dict)
    hybrid_params: dict[int, dict[str, Any]] = field(default_factory=dict)


class LiveSession:
    """Per-round aggregates of one session, fed by its events; thread-safe."""

    def __init__(self, criteria: Iterable[str]) -> None:
        """Start empty at sequence 0 for a pack with these criteria."""
        self.criteria = tuple(criteria)
        self.seq = 0
        self.participants: set[int] = set()
        self.rounds: dict[int, RoundState] = {}
        self.lock = threading.Lock()

    def round(self, number: int) -> RoundState:
        """The state of round `number` (created empty on first use)."""
        state = self.rounds.get(number)
        if state is None:
            state = self.rounds[number] = RoundState(WeightAggregator(self.criteria))
        return state

    @classmethod
    def from_rows(
        cls,
        criteria: Iterable[str],
        participant_ids: Iterable[int],
        rounds: Iterable[StoredRound],
    ) -> LiveSession:
        """The state the event log would give, built from stored rows (an export's reading).

        The rows are what the store holds now, so the aggregates match the rows exported
        beside them even while people keep submitting; no event is made up on the way.
        """
        live = cls(criteria)
        live.participants.update(participant_ids)
        for stored in rounds:
            state = live.round(stored.number)
            state.context = dict(stored.context)
            for participant, (weights, hybrid_params) in stored.ballots.items():
                live._set_ballot(state, participant, weights, hybrid_params)
            state.votes.update({p: dict(vote) for p, vote in stored.votes.items()})
        return live

    def _set_ballot(
        self,
        state: RoundState,
        participant: int,
        weights: Mapping[str, float],
        hybrid_params: Mapping[str, Any] | None,
    ) -> None:
        """A participant's ballot in a round: their weights and, if any, hybrid settings.

        The store knows no pack, so a ballot written past the domain's checks (a script, an
        old row) may lack a criterion or leave the 0–10 scale; it is left out with a warning
        rather than break every page that reads the round.
        """
        try:
            state.weights.upsert(participant, weights)
        except (KeyError, ValueError, TypeError) as error:
            logger.warning("ballot of participant %s left out: %r", participant, error)
            return
        if hybrid_params:
            state.hybrid_params[participant] = dict(hybrid_params)

    def apply(self, events: Iterable[EventLike]) -> bool:
        """Apply events newer than the last one seen; True if anything changed."""
        changed = False
        for event in events:
            if event.seq <= self.seq:
                continue
            self._apply_one(event.kind, event.payload)
            self.seq = event.seq
            changed = True
        return changed

    def _apply_one(self, kind: str, payload: dict[str, Any]) -> None:
        if kind == "participant_joined":
            self.participants.add(int(payload["participant_id"]))
        elif kind == "weights_submitted":
            state = self.round(int(payload["round"]))
            participant = int(payload["participant_id"])
            self._set_ballot(state, participant, payload["weights"], payload.get("hybrid_params"))
        elif kind == "context_set":
            self.round(int(payload["round"])).context = dict(payload["values"])
        elif kind == "round_started":
            number = int(payload["round"])
            self.round(number).context = dict(self.round(number - 1).context)
        elif kind == "vote_submitted":
            self.round(int(payload["round"])).votes[int(payload["participant_id"])] = payload[
                "vote"
            ]
