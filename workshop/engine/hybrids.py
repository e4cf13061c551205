"""Hybrid options computed from two pure options and the hybrid's parameters.

A hybrid earns its place by giving each part the work it suits (FORMAT.md, "Hybrids").

``blend`` (segment model, tiered or pods with swarming): with share t and contact intensity m the
share of contacts handled the `b` way is ``q = t·m / (t·m + 1 − t)``.  Every criterion is
``(1 − q)·a' + q·b'``, minus the coordination cost ``κ·4q(1 − q)`` on the coordination criteria:

* with ``split_by`` (a factor that measures a share of the work, such as the share of new and
  complex issues) the work is sorted along it: `b` takes the top t of it, `a` the rest.  With
  p the factor's position on its range (0 at its minimum, 1 at its maximum), `b`'s part sees
  ``p_b = min(1, p/t)`` and `a`'s part ``p_a = max(0, (p − t)/(1 − t))``, and ``a'``, ``b'`` are
  the parents' profiles under those contexts — tiers get the known issues, the swarm the new
  ones.  Without ``split_by``, ``a' = a`` and ``b' = b`` under the group's context;
* criteria in ``value_criteria`` mix by the share of customer value that `b` serves instead of
  the share of contacts: with V the revenue share of the top tenth of customers (factor
  ``value_factor``, in %), the top share t of customers holds ``t^α`` of the value with
  ``α = ln V / ln 0.1`` (a power-law Lorenz curve through (0.1, V); α = 1 for V ≤ 10 %).

``pull`` (case owner with known-agent routing): each pulled criterion moves from `a` toward `b`
by ``factor·ρ`` of the gap, with ρ the routing strength, and loses ``cost·ρ`` points on the
criteria in ``costs`` (waiting for the known agent, cover when they are away).

At t = 0 (ρ = 0) a hybrid equals `a`; at t = 1 a blend equals `b`; every part works on the
context-adjusted profiles, so a hybrid responds to context like its parts.

Parameters are given by hybrid id and parameter id; an unknown id or a value that is not a finite
number raises :class:`~workshop.errors.InvalidContext`.  A finite value past an end of the
parameter's range counts as that end; parameters not given take the template's default.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from workshop.content import SCALE_MAX, SCALE_MIN, ContentPack, HybridTemplate
from workshop.engine.context import adjusted_matrix, factor_value
from workshop.engine.mcda import Array
from workshop.errors import InvalidContext


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
    context: Mapping[str, float] | None = None,
) -> Array:
    """One hybrid's profile (a row over the pack's criteria) from the adjusted pure matrix.

    `context` is the group's context (needed by hybrids that split work along a factor or
    follow customer value; missing factors count as neutral).
    """
    params = resolve_parameters(template, values)
    a = pure[pack.option_ids.index(template.a)]
    b = pure[pack.option_ids.index(template.b)]
    criteria = pack.criterion_ids
    if template.kind == "blend":
        share = params["share"]
        mix = contact_share(share, params.get("intensity", 1.0))
        if template.split_by is not None:
            a, b = _split_parts(pack, template, share, context or {})
        weights = np.full(len(criteria), mix)
        if template.value_criteria:
            value = value_share(share, _value_concentration(pack, template, context or {}))
            weights[[criteria.index(c) for c in template.value_criteria]] = value
        row = (1.0 - weights) * a + weights * b
    else:
        mix = params["strength"]
        factors = np.array([template.pulls.get(c, 0.0) for c in criteria])
        costs = np.array([template.costs.get(c, 0.0) for c in criteria])
        row = a + factors * mix * (b - a) - costs * mix
    if template.kappa and template.coordination_criteria:
        mask = np.array([c in template.coordination_criteria for c in criteria])
        row = row - mask * template.kappa * 4.0 * mix * (1.0 - mix)
    clipped: Array = np.clip(row, SCALE_MIN, SCALE_MAX)
    return clipped


def value_share(share: float, concentration: float) -> float:
    """Share of customer value held by the top `share` of customers.

    `concentration` is the revenue share of the top tenth of customers (0–1); the Lorenz curve
    ``t^α`` with ``α = ln V / ln 0.1`` passes through (0.1, V).  At or below 10 % value is spread
    evenly (the value share equals the customer share).
    """
    if share <= 0.0:
        return 0.0
    if concentration <= 0.1:
        return share
    alpha = np.log(min(concentration, 1.0)) / np.log(0.1)
    return float(share**alpha)


def _value_concentration(
    pack: ContentPack, template: HybridTemplate, context: Mapping[str, float]
) -> float:
    """The value factor as a share (its value in % over 100), neutral where the group is silent."""
    return factor_value(pack.context_factor(template.value_factor or ""), context) / 100.0


def _split_parts(
    pack: ContentPack, template: HybridTemplate, share: float, context: Mapping[str, float]
) -> tuple[Array, Array]:
    """The parents' profiles under the work each part receives (see the module docstring)."""
    factor = pack.context_factor(template.split_by or "")
    span = factor.maximum - factor.minimum
    p = 0.0 if span <= 0.0 else (factor_value(factor, context) - factor.minimum) / span
    if 0.0 < share < 1.0:
        p_a, p_b = max(0.0, (p - share) / (1.0 - share)), min(1.0, p / share)
    else:  # one part gets all the work, as it comes
        p_a = p_b = p
    rows = []
    for option, position in ((template.a, p_a), (template.b, p_b)):
        part = {**context, factor.id: factor.minimum + position * span}
        rows.append(adjusted_matrix(pack, part)[pack.option_ids.index(option)])
    return rows[0], rows[1]


def hybrid_matrix(
    pack: ContentPack,
    pure: Array,
    values: Mapping[str, Mapping[str, float]] | None = None,
    context: Mapping[str, float] | None = None,
) -> Array:
    """All hybrids' profiles (hybrids × criteria), parameters per hybrid id."""
    check_hybrid_ids(pack, values)
    values = values or {}
    rows = [hybrid_profile(pack, t, pure, values.get(t.id), context) for t in pack.hybrids]
    if not rows:
        return np.empty((0, len(pack.criteria)))
    return np.vstack(rows)
