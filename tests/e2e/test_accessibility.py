"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page (issue 15, item 5).

Every page of a German demo workshop (see ``page_tour``) at phone size (390×844) and projector
size (1920×1080), and the wall in every phase also at 1280×720, each with the results hidden
and shown.  axe-core comes with the PyPI package axe-playwright-python.

No rule is switched off.  Where Streamlit's own markup would violate a rule, the app fixes it
(theme colours in ``.streamlit/config.toml``, the page script in ``workshop/ui/pagescript.py``)
rather than this test excusing it; :data:`EXCUSED` lists the exceptions, each with its reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from e2e_support import PHONE, WALL, phone_context
from page_tour import tour
from support.live_server import LiveServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SMALL_WALL: ViewportSize = {"width": 1280, "height": 720}
#: (rule id, CSS selector of the node) that may fail, each with why: none at present.
EXCUSED: dict[tuple[str, str], str] = {}


def violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page, one line per failing node."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    result: dict[str, Any] = Axe().run(page, options=options).response
    found = []
    for rule in result["violations"]:
        for node in rule["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            if (rule["id"], target) in EXCUSED:
                continue
            summary = " ".join(node.get("failureSummary", "").split())[:300]
            found.append(f"{rule['id']} at {target}: {summary}")
    return found


def check_tour(
    browser: Browser, server: LiveServer, size: ViewportSize, stops: tuple[str, ...]
) -> None:
    found: dict[str, list[str]] = {}
    visited: list[str] = []

    def visit(name: str, page: Page) -> None:
        visited.append(name)
        problems = violations(page)
        if problems:
            found[name] = problems

    if size == PHONE:
        context = phone_context(browser)
    else:
        context = browser.new_context(viewport=size, locale="de-DE", timezone_id="Europe/Berlin")
    try:
        tour(context, server, visit, stops)
    finally:
        context.close()
    assert len(visited) >= (12 if stops[0] == "wall" else 30), visited
    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in found.items())
    assert not found, f"axe-core violations (WCAG 2.x A/AA):\n{report}"


@pytest.mark.parametrize("size", ["phone", "wall"])
def test_no_page_violates_wcag_21_aa(browser: Browser, server: LiveServer, size: str) -> None:
    """Every page and state, at phone and at projector size."""
    check_tour(
        browser,
        server,
        PHONE if size == "phone" else WALL,
        ("home", "create", "explorer", "console", "wall", "phone"),
    )


def test_the_wall_at_1280_violates_nothing(browser: Browser, server: LiveServer) -> None:
    """The wall in every phase, results hidden and shown, on a 1280×720 projector."""
    check_tour(browser, server, SMALL_WALL, ("wall",))
