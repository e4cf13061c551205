"""Balance report of the decision model: how often each option wins over random workshops.

A content pack is balanced when every option — pure model or hybrid — wins for some plausible
workshop and none wins by construction.  This module checks that with numbers: it draws random
workshops (a context, hybrid parameters and the group's priorities), scores every option with
:class:`workshop.engine.scoring.ScoringModel`, and counts the winners.

A random workshop is

* each context factor uniform over its range (the ends included, not snapped to its step),
* each hybrid parameter uniform over its range,
* the priorities (criterion weights) from a flat Dirichlet(1, …, 1): every weighting summing to
  1 is equally likely.

A *situation* (a scenario of the pack, see :func:`situation_shares`) fixes the context factors
and hybrid parameters it names; everything else is drawn as above.  The draws come from
``numpy.random.default_rng(seed)`` and are made for every factor and parameter even when a
situation fixes some, so the same seed gives every situation the same priorities: differences
between situations come from the situations, not from luck.

Winners: the weighted-sum winner is :attr:`Evaluation.winner` (ties go to the first in pack
order), the TOPSIS winner the first of :attr:`Evaluation.topsis_leaders`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import numpy as np
import numpy.typing as npt

from workshop.content import ContentPack
from workshop.engine.mcda import Array
from workshop.engine.scoring import ScoringModel

Context = dict[str, float]
HybridValues = dict[str, dict[str, float]]

#: :func:`criterion_leanings` looks at the draws in which a criterion's weight is in this top
#: share (the top decile).
HIGH_WEIGHT_SHARE = 0.1


class Situation(Protocol):
    """What a situation must offer: fixed context values and fixed hybrid parameters."""

    @property
    def context(self) -> Mapping[str, float]: ...

    @property
    def hybrids(self) -> Mapping[str, Mapping[str, float]]: ...


class Workshop(NamedTuple):
    """One random workshop: a context, hybrid parameters and weights in criterion order."""

    context: Context
    hybrids: HybridValues
    weights: Array


@dataclass(frozen=True)
class WinShares:
    """Share of draws each option wins, by weighted sum and by TOPSIS.

    Both maps hold every option id of the scoring model (pure, then hybrid, in model order),
    zeros included; each sums to 1.
    """

    n: int
    wsm: dict[str, float]
    topsis: dict[str, float]


@dataclass(frozen=True)
class _Tally:
    """Per draw: its weights and the positions of its WSM and TOPSIS winners in `ids`."""

    ids: tuple[str, ...]
    weights: Array  # draws × criteria
    wsm: npt.NDArray[np.int64]
    topsis: npt.NDArray[np.int64]


def random_workshops(
    pack: ContentPack, n: int, seed: int, situation: Situation | None = None
) -> list[Workshop]:
    """`n` random plausible workshops for `pack` (see the module docstring for the draws).

    With a `situation`, its context values and the hybrid parameters it names are fixed; the
    rest is drawn.  The same `pack`, `n` and `seed` give the same draws.
    """
    return _draw(pack, n, seed, situation)


def _draw(pack: ContentPack, n: int, seed: int, situation: Situation | None) -> list[Workshop]:
    """:func:`random_workshops` for a situation (a scenario of the pack) or none."""
    if n < 1:
        raise ValueError(f"Draw at least one workshop (given n={n}).")
    rng = np.random.default_rng(seed)
    contexts = _uniform(rng, [(f.minimum, f.maximum) for f in pack.context_factors], n)
    parameters = [(h.id, p) for h in pack.hybrids for p in h.parameters]
    values = _uniform(rng, [(p.minimum, p.maximum) for _, p in parameters], n)
    weights = rng.dirichlet(np.ones(len(pack.criteria)), size=n)
    fixed_context, fixed_hybrids = _fixed(situation)
    factor_ids = [f.id for f in pack.context_factors]
    draws = []
    for row in range(n):
        context = dict(zip(factor_ids, contexts[row].tolist(), strict=True)) | fixed_context
        hybrids: HybridValues = {h.id: {} for h in pack.hybrids}
        for (hybrid_id, p), value in zip(parameters, values[row].tolist(), strict=True):
            hybrids[hybrid_id][p.id] = value
        for hybrid_id, fixed in fixed_hybrids.items():
            hybrids.setdefault(hybrid_id, {}).update(fixed)
        draws.append(Workshop(context, hybrids, weights[row]))
    return draws


def win_shares(
    pack: ContentPack, n: int = 4000, seed: int = 1, situation: Situation | None = None
) -> WinShares:
    """How often each option wins over `n` random workshops (optionally within a situation)."""
    return _shares(_tally(pack, _draw(pack, n, seed, situation)))


def criterion_leanings(
    pack: ContentPack, n: int = 4000, seed: int = 1, top: int = 3
) -> dict[str, list[tuple[str, float]]]:
    """Which options each criterion's weight favours, by weighted sum.

    Definition: for each criterion, take the draws in which its weight is in the top decile of
    that criterion's weights over all `n` draws (:data:`HIGH_WEIGHT_SHARE`); the options' WSM
    win shares among those draws are its leanings.  Returns criterion id → up to `top`
    (option id, share) pairs with a share above 0, largest first (ties in model order).
    """
    tally = _tally(pack, random_workshops(pack, n, seed))
    leanings = {}
    for j, criterion in enumerate(pack.criterion_ids):
        column = tally.weights[:, j]
        high = column >= np.quantile(column, 1.0 - HIGH_WEIGHT_SHARE)
        shares = _share_map(tally.ids, tally.wsm[high])
        ranked = sorted(shares.items(), key=lambda item: -item[1])  # stable: model order
        leanings[criterion] = [(option, share) for option, share in ranked[:top] if share > 0.0]
    return leanings


def situation_shares(pack: ContentPack, n: int = 4000, seed: int = 1) -> dict[str, WinShares]:
    """Win shares within each situation of the pack (its ``scenarios``; none: an empty dict).

    Every situation gets the same seed, hence the same priorities (see the module docstring).
    """
    return {s.id: _shares(_tally(pack, _draw(pack, n, seed, s))) for s in pack.scenarios}


def _uniform(rng: np.random.Generator, ranges: Sequence[tuple[float, float]], n: int) -> Array:
    """Draws × ranges, each column uniform over its range (an empty range list: no columns)."""
    if not ranges:
        return np.empty((n, 0))
    low, high = np.array(ranges, dtype=np.float64).T
    drawn: Array = rng.uniform(low, high, size=(n, len(ranges)))
    return drawn


def _fixed(situation: Situation | None) -> tuple[Context, HybridValues]:
    """A situation's fixed context values and hybrid parameters as plain dicts (none: empty)."""
    context = situation.context if situation is not None else {}
    hybrids = situation.hybrids if situation is not None else {}
    return (
        {str(k): float(v) for k, v in context.items()},
        {str(h): {str(k): float(v) for k, v in values.items()} for h, values in hybrids.items()},
    )


