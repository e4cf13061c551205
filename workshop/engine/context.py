"""Context adjustment: how the unit's situation shifts the options' profiles.

For factor value v with neutral point n, the factor's position is
``x = (v − n)/(max − n)`` above the neutral point and ``(v − n)/(n − min)`` below it, so x runs
from −1 at the minimum through 0 at the neutral point to +1 at the maximum.  A modifier with
strength β moves its cell by ``β·x`` scale points; the sum over all factors is added to the base
profile and the result clamped to the 1–5 scale (domain.md: s = clamp(b + Σ β·2(c − 0.5)) for a
neutral point in the middle).  Context changes how options perform, never the weights.

A context names factors by id; an unknown id (a misspelling) or a value that is not a finite
number raises :class:`~workshop.errors.InvalidContext`.  A finite value past an end of the
factor's range counts as that end (:func:`factor_position` clamps); missing factors count as
neutral.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from workshop.content import SCALE_MAX, SCALE_MIN, ContentPack, ContextFactor
from workshop.engine.mcda import Array
from workshop.errors import InvalidContext


@dataclass(frozen=True)
class Shift:
    """One factor's contribution to one cell, for explaining a score."""

    factor: str
    beta: float
    position: float

    @property
    def points(self) -> float:
        """Scale points this factor adds to the cell."""
        return self.beta * self.position


def factor_position(factor: ContextFactor, value: float) -> float:
    """Where `value` lies between the factor's neutral point (0) and its ends (−1, +1)."""
    value = min(max(value, factor.minimum), factor.maximum)
    if value >= factor.neutral:
        span = factor.maximum - factor.neutral
    else:
        span = factor.neutral - factor.minimum
    return 0.0 if span <= 0.0 else (value - factor.neutral) / span


def base_matrix(pack: ContentPack) -> Array:
    """The pure options' base profiles as an array (options × criteria, pack order)."""
    return np.array(
        [[option.value(c) for c in pack.criterion_ids] for option in pack.options],
        dtype=np.float64,
    )


def check_context(pack: ContentPack, context: Mapping[str, float] | None) -> dict[str, float]:
    """The context's factor values as floats; raises :class:`InvalidContext` for bad entries."""
    if not context:
        return {}
    if not isinstance(context, Mapping):
        raise InvalidContext("A context maps factor ids to numbers.", field="context")
    factors = {f.id: f for f in pack.context_factors}
    clean: dict[str, float] = {}
    for key, raw in context.items():
        factor = factors.get(str(key))
        if factor is None:
            known = ", ".join(sorted(factors)) or "-"
            raise InvalidContext(
                f"Unknown context factor {key!r} (known: {known}).", field="context", factor=key
            )
        clean[factor.id] = _finite_number(
            raw, f"context factor {key!r}", field="context", factor=key
        )
    return clean


def _finite_number(raw: object, what: str, **details: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float | np.integer | np.floating):
        raise InvalidContext(f"The {what} must be a number.", **details)
    value = float(raw)
    if not np.isfinite(value):
        raise InvalidContext(f"The {what} must be a finite number.", **details)
    return value


def factor_value(factor: ContextFactor, context: Mapping[str, float]) -> float:
    """The factor's value in `context` (its neutral point if absent), kept within its range."""
    value = float(context.get(factor.id, factor.neutral))
    return min(max(value, factor.minimum), factor.maximum)


def adjusted_matrix(pack: ContentPack, context: Mapping[str, float] | None = None) -> Array:
    """The pure options' profiles under a context (missing factors count as neutral)."""
    matrix = base_matrix(pack)
    clean = check_context(pack, context)
    if clean:
        matrix = matrix + _shift_matrix(pack, clean)
    return np.clip(matrix, SCALE_MIN, SCALE_MAX)


def _shift_matrix(pack: ContentPack, context: Mapping[str, float]) -> Array:
    option_index = {o: i for i, o in enumerate(pack.option_ids)}
    criterion_index = {c: j for j, c in enumerate(pack.criterion_ids)}
    shifts = np.zeros((len(option_index), len(criterion_index)))
    for factor in pack.context_factors:
        if factor.id not in context:
            continue
        position = factor_position(factor, float(context[factor.id]))
        for m in factor.modifiers:
            shifts[option_index[m.option], criterion_index[m.criterion]] += m.beta * position
    return shifts


def explain_cell(
    pack: ContentPack, context: Mapping[str, float], option_id: str, criterion_id: str
) -> list[Shift]:
    """Every factor shift that moves one option's value on one criterion (non-zero only)."""
    clean = check_context(pack, context)
    shifts = []
    for factor in pack.context_factors:
        position = factor_position(factor, clean.get(factor.id, factor.neutral))
        for m in factor.modifiers:
            if m.option == option_id and m.criterion == criterion_id and position != 0.0:
                shifts.append(Shift(factor.id, m.beta, position))
    return shifts
