"""A workshop in real browsers: created on a laptop, projected, joined and played on five phones.

Issue 6, scenarios 1–3.  The tests share one session (module fixtures) and build on each other
in file order — create, join and submit, then pace the phases — but each also runs alone: phones
that have not joined yet join on first use.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from e2e_support import (
    IDLE,
    SLIDER_INPUTS,
    decode_qr,
    open_page,
    phone_context,
    screenshot,
    slider_values,
    token_of,
    url,
    wait_ready,
    wait_text,
    wait_until,
    wall_context,
)
from support.live_server import LiveServer

from workshop.packs import default_pack
from workshop.store import PHASES, Store, open_store
from workshop.text.i18n import t

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize

pytestmark = pytest.mark.browser

LAPTOP: ViewportSize = {"width": 1440, "height": 900}
#: The room expects a submission on the wall within 2 s.  The wall looks at the store every
#: second (``REFRESH_SECONDS`` in ui/wall/page.py), so a submission shows within that second
#: plus the wall's redraw.  Each submission here follows the wall showing the one before, i.e.
#: comes right after a refresh: the delays measured are near the worst case (0.7–1.1 s here).
#: A wall looking every 2 s is at the limit (1.8–2.0 s); one looking every 3 s fails (2.7–3.0 s).
SHOWN_WITHIN = 2.0
#: Every phone follows the facilitator's phase within this many seconds.
FOLLOW_WITHIN = 5.0
#: Browser locales of the five phones: a German and an English one among them.
LOCALES = ("de-DE", "en-US", "de-AT", "en-GB", "fr-FR")
#: The count cells of the wall, left to right.
WALL_COUNTS = ("participants", "weights", "votes", "concerns")
#: The sessions made in the form use the default pack: its criteria, top to bottom on the phone.
CRITERIA = default_pack().criterion_ids
#: Every option and hybrid the phone ranks.
OPTIONS = default_pack().all_option_ids
#: Where touch phones tap on a slider's track (share of its width).
TAPS = (0.1, 0.9, 0.3, 0.75, 0.2)


@dataclass
class Workshop:
    """The session under test, the facilitator's console and the wall."""

    code: str
    key: str
    console: Page
    wall: Page
    store: Store
    database_url: str


@dataclass
class Phone:
    """One participant's phone; `lang` is the language it reads the app in."""

    page: Page
    locale: str
    lang: str = "de"
    token: str = ""  # set when joined


@pytest.fixture(scope="module")
def workshop(browser: Browser, server: LiveServer) -> Iterator[Workshop]:
    """A session created through the facilitator's form, its console and the wall (1920×1080)."""
    laptop = browser.new_context(viewport=LAPTOP, locale="de-DE")
    projector = wall_context(browser)
    try:
        console = open_page(laptop, url(server.port, "/facilitate"))
        console.get_by_label(t("facilitator.title", "de"), exact=True).fill("E2E-Workshop")
        console.get_by_role("button", name=t("facilitator.create_button", "de"), exact=True).click()
        console.wait_for_url(re.compile(r"/facilitate\?code=\w+&key="))
        wait_ready(console)
        query = parse_qs(urlsplit(console.url).query)
        code, key = query["code"][0], query["key"][0]
        wall = open_page(projector, url(server.port, f"/wall?code={code}"))
        wait_text(wall, ".wall-code", code)
        with open_store(server.database_url) as store:
            yield Workshop(code, key, console, wall, store, server.database_url)
    finally:
        laptop.close()
        projector.close()


@pytest.fixture(scope="module")
def phones(browser: Browser, workshop: Workshop) -> Iterator[list[Phone]]:
    """Five touch phones (390×844), not yet joined."""
    contexts: list[BrowserContext] = [phone_context(browser, locale) for locale in LOCALES]
    try:
        yield [Phone(c.new_page(), locale) for c, locale in zip(contexts, LOCALES, strict=True)]
    finally:
        for context in contexts:
            context.close()


def qr_join_url(workshop: Workshop) -> str:
    """The join link as a phone's camera reads it: decoded from a screenshot of the wall."""
    found = decode_qr(workshop.wall.screenshot())
    assert len(found) == 1, f"expected one QR code on the wall, found {found}"
    return found[0]


def join(phone: Phone, link: str, workshop: Workshop) -> None:
    """Open the join link like a camera app would; the English phone switches to English."""
    phone.page.goto(link)
    wait_ready(phone.page)
    assert urlsplit(phone.page.url).path == "/participate"
    phone.token = token_of(phone.page)
    phone.page.evaluate(_OBSERVE_STATES)
    if phone.locale == "en-US":  # the session is German: this participant reads English
        phone.page.get_by_role("radio", name="English").tap()
        wait_text(phone.page, "[data-testid=stHeading] h3", phase_label(workshop, "en"))
        phone.lang = "en"


