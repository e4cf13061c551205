"""Phones and the wall are usable in the room (issue 6, scenario 6).

* The phone page never scrolls sideways on a 360 px wide phone, in any phase.
* Everything a thumb taps on the phone (buttons, slider thumbs, radio options, expanders, number
  steppers) is at least 44 × 44 CSS px: WCAG 2.2's enhanced target size (2.5.5) and Apple's
  Human Interface Guidelines; Android's Material asks for 48 dp including spacing.
* No visible text on the wall at 1920×1080 is smaller than 16 CSS px.  Why 16: it is 1/67 of the
  image height, so on a 1.5 m tall projection a line of it is about 2.2 cm high (capitals
  about 1.6 cm), which the usual signage rule of thumb of about 1 cm of letter height per 3–6 m
  makes readable from the back of a seminar room of 8–10 m; only secondary labels use it, the
  wall's sentences and charts are 20–22 px and its numbers 48 px and up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from e2e_support import (
    IDLE,
    NARROW_PHONE,
    open_page,
    phone_context,
    url,
    wait_ready,
    wait_text,
    wall_context,
)
from support.live_server import LiveServer

from workshop.packs import default_pack
from workshop.store import PHASES, SessionSettings, Store, open_store
from workshop.text.i18n import t
from workshop.web.demo import seed_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

MIN_TAP = 44
MIN_WALL_FONT = 16
#: Text a phone must wrap rather than scroll for: a link or a word longer than the screen.
LONG_CONCERN = "Siehe https://intranet.example.org/" + "kundenservice-" * 12 + " " + "X" * 80

_SHOWN = """const shown = e => {
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && Number(s.opacity) > 0;
};
const describe = e => (e.dataset.testid || e.closest('[data-testid]')?.dataset.testid || e.tagName)
  + ' "' + (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 24) + '"';"""

_PHONE_CHECK = (
    """(minimum) => {
  SHOWN
  const targets = new Set(document.querySelectorAll('button, [role=button], summary, '
    + '[role=switch], [role=checkbox], [data-testid=stRadioOption], '
    + '[data-testid=stCheckbox] label'));
  for (const input of document.querySelectorAll('[data-testid=stSlider] input[type=range]')) {
    targets.add(input.parentElement.parentElement);  // the thumb around the hidden input
  }
  const small = [...targets].filter(shown).map(e => [e, e.getBoundingClientRect()])
    .filter(([e, r]) => r.width < minimum - 0.5 || r.height < minimum - 0.5)
    .map(([e, r]) => `${describe(e)} ${Math.round(r.width)}×${Math.round(r.height)}`);
  const main = document.querySelector('[data-testid=stMain]');
  return {
    targets: targets.size,
    small: [...new Set(small)],
    sideways: {
      page: document.scrollingElement.scrollWidth - innerWidth,
      main: main.scrollWidth - main.clientWidth,
    },
  };
}"""
).replace("SHOWN", _SHOWN)

_WALL_FONTS = (
    """() => {
  SHOWN
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, e = node.parentElement;
    if (!node.textContent.trim() || !e || e.closest('style, script') || !shown(e)) continue;
    let size = parseFloat(getComputedStyle(e).fontSize);
    if (e instanceof SVGElement) size *= e.getScreenCTM()?.a ?? 1;  // charts scale their SVG
    sizes.push([Math.round(size * 10) / 10, describe(e), node.textContent.trim().slice(0, 30)]);
  }
  return sizes;
}"""
).replace("SHOWN", _SHOWN)


@pytest.fixture(scope="module")
def demo(server: LiveServer) -> Iterator[tuple[Store, Any]]:
    """The demo session (twelve participants, dots voting) plus a concern too long for a phone."""
    with open_store(server.database_url) as store:
        settings = SessionSettings(vote_mode="dots", role_groups=("Service", "Vertrieb", "IT"))
        made = seed_demo(store, default_pack(), settings, language="de")
        store.add_concern(made.code, store.join(made.code).token, LONG_CONCERN)
        yield store, made


def open_expanders(page: Page) -> None:
    """Open every closed expander so that what is inside is measured too."""
    closed = page.locator("[data-testid=stExpander] details:not([open]) > summary")
    while closed.count():
        closed.first.tap()
    page.wait_for_selector(IDLE)


def test_phone_page_fits_360_px_and_every_tap_target_is_44_px_in_every_phase(
    browser: Browser, server: LiveServer, demo: tuple[Store, Any]
) -> None:
    """At 360 px the phone page never scrolls sideways, and nothing to tap is below 44 px."""
    store, made = demo
    context = phone_context(browser, viewport=NARROW_PHONE)
    problems: dict[str, object] = {}
    try:
        page = open_page(context, url(server.port, f"/join/{made.code}"))
        for phase in PHASES:
            store.set_phase(made.code, made.facilitator_key, phase)
            if phase == "results":
                store.set_revealed(made.code, made.facilitator_key, True)
            wait_text(page, "[data-testid=stHeading] h3", t(f"common.phase.{phase}", "de"))
            wait_ready(page)
            open_expanders(page)
            found = page.evaluate(_PHONE_CHECK, MIN_TAP)
            assert found["targets"] > 0
            if found["small"]:
                problems[f"{phase}: smaller than {MIN_TAP} px"] = found["small"]
            if max(found["sideways"].values()) > 0:
                problems[f"{phase}: scrolls sideways by (px)"] = found["sideways"]
    finally:
        context.close()
    assert not problems, problems


@pytest.mark.parametrize("revealed", [False, True], ids=["joining", "results"])
def test_wall_text_is_at_least_16_px(
    browser: Browser, server: LiveServer, demo: tuple[Store, Any], revealed: bool
) -> None:
    """Every visible text on the wall at 1920×1080 — with and without results — is ≥ 16 px."""
    store, made = demo
    phase = "results" if revealed else "welcome"
    store.set_phase(made.code, made.facilitator_key, phase)
    store.set_revealed(made.code, made.facilitator_key, revealed)
    context = wall_context(browser)
    try:
        wall = open_page(context, url(server.port, f"/wall?code={made.code}"))
        if revealed:  # the charts draw after the page is idle
            wall.wait_for_selector("[data-testid=stVegaLiteChart] svg text", timeout=20_000)
        sizes: list[tuple[float, str, str]] = wall.evaluate(_WALL_FONTS)
    finally:
        context.close()
    assert len(sizes) > 20, "the wall shows hardly any text"
    smallest = min(size for size, _, _ in sizes)
    print(f"wall ({phase}): smallest text {smallest} px of {len(sizes)} texts")
    too_small = sorted({(size, where, text) for size, where, text in sizes if size < MIN_WALL_FONT})
    assert not too_small, f"text below {MIN_WALL_FONT} px on the wall: {too_small}"
