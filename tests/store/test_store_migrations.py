"""Migrations, database URLs and layering of the store package."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import QueuePool

from workshop.errors import StoreMisconfigured, StoreUnavailable
from workshop.store import ENV_DATABASE_URL, open_store, schema
from workshop.store import engine as engine_module
from workshop.store.credentials import digest
from workshop.store.engine import DEFAULT_SQLITE_PATH, make_engine, resolve_url
from workshop.store.migrate import current_revision, head_revision, upgrade

STORE_PACKAGE = Path(__file__).resolve().parents[2] / "workshop" / "store"
OLD_KEY, OLD_TOKENS = "old-facilitator-key", ("old-token-a", "old-token-b")


def _engine(url: str) -> Engine:
    return make_engine(resolve_url(url))


def test_fresh_database_is_migrated_to_head_matching_the_schema(empty_database_url: str) -> None:
    """open_store migrates an empty database to head, and the result equals schema.py."""
    open_store(empty_database_url).close()
    engine = _engine(empty_database_url)
    try:
        assert current_revision(engine) == head_revision() == "0004"
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), schema.metadata)
        assert differences == []
    finally:
        engine.dispose()


def _first_revision_rows(now: datetime) -> dict[str, list[dict[str, Any]]]:
    """One session with a row in every table, as revision 0001 stored them (in FK order)."""
    person = {"session_id": 1, "role_group": "IT", "joined_at": now}
    return {
        "sessions": [
            {
                "id": 1,
                "code": "ACDEFG",
                "title": "Alt",
                "language": "de",
                "pack_json": '{"id": "old"}',
                "settings_json": '{"role_groups": ["IT"]}',
                "facilitator_key_hash": digest(OLD_KEY),
                "phase": "vote",
                "revealed": True,
                "locked_json": '["comments"]',
                "last_seq": 3,
                "created_at": now,
                "expires_at": now + timedelta(days=3650),
            }
        ],
        "participants": [
            {**person, "id": 1, "token_hash": digest(OLD_TOKENS[0]), "nickname": "A"},
            {**person, "id": 2, "token_hash": digest(OLD_TOKENS[1]), "nickname": None},
        ],
        "ballots": [
            {
                "session_id": 1,
                "participant_id": pid,
                "weights_json": f'{{"SPD": {pid}}}',
                "hybrid_json": None,
                "submitted_at": now,
            }
            for pid in (1, 2)
        ],
        "votes": [
            {
                "session_id": 1,
                "participant_id": 1,
                "vote_json": '{"choice": "OWN"}',
                "submitted_at": now,
            }
        ],
        "contexts": [{"session_id": 1, "values_json": '{"volume": 4}', "updated_at": now}],
        "comments": [
            {
                "id": 1,
                "session_id": 1,
                "participant_id": 1,
                "target_kind": "general",
                "target_id": "",
                "text": "Alt",
                "hidden": False,
                "created_at": now,
            }
        ],
        "concerns": [
            {
                "id": 1,
                "session_id": 1,
                "participant_id": 2,
                "kind": "question",
                "text": "Wie?",
                "hidden": False,
                "created_at": now,
            }
        ],
        "upvotes": [{"concern_id": 1, "participant_id": 1, "created_at": now}],
        "notes": [{"session_id": 1, "phase": "vote", "text": "Notiz", "updated_at": now}],
        "events": [
            {"session_id": 1, "seq": seq, "kind": "old", "payload_json": "{}", "created_at": now}
            for seq in (1, 2, 3)
        ],
    }


def _fill_first_revision(connection: Connection) -> None:
    """Insert `_first_revision_rows` through the tables as they are at revision 0001."""
    tables = MetaData()
    tables.reflect(connection)
    rows = _first_revision_rows(datetime(2025, 11, 1, 9, 30, tzinfo=UTC))
    for name, table_rows in rows.items():
        connection.execute(insert(tables.tables[name]), table_rows)


def test_first_revision_with_data_upgrades_to_head_intact(empty_database_url: str) -> None:
    """A database made by revision 0001, holding data, upgrades with every row kept in round 1."""
    engine = _engine(empty_database_url)
    upgrade(engine, "0001")
    with engine.begin() as connection:
        _fill_first_revision(connection)
    engine.dispose()

    with open_store(empty_database_url) as store:
        view = store.get_session("ACDEFG")
        assert (view.round, view.phase, view.revealed) == (1, "vote", True)
        assert view.locked == frozenset({"comments"})
        assert (view.pack_data, view.settings.role_groups, view.last_seq) == (
            {"id": "old"},
            ("IT",),
            3,
        )
        assert store.check_key("ACDEFG", OLD_KEY)
        assert store.participant("ACDEFG", OLD_TOKENS[1]) is not None
        ballots = store.all_weights("ACDEFG", round=1)
        assert {pid: b.weights for pid, b in ballots.items()} == {1: {"SPD": 1.0}, 2: {"SPD": 2.0}}
        assert store.votes("ACDEFG")[1].vote == {"choice": "OWN"}
        assert store.context("ACDEFG") == {"volume": 4}
        assert [(c.text, c.round) for c in store.comments("ACDEFG")] == [("Alt", 1)]
        assert [(c.text, c.upvotes) for c in store.concerns("ACDEFG")] == [("Wie?", 1)]
        assert store.notes("ACDEFG", OLD_KEY) == {"vote": "Notiz"}
        assert [e.seq for e in store.events_since("ACDEFG", 0)] == [1, 2, 3]
        # The new keys work: a second round takes new ballots beside the old ones.
        store.start_round("ACDEFG", OLD_KEY)
        store.submit_weights("ACDEFG", OLD_TOKENS[0], {"SPD": 5})
        assert store.weights_of("ACDEFG", OLD_TOKENS[0], round=1).weights == {"SPD": 1.0}  # type: ignore[union-attr]
        assert store.context("ACDEFG") == {"volume": 4}
        assert store.last_seq("ACDEFG") == 5


def test_reopening_keeps_data_and_migrates_nothing(database_url: str) -> None:
    """Opening an up-to-date database again changes nothing."""
    with open_store(database_url) as store:
        code = store.create_session("T", "en", {}).code
    with open_store(database_url) as store:
        assert store.get_session(code).title == "T"


def test_url_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Explicit URL first, then WORKSHOP_DATABASE_URL, then var/workshop.sqlite3."""
    monkeypatch.delenv(ENV_DATABASE_URL, raising=False)
    assert resolve_url().database == str(DEFAULT_SQLITE_PATH)
    assert DEFAULT_SQLITE_PATH.parent.name == "var"
    from_env = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    monkeypatch.setenv(ENV_DATABASE_URL, from_env)
    assert resolve_url().database == str(tmp_path / "env.sqlite3")
    assert resolve_url("sqlite:///explicit.db").database == "explicit.db"
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file:x?mode=memory&uri=true",
        "mysql://h/db",
        "::",
    ],
)
def test_unusable_urls_are_refused(url: str) -> None:
    """In-memory SQLite, other databases and nonsense are refused with StoreMisconfigured."""
    with pytest.raises(StoreMisconfigured):
        resolve_url(url)


