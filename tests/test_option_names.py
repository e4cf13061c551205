"""One builder of option and hybrid names, for the phone, the wall, the explorer and the exports."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from workshop.content import Lang, Text
from workshop.export import words
from workshop.export.chart_specs import axis_options
from workshop.packs import default_pack
from workshop.text import wording
from workshop.text.wording import hybrid_badge, option_names

PACK = default_pack()
BADGE = {"de": "(Mischform)", "en": "(hybrid)"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_option_and_hybrid_is_named_and_only_hybrids_are_marked(lang: Lang) -> None:
    names = option_names(PACK, lang)
    assert list(names) == [*PACK.option_ids, *(h.id for h in PACK.hybrids)]
    for option in PACK.options:
        assert names[option.id] == option.name.get(lang)
    for hybrid in PACK.hybrids:
        assert names[hybrid.id] == f"{hybrid.name.get(lang)} {BADGE[lang]}"
    assert hybrid_badge(lang) == BADGE[lang]


def test_without_the_badge_names_are_as_the_pack_writes_them() -> None:
    names = option_names(PACK, "de", badge=False)
    assert names == {o.id: o.name.de for o in (*PACK.options, *PACK.hybrids)}


def test_fit_gets_the_badge_apart_from_the_name() -> None:
    seen = option_names(PACK, "en", fit=lambda name, badge: f"{name}|{badge}")
    assert seen[PACK.options[0].id] == f"{PACK.options[0].name.en}|"
    assert seen[PACK.hybrids[0].id] == f"{PACK.hybrids[0].name.en}|(hybrid)"


def test_a_shortened_axis_label_keeps_the_hybrid_badge() -> None:
    long = dataclasses.replace(PACK.hybrids[0], name=Text("Sehr " * 30 + "lang", "Very " * 30))
    pack = dataclasses.replace(PACK, hybrids=(long, *PACK.hybrids[1:]))
    for size in ("wall", "screen"):
        label = axis_options(pack, "de", size)[long.id]
        assert label.endswith("… (Mischform)") and label.count("\n") == 1
        assert axis_options(pack, "de", size)[PACK.option_ids[0]] == PACK.options[0].name.de


def test_the_exports_use_the_same_builder() -> None:
    assert words.option_names is wording.option_names


def test_the_walls_view_model_is_streamlit_free() -> None:
    """What the wall shows is built without Streamlit (its drawing lives in ui/wall/page.py)."""
    model = Path(__file__).resolve().parent.parent / "workshop" / "ui" / "wall" / "model.py"
    roots = set()
    for node in ast.walk(ast.parse(model.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
            if node.module.startswith("workshop.ui"):
                roots.add(node.module)
    assert "streamlit" not in roots
    assert not {r for r in roots if r.startswith("workshop.ui")}
