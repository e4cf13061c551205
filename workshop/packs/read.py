"""Reading a parsed pack into content objects, section by section.

:func:`read_pack` reads the sections in dependency order (sources, criteria, options, context
factors, hybrids, scenarios, stakeholders, homes, roles and role changes), so that each can check
its references to the ids read before it.  This module reads the pack itself and the plain
sections; context factors and hybrid templates, the sections with sliders, are read in
:mod:`workshop.packs.read_sliders`, roles and role changes in :mod:`workshop.packs.read_roles`.
"""

from __future__ import annotations

from collections.abc import Mapping

from workshop.content import (
    SCALE_MAX,
    SCALE_MIN,
    ContentPack,
    Criterion,
    Home,
    Option,
    ProfileValue,
    Scenario,
    Source,
    Stakeholder,
)
from workshop.engine.ballots import on_step
from workshop.packs.read_roles import read_roles
from workshop.packs.read_sliders import find_parameter, read_factor, read_hybrid
from workshop.packs.reader import NO_TEXT, Reader, Table, fmt, join, read_items

_PACK_FIELDS = (
    "id",
    "version",
    "name",
    "description",
    "sources",
    "criteria",
    "options",
    "context_factors",
    "hybrids",
    "scenarios",
    "stakeholders",
    "homes",
    "roles",
    "role_changes",
)
_SCENARIO_FIELDS = ("id", "name", "description", "context", "hybrids", "sources")
_STAKEHOLDER_FIELDS = ("id", "name", "description", "weights", "sources")
_HOME_FIELDS = ("option", "scenario", "stakeholder", "rationale")
_SOURCE_FIELDS = ("id", "citation", "url")
_CRITERION_FIELDS = ("id", "name", "definition", "low", "high", "sources")
_OPTION_FIELDS = ("id", "name", "short", "summary", "profile", "sources")
_PROFILE_FIELDS = ("value", "rationale", "sources")


def read_pack(r: Reader, data: object) -> ContentPack:
    """Read the whole pack; sections are read in dependency order."""
    if not isinstance(data, Mapping):
        r.wrong_type("", "a table", data)
        data = {}
    r.check_fields(data, _PACK_FIELDS, "")
    pack_id = r.ident(data, "id", "")
    version = r.string(data, "version", "")
    name = r.text(data, "name", "")
    description = r.text(data, "description", "")
    sources = read_items(r, data, "sources", "", "source", _read_source)
    r.source_ids = frozenset(s.id for s in sources)
    criteria = read_items(r, data, "criteria", "", "criterion", _read_criterion, required=True)
    r.criterion_ids = tuple(c.id for c in criteria)
    options = read_items(r, data, "options", "", "option", _read_option, required=True)
    r.option_ids = frozenset(o.id for o in options)
    factors = read_items(r, data, "context_factors", "", "context factor", read_factor)
    r.factors = {f.id: f for f in factors}
    hybrids = read_items(r, data, "hybrids", "", "hybrid", read_hybrid)
    r.hybrid_templates = {h.id: h for h in hybrids}
    scenarios = read_items(r, data, "scenarios", "", "scenario", _read_scenario)
    stakeholders = read_items(r, data, "stakeholders", "", "stakeholder", _read_stakeholder)
    r.scenario_ids = frozenset(x.id for x in scenarios)
    r.stakeholder_ids = frozenset(x.id for x in stakeholders)
    r.all_option_ids = r.option_ids | frozenset(r.hybrid_templates)
    homes = tuple(
        home
        for _, where, table in r.tables(data, "homes", "", "home", False)
        if (home := _read_home(r, table, where)) is not None
    )
    all_ids = tuple(o.id for o in options) + tuple(h.id for h in hybrids)
    roles, role_changes = read_roles(r, data, all_ids)
    return ContentPack(
        id=pack_id or "",
        version=version or "",
        name=name or NO_TEXT,
        description=description or NO_TEXT,
        criteria=criteria,
        options=options,
        context_factors=factors,
        hybrids=hybrids,
        sources=sources,
        scenarios=scenarios,
        stakeholders=stakeholders,
        homes=homes,
        roles=roles,
        role_changes=role_changes,
    )


