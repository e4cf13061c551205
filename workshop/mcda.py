"""NumPy kernels of the decision methods: weighted sum, TOPSIS, contributions and ranks.

These work on plain arrays (options × criteria, higher is better) so that a participant's
rerun costs microseconds; `workshop.scoring` wraps them for pandas users.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]

#: Scores closer than this count as a tie.
TIE_TOLERANCE = 1e-9


def normalise_weights(weights: Array) -> Array:
    """Scale non-negative weights to sum 1; all-zero weights become equal weights."""
    total = float(weights.sum())
    if total <= 0.0:
        return np.full(weights.shape, 1.0 / weights.size)
    return weights / total


def rescale(matrix: Array, low: float, high: float) -> Array:
    """Map values of a fixed scale [low, high] linearly onto [0, 1]."""
    return (matrix - low) / (high - low)


def wsm(normalised: Array, weights: Array) -> Array:
    """Weighted sum of a matrix already on [0, 1] with weights summing to 1."""
    return normalised @ weights


def contributions(normalised: Array, weights: Array) -> Array:
    """Each criterion's share of each option's weighted-sum score (rows sum to the score)."""
    return normalised * weights


def topsis(
    matrix: Array,
    weights: Array,
    benefit: npt.NDArray[np.bool_] | None = None,
) -> Array:
    """Relative closeness to the ideal solution (Hwang & Yoon 1981), vector normalisation.

    `benefit` marks criteria where higher is better (default: all).  If every option is at the
    same distance from ideal and anti-ideal (all options identical), closeness is 0.5.
    """
    norms = np.sqrt((matrix * matrix).sum(axis=0))
    safe = np.where(norms > 0.0, norms, 1.0)
    weighted = matrix / safe * weights
    best = weighted.max(axis=0)
    worst = weighted.min(axis=0)
    if benefit is not None:
        best, worst = np.where(benefit, best, worst), np.where(benefit, worst, best)
    to_best = np.sqrt(((weighted - best) ** 2).sum(axis=1))
    to_worst = np.sqrt(((weighted - worst) ** 2).sum(axis=1))
    total = to_best + to_worst
    closeness: Array = np.divide(to_worst, total, out=np.full(total.shape, 0.5), where=total > 0.0)
    return closeness


def competition_ranks(scores: Array) -> npt.NDArray[np.int64]:
    """Ranks 1..n, highest score first; tied scores share the best rank ("1224" ranking)."""
    order = np.argsort(-scores, kind="stable")
    ordered = scores[order]
    starts = np.ones(scores.size, dtype=bool)  # where a new group of tied scores begins
    starts[1:] = ordered[:-1] - ordered[1:] > TIE_TOLERANCE
    positions = np.arange(1, scores.size + 1)
    ranks = np.empty(scores.size, dtype=np.int64)
    ranks[order] = np.maximum.accumulate(np.where(starts, positions, 0))
    return ranks
