"""Every UI string exists in German and English, and every key the code uses is in the catalog."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from workshop import errors
from workshop.text.catalog import CATALOG
from workshop.text.i18n import language_from_locale, problems, t

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "workshop").rglob("*.py"))
LOOKUPS = {"tr", "t"}


def literal_keys() -> set[str]:
    """Keys passed as string literals to tr()/t() anywhere in the package."""
    keys = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in LOOKUPS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.add(node.args[0].value)
    return keys


def test_every_entry_has_both_languages_and_the_same_placeholders() -> None:
    """No catalog entry lacks German or English, and both fill the same placeholders."""
    assert problems() == []


def test_problems_are_detected() -> None:
    """The check itself notices a missing language and mismatched placeholders."""
    broken = {"a": {"de": "Hallo", "en": ""}, "b": {"de": "{n} Stimmen", "en": "{count} votes"}}
    assert len(problems(broken)) == 2


def test_every_literal_key_exists() -> None:
    """Each tr("…") in the code names a key that the catalog has."""
    missing = sorted(k for k in literal_keys() if k not in CATALOG)
    assert missing == []


@pytest.mark.parametrize(
    "key",
    [
        *(
            f"common.phase.{p}"
            for p in ("welcome", "weigh", "context", "options", "vote", "results")
        ),
        *(f"common.input.{k}" for k in ("weights", "votes", "comments", "concerns")),
        *(f"participant.kind.{k}" for k in ("concern", "question")),
        *(f"facilitator.vote_mode.{m}" for m in ("single", "dots", "ranking")),
        *(f"facilitator.origin.{o}" for o in ("configured", "browser", "lan", "loopback")),
    ],
)
def test_composed_keys_exist(key: str) -> None:
    """Keys the code builds from a phase, input kind or mode exist too."""
    assert key in CATALOG


def test_every_error_code_is_translated() -> None:
    """Each WorkshopError subclass's code has a translated message."""
    codes = {
        cls.code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.WorkshopError)
    }
    missing = sorted(c for c in codes if f"error.{c}" not in CATALOG)
    assert missing == []


def test_locale_picks_the_language() -> None:
    """German browsers get German, every other language English, none the default."""
    assert language_from_locale("de-AT") == "de"
    assert language_from_locale("en-GB") == "en"
    assert language_from_locale("fr-FR") == "en"
    assert language_from_locale(None) == "de"


def test_placeholders_are_filled() -> None:
    """Texts with placeholders are filled in either language."""
    assert t("common.round", "de", number=2) == "Runde 2"
    assert t("common.round", "en", number=2) == "Round 2"
