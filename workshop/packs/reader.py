"""The problem-collecting reader of a content pack, and the helpers every section reader shares.

:class:`Reader` reads typed fields (strings, numbers, ids, German and English texts, references
to ids defined earlier, arrays of tables) out of a parsed pack.  Where a value is unusable it
records a :class:`~workshop.packs.problems.PackProblem` and returns None instead of raising, so
that one pass finds every mistake.  :func:`read_items` reads an array of tables with unique ids.
The section readers live in :mod:`workshop.packs.read` and :mod:`workshop.packs.read_sliders`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Protocol, TypeVar

from workshop.content import LANGS, ContextFactor, HybridTemplate, Text
from workshop.packs.problems import PackProblem

Table = Mapping[str, object]

_ROOT = "(top level)"
_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_LANGUAGE_NAMES = {"de": "German", "en": "English"}

_MISSING = object()


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


class Reader:
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
                where = join(location, str(key))
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
        self.wrong_type(join(location, key), "a table", value)
        return None

    def string(self, table: Table, key: str, location: str, required: bool = True) -> str | None:
        """Return the string at `key`."""
        value = self.raw(table, key, location, required)
        if value is _MISSING:
            return None
        if isinstance(value, str):
            return value
        self.wrong_type(join(location, key), "a string", value)
        return None

    def number(self, table: Table, key: str, location: str, required: bool = True) -> float | None:
        """Return the finite number (integer or float) at `key` as a float."""
        value = self.raw(table, key, location, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong_type(join(location, key), "a number", value)
            return None
        if not math.isfinite(value):
            self.report(join(location, key), f"expected a finite number, got {value}")
            return None
        return float(value)

    def ident(self, table: Table, key: str, location: str) -> str | None:
        """Return the required id at `key`."""
        value = self.string(table, key, location)
        if value is None or _ID_PATTERN.match(value):
            return value
        rule = "start with a letter, then use letters, digits, '_' or '-'"
        self.report(join(location, key), f"'{value}' is not a valid id: {rule}")
        return None

    def text(self, table: Table, key: str, location: str, required: bool = True) -> Text | None:
        """Return the German and English text at `key`."""
        value = self.raw(table, key, location, required)
        if value is _MISSING:
            return None
        where = join(location, key)
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
            self.wrong_type(join(location, lang), "a string", value)
        return ""

    def references(
        self, table: Table, key: str, location: str, known: Collection[str], noun: str
    ) -> tuple[str, ...]:
        """Return the optional array of ids at `key`, recording ids not in `known`."""
        value = self.raw(table, key, location, required=False)
        if value is _MISSING:
            return ()
        where = join(location, key)
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
        self.report(join(location, key), f"unknown {noun} '{value}'")
        return None

    def tables(
        self, table: Table, key: str, location: str, noun: str, required: bool
    ) -> Iterator[tuple[int, str, Table]]:
        """Yield (index, location, table) for each entry of the array of tables at `key`."""
        value = self.raw(table, key, location, required)
        if value is _MISSING:
            return
        where = join(location, key)
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


def read_items(
    r: Reader,
    table: Table,
    key: str,
    location: str,
    noun: str,
    read: Callable[[Reader, Table, str], _Item | None],
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
            where = f"{join(location, key)}[#{index + 1}]"
            r.report(where, f"duplicate {noun} id '{item.id}'")
            continue
        seen.add(item.id)
        items.append(item)
    return tuple(items)


#: Stands in for an unusable text, so that reading can go on and report further problems.
NO_TEXT = Text(de="", en="")


def join(location: str, key: str) -> str:
    """Append a field name to a location (the top level has no prefix)."""
    return f"{location}.{key}" if location else key


def _item_location(where: str, index: int, item: object) -> str:
    """Name an array entry by its id when it has a usable one, else by its 1-based position."""
    item_id = item.get("id") if isinstance(item, Mapping) else None
    if isinstance(item_id, str) and item_id:
        return f"{where}[{item_id}]"
    return f"{where}[#{index + 1}]"


def fmt(number: float) -> str:
    """Format a number without a needless ``.0``."""
    return f"{number:g}"


def _describe(value: object) -> str:
    """Describe a value of the wrong type for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {fmt(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string '{shown}'"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "an array"
    return f"a value of type {type(value).__name__}"