def _read_scenario(r: Reader, t: Table, loc: str) -> Scenario | None:
    """Read one entry of ``[[scenarios]]``: a named situation with context values."""
    r.check_fields(t, _SCENARIO_FIELDS, loc)
    scenario_id = r.ident(t, "id", loc)
    name, description = r.text(t, "name", loc), r.text(t, "description", loc)
    context: dict[str, float] = {}
    table = r.table(t, "context", loc, True) or {}
    where = join(loc, "context")
    for key in table:
        factor = r.factors.get(str(key))
        if factor is None:
            r.report(join(where, str(key)), f"unknown context factor '{key}'")
            continue
        value = r.number(table, key, where)
        if value is not None and not factor.minimum <= value <= factor.maximum:
            span = f"{fmt(factor.minimum)} to {fmt(factor.maximum)}"
            r.report(join(where, key), f"value {fmt(value)} is outside the range {span}")
        elif value is not None and not on_step(value, factor.minimum, factor.step):
            r.report(join(where, key), f"value {fmt(value)} is not on the slider's steps")
        elif value is not None:
            context[factor.id] = value
    hybrids = _read_scenario_hybrids(r, t, loc)
    sources = r.references(t, "sources", loc, r.source_ids, "source")
    if not scenario_id:
        return None
    return Scenario(scenario_id, name or NO_TEXT, description or NO_TEXT, context, hybrids, sources)


def _read_scenario_hybrids(r: Reader, t: Table, loc: str) -> dict[str, dict[str, float]]:
    """Read a scenario's ``hybrids``: hybrid id → parameter id → value within its range."""
    table = r.table(t, "hybrids", loc, required=False)
    if table is None:
        return {}
    chosen: dict[str, dict[str, float]] = {}
    for hybrid_id in table:
        where = join(join(loc, "hybrids"), str(hybrid_id))
        template = r.hybrid_templates.get(str(hybrid_id))
        values = table[hybrid_id]
        if template is None:
            r.report(where, f"unknown hybrid '{hybrid_id}'")
            continue
        if not isinstance(values, Mapping):
            r.wrong_type(where, "a table of parameter values", values)
            continue
        chosen[template.id] = {}
        for key in values:
            parameter = find_parameter(template.parameters, str(key))
            value = r.number(values, key, where)
            if parameter is None:
                r.report(join(where, str(key)), f"unknown parameter '{key}'")
            elif value is not None and not parameter.minimum <= value <= parameter.maximum:
                r.report(join(where, str(key)), f"value {fmt(value)} is outside its range")
            elif value is not None and not on_step(value, parameter.minimum, parameter.step):
                r.report(join(where, str(key)), f"value {fmt(value)} is not on the steps")
            elif value is not None:
                chosen[template.id][parameter.id] = value
    return chosen


def _read_stakeholder(r: Reader, t: Table, loc: str) -> Stakeholder | None:
    """Read one entry of ``[[stakeholders]]``: slider positions 0–10 for every criterion."""
    r.check_fields(t, _STAKEHOLDER_FIELDS, loc)
    stakeholder_id = r.ident(t, "id", loc)
    name, description = r.text(t, "name", loc), r.text(t, "description", loc)
    table = r.table(t, "weights", loc, True) or {}
    where = join(loc, "weights")
    weights: dict[str, int] = {}
    for key in table:
        if key not in r.criterion_ids:
            r.report(join(where, str(key)), f"unknown criterion '{key}'")
            continue
        value = r.number(table, key, where)
        if value is not None and (value != int(value) or not 0 <= value <= 10):
            r.report(join(where, key), f"weight {fmt(value)} must be a whole number 0 to 10")
        elif value is not None:
            weights[key] = int(value)
    missing = [c for c in r.criterion_ids if c not in table]
    if missing:
        r.report(where, f"no weight for {', '.join(missing)}")
    sources = r.references(t, "sources", loc, r.source_ids, "source")
    if not stakeholder_id:
        return None
    return Stakeholder(stakeholder_id, name or NO_TEXT, description or NO_TEXT, weights, sources)


