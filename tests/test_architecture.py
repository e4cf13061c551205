"""Layer rules: the domain core imports neither Streamlit nor SQLAlchemy."""

from __future__ import annotations

import ast
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
