"""Helpers of the storage suite (constants, a fake clock, direct database access)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine, make_url

from workshop.store import schema

PACK: dict[str, Any] = {
    "id": "case-or-customer",
    "criteria": [{"id": "SPD", "name": {"de": "Tempo", "en": "Speed"}}, {"id": "FCR"}],
    "options": [{"id": "OWN", "profile": {"SPD": 4, "FCR": 5}}, {"id": "TIER"}],
}
ROLE_GROUPS = ("Service", "Vertrieb", "IT")


def with_search_path(url: str, schema_name: str) -> str:
    """Return `url` with every connection's search_path set to `schema_name`."""
    options = f"-csearch_path={schema_name}"
    return make_url(url).update_query_dict({"options": options}).render_as_string(False)


class PostgresSchemas:
    """Creates uniquely named schemas for this test run and drops them all at the end."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._admin = create_engine(url)
        self._created: list[str] = []

    def new(self) -> str:
        """Create an empty schema and return a URL whose connections use it."""
        name = f"ws_test_{uuid.uuid4().hex[:12]}"
        with self._admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{name}"'))
        self._created.append(name)
        return with_search_path(self.url, name)

    def drop_all(self) -> None:
        with self._admin.begin() as connection:
            for name in self._created:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        self._admin.dispose()


class FakeClock:
    """A clock that runs with real time but can be moved forward by tests."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, **delta: float) -> None:
        """Move time forward, e.g. ``clock.advance(days=31)``."""
        self.offset += timedelta(**delta)


class Database:
    """Direct, read-only looks into the tables, behind the store's back."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = create_engine(url)

    def rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Return every row of every table, in key order (a snapshot to compare)."""
        snapshot = {}
        with self.engine.connect() as connection:
            for table in schema.ALL_TABLES:
                query = select(table).order_by(*table.primary_key.columns)
                snapshot[table.name] = [tuple(row) for row in connection.execute(query)]
        return snapshot

    def count(self, table_name: str) -> int:
        """Return the number of rows in a table."""
        with self.engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table_name}")).scalar_one())

    def all_text(self) -> str:
        """Return every value of every table (alembic_version too) as one string."""
        parts = [repr(self.rows())]
        with self.engine.connect() as connection:
            parts.append(repr(connection.execute(text("SELECT * FROM alembic_version")).all()))
        return "\n".join(parts)

    def close(self) -> None:
        self.engine.dispose()