def _read_home(r: Reader, t: Table, loc: str) -> Home | None:
    """Read one entry of ``[[homes]]``: an option, the situation and priorities it wins under."""
    r.check_fields(t, _HOME_FIELDS, loc)
    option = r.reference(t, "option", loc, r.all_option_ids, "option or hybrid")
    scenario = r.reference(t, "scenario", loc, r.scenario_ids, "scenario")
    stakeholder = r.reference(t, "stakeholder", loc, r.stakeholder_ids, "stakeholder")
    rationale = r.text(t, "rationale", loc) or NO_TEXT
    if option is None or scenario is None or stakeholder is None:
        return None
    return Home(option, scenario, stakeholder, rationale)


def _read_source(r: Reader, t: Table, loc: str) -> Source | None:
    """Read one entry of ``[[sources]]``."""
    r.check_fields(t, _SOURCE_FIELDS, loc)
    source_id = r.ident(t, "id", loc)
    citation = r.string(t, "citation", loc)
    url = r.string(t, "url", loc, required=False)
    if citation is not None and not citation.strip():
        r.report(join(loc, "citation"), "the citation is empty")
    if source_id is None:
        return None
    return Source(id=source_id, citation=citation or "", url=url or "")


def _read_criterion(r: Reader, t: Table, loc: str) -> Criterion | None:
    """Read one entry of ``[[criteria]]``."""
    r.check_fields(t, _CRITERION_FIELDS, loc)
    criterion_id = r.ident(t, "id", loc)
    criterion = Criterion(
        id=criterion_id or "",
        name=r.text(t, "name", loc) or NO_TEXT,
        definition=r.text(t, "definition", loc) or NO_TEXT,
        low=r.text(t, "low", loc) or NO_TEXT,
        high=r.text(t, "high", loc) or NO_TEXT,
        sources=r.references(t, "sources", loc, r.source_ids, "source"),
    )
    return criterion if criterion_id else None


def _read_option(r: Reader, t: Table, loc: str) -> Option | None:
    """Read one entry of ``[[options]]``."""
    r.check_fields(t, _OPTION_FIELDS, loc)
    option_id = r.ident(t, "id", loc)
    option = Option(
        id=option_id or "",
        name=r.text(t, "name", loc) or NO_TEXT,
        short=r.text(t, "short", loc, required=False),
        summary=r.text(t, "summary", loc) or NO_TEXT,
        profile=_read_profile(r, t, loc),
        sources=r.references(t, "sources", loc, r.source_ids, "source"),
    )
    return option if option_id else None


def _read_profile(r: Reader, t: Table, loc: str) -> dict[str, ProfileValue]:
    """Read an option's profile: one value for every criterion and no other."""
    table = r.table(t, "profile", loc, required=True)
    if table is None:
        return {}
    where = join(loc, "profile")
    for key in table:
        if key not in r.criterion_ids:
            r.report(join(where, str(key)), f"unknown criterion '{key}'")
    profile: dict[str, ProfileValue] = {}
    for criterion_id in r.criterion_ids:
        if criterion_id in table:
            value_loc = join(where, criterion_id)
            profile[criterion_id] = _read_profile_value(r, table[criterion_id], value_loc)
        else:
            r.report(where, f"no value for criterion '{criterion_id}'")
    return profile


def _read_profile_value(r: Reader, raw: object, loc: str) -> ProfileValue:
    """Read one profile entry ``{ value = 1..5, rationale = { de, en } }``."""
    if not isinstance(raw, Mapping):
        r.wrong_type(loc, "a table with 'value' and 'rationale'", raw)
        return ProfileValue(SCALE_MIN, NO_TEXT)
    r.check_fields(raw, _PROFILE_FIELDS, loc)
    value = r.number(raw, "value", loc)
    if value is not None and not SCALE_MIN <= value <= SCALE_MAX:
        scale = f"{fmt(SCALE_MIN)} to {fmt(SCALE_MAX)}"
        r.report(join(loc, "value"), f"value {fmt(value)} is outside the scale {scale}")
    rationale = r.text(raw, "rationale", loc) or NO_TEXT
    sources = r.references(raw, "sources", loc, r.source_ids, "source")
    return ProfileValue(SCALE_MIN if value is None else value, rationale, sources)
