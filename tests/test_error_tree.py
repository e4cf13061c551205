"""The error tree drawn in `workshop.errors`' docstring lists every WorkshopError of the package.

Every module of the package is imported, then `WorkshopError.__subclasses__()` is walked
recursively, so a class defined anywhere (the engine's ballots, the packs, the export) is found.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import workshop
from workshop import errors

PACKAGE = Path(workshop.__file__).resolve().parent

#: Modules that are scripts, not libraries: importing them runs something. They define no class
#: (checked below), so skipping them hides no error.
SCRIPTS = {
    "workshop.ui.main": "the UI script: importing it runs the app's navigation",
    "workshop.store.migrations.env": "Alembic's environment: importing it runs the migrations",
}

#: One line of the drawn tree: box-drawing indent, a branch (all but the root), name, code.
TREE_LINE = re.compile(
    r"^    (?P<indent>(?:│   |    )*)(?P<branch>[├└]── )?(?P<name>[A-Z]\w*) +(?P<code>[a-z_]+)\b"
)
#: The module a class defined outside workshop.errors is imported from, drawn in brackets.
HOME = re.compile(r"\[(workshop(?:\.\w+)*)\]")


def package_modules() -> list[str]:
    """Dotted names of every module of the package, scripts included."""
    found = pkgutil.walk_packages(workshop.__path__, "workshop.", onerror=_raise)
    return sorted(["workshop", *(info.name for info in found)])


def _raise(name: str) -> None:
    raise ImportError(f"cannot import {name} while walking the package")


def error_classes() -> list[type[errors.WorkshopError]]:
    """WorkshopError and every subclass defined anywhere in the package, parents first."""
    for name in package_modules():
        if name not in SCRIPTS:
            importlib.import_module(name)
    found: list[type[errors.WorkshopError]] = []
    pending = [errors.WorkshopError]
    while pending:
        cls = pending.pop(0)
        if cls not in found and cls.__module__.split(".")[0] == "workshop":
            found.append(cls)
            pending.extend(cls.__subclasses__())
    return found


@dataclass(frozen=True)
class Entry:
    """One class as the docstring draws it."""

    name: str
    code: str
    parent: str | None
    text: str  # its line and the continuation lines below it


def drawn_tree(doc: str) -> dict[str, Entry]:
    """The hierarchy block of a docstring, by class name (a name drawn twice is an error)."""
    block = doc.split("Hierarchy", 1)[1].split("::", 1)[1]
    entries: dict[str, Entry] = {}
    parents: list[str] = []  # the chain of names above the current depth
    last: str | None = None
    for line in block.splitlines():
        if line and not line.startswith("    "):
            break  # the literal block ends at the first unindented line
        match = TREE_LINE.match(line)
        is_root = match is not None and not match["indent"] and not match["branch"] and not entries
        if match and (match["branch"] or is_root):
            depth = 0 if is_root else len(match["indent"]) // 4 + 1
            del parents[depth:]
            name = match["name"]
            assert name not in entries, f"{name} is drawn twice"
            entries[name] = Entry(name, match["code"], parents[-1] if parents else None, line)
            parents.append(name)
            last = name
        elif line.strip() and last is not None:
            entries[last] = replace(entries[last], text=f"{entries[last].text}\n{line}")
    return entries


TREE = drawn_tree(errors.__doc__ or "")
CLASSES = error_classes()


def parent_of(cls: type) -> str:
    """The nearest base class that is a WorkshopError (the family it is drawn under)."""
    bases = [b for b in cls.__bases__ if issubclass(b, errors.WorkshopError)]
    assert len(bases) == 1, f"{cls.__name__} has {len(bases)} WorkshopError bases"
    return bases[0].__name__


def test_walk_finds_errors_outside_errors_py() -> None:
    """The walk reaches subclasses defined in other modules, not only those in workshop.errors."""
    names = {cls.__name__ for cls in CLASSES}
    assert {
        "InvalidWeights",
        "InvalidVote",
        "PackError",
        "ImportRejected",
        "UnknownFormat",
    } <= names
    assert len(names) == len(CLASSES), "two error classes share a name"


def test_skipped_scripts_define_no_class() -> None:
    """The modules the walk does not import define no class, so no error class hides there."""
    for name in SCRIPTS:
        path = PACKAGE.joinpath(*name.split(".")[1:]).with_suffix(".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)], name


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_class_is_drawn_with_its_code_parent_and_module(cls: type[errors.WorkshopError]) -> None:
    """Each class appears in the tree under its parent, with its code and where it is imported from.

    A class defined outside workshop.errors names a module that has it (where it is defined, or
    a package that re-exports it), so a reader knows where to import it from.
    """
    assert cls.__name__ in TREE, f"{cls.__name__} ({cls.__module__}) is missing from the tree"
    entry = TREE[cls.__name__]
    assert entry.code == cls.code, f"{cls.__name__}'s code is {cls.code!r}"
    expected_parent = None if cls is errors.WorkshopError else parent_of(cls)
    assert entry.parent == expected_parent, f"{cls.__name__} belongs under {expected_parent}"
    homes = HOME.findall(entry.text)
    if cls.__module__ == errors.__name__:
        assert homes == [], f"{cls.__name__} is defined in workshop.errors"
    else:
        assert len(homes) == 1, f"the tree should name {cls.__name__}'s module, {cls.__module__}"
        home = importlib.import_module(homes[0])
        assert vars(home).get(cls.__name__) is cls, f"{homes[0]} has no {cls.__name__}"


def test_tree_draws_no_class_that_does_not_exist() -> None:
    """Every name in the tree is a real error class (a renamed or deleted one is noticed)."""
    assert sorted(set(TREE) - {cls.__name__ for cls in CLASSES}) == []


def test_tree_reader_sees_a_wrong_drawing() -> None:
    """The reader notices a missing class, a wrong parent and a wrong code (guards the guard)."""
    doc = """Hierarchy::

    WorkshopError                  workshop_error        base
    ├── NotFound                   not_found
    │   └── SessionNotFound        session_gone          continued
    │                                                    Upper Words here
    └── Conflict                   conflict
"""
    tree = drawn_tree(doc)
    assert set(tree) == {"WorkshopError", "NotFound", "SessionNotFound", "Conflict"}
    assert tree["SessionNotFound"].parent == "NotFound"
    assert tree["SessionNotFound"].code != errors.SessionNotFound.code
    assert tree["Conflict"].parent == "WorkshopError"
    assert "Upper Words" in tree["SessionNotFound"].text
