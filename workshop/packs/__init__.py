"""Content packs: reading, validating and writing them.

A content pack is a TOML file in ``data/packs/`` (the format is described in
``data/packs/FORMAT.md``).  :func:`load_pack` reads and validates one file,
:func:`pack_from_data` validates a mapping that was already parsed (a JSON import, a frozen copy
kept in the database), and :func:`pack_to_data` turns a pack back into that mapping, so that
``pack_from_data(pack_to_data(pack)) == pack``.  :func:`default_pack` is the built-in
"Fall oder Kunde? / Case or customer?" pack.

Validation collects every problem before it gives up, so an author sees all mistakes at once, and
it never returns a half-loaded pack.  Errors::

    WorkshopError
    └── InvalidInput
        └── PackError      invalid_pack   the pack cannot be used; ``problems`` lists why

Each :class:`PackProblem` names the file, a location inside it (``criteria[FCR].low``, or
``line 12, column 5`` for a TOML syntax error) and a plain English message.
"""

from __future__ import annotations

import functools
import math
import os
import re
import tomllib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from workshop.content import (
    LANGS,
    SCALE_MAX,
    SCALE_MIN,
    ContentPack,
    ContextFactor,
    Criterion,
    Home,
    HybridKind,
    HybridTemplate,
    Modifier,
    Option,
    Parameter,
    ProfileValue,
    Scenario,
    Source,
    Stakeholder,
    Text,
)
from workshop.engine.ballots import on_step
from workshop.errors import InvalidInput

__all__ = [
    "DEFAULT_PACK_FILE",
    "PACKS_DIR",
    "PackError",
    "PackProblem",
    "default_pack",
    "load_pack",
    "pack_from_data",
    "pack_to_data",
]

PACKS_DIR = Path(__file__).resolve().parents[2] / "data" / "packs"
DEFAULT_PACK_FILE = PACKS_DIR / "case-or-customer.toml"

#: A modifier may shift a cell by at most this many scale points at a factor's far end.
BETA_LIMIT = 2.0

Table = Mapping[str, object]

_ROOT = "(top level)"
_FILE = "(file)"
_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_TOML_POSITION = re.compile(r"^(?P<message>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_AT_END = " (at end of document)"
_LANGUAGE_NAMES = {"de": "German", "en": "English"}
_KINDS: dict[str, HybridKind] = {"blend": "blend", "pull": "pull"}
_KIND_PARAMETER = {"blend": "share", "pull": "strength"}

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
)
_SCENARIO_FIELDS = ("id", "name", "description", "context", "hybrids", "sources")
_STAKEHOLDER_FIELDS = ("id", "name", "description", "weights", "sources")
_HOME_FIELDS = ("option", "scenario", "stakeholder", "rationale")
_SOURCE_FIELDS = ("id", "citation", "url")
_CRITERION_FIELDS = ("id", "name", "definition", "low", "high", "sources")
_OPTION_FIELDS = ("id", "name", "short", "summary", "profile", "sources")
_PROFILE_FIELDS = ("value", "rationale", "sources")
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


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack: where it is and what is wrong."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


class PackError(InvalidInput):
    """A pack cannot be used; `problems` lists every problem found, in file order."""

    code = "invalid_pack"
    message = "This content pack is not valid."

    def __init__(self, problems: Sequence[PackProblem]) -> None:
        self.problems: list[PackProblem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems), count=len(self.problems))


# --------------------------------------------------------------------------- public functions


def load_pack(path: str | os.PathLike[str]) -> ContentPack:
    """Read and validate a TOML pack file; raise :class:`PackError` listing every problem."""
    file = str(path)
    return pack_from_data(_parse_toml(Path(path), file), source=file)


@functools.cache
def default_pack() -> ContentPack:
    """Return the built-in "Fall oder Kunde? / Case or customer?" pack (loaded once)."""
    return load_pack(DEFAULT_PACK_FILE)