def join_all(phones: list[Phone], workshop: Workshop) -> None:
    link = qr_join_url(workshop)
    for phone in phones:
        if not phone.token:
            join(phone, link, workshop)


def phase_label(workshop: Workshop, lang: str, phase: str | None = None) -> str:
    current = phase or workshop.store.get_session(workshop.code).phase
    return t(f"common.phase.{current}", lang)


def set_phase(workshop: Workshop, phase: str) -> float:
    """Click the phase in the console's phase bar; return when (time.monotonic()) it was clicked."""
    number = PHASES.index(phase) + 1
    button = workshop.console.get_by_role(
        "radio", name=f"{number}. {t(f'common.phase.{phase}', 'de')}"
    )
    clicked = time.monotonic()
    button.click()
    wait_until(lambda: workshop.store.get_session(workshop.code).phase == phase, timeout=10)
    return clicked


def follow(
    phones: list[Phone], workshop: Workshop, phase: str, since: float, timeout: float
) -> list[float]:
    """Wait until every phone shows `phase`; return each phone's seconds since `since`."""
    took: dict[int, float] = {}
    while len(took) < len(phones):
        for index, phone in enumerate(phones):
            wanted = phase_label(workshop, phone.lang, phase)
            if index not in took and _heading_now(phone.page) == wanted:
                took[index] = time.monotonic() - since
        if time.monotonic() - since > timeout:
            late = [phones[i].locale for i in range(len(phones)) if i not in took]
            raise AssertionError(f"phones {late} did not show {phase!r} within {timeout} s")
        time.sleep(0.05)
    return [took[i] for i in range(len(phones))]


def _heading_now(page: Page) -> str:
    text: str = page.evaluate(
        "() => document.querySelector('[data-testid=stHeading] h3')?.innerText.trim() ?? ''"
    )
    return text


