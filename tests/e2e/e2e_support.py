"""Helpers of the browser suite: launching Chromium, waiting for Streamlit, phones, screenshots.

Playwright is imported lazily (inside functions, types only for the checker), so this module and
the test modules import without it: the ``browser`` fixture in ``conftest.py`` then skips the
tests with the reason shown, or fails them in CI.

The browser resolves ``workshop.test`` to 127.0.0.1 (and nothing else: every other name is
unresolvable, so no test can reach the internet).  Pages are opened under that name, so the app
picks the address the facilitator's browser used for join links and QR codes, exactly as in a
room where the laptop is reached by its network name.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from support.paths import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize

#: Ignored by git: every screenshot the suite takes, for review.
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
#: The name pages are opened under; the browser maps it to loopback.
HOST = "workshop.test"
LAUNCH_ARGS = (
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    # Seven pages share two cores: no page may be throttled as a background tab.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
    f"--host-resolver-rules=MAP {HOST} 127.0.0.1, MAP * ~NOTFOUND",
)
PHONE: ViewportSize = {"width": 390, "height": 844}
NARROW_PHONE: ViewportSize = {"width": 360, "height": 780}
WALL: ViewportSize = {"width": 1920, "height": 1080}
#: Milliseconds a page may take to load or to show an expected change before a test fails.
LOAD_MS = 45_000

APP = "[data-testid=stApp]"
CONNECTED = f"{APP}[data-test-connection-state=CONNECTED]"
IDLE = f"{APP}[data-test-script-state=notRunning]"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when Playwright and Chromium are there."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Playwright for Python is not installed ({error})"
    try:
        import zxingcpp  # noqa: F401
    except ImportError as error:
        return f"zxing-cpp is not installed ({error})"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


def url(port: int, path: str) -> str:
    """An address of the app under the browser's host name."""
    return f"http://{HOST}:{port}{path}"


# --------------------------------------------------------------------------- contexts and pages


def phone_context(
    browser: Browser, locale: str = "de-DE", viewport: ViewportSize = PHONE
) -> BrowserContext:
    """A touch phone (390×844 unless `viewport` says otherwise) with its own cookies."""
    return browser.new_context(
        viewport=viewport,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=1,
        locale=locale,
        timezone_id="Europe/Berlin",
    )


def wall_context(browser: Browser) -> BrowserContext:
    """A projector-sized desktop browser."""
    return browser.new_context(
        viewport=WALL,
        device_scale_factor=1,
        locale="de-DE",
        timezone_id="Europe/Berlin",
    )


def wait_ready(page: Page, timeout: float = LOAD_MS) -> None:
    """Wait until Streamlit is connected, has finished its run and drew every lazy widget."""
    page.wait_for_selector(CONNECTED, timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function(
        "!document.querySelector('[data-testid=stSkeleton]')", timeout=timeout, polling=100
    )


def open_page(context: BrowserContext, address: str) -> Page:
    """A new tab on `address`, loaded and idle."""
    page = context.new_page()
    page.goto(address, timeout=LOAD_MS)
    wait_ready(page)
    return page


def token_of(page: Page) -> str:
    """The participant token in a phone's URL."""
    return parse_qs(urlsplit(page.url).query)["p"][0]


def wait_text(page: Page, selector: str, text: str, timeout: float = LOAD_MS) -> None:
    """Wait until an element matching `selector` has exactly `text` (trimmed)."""
    page.wait_for_function(
        """([selector, text]) => [...document.querySelectorAll(selector)]
               .some(e => e.innerText.trim() === text)""",
        arg=[selector, text],
        timeout=timeout,
        polling=50,
    )


SLIDER_INPUTS = "[data-testid=stSlider] input[type=range]"


def slider_values(page: Page) -> list[int]:
    """The current value of every slider on the page, top to bottom."""
    values: list[str] = page.eval_on_selector_all(SLIDER_INPUTS, "els => els.map(e => e.value)")
    return [int(float(v)) for v in values]


# --------------------------------------------------------------------------- screenshots


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page (not only the viewport) as screenshots/<name>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    assert size is not None
    # Streamlit scrolls inside its main element: grow the viewport to the content, then back.
    height = page.evaluate(
        """() => Math.max(document.scrollingElement.scrollHeight, ...[...document.querySelectorAll(
            '[data-testid=stMain], [data-testid=stAppViewContainer]')].map(e => e.scrollHeight))"""
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(height))})
    try:
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        page.screenshot(path=str(path), animations="disabled", caret="hide")
    finally:
        page.set_viewport_size(size)
    return path


def decode_qr(png: bytes) -> list[str]:
    """The texts of every QR code zxing-cpp finds in a PNG screenshot."""
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    return [result.text for result in zxingcpp.read_barcodes(image)]


# --------------------------------------------------------------------------- timing


def wait_until(condition: Callable[[], bool], timeout: float, every: float = 0.05) -> float:
    """Poll `condition` until it holds; return the seconds it took (fail after `timeout`)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(every)
    return time.monotonic() - start