def pack_from_data(data: Mapping[str, Any], source: str = "<data>") -> ContentPack:
    """Validate an already parsed pack (TOML structure); `source` names it in problems."""
    reader = _Reader(source)
    pack = _read_pack(reader, data)
    if reader.problems:
        raise PackError(reader.problems)
    return pack


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
    }


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


# --------------------------------------------------------------------------- TOML parsing


def _parse_toml(path: Path, file: str) -> dict[str, Any]:
    """Parse a TOML file, turning every failure into a :class:`PackError`."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise PackError([PackProblem(file, _FILE, f"cannot read the file: {reason}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"the file is not UTF-8 text (byte {error.start + 1})"
        raise PackError([PackProblem(file, _FILE, message)]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PackError([_syntax_problem(file, str(error))]) from None


def _syntax_problem(file: str, text: str) -> PackProblem:
    """Turn a tomllib error message into a problem located at its line and column."""
    match = _TOML_POSITION.match(text)
    if match:
        location = f"line {match['line']}, column {match['column']}"
        return PackProblem(file, location, f"invalid TOML: {match['message']}")
    if text.endswith(_TOML_AT_END):
        return PackProblem(file, "end of file", f"invalid TOML: {text[: -len(_TOML_AT_END)]}")
    return PackProblem(file, _FILE, f"invalid TOML: {text}")


# --------------------------------------------------------------------------- the reader

_MISSING = object()


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


class _Reader:
    """Reads one pack, collecting problems; helpers return None where a value is unusable.

    It also remembers the ids defined so far, so that later sections can check references.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[PackProblem] = []
        self.source_ids: frozenset[str] = frozenset()
        self.criterion_ids: tuple[str, ...] = ()
        self.option_ids: frozenset[str] = frozenset()
        self.factors: dict[str, ContextFactor] = {}
        self.hybrid_templates: dict[str, HybridTemplate] = {}
        self.scenario_ids: frozenset[str] = frozenset()
        self.stakeholder_ids: frozenset[str] = frozenset()
        self.all_option_ids: frozenset[str] = frozenset()

    def report(self, location: str, message: str) -> None:
        """Record a problem at `location` (the top level when empty)."""
        self.problems.append(PackProblem(self.file, location or _ROOT, message))

    def wrong_type(self, location: str, expected: str, value: object) -> None:
        """Record that the value at `location` has the wrong type."""
        self.report(location, f"expected {expected}, got {_describe(value)}")

    def check_fields(self, table: Table, allowed: Sequence[str], location: str) -> None:
        """Record every field of `table` that the format does not know (usually a typo)."""
        for key in table:
            if key not in allowed:
                where = _join(location, str(key))
                self.report(where, f"unknown field '{key}' (allowed: {', '.join(allowed)})")

    def raw(self, table: Table, key: str, location: str, required: bool) -> object:
        """Return the value of `key`, or _MISSING (recording a problem if it is required)."""
        if key in table:
            return table[key]
        if required:
            self.report(location, f"missing required field '{key}'")
        return _MISSING

    def table(self, table: Table, key: str, location: str, required: bool) -> Table | None:
        """Return the sub-table at `key`."""
        value = self.raw(table, key, location, required)
        if value is _MISSING:
            return None
        if isinstance(value, Mapping):
            return value
        self.wrong_type(_join(location, key), "a table", value)
        return None

    def string(self, table: Table, key: str, location: str, required: bool = True) -> str | None:
        """Return the string at `key`."""
        value = self.raw(table, key, location, required)
        if value is _MISSING:
            return None
        if isinstance(value, str):
            return value
        self.wrong_type(_join(location, key), "a string", value)
        return None

    def number(self, table: Table, key: str, location: str, required: bool = True) -> float | None:
        """Return the finite number (integer or float) at `key` as a float."""
        value = self.raw(table, key, location, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong_type(_join(location, key), "a number", value)
            return None
        if not math.isfinite(value):
            self.report(_join(location, key), f"expected a finite number, got {value}")
            return None
        return float(value)

    def ident(self, table: Table, key: str, location: str) -> str | None:
        """Return the required id at `key`."""
        value = self.string(table, key, location)
        if value is None or _ID_PATTERN.match(value):
            return value
        rule = "start with a letter, then use letters, digits, '_' or '-'"
        self.report(_join(location, key), f"'{value}' is not a valid id: {rule}")
        return None

    def text(self, table: Table, key: str, location: str, required: bool = True) -> Text | None:
        """Return the German and English text at `key`."""
        value = self.raw(table, key, location, required)
        if value is _MISSING:
            return None
        where = _join(location, key)
        if not isinstance(value, Mapping):
            self.wrong_type(where, "a table with German (de) and English (en) text", value)
            return None
        self.check_fields(value, LANGS, where)
        de, en = (self._language(value, lang, where) for lang in LANGS)
        return Text(de=de, en=en)

    def _language(self, table: Table, lang: str, location: str) -> str:
        """Return the text in one language, recording it if missing or empty."""
        value = table.get(lang)
        if isinstance(value, str) and value.strip():
            return value
        if value is None or isinstance(value, str):
            self.report(location, f"missing {_LANGUAGE_NAMES[lang]} text ({lang})")
        else:
            self.wrong_type(_join(location, lang), "a string", value)
        return ""

    def references(
        self, table: Table, key: str, location: str, known: Collection[str], noun: str
    ) -> tuple[str, ...]:
        """Return the optional array of ids at `key`, recording ids not in `known`."""
        value = self.raw(table, key, location, required=False)
        if value is _MISSING:
            return ()
        where = _join(location, key)
        if not isinstance(value, list | tuple):
            self.wrong_type(where, "an array of ids", value)
            return ()
        ids: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.wrong_type(f"{where}[#{index + 1}]", "a string", item)
            elif item not in known:
                self.report(where, f"unknown {noun} '{item}'")
            else:
                ids.append(item)
        return tuple(ids)

    def reference(
        self, table: Table, key: str, location: str, known: Collection[str], noun: str
    ) -> str | None:
        """Return the required id at `key`, recording it if it is not in `known`."""
        value = self.string(table, key, location)
        if value is None or value in known:
            return value
        self.report(_join(location, key), f"unknown {noun} '{value}'")
        return None

    def tables(
        self, table: Table, key: str, location: str, noun: str, required: bool
    ) -> Iterator[tuple[int, str, Table]]:
        """Yield (index, location, table) for each entry of the array of tables at `key`."""
        value = self.raw(table, key, location, required)
        if value is _MISSING:
            return
        where = _join(location, key)
        if not isinstance(value, list | tuple):
            self.wrong_type(where, "an array of tables", value)
            return
        if required and not value:
            self.report(where, f"at least one {noun} is needed")
        for index, item in enumerate(value):
            item_location = _item_location(where, index, item)
            if isinstance(item, Mapping):
                yield index, item_location, item
            else:
                self.wrong_type(item_location, "a table", item)


def _read_items(
    r: _Reader,
    table: Table,
    key: str,
    location: str,
    noun: str,
    read: Callable[[_Reader, Table, str], _Item | None],
    required: bool = False,
) -> tuple[_Item, ...]:
    """Read an array of tables with ids, dropping entries without a valid or unique id."""
    items: list[_Item] = []
    seen: set[str] = set()
    for index, item_location, item_table in r.tables(table, key, location, noun, required):
        item = read(r, item_table, item_location)
        if item is None:
            continue
        if item.id in seen:
            where = f"{_join(location, key)}[#{index + 1}]"
            r.report(where, f"duplicate {noun} id '{item.id}'")
            continue
        seen.add(item.id)
        items.append(item)
    return tuple(items)


# --------------------------------------------------------------------------- sections


def _read_pack(r: _Reader, data: object) -> ContentPack:
    """Read the whole pack; sections are read in dependency order."""
    if not isinstance(data, Mapping):
        r.wrong_type("", "a table", data)
        data = {}
    r.check_fields(data, _PACK_FIELDS, "")
    pack_id = r.ident(data, "id", "")
    version = r.string(data, "version", "")
    name = r.text(data, "name", "")
    description = r.text(data, "description", "")
    sources = _read_items(r, data, "sources", "", "source", _read_source)
    r.source_ids = frozenset(s.id for s in sources)
    criteria = _read_items(r, data, "criteria", "", "criterion", _read_criterion, required=True)
    r.criterion_ids = tuple(c.id for c in criteria)
    options = _read_items(r, data, "options", "", "option", _read_option, required=True)
    r.option_ids = frozenset(o.id for o in options)
    factors = _read_items(r, data, "context_factors", "", "context factor", _read_factor)
    r.factors = {f.id: f for f in factors}
    hybrids = _read_items(r, data, "hybrids", "", "hybrid", _read_hybrid)
    r.hybrid_templates = {h.id: h for h in hybrids}
    scenarios = _read_items(r, data, "scenarios", "", "scenario", _read_scenario)
    stakeholders = _read_items(r, data, "stakeholders", "", "stakeholder", _read_stakeholder)
    r.scenario_ids = frozenset(x.id for x in scenarios)
    r.stakeholder_ids = frozenset(x.id for x in stakeholders)
    r.all_option_ids = r.option_ids | frozenset(r.hybrid_templates)
    homes = tuple(
        home
        for _, where, table in r.tables(data, "homes", "", "home", False)
        if (home := _read_home(r, table, where)) is not None
    )
    return ContentPack(
        id=pack_id or "",
        version=version or "",
        name=name or _NO_TEXT,
        description=description or _NO_TEXT,
        criteria=criteria,
        options=options,
        context_factors=factors,
        hybrids=hybrids,
        sources=sources,
        scenarios=scenarios,
        stakeholders=stakeholders,
        homes=homes,
    )


def _read_scenario(r: _Reader, t: Table, loc: str) -> Scenario | None:
    """Read one entry of ``[[scenarios]]``: a named situation with context values."""
    r.check_fields(t, _SCENARIO_FIELDS, loc)
    scenario_id = r.ident(t, "id", loc)
    name, description = r.text(t, "name", loc), r.text(t, "description", loc)
    context: dict[str, float] = {}
    table = r.table(t, "context", loc, True) or {}
    where = _join(loc, "context")
    for key in table:
        factor = r.factors.get(str(key))
        if factor is None:
            r.report(_join(where, str(key)), f"unknown context factor '{key}'")
            continue
        value = r.number(table, key, where)
        if value is not None and not factor.minimum <= value <= factor.maximum:
            span = f"{_fmt(factor.minimum)} to {_fmt(factor.maximum)}"
            r.report(_join(where, key), f"value {_fmt(value)} is outside the range {span}")
        elif value is not None and not on_step(value, factor.minimum, factor.step):
            r.report(_join(where, key), f"value {_fmt(value)} is not on the slider's steps")
        elif value is not None:
            context[factor.id] = value
    hybrids = _read_scenario_hybrids(r, t, loc)
    sources = r.references(t, "sources", loc, r.source_ids, "source")
    if not scenario_id:
        return None
    return Scenario(
        scenario_id, name or _NO_TEXT, description or _NO_TEXT, context, hybrids, sources
    )


def _read_scenario_hybrids(r: _Reader, t: Table, loc: str) -> dict[str, dict[str, float]]:
    """Read a scenario's ``hybrids``: hybrid id → parameter id → value within its range."""
    table = r.table(t, "hybrids", loc, required=False)
    if table is None:
        return {}
    chosen: dict[str, dict[str, float]] = {}
    for hybrid_id in table:
        where = _join(_join(loc, "hybrids"), str(hybrid_id))
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
            parameter = _find(template.parameters, str(key))
            value = r.number(values, key, where)
            if parameter is None:
                r.report(_join(where, str(key)), f"unknown parameter '{key}'")
            elif value is not None and not parameter.minimum <= value <= parameter.maximum:
                r.report(_join(where, str(key)), f"value {_fmt(value)} is outside its range")
            elif value is not None and not on_step(value, parameter.minimum, parameter.step):
                r.report(_join(where, str(key)), f"value {_fmt(value)} is not on the steps")
            elif value is not None:
                chosen[template.id][parameter.id] = value
    return chosen


def _read_stakeholder(r: _Reader, t: Table, loc: str) -> Stakeholder | None:
    """Read one entry of ``[[stakeholders]]``: slider positions 0–10 for every criterion."""
    r.check_fields(t, _STAKEHOLDER_FIELDS, loc)
    stakeholder_id = r.ident(t, "id", loc)
    name, description = r.text(t, "name", loc), r.text(t, "description", loc)
    table = r.table(t, "weights", loc, True) or {}
    where = _join(loc, "weights")
    weights: dict[str, int] = {}
    for key in table:
        if key not in r.criterion_ids:
            r.report(_join(where, str(key)), f"unknown criterion '{key}'")
            continue
        value = r.number(table, key, where)
        if value is not None and (value != int(value) or not 0 <= value <= 10):
            r.report(_join(where, key), f"weight {_fmt(value)} must be a whole number 0 to 10")
        elif value is not None:
            weights[key] = int(value)
    missing = [c for c in r.criterion_ids if c not in table]
    if missing:
        r.report(where, f"no weight for {', '.join(missing)}")
    sources = r.references(t, "sources", loc, r.source_ids, "source")
    if not stakeholder_id:
        return None
    return Stakeholder(stakeholder_id, name or _NO_TEXT, description or _NO_TEXT, weights, sources)


def _read_home(r: _Reader, t: Table, loc: str) -> Home | None:
    """Read one entry of ``[[homes]]``: an option, the situation and priorities it wins under."""
    r.check_fields(t, _HOME_FIELDS, loc)
    option = r.reference(t, "option", loc, r.all_option_ids, "option or hybrid")
    scenario = r.reference(t, "scenario", loc, r.scenario_ids, "scenario")
    stakeholder = r.reference(t, "stakeholder", loc, r.stakeholder_ids, "stakeholder")
    rationale = r.text(t, "rationale", loc) or _NO_TEXT
    if option is None or scenario is None or stakeholder is None:
        return None
    return Home(option, scenario, stakeholder, rationale)


def _read_source(r: _Reader, t: Table, loc: str) -> Source | None:
    """Read one entry of ``[[sources]]``."""
    r.check_fields(t, _SOURCE_FIELDS, loc)
    source_id = r.ident(t, "id", loc)
    citation = r.string(t, "citation", loc)
    url = r.string(t, "url", loc, required=False)
    if citation is not None and not citation.strip():
        r.report(_join(loc, "citation"), "the citation is empty")
    if source_id is None:
        return None
    return Source(id=source_id, citation=citation or "", url=url or "")


def _read_criterion(r: _Reader, t: Table, loc: str) -> Criterion | None:
    """Read one entry of ``[[criteria]]``."""
    r.check_fields(t, _CRITERION_FIELDS, loc)
    criterion_id = r.ident(t, "id", loc)
    criterion = Criterion(
        id=criterion_id or "",
        name=r.text(t, "name", loc) or _NO_TEXT,
        definition=r.text(t, "definition", loc) or _NO_TEXT,
        low=r.text(t, "low", loc) or _NO_TEXT,
        high=r.text(t, "high", loc) or _NO_TEXT,
        sources=r.references(t, "sources", loc, r.source_ids, "source"),
    )
    return criterion if criterion_id else None


def _read_option(r: _Reader, t: Table, loc: str) -> Option | None:
    """Read one entry of ``[[options]]``."""
    r.check_fields(t, _OPTION_FIELDS, loc)
    option_id = r.ident(t, "id", loc)
    option = Option(
        id=option_id or "",
        name=r.text(t, "name", loc) or _NO_TEXT,
        short=r.text(t, "short", loc, required=False),
        summary=r.text(t, "summary", loc) or _NO_TEXT,
        profile=_read_profile(r, t, loc),
        sources=r.references(t, "sources", loc, r.source_ids, "source"),
    )
    return option if option_id else None


def _read_profile(r: _Reader, t: Table, loc: str) -> dict[str, ProfileValue]:
    """Read an option's profile: one value for every criterion and no other."""
    table = r.table(t, "profile", loc, required=True)
    if table is None:
        return {}
    where = _join(loc, "profile")
    for key in table:
        if key not in r.criterion_ids:
            r.report(_join(where, str(key)), f"unknown criterion '{key}'")
    profile: dict[str, ProfileValue] = {}
    for criterion_id in r.criterion_ids:
        if criterion_id in table:
            value_loc = _join(where, criterion_id)
            profile[criterion_id] = _read_profile_value(r, table[criterion_id], value_loc)
        else:
            r.report(where, f"no value for criterion '{criterion_id}'")
    return profile


def _read_profile_value(r: _Reader, raw: object, loc: str) -> ProfileValue:
    """Read one profile entry ``{ value = 1..5, rationale = { de, en } }``."""
    if not isinstance(raw, Mapping):
        r.wrong_type(loc, "a table with 'value' and 'rationale'", raw)
        return ProfileValue(SCALE_MIN, _NO_TEXT)
    r.check_fields(raw, _PROFILE_FIELDS, loc)
    value = r.number(raw, "value", loc)
    if value is not None and not SCALE_MIN <= value <= SCALE_MAX:
        scale = f"{_fmt(SCALE_MIN)} to {_fmt(SCALE_MAX)}"
        r.report(_join(loc, "value"), f"value {_fmt(value)} is outside the scale {scale}")
    rationale = r.text(raw, "rationale", loc) or _NO_TEXT
    sources = r.references(raw, "sources", loc, r.source_ids, "source")
    return ProfileValue(SCALE_MIN if value is None else value, rationale, sources)


def _read_factor(r: _Reader, t: Table, loc: str) -> ContextFactor | None:
    """Read one entry of ``[[context_factors]]``."""
    r.check_fields(t, _FACTOR_FIELDS, loc)
    factor_id = r.ident(t, "id", loc)
    name, description = r.text(t, "name", loc), r.text(t, "description", loc)
    low, high = r.text(t, "low", loc), r.text(t, "high", loc)
    unit = r.text(t, "unit", loc, required=False)
    bounds = _read_range(r, t, loc, "neutral")
    factor = ContextFactor(
        id=factor_id or "",
        name=name or _NO_TEXT,
        description=description or _NO_TEXT,
        low=low or _NO_TEXT,
        high=high or _NO_TEXT,
        minimum=bounds[0],
        maximum=bounds[1],
        neutral=bounds[2],
        step=bounds[3],
        modifiers=_read_modifiers(r, t, loc),
        unit=unit,
    )
    return factor if factor_id else None


def _read_range(r: _Reader, t: Table, loc: str, middle: str) -> tuple[float, float, float, float]:
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
    r: _Reader,
    loc: str,
    minimum: float | None,
    maximum: float | None,
    middle: str,
    mid: float | None,
    step: float | None,
) -> None:
    """Record an empty range, a middle point outside it, or an unusable step."""
    if step is not None and step <= 0:
        r.report(_join(loc, "step"), f"step {_fmt(step)} must be greater than 0")
    if minimum is None or maximum is None:
        return
    if minimum >= maximum:
        message = f"minimum {_fmt(minimum)} must be less than maximum {_fmt(maximum)}"
        r.report(_join(loc, "minimum"), message)
        return
    span = f"{_fmt(minimum)} to {_fmt(maximum)}"
    if mid is not None and not minimum <= mid <= maximum:
        r.report(_join(loc, middle), f"{middle} {_fmt(mid)} is outside the range {span}")
    if step is not None and step > maximum - minimum:
        r.report(_join(loc, "step"), f"step {_fmt(step)} is larger than the range {span}")


