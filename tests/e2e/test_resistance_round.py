"""A resistance round with six phones and the wall, in headless Chromium (issue 16).

Six phones join by the join link, rate their resistance to every option and to keeping things
as today with the sliders (keyboard, as a screen-reader user or a tester would), and save.  The
facilitator has already revealed the results, so the wall shows what the room may see as the
ratings arrive: below the anonymity threshold (5) nothing but the count, from the fifth rating
on the resistance per option with the least-resisted option named.  Every phone's saved
ratings are compared with the store, and one phone's answer to "what would lower your
resistance?" arrives as a concern linked to its option.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from e2e_support import (
    IDLE,
    LOAD_MS,
    SLIDER_INPUTS,
    open_page,
    phone_context,
    screenshot,
    slider_values,
    token_of,
    url,
    wait_ready,
    wait_text,
    wall_context,
)
from support.live_server import LiveServer
from support.seeding import new_session

from workshop.engine.ballots import STATUS_QUO
from workshop.packs import default_pack
from workshop.rounds.resistance import rated_options
from workshop.store import Store
from workshop.text.i18n import t
from workshop.text.wording import option_names

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PACK = default_pack()
OPTIONS = [*rated_options(PACK), STATUS_QUO]
#: Every phone rates every option 10 except this one, which phone n rates n (0…5): so it has
#: by far the least resistance (0 + 1 + … + 5 = 15 against 60 for every other).
LEAST = "case_owner"
THRESHOLD = 5
PHONES = 6
PHASE_TITLE = "[data-testid=stHeading] h3"

#: The wall's counter of resistance ratings, as a number.
_WALL_COUNT = """(label) => {
  const cell = [...document.querySelectorAll('.wall-count')]
    .find(c => c.querySelector('.label')?.innerText.trim() === label);
  return cell ? Number(cell.querySelector('.value').innerText.trim()) : null;
}"""


def _rate(page: Page, n: int) -> dict[str, int]:
    """Set phone n's sliders (End = 10 for all, then LEAST to n) and save; return the ratings."""
    wait_text(page, PHASE_TITLE, t("common.phase.resistance", "de"))
    wait_ready(page)
    assert len(slider_values(page)) == len(OPTIONS), "one slider per option and keep-as-today"
    wanted = {option: 10 for option in OPTIONS}
    wanted[LEAST] = n
    for index, option in enumerate(OPTIONS):
        slider = page.locator(SLIDER_INPUTS).nth(index)
        slider.focus()
        if option == LEAST:
            for _ in range(n):
                page.keyboard.press("ArrowRight")
        else:
            page.keyboard.press("End")
        page.wait_for_function(
            "([sel, i, v]) => Number(document.querySelectorAll(sel)[i].value) === v",
            arg=[SLIDER_INPUTS, index, wanted[option]],
            timeout=10_000,
        )
        page.wait_for_selector(IDLE)
    page.get_by_role("button", name=t("participant.resistance_send", "de")).tap()
    page.get_by_text(t("participant.resistance_saved", "de")).wait_for(timeout=LOAD_MS)
    return wanted


def _wall_text(wall: Page) -> str:
    text: str = wall.locator("[data-testid=stMain]").inner_text()
    return text


def test_six_phones_rate_resistance_and_the_wall_shows_it_from_the_threshold(
    browser: Browser, server: LiveServer, store: Store
) -> None:
    """Counts only below the threshold; from it the totals and the least-resisted option."""
    code, key = new_session(store, anonymity_threshold=THRESHOLD)
    store.set_phase(code, key, "resistance")
    store.set_revealed(code, key, True)
    least_name = option_names(PACK, "de")[LEAST]
    least_line = t("wall.resistance.least", "de", options=least_name, total=15, maximum=60)
    contexts = [phone_context(browser) for _ in range(PHONES)]
    projector = wall_context(browser)
    try:
        wall = open_page(projector, url(server.port, f"/wall?code={code}"))
        phones = [open_page(c, url(server.port, f"/join/{code}")) for c in contexts]
        for n, page in enumerate(phones):
            wanted = _rate(page, n)
            stored = store.resistance_of(code, token_of(page))
            assert stored is not None and stored.ratings == wanted, f"phone {n}"
            if n + 1 < THRESHOLD:
                label = t("wall.counts.resistance", "de")
                wall.wait_for_function(
                    f"() => ({_WALL_COUNT})('{label}') === {n + 1}", timeout=LOAD_MS
                )
                text = _wall_text(wall)
                assert least_name not in text, "an option named below the threshold"
                assert t("wall.section.resistance", "de") not in text
        wall.get_by_text(least_line).wait_for(timeout=LOAD_MS)
        assert t("wall.section.resistance", "de") in _wall_text(wall)
        screenshot(wall, "wall-resistance-six-phones")

        # What would lower the resistance: a concern about the option this phone resists most.
        phone = phones[1]
        body = "Eine Einarbeitung im Tandem, bevor es losgeht."
        phone.get_by_label(t("participant.lower_text", "de")).fill(body)
        phone.get_by_role("button", name=t("participant.lower_send", "de")).tap()
        phone.get_by_text(t("participant.lower_sent", "de")).wait_for(timeout=LOAD_MS)
        linked = [c for c in store.concerns(code) if c.text == body]
        assert len(linked) == 1 and linked[0].option_id in OPTIONS
        assert linked[0].option_id != LEAST  # phone 1 rated every other option 10
        # The last phone saved with six ratings on record: it names the least-resisted option.
        # The first saved when it was alone, and follows the others' ratings without a tap.
        least_on_phone = t("participant.resistance_least", "de", name=least_name)
        phones[-1].get_by_text(least_on_phone).wait_for(timeout=LOAD_MS)
        phones[0].get_by_text(least_on_phone).wait_for(timeout=LOAD_MS)
        first = phones[0].locator("[data-testid=stMain]").inner_text()
        assert t("participant.resistance_count", "de", n=PHONES) in first
        assert t("participant.resistance_group_hint", "de", level=7) in first
        assert store.counts(code).resistance == PHONES
    finally:
        for context in contexts:
            context.close()
        projector.close()
