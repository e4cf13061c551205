"""The content model of a workshop: criteria, options, context factors and hybrid templates.

A :class:`ContentPack` is immutable and fully validated; it is what `workshop.packs.load_pack`
returns.  Every user-facing text is a :class:`Text` with a German and an English version.

Scales: option profiles are on the anchored 1–5 scale of each criterion (higher is better).
Context factors have their own range with a neutral point; at the neutral point they change
nothing.  Hybrid templates name a formula ``kind`` that `workshop.engine.scoring.hybrids` knows.
A pack may also name the roles of the service unit and say, for every option (pure and hybrid)
and role, what changes for the people in it (:class:`RoleChange`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("de", "en")

SCALE_MIN = 1.0
SCALE_MAX = 5.0


@dataclass(frozen=True)
class Text:
    """A text in German and English."""

    de: str
    en: str

    def get(self, lang: str) -> str:
        """Return the text in `lang`, falling back to English for unknown languages."""
        return self.de if lang == "de" else self.en


@dataclass(frozen=True)
class Source:
    """A piece of evidence the pack cites (article, study, vendor documentation)."""

    id: str
    citation: str
    url: str = ""


@dataclass(frozen=True)
class Criterion:
    """A criterion on which options are compared; its 1–5 scale is anchored at both ends."""

    id: str
    name: Text
    definition: Text
    low: Text  # what a 1 means
    high: Text  # what a 5 means
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProfileValue:
    """One option's value on one criterion, with the reason for it and the evidence cited."""

    value: float
    rationale: Text
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Option:
    """A pure organisational model with a 1–5 profile on every criterion."""

    id: str
    name: Text
    summary: Text
    profile: Mapping[str, ProfileValue]
    short: Text | None = None  # a short label for charts
    sources: tuple[str, ...] = ()

    def value(self, criterion_id: str) -> float:
        """Return the base profile value on a criterion."""
        return self.profile[criterion_id].value


@dataclass(frozen=True)
class Modifier:
    """How strongly a context factor shifts one option on one criterion.

    `beta` is the shift in scale points at the factor's maximum (−beta at its minimum); at the
    neutral point the shift is zero, and it is linear in between.
    """

    option: str
    criterion: str
    beta: float
    rationale: Text
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContextFactor:
    """A property of the service unit (e.g. case complexity) that changes how options perform."""

    id: str
    name: Text
    description: Text
    low: Text  # what the minimum means
    high: Text  # what the maximum means
    minimum: float
    maximum: float
    neutral: float
    step: float
    modifiers: tuple[Modifier, ...] = ()
    unit: Text | None = None


@dataclass(frozen=True)
class Parameter:
    """A hybrid template's parameter (e.g. the share of customers with a dedicated owner)."""

    id: str
    name: Text
    description: Text
    minimum: float
    maximum: float
    default: float
    step: float


HybridKind = Literal["blend", "pull"]


@dataclass(frozen=True)
class HybridTemplate:
    """A hybrid computed from two pure options and its parameters.

    kind ``blend``: a mix of option `a` and option `b` by the share given by parameter
    ``share`` (optionally weighted by a contact-intensity parameter ``intensity``), minus a
    coordination cost ``kappa·4t(1−t)`` on `coordination_criteria` that vanishes at both ends,
    so the hybrid equals `a` at share 0 and `b` at share 1.

    A blend that names ``split_by`` (a context factor measuring a share of the work, such as
    the share of new and complex issues) sorts the work along that factor: part `b` takes the
    top ``share`` of it, part `a` the rest, and each part is scored under the context of the
    work it receives (so tiers get the known issues and the swarm the new ones).  Criteria in
    ``value_criteria`` follow the share of customer value that part `b` serves (from the factor
    ``value_factor``, the revenue share of the top tenth of customers), the others the share of
    contacts.

    kind ``pull``: option `a`, with each criterion in `pulls` moved toward option `b` by
    ``factor·strength`` of the gap (parameter ``strength``), minus ``costs·strength`` (what
    routing work to a known person costs: waiting, absence cover); at strength 0 it equals `a`.
    A coordination cost may apply the same way as for ``blend``.
    """

    id: str
    name: Text
    summary: Text
    kind: HybridKind
    a: str
    b: str
    parameters: tuple[Parameter, ...]
    kappa: float = 0.0
    coordination_criteria: tuple[str, ...] = ()
    pulls: Mapping[str, float] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    split_by: str | None = None
    value_criteria: tuple[str, ...] = ()
    value_factor: str | None = None
    costs: Mapping[str, float] = field(default_factory=dict)

    def parameter(self, parameter_id: str) -> Parameter:
        """Return the parameter with this id (KeyError if the template has none)."""
        for p in self.parameters:
            if p.id == parameter_id:
                return p
        raise KeyError(parameter_id)

    def defaults(self) -> dict[str, float]:
        """Return every parameter's default value."""
        return {p.id: p.default for p in self.parameters}