def _tally(pack: ContentPack, draws: Sequence[Workshop]) -> _Tally:
    """Score every draw and note its winners."""
    ids: tuple[str, ...] = ()
    wsm = np.empty(len(draws), dtype=np.int64)
    topsis = np.empty(len(draws), dtype=np.int64)
    for row, draw in enumerate(draws):
        # The context changes the matrix, so each draw needs its own model (about 0.1 ms).
        model = ScoringModel.build(pack, draw.context, draw.hybrids)
        evaluation = model.evaluate(draw.weights)
        ids = model.ids
        wsm[row] = ids.index(evaluation.winner)
        topsis[row] = ids.index(evaluation.topsis_leaders[0])
    weights = np.array([d.weights for d in draws], dtype=np.float64)
    return _Tally(ids, weights, wsm, topsis)


def _shares(tally: _Tally) -> WinShares:
    return WinShares(
        n=int(tally.wsm.size),
        wsm=_share_map(tally.ids, tally.wsm),
        topsis=_share_map(tally.ids, tally.topsis),
    )


def _share_map(ids: tuple[str, ...], winners: npt.NDArray[np.int64]) -> dict[str, float]:
    """Each id's share of `winners` (positions in `ids`), every id listed, in `ids` order."""
    counts = np.bincount(winners, minlength=len(ids))
    total = max(int(winners.size), 1)
    return {option: int(count) / total for option, count in zip(ids, counts, strict=True)}
