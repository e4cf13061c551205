"""Apply the Alembic migrations programmatically (no alembic.ini at run time).

`upgrade` runs all pending migrations in one transaction that also serialises processes:
``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory lock on PostgreSQL.  Several app
processes starting at once therefore migrate exactly once; the others wait and find the
database at head.

On SQLite, foreign keys are switched off while migrating, as SQLite's documentation demands for
schema changes: a migration that rebuilds a table (Alembic's batch mode drops the old one)
would otherwise cascade-delete every row that refers to it.  Integrity is checked before commit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from workshop.store.engine import WRITE_OPTION

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any constant works; it only has to be the same in every process of this app.
_ADVISORY_LOCK_ID = 0x5753_484F_5031  # "WSHOP1"


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic config pointing at the migrations, bound to `connection` if given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    """Return the newest revision id (read from the migration files once per process)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations directory has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to `revision` (default: head), serialised across processes."""
    if revision == "head" and current_revision(engine) == head_revision():
        return  # the common case at start-up: nothing to do, no write lock taken
    with engine.connect() as connection, _sqlite_foreign_keys_off(connection):
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:lock_id)"), {"lock_id": _ADVISORY_LOCK_ID}
                )
            command.upgrade(alembic_config(connection), revision)
            _check_foreign_keys(connection)


@contextmanager
def _sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Switch SQLite's foreign keys off for this connection, and on again afterwards."""
    if connection.dialect.name != "sqlite":
        yield
        return
    # The pragma is ignored inside a transaction, so it goes to the driver before BEGIN.
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection: Connection) -> None:
    """Refuse to commit a SQLite migration that left a dangling reference."""
    if connection.dialect.name == "sqlite":
        dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        if dangling:
            raise RuntimeError(f"migration left dangling references: {dangling[:5]}")
