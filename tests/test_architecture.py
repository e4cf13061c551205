"""Layer rules: the domain core imports neither Streamlit nor SQLAlchemy; folders import only
what their row of the layer table allows; the package has no import cycle."""

from __future__ import annotations

import ast
import itertools
import sys
from collections import deque
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "workshop"
#: Sub-packages allowed to talk to the outside world; everything else is the pure domain.
ADAPTERS = {"store": {"sqlalchemy", "alembic"}, "ui": {"streamlit"}}
FORBIDDEN = {"streamlit", "sqlalchemy", "alembic"}


def imported_roots(path: Path) -> set[str]:
    """Top-level names of every module a file imports."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def allowed_for(path: Path) -> set[str]:
    relative = path.relative_to(PACKAGE).parts
    return ADAPTERS.get(relative[0], set()) if len(relative) > 1 else set()


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_domain_modules_stay_pure(path: Path) -> None:
    """No module outside the adapters imports streamlit, sqlalchemy or alembic."""
    bad = (imported_roots(path) & FORBIDDEN) - allowed_for(path)
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_rule_catches_a_violation(tmp_path: Path) -> None:
    """The import scan really sees a forbidden import (guards the guard)."""
    module = tmp_path / "bad.py"
    module.write_text("import streamlit as st\nfrom sqlalchemy import text\n")
    assert imported_roots(module) >= {"streamlit", "sqlalchemy"}


# --------------------------------------------------------------------------- the import graph
#
# Every import of every module counts, wherever it stands: at the top, inside a function (a
# function-level import hides a cycle from Python's import order, not from the design) or under
# `if TYPE_CHECKING`. `from workshop.x import y` is an edge to the submodule `workshop.x.y` when
# there is one, else to `workshop.x`. The implicit import of a module's parent packages is not an
# edge: a package's __init__ that re-exports its own submodules is no cycle.

STDLIB = set(sys.stdlib_module_names) | {"__future__"}


@dataclass(frozen=True)
class Import:
    """One imported name, resolved: a module of the package, or another top-level package."""

    target: str  # "workshop.engine.ballots", or a root such as "numpy"
    line: int


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Every module of a package directory by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join((package, *parts))] = path
    return found


def _base(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a `from … import` names, resolving leading dots."""
    if not node.level:
        return node.module or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts)


def imports_of(module: str, path: Path, modules: Collection[str]) -> list[Import]:
    """What one module imports: package modules by full name, anything else by its root."""
    package = module.split(".")[0]
    is_package = path.name == "__init__.py"

    def resolve(name: str, line: int) -> Import:
        if name.split(".")[0] != package:
            return Import(name.split(".")[0], line)
        while name not in modules and "." in name:
            name = name.rsplit(".", 1)[0]  # an attribute of a module, not a module
        return Import(name, line)

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [resolve(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, is_package, node)
            for alias in node.names:
                name = f"{base}.{alias.name}"
                found.append(resolve(name if name in modules else base, node.lineno))
    return found


def import_graph(root: Path, package: str) -> dict[str, list[Import]]:
    """Each module of the package with everything it imports."""
    files = module_files(root, package)
    return {module: imports_of(module, path, files) for module, path in files.items()}


def cycles(graph: Mapping[str, Sequence[Import]]) -> list[list[str]]:
    """One shortest cycle per strongly connected group of modules (Tarjan), each closed."""
    edges = {
        m: sorted({i.target for i in imports if i.target in graph}) for m, imports in graph.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = {stack.pop()}
            while node not in group:
                group.add(stack.pop())
            if len(group) > 1 or node in edges[node]:
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_shortest_loop(min(group), group, edges) for group in groups]


def _shortest_loop(start: str, group: set[str], edges: Mapping[str, list[str]]) -> list[str]:
    """The shortest path from `start` back to itself inside one strongly connected group."""
    paths = {start: [start]}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in edges[node]:
            if nxt == start:
                return [*paths[node], start]
            if nxt in group and nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"{start} is in a cycle but no loop was found")  # pragma: no cover


