"""A session's group aggregates, kept current from its event log instead of re-read on each refresh.

The wall asks the store only for the events since the last one it saw (one indexed query) and
applies each to per-round state: weight ballots go into a :class:`WeightAggregator`, votes into a
dict.  Rebuilding from sequence 0 gives the same state, so a new process catches up by replay.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from workshop.engine.aggregator import WeightAggregator


class EventLike(Protocol):
    """What live state needs of a stored event."""

    @property
    def seq(self) -> int: ...

    @property
    def kind(self) -> str: ...

    @property
    def payload(self) -> Any: ...


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
            state.weights.upsert(participant, payload["weights"])
            if payload.get("hybrid_params"):
                state.hybrid_params[participant] = payload["hybrid_params"]
        elif kind == "context_set":
            self.round(int(payload["round"])).context = dict(payload["values"])
        elif kind == "round_started":
            number = int(payload["round"])
            self.round(number).context = dict(self.round(number - 1).context)
        elif kind == "vote_submitted":
            self.round(int(payload["round"])).votes[int(payload["participant_id"])] = payload[
                "vote"
            ]
