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

This module is the public API (import from here) and turns a TOML file into a mapping.  The work
is done in its modules:

* :mod:`~workshop.packs.problems` — :class:`PackProblem` and :class:`PackError`;
* :mod:`~workshop.packs.reader` — the problem-collecting reader of typed fields;
* :mod:`~workshop.packs.read` — the pack and its plain sections into content objects;
* :mod:`~workshop.packs.read_sliders` — context factors and hybrid templates (the sliders);
* :mod:`~workshop.packs.read_roles` — roles and what each option changes for them;
* :mod:`~workshop.packs.write` — :func:`pack_to_data`.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workshop.content import ContentPack
from workshop.packs.problems import PackError, PackProblem
from workshop.packs.read import read_pack
from workshop.packs.reader import Reader
from workshop.packs.write import pack_to_data

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

_FILE = "(file)"
_TOML_POSITION = re.compile(r"^(?P<message>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_AT_END = " (at end of document)"


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
    reader = Reader(source)
    pack = read_pack(reader, data)
    if reader.problems:
        raise PackError(reader.problems)
    return pack


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
