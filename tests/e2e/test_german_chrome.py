"""German pages carry no English from Streamlit itself, and say they are German (issue 15, item 4).

Streamlit 1.67 writes its own English into widgets: input instructions, upload texts,
placeholders, aria labels and toolbar names.  On every page of a German workshop (see
``page_tour``), after typing into each form field so that the instructions appear, neither the
visible text nor an ``aria-label``, ``placeholder``, ``title`` or ``alt`` attribute may be one of
those texts, and ``<html lang>`` must be ``de``.  The English texts are listed here and each
is checked to be in Streamlit's frontend bundle, so the list stays true to the installed version.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import streamlit
from e2e_support import PHONE, WALL, open_page, phone_context, url
from page_tour import settle, tour
from support.live_server import LiveServer

from workshop.ui.pagescript import chrome_rules

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"

#: Streamlit's English texts as the bundle spells them; ``*`` stands for what it fills in.
ENGLISH = (
    "Press Enter to *",
    "Press *+Enter to *",
    "* per file",
    "Upload",
    "Add files",
    "Drag and drop a file here",
    "Drag and drop files here",
    "file upload",
    "Remove *",
    "Cancel upload of *",
    "Help for *",
    "Help",
    "Choose an option",
    "Choose options",
    "Choose or add an option",
    "No options to select",
    "No results",
    "Open",
    "Clear value",
    "Clear all",
    "Select all",
    "Selected values",
    "Increment",
    "Decrement",
    "Scroll tabs left",
    "Scroll tabs right",
    "App pages",
    "Sidebar",
    "Expand sidebar",
    "Collapse sidebar",
    "Skip to main content",
    "Link to heading",
    "Copy to clipboard",
    "Fullscreen",
    "Close fullscreen",
    "Show data",
    "Download as PNG",
    "Download as CSV",
    "Search",
    "Show/hide columns",
    "Close",
    "progress",
    "Running...",
    "Main menu",
    "Vega visualization",
)
#: How Vega (inside Streamlit) describes charts and marks in English when a spec does not say.
VEGA = re.compile(r"^(X-axis|Y-axis|Symbol legend|Gradient legend)\b|(^|; )label: ")

COLLECT = """() => {
  const attrs = [];
  for (const el of document.querySelectorAll('[aria-label],[placeholder],[title],[alt]')) {
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = el.getAttribute(name);
      if (value) attrs.push([name, value.trim()]);
    }
  }
  const texts = document.body.innerText.split('\\n').map(s => s.trim()).filter(Boolean);
  return {lang: document.documentElement.lang, attrs, texts};
}"""


def _pattern(english: str) -> re.Pattern[str]:
    """`english` as a whole text, or as a toolbar's "<text>: <what it acts on>"."""
    return re.compile("^" + ".+".join(re.escape(part) for part in english.split("*")) + "(: .+)?$")


PATTERNS = [_pattern(english) for english in ENGLISH]


def english_in(found: dict[str, Any]) -> list[str]:
    """Streamlit's English texts among what a page shows and names (one line each)."""
    hits = [f"text {line!r}" for line in found["texts"] if any(p.match(line) for p in PATTERNS)]
    for name, value in found["attrs"]:
        if any(p.match(value) for p in PATTERNS) or VEGA.search(value):
            hits.append(f"{name}={value!r}")
        elif re.search(r"&#\d+;", value):  # a label escaped for Markdown, read out as "&#58;"
            hits.append(f"{name}={value!r} (character reference)")
    return hits


def type_into_forms(page: Page) -> None:
    """Type into every text field of a form (not submitted), so its instruction appears."""
    fields = page.locator("[data-testid=stForm] input[type=text], [data-testid=stForm] textarea")
    for index in range(fields.count()):
        field = fields.nth(index)
        if field.is_visible() and field.is_enabled():
            field.click()
            field.press_sequentially("x")
    if fields.count():
        page.wait_for_timeout(300)  # the instruction is drawn on the next animation frame


def test_bundle_still_has_the_listed_english() -> None:
    """Each English text this test looks for is one that the installed Streamlit writes."""
    bundle = "\n".join(path.read_text(errors="replace") for path in BUNDLE.glob("*.js"))
    missing = []
    for english in ENGLISH:
        parts = [part for part in english.split("*") if part.strip()]
        if not all(part in bundle for part in parts):
            missing.append(english)
    assert missing == []


def test_the_page_script_swaps_only_texts_streamlit_writes() -> None:
    """Every English text of the page script's table is one the installed Streamlit writes:
    in its bundle as it is, or one the bundle builds (a pattern the test above checks)."""
    bundle = "\n".join(path.read_text(errors="replace") for path in BUNDLE.glob("*.js"))
    unknown = [
        english
        for english, _ in chrome_rules()
        if not all(part in bundle for part in re.split(r"\{\w+\}", english) if part.strip())
        and not any(pattern.match(english) for pattern in PATTERNS)
    ]
    assert unknown == []


@pytest.mark.parametrize("size", ["phone", "wall"])
def test_german_pages_show_no_english_from_streamlit(
    browser: Browser, server: LiveServer, size: str
) -> None:
    """Every German page and state: no Streamlit English, and <html lang="de">."""
    found: dict[str, list[str]] = {}
    visited: list[str] = []

    def visit(name: str, page: Page) -> None:
        visited.append(name)
        type_into_forms(page)
        seen = page.evaluate(COLLECT)
        problems = english_in(seen)
        if seen["lang"] != "de":
            problems.append(f'<html lang="{seen["lang"]}">')
        if problems:
            found[name] = problems

    if size == "phone":
        context = phone_context(browser)
    else:
        context = browser.new_context(viewport=WALL, locale="de-DE")
    try:
        tour(context, server, visit)
    finally:
        context.close()
    assert len(visited) >= 30, visited
    report = "\n".join(f"{name}: {', '.join(lines)}" for name, lines in found.items())
    assert not found, f"Streamlit's English on German pages:\n{report}"


def test_english_pages_keep_streamlit_english_and_say_en(
    browser: Browser, server: LiveServer
) -> None:
    """An English page says lang="en"; switching German to English restores Streamlit's texts."""
    context = phone_context(browser, locale="en-GB", viewport=PHONE)
    try:
        page = open_page(context, url(server.port, "/"))
        settle(page)
        assert page.evaluate("document.documentElement.lang") == "en"
        assert "Skip to main content" in page.locator("[data-testid=stSkipToContent]").inner_text()
        page.goto(url(server.port, "/?lang=de"))
        settle(page)
        assert page.evaluate("document.documentElement.lang") == "de"
        assert page.locator("[data-testid=stSkipToContent]").inner_text() == (
            "Zum Hauptinhalt springen"
        )
        page.get_by_text("English", exact=True).click()
        page.wait_for_function("document.documentElement.lang === 'en'", timeout=20_000)
        settle(page)
        skip = page.locator("[data-testid=stSkipToContent]").inner_text()
        assert skip == "Skip to main content"
    finally:
        context.close()
