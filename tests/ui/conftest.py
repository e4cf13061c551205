"""Fixtures of the UI suite: a real store on a temporary SQLite file, seeded sessions, AppTests.

Every test gets its own database file (``WORKSHOP_DATABASE_URL``) and fresh process-wide
services (`workshop.ui.services` caches the store, packs, views, live state and models), so tests
never see each other's sessions.  Pages are driven through the real navigation script
``workshop/ui/main.py`` (the script `app.py` serves).

    def test_something(ui_store, make_session, open_page):
        seeded = make_session(participants=6, weights="varied", revealed=True)
        at = open_page("wall", code=seeded.code).run()  # switched, not yet run
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

# Before anything imports the services: a stray store() at import time must never touch the
# developer's real database.
os.environ.setdefault(
    "WORKSHOP_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='ui-tests-')}/import.sqlite3"
)

from ui_harness import ROOT, UI_SCRIPT, reset_services

from workshop.packs import default_pack, pack_to_data
from workshop.store import SessionSettings, Store
from workshop.ui import services

PACK = default_pack()
#: AppTest's default of 3 s is too short for the first run, which imports pandas and altair.
APP_TIMEOUT = 60

Profile = Mapping[str, int]


@pytest.fixture
def ui_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The store the app's pages use, on a fresh SQLite file for this test."""
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", f"sqlite:///{tmp_path / 'ui.sqlite3'}")
    reset_services()
    yield services.store()
    reset_services()


@dataclass(frozen=True)
class Seeded:
    """A session made for a test: its code, facilitator key and participants' tokens."""

    code: str
    key: str
    tokens: tuple[str, ...]


def profiles(kind: str | Sequence[Profile], n: int, seed: int = 1) -> list[Profile]:
    """Weight profiles for n participants: "equal" (all 5), "varied" (random 0–10) or a list."""
    if not isinstance(kind, str):
        return list(kind)[:n]
    rng = random.Random(seed)
    criteria = PACK.criterion_ids
    if kind == "equal":
        return [dict.fromkeys(criteria, 5) for _ in range(n)]
    if kind == "varied":
        return [{c: rng.randint(0, 10) for c in criteria} for _ in range(n)]
    raise ValueError(f"unknown profile kind {kind!r}")


def seed_session(
    store: Store,
    participants: int = 0,
    *,
    weights: str | Sequence[Profile] | None = None,
    threshold: int = 3,
    vote_mode: str = "dots",
    title: str = "Kick-off Kundenservice",
    language: str = "de",
    revealed: bool = False,
) -> Seeded:
    """Create a session with the default pack, join participants and submit their weights."""
    settings = SessionSettings(anonymity_threshold=threshold, vote_mode=vote_mode)
    created = store.create_session(title, language, pack_to_data(PACK), settings)
    tokens = tuple(store.join(created.code).token for _ in range(participants))
    if weights is not None:
        submit_weights(store, created.code, tokens, profiles(weights, len(tokens)))
    if revealed:
        store.set_revealed(created.code, created.facilitator_key, True)
    return Seeded(created.code, created.facilitator_key, tokens)


def submit_weights(
    store: Store, code: str, tokens: Sequence[str], weights: Sequence[Profile]
) -> None:
    """Submit one weight profile per token (zip order)."""
    for token, profile in zip(tokens, weights, strict=False):
        store.submit_weights(code, token, dict(profile))


@pytest.fixture
def make_session(ui_store: Store) -> Callable[..., Seeded]:
    """`seed_session` bound to this test's store."""

    def make(participants: int = 0, **options: Any) -> Seeded:
        return seed_session(ui_store, participants, **options)

    return make


@pytest.fixture
def open_page(ui_store: Store) -> Callable[..., AppTest]:
    """An AppTest of the real navigation, on `page` (e.g. "wall"), with these query params."""

    def open_(page: str, **query: str) -> AppTest:
        services._views.clear()  # as in ui_harness.page: no view cached before the test's writes
        at = AppTest.from_file(UI_SCRIPT, default_timeout=APP_TIMEOUT)
        for name, value in query.items():
            at.query_params[name] = value
        # Before the first run AppTest finds a page by its file name, which is its url_path;
        # the path is absolute because pages/ is not beside the navigation script.
        return at.switch_page(str(ROOT / "pages" / f"{page}.py"))

    return open_
