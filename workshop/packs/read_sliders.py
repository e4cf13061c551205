"""Reading the sections that carry sliders: context factors and hybrid templates.

A context factor is a slider with modifiers that shift profile cells; a hybrid template mixes two
options and has parameters, each a slider of its own.  Both check their slider ranges with the
same reader (:func:`_read_range`).  The other sections are read in :mod:`workshop.packs.read`.
"""

from __future__ import annotations

from collections.abc import Mapping

from workshop.content import ContextFactor, HybridKind, HybridTemplate, Modifier, Parameter
from workshop.packs.reader import NO_TEXT, Reader, Table, fmt, join, read_items

#: A modifier may shift a cell by at most this many scale points at a factor's far end.
BETA_LIMIT = 2.0

_KINDS: dict[str, HybridKind] = {"blend": "blend", "pull": "pull"}
_KIND_PARAMETER = {"blend": "share", "pull": "strength"}

_FACTOR_FIELDS = (
    "id",
    "name",
    "description",
    "low",
    "high",
    "unit",
    "minimum",
    "maximum",
    "neutral",
    "step",
    "modifiers",
)
_MODIFIER_FIELDS = ("option", "criterion", "beta", "rationale", "sources")
_HYBRID_FIELDS = (
    "id",
    "name",
    "summary",
    "kind",
    "a",
    "b",
    "kappa",
    "coordination_criteria",
    "pulls",
    "parameters",
    "sources",
    "split_by",
    "value_criteria",
    "value_factor",
    "costs",
)
_PARAMETER_FIELDS = ("id", "name", "description", "minimum", "maximum", "default", "step")


def read_factor(r: Reader, t: Table, loc: str) -> ContextFactor | None:
    """Read one entry of ``[[context_factors]]``."""
    r.check_fields(t, _FACTOR_FIELDS, loc)
    factor_id = r.ident(t, "id", loc)
    name, description = r.text(t, "name", loc), r.text(t, "description", loc)
    low, high = r.text(t, "low", loc), r.text(t, "high", loc)
    unit = r.text(t, "unit", loc, required=False)
    bounds = _read_range(r, t, loc, "neutral")
    factor = ContextFactor(
        id=factor_id or "",
        name=name or NO_TEXT,
        description=description or NO_TEXT,
        low=low or NO_TEXT,
        high=high or NO_TEXT,
        minimum=bounds[0],
        maximum=bounds[1],
        neutral=bounds[2],
        step=bounds[3],
        modifiers=_read_modifiers(r, t, loc),
        unit=unit,
    )
    return factor if factor_id else None


def _read_range(r: Reader, t: Table, loc: str, middle: str) -> tuple[float, float, float, float]:
    """Read and check minimum, maximum, the `middle` point (neutral or default) and step."""
    minimum, maximum, mid, step = (
        r.number(t, key, loc) for key in ("minimum", "maximum", middle, "step")
    )
    _check_range(r, loc, minimum, maximum, middle, mid, step)
    return (
        _or(minimum, 0.0),
        _or(maximum, 1.0),
        _or(mid, _or(minimum, 0.0)),
        _or(step, 1.0),
    )


def _check_range(
    r: Reader,
    loc: str,
    minimum: float | None,
    maximum: float | None,
    middle: str,
    mid: float | None,
    step: float | None,
) -> None:
    """Record an empty range, a middle point outside it, or an unusable step."""
    if step is not None and step <= 0:
        r.report(join(loc, "step"), f"step {fmt(step)} must be greater than 0")
    if minimum is None or maximum is None:
        return
    if minimum >= maximum:
        message = f"minimum {fmt(minimum)} must be less than maximum {fmt(maximum)}"
        r.report(join(loc, "minimum"), message)
        return
    span = f"{fmt(minimum)} to {fmt(maximum)}"
    if mid is not None and not minimum <= mid <= maximum:
        r.report(join(loc, middle), f"{middle} {fmt(mid)} is outside the range {span}")
    if step is not None and step > maximum - minimum:
        r.report(join(loc, "step"), f"step {fmt(step)} is larger than the range {span}")


