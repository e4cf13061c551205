"""The group's context of a round: the facilitator's values, else the participants' median."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from workshop.content import ContentPack
from workshop.rounds.live import RoundState

# --------------------------------------------------------------------------- context


def group_context(
    pack: ContentPack, state: RoundState
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """The round's context factors and the group's hybrid parameters (see module docstring)."""
    context = state.context if isinstance(state.context, Mapping) else {}
    stored = _numbers(context.get("factors"))
    factors = {
        f.id: _clamp(stored[f.id], f.minimum, f.maximum)
        for f in pack.context_factors
        if f.id in stored
    }
    chosen = context.get("hybrids")
    chosen = chosen if isinstance(chosen, Mapping) else {}
    hybrids: dict[str, dict[str, float]] = {}
    for template in pack.hybrids:
        facilitator = _numbers(chosen.get(template.id))
        values: dict[str, float] = {}
        for parameter in template.parameters:
            if parameter.id in facilitator:
                value = facilitator[parameter.id]
            else:
                given = _participant_values(state.hybrid_params.values(), template.id, parameter.id)
                if not given:
                    continue
                value = float(np.median(given))
            values[parameter.id] = _clamp(value, parameter.minimum, parameter.maximum)
        if values:
            hybrids[template.id] = values
    return factors, hybrids


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _numbers(raw: object) -> dict[str, float]:
    """The numeric entries of a JSON object (anything else is ignored)."""
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(k): float(v)
        for k, v in raw.items()
        if isinstance(v, int | float) and not isinstance(v, bool) and np.isfinite(v)
    }


def _participant_values(
    submitted: Iterable[Mapping[str, Any]], hybrid_id: str, parameter_id: str
) -> list[float]:
    """Every participant's value of one hybrid parameter (those who gave one)."""
    values = []
    for params in submitted:
        given = _numbers(params.get(hybrid_id) if isinstance(params, Mapping) else None)
        if parameter_id in given:
            values.append(given[parameter_id])
    return values
