"""Writing a content pack back into the mapping it was read from (:func:`pack_to_data`).

The mapping has the TOML structure of ``data/packs/FORMAT.md`` and is JSON-serialisable, so that
``pack_from_data(pack_to_data(pack)) == pack``.  Optional fields (a short name, a unit, sources,
a hybrid's pulls or costs …) are written only when they are set, as an author would write them.
"""

from __future__ import annotations

from typing import Any

from workshop.content import (
    ROLE_CHANGE_ASPECTS,
    ContentPack,
    ContextFactor,
    Criterion,
    Home,
    HybridTemplate,
    Modifier,
    Option,
    Parameter,
    Role,
    RoleChange,
    Scenario,
    Source,
    Stakeholder,
    Text,
)


def pack_to_data(pack: ContentPack) -> dict[str, Any]:
    """Return the pack as a JSON-serialisable dict in the TOML structure (FORMAT.md)."""
    return {
        "id": pack.id,
        "version": pack.version,
        "name": _text_data(pack.name),
        "description": _text_data(pack.description),
        "sources": [_source_data(s) for s in pack.sources],
        "criteria": [_criterion_data(c) for c in pack.criteria],
        "options": [_option_data(o) for o in pack.options],
        "context_factors": [_factor_data(f) for f in pack.context_factors],
        "hybrids": [_hybrid_data(h) for h in pack.hybrids],
        "scenarios": [_scenario_data(x) for x in pack.scenarios],
        "stakeholders": [_stakeholder_data(x) for x in pack.stakeholders],
        "homes": [_home_data(x) for x in pack.homes],
        "roles": [_role_data(x) for x in pack.roles],
        "role_changes": [_role_change_data(x) for x in pack.role_changes],
    }


def _role_data(role: Role) -> dict[str, Any]:
    return {
        "id": role.id,
        "name": _text_data(role.name),
        "description": _text_data(role.description),
    }


def _role_change_data(change: RoleChange) -> dict[str, Any]:
    data: dict[str, Any] = {"option": change.option, "role": change.role}
    data.update({name: _text_data(change.aspect(name)) for name in ROLE_CHANGE_ASPECTS})
    return _with_sources(data, change.sources)


def _scenario_data(scenario: Scenario) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": scenario.id,
        "name": _text_data(scenario.name),
        "description": _text_data(scenario.description),
        "context": dict(scenario.context),
    }
    if scenario.hybrids:
        data["hybrids"] = {k: dict(v) for k, v in scenario.hybrids.items()}
    return _with_sources(data, scenario.sources)


def _stakeholder_data(stakeholder: Stakeholder) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": stakeholder.id,
        "name": _text_data(stakeholder.name),
        "description": _text_data(stakeholder.description),
        "weights": dict(stakeholder.weights),
    }
    return _with_sources(data, stakeholder.sources)


def _home_data(home: Home) -> dict[str, Any]:
    return {
        "option": home.option,
        "scenario": home.scenario,
        "stakeholder": home.stakeholder,
        "rationale": _text_data(home.rationale),
    }


def _text_data(text: Text) -> dict[str, str]:
    return {"de": text.de, "en": text.en}


def _source_data(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"id": source.id, "citation": source.citation}
    if source.url:
        data["url"] = source.url
    return data


def _with_sources(data: dict[str, Any], sources: tuple[str, ...]) -> dict[str, Any]:
    if sources:
        data["sources"] = list(sources)
    return data


def _criterion_data(criterion: Criterion) -> dict[str, Any]:
    data = {
        "id": criterion.id,
        "name": _text_data(criterion.name),
        "definition": _text_data(criterion.definition),
        "low": _text_data(criterion.low),
        "high": _text_data(criterion.high),
    }
    return _with_sources(data, criterion.sources)


def _option_data(option: Option) -> dict[str, Any]:
    data: dict[str, Any] = {"id": option.id, "name": _text_data(option.name)}
    if option.short is not None:
        data["short"] = _text_data(option.short)
    data["summary"] = _text_data(option.summary)
    data["profile"] = {
        criterion_id: _with_sources(
            {"value": value.value, "rationale": _text_data(value.rationale)}, value.sources
        )
        for criterion_id, value in option.profile.items()
    }
    return _with_sources(data, option.sources)


def _factor_data(factor: ContextFactor) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": factor.id,
        "name": _text_data(factor.name),
        "description": _text_data(factor.description),
        "low": _text_data(factor.low),
        "high": _text_data(factor.high),
    }
    if factor.unit is not None:
        data["unit"] = _text_data(factor.unit)
    data.update(
        minimum=factor.minimum, maximum=factor.maximum, neutral=factor.neutral, step=factor.step
    )
    data["modifiers"] = [_modifier_data(m) for m in factor.modifiers]
    return data


def _modifier_data(modifier: Modifier) -> dict[str, Any]:
    data = {
        "option": modifier.option,
        "criterion": modifier.criterion,
        "beta": modifier.beta,
        "rationale": _text_data(modifier.rationale),
    }
    return _with_sources(data, modifier.sources)


def _hybrid_data(hybrid: HybridTemplate) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": hybrid.id,
        "name": _text_data(hybrid.name),
        "summary": _text_data(hybrid.summary),
        "kind": hybrid.kind,
        "a": hybrid.a,
        "b": hybrid.b,
        "kappa": hybrid.kappa,
    }
    if hybrid.coordination_criteria:
        data["coordination_criteria"] = list(hybrid.coordination_criteria)
    if hybrid.pulls:
        data["pulls"] = dict(hybrid.pulls)
    if hybrid.costs:
        data["costs"] = dict(hybrid.costs)
    if hybrid.split_by:
        data["split_by"] = hybrid.split_by
    if hybrid.value_factor:
        data["value_factor"] = hybrid.value_factor
    if hybrid.value_criteria:
        data["value_criteria"] = list(hybrid.value_criteria)
    data["parameters"] = [_parameter_data(p) for p in hybrid.parameters]
    return _with_sources(data, hybrid.sources)


def _parameter_data(parameter: Parameter) -> dict[str, Any]:
    return {
        "id": parameter.id,
        "name": _text_data(parameter.name),
        "description": _text_data(parameter.description),
        "minimum": parameter.minimum,
        "maximum": parameter.maximum,
        "default": parameter.default,
        "step": parameter.step,
    }
