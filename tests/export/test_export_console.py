"""The console's Export tab (AppTest): a button per format, chart PNGs, and the JSON import."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from export_support import session_count
from streamlit.testing.v1 import AppTest
from support.pages import app_database, page
from support.seeding import Seeded, seed_session

from workshop.export import FORMATS, build_snapshot
from workshop.export.json_export import json_bytes
from workshop.store import Store
from workshop.web import services


@pytest.fixture
def ui_url(tmp_path: Path) -> Iterator[str]:
    """The app's store on a fresh SQLite file for this test."""
    url = f"sqlite:///{tmp_path / 'console.sqlite3'}"
    with app_database(url):
        yield url


@pytest.fixture
def ui_store(ui_url: str) -> Store:
    return services.store()


@pytest.fixture
def seeded(ui_store: Store) -> Seeded:
    return seed_session(ui_store, 6)


def console(seeded: Seeded) -> AppTest:
    """The facilitator console of the seeded session, run once."""
    return page("facilitate", timeout=90, code=seeded.code, key=seeded.key)


def _links(at: AppTest) -> dict[str, str]:
    """The console's download links by label (laid out in three columns)."""
    buttons = at.get("link_button")
    return {b.proto.label: b.proto.url for b in buttons if b.proto.url.startswith("/export/")}


def test_export_tab_offers_every_format(seeded: Seeded) -> None:
    """The console has an Export tab with one download link per registered format, each
    through the key-checked export route (never Streamlit's deferred download, whose file id
    any browser session could redeem)."""
    at = console(seeded)
    assert not at.exception
    assert "Export" in [tab.label for tab in at.tabs]
    assert not at.get("download_button")
    links = _links(at)
    assert sorted(links) == sorted(
        [
            "Excel-Arbeitsmappe",
            "CSV-Tabellen (ZIP)",
            "JSON zum Weiterarbeiten",
            "Ergebnisprotokoll (HTML)",
            "Ergebnisprotokoll (PDF)",
            "Alle Diagramme (PNG, ZIP)",
        ]
    )
    assert len(links) == len(FORMATS)
    for fmt_id in FORMATS:
        url = links[next(label for label in links if f".{fmt_id}?" in links[label])]
        path, _, query = url.partition("?")
        assert path == f"/export/{seeded.code}.{fmt_id}"
        assert parse_qs(query) == {"lang": ["de"], "key": [seeded.key]}


def test_export_options_reach_the_links(seeded: Seeded) -> None:
    """Hidden posts and individual inputs are off by default; switched on, every link asks."""
    at = console(seeded)
    at.toggle(key="export.individual").set_value(True).run()
    at.toggle(key="export.include_hidden").set_value(True).run()
    assert not at.exception
    for url in _links(at).values():
        query = parse_qs(url.partition("?")[2])
        assert query["individual"] == ["1"] and query["hidden"] == ["1"]


def test_draw_charts_for_slides(seeded: Seeded) -> None:
    """ "Draw the charts" shows each wall chart with its own PNG download."""
    at = console(seeded)
    next(b for b in at.button if b.label == "Diagramme zeichnen").click().run()
    assert not at.exception
    png_buttons = [b for b in at.get("download_button") if b.proto.label == "PNG herunterladen"]
    assert len(png_buttons) == 7  # ranking, weights, votes per round, and the shift


def test_import_a_json_export_opens_the_new_console(
    seeded: Seeded, ui_store: Store, ui_url: str
) -> None:
    """Uploading an export creates a new session and switches to its console with its key."""
    data = json_bytes(build_snapshot(ui_store, seeded.code, seeded.key))
    at = console(seeded)
    at.file_uploader(key="export.import_file").set_value(
        ("workshop.json", data, "application/json")
    )
    at.run()
    at.button(key="export.import_button").click().run()
    assert not at.exception
    assert at.query_params["code"] != seeded.code
    new_code, new_key = at.query_params["code"], at.query_params["key"]
    assert ui_store.check_key(new_code, new_key)
    assert session_count(ui_url) == 2


def test_a_bad_file_gets_a_translated_message_and_creates_nothing(
    seeded: Seeded, ui_url: str
) -> None:
    """A tampered file shows the German reason and where in the file; no session appears."""
    tampered = json.loads(json_bytes(build_snapshot(services.store(), seeded.code, seeded.key)))
    tampered["session"]["round"] = "zwei"
    at = console(seeded)
    at.file_uploader(key="export.import_file").set_value(
        ("workshop.json", json.dumps(tampered).encode(), "application/json")
    )
    at.run()
    at.button(key="export.import_button").click().run()
    errors = [e.value for e in at.error]
    assert errors == [
        "Eine Angabe in der Datei hat die falsche Art (z. B. Text statt Zahl). "
        "Es wurde nichts angelegt."
    ]
    places = [html.unescape(c.value) for c in at.caption]  # the place is escaped for Markdown
    assert "Stelle in der Datei: session.round" in places
    assert at.query_params["code"] == seeded.code
    assert session_count(ui_url) == 1
