"""A tour of every page of a German demo workshop, for the accessibility and language tests.

:func:`tour` opens, one after another: the start page, the create form, the explorer (each
tab), the console (each tab), the wall in every phase with the results hidden and shown, and a
phone in every phase (the vote in each vote mode, the results hidden and shown).  At each
stop it hands the loaded, idle page to a callback, named ``<page>`` or ``<page>-<state>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from e2e_support import url, wait_ready
from support.live_server import LiveServer

from workshop.packs import default_pack
from workshop.store import PHASES, SessionSettings, open_store
from workshop.web.demo import seed_demo

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

Visit = Callable[[str, "Page"], None]
#: Which stops a tour makes: all of them, or only the wall's (for the 1280×720 projector).
ALL = ("home", "create", "explorer", "console", "wall", "phone")

_CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
    .every(chart => chart.querySelector('svg, canvas'))"""


def settle(page: Page) -> None:
    """Wait until Streamlit is idle and every chart has drawn itself."""
    wait_ready(page)
    page.wait_for_function(_CHARTS_DRAWN, timeout=20_000, polling=100)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _tabs(page: Page, name: str, visit: Visit) -> None:
    """Visit the page as it is, then each further tab of its first tab bar."""
    visit(name, page)
    count = page.locator("[data-testid=stTabs] [role=tab]").count()
    for index in range(1, count):
        tab = page.locator("[data-testid=stTabs] [role=tab]").nth(index)
        tab.click()
        page.wait_for_selector(
            f"[data-testid=stTabs] [role=tab]:nth-child({index + 1})[aria-selected=true]"
        )
        settle(page)
        visit(f"{name}-tab{index + 1}", page)


def tour(
    context: BrowserContext, server: LiveServer, visit: Visit, stops: tuple[str, ...] = ALL
) -> None:
    """Seed a German demo workshop and visit every page of `stops` in `context`."""
    with open_store(server.database_url) as store:
        settings = SessionSettings(vote_mode="dots", role_groups=("Service", "Vertrieb", "IT"))
        made = seed_demo(store, default_pack(), settings, language="de")
        code, key = made.code, made.facilitator_key
        page = context.new_page()

        def stop(name: str, path: str) -> None:
            page.goto(url(server.port, path))
            settle(page)
            visit(name, page)

        if "home" in stops:
            stop("home", "/")
        if "create" in stops:
            stop("create", "/facilitate")
        if "explorer" in stops:
            page.goto(url(server.port, "/explore"))
            settle(page)
            _tabs(page, "explorer", visit)
        if "console" in stops:
            page.goto(url(server.port, f"/facilitate?code={code}&key={key}"))
            settle(page)
            _tabs(page, "console", visit)
        if "wall" in stops:
            for revealed in (False, True):
                store.set_revealed(code, key, revealed)
                for phase in PHASES:
                    store.set_phase(code, key, phase)
                    shown = "shown" if revealed else "hidden"
                    stop(f"wall-{phase}-{shown}", f"/wall?code={code}")
        if "phone" in stops:
            store.set_revealed(code, key, False)
            store.set_phase(code, key, PHASES[0])
            stop("phone-welcome", f"/join/{code}")
            address = page.url  # the phone's own address, with its participant token
            for phase in PHASES[1:]:
                store.set_phase(code, key, phase)
                stop(f"phone-{phase}", address.removeprefix(url(server.port, "")))
                if phase == "vote":  # each vote mode has its own control
                    for mode in ("single", "ranking"):
                        store.update_settings(code, key, replace(settings, vote_mode=mode))
                        stop(f"phone-vote-{mode}", address.removeprefix(url(server.port, "")))
                    store.update_settings(code, key, settings)
            store.set_revealed(code, key, True)
            stop("phone-results-shown", address.removeprefix(url(server.port, "")))
        page.close()
