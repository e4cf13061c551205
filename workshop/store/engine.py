"""Which database to use and how to connect to it safely.

URL resolution: an explicit URL, else ``WORKSHOP_DATABASE_URL``, else the SQLite file
``var/workshop.sqlite3`` under the repository root.

SQLite is tuned for durability and many threads: WAL (readers never wait for the writer),
``synchronous=FULL`` (a commit that returned survives a crash), a busy timeout, foreign keys
on, and write transactions that start with ``BEGIN IMMEDIATE`` so two writers can never both
hold a read lock and deadlock while upgrading it.  An in-memory SQLite URL is refused: every
pooled connection would get its own empty database.

PostgreSQL goes through psycopg 3 with a connection pool sized for Streamlit's threads
(``WORKSHOP_DB_POOL_SIZE``, default 10, plus ``WORKSHOP_DB_MAX_OVERFLOW``, default 20).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError

from workshop.errors import StoreMisconfigured

ENV_DATABASE_URL = "WORKSHOP_DATABASE_URL"
REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = REPOSITORY_ROOT / "var" / "workshop.sqlite3"

SQLITE_BUSY_TIMEOUT_S = 30
POOL_TIMEOUT_S = 30
# Connections per process: Streamlit runs each rerun in a thread, and a thread holds a
# connection only for one short transaction.  With several processes on one PostgreSQL, keep
# processes * (size + overflow) below the server's max_connections (100 by default).
ENV_POOL_SIZE, DEFAULT_POOL_SIZE = "WORKSHOP_DB_POOL_SIZE", 10
ENV_POOL_MAX_OVERFLOW, DEFAULT_POOL_MAX_OVERFLOW = "WORKSHOP_DB_MAX_OVERFLOW", 20

# Execution option that marks a connection as about to write (see `_begin_sqlite`).
WRITE_OPTION = "workshop_write"

_sqlite_write_locks: dict[str, threading.Lock] = {}
_sqlite_write_locks_guard = threading.Lock()


def resolve_url(url: str | None = None) -> URL:
    """Return the database URL to use (see the module docstring); refuse unusable ones."""
    raw = url or os.environ.get(ENV_DATABASE_URL) or None
    if raw is None:
        return URL.create("sqlite", database=str(DEFAULT_SQLITE_PATH))
    try:
        parsed = make_url(raw)
    except ArgumentError as exc:
        raise StoreMisconfigured(reason="unparsable_url") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _checked_sqlite_url(parsed)
    if backend == "postgresql":
        # A bare postgresql:// would pick psycopg2, which is not installed.
        return parsed.set(drivername="postgresql+psycopg")
    raise StoreMisconfigured(
        "Only SQLite files and PostgreSQL are supported.", reason="unsupported_backend"
    )


def _checked_sqlite_url(url: URL) -> URL:
    """Refuse in-memory databases: each pooled connection would see its own empty one."""
    database = url.database or ""
    in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory"
    if in_memory:
        raise StoreMisconfigured(
            "An in-memory SQLite database would lose every session; give a file path.",
            reason="sqlite_in_memory",
        )
    return url


def make_engine(url: URL) -> Engine:
    """Create the engine for a resolved URL, with the settings of the module docstring."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return _postgres_engine(url)


def write_lock_for(url: URL) -> threading.Lock | None:
    """Return the in-process lock that orders SQLite writers to one file (None for PostgreSQL).

    SQLite's busy handler retries by sleeping, which wastes time and is unfair when hundreds of
    threads wait; a lock queues them instead.  Other processes still wait on the busy timeout.
    """
    if url.get_backend_name() != "sqlite":
        return None
    path = str(Path(url.database or "").resolve())
    with _sqlite_write_locks_guard:
        return _sqlite_write_locks.setdefault(path, threading.Lock())


def _pool_settings() -> dict[str, int]:
    """Return the pool's size settings, from the environment where given."""
    settings = {}
    for name, variable, default in (
        ("pool_size", ENV_POOL_SIZE, DEFAULT_POOL_SIZE),
        ("max_overflow", ENV_POOL_MAX_OVERFLOW, DEFAULT_POOL_MAX_OVERFLOW),
    ):
        raw = os.environ.get(variable, "").strip() or str(default)
        if not raw.isdigit():
            raise StoreMisconfigured(f"{variable} must be a whole number.", reason=variable)
        settings[name] = int(raw)
    settings["pool_size"] = max(settings["pool_size"], 1)
    return settings


#: FULL, not NORMAL: in WAL mode NORMAL survives a crash of the app (SIGKILL) but may lose the
#: last commits on a power loss (a laptop whose battery dies mid-workshop), and FULL costs one
#: fsync per commit: 0.3 ms against 0.02 ms per ballot on the project's machine, about 3 % of
#: the 9 ms a slider move costs (``bench/bench_store.py`` measures both in the same run).
SQLITE_SYNCHRONOUS = "FULL"


def _sqlite_engine(url: URL) -> Engine:
    Path(url.database or "").resolve().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
        pool_timeout=POOL_TIMEOUT_S,
        **_pool_settings(),
        hide_parameters=True,  # error messages must never echo user text or digests
    )
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: object) -> None:
    # Take BEGIN away from the sqlite3 module so `_begin_sqlite` decides the transaction mode.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    # Writers take the write lock at BEGIN; readers start a deferred (snapshot) transaction.
    writes = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _postgres_engine(url: URL) -> Engine:
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = 10
    if "application_name" not in url.query:
        connect_args["application_name"] = "fall-oder-kunde"
    return create_engine(
        url,
        connect_args=connect_args,
        pool_timeout=POOL_TIMEOUT_S,
        **_pool_settings(),
        pool_pre_ping=True,  # survive a database restart between workshop phases
        hide_parameters=True,
    )
