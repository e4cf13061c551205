"""What participants type is shown as plain text everywhere: phone, wall and console
(issue 6, scenario 5).

Nicknames, concerns and comments carrying HTML, Markdown links and images, ``javascript:`` URLs
and script payloads are posted through the phone's own forms.  Every payload tries to set
``window.__pwned``; none may run, open a dialog, or turn into an element or a link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sized
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pytest
from e2e_support import (
    IDLE,
    open_page,
    phone_context,
    token_of,
    url,
    wait_ready,
    wait_text,
    wait_until,
)
from support.live_server import LiveServer

from workshop.packs import default_pack, pack_to_data
from workshop.store import SessionSettings, Store, open_store
from workshop.text.i18n import t

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

pytestmark = pytest.mark.browser

NICKNAME = "<img src=x onerror=window.__pwned=1>"  # 35 of the 40 characters allowed
CONCERNS = (
    '<script>window.__pwned = "script"</script> Wer entscheidet das?',
    "<img src=x onerror=\"window.__pwned='img'\"> <b>fett</b> "
    '<a href="javascript:window.__pwned=1">Link</a>',
    '[Klick mich](javascript:window.__pwned="md") ![Bild](http://workshop.test/x.png) '
    "www.example.org **fett** <iframe src=javascript:window.__pwned=1></iframe>",
)
COMMENTS = (
    "javascript:window.__pwned='bare' <svg onload=\"window.__pwned='svg'\"></svg>",
    "<style>body{display:none}</style> [x](https://example.org) "
    '<a href="#" onclick="window.__pwned=1">klick</a> <details open>x</details>',
    ":material/warning: :red[rot] $x^2$ mailto:chef@example.org # Titel `code`",
)
#: Where user text is drawn: Streamlit's Markdown blocks and the wall's concern cards.
USER_TEXT = "[data-testid=stMarkdownContainer], .wall-concern .text"
#: Elements no user text may bring along.
INJECTED = (
    "a, script, img, iframe, svg, style, object, embed, form, input, details, b, strong, "
    "span, code, h1, math, .katex"
)

#: Invisible word joiners (U+2060) keep GFM from linking text; a reader does not see them.
_TEXT = "e => e.innerText.replaceAll('\\u2060', '')"
_FIND = """([payload, selector, injected]) => {
  const text = TEXT;
  const hits = [...document.querySelectorAll(selector)].filter(e => text(e).includes(payload));
  // An element is the payload's if its text is part of the payload (our own labels are not).
  return {
    hits: hits.length,
    injected: hits.flatMap(e => [...e.querySelectorAll(injected)]
        .filter(x => payload.includes(x.textContent)).map(x => x.outerHTML.slice(0, 80))),
  };
}""".replace("TEXT", _TEXT)
_GLOBAL = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
  // Anything pointing where only the payloads point: links, frames, images.
  foreign: [...document.querySelectorAll('a[href], iframe[src], img[src]')]
      .map(e => e.getAttribute('href') ?? e.getAttribute('src'))
      .filter(u => /^(javascript|mailto):|example\\.org|x\\.png|^x$/i.test(u)),
})"""
CLEAN: dict[str, object] = {"pwned": None, "handlers": 0, "foreign": []}


@dataclass
class Surfaces:
    phone: Page
    wall: Page
    console: Page
    dialogs: list[str]


