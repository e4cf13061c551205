"""Fixtures of the export suite: a real store on a temporary SQLite file and a seeded session.

The seeded session and its snapshot are built once per test module (rendering charts takes
seconds); tests that change data seed their own session.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_support import EXPORTED_AT, database_url
from support.seeding import Seeded, seed_session

from workshop.export import Snapshot, build_snapshot
from workshop.export.wall_charts import wall_charts
from workshop.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store for one test."""
    with open_store(database_url(tmp_path)) as opened:
        yield opened


@pytest.fixture(scope="module")
def shared_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return database_url(tmp_path_factory.mktemp("export"))


@pytest.fixture(scope="module")
def shared_store(shared_url: str) -> Iterator[Store]:
    """One store per module for the read-only tests on the seeded session."""
    with open_store(shared_url) as opened:
        yield opened


@pytest.fixture(scope="module")
def seeded(shared_store: Store) -> Seeded:
    """Twelve participants, two rounds, threshold 5, dots voting (see support/seeding.py)."""
    return seed_session(shared_store, 12)


@pytest.fixture(scope="module")
def snapshot(shared_store: Store, seeded: Seeded) -> Snapshot:
    """The seeded session's snapshot in German, hidden items left out, with the wall's charts,
    with individual rows (so the per-person tables can be checked) under seeded pseudonyms."""
    return build_snapshot(
        shared_store,
        seeded.code,
        seeded.key,
        individual=True,
        charts=wall_charts,
        now=EXPORTED_AT,
        shuffle=random.Random(7),
    )
