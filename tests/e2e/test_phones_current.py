"""Phones stay current and clear (issue 15, scope 3), in headless Chromium.

* A concern posted on one phone appears on another without a reload within 2 s (the server
  pushes it: ``workshop.ui.push``); what is being typed on that phone stays.
* A phone scrolled down opens the next phase at its top (the phase title in view).
* After the facilitator changes the vote mode, phones ask for a new vote instead of calling the
  old one saved, and the wall counts only the votes valid in the new mode.
* Screenshots of the vote (ranking), options and results phases at 390×844, for review.
"""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING

import pytest
from e2e_support import (
    IDLE,
    LOAD_MS,
    open_page,
    phone_context,
    screenshot,
    url,
    wait_ready,
    wait_text,
    wall_context,
)
from support.live_server import LiveServer
from support.seeding import new_session

from workshop.engine.ballots import STATUS_QUO
from workshop.packs import default_pack
from workshop.store import SessionSettings, Store
from workshop.text.i18n import t
from workshop.web.demo import seed_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

#: How long another person's concern may take to reach an idle phone (issue 15: 2 s): the push
#: thread looks every 0.3 s, a page redrawn a moment before waits up to LAZY_EVERY (1.5 s).
ARRIVES_WITHIN_MS = 2000

#: The demo session's areas (its simulated people belong to them).
AREAS = ("Service", "Vertrieb", "IT")
PHASE_TITLE = "[data-testid=stHeading] h3"

#: Scroll Streamlit's scrolling container (and the window) to the very bottom.
_SCROLL_DOWN = """() => {
  for (const e of document.querySelectorAll(
      '[data-testid=stMain], [data-testid=stAppViewContainer]')) e.scrollTop = e.scrollHeight;
  window.scrollTo(0, document.scrollingElement.scrollHeight);
}"""

#: The phase title's top edge, in px from the viewport's top (negative: scrolled past).
_TITLE_TOP = "(selector) => document.querySelector(selector).getBoundingClientRect().top"

#: The wall's vote counter ("Stimmen"), as a number.
_WALL_VOTES = """(label) => {
  const cell = [...document.querySelectorAll('.wall-count')]
    .find(c => c.querySelector('.label')?.innerText.trim() === label);
  return cell ? Number(cell.querySelector('.value').innerText.trim()) : null;
}"""


def _phase(page: Page, phase: str) -> None:
    """Wait until the phone shows `phase` and has finished drawing it."""
    wait_text(page, PHASE_TITLE, t(f"common.phase.{phase}", "de"))
    wait_ready(page)


def _post_concern(page: Page, body: str) -> None:
    page.get_by_label(t("participant.concern_text", "de")).fill(body)
    page.get_by_role("button", name=t("participant.concern_send", "de")).tap()
    page.get_by_text(t("participant.concern_sent", "de")).wait_for()


def test_a_concern_posted_on_one_phone_appears_on_another_without_reload(
    browser: Browser, server: LiveServer, store: Store
) -> None:
    """Phone B's concern shows on phone A within 2 s; A's half-typed post stays."""
    code, _ = new_session(store)
    one, two = phone_context(browser), phone_context(browser)
    try:
        a = open_page(one, url(server.port, f"/join/{code}"))
        b = open_page(two, url(server.port, f"/join/{code}"))
        a.evaluate("() => { window.__notReloaded = true; }")
        typing = "Wer entscheidet über"
        a.get_by_label(t("participant.concern_text", "de")).fill(typing)  # not sent
        body = "Was passiert mit meinen Stammkund:innen?"
        _post_concern(b, body)
        posted = time.monotonic()
        a.get_by_text(body).wait_for(timeout=ARRIVES_WITHIN_MS)
        print(f"concern arrived after {time.monotonic() - posted:.2f} s")
        assert a.evaluate("() => window.__notReloaded === true"), "phone A was reloaded"
        wait_ready(a)
        assert a.get_by_label(t("participant.concern_text", "de")).input_value() == typing
        # An upvote on B arrives on A too.
        b.get_by_role("button", name="▲ 0").tap()
        a.get_by_role("button", name="▲ 1").wait_for(timeout=ARRIVES_WITHIN_MS)
    finally:
        one.close()
        two.close()


def test_others_rating_their_resistance_reaches_the_phone_without_reload(
    browser: Browser, server: LiveServer, store: Store
) -> None:
    """How many rated reaches a phone in the resistance phase within 2 s, untouched."""
    code, key = new_session(store)
    store.set_phase(code, key, "resistance")
    context = phone_context(browser)
    try:
        page = open_page(context, url(server.port, f"/join/{code}"))
        page.get_by_text(t("participant.resistance_count", "de", n=0)).wait_for()
        page.evaluate("() => { window.__notReloaded = true; }")
        ratings = dict.fromkeys([*default_pack().all_option_ids, STATUS_QUO], 3)
        for _ in range(2):
            store.submit_resistance(code, store.join(code).token, ratings)
        rated = time.monotonic()
        counted = t("participant.resistance_count", "de", n=2)
        page.get_by_text(counted).wait_for(timeout=ARRIVES_WITHIN_MS + 1500)  # may wait 1.5 s
        print(f"the count arrived after {time.monotonic() - rated:.2f} s")
        assert page.evaluate("() => window.__notReloaded === true"), "the phone was reloaded"
    finally:
        context.close()