def describe(loop: Sequence[str], graph: Mapping[str, Sequence[Import]]) -> str:
    """A cycle as `a (line 3) -> b (line 9) -> a`, naming the line of each import."""
    steps = []
    for here, nxt in itertools.pairwise(loop):
        line = min(i.line for i in graph[here] if i.target == nxt)
        steps.append(f"{here} (line {line})")
    return " -> ".join([*steps, loop[-1]])


GRAPH = import_graph(PACKAGE, "workshop")


def test_no_import_cycle() -> None:
    """No module of the package imports itself back through any chain of imports."""
    found = [describe(loop, GRAPH) for loop in cycles(GRAPH)]
    assert found == [], "import cycles:\n" + "\n".join(found)


def test_cycle_search_finds_a_hidden_cycle(tmp_path: Path) -> None:
    """A cycle closed by a function-level `from pkg.x import y` of a submodule is found."""
    root = tmp_path / "fake"
    (root / "ui").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "ui" / "__init__.py").write_text("")
    (root / "ui" / "shell.py").write_text("from fake.ui.identity import role\n")
    (root / "ui" / "identity.py").write_text("from .routes import cookie_name\nrole = 1\n")
    (root / "ui" / "routes.py").write_text(
        "import os\n\ndef charts():\n    from fake.ui import shell\n    return shell\n"
    )
    (root / "clean.py").write_text("from fake.ui import identity\n")
    graph = import_graph(root, "fake")
    assert [describe(loop, graph) for loop in cycles(graph)] == [
        "fake.ui.identity (line 1) -> fake.ui.routes (line 4) -> fake.ui.shell (line 1)"
        " -> fake.ui.identity"
    ]


# --------------------------------------------------------------------------- the folder layers
#
# What each folder (or top-level module) of workshop/ may import besides the standard library
# and itself. The same table is in README.md ("How it is built") and docs/architecture.md; a
# test below keeps the three equal.


@dataclass(frozen=True)
class Rule:
    """What one layer may import: layers of the package, and third-party packages."""

    layers: frozenset[str]
    libraries: frozenset[str]


def rule(layers: str = "", libraries: str = "") -> Rule:
    """A rule from two comma-separated lists."""
    return Rule(
        frozenset(n.strip() for n in layers.split(",") if n.strip()),
        frozenset(n.strip() for n in libraries.split(",") if n.strip()),
    )


DOMAIN = "content, errors, engine, packs, rounds, text"
LAYERS: dict[str, Rule] = {
    "content": rule(),
    "errors": rule(),
    "engine": rule("content, errors", "numpy, pandas, sortedcontainers"),
    "packs": rule("content, errors, engine"),
    "rounds": rule("content, errors, engine", "numpy"),
    "text": rule("content, errors, engine, rounds"),
    "store": rule("errors", "sqlalchemy, alembic"),
    "export": rule(f"{DOMAIN}, store", "altair, numpy, pyarrow, openpyxl, reportlab, vl_convert"),
    "web": rule(f"{DOMAIN}, store, export", "starlette"),
    "ui": rule(f"{DOMAIN}, store, export, web", "streamlit, pandas, pyarrow, segno"),
    "__init__": rule("content, errors, engine, packs"),
}
#: Where the table is written for readers, as a Markdown table with this header cell.
DOCUMENTS = [PACKAGE.parent / "README.md", PACKAGE.parent / "docs" / "architecture.md"]
TABLE_HEADER = "| Layer | May import from the package |"


def layer_of(module: str) -> str:
    """The layer a module belongs to: its folder (or top-level module) under the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_violations(
    graph: Mapping[str, Sequence[Import]], layers: Mapping[str, Rule]
) -> list[str]:
    """Every import that its module's layer does not allow, as `module (line n) imports x`."""
    bad = []
    for module, imports in sorted(graph.items()):
        own = layer_of(module)
        allowed = layers[own]
        for imported in imports:
            if imported.target in STDLIB or imported.target.split(".")[0] in STDLIB:
                continue
            if imported.target in graph:
                ok = layer_of(imported.target) in allowed.layers | {own}
            else:
                ok = imported.target in allowed.libraries
            if not ok:
                bad.append(f"{module} (line {imported.line}) imports {imported.target}")
    return bad