@dataclass(frozen=True)
class Scenario:
    """A named workshop situation: the context values (and hybrid settings) of a real kind of unit.

    A facilitator can start a session's context from one; the balance report and the homes
    of the options use them as fixed situations.
    """

    id: str
    name: Text
    description: Text
    context: Mapping[str, float]
    hybrids: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stakeholder:
    """The priorities a real stakeholder group holds: slider positions 0–10 per criterion."""

    id: str
    name: Text
    description: Text
    weights: Mapping[str, int]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Home:
    """Where an option (pure or hybrid) wins: a situation and a stakeholder group's priorities."""

    option: str
    scenario: str
    stakeholder: str
    rationale: Text


#: What a :class:`RoleChange` describes, in display order (each is a field holding a Text).
ROLE_CHANGE_ASPECTS: tuple[str, ...] = (
    "responsibility",
    "authority",
    "skills",
    "support",
    "load",
    "career",
)


@dataclass(frozen=True)
class Role:
    """A role in the service unit (e.g. first-level agent, team lead) that the options change."""

    id: str
    name: Text
    description: Text


@dataclass(frozen=True)
class RoleChange:
    """What changes for one role under one option (pure or hybrid): "what changes for me".

    `option` is a pure option id or a hybrid id of the pack; `role` a role id.  `support` is the
    training and support offered, `load` the emotional load; the other aspects are named as
    they are.  Every aspect rests on the cited sources.
    """

    option: str
    role: str
    responsibility: Text
    authority: Text
    skills: Text
    support: Text
    load: Text
    career: Text
    sources: tuple[str, ...] = ()

    def aspect(self, name: str) -> Text:
        """Return one aspect by its name in :data:`ROLE_CHANGE_ASPECTS` (KeyError otherwise)."""
        aspects = {
            "responsibility": self.responsibility,
            "authority": self.authority,
            "skills": self.skills,
            "support": self.support,
            "load": self.load,
            "career": self.career,
        }
        return aspects[name]


@dataclass(frozen=True)
class ContentPack:
    """A complete, validated set of workshop content."""

    id: str
    version: str
    name: Text
    description: Text
    criteria: tuple[Criterion, ...]
    options: tuple[Option, ...]
    context_factors: tuple[ContextFactor, ...]
    hybrids: tuple[HybridTemplate, ...]
    sources: tuple[Source, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    homes: tuple[Home, ...] = ()
    roles: tuple[Role, ...] = ()
    role_changes: tuple[RoleChange, ...] = ()

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        """Ids of all criteria, in pack order."""
        return tuple(c.id for c in self.criteria)

    @property
    def option_ids(self) -> tuple[str, ...]:
        """Ids of all pure options, in pack order."""
        return tuple(o.id for o in self.options)

    @property
    def all_option_ids(self) -> tuple[str, ...]:
        """Ids of every option a group can choose: the pure ones, then the hybrids."""
        return self.option_ids + tuple(h.id for h in self.hybrids)

    def criterion(self, criterion_id: str) -> Criterion:
        """Return a criterion by id."""
        return _by_id(self.criteria, criterion_id)

    def option(self, option_id: str) -> Option:
        """Return a pure option by id."""
        return _by_id(self.options, option_id)

    def context_factor(self, factor_id: str) -> ContextFactor:
        """Return a context factor by id."""
        return _by_id(self.context_factors, factor_id)

    def hybrid(self, hybrid_id: str) -> HybridTemplate:
        """Return a hybrid template by id."""
        return _by_id(self.hybrids, hybrid_id)

    def scenario(self, scenario_id: str) -> Scenario:
        """Return a named situation by id."""
        return _by_id(self.scenarios, scenario_id)

    def stakeholder(self, stakeholder_id: str) -> Stakeholder:
        """Return a stakeholder group's priorities by id."""
        return _by_id(self.stakeholders, stakeholder_id)

    def role(self, role_id: str) -> Role:
        """Return a role by id."""
        return _by_id(self.roles, role_id)

    def role_change(self, option_id: str, role_id: str) -> RoleChange | None:
        """Return what changes for a role under an option or hybrid (None if the pack has none)."""
        for change in self.role_changes:
            if (change.option, change.role) == (option_id, role_id):
                return change
        return None

    def neutral_context(self) -> dict[str, float]:
        """Return every context factor at its neutral point."""
        return {f.id: f.neutral for f in self.context_factors}


_Item = TypeVar(
    "_Item", Criterion, Option, ContextFactor, HybridTemplate, Scenario, Stakeholder, Role
)


def _by_id(items: tuple[_Item, ...], key: str) -> _Item:
    for item in items:
        if item.id == key:
            return item
    raise KeyError(key)
