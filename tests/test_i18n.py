"""Every UI string exists in German and English, and every key the code uses is in the catalog."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from test_error_tree import error_classes

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


#: Errors the UI shows through other keys than ``error.<code>``: code -> why.
SHOWN_THROUGH_OTHER_KEYS = {
    "import_rejected": "the import form names the rule the file broke: "
    "export.import_error.<reason> for each of its module's IMPORT_REASONS",
}


def error_text_keys(cls: type) -> list[str]:
    """The catalog keys through which the UI shows this error class."""
    if cls.code == "import_rejected":
        reasons = vars(sys.modules[cls.__module__])["IMPORT_REASONS"]
        return [f"export.import_error.{reason}" for reason in reasons]
    assert cls.code not in SHOWN_THROUGH_OTHER_KEYS, f"say which keys show {cls.code}"
    return [f"error.{cls.code}"]


def test_every_error_code_is_translated() -> None:
    """Each WorkshopError subclass's code, wherever it is defined, has a translated message."""
    keys = {key: cls.__name__ for cls in error_classes() for key in error_text_keys(cls)}
    missing = sorted(
        f"{key} ({name})"
        for key, name in keys.items()
        if not all(CATALOG.get(key, {}).get(language) for language in ("de", "en"))
    )
    assert missing == []
    assert "error.invalid_weights" in keys, "the walk must reach the engine's errors"


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