def _read_modifiers(r: _Reader, t: Table, loc: str) -> tuple[Modifier, ...]:
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


def _read_modifier(r: _Reader, t: Table, loc: str) -> Modifier | None:
    """Read one modifier; None if its option or criterion is unusable."""
    r.check_fields(t, _MODIFIER_FIELDS, loc)
    option = r.reference(t, "option", loc, r.option_ids, "option")
    criterion = r.reference(t, "criterion", loc, r.criterion_ids, "criterion")
    beta = r.number(t, "beta", loc)
    if beta is not None and abs(beta) > BETA_LIMIT:
        limits = f"{_fmt(-BETA_LIMIT)} to {_fmt(BETA_LIMIT)}"
        r.report(_join(loc, "beta"), f"beta {_fmt(beta)} is outside the range {limits}")
    rationale = r.text(t, "rationale", loc) or _NO_TEXT
    sources = r.references(t, "sources", loc, r.source_ids, "source")
    if option is None or criterion is None:
        return None
    return Modifier(option, criterion, _or(beta, 0.0), rationale, sources)


def _read_hybrid(r: _Reader, t: Table, loc: str) -> HybridTemplate | None:
    """Read one entry of ``[[hybrids]]``."""
    r.check_fields(t, _HYBRID_FIELDS, loc)
    hybrid_id = r.ident(t, "id", loc)
    name, summary = r.text(t, "name", loc), r.text(t, "summary", loc)
    kind = _read_kind(r, t, loc)
    a = r.reference(t, "a", loc, r.option_ids, "option")
    b = r.reference(t, "b", loc, r.option_ids, "option")
    if a is not None and a == b:
        r.report(_join(loc, "b"), f"a and b are both '{a}'; a hybrid mixes two different options")
    kappa = r.number(t, "kappa", loc, required=False)
    if kappa is not None and kappa < 0:
        r.report(_join(loc, "kappa"), f"kappa {_fmt(kappa)} must not be negative")
    coordination = r.references(t, "coordination_criteria", loc, r.criterion_ids, "criterion")
    pulls = _read_pulls(r, t, loc)
    costs = _read_costs(r, t, loc)
    parameters = _read_items(r, t, "parameters", loc, "parameter", _read_parameter)
    sources = r.references(t, "sources", loc, r.source_ids, "source")
    factor_ids = frozenset(r.factors)
    split_by = _optional_reference(r, t, "split_by", loc, factor_ids, "context factor")
    value_factor = _optional_reference(r, t, "value_factor", loc, factor_ids, "context factor")
    value_criteria = r.references(t, "value_criteria", loc, r.criterion_ids, "criterion")
    if value_criteria and value_factor is None:
        r.report(_join(loc, "value_factor"), "value_criteria need a value_factor")
    _check_kind(r, t, loc, kind, parameters, pulls)
    if kind == "blend" and costs:
        r.report(_join(loc, "costs"), "costs only apply to hybrids of kind 'pull'")
    hybrid = HybridTemplate(
        id=hybrid_id or "",
        name=name or _NO_TEXT,
        summary=summary or _NO_TEXT,
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
    r: _Reader, t: Table, key: str, loc: str, known: frozenset[str], noun: str
) -> str | None:
    """The id at `key` if the table has one (checked against `known`), else None."""
    return r.reference(t, key, loc, known, noun) if key in t else None