#: Keeps the app's last connection and script states with their times, for post-mortems.
_OBSERVE_STATES = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  window.__states = [];
  new MutationObserver(() => {
    window.__states.push([Date.now() % 100000, app.dataset.testConnectionState,
                          app.dataset.testScriptState]);
    window.__states.splice(0, window.__states.length - 40);
  }).observe(app, {attributes: true});
}"""


# --------------------------------------------------------------------------- measuring the wall


_OBSERVE_COUNTS = """() => {
  window.__wallCounts = [];
  const read = () => [...document.querySelectorAll('.wall-count .value')]
      .map(e => Number(e.textContent));
  let last = '';
  const note = () => {
    const values = read();
    const key = values.join(',');
    if (values.length && key !== last) {
      last = key;
      window.__wallCounts.push([Date.now(), values]);
    }
  };
  new MutationObserver(note).observe(document.body,
      {subtree: true, childList: true, characterData: true});
  note();
}"""


class StoreSampler:
    """Notes (in a thread, every 20 ms) when the store's counts change: the submissions' times."""

    def __init__(self, database_url: str, code: str) -> None:
        self.samples: list[tuple[float, tuple[int, ...]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(database_url, code), daemon=True)
        self._thread.start()

    def _run(self, database_url: str, code: str) -> None:
        with open_store(database_url) as store:
            while not self._stop.is_set():
                c = store.counts(code)
                values = (c.participants, c.weights, c.votes, c.concerns)
                if not self.samples or self.samples[-1][1] != values:
                    self.samples.append((time.time() * 1000, values))
                time.sleep(0.02)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def settle(workshop: Workshop) -> None:
    """Wait until the wall's counts are the store's (a submission's delay is measured apart)."""
    c = workshop.store.counts(workshop.code)
    want = [c.participants, c.weights, c.votes, c.concerns]
    workshop.wall.wait_for_function(
        "want => JSON.stringify(window.__wallCounts.at(-1)?.[1]) === JSON.stringify(want)",
        arg=want,
        timeout=15_000,
    )


def first_at(samples: Sequence[tuple[float, Sequence[int]]], index: int, value: int) -> float:
    """When a count first reached `value` (ms since the epoch)."""
    return next(at for at, values in samples if values[index] >= value)


# --------------------------------------------------------------------------- scenario 1


def test_wall_shows_the_join_code_and_a_scannable_qr_code(
    workshop: Workshop, server: LiveServer
) -> None:
    """A session made in the facilitator's form is on the wall: its code and a QR code that a
    camera decodes to the join link, under the address the facilitator's browser used."""
    expected = url(server.port, f"/join/{workshop.code}")
    wait_text(workshop.wall, ".wall-code", workshop.code)
    png = workshop.wall.screenshot()  # exactly the 1920×1080 the projector shows
    screenshot(workshop.wall, "wall-1920-joining")
    assert decode_qr(png) == [expected]
    # The console shows the same link and QR code to the facilitator.
    assert decode_qr(workshop.console.screenshot(full_page=True)) == [expected]
    assert workshop.console.get_by_text(expected).count() >= 1


# --------------------------------------------------------------------------- scenario 2


def test_phones_join_weigh_vote_and_comment_and_the_wall_counts_each_within_2_s(
    workshop: Workshop, phones: list[Phone]
) -> None:
    """Five phones join through the QR link, post a concern, weigh criteria by touch and
    keyboard, comment and vote; the wall (never reloaded) shows every submission in its counts
    within 2 s of it being stored."""
    wall = workshop.wall
    wall.evaluate("() => { window.__notReloaded = true; }")
    wall.evaluate(_OBSERVE_COUNTS)
    sampler = StoreSampler(workshop.database_url, workshop.code)
    try:
        if workshop.store.get_session(workshop.code).phase != "welcome":
            set_phase(workshop, "welcome")
        link = qr_join_url(workshop)
        # One submission at a time, each awaited on the wall before the next: every delay is
        # the app's own, not that of seven browser tabs sharing the test machine's two cores.
        for index, phone in enumerate(phones):
            if not phone.token:
                join(phone, link, workshop)
                settle(workshop)
            post_concern(phone, f"Anliegen {index + 1}: Wer vertritt mich im Urlaub?")
            settle(workshop)

        follow(phones, workshop, "weigh", since=set_phase(workshop, "weigh"), timeout=20)
        for index, phone in enumerate(phones):
            weigh(phone, workshop, by_touch=index >= 3, steps=index + 1)
            settle(workshop)

        follow(phones, workshop, "options", since=set_phase(workshop, "options"), timeout=20)
        for index, phone in enumerate(phones):
            comment(phone, f"Kommentar {index + 1}: Pilot in Team Nord?")

        follow(phones, workshop, "vote", since=set_phase(workshop, "vote"), timeout=20)
        for index, phone in enumerate(phones):
            vote(phone, workshop, option_index=index % 3)
            settle(workshop)
    finally:
        sampler.stop()
    shown: list[tuple[float, list[int]]] = wall.evaluate("() => window.__wallCounts")
    final = shown[-1][1]
    assert final == [5, 5, 5, 5], f"the wall's counts {final} are not everyone's submissions"
    assert wall.evaluate("() => window.__notReloaded === true"), "the wall was reloaded"
    delays = {
        f"{name} #{value}": (
            first_at(shown, index, value) - first_at(sampler.samples, index, value)
        )
        / 1000
        for index, name in enumerate(WALL_COUNTS)
        for value in range(1, final[index] + 1)
    }
    print("wall delays (s):", {k: round(v, 2) for k, v in delays.items()})
    late = {k: round(v, 2) for k, v in delays.items() if v > SHOWN_WITHIN}
    assert not late, f"the wall showed these later than {SHOWN_WITHIN} s: {late}"
    counts = workshop.store.counts(workshop.code)
    assert (counts.participants, counts.weights, counts.votes, counts.comments) == (5, 5, 5, 5)


def post_concern(phone: Phone, body: str) -> None:
    page = phone.page
    page.locator("[data-testid=stTextArea] textarea").fill(body)
    page.get_by_role("button", name=t("participant.concern_send", phone.lang)).tap()
    page.get_by_text(t("participant.concern_sent", phone.lang)).wait_for()
    page.wait_for_selector(IDLE)  # the form is cleared before anything else is typed


def weigh(phone: Phone, workshop: Workshop, *, by_touch: bool, steps: int) -> None:
    """Move the first three criteria's sliders: taps on the track, or arrow keys.

    Each move is awaited in the store and the page's rerun before the next: a rerun may shift
    the layout (the leader line above the sliders changes), and a tap aims at coordinates.
    """
    page = phone.page
    wait_ready(page)  # the phase's heading comes first; the sliders follow in the same run
    before = slider_values(page)
    assert len(before) == len(CRITERIA)
    for criterion in range(3):
        if by_touch:
            track = (
                page.locator("[data-testid=stSlider]")
                .nth(criterion)
                .locator("[data-orientation=horizontal][style*=touch-action]")
                .first
            )
            box = track.bounding_box()
            assert box is not None
            share = TAPS[(criterion + steps) % len(TAPS)]  # never the middle (5)
            page.touchscreen.tap(box["x"] + box["width"] * share, box["y"] + box["height"] / 2)
        else:
            page.locator(SLIDER_INPUTS).nth(criterion).focus()
            for _ in range(steps):
                page.keyboard.press("ArrowRight" if criterion % 2 == 0 else "ArrowLeft")
        page.wait_for_function(
            "([sel, i, old]) => Number(document.querySelectorAll(sel)[i].value) !== old",
            arg=[SLIDER_INPUTS, criterion, before[criterion]],
            timeout=10_000,
        )
        wait_until(partial(stored_is, workshop, phone, slider_values(page)), timeout=10)
        page.wait_for_selector(IDLE)
    if steps == 1:  # the first phone: what the moves drew is what a fresh page draws
        moved = drawn_ranking(page, phone.lang)
        assert moved[0] and len(moved[1]) == len(OPTIONS), moved
        values = slider_values(page)
        page.reload()
        wait_ready(page)
        page.wait_for_selector(".my-ranking")
        assert slider_values(page) == values
        assert drawn_ranking(page, phone.lang) == moved


def drawn_ranking(page: Page, lang: str) -> tuple[str, list[str]]:
    """The leader line above the sliders and the ranking's lines below them, as shown.

    A slider move redraws only these two (one fragment, its leader written above the sliders).
    """
    starts = [
        re.escape(t(key, lang, name="\0", score="").split("\0")[0])
        for key in ("participant.leader", "participant.leader_tied")
    ]
    leaders = page.locator("[data-testid=stAlert]", has_text=re.compile("|".join(starts)))
    assert leaders.count() == 1, "a move replaces the leader line, it never adds one"
    above, sliders = leaders.bounding_box(), page.locator("[data-testid=stSlider]").first
    below = sliders.bounding_box()
    assert above is not None and below is not None and above["y"] < below["y"]
    return leaders.inner_text().strip(), page.locator(".my-ranking .rank-label").all_inner_texts()


def stored_is(workshop: Workshop, phone: Phone, shown: list[int]) -> bool:
    return stored_weights(workshop, phone) == shown


def stored_weights(workshop: Workshop, phone: Phone) -> list[int]:
    """The participant's weights in the store, in the pack's criterion order."""
    ballot = workshop.store.weights_of(workshop.code, phone.token)
    return [int(ballot.weights[c]) for c in CRITERIA] if ballot else []


def comment(phone: Phone, body: str) -> None:
    page = phone.page
    wait_ready(page)
    page.locator("[data-testid=stTextArea] textarea").fill(body)
    page.get_by_role("button", name=t("participant.comment_send", phone.lang)).tap()
    page.get_by_text(t("participant.comment_sent", phone.lang)).wait_for()
    page.wait_for_selector(IDLE)


def vote(phone: Phone, workshop: Workshop, option_index: int) -> None:
    """Two dots on one option, by tapping its + button twice, then cast the vote."""
    from playwright.sync_api import expect

    page = phone.page
    wait_ready(page)

    plus = page.get_by_test_id("stNumberInputStepUp").nth(option_index)
    dots = page.locator("[data-testid=stNumberInput] input").nth(option_index)
    for expected in ("1", "2"):
        plus.tap()
        expect(dots).to_have_value(expected)
    page.get_by_role("button", name=t("participant.vote_send", phone.lang)).tap()
    try:
        wait_until(lambda: workshop.store.vote_of(workshop.code, phone.token) is not None, 15)
    except AssertionError:
        states = page.evaluate("() => window.__states")
        values = page.locator("[data-testid=stNumberInput] input").evaluate_all(
            "els => els.map(e => e.value)"
        )
        raise AssertionError(f"vote not stored; dots now {values}; app states {states}") from None
    page.get_by_text(t("participant.vote_saved", phone.lang)).first.wait_for()
    stored = workshop.store.vote_of(workshop.code, phone.token)
    assert stored is not None and sorted(stored.vote["dots"].values())[-1] == 2


# --------------------------------------------------------------------------- scenario 3


def test_every_phone_follows_the_facilitator_through_the_phases_within_5_s(
    workshop: Workshop, phones: list[Phone]
) -> None:
    """The facilitator clicks through all seven phases in the console; every phone shows each
    new phase within 5 s, without a reload, each in its reader's language."""
    join_all(phones, workshop)
    for phone in phones:
        phone.page.evaluate("() => { window.__notReloaded = true; }")
    slowest: dict[str, float] = {}
    for phase in PHASES:
        if workshop.store.get_session(workshop.code).phase == phase:
            continue
        clicked = set_phase(workshop, phase)
        took = follow(phones, workshop, phase, since=clicked, timeout=FOLLOW_WITHIN + 10)
        slowest[phase] = round(max(took), 2)
    print("slowest phone per phase, seconds after the click:", slowest)
    late = {phase: s for phase, s in slowest.items() if s > FOLLOW_WITHIN}
    assert not late, f"phones took longer than {FOLLOW_WITHIN} s to follow: {late}"
    for phone in phones:
        assert phone.page.evaluate("() => window.__notReloaded === true")
        assert token_of(phone.page) == phone.token
