"""How robust is the winner? Weight sensitivity of the weighted sum (Triantaphyllou & Sánchez 1997).

When the weight of criterion k is set to t and the other weights are rescaled proportionally,
every option's score is a straight line in t:
``S_i(t) = R_i + t·(r_ik − R_i)`` with ``R_i = (S_i − w_k·r_ik)/(1 − w_k)``, its score on the
other criteria alone.  The winner A stays ahead until the first line crosses it, at
``t* = (R_B − R_A)/((r_Ak − R_A) − (r_Bk − R_B))``.  For each criterion this gives the stability
interval of its weight and the option that wins just outside it.  All criteria are handled at
once with array operations: this runs on every slider move.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workshop.mcda import Array

#: A win is fragile if some weight needs to move by less than this (absolute share) to flip it.
FRAGILE_CHANGE = 0.05

_EPS = 1e-12
_NONE = -1


@dataclass(frozen=True)
class WeightStability:
    """The range in which one criterion's weight can move without changing the winner."""

    criterion: int
    weight: float
    lower: float  # the winner holds for weights down to here ...
    upper: float  # ... and up to here
    below: int | None  # the option that wins below `lower` (None: nothing flips down to 0)
    above: int | None  # the option that wins above `upper` (None: nothing flips up to 1)

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
    def flips_to(self) -> int | None:
        """The option that takes over at the nearest flip point."""
        if self.below is None or self.above is None:
            return self.above if self.below is None else self.below
        return self.below if self.weight - self.lower <= self.upper - self.weight else self.above


@dataclass(frozen=True)
class Sensitivity:
    """Weight sensitivity of the current winner over all criteria (arrays indexed by criterion)."""

    winner: int
    weights: Array
    lower: Array
    upper: Array
    below: npt.NDArray[np.int64]  # −1 where nothing flips
    above: npt.NDArray[np.int64]

    @property
    def per_criterion(self) -> tuple[WeightStability, ...]:
        """One :class:`WeightStability` per criterion, in criterion order."""
        return tuple(self.stability(k) for k in range(self.weights.size))

    def stability(self, k: int) -> WeightStability:
        """The stability interval of criterion k's weight."""
        below, above = int(self.below[k]), int(self.above[k])
        return WeightStability(
            k,
            float(self.weights[k]),
            float(self.lower[k]),
            float(self.upper[k]),
            None if below == _NONE else below,
            None if above == _NONE else above,
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


def weight_sensitivity(normalised: Array, weights: Array, winner: int) -> Sensitivity:
    """Stability intervals of every weight for the weighted sum (matrix on [0, 1], Σw = 1)."""
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
    rising = steep & (slope_gap < 0.0) & (crossing >= weights - _EPS) & (crossing <= 1.0)
    falling = steep & (slope_gap > 0.0) & (crossing <= weights + _EPS) & (crossing >= 0.0)
    upper, above = _first_crossing(crossing, rising, slope_gap, upward=True)
    lower, below = _first_crossing(crossing, falling, -slope_gap, upward=False)
    return Sensitivity(winner, weights, lower, upper, below, above)


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