def test_a_phone_scrolled_down_opens_the_next_phase_at_its_top(
    browser: Browser, server: LiveServer, store: Store
) -> None:
    """Scrolled to the bottom of a long concerns list, the phone shows the next phase's title."""
    code, key = new_session(store)
    for n in range(14):  # a list far longer than the screen
        store.add_concern(code, store.join(code).token, f"Sorge Nummer {n + 1}: " + "lang " * 30)
    context = phone_context(browser)
    try:
        page = open_page(context, url(server.port, f"/join/{code}"))
        page.evaluate(_SCROLL_DOWN)
        page.wait_for_function(f"() => ({_TITLE_TOP})('{PHASE_TITLE}') < 0", polling=50)
        store.set_phase(code, key, "weigh")
        _phase(page, "weigh")
        page.wait_for_function(
            f"() => ({_TITLE_TOP})('{PHASE_TITLE}') >= 0", polling=50, timeout=5000
        )
        top = page.evaluate(_TITLE_TOP, PHASE_TITLE)
        assert 0 <= top < 300, f"the phase title is at {top} px"
    finally:
        context.close()


def _cast_dots(page: Page) -> None:
    page.get_by_test_id("stNumberInputStepUp").first.tap()
    page.wait_for_selector(IDLE)
    page.get_by_role("button", name=t("participant.vote_send", "de")).tap()
    page.get_by_text(t("participant.vote_saved", "de")).wait_for()


def _cast_ranking(page: Page) -> None:
    for placed in range(2):  # the first two options, in the order offered
        page.get_by_role("button", name=t("participant.rank_add", "de")).first.tap()
        page.get_by_role("button", name="▲").nth(placed).wait_for()  # its row is drawn
        page.wait_for_selector(IDLE)
    page.get_by_role("button", name=t("participant.vote_send", "de")).tap()
    page.get_by_text(t("participant.vote_saved", "de")).wait_for()


def test_a_vote_mode_change_asks_phones_to_vote_again_and_the_wall_counts_valid_votes(
    browser: Browser, server: LiveServer, store: Store
) -> None:
    """Dots → ranking: the phone asks for a new vote and the wall's count drops to the valid."""
    settings = SessionSettings(vote_mode="dots", anonymity_threshold=3, role_groups=AREAS)
    made = seed_demo(store, default_pack(), settings, language="de")  # twelve dot votes
    code, key = made.code, made.facilitator_key
    store.set_phase(code, key, "vote")
    phone, projector = phone_context(browser), wall_context(browser)
    votes_label = t("wall.counts.votes", "de")
    try:
        page = open_page(phone, url(server.port, f"/join/{code}"))
        wall = open_page(projector, url(server.port, f"/wall?code={code}"))
        _cast_dots(page)
        wall.wait_for_function(f"() => ({_WALL_VOTES})('{votes_label}') === 13", timeout=LOAD_MS)

        store.update_settings(code, key, dataclasses.replace(settings, vote_mode="ranking"))
        page.get_by_text(t("participant.vote_again", "de")).wait_for(timeout=LOAD_MS)
        wait_ready(page)
        assert not page.get_by_text(t("participant.vote_saved", "de")).count()
        wall.wait_for_function(f"() => ({_WALL_VOTES})('{votes_label}') === 0", timeout=LOAD_MS)

        _cast_ranking(page)
        assert not page.get_by_text(t("participant.vote_again", "de")).count()
        wall.wait_for_function(f"() => ({_WALL_VOTES})('{votes_label}') === 1", timeout=LOAD_MS)
    finally:
        phone.close()
        projector.close()


def test_phone_screenshots_of_vote_options_and_results(
    browser: Browser, server: LiveServer, store: Store
) -> None:
    """The ranking vote, the options with hybrid settings, and the results with the vote."""
    settings = SessionSettings(vote_mode="ranking", anonymity_threshold=3, role_groups=AREAS)
    made = seed_demo(store, default_pack(), settings, language="de")
    code, key = made.code, made.facilitator_key
    store.set_context(
        code, key, {"factors": {"complexity": 60}, "hybrids": {"segment": {"share": 0.45}}}
    )
    tokens = [store.join(code).token for _ in range(3)]
    for n, token in enumerate(tokens):  # valid ranking votes, so the tally shows
        store.submit_vote(
            code, token, {"ranking": ["pods", "segment", "case_owner"][n:] or ["pods"]}
        )
    context = phone_context(browser)
    try:
        page = open_page(context, url(server.port, f"/join/{code}"))
        store.set_phase(code, key, "vote")
        _phase(page, "vote")
        for placed in range(3):
            page.get_by_role("button", name=t("participant.rank_add", "de")).first.tap()
            # The rerun that places it has drawn its row (an idle page right after the tap may
            # be the run before it).
            page.get_by_role("button", name="▲").nth(placed).wait_for()
            page.wait_for_selector(IDLE)
        page.get_by_role("button", name="▲").nth(2).tap()  # the third option one place up
        page.wait_for_selector(IDLE)
        page.get_by_role("button", name=t("participant.vote_send", "de")).tap()
        page.get_by_text(t("participant.vote_saved", "de")).wait_for()
        screenshot(page, "phone-current-vote")

        store.set_phase(code, key, "options")
        _phase(page, "options")
        page.locator("[data-testid=stExpander] summary", has_text="Segmentmodell").tap()
        page.locator("[data-testid=stSlider]", has_text="45\u202f%").first.wait_for()
        screenshot(page, "phone-current-options")

        store.set_phase(code, key, "results")
        store.set_revealed(code, key, True)
        page.get_by_text(t("participant.vote_result", "de")).wait_for(timeout=LOAD_MS)
        wait_ready(page)
        screenshot(page, "phone-current-results")
    finally:
        context.close()