def test_every_folder_has_a_rule() -> None:
    """Each folder and top-level module of the package has a row in the table, and no more."""
    assert {layer_of(module) for module in GRAPH} == set(LAYERS)


def test_each_layer_imports_only_what_its_row_allows() -> None:
    """No module imports a layer or a third-party package that its folder's row does not allow."""
    found = layer_violations(GRAPH, LAYERS)
    assert found == [], "imports the layer table does not allow:\n" + "\n".join(found)


def test_the_key_rules_are_in_the_table() -> None:
    """The rules the layout exists for: web never reaches Streamlit, the engine stays pure."""
    assert "ui" not in LAYERS["web"].layers
    assert "streamlit" not in LAYERS["web"].libraries
    assert not LAYERS["engine"].layers & {"store", "ui", "web", "export", "text", "rounds"}
    assert all("streamlit" not in r.libraries for name, r in LAYERS.items() if name != "ui")
    assert all("sqlalchemy" not in r.libraries for name, r in LAYERS.items() if name != "store")


def documented_layers(text: str) -> dict[str, Rule]:
    """The layer table of a Markdown document: one row per layer, ``—`` for nothing."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(TABLE_HEADER))
    table: dict[str, Rule] = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        name, layers, libraries = (cell.strip() for cell in line.strip("|").split("|"))
        key = name.strip("`").removesuffix("/").removesuffix(".py")
        table[key] = rule(layers.replace("—", ""), libraries.replace("—", ""))
    return table


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_the_documents_show_the_enforced_table(document: Path) -> None:
    """README.md and docs/architecture.md show exactly the table this test enforces."""
    assert documented_layers(document.read_text(encoding="utf-8")) == LAYERS


def test_table_reader_sees_a_changed_row() -> None:
    """A row that allows more than the test does is noticed (guards the guard)."""
    text = f"{TABLE_HEADER} Third-party |\n|---|---|---|\n| `web/` | store, ui | starlette |\n"
    assert documented_layers(text)["web"] == rule("store, ui", "starlette") != LAYERS["web"]


PLANTED = [
    ("engine", "from workshop.store import open_store"),
    ("engine", "import workshop.ui.charts"),
    ("engine", "from workshop.text import i18n"),
    ("engine", "import streamlit as st"),
    ("content", "import numpy"),
    ("errors", "from workshop.content import ContentPack"),
    ("packs", "from workshop.rounds import results"),
    ("rounds", "from workshop.store import open_store"),
    ("text", "from workshop.export import charts"),
    ("store", "from workshop.engine import scoring"),
    ("store", "import pandas"),
    ("export", "from workshop.web import services"),
    ("export", "import streamlit"),
    ("web", "from workshop.ui.exports import wall_charts"),
    ("web", "import streamlit as st"),
    ("web", "def later():\n    from sqlalchemy import text\n"),
    ("ui", "import requests"),
    ("__init__", "from workshop.store import open_store"),
]


@pytest.mark.parametrize(("layer", "source"), PLANTED, ids=lambda v: v.replace("\n", " "))
def test_layer_rule_catches_a_planted_violation(tmp_path: Path, layer: str, source: str) -> None:
    """An import a row forbids, planted in a copy of the package's shape, is reported."""
    root = tmp_path / "workshop"
    root.mkdir()
    for name in ("__init__", "content", "errors"):
        (root / f"{name}.py").write_text("")
    for name in ("engine", "packs", "rounds", "text", "store", "export", "web", "ui"):
        (root / name).mkdir()
        (root / name / "__init__.py").write_text("")
        (root / name / "charts.py").write_text("")
    top_level = layer in {"__init__", "content", "errors"}
    planted = root / f"{layer}.py" if top_level else root / layer / "planted.py"
    allowed = "import json\n" + ("" if top_level else "from . import charts\n")
    planted.write_text(allowed)
    assert layer_violations(import_graph(root, "workshop"), LAYERS) == []
    planted.write_text(f"{allowed}{source}\n")
    found = layer_violations(import_graph(root, "workshop"), LAYERS)
    first = len(allowed.splitlines()) + 1
    assert found, f"{layer} may not: {source}"
    assert all(f"(line {first}" in v or f"(line {first + 1}" in v for v in found), found
