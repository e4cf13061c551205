"""A slider move on the options page redraws only the ranking (a keyed fragment), and what it
draws is what a freshly opened page draws from the stored values (Chromium, a phone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from e2e_support import (
    IDLE,
    SLIDER_INPUTS,
    phone_context,
    token_of,
    url,
    wait_ready,
    wait_until,
)
from support.live_server import LiveServer
from support.seeding import new_session

from workshop.packs import default_pack
from workshop.store import Store
from workshop.text.i18n import t

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CRITERIA = default_pack().criterion_ids


def ranking(page: Page) -> list[str]:
    return page.locator(".my-ranking .rank-label").all_inner_texts()


def stored(store: Store, code: str, token: str) -> tuple[list[int], float | None]:
    """The participant's weights in criterion order and the segment hybrid's share."""
    ballot = store.weights_of(code, token)
    if ballot is None:
        return [], None
    share = (ballot.hybrid_params or {}).get("segment", {}).get("share")
    return [int(ballot.weights[c]) for c in CRITERIA], share


def test_moves_on_the_options_page_redraw_the_ranking_as_a_fresh_page_draws_it(
    browser: Browser, server: LiveServer, store: Store
) -> None:
    """Weights (in their expander) and a hybrid's share, each moved with the keyboard: stored,
    and the ranking redrawn without an error box; a reload, drawn from the stored values, shows
    the same ranking."""
    code, key = new_session(store)
    store.set_phase(code, key, "options")
    segment = default_pack().hybrids[0]
    context = phone_context(browser)
    try:
        page = context.new_page()
        page.goto(url(server.port, f"/join/{code}"))
        wait_ready(page)
        page.wait_for_selector(".my-ranking")
        token = token_of(page)
        before = ranking(page)
        adjust = t("participant.adjust_weights", "de")
        page.get_by_text(adjust).first.click()
        expander = page.locator("[data-testid=stExpander]", has_text=adjust)
        weights = expander.locator(SLIDER_INPUTS)
        for index in range(3):  # three weights all the way down: the ranking must change
            weights.nth(index).focus()
            page.keyboard.press("Home")
            page.wait_for_selector(IDLE)
        hybrid = page.locator("[data-testid=stExpander]", has_text=segment.name.de).first
        hybrid.locator("summary").click()
        share = hybrid.locator("[data-testid=stSlider]", has_text=segment.parameters[0].name.de)
        share.locator("input[type=range]").focus()
        page.keyboard.press("End")
        page.wait_for_selector(IDLE)
        shown = [int(v) for v in weights.evaluate_all("els => els.map(e => e.value)")][:3]
        wait_until(lambda: stored(store, code, token)[0][:3] == shown == [0, 0, 0], 10)
        wait_until(lambda: stored(store, code, token)[1] == segment.parameters[0].maximum, 10)
        page.wait_for_timeout(200)  # the last move's redraw starts after its save
        page.wait_for_selector(IDLE)
        moved = ranking(page)
        assert page.locator("[data-testid=stException]").count() == 0
        assert moved and moved != before
        page.reload()
        wait_ready(page)
        page.wait_for_selector(".my-ranking")
        assert ranking(page) == moved
    finally:
        context.close()