@pytest.fixture
def surfaces(browser: Browser, server: LiveServer) -> Iterator[Surfaces]:
    """An English session with a phone that posted every payload, its wall and its console."""
    with open_store(server.database_url) as store:
        made = store.create_session(
            "Plain text", "en", pack_to_data(default_pack()), SessionSettings(anonymity_threshold=3)
        )
        phone_ctx = phone_context(browser, "en-US")
        desk = browser.new_context(viewport={"width": 1440, "height": 900})
        dialogs: list[str] = []

        def record(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        try:
            phone = open_page(phone_ctx, url(server.port, f"/join/{made.code}"))
            phone.on("dialog", record)
            token = token_of(phone)
            phone.get_by_text(t("participant.profile_title", "en")).tap()
            phone.get_by_label(t("participant.nickname", "en"), exact=True).fill(NICKNAME)
            phone.get_by_role("button", name=t("participant.profile_save", "en")).tap()
            wait_until(lambda: nickname(store, made.code, token) == NICKNAME, timeout=15)
            phone.wait_for_selector(IDLE)
            for n, body in enumerate(CONCERNS, start=1):
                post(phone, body, "participant.concern_send")
                wait_until(partial(count_is, store.concerns, made.code, n), timeout=15)
                phone.wait_for_selector(IDLE)  # the form is cleared before the next post
            store.set_phase(made.code, made.facilitator_key, "options")
            wait_text(phone, "[data-testid=stHeading] h3", t("common.phase.options", "en"))
            wait_ready(phone)
            for n, body in enumerate(COMMENTS, start=1):
                post(phone, body, "participant.comment_send")
                wait_until(partial(count_is, store.comments, made.code, n), timeout=15)
                phone.wait_for_selector(IDLE)

            store.set_phase(made.code, made.facilitator_key, "welcome")  # the concerns list
            wait_text(phone, "[data-testid=stHeading] h3", t("common.phase.welcome", "en"))
            wall = open_page(desk, url(server.port, f"/wall?code={made.code}"))
            wall.on("dialog", record)
            console = open_page(
                desk, url(server.port, f"/facilitate?code={made.code}&key={made.facilitator_key}")
            )
            console.on("dialog", record)
            console.get_by_role("tab", name=t("facilitator.tab.moderate", "en")).click()
            # Each concern is an expander (its label shows only the first words): open them
            # all, so the whole text is on the page to be checked.
            console.wait_for_selector("[data-testid=stExpander] summary")
            for summary in console.locator("[data-testid=stExpander] summary").all():
                if summary.is_visible():  # the open tab's, not those of the tabs behind it
                    summary.click()
            yield Surfaces(phone, wall, console, dialogs)
        finally:
            phone_ctx.close()
            desk.close()


def post(phone: Page, body: str, send: str) -> None:
    """Type into the phase's one text area and send the form."""
    phone.locator("[data-testid=stTextArea] textarea").fill(body)
    phone.get_by_role("button", name=t(send, "en")).tap()


def count_is(items: Callable[[str], Sized], code: str, n: int) -> bool:
    return len(items(code)) == n


def nickname(store: Store, code: str, token: str) -> str | None:
    participant = store.participant(code, token)
    return participant.nickname if participant else None


def inspect(page: Page, payloads: tuple[str, ...]) -> dict[str, object]:
    """Each payload must be on the page as the text typed, and bring no element along."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    every = f"""([all, s]) => all.every(p => [...document.querySelectorAll(s)]
        .some(e => ({_TEXT})(e).includes(p)))"""
    with suppress(PlaywrightTimeout):  # what is missing is reported per payload below
        page.wait_for_function(every, arg=[list(payloads), USER_TEXT], timeout=15_000)
    problems: dict[str, object] = {}
    for payload in payloads:
        found = page.evaluate(_FIND, [payload, USER_TEXT, INJECTED])
        if not found["hits"]:
            problems[payload[:30]] = "not shown as typed"
        elif found["injected"]:
            problems[payload[:30]] = found["injected"]
    return problems


def test_user_text_is_plain_text_on_phone_wall_and_console(surfaces: Surfaces) -> None:
    """No payload runs, opens a dialog or becomes an element or link; each reads as typed."""
    expected = {
        "phone": (surfaces.phone, CONCERNS),
        "wall": (surfaces.wall, CONCERNS),
        "console": (surfaces.console, CONCERNS + COMMENTS),
    }
    problems: dict[str, object] = {}
    for name, (page, payloads) in expected.items():
        for payload, problem in inspect(page, payloads).items():
            problems[f"{name}: {payload}"] = problem
        state = page.evaluate(_GLOBAL)
        if state != CLEAN:
            problems[f"{name} page"] = state
    nickname = surfaces.phone.get_by_label(t("participant.nickname", "en"), exact=True)
    if not nickname.is_visible():
        surfaces.phone.get_by_text(t("participant.profile_title", "en")).tap()
    assert nickname.input_value() == NICKNAME  # a text field's value: never markup
    assert not surfaces.dialogs, f"a payload opened a dialog: {surfaces.dialogs}"
    assert not problems, f"user text became markup: {problems}"
