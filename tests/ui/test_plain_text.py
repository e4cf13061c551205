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


@pytest.mark.parametrize("lang", ["de", "en"])
def test_offline_notice_is_a_closed_css_string_in_each_language(lang: str) -> None:
    """The offline notice's text sits in one CSS string per state, in the reader's language."""
    from workshop.text.i18n import t
    from workshop.ui.runtime import _offline_style

    style = _offline_style(lang)  # type: ignore[arg-type]
    assert f'content: "{t("common.offline", lang)}"' in style
    assert f'content: "{t("common.offline_forever", lang)}"' in style


def test_css_strings_cannot_be_broken_out_of() -> None:
    """Quotes, backslashes, braces and angle brackets become CSS escapes."""
    from workshop.ui.runtime import _css_string

    quoted = _css_string('a"b\\c}</style><script>')
    inner = quoted[1:-1]
    assert quoted.startswith('"') and quoted.endswith('"')
    assert not set(inner) & set('"{}<>') and "\\22 " in inner and "\\5c " in inner
