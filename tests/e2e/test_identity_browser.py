"""One browser, one identity: a real phone joining by typed code, twice, and by the QR link.

AppTest cannot carry cookies, so this is where the home page's typed code is proven to read
the browser cookie (sent with the page's websocket) and to agree with the join link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from e2e_support import LOAD_MS, open_page, phone_context, token_of, url, wait_ready
from support.live_server import LiveServer

from workshop.packs import default_pack, pack_to_data
from workshop.store import open_store
from workshop.text.i18n import t

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

pytestmark = pytest.mark.browser


def type_code(context: BrowserContext, port: int, code: str) -> str:
    """Open the home page in a new tab, type the code, join; the participant token in the URL."""
    page = open_page(context, url(port, "/"))
    page.get_by_label(t("home.code_label", "de"), exact=True).fill(code.lower())
    page.get_by_role("button", name=t("home.join_button", "de")).click()
    page.wait_for_url("**/participate?*", timeout=LOAD_MS)
    wait_ready(page)
    token = token_of(page)
    page.close()
    return token


def scan(context: BrowserContext, port: int, code: str) -> str:
    """Open the QR code's link in a new tab; the participant token in the URL."""
    page = open_page(context, url(port, f"/join/{code}"))
    token = token_of(page)
    page.close()
    return token


def test_a_phone_keeps_one_identity_however_it_joins(server: LiveServer, browser: Browser) -> None:
    """Typed twice, then scanned: one participant; scanned, then typed: another, also one."""
    with open_store(server.database_url) as store:
        code = store.create_session("Ein Gerät", "de", pack_to_data(default_pack())).code
    typing, scanning = phone_context(browser), phone_context(browser)
    try:
        typed = type_code(typing, server.port, code)
        assert type_code(typing, server.port, code) == typed
        assert scan(typing, server.port, code) == typed
        scanned = scan(scanning, server.port, code)
        assert type_code(scanning, server.port, code) == scanned
        assert scanned != typed
        with open_store(server.database_url) as store:
            assert store.counts(code).participants == 2
    finally:
        typing.close()
        scanning.close()
