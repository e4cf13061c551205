"""Reading an uploaded session file: the import's limits, its one error, strict JSON parsing.

:func:`parse` turns the uploaded bytes into JSON values, refusing what is too large, not UTF-8,
nested too deeply or not strict JSON; the ``read_*`` functions check one value's JSON type and
range, and :func:`check_with` runs one of the app's own validators.  Each refusal is an
:class:`ImportRejected` naming the rule (:data:`IMPORT_REASONS`) and the place in the file.
:mod:`workshop.export.json_checks` builds its checks of the whole schema from these readers; the
rules themselves are listed in :mod:`workshop.export.json_import`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from workshop.errors import InvalidInput, WorkshopError
from workshop.store.validate import clean_text

MAX_IMPORT_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32
MAX_PARTICIPANTS = 2000
MAX_ROUNDS = 50
MAX_ITEMS = 5000

IMPORT_REASONS = (
    "too_large",
    "not_json",
    "too_deep",
    "foreign",
    "version",
    "missing",
    "unexpected",
    "type",
    "value",
    "text",
    "pack",
)


class ImportRejected(InvalidInput):
    """A session file that cannot be imported; nothing was created.

    ``details``: ``reason`` (one of :data:`IMPORT_REASONS`) and ``where`` (a path into the file
    such as ``rounds[0].weights.ballots[3]``, or ``""`` for the file as a whole).
    """

    code = "import_rejected"
    message = "This file cannot be imported."

    def __init__(self, reason: str, where: str, detail: str) -> None:
        place = f" (at {where})" if where else ""
        super().__init__(
            f"This file cannot be imported: {detail}{place}.", reason=reason, where=where
        )


def reject(reason: str, where: str, detail: str) -> NoReturn:
    """Refuse the file: `reason` is one of IMPORT_REASONS, `where` a path into the file."""
    raise ImportRejected(reason, where, detail)


def rejection_of(error: WorkshopError) -> tuple[str, str]:
    """(reason, where) of an import error, for the UI's translated message."""
    reason = str(error.details.get("reason", ""))
    return (reason if reason in IMPORT_REASONS else "value"), str(error.details.get("where", ""))


# --------------------------------------------------------------------------- parsing

# A JSON string, written as the unrolled loop "[^"\\]*(\\.[^"\\]*)*" so it runs in linear time.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def nesting_depth(raw: bytes) -> int:
    """How deeply arrays and objects nest in JSON text (brackets inside strings ignored).

    Checked before parsing: the parser would otherwise recurse once per level, and a file of a
    million "[" must be refused cheaply, not by hitting Python's recursion limit.
    """
    depth = deepest = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub(b'""', raw)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("a number is too large")
    return value


def parse(raw: bytes) -> Any:
    """Parse an uploaded file: size, encoding, depth and strict JSON, in that order."""
    if len(raw) > MAX_IMPORT_BYTES:
        reject("too_large", "", f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        reject("not_json", "", "the file is not UTF-8 text")
    if nesting_depth(raw) > MAX_DEPTH:
        reject("too_deep", "", f"the data is nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_finite,
        )
    except ValueError as error:  # JSONDecodeError is a ValueError, as are the hooks' refusals
        reject("not_json", "", f"the file is not valid JSON ({error})")


# --------------------------------------------------------------------------- typed readers


def read_object(
    value: Any, where: str, required: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, Any]:
    """A JSON object with exactly these keys (optional ones may be absent)."""
    if not isinstance(value, dict):
        reject("type", where, "an object is expected")
    for key in required:
        if key not in value:
            reject("missing", _at(where, key), "this field is missing")
    for key in value:
        if key not in required and key not in optional:
            reject("unexpected", _at(where, key), "this field is not part of the format")
    return value


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def read_list(value: Any, where: str, limit: int) -> list[Any]:
    """A JSON array of at most `limit` entries."""
    if not isinstance(value, list):
        reject("type", where, "a list is expected")
    if len(value) > limit:
        reject("too_large", where, f"more than {limit} entries")
    return value


def read_integer(value: Any, where: str, low: int, high: int) -> int:
    """A whole number (not a boolean, not 1.0) from `low` to `high`."""
    if isinstance(value, bool) or not isinstance(value, int):
        reject("type", where, "a whole number is expected")
    if not low <= value <= high:
        reject("value", where, f"the number must lie between {low} and {high}")
    return value


def read_number(value: Any, where: str, low: float, high: float) -> float:
    """Any JSON number (not a boolean) from `low` to `high`, as a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        reject("type", where, "a number is expected")
    if not low <= value <= high:
        reject("value", where, f"the number must lie between {low:g} and {high:g}")
    return float(value)


def read_boolean(value: Any, where: str) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        reject("type", where, "true or false is expected")
    return value


def read_string(value: Any, where: str) -> str:
    """A JSON string, unchecked."""
    if not isinstance(value, str):
        reject("type", where, "text is expected")
    return value


def read_choice(value: Any, where: str, choices: Sequence[str]) -> str:
    """A string that is one of `choices`."""
    text = read_string(value, where)
    if text not in choices:
        reject("value", where, f"must be one of: {', '.join(choices)}")
    return text


def read_text(value: Any, where: str, limit: int, *, multiline: bool) -> str:
    """Text the store would keep unchanged: no control characters, not too long, stripped."""
    text = read_string(value, where)
    try:
        cleaned = clean_text(text, where, limit, multiline=multiline)
    except InvalidInput as error:
        reject("text", where, error.message.removeprefix(f"{where} ").rstrip("."))
    if cleaned != text:
        reject("text", where, "the text has leading or trailing white space")
    return text


def check_with(where: str, validator: Callable[..., object], *args: Any, **kwargs: Any) -> None:
    """Run one of the app's own validators; its refusal becomes a 'value' rejection."""
    try:
        validator(*args, **kwargs)
    except InvalidInput as error:
        reject("value", where, error.message.rstrip("."))


__all__ = [
    "IMPORT_REASONS",
    "MAX_DEPTH",
    "MAX_IMPORT_BYTES",
    "MAX_ITEMS",
    "MAX_PARTICIPANTS",
    "MAX_ROUNDS",
    "ImportRejected",
    "check_with",
    "nesting_depth",
    "parse",
    "read_boolean",
    "read_choice",
    "read_integer",
    "read_list",
    "read_number",
    "read_object",
    "read_string",
    "read_text",
    "reject",
    "rejection_of",
]
