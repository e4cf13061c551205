"""What a round's results consist of: frozen records for the wall, the phones and the exports.

Computed by :mod:`workshop.rounds.results`; the thresholds that decide "robust", "split" and
"wide" are explained there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from workshop.engine.scoring import Evaluation

#: No single weight change smaller than this (absolute share) flips the winner: "robust".
ROBUST_CHANGE = 0.10
#: Tastle–Wierman consensus below this counts as split opinions.
CONSENSUS_LOW = 0.6
#: An IQR of at least this many equal shares (1/K) counts as a wide spread.
IQR_WIDE = 1.0


class SettingsLike(Protocol):
    """What the results need of a session's settings (``SessionSettings`` fits)."""

    @property
    def anonymity_threshold(self) -> int: ...

    @property
    def vote_mode(self) -> str: ...


@dataclass(frozen=True)
class GroupWeight:
    """One criterion's group weight and how much the group agrees on it.

    ``weight`` is the renormalised median (all weights sum 1) used for scoring; ``median``,
    ``q1``, ``q3`` are the raw quantiles of participants' shares; ``low``/``high`` are the
    quartiles on the scale of ``weight`` (for drawing the spread around the weight bar).
    ``consensus`` is Tastle–Wierman on the raw slider positions (1 = everyone agrees).
    """

    criterion: str
    weight: float
    median: float
    q1: float
    q3: float
    low: float
    high: float
    consensus: float

    @property
    def iqr(self) -> float:
        """Interquartile range of participants' shares."""
        return self.q3 - self.q1


@dataclass(frozen=True)
class RankedOption:
    """One option (pure or hybrid) in the group ranking; ``contributions`` in criterion order."""

    option: str
    hybrid: bool
    score: float  # weighted sum on 0–1
    topsis: float  # TOPSIS closeness on 0–1
    rank: int  # weighted-sum rank, 1 = best (ties share a rank)
    topsis_rank: int
    contributions: tuple[float, ...]


@dataclass(frozen=True)
class WeightFlip:
    """Moving one criterion's weight past ``threshold`` hands first place to ``to``.

    ``direction`` "below": the weight must fall below the threshold; "above": rise above it.
    Shares are of the total weight (0–1); the other weights keep their proportions.
    """

    criterion: str
    direction: Literal["below", "above"]
    weight: float
    threshold: float
    to: str

    @property
    def change(self) -> float:
        """How far the weight must move (absolute share)."""
        return abs(self.weight - self.threshold)


@dataclass(frozen=True)
class SensitivityReport:
    """How robust first place is under the group weights.

    ``flips``: every weight change that changes the winner, nearest first.  ``near``: those
    within ``ROBUST_CHANGE``.  ``robust``: no flip within ``ROBUST_CHANGE``.  ``fragile``: a
    change below ``FRAGILE_CHANGE`` flips it.  ``tied``: all options sharing first place.
    """

    winner: str
    tied: tuple[str, ...]
    flips: tuple[WeightFlip, ...]
    robust: bool
    fragile: bool

    @property
    def near(self) -> tuple[WeightFlip, ...]:
        """Flips within ``ROBUST_CHANGE`` of the current weights, nearest first."""
        return tuple(f for f in self.flips if f.change <= ROBUST_CHANGE)

    @property
    def critical(self) -> WeightFlip | None:
        """The flip that needs the smallest weight change, if any."""
        return self.flips[0] if self.flips else None


@dataclass(frozen=True)
class DisagreementAlert:
    """A criterion the group disagrees on; ``reasons`` names which measure tripped."""

    criterion: str
    consensus: float
    q1: float
    q3: float
    reasons: tuple[Literal["low_consensus", "wide_spread"], ...]


@dataclass(frozen=True)
class VoteTally:
    """The round's votes in the session's mode: counts, dots or Borda points per option."""

    mode: str
    votes: int  # ballots counted (votes of another mode or malformed ones are left out)
    totals: Mapping[str, int]  # every option, in model order

    def order(self) -> list[str]:
        """Options from most to fewest points (ties in model order)."""
        ids = list(self.totals)
        return sorted(ids, key=lambda o: (-self.totals[o], ids.index(o)))

    @property
    def leaders(self) -> tuple[str, ...]:
        """Every option with the most points, in model order (none while nobody has points)."""
        best = max(self.totals.values(), default=0)
        return tuple(o for o, n in self.totals.items() if n == best) if best > 0 else ()


@dataclass(frozen=True)
class WeightShift:
    """One criterion's group weight in the previous round and now."""

    criterion: str
    before: float
    after: float

    @property
    def change(self) -> float:
        """After minus before (share of the total weight)."""
        return self.after - self.before


@dataclass(frozen=True)
class RankShift:
    """One option's place and score in the previous round and now."""

    option: str
    rank_before: int
    rank_after: int
    score_before: float
    score_after: float

    @property
    def places_gained(self) -> int:
        """Positive when the option moved up."""
        return self.rank_before - self.rank_after


@dataclass(frozen=True)
class VoteShift:
    """One option's vote total in the previous round and now (same vote mode)."""

    option: str
    before: int
    after: int


@dataclass(frozen=True)
class RoundShift:
    """How the group moved from round ``before`` to round ``after``."""

    before: int
    after: int
    weights: tuple[WeightShift, ...]
    ranks: tuple[RankShift, ...]
    votes: tuple[VoteShift, ...]  # empty unless both rounds have a visible tally of one mode
    winner_before: str
    winner_after: str
    tied_before: tuple[str, ...] = ()  # every option sharing first place then (model order)
    tied_after: tuple[str, ...] = ()  # … and now

    @property
    def winner_changed(self) -> bool:
        """True when first place is held by other options now (a shared first place compares
        as a set, so the same tie in both rounds is no change)."""
        before = set(self.tied_before or (self.winner_before,))
        after = set(self.tied_after or (self.winner_after,))
        return before != after


@dataclass(frozen=True)
class RoundResults:
    """Everything the room may see about one round (see the module docstring)."""

    round: int
    participants: int
    ballots: int
    votes: int
    threshold: int
    visible: bool
    criteria: tuple[str, ...]
    weights: tuple[GroupWeight, ...] = ()
    kendall_w: float | None = None
    evaluation: Evaluation | None = None
    ranking: tuple[RankedOption, ...] = ()
    sensitivity: SensitivityReport | None = None
    alerts: tuple[DisagreementAlert, ...] = ()
    tally: VoteTally | None = None
    shift: RoundShift | None = None

    @property
    def missing(self) -> int:
        """How many more ballots are needed before results may be shown."""
        return max(self.threshold - self.ballots, 0)

    @property
    def score_leaders(self) -> tuple[str, ...]:
        """The options sharing first place in the weighted ranking (empty below the threshold)."""
        return () if self.sensitivity is None else self.sensitivity.tied

    @property
    def vote_leaders(self) -> tuple[str, ...]:
        """The options with the most votes (empty while the tally is not shown)."""
        return () if self.tally is None else self.tally.leaders

    @property
    def vote_differs(self) -> bool:
        """True when both are shown and the vote puts other options first than the scores."""
        votes, scores = self.vote_leaders, self.score_leaders
        return bool(votes) and bool(scores) and set(votes) != set(scores)
