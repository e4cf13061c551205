"""Helpers shared by the export tests (a uniquely named module: other suites have a conftest)."""

from __future__ import annotations

import random
from collections.abc import MutableSequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

#: A fixed export time, so file names and JSON timestamps are predictable.
EXPORTED_AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def database_url(folder: Path) -> str:
    """The SQLite URL of a test's database file in `folder`."""
    return f"sqlite:///{folder / 'export.sqlite3'}"


def session_count(url: str) -> int:
    """How many sessions the database holds (read directly: the store has no such listing)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM sessions")).scalar_one())
    finally:
        engine.dispose()


class InJoiningOrder(random.Random):
    """A "shuffle" that keeps the order: pseudonyms in joining order, so two exports of a
    re-imported session can be compared entry by entry (never what the app itself does)."""

    def shuffle(self, x: MutableSequence[Any]) -> None:  # type: ignore[override]
        """Leave `x` as it is."""