def test_unreachable_database_is_reported_as_unavailable() -> None:
    """A PostgreSQL that does not answer raises StoreUnavailable, not a driver error."""
    with pytest.raises(StoreUnavailable):
        open_store("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")


def test_pool_size_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The pool is sized by environment variables; nonsense there is refused clearly."""
    url = resolve_url(f"sqlite:///{tmp_path / 'pool.sqlite3'}")
    monkeypatch.setenv("WORKSHOP_DB_POOL_SIZE", "3")
    monkeypatch.setenv("WORKSHOP_DB_MAX_OVERFLOW", "0")
    monkeypatch.setattr(engine_module, "POOL_TIMEOUT_S", 0.1)
    engine = make_engine(url)
    pool = engine.pool
    assert isinstance(pool, QueuePool) and pool.size() == 3
    connections = [engine.connect() for _ in range(3)]
    with pytest.raises(PoolTimeout):  # no overflow: a fourth waits, then gives up
        engine.connect()
    for connection in connections:
        connection.close()
    engine.dispose()
    monkeypatch.setenv("WORKSHOP_DB_MAX_OVERFLOW", "many")
    with pytest.raises(StoreMisconfigured):
        make_engine(url)


def test_sqlite_connections_are_durable_and_safe(tmp_path: Path) -> None:
    """Every SQLite connection runs WAL, synchronous=FULL, foreign keys and a busy timeout."""
    with open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}") as store:
        engine: Engine = store._engine
        with engine.connect() as connection:

            def pragma(name: str) -> object:
                return connection.exec_driver_sql(f"PRAGMA {name}").scalar_one()

            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 30_000


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_store_never_imports_streamlit_and_errors_import_no_database() -> None:
    """The store never imports Streamlit; workshop.errors imports no database or UI library."""
    for path in STORE_PACKAGE.rglob("*.py"):
        assert not any(m.split(".")[0] == "streamlit" for m in _imported_modules(path)), path
    errors = _imported_modules(STORE_PACKAGE.parent / "errors.py")
    assert not {m.split(".")[0] for m in errors} & {"sqlalchemy", "streamlit", "alembic"}
