"""User text is escaped so Markdown never turns it into links, icons, HTML or formatting."""

from __future__ import annotations

import pytest

from workshop.ui.runtime import plain


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "**fett** _kursiv_",
        "[klick](javascript:alert(1))",
        "![bild](https://example.org/x.png)",
        ":material/home: :red[rot]",
    ],
)
def test_markup_characters_become_character_references(text: str) -> None:
    """No Markdown or HTML special character survives unescaped."""
    escaped = plain(text)
    for special in "<>*_[]()!:":
        assert special not in escaped.replace("&#", "").replace(";", "")


@pytest.mark.parametrize("text", ["www.example.org", "https://example.org", "kim@example.org"])
def test_autolinks_are_broken_by_a_word_joiner(text: str) -> None:
    """Addresses GFM would link on its own get an invisible word joiner."""
    assert "\u2060" in plain(text)


def test_line_breaks_are_kept() -> None:
    """A line break stays a line break in Markdown."""
    assert plain("eins\nzwei") == "eins  \nzwei"
