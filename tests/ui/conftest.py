"""Fixtures of the UI suite: a real store on a temporary SQLite file, seeded sessions, AppTests.

Every test gets its own database file (``WORKSHOP_DATABASE_URL``) and fresh process-wide
services (`workshop.web.services` caches the store, packs, views, live state and models), so tests
never see each other's sessions.  Pages are driven through the real navigation script
``workshop/ui/main.py`` (the script `app.py` serves).

    def test_something(ui_store, make_session, open_page):
        seeded = make_session(participants=6, weights="varied", revealed=True)
        at = open_page("wall", code=seeded.code).run()  # switched, not yet run
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

# Before anything imports the services: a stray store() at import time must never touch the
# developer's real database.
os.environ.setdefault(
    "WORKSHOP_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='ui-tests-')}/import.sqlite3"
)

from support.pages import app_database, app_page
from support.seeding import Seeded, simple_session

from workshop.store import Store
from workshop.web import services


@pytest.fixture
def ui_store(tmp_path: Path) -> Iterator[Store]:
    """The store the app's pages use, on a fresh SQLite file for this test."""
    with app_database(f"sqlite:///{tmp_path / 'ui.sqlite3'}"):
        yield services.store()


@pytest.fixture
def make_session(ui_store: Store) -> Callable[..., Seeded]:
    """`simple_session` bound to this test's store."""

    def make(participants: int = 0, **options: Any) -> Seeded:
        return simple_session(ui_store, participants, **options)

    return make


@pytest.fixture
def open_page(ui_store: Store) -> Callable[..., AppTest]:
    """An AppTest of the real navigation, on `page` (e.g. "wall"), with these query params."""

    def open_(page: str, **query: str) -> AppTest:
        return app_page(page, **query)

    return open_
