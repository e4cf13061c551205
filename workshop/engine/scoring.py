"""Scoring options under weights: weighted sum (primary), TOPSIS, contributions, rankings.

Two layers:

* pandas functions for notebooks — :func:`weighted_sum`, :func:`topsis`, :func:`profile_matrix`,
  :func:`rank` — taking a DataFrame (options × criteria, higher is better) and weights by
  criterion;
* :class:`ScoringModel`, the fast path the app uses: the context-adjusted matrix of all pure and
  hybrid options built once per context, then :meth:`ScoringModel.evaluate` per weight change
  (microseconds; no pandas).

The weighted sum maps the anchored 1–5 scale linearly onto 0–1 (a fixed scale, so adding or
removing an option never reorders the others); TOPSIS uses vector normalisation.

Ties: scores within ``mcda.TIE_TOLERANCE`` share a rank, and among tied options pack order
decides who is listed first and who counts as :attr:`Evaluation.winner` — never rounding noise.
Bad input is refused (``InvalidWeights``, ``InvalidNumbers``, ``InvalidContext``; see
:mod:`workshop.engine.mcda`, :mod:`workshop.engine.context`, :mod:`workshop.engine.hybrids`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from workshop.content import SCALE_MAX, SCALE_MIN, ContentPack, Text
from workshop.engine import mcda
from workshop.engine.ballots import InvalidWeights
from workshop.engine.context import adjusted_matrix
from workshop.engine.hybrids import hybrid_matrix
from workshop.engine.mcda import Array
from workshop.engine.sensitivity import Sensitivity, weight_sensitivity
from workshop.errors import InvalidNumbers

Weights = Mapping[str, float] | pd.Series


def weight_vector(weights: Weights, criteria: Sequence[str]) -> Array:
    """Weights in criterion order, normalised to sum 1; refuses unknown, missing or bad weights."""
    given = {str(k): v for k, v in dict(weights).items()}
    unknown = sorted(set(given) - set(criteria))
    missing = [c for c in criteria if c not in given]
    if unknown or missing:
        raise InvalidWeights(
            "Weights do not match the criteria "
            f"(unknown: {unknown or '-'}, missing: {missing or '-'})."
        )
    try:
        vector = np.array([float(given[c]) for c in criteria], dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidWeights("Weights must be numbers.") from None
    return mcda.normalise_weights(vector)


def weighted_sum(
    matrix: pd.DataFrame, weights: Weights, scale: tuple[float, float] | None = None
) -> pd.Series:
    """Weighted-sum score of each option (weights normalised to sum 1).

    With `scale` = (low, high) the values are first mapped from that fixed scale onto 0–1 (use
    ``(1, 5)`` for pack profiles); without it the raw values are weighted.
    """
    values = matrix.to_numpy(dtype=np.float64)
    if scale is not None:
        values = mcda.rescale(values, *scale)
    w = weight_vector(weights, [str(c) for c in matrix.columns])
    return pd.Series(mcda.wsm(values, w), index=matrix.index, name="weighted_sum")


def topsis(
    matrix: pd.DataFrame, weights: Weights, benefit: Sequence[bool] | None = None
) -> pd.Series:
    """TOPSIS relative closeness of each option (Hwang & Yoon 1981, vector normalisation).

    All criteria count as "higher is better" unless `benefit` marks some as costs (False), one
    mark per column.
    """
    w = weight_vector(weights, [str(c) for c in matrix.columns])
    mask = None if benefit is None else np.asarray(list(benefit), dtype=bool)
    scores = mcda.topsis(matrix.to_numpy(dtype=np.float64), w, mask)
    return pd.Series(scores, index=matrix.index, name="topsis")


def rank(scores: pd.Series) -> pd.Series:
    """Competition ranks (1 = best); tied scores share the better rank."""
    values = scores.to_numpy(dtype=np.float64)
    if not np.all(np.isfinite(values)):
        raise InvalidNumbers("Scores to rank must not hold NaN or infinite values.")
    ranks = mcda.competition_ranks(values)
    return pd.Series(ranks, index=scores.index, name="rank")


def profile_matrix(
    pack: ContentPack,
    context: Mapping[str, float] | None = None,
    hybrids: Mapping[str, Mapping[str, float]] | None = None,
    include_hybrids: bool = True,
) -> pd.DataFrame:
    """All options' (and hybrids') profiles under a context, as a DataFrame on the 1–5 scale."""
    model = ScoringModel.build(pack, context, hybrids, include_hybrids)
    return pd.DataFrame(model.matrix, index=list(model.ids), columns=list(model.criteria))


@dataclass(frozen=True)
class Ranking:
    """The weighted-sum scores and ranks of one set of weights: what a phone redraws on every
    slider move (see :meth:`ScoringModel.rank`)."""

    ids: tuple[str, ...]
    wsm: Array
    wsm_ranks: np.ndarray

    def order(self) -> list[int]:
        """Option indices from best to worst weighted-sum rank (tied options in pack order)."""
        return [int(i) for i in np.argsort(self.wsm_ranks, kind="stable")]

    @property
    def tied_winners(self) -> tuple[str, ...]:
        """All options sharing rank 1 under the weighted sum, in pack order."""
        return tuple(self.ids[i] for i in np.flatnonzero(self.wsm_ranks == 1))


@dataclass(frozen=True)
class Evaluation(Ranking):
    """Everything the app shows for one set of weights: scores, ranks, contributions, robustness."""

    weights: Array
    topsis: Array
    contributions: Array  # options × criteria, rows sum to `wsm`
    topsis_ranks: np.ndarray
    sensitivity: Sensitivity

    @property
    def winner(self) -> str:
        """The weighted-sum winner (the first in pack order among tied leaders)."""
        return self.ids[self.sensitivity.winner]

    @property
    def topsis_leaders(self) -> tuple[str, ...]:
        """All options sharing rank 1 under TOPSIS, in pack order."""
        return tuple(self.ids[i] for i in np.flatnonzero(self.topsis_ranks == 1))


@dataclass(frozen=True)
class ScoringModel:
    """The adjusted matrix of pure and hybrid options for one context, ready to score weights."""

    ids: tuple[str, ...]
    names: tuple[Text, ...]
    criteria: tuple[str, ...]
    matrix: Array  # options × criteria on the 1–5 scale
    hybrid_ids: tuple[str, ...] = ()

    @classmethod
    def build(
        cls,
        pack: ContentPack,
        context: Mapping[str, float] | None = None,
        hybrids: Mapping[str, Mapping[str, float]] | None = None,
        include_hybrids: bool = True,
    ) -> ScoringModel:
        """Adjust the pure profiles to `context` and add the hybrids with their parameters."""
        pure = adjusted_matrix(pack, context)
        ids = list(pack.option_ids)
        names = [o.name for o in pack.options]
        matrix = pure
        hybrid_ids: tuple[str, ...] = ()
        if include_hybrids and pack.hybrids:
            matrix = np.vstack([pure, hybrid_matrix(pack, pure, hybrids, context)])
            hybrid_ids = tuple(h.id for h in pack.hybrids)
            ids += hybrid_ids
            names += [h.name for h in pack.hybrids]
        return cls(tuple(ids), tuple(names), pack.criterion_ids, matrix, hybrid_ids)

    @cached_property
    def normalised(self) -> Array:
        """The matrix mapped from the 1–5 scale onto 0–1."""
        return mcda.rescale(self.matrix, SCALE_MIN, SCALE_MAX)

    @cached_property
    def _topsis_gaps(self) -> tuple[Array, Array]:
        """Squared gaps of the vector-normalised matrix to its column best and worst.

        With non-negative weights the weighted ideal is the weight times the unweighted ideal, so
        TOPSIS distances per weight change are two matrix-vector products:
        ``D+ = sqrt(gap_best² @ w²)`` and ``D− = sqrt(gap_worst² @ w²)``.
        """
        unit = mcda.unit_columns(self.matrix)
        return (unit - unit.max(axis=0)) ** 2, (unit - unit.min(axis=0)) ** 2

    def topsis(self, w: Array) -> Array:
        """TOPSIS closeness under normalised weights (same values as :func:`mcda.topsis`)."""
        to_best_sq, to_worst_sq = self._topsis_gaps
        squared = w * w
        to_best = np.sqrt(to_best_sq @ squared)
        to_worst = np.sqrt(to_worst_sq @ squared)
        total = to_best + to_worst
        closeness: Array = np.divide(
            to_worst, total, out=np.full(total.shape, 0.5), where=total > 0.0
        )
        return closeness

    def weights(self, weights: Weights) -> Array:
        """Validate and normalise weights given by criterion id."""
        return weight_vector(weights, self.criteria)

    def rank(self, weights: Weights) -> Ranking:
        """Only the weighted-sum scores and ranks, the same as :meth:`evaluate` gives, at a
        fraction of its cost (no TOPSIS, contributions or sensitivity)."""
        scores = mcda.wsm(self.normalised, self.weights(weights))
        return Ranking(ids=self.ids, wsm=scores, wsm_ranks=mcda.competition_ranks(scores))

    def evaluate(self, weights: Weights | Array) -> Evaluation:
        """Score every option with both methods, with contributions and weight sensitivity.

        `weights` by criterion id, or an array in criterion order; refused with
        :class:`InvalidWeights` when they are NaN, infinite, negative or the wrong length.
        """
        if isinstance(weights, np.ndarray):
            if weights.shape != (len(self.criteria),):
                raise InvalidWeights(
                    f"Give {len(self.criteria)} weights, one per criterion "
                    f"(given shape {weights.shape})."
                )
            w = mcda.normalise_weights(weights)
        else:
            w = self.weights(weights)
        scores = mcda.wsm(self.normalised, w)
        closeness = self.topsis(w)
        ranks = mcda.competition_ranks(scores)
        winner = int(mcda.leaders(scores)[0])  # the first in pack order among tied leaders
        return Evaluation(
            ids=self.ids,
            weights=w,
            wsm=scores,
            topsis=closeness,
            contributions=mcda.contributions(self.normalised, w),
            wsm_ranks=ranks,
            topsis_ranks=mcda.competition_ranks(closeness),
            sensitivity=weight_sensitivity(self.normalised, w, winner, self.ids, self.criteria),
        )
