"""An imported session's pack, title, area names and notes stay text in real browsers and fetch
nothing (issue 12, scope 3).

A session whose every pack text (both languages), title, area name and note carries a remote
image, a link, an icon, a colour, a formula, HTML and bold type (``support.hostile_texts``)
is exported as JSON and imported through the create page's upload, as a facilitator would.  The
image points at a small HTTP server of this test that counts requests.  A phone then follows every
phase, the wall shows the revealed results and the console opens every tab.  Every request the
pages make is recorded: none may leave the app's origin, the counting server must see none, no
image or link from the texts may exist, and each text must read exactly as written.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from e2e_support import (
    HOST,
    open_page,
    phone_context,
    screenshot,
    token_of,
    url,
    wait_ready,
    wait_text,
    wait_until,
)
from support import hostile_texts  # shared with the page tests in tests/ui
from support.live_server import LiveServer

from workshop.export import build_snapshot
from workshop.export.json_export import json_bytes
from workshop.packs import pack_from_data
from workshop.store import PHASES, SessionSettings, Store, open_store
from workshop.text.i18n import t

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        FilePayload,
        Page,
        Request,
        ViewportSize,
    )

pytestmark = pytest.mark.browser

LAPTOP: ViewportSize = {"width": 1440, "height": 900}
HEADING = "[data-testid=stHeading] h3"
_TEXT = "() => document.body.innerText.replaceAll('\\u2060', '')"
#: What no text may bring along: its image, its link, an error handler, a formula.
_DOM = """([pixel, link]) => ({
  images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src') || '')
      .filter(src => src.includes(pixel) || src === 'x'),
  links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
      .filter(href => href.startsWith(link)),
  handlers: document.querySelectorAll('[onerror]').length,
  formulas: document.querySelectorAll('.katex, math').length,
})"""
CLEAN: dict[str, object] = {"images": [], "links": [], "handlers": 0, "formulas": 0}


# --------------------------------------------------------------------------- witnesses


class _Counter(BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class PixelServer:
    """A local HTTP server that counts every request: where the texts' image points."""

    port: int
    hits: list[str]

    @property
    def pixel(self) -> str:
        """The image's address: the app's host name (the only one the browser resolves) on
        another port, so another origin (short: an area name holds at most 40 characters)."""
        return f"http://{HOST}:{self.port}/p.gif"


