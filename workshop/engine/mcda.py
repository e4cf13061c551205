"""NumPy kernels of the decision methods: weighted sum, TOPSIS, contributions and ranks.

These work on plain arrays (options × criteria, higher is better) so that a participant's
rerun costs microseconds; `workshop.engine.scoring` wraps them for pandas users.

Bad numbers are refused, never scored: NaN, infinite or negative weights raise
:class:`~workshop.engine.ballots.InvalidWeights`; a matrix with NaN or infinite values, an
empty scale
or a `benefit` mask of the wrong length raise :class:`~workshop.errors.InvalidNumbers` (both are
``ValueError``s).  Very large but finite numbers are scored exactly as their scaled-down
equivalents: weights whose sum overflows are first divided by their largest, TOPSIS columns
always by their largest value before squaring, so nothing overflows to infinity.

Ties: scores within :data:`TIE_TOLERANCE` are equal.  :func:`leaders` lists tied leaders in
position (pack) order, never in the order floating-point noise would give.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from workshop.engine.ballots import InvalidWeights
from workshop.errors import InvalidNumbers

Array = npt.NDArray[np.float64]

#: Scores closer than this count as a tie.
TIE_TOLERANCE = 1e-9


def normalise_weights(weights: Array) -> Array:
    """Scale non-negative weights to sum 1; all-zero weights become equal weights.

    Raises :class:`InvalidWeights` for an empty vector or NaN, infinite or negative entries.
    """
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 1 or weights.size == 0:
        raise InvalidWeights("Weights must be a non-empty list of numbers, one per criterion.")
    if not np.all(np.isfinite(weights)) or np.any(weights < 0.0):
        raise InvalidWeights("Weights must be finite numbers of at least 0.")
    with np.errstate(over="ignore"):
        total = float(weights.sum())
    if total <= 0.0:
        return np.full(weights.shape, 1.0 / weights.size)
    if not np.isfinite(total):  # huge weights: only their proportions matter
        weights = weights / weights.max()
        total = float(weights.sum())
    normalised: Array = weights / total
    return normalised


def check_matrix(matrix: Array, what: str = "matrix") -> Array:
    """The matrix as a 2-D float array; raises :class:`InvalidNumbers` unless all finite."""
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2 or 0 in values.shape:
        raise InvalidNumbers(f"The {what} must be a non-empty table (options × criteria).")
    if not np.all(np.isfinite(values)):
        raise InvalidNumbers(f"The {what} holds NaN or infinite values.")
    return values


def rescale(matrix: Array, low: float, high: float) -> Array:
    """Map values of a fixed scale [low, high] linearly onto [0, 1].

    Raises :class:`InvalidNumbers` unless ``low < high`` are finite and the values are finite.
    """
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise InvalidNumbers(
            f"A scale needs a finite low end below its high end (given {low}, {high})."
        )
    values = check_matrix(matrix)
    return (values - low) / (high - low)


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
    same distance from ideal and anti-ideal (all options identical), closeness is 0.5.  Values
    must be finite and at least 0 (vector normalisation has no meaning for negative values).
    """
    weighted = unit_columns(matrix) * weights
    if benefit is not None:
        benefit = np.asarray(benefit, dtype=bool)
        if benefit.shape != (weighted.shape[1],):
            raise InvalidNumbers(
                f"benefit must mark each of the {weighted.shape[1]} criteria "
                f"(given {benefit.size} marks)."
            )
    best = weighted.max(axis=0)
    worst = weighted.min(axis=0)
    if benefit is not None:
        best, worst = np.where(benefit, best, worst), np.where(benefit, worst, best)
    to_best = np.sqrt(((weighted - best) ** 2).sum(axis=1))
    to_worst = np.sqrt(((weighted - worst) ** 2).sum(axis=1))
    total = to_best + to_worst
    closeness: Array = np.divide(to_worst, total, out=np.full(total.shape, 0.5), where=total > 0.0)
    return closeness


def unit_columns(matrix: Array) -> Array:
    """Vector normalisation: each column divided by its Euclidean norm (zero columns stay 0).

    Columns are first divided by their largest value, so squaring values of 1e155 and more
    cannot overflow; the result is the same as for the unscaled matrix.
    """
    values = check_matrix(matrix)
    if np.any(values < 0.0):
        raise InvalidNumbers("TOPSIS needs values of at least 0 (vector normalisation).")
    largest = values.max(axis=0)
    scaled = values / np.where(largest > 0.0, largest, 1.0)
    norms = np.sqrt((scaled * scaled).sum(axis=0))
    unit: Array = scaled / np.where(norms > 0.0, norms, 1.0)
    return unit


def leaders(scores: Array) -> npt.NDArray[np.int64]:
    """Positions of every option sharing rank 1 (see :func:`competition_ranks`), in order."""
    return np.flatnonzero(competition_ranks(scores) == 1).astype(np.int64)


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
