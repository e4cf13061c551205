"""The README's Python examples run as written (the public API it documents exists)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_python_examples_run() -> None:
    """Every ```python block in the README executes without an error."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, "the README should show the Python API"
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})  # our own README


def test_notebook_example_prints_ids() -> None:
    """The notebook example's sensitivity line names criteria and options by id, not position."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, str(README), "exec"), {})  # our own README
    out = printed.getvalue()
    assert re.search(r"WeightStability\(criterion='[A-Z]+', weight=", out), out
    assert re.search(r"(above|below)='[a-z_]+'", out), out
    assert not re.search(r"criterion=\d", out), out