@contextmanager
def pixel_server() -> Iterator[PixelServer]:
    hits: list[str] = []
    handler = type("Counter", (_Counter,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield PixelServer(int(server.server_address[1]), hits)
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Traffic:
    """Every request the watched browser contexts make."""

    origin: str
    seen: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        def record(request: Request) -> None:
            self.seen.append(request.url)

        context.on("request", record)

    def foreign(self) -> list[str]:
        """Requests over the network to anywhere but the app (data: and blob: stay local)."""
        return [
            u
            for u in self.seen
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).netloc != self.origin
        ]


# --------------------------------------------------------------------------- pages


def problems_of(page: Page, pixel: str, expected: Sequence[str]) -> dict[str, object]:
    """What is wrong on a page: markup from the texts, or a text not shown as written."""
    found: dict[str, object] = {}
    state = page.evaluate(_DOM, [pixel, hostile_texts.LINK])
    if state != CLEAN:
        found["markup"] = state
    shown = page.evaluate(_TEXT)
    missing = [text[:60] for text in expected if text not in shown]
    if missing:
        found["not as written"] = missing
    return found


def follow(phone: Page, store: Store, code: str, key: str, phase: str) -> None:
    """Move the session to `phase` and wait for the phone to show it."""
    store.set_phase(code, key, phase)
    wait_text(phone, HEADING, t(f"common.phase.{phase}", "de"))
    wait_ready(phone)


def import_file(console: Page, data: bytes) -> tuple[str, str]:
    """Upload a JSON export on the create page; returns the new session's code and key."""
    uploader = console.locator("[data-testid=stFileUploader] input[type=file]")
    payload: FilePayload = {"name": "workshop.json", "mimeType": "application/json", "buffer": data}
    uploader.set_input_files(files=[payload])
    button = console.get_by_role("button", name=t("export.import_button", "de"))
    wait_until(button.is_enabled, timeout=30)
    button.click()
    console.wait_for_url(re.compile(r"/facilitate\?.*key="), timeout=45_000)
    wait_ready(console)
    query = parse_qs(urlsplit(console.url).query)
    return query["code"][0], query["key"][0]


def exported_session(store: Store, pixel: str) -> bytes:
    """The JSON export of a session made of hostile texts (what a facilitator might import)."""
    settings = SessionSettings(
        anonymity_threshold=3, vote_mode="single", role_groups=hostile_texts.areas(pixel)
    )
    made = store.create_session(
        hostile_texts.title(pixel), "de", hostile_texts.pack_data(pixel), settings
    )
    for phase in PHASES:
        store.set_note(made.code, made.facilitator_key, phase, hostile_texts.note(pixel))
    return json_bytes(build_snapshot(store, made.code, made.facilitator_key))


def test_imported_pack_and_title_stay_text_and_fetch_nothing(
    browser: Browser, server: LiveServer
) -> None:
    """Phone (every phase), wall and console: no foreign request, no image or link, as written."""
    traffic = Traffic(f"{HOST}:{server.port}")
    problems: dict[str, object] = {}
    with pixel_server() as pixels, open_store(server.database_url) as store:
        pixel = pixels.pixel
        pack = pack_from_data(hostile_texts.pack_data(pixel), "hostile")
        title, hostile = hostile_texts.title(pixel), hostile_texts.hostile(pixel)
        control = browser.new_context()
        desk = browser.new_context(viewport=LAPTOP, locale="de-DE")
        phone_ctx = phone_context(browser)
        try:
            # The witness works: an image that is rendered reaches the counting server.
            probe = control.new_page()
            probe.set_content(f'<img src="{pixel}">')
            wait_until(lambda: bool(pixels.hits), timeout=15)
            pixels.hits.clear()
            traffic.watch(desk)
            traffic.watch(phone_ctx)

            console = open_page(desk, url(server.port, "/facilitate"))
            code, key = import_file(console, exported_session(store, pixel))
            others = [store.join(code).token for _ in range(2)]
            phone = open_page(phone_ctx, url(server.port, f"/join/{code}"))
            weights = [
                {c: (4 * i + k) % 11 for k, c in enumerate(pack.criterion_ids)} for i in range(3)
            ]
            for i, token in enumerate([token_of(phone), *others]):
                store.submit_weights(code, token, weights[i])
            for token in others:
                store.submit_vote(code, token, {"choice": pack.option_ids[0]})

            names = [o.name.de for o in pack.options] + [h.name.de for h in pack.hybrids]
            expected = {
                "welcome": [title],
                "weigh": [c.name.de for c in pack.criteria],
                "context": [f.name.de for f in pack.context_factors],
                "options": [h.name.de for h in pack.hybrids],
                "vote": names,
                "resistance": names,
                "results": [c.name.de for c in pack.criteria],
            }
            for phase in PHASES:
                if phase == "results":
                    store.set_revealed(code, key, True)
                follow(phone, store, code, key, phase)
                problems |= {
                    f"phone {phase}: {k}": v
                    for k, v in problems_of(phone, pixel, [hostile, *expected[phase]]).items()
                }
                if phase in ("weigh", "options", "vote"):
                    screenshot(phone, f"authored-text-phone-{phase}")
            store.update_settings(
                code,
                key,
                SessionSettings(
                    anonymity_threshold=3, vote_mode="dots", role_groups=hostile_texts.areas(pixel)
                ),
            )
            follow(phone, store, code, key, "vote")
            phone.wait_for_selector("[data-testid=stNumberInput]")
            problems |= {f"phone dots: {k}": v for k, v in problems_of(phone, pixel, names).items()}

            wall = open_page(desk, url(server.port, f"/wall?code={code}"))
            wall.wait_for_selector("[data-testid=stVegaLiteChart]")
            problems |= {f"wall: {k}": v for k, v in problems_of(wall, pixel, [title]).items()}
            screenshot(wall, "authored-text-wall")

            console.reload()
            wait_ready(console)
            tabs = {
                "steer": [title],
                "context": [hostile, *(f.name.de for f in pack.context_factors)],
                "moderate": [title],
                "notes": [title],
                "settings": [title],
            }
            for tab, texts in tabs.items():
                console.get_by_role("tab", name=t(f"facilitator.tab.{tab}", "de")).click()
                wait_ready(console)
                problems |= {
                    f"console {tab}: {k}": v for k, v in problems_of(console, pixel, texts).items()
                }
            # The notes tab's field (the pilot tab has text fields of its own).
            field = console.locator("[data-testid=stTextArea] textarea[aria-label^='Notizen']")
            note = field.input_value()
            assert note == hostile_texts.note(pixel), "a note is a text field's value, as written"
            areas = console.get_by_label(t("facilitator.role_groups", "de"), exact=True)
            assert areas.input_value() == ", ".join(hostile_texts.areas(pixel))
        finally:
            control.close()
            desk.close()
            phone_ctx.close()
    assert not traffic.foreign(), f"requests outside the app: {traffic.foreign()[:5]}"
    assert not pixels.hits, f"the texts' image was fetched: {pixels.hits}"
    assert not problems, f"authored text became markup: {problems}"