def _read_costs(r: _Reader, t: Table, loc: str) -> dict[str, float]:
    """Read ``costs``: criterion id → scale points lost at full strength (0 to 2)."""
    return _read_criterion_numbers(r, t, "costs", loc, "cost", 2.0)


def _read_kind(r: _Reader, t: Table, loc: str) -> HybridKind | None:
    """Read a hybrid's kind: ``blend`` or ``pull``."""
    value = r.string(t, "kind", loc)
    if value is None:
        return None
    kind = _KINDS.get(value)
    if kind is None:
        r.report(_join(loc, "kind"), f"unknown hybrid kind '{value}' (use 'blend' or 'pull')")
    return kind


def _read_pulls(r: _Reader, t: Table, loc: str) -> dict[str, float]:
    """Read ``pulls``: criterion id → share of the gap to option b (0 to 1)."""
    return _read_criterion_numbers(r, t, "pulls", loc, "pull", 1.0)


def _read_criterion_numbers(
    r: _Reader, t: Table, key: str, loc: str, noun: str, most: float
) -> dict[str, float]:
    """Read an optional table criterion id → number from 0 to `most`, recording bad entries."""
    table = r.table(t, key, loc, required=False)
    if table is None:
        return {}
    where = _join(loc, key)
    numbers: dict[str, float] = {}
    for criterion in table:
        if criterion not in r.criterion_ids:
            r.report(_join(where, str(criterion)), f"unknown criterion '{criterion}'")
            continue
        value = r.number(table, criterion, where)
        if value is not None and not 0.0 <= value <= most:
            span = f"0 to {_fmt(most)}"
            r.report(_join(where, criterion), f"{noun} {_fmt(value)} is outside the range {span}")
        if value is not None:
            numbers[criterion] = value
    return numbers


