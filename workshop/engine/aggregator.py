"""Incremental group aggregates: one ballot in, O(K·log n) work, always equal to a batch recompute.

The wall of a 300-person workshop must not re-read and re-aggregate every ballot on each refresh.
:class:`WeightAggregator` keeps, per criterion, a sorted list of normalised weights (median and
quartiles by index), running sums (mean, standard deviation, geometric mean) and the frequencies of
the raw slider positions (Tastle–Wierman consensus).

The sums for mean and variance are kept exactly, as integers: every normalised weight v/S (slider
value over the ballot's total) is a multiple of 1/L with L = lcm(1..K·max), so adding and removing
ballots never accumulates rounding error, however long a workshop runs.  Replacing or removing a
participant's ballot updates all of them; the read methods match
:mod:`workshop.engine.group`'s batch
functions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from sortedcontainers import SortedList

from workshop.engine import group


class WeightAggregator:
    """Live aggregates of participants' weight ballots (raw slider values per criterion)."""

    def __init__(self, criteria: Sequence[str], scale: Sequence[int] = tuple(range(11))) -> None:
        """`scale`: the slider positions (default 0–10) counted for the consensus measure."""
        self.criteria = tuple(criteria)
        self.scale = tuple(scale)
        self._scale_index = {point: i for i, point in enumerate(self.scale)}
        k = len(self.criteria)
        self._unit = math.lcm(*range(1, k * max(self.scale) + 1))  # L: weights are multiples of 1/L
        self._sorted = [SortedList() for _ in range(k)]
        self._sum = [0] * k  # Σ weight·L, exact
        self._sum_sq = [0] * k  # Σ (weight·L)², exact
        self._sum_log = [0.0] * k  # Σ log(max(weight, floor)), for the geometric mean
        self._counts = [[0] * len(self.scale) for _ in range(k)]  # slider positions
        self._ballots: dict[object, tuple[int, ...]] = {}

    def __len__(self) -> int:
        """Number of participants with a ballot."""
        return len(self._ballots)

    def __contains__(self, participant: object) -> bool:
        """True if this participant has a ballot."""
        return participant in self._ballots

    def upsert(self, participant: object, raw: Mapping[str, float]) -> None:
        """Add a participant's ballot, or replace their earlier one."""
        values = tuple(round(float(raw[c])) for c in self.criteria)
        if any(v not in self._scale_index for v in values):
            raise ValueError("A slider value lies outside the scale.")
        self.remove(participant)
        self._ballots[participant] = values
        self._apply(values, +1)

    def remove(self, participant: object) -> None:
        """Drop a participant's ballot (nothing happens if they have none)."""
        old = self._ballots.pop(participant, None)
        if old is not None:
            self._apply(old, -1)

    def _apply(self, values: tuple[int, ...], sign: int) -> None:
        # Plain Python on purpose: for 10–20 criteria it beats NumPy's per-call overhead.
        total = sum(values)
        k = len(values)
        step = self._unit // total if total else 0
        for i, v in enumerate(values):
            weight = v / total if total else 1.0 / k
            scaled = v * step if total else self._unit // k
            if sign > 0:
                self._sorted[i].add(weight)
            else:
                self._sorted[i].remove(weight)
            self._counts[i][self._scale_index[v]] += sign
            self._sum[i] += sign * scaled
            self._sum_sq[i] += sign * scaled * scaled
            self._sum_log[i] += sign * math.log(max(weight, group.GEOMEAN_FLOOR))

    def quantile(self, k: int, q: float) -> float:
        """The q-quantile of criterion k's normalised weights (linear interpolation, as NumPy)."""
        values = self._sorted[k]
        position = q * (len(values) - 1)
        low = math.floor(position)
        high = min(low + 1, len(values) - 1)
        fraction = position - low
        return float(values[low] + (values[high] - values[low]) * fraction)

    def weights(self, method: group.Method = "median") -> np.ndarray:
        """The group's weights (sum 1) like :func:`workshop.engine.group.combine`."""
        n = len(self)
        if n == 0:
            raise ValueError("No ballots yet.")
        if method == "mean":
            combined = self._means()
        elif method == "median":
            combined = np.array([self.quantile(k, 0.5) for k in range(len(self.criteria))])
        elif method == "geomean":
            combined = np.exp(np.array(self._sum_log) / n)
        else:
            raise ValueError(f"Unknown aggregation method {method!r}.")
        total = combined.sum()
        if total <= 0.0:
            combined, total = self._means(), 1.0
        return np.asarray(combined / total)

    def spread(self) -> dict[str, np.ndarray]:
        """Per criterion: median, q1, q3, iqr, mean, std, cv (as ``group.spread``)."""
        n = len(self)
        k = range(len(self.criteria))
        q1 = np.array([self.quantile(i, 0.25) for i in k])
        median = np.array([self.quantile(i, 0.5) for i in k])
        q3 = np.array([self.quantile(i, 0.75) for i in k])
        mean = self._means()
        std = np.sqrt([(n * sq - s * s) / (n * n * self._unit**2) for s, sq in self._sums()])
        with np.errstate(divide="ignore", invalid="ignore"):
            cv = np.where(mean > 0.0, std / mean, np.nan)
        return {
            "median": median,
            "q1": q1,
            "q3": q3,
            "iqr": q3 - q1,
            "mean": mean,
            "std": std,
            "cv": cv,
        }

    def _means(self) -> np.ndarray:
        n = len(self)
        return np.array([s / (n * self._unit) for s in self._sum])

    def _sums(self) -> zip[tuple[int, int]]:
        return zip(self._sum, self._sum_sq, strict=True)

    def consensus(self) -> np.ndarray:
        """Tastle–Wierman consensus of each criterion's raw slider positions."""
        return np.array([group.tastle_wierman(row, self.scale) for row in self._counts])

    def ballots(self) -> dict[object, tuple[int, ...]]:
        """Every participant's raw slider values (for a batch check or an export)."""
        return dict(self._ballots)
