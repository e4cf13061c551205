"""Phones come back: after a reload, and after a network outage longer than the server keeps a
disconnected session, a phone is the same participant with the same inputs (issue 6, scenario 4).

The server here parks a disconnected session for only a few seconds
(``server.disconnectedSessionTTL``), and the second phone reaches it through a TCP proxy the
test switches off: its websocket drops, Streamlit forgets the session, and on reconnection the
page starts a fresh one — so everything it shows again must come from the URL and the store.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from e2e_support import (
    APP,
    CONNECTED,
    SLIDER_INPUTS,
    open_page,
    phone_context,
    screenshot,
    slider_values,
    token_of,
    url,
    wait_ready,
    wait_until,
)
from support.live_server import LiveServer, live_server
from support.network import TcpProxy, tcp_proxy

from workshop.packs import default_pack, pack_to_data
from workshop.store import Store, open_store
from workshop.text.i18n import t

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, WebSocket

pytestmark = pytest.mark.browser

#: Seconds the server keeps a disconnected session (the README's config says 600).
TTL = 5
#: Streamlit's own notice while it cannot reach the server: an English dialog the app hides.
STREAMLIT_DIALOG = "[data-testid=stDialog]"
#: The app's own notice: the root element's ::before, shown while not connected.
NOTICE_JS = """() => {
  const style = getComputedStyle(document.querySelector('[data-testid=stApp]'), '::before');
  return style.visibility === 'visible' && style.content !== 'none' ? style.content : '';
}"""
CRITERIA = default_pack().criterion_ids


@pytest.fixture(scope="module")
def short_ttl_server(
    tmp_path_factory: pytest.TempPathFactory, browser: Browser
) -> Iterator[LiveServer]:
    """The app with a short reconnection window, so an outage can outlast it quickly."""
    options = ("--server.disconnectedSessionTTL", str(TTL))
    with live_server(tmp_path_factory.mktemp("reconnect"), options) as running:
        yield running


@pytest.fixture
def proxy(short_ttl_server: LiveServer) -> Iterator[TcpProxy]:
    with tcp_proxy(short_ttl_server.port) as running:
        yield running


def session_ids(page: Page) -> list[str]:
    """Collect the ids of the Streamlit sessions the server starts for this page (NewSession)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ids: list[str] = []

    def on_frame(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "new_session":
                session = message.new_session.initialize.session_id
                if not ids or ids[-1] != session:
                    ids.append(session)

    def on_websocket(socket: WebSocket) -> None:
        socket.on("framereceived", on_frame)

    page.on("websocket", on_websocket)
    return ids


def move_sliders(page: Page, store: Store, code: str, moves: dict[int, int]) -> list[int]:
    """Press arrow keys on some sliders ({index: +n or -n}); return all values once stored."""
    for index, steps in moves.items():
        page.locator(SLIDER_INPUTS).nth(index).focus()
        for _ in range(abs(steps)):
            page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
        page.wait_for_function(
            "([sel, i, v]) => Number(document.querySelectorAll(sel)[i].value) === v",
            arg=[SLIDER_INPUTS, index, 5 + steps],
        )
    values = slider_values(page)
    wait_until(lambda: stored(store, code, token_of(page)) == values, timeout=10)
    return values


def stored(store: Store, code: str, token: str) -> list[int]:
    ballot = store.weights_of(code, token)
    return [int(ballot.weights[c]) for c in CRITERIA] if ballot else []


def test_reload_and_long_outage_keep_identity_and_inputs(
    browser: Browser, short_ttl_server: LiveServer, proxy: TcpProxy
) -> None:
    """One phone reloads, another loses its connection for longer than the server's reconnect
    window and shows it is offline meanwhile; both come back with the same token in the URL,
    the same participant in the store and their slider values restored from the store."""
    server = short_ttl_server
    with open_store(server.database_url) as store:
        made = store.create_session("Wiederkommen", "de", pack_to_data(default_pack()))
        store.set_phase(made.code, made.facilitator_key, "weigh")
        reloading = phone_context(browser, "de-DE")
        roaming = phone_context(browser, "en-US")
        try:
            first = open_page(reloading, url(server.port, f"/join/{made.code}"))
            second = roaming.new_page()
            sessions = session_ids(second)
            second.goto(url(proxy.port, f"/join/{made.code}"))  # through the flaky network
            wait_ready(second)
            tokens = token_of(first), token_of(second)
            values = (
                move_sliders(first, store, made.code, {0: 3, 2: -2}),
                move_sliders(second, store, made.code, {1: 4, 3: -4}),
            )

            # A reload is a new Streamlit session: the URL and the store bring everything back.
            first.reload()
            wait_ready(first)
            assert token_of(first) == tokens[0]
            assert slider_values(first) == values[0] == stored(store, made.code, tokens[0])

            # The second phone's network drops for longer than the server keeps its session.
            proxy.go_offline()
            cut = time.monotonic()
            second.wait_for_function(f"({NOTICE_JS})() !== ''", timeout=10_000, polling=100)
            notice = second.evaluate(NOTICE_JS)
            screenshot(second, "phone-offline")
            assert second.get_attribute(APP, "data-test-connection-state") != "CONNECTED"
            time.sleep(3)  # Streamlit's English dialog would be up by now: it stays hidden
            assert not second.locator(STREAMLIT_DIALOG).is_visible()
            assert second.locator(SLIDER_INPUTS).first.is_disabled()  # no input gets lost
            time.sleep(max(0.0, TTL + 2 - (time.monotonic() - cut)))  # outlast the window
            proxy.go_online()
            second.wait_for_selector(CONNECTED, timeout=30_000)
            wait_ready(second)
            second.wait_for_function(f"({NOTICE_JS})() === ''", timeout=10_000, polling=100)

            assert len(sessions) == 2, f"expected a fresh server session, got {sessions}"
            assert token_of(second) == tokens[1]
            assert slider_values(second) == values[1] == stored(store, made.code, tokens[1])
            assert store.counts(made.code).participants == 2  # nobody joined twice
            # In the session's language (German here, though the browser speaks English).
            assert t("common.offline", "de") in notice
        finally:
            reloading.close()
            roaming.close()