def _check_kind(
    r: _Reader,
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
        r.report(_join(loc, "pulls"), "pulls only apply to hybrids of kind 'pull'")
    intensity = _find(parameters, "intensity")
    if kind == "blend" and intensity is not None and intensity.minimum <= 0:
        message = f"parameter 'intensity' must stay above 0, got minimum {_fmt(intensity.minimum)}"
        r.report(_join(loc, "parameters[intensity]"), message)


def _check_unit_parameter(
    r: _Reader, loc: str, kind: HybridKind, parameters: tuple[Parameter, ...]
) -> None:
    """Record a missing ``share`` (blend) or ``strength`` (pull), or one outside 0 to 1."""
    needed = _KIND_PARAMETER[kind]
    parameter = _find(parameters, needed)
    if parameter is None:
        r.report(_join(loc, "parameters"), f"a {kind} hybrid needs a parameter '{needed}'")
    elif parameter.minimum < 0 or parameter.maximum > 1:
        span = f"{_fmt(parameter.minimum)} to {_fmt(parameter.maximum)}"
        message = f"parameter '{needed}' must stay within 0 to 1, got {span}"
        r.report(_join(loc, f"parameters[{needed}]"), message)


def _read_parameter(r: _Reader, t: Table, loc: str) -> Parameter | None:
    """Read one entry of ``[[hybrids.parameters]]``."""
    r.check_fields(t, _PARAMETER_FIELDS, loc)
    parameter_id = r.ident(t, "id", loc)
    name, description = r.text(t, "name", loc), r.text(t, "description", loc)
    minimum, maximum, default, step = _read_range(r, t, loc, "default")
    if parameter_id is None:
        return None
    return Parameter(
        id=parameter_id,
        name=name or _NO_TEXT,
        description=description or _NO_TEXT,
        minimum=minimum,
        maximum=maximum,
        default=default,
        step=step,
    )


# --------------------------------------------------------------------------- writing


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


# --------------------------------------------------------------------------- small helpers

_NO_TEXT = Text(de="", en="")


def _join(location: str, key: str) -> str:
    """Append a field name to a location (the top level has no prefix)."""
    return f"{location}.{key}" if location else key


def _item_location(where: str, index: int, item: object) -> str:
    """Name an array entry by its id when it has a usable one, else by its 1-based position."""
    item_id = item.get("id") if isinstance(item, Mapping) else None
    if isinstance(item_id, str) and item_id:
        return f"{where}[{item_id}]"
    return f"{where}[#{index + 1}]"


def _find(parameters: tuple[Parameter, ...], parameter_id: str) -> Parameter | None:
    return next((p for p in parameters if p.id == parameter_id), None)


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


def _fmt(number: float) -> str:
    """Format a number without a needless ``.0``."""
    return f"{number:g}"


def _describe(value: object) -> str:
    """Describe a value of the wrong type for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {_fmt(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string '{shown}'"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "an array"
    return f"a value of type {type(value).__name__}"
