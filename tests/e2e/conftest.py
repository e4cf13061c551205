"""Fixtures of the browser suite: one live app and one headless Chromium for the whole run.

* ``server``: the app started the way the README starts it (`streamlit run app.py`, see
  ``tests/support/live_server.py``) on a free port with a temporary SQLite database.  Tests that
  need other server options (a short ``server.disconnectedSessionTTL``) start their own.
* ``store``: the live server's store, for what a facilitator or another phone does directly.
* ``browser``: Debian's Chromium driven by Playwright (flags in ``e2e_support.LAUNCH_ARGS``).
  Each test opens its own contexts (phones, wall, laptop) and closes them.
* Without Playwright, zxing-cpp or ``/usr/bin/chromium`` the tests skip with the reason shown;
  in CI (env ``CI=true``) they fail instead: CI must prove the browser scenarios.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

import pytest
from e2e_support import CHROMIUM, LAUNCH_ARGS, SCREENSHOTS, missing_browser
from support.ci import unavailable
from support.live_server import LiveServer, live_server

from workshop.store import Store, open_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the whole run (skips or fails with the reason when unavailable)."""
    reason = missing_browser()
    if reason is not None:
        unavailable(reason, "browser tests")
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=list(LAUNCH_ARGS), headless=True
            )
        except Error as error:
            reason = f"{CHROMIUM} does not start: {str(error).splitlines()[0]}"
            unavailable(reason, "browser tests")
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[LiveServer]:
    """The app on a free port with an empty SQLite database, shared by the suite.

    It asks for `browser` first so that a missing browser skips before a server starts.
    """
    with live_server(tmp_path_factory.mktemp("e2e")) as running:
        yield running


@pytest.fixture
def store(server: LiveServer) -> Iterator[Store]:
    """The live server's store, for the facilitator's moves and other phones' inputs."""
    with open_store(server.database_url) as opened:
        yield opened


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """When a test fails, keep a screenshot of every open page for the post-mortem."""
    report = yield
    if report.failed and call.when in ("setup", "call"):
        _screenshot_open_pages(item)
    return report


def _screenshot_open_pages(item: pytest.Item) -> None:
    browser = getattr(item, "funcargs", {}).get("browser")
    if browser is None:
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    for c, context in enumerate(browser.contexts):
        for p, page in enumerate(context.pages):
            name = SCREENSHOTS / f"failed-{item.name[:60]}-{c}-{p}"
            try:  # a post-mortem must never mask the failure itself
                name.with_suffix(".html").write_text(page.content())
                page.screenshot(path=str(name.with_suffix(".png")), timeout=5000)
            except Exception as error:
                print(f"no screenshot of {page.url}: {error}")
