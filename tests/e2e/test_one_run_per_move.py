"""A slider move is one script run, the run of the part it changes (``workshop.ui.redraw``),
though Chromium's frontend asks for a rerun of the whole page (Chromium, a phone).

The websocket's frames are read as Streamlit's own protocol: what the frontend sends
(``BackMsg``) and how each run the server makes ends (``ForwardMsg.script_finished``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from e2e_support import IDLE, SLIDER_INPUTS, phone_context, token_of, url, wait_ready
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from support.live_server import LiveServer
from support.seeding import new_session

from workshop.packs import default_pack
from workshop.store import Store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, WebSocket

CRITERIA = default_pack().criterion_ids


class Frames:
    """The reruns a page asked for and how the server's runs ended, in order."""

    def __init__(self, page: Page) -> None:
        self.asked: list[str] = []  # the fragment id of each rerun asked for ('' = the page)
        self.ended: list[str] = []  # each run's end: FINISHED_SUCCESSFULLY, ..._FRAGMENT_RUN_...
        page.on("websocket", self._opened)

    def _opened(self, socket: WebSocket) -> None:
        if "/_stcore/stream" in socket.url:
            socket.on("framesent", self._sent)
            socket.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        message = BackMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        if message.WhichOneof("type") == "rerun_script":
            self.asked.append(message.rerun_script.fragment_id)

    def _received(self, payload: str | bytes) -> None:
        message = ForwardMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        if message.WhichOneof("type") == "script_finished":
            self.ended.append(ForwardMsg.ScriptFinishedStatus.Name(message.script_finished))

    def clear(self) -> None:
        self.asked.clear()
        self.ended.clear()


def outcome(page: Page) -> tuple[str, str]:
    """The leader above the sliders and the ranking below them, as shown."""
    return page.locator(".stAlert").first.inner_text(), page.locator(".my-ranking").inner_text()


def test_each_slider_move_runs_only_the_part_it_changes(
    browser: Browser, server: LiveServer, store: Store
) -> None:
    """Moves of the weigh sliders: each asked as a page rerun, each after the first run by the
    server as one run of the outcome part; the store holds every value, and the leader and
    ranking drawn are what a freshly loaded page draws.

    The first move after a page load is the page's first request carrying its widgets: it
    cannot tell which one moved, so it runs as before (the page cut short after the callback,
    then the part)."""
    code, key = new_session(store)
    store.set_phase(code, key, "weigh")
    context = phone_context(browser)
    try:
        page = context.new_page()
        frames = Frames(page)
        page.goto(url(server.port, f"/join/{code}"))
        wait_ready(page)
        page.wait_for_selector(".my-ranking")
        token = token_of(page)
        sliders = page.locator(SLIDER_INPUTS)
        for index, press in enumerate(["Home", "End", "Home", "ArrowRight", "ArrowLeft"]):
            frames.clear()
            sliders.nth(index).focus()
            page.keyboard.press(press)
            for _ in range(200):  # Playwright hands over the frames while the page waits
                if frames.ended:
                    break
                page.wait_for_timeout(50)
            page.wait_for_selector(IDLE)
            page.wait_for_timeout(300)  # a second run would have ended by now
            assert frames.asked == [""], frames.asked  # the frontend asks for the page
            part = ["FINISHED_FRAGMENT_RUN_SUCCESSFULLY"]
            runs = [["FINISHED_EARLY_FOR_RERUN", *part]] if index == 0 else [part]
            assert frames.ended in runs, (index, frames.ended)
        shown = [int(v) for v in sliders.evaluate_all("els => els.map(e => e.value)")]
        assert shown[:5] == [0, 10, 0, 6, 4]
        ballot = store.weights_of(code, token)
        assert ballot is not None
        assert [int(ballot.weights[c]) for c in CRITERIA] == shown
        moved = (
            page.locator(".my-ranking").inner_text(),
            page.locator(".stAlert").first.inner_text(),
        )
        assert page.locator("[data-testid=stException]").count() == 0
        page.reload()
        wait_ready(page)
        page.wait_for_selector(".my-ranking")
        fresh = (
            page.locator(".my-ranking").inner_text(),
            page.locator(".stAlert").first.inner_text(),
        )
        assert fresh == moved
    finally:
        context.close()
