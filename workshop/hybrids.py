"""Hybrid options computed from two pure options and the hybrid's parameters.

``blend`` (segment hybrid, tiered with swarming): with share t and contact intensity m the share
of contacts handled the `b` way is ``q = t·m / (t·m + 1 − t)``; every criterion is
``(1 − q)·a + q·b``, minus the coordination cost ``κ·4q(1 − q)`` on the coordination criteria.
At t = 0 the hybrid equals `a`, at t = 1 it equals `b`; running two models side by side costs
most in the middle.

``pull`` (case owner with customer-affinity routing): each pulled criterion moves from `a`
toward `b` by ``factor·ρ`` of the gap, with ρ the routing strength; at ρ = 0 it equals `a`.

Both work on the context-adjusted pure profiles, so a hybrid responds to context like its parts.

Parameters are given by hybrid id and parameter id; an unknown id or a value that is not a finite
number raises :class:`~workshop.errors.InvalidContext`.  A finite value past an end of the
parameter's range counts as that end; parameters not given take the template's default.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from workshop.content import SCALE_MAX, SCALE_MIN, ContentPack, HybridTemplate
from workshop.errors import InvalidContext
from workshop.mcda import Array


def resolve_parameters(
    template: HybridTemplate, values: Mapping[str, float] | None
) -> dict[str, float]:
    """The template's parameters: the given values (clamped to their ranges), defaults else."""
    resolved = template.defaults()
    for key, raw in (values or {}).items():
        if str(key) not in resolved:
            known = ", ".join(sorted(resolved)) or "-"
            raise InvalidContext(
                f"Hybrid {template.id!r} has no parameter {key!r} (known: {known}).",
                field="hybrids",
                hybrid=template.id,
            )
        parameter = template.parameter(str(key))
        if isinstance(raw, bool) or not isinstance(raw, int | float | np.integer | np.floating):
            raise InvalidContext(
                f"{template.id}.{key} must be a number.", field="hybrids", hybrid=template.id
            )
        value = float(raw)
        if not np.isfinite(value):
            raise InvalidContext(
                f"{template.id}.{key} is {value:g}; it must be a finite number.",
                field="hybrids",
                hybrid=template.id,
            )
        # A finite value past an end counts as that end (a share of 7 is a share of 1).
        resolved[parameter.id] = min(max(value, parameter.minimum), parameter.maximum)
    return resolved


def check_hybrid_ids(pack: ContentPack, values: Mapping[str, object] | None) -> None:
    """Raise :class:`InvalidContext` when `values` names a hybrid the pack does not have."""
    known = {h.id for h in pack.hybrids}
    for key in values or {}:
        if key not in known:
            raise InvalidContext(
                f"Unknown hybrid {key!r} (known: {', '.join(sorted(known)) or '-'}).",
                field="hybrids",
                hybrid=key,
            )


def contact_share(share: float, intensity: float) -> float:
    """Share of contacts handled the `b` way if `share` of customers make `intensity`× contacts."""
    denominator = share * intensity + 1.0 - share
    return share if denominator <= 0.0 else share * intensity / denominator


def hybrid_profile(
    pack: ContentPack,
    template: HybridTemplate,
    pure: Array,
    values: Mapping[str, float] | None = None,
) -> Array:
    """One hybrid's profile (a row over the pack's criteria) from the adjusted pure matrix."""
    params = resolve_parameters(template, values)
    a = pure[pack.option_ids.index(template.a)]
    b = pure[pack.option_ids.index(template.b)]
    criteria = pack.criterion_ids
    if template.kind == "blend":
        mix = contact_share(params["share"], params.get("intensity", 1.0))
        row = (1.0 - mix) * a + mix * b
    else:
        mix = params["strength"]
        factors = np.array([template.pulls.get(c, 0.0) for c in criteria])
        row = a + factors * mix * (b - a)
    if template.kappa and template.coordination_criteria:
        mask = np.array([c in template.coordination_criteria for c in criteria])
        row = row - mask * template.kappa * 4.0 * mix * (1.0 - mix)
    clipped: Array = np.clip(row, SCALE_MIN, SCALE_MAX)
    return clipped


def hybrid_matrix(
    pack: ContentPack,
    pure: Array,
    values: Mapping[str, Mapping[str, float]] | None = None,
) -> Array:
    """All hybrids' profiles (hybrids × criteria), parameters per hybrid id."""
    check_hybrid_ids(pack, values)
    values = values or {}
    rows = [hybrid_profile(pack, t, pure, values.get(t.id)) for t in pack.hybrids]
    if not rows:
        return np.empty((0, len(pack.criteria)))
    return np.vstack(rows)
