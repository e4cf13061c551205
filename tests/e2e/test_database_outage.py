"""Phones during a database outage tell the truth (issue 12, truthful faults).

The app runs on a private schema of the test PostgreSQL, reached through a TCP proxy the test
cuts and restores (the shared server and its other schemas are never touched), and a German
workshop is opened by a phone whose browser speaks English.  While the database is cut off,
/healthz answers 503, the phone says in German that the workshop data cannot be reached and that
its last change is not saved, never "saved"; a tab opened then says the same instead of "not
joined"; no store error reaches Streamlit's error box.  Once the proxy forwards again the pages
recover by themselves, without a server restart, and a change sent again is stored and saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from e2e_support import (
    IDLE,
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
from sqlalchemy.engine import make_url
from support.live_server import live_server
from support.network import TcpProxy
from support.outage import private_schema, proxied, status_within  # noqa: F401

from workshop.packs import default_pack, pack_to_data
from workshop.store import Store, open_store
from workshop.text.i18n import t

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

CRITERIA = default_pack().criterion_ids
#: Seconds the app may take to notice an outage or a recovery (connect timeouts included).
NOTICE_SECONDS = 20.0
#: Milliseconds a page may take to show what the outage or the recovery changed.
SHOW_MS = 15_000
ERROR_BOX = "[data-testid=stException]"


def stored(store: Store, code: str, token: str) -> list[int]:
    ballot = store.weights_of(code, token)
    return [int(ballot.weights[c]) for c in CRITERIA] if ballot else []


def shows(page: Page, key: str, lang: str = "de") -> bool:
    return page.get_by_text(t(key, lang)).count() > 0


def wait_shows(page: Page, key: str, lang: str = "de") -> None:
    page.get_by_text(t(key, lang)).first.wait_for(timeout=SHOW_MS)


def press(page: Page, slider: int, key: str = "ArrowRight") -> None:
    """Move one slider a step with the keyboard (its change is sent when the key goes up)."""
    before = slider_values(page)[slider]
    page.locator(SLIDER_INPUTS).nth(slider).focus()
    page.keyboard.press(key)
    page.wait_for_function(
        "([sel, i, old]) => Number(document.querySelectorAll(sel)[i].value) !== old",
        arg=[SLIDER_INPUTS, slider, before],
    )


def test_phones_tell_the_truth_while_the_database_is_cut_off_and_recover_after(
    browser: Browser,
    tmp_path: Path,
    postgres_url: str,
    private_schema: str,  # noqa: F811
    proxied: tuple[TcpProxy, str],  # noqa: F811
) -> None:
    """Outage message in the workshop's German on an English phone, nothing unsaved called
    saved, no error box, no "not joined"; afterwards a change sent again is stored and saved."""
    proxy, through = proxied
    direct = make_url(postgres_url).update_query_dict(
        {"options": f"-csearch_path={private_schema}"}
    )
    with (
        live_server(tmp_path, database_url=through) as server,
        open_store(direct.render_as_string(hide_password=False)) as store,
    ):
        made = store.create_session("Ausfall", "de", pack_to_data(default_pack()))
        store.set_phase(made.code, made.facilitator_key, "weigh")
        english = phone_context(browser, "en-US")
        try:
            phone = open_page(english, url(server.port, f"/join/{made.code}"))
            token = token_of(phone)
            wait_shows(phone, "participant.weigh_intro")  # the workshop's German
            press(phone, 0)
            wait_until(lambda: stored(store, made.code, token) == slider_values(phone), 10)
            wait_shows(phone, "participant.weights_saved")
            saved = stored(store, made.code, token)

            proxy.go_offline()
            assert status_within(server, 503, NOTICE_SECONDS) == 503
            press(phone, 1)  # sent while the store cannot be reached
            wait_shows(phone, "participant.weights_unsaved")
            wait_shows(phone, "error.storage_unavailable_unsaved")
            phone.wait_for_selector(IDLE)
            assert not shows(phone, "participant.weights_saved")
            assert stored(store, made.code, token) == saved  # nothing reached the store
            unsent = slider_values(phone)
            assert unsent != saved  # the phone still shows the change it could not send

            # A new tab (a new Streamlit session) asks the store who this is: no answer.
            reopened = open_page(english, phone.url)
            wait_shows(reopened, "error.storage_unavailable_page")
            for lang in ("de", "en"):
                assert not shows(reopened, "participant.not_joined", lang)
            assert not shows(reopened, "error.storage_unavailable_page", "en")
            for page in (phone, reopened):
                assert page.locator(ERROR_BOX).count() == 0
            screenshot(phone, "phone-store-outage")
            screenshot(reopened, "phone-store-outage-reopened")

            proxy.go_online()
            assert status_within(server, 200, NOTICE_SECONDS) == 200
            wait_shows(reopened, "participant.weigh_intro")  # it redrew itself
            wait_ready(reopened)
            assert slider_values(reopened) == saved  # a new session shows what is stored
            phone.get_by_text(t("error.storage_unavailable_page", "de")).wait_for(
                state="detached", timeout=SHOW_MS
            )
            assert not shows(phone, "participant.weights_saved")  # still not sent
            phone.wait_for_selector(IDLE)
            phone.get_by_role("button", name=t("participant.resend_weights", "de")).click()
            wait_until(lambda: stored(store, made.code, token) == unsent, 10)
            wait_shows(phone, "participant.weights_saved")
            assert not shows(phone, "participant.weights_unsaved")
            for page in (phone, reopened):
                assert page.locator(ERROR_BOX).count() == 0
        finally:
            english.close()
