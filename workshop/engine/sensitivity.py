"""How robust is the winner? Weight sensitivity of the weighted sum (Triantaphyllou & Sánchez 1997).

When the weight of criterion k is set to t and the other weights are rescaled proportionally,
every option's score is a straight line in t:
``S_i(t) = R_i + t·(r_ik − R_i)`` with ``R_i = (S_i − w_k·r_ik)/(1 − w_k)``, its score on the
other criteria alone.  The winner A stays ahead until the first line crosses it, at
``t* = (R_B − R_A)/((r_Ak − R_A) − (r_Bk − R_B))``.  For each criterion this gives the stability
interval of its weight and the option that wins just outside it.  All criteria are handled at
once with array operations: this runs on every slider move.

Only flips that can happen are reported.  A line that reaches the winner's only at a weight of
exactly 100 % (moving up) or 0 % (moving down) ties there but never leads, so it is not a flip
(within :data:`END_TOLERANCE` of an end counts as the end): for a winner of its own every flip
point lies strictly inside (0, 1).  When first place is shared, a co-leader that takes over as
soon as the weight moves is a flip at the current weight (a change of 0), which may be 0 %;
:func:`workshop.rounds.results.sensitivity_report` reports such a round as a tie instead.

Results carry ids for reading (``criterion``, ``below``, ``above``, ``winner``) and positions
for the fast path (``*_index``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from workshop.engine.mcda import Array

#: A win is fragile if some weight needs to move by less than this (absolute share) to flip it.
FRAGILE_CHANGE = 0.05

_EPS = 1e-12
#: A crossing this close to a weight of 0 or 1 counts as lying at that end (not a flip).
END_TOLERANCE = 1e-9
_NONE = -1


@dataclass(frozen=True)
class WeightStability:
    """The range in which one criterion's weight can move without changing the winner.

    ``criterion``, ``below`` and ``above`` are ids; the ``*_index`` fields are the same as
    positions in the model's criteria and options.
    """

    criterion: str
    weight: float
    lower: float  # the winner holds for weights down to here ...
    upper: float  # ... and up to here
    below: str | None  # the option that wins below `lower` (None: nothing flips down to 0)
    above: str | None  # the option that wins above `upper` (None: nothing flips up to 1)
    criterion_index: int = field(repr=False, default=0)
    below_index: int | None = field(repr=False, default=None)
    above_index: int | None = field(repr=False, default=None)

    @property
    def change_to_flip(self) -> float | None:
        """The smallest change of this weight that changes the winner, or None if none does."""
        candidates = []
        if self.below is not None:
            candidates.append(self.weight - self.lower)
        if self.above is not None:
            candidates.append(self.upper - self.weight)
        return min(candidates) if candidates else None

    @property
    def flips_to(self) -> str | None:
        """The option that takes over at the nearest flip point."""
        if self.below is None or self.above is None:
            return self.above if self.below is None else self.below
        return self.below if self.weight - self.lower <= self.upper - self.weight else self.above


@dataclass(frozen=True)
class Sensitivity:
    """Weight sensitivity of the current winner over all criteria (arrays indexed by criterion).

    ``winner`` and the ``below``/``above`` arrays are positions (−1 where nothing flips);
    ``options`` and ``criteria`` name them, and :attr:`winner_id` is the winner's id.
    """

    winner: int
    weights: Array = field(repr=False)
    lower: Array = field(repr=False)
    upper: Array = field(repr=False)
    below: npt.NDArray[np.int64] = field(repr=False)
    above: npt.NDArray[np.int64] = field(repr=False)
    options: tuple[str, ...] = field(repr=False, default=())
    criteria: tuple[str, ...] = field(repr=False, default=())

    def __repr__(self) -> str:
        return f"Sensitivity(winner={self.winner_id!r}, critical={self.critical!r})"

    @property
    def winner_id(self) -> str:
        """The winner's option id."""
        return self._option(self.winner)

    def _option(self, index: int) -> str:
        return self.options[index] if self.options else str(index)

    def _criterion(self, index: int) -> str:
        return self.criteria[index] if self.criteria else str(index)

    @property
    def per_criterion(self) -> tuple[WeightStability, ...]:
        """One :class:`WeightStability` per criterion, in criterion order."""
        return tuple(self.stability(k) for k in range(self.weights.size))

    def stability(self, k: int) -> WeightStability:
        """The stability interval of criterion k's weight."""
        below, above = int(self.below[k]), int(self.above[k])
        below_index = None if below == _NONE else below
        above_index = None if above == _NONE else above
        return WeightStability(
            criterion=self._criterion(k),
            weight=float(self.weights[k]),
            lower=float(self.lower[k]),
            upper=float(self.upper[k]),
            below=None if below_index is None else self._option(below_index),
            above=None if above_index is None else self._option(above_index),
            criterion_index=k,
            below_index=below_index,
            above_index=above_index,
        )

    def changes_to_flip(self) -> Array:
        """Per criterion, the smallest weight change that flips the winner (inf if none)."""
        down = np.where(self.below != _NONE, self.weights - self.lower, np.inf)
        up = np.where(self.above != _NONE, self.upper - self.weights, np.inf)
        return np.asarray(np.minimum(down, up), dtype=np.float64)

    @property
    def critical(self) -> WeightStability | None:
        """The criterion whose weight needs the smallest change to flip the winner."""
        changes = self.changes_to_flip()
        k = int(np.argmin(changes))
        return None if not np.isfinite(changes[k]) else self.stability(k)

    def is_fragile(self, threshold: float = FRAGILE_CHANGE) -> bool:
        """True when some weight change smaller than `threshold` flips the winner."""
        return bool(self.changes_to_flip().min() < threshold)