def _read_modifiers(r: Reader, t: Table, loc: str) -> tuple[Modifier, ...]:
    """Read a factor's ``[[context_factors.modifiers]]``; one per option and criterion."""
    modifiers: list[Modifier] = []
    seen: set[tuple[str, str]] = set()
    for _, item_loc, item in r.tables(t, "modifiers", loc, "modifier", required=False):
        modifier = _read_modifier(r, item, item_loc)
        if modifier is None:
            continue
        cell = (modifier.option, modifier.criterion)
        if cell in seen:
            message = f"duplicate modifier for option '{cell[0]}' and criterion '{cell[1]}'"
            r.report(item_loc, message)
            continue
        seen.add(cell)
        modifiers.append(modifier)
    return tuple(modifiers)


def _read_modifier(r: Reader, t: Table, loc: str) -> Modifier | None:
    """Read one modifier; None if its option or criterion is unusable."""
    r.check_fields(t, _MODIFIER_FIELDS, loc)
    option = r.reference(t, "option", loc, r.option_ids, "option")
    criterion = r.reference(t, "criterion", loc, r.criterion_ids, "criterion")
    beta = r.number(t, "beta", loc)
    if beta is not None and abs(beta) > BETA_LIMIT:
        limits = f"{fmt(-BETA_LIMIT)} to {fmt(BETA_LIMIT)}"
        r.report(join(loc, "beta"), f"beta {fmt(beta)} is outside the range {limits}")
    rationale = r.text(t, "rationale", loc) or NO_TEXT
    sources = r.references(t, "sources", loc, r.source_ids, "source")
    if option is None or criterion is None:
        return None
    return Modifier(option, criterion, _or(beta, 0.0), rationale, sources)


def read_hybrid(r: Reader, t: Table, loc: str) -> HybridTemplate | None:
    """Read one entry of ``[[hybrids]]``."""
    r.check_fields(t, _HYBRID_FIELDS, loc)
    hybrid_id = r.ident(t, "id", loc)
    name, summary = r.text(t, "name", loc), r.text(t, "summary", loc)
    kind = _read_kind(r, t, loc)
    a = r.reference(t, "a", loc, r.option_ids, "option")
    b = r.reference(t, "b", loc, r.option_ids, "option")
    if a is not None and a == b:
        r.report(join(loc, "b"), f"a and b are both '{a}'; a hybrid mixes two different options")
    kappa = r.number(t, "kappa", loc, required=False)
    if kappa is not None and kappa < 0:
        r.report(join(loc, "kappa"), f"kappa {fmt(kappa)} must not be negative")
    coordination = r.references(t, "coordination_criteria", loc, r.criterion_ids, "criterion")
    pulls = _read_pulls(r, t, loc)
    costs = _read_costs(r, t, loc)
    parameters = read_items(r, t, "parameters", loc, "parameter", _read_parameter)
    sources = r.references(t, "sources", loc, r.source_ids, "source")
    factor_ids = frozenset(r.factors)
    split_by = _optional_reference(r, t, "split_by", loc, factor_ids, "context factor")
    value_factor = _optional_reference(r, t, "value_factor", loc, factor_ids, "context factor")
    value_criteria = r.references(t, "value_criteria", loc, r.criterion_ids, "criterion")
    if value_criteria and value_factor is None:
        r.report(join(loc, "value_factor"), "value_criteria need a value_factor")
    _check_kind(r, t, loc, kind, parameters, pulls)
    if kind == "blend" and costs:
        r.report(join(loc, "costs"), "costs only apply to hybrids of kind 'pull'")
    hybrid = HybridTemplate(
        id=hybrid_id or "",
        name=name or NO_TEXT,
        summary=summary or NO_TEXT,
        kind=kind or "blend",
        a=a or "",
        b=b or "",
        parameters=parameters,
        kappa=_or(kappa, 0.0),
        coordination_criteria=coordination,
        pulls=pulls,
        sources=sources,
        split_by=split_by,
        value_criteria=value_criteria,
        value_factor=value_factor,
        costs=costs,
    )
    return hybrid if hybrid_id else None


def _optional_reference(
    r: Reader, t: Table, key: str, loc: str, known: frozenset[str], noun: str
) -> str | None:
    """The id at `key` if the table has one (checked against `known`), else None."""
    return r.reference(t, key, loc, known, noun) if key in t else None


def _read_costs(r: Reader, t: Table, loc: str) -> dict[str, float]:
    """Read ``costs``: criterion id → scale points lost at full strength (0 to 2)."""
    return _read_criterion_numbers(r, t, "costs", loc, "cost", 2.0)


