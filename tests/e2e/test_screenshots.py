"""Screenshots of every page at phone (390×844) and wall (1920×1080) size, for review
(issue 6, scenario 7).

They land in ``screenshots/`` (ignored by git), named ``<size>-<page>.png``, each the whole
page rather than only the first screen.  The README's pictures in ``docs/screenshots/`` are
picked from them by hand (``phone-participate-weigh`` and ``wall-wall``, cropped to one screen).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from e2e_support import (
    PHONE,
    WALL,
    phone_context,
    screenshot,
    url,
    wait_ready,
    wait_text,
    wall_context,
)
from PIL import Image, ImageStat
from support.live_server import LiveServer

from workshop.packs import default_pack
from workshop.store import PHASES, SessionSettings, open_store
from workshop.text.i18n import t
from workshop.web.demo import seed_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

CHARTS = "[data-testid=stVegaLiteChart] svg"


@pytest.mark.parametrize("size", ["phone", "wall"])
def test_every_page_is_screenshot_at_phone_and_wall_size(
    browser: Browser, server: LiveServer, size: str
) -> None:
    """Home, create form, console, wall, explorer and the phone page in every phase."""
    context = phone_context(browser) if size == "phone" else wall_context(browser)
    width = (PHONE if size == "phone" else WALL)["width"]
    shots: list[Path] = []
    with open_store(server.database_url) as store:
        settings = SessionSettings(vote_mode="dots", role_groups=("Service", "Vertrieb", "IT"))
        made = seed_demo(store, default_pack(), settings, language="de")
        code, key = made.code, made.facilitator_key
        store.set_revealed(code, key, True)
        try:
            page = context.new_page()

            def shoot(name: str, path: str, wait_for: str | None = None) -> None:
                page.goto(url(server.port, path))
                wait_ready(page)
                if wait_for:
                    page.wait_for_selector(wait_for, timeout=20_000)
                shots.append(screenshot(page, f"{size}-{name}"))

            shoot("home", "/")
            shoot("facilitate", "/facilitate")
            shoot("console", f"/facilitate?code={code}&key={key}")
            shoot("explore", "/explore", wait_for=CHARTS)
            store.set_phase(code, key, "results")
            shoot("wall", f"/wall?code={code}", wait_for=CHARTS)
            store.set_phase(code, key, PHASES[0])
            page.goto(url(server.port, f"/join/{code}"))
            for phase in PHASES:
                store.set_phase(code, key, phase)
                follow(page, phase)  # the open page follows by itself (its 2 s poll)
                shots.append(screenshot(page, f"{size}-participate-{phase}"))
        finally:
            context.close()
    for shot in shots:
        with Image.open(shot) as image:
            assert image.width == width and image.height >= 600, shot
            assert ImageStat.Stat(image.convert("L")).stddev[0] > 10, f"{shot} is blank"
    same = len(shots) - len({shot.read_bytes() for shot in shots})
    assert not same, f"{same} screenshots show the same as another one"


def follow(page: Page, phase: str) -> None:
    wait_text(page, "[data-testid=stHeading] h3", t(f"common.phase.{phase}", "de"))
    wait_ready(page)