def weight_sensitivity(
    normalised: Array,
    weights: Array,
    winner: int,
    options: Sequence[str] = (),
    criteria: Sequence[str] = (),
) -> Sensitivity:
    """Stability intervals of every weight for the weighted sum (matrix on [0, 1], Σw = 1).

    `options` and `criteria` name the rows and columns in the results (positions otherwise).
    """
    scores = normalised @ weights
    rest = 1.0 - weights
    movable = rest > _EPS  # a criterion holding all the weight has no others to rescale
    others = (scores[:, None] - weights * normalised) / np.where(movable, rest, 1.0)  # R_ik
    slopes = normalised - others
    slope_gap = slopes[winner] - slopes  # (r_Ak − R_A) − (r_Bk − R_B); 0 on the winner's row
    steep = np.abs(slope_gap) > _EPS  # parallel lines never cross (the winner's own line neither)
    if not movable.all():
        steep &= movable
    crossing = np.divide(  # t* per option and criterion
        others - others[winner], slope_gap, out=np.zeros_like(slope_gap), where=steep
    )
    # A line that meets the winner's only at the far end (a weight of 1 moving up, 0 moving
    # down) ties there but never leads: not a flip.
    rising = steep & (slope_gap < 0.0) & (crossing >= weights - _EPS)
    rising &= crossing < 1.0 - END_TOLERANCE
    falling = steep & (slope_gap > 0.0) & (crossing <= weights + _EPS)
    falling &= crossing > END_TOLERANCE
    upper, above = _first_crossing(crossing, rising, slope_gap, upward=True)
    lower, below = _first_crossing(crossing, falling, -slope_gap, upward=False)
    return Sensitivity(winner, weights, lower, upper, below, above, tuple(options), tuple(criteria))


def _first_crossing(
    crossing: Array, mask: npt.NDArray[np.bool_], steepness: Array, upward: bool
) -> tuple[Array, npt.NDArray[np.int64]]:
    """Per criterion, the first crossing met moving the weight up (down) and who leads beyond it."""
    columns = np.arange(crossing.shape[1])
    if upward:
        leader = np.where(mask, crossing, np.inf).argmin(axis=0)
    else:
        leader = np.where(mask, crossing, -np.inf).argmax(axis=0)
    found = mask[leader, columns]
    nearest = crossing[leader, columns]
    at_point = mask & (np.abs(crossing - nearest) <= 1e-12)
    if at_point.sum() > found.sum():
        # Several lines cross at the same point: the steepest one leads beyond it.
        leader = np.where(at_point, steepness, np.inf).argmin(axis=0)
    bound = np.where(found, nearest, 1.0 if upward else 0.0)
    return bound, np.where(found, leader, _NONE).astype(np.int64)