def _read_kind(r: Reader, t: Table, loc: str) -> HybridKind | None:
    """Read a hybrid's kind: ``blend`` or ``pull``."""
    value = r.string(t, "kind", loc)
    if value is None:
        return None
    kind = _KINDS.get(value)
    if kind is None:
        r.report(join(loc, "kind"), f"unknown hybrid kind '{value}' (use 'blend' or 'pull')")
    return kind


def _read_pulls(r: Reader, t: Table, loc: str) -> dict[str, float]:
    """Read ``pulls``: criterion id → share of the gap to option b (0 to 1)."""
    return _read_criterion_numbers(r, t, "pulls", loc, "pull", 1.0)


def _read_criterion_numbers(
    r: Reader, t: Table, key: str, loc: str, noun: str, most: float
) -> dict[str, float]:
    """Read an optional table criterion id → number from 0 to `most`, recording bad entries."""
    table = r.table(t, key, loc, required=False)
    if table is None:
        return {}
    where = join(loc, key)
    numbers: dict[str, float] = {}
    for criterion in table:
        if criterion not in r.criterion_ids:
            r.report(join(where, str(criterion)), f"unknown criterion '{criterion}'")
            continue
        value = r.number(table, criterion, where)
        if value is not None and not 0.0 <= value <= most:
            span = f"0 to {fmt(most)}"
            r.report(join(where, criterion), f"{noun} {fmt(value)} is outside the range {span}")
        if value is not None:
            numbers[criterion] = value
    return numbers


def _check_kind(
    r: Reader,
    t: Table,
    loc: str,
    kind: HybridKind | None,
    parameters: tuple[Parameter, ...],
    pulls: Mapping[str, float],
) -> None:
    """Record what a hybrid of this kind needs but lacks (FORMAT.md, "Hybrids")."""
    if kind is None:
        return
    _check_unit_parameter(r, loc, kind, parameters)
    if kind == "pull" and not pulls and not t.get("pulls"):
        r.report(loc, "a pull hybrid needs 'pulls': the criteria it moves toward option b")
    if kind == "blend" and pulls:
        r.report(join(loc, "pulls"), "pulls only apply to hybrids of kind 'pull'")
    intensity = find_parameter(parameters, "intensity")
    if kind == "blend" and intensity is not None and intensity.minimum <= 0:
        message = f"parameter 'intensity' must stay above 0, got minimum {fmt(intensity.minimum)}"
        r.report(join(loc, "parameters[intensity]"), message)


def _check_unit_parameter(
    r: Reader, loc: str, kind: HybridKind, parameters: tuple[Parameter, ...]
) -> None:
    """Record a missing ``share`` (blend) or ``strength`` (pull), or one outside 0 to 1."""
    needed = _KIND_PARAMETER[kind]
    parameter = find_parameter(parameters, needed)
    if parameter is None:
        r.report(join(loc, "parameters"), f"a {kind} hybrid needs a parameter '{needed}'")
    elif parameter.minimum < 0 or parameter.maximum > 1:
        span = f"{fmt(parameter.minimum)} to {fmt(parameter.maximum)}"
        message = f"parameter '{needed}' must stay within 0 to 1, got {span}"
        r.report(join(loc, f"parameters[{needed}]"), message)


def _read_parameter(r: Reader, t: Table, loc: str) -> Parameter | None:
    """Read one entry of ``[[hybrids.parameters]]``."""
    r.check_fields(t, _PARAMETER_FIELDS, loc)
    parameter_id = r.ident(t, "id", loc)
    name, description = r.text(t, "name", loc), r.text(t, "description", loc)
    minimum, maximum, default, step = _read_range(r, t, loc, "default")
    if parameter_id is None:
        return None
    return Parameter(
        id=parameter_id,
        name=name or NO_TEXT,
        description=description or NO_TEXT,
        minimum=minimum,
        maximum=maximum,
        default=default,
        step=step,
    )


def find_parameter(parameters: tuple[Parameter, ...], parameter_id: str) -> Parameter | None:
    """The hybrid parameter with this id, or None."""
    return next((p for p in parameters if p.id == parameter_id), None)


def _or(value: float | None, default: float) -> float:
    return default if value is None else value
