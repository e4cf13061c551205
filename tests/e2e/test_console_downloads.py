"""The console's downloads in a real browser: each opens the key-checked export route.

Downloads used to be Streamlit's deferred downloads, whose file id any websocket session could
redeem; now each button is a link to ``/export/<code>.<format>``, which checks the key on every
request.  This test clicks them as a facilitator would and reads what arrives.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from e2e_support import open_page, url, wall_context
from support.live_server import LiveServer

from workshop.packs import default_pack
from workshop.store import SessionSettings, open_store
from workshop.text.i18n import t
from workshop.web.demo import seed_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


def _download(page: Page, label: str, folder: Path) -> Path:
    """Click a download link and wait for the file (a link opens a tab that only downloads)."""
    with page.context.expect_event("download", timeout=60_000) as caught:
        page.get_by_role("link", name=label).click()
    download = caught.value
    target = folder / download.suggested_filename
    download.save_as(target)
    return target


def test_downloads_arrive_and_follow_the_switches(
    browser: Browser, server: LiveServer, tmp_path: Path
) -> None:
    """JSON and XLSX arrive one right after the other; aggregates only until "individual
    inputs" is switched on, then with every ballot."""
    with open_store(server.database_url) as store:
        settings = SessionSettings(vote_mode="dots", role_groups=("Service", "Vertrieb", "IT"))
        made = seed_demo(store, default_pack(), settings, language="de")
    context = wall_context(browser)
    try:
        page = open_page(
            context, url(server.port, f"/facilitate?code={made.code}&key={made.facilitator_key}")
        )
        page.get_by_role("tab", name="Export").click()
        first = json.loads(_download(page, "JSON zum Weiterarbeiten", tmp_path).read_text())
        workbook = _download(page, "Excel-Arbeitsmappe", tmp_path)
        assert workbook.suffix == ".xlsx" and workbook.read_bytes().startswith(b"PK")
        assert not first["privacy"]["individual_rows"]
        assert all(not r["weights"]["ballots"] for r in first["rounds"])
        page.get_by_text(t("export.individual", "de"), exact=True).click()
        page.wait_for_function(
            "[...document.querySelectorAll('a')].some(a => a.href.includes('individual=1'))"
        )
        second = json.loads(_download(page, "JSON zum Weiterarbeiten", tmp_path).read_text())
        assert second["privacy"]["individual_rows"]
        assert any(r["weights"]["ballots"] for r in second["rounds"])
    finally:
        context.close()
