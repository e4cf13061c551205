"""Fixtures of the storage suite: every test that uses `store` runs on both back ends.

SQLite runs on a temporary file (a copy of a database migrated once per test run).  PostgreSQL
runs in a schema created for this test run (``search_path`` set through the URL), emptied
before each test and dropped at the end, so runs never see each other's rows.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete
from sqlalchemy.engine import Engine
from store_support import PACK, ROLE_GROUPS, Database, FakeClock, PostgresSchemas

from workshop.store import CreatedSession, Joined, SessionSettings, Store, open_store, schema


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that needs `backend` once per selected back end."""
    if "backend" in metafunc.fixturenames:
        params = [
            pytest.param(name, marks=[pytest.mark.postgres] if name == "postgresql" else [])
            for name in str(metafunc.config.getoption("--backends")).split(",")
        ]
        metafunc.parametrize("backend", params)


@pytest.fixture(scope="session")
def pg_schemas(postgres_url: str) -> Iterator[PostgresSchemas]:
    """Schemas of this run in the test PostgreSQL; all dropped when the run ends."""
    schemas = PostgresSchemas(postgres_url)
    yield schemas
    schemas.drop_all()


@pytest.fixture(scope="session")
def pg_migrated(pg_schemas: PostgresSchemas) -> Iterator[tuple[str, Engine]]:
    """One PostgreSQL schema migrated to head for the run's tests: its URL and an engine."""
    url = pg_schemas.new()
    open_store(url).close()
    engine = create_engine(url)
    yield url, engine
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "workshop.sqlite3"
    open_store(f"sqlite:///{path}").close()  # closing the last connection folds the WAL in
    return path


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database at head for this test, on the parametrised back end."""
    if backend == "postgresql":
        url, engine = request.getfixturevalue("pg_migrated")
        with engine.begin() as connection:
            # Every table cascades from sessions; DELETE beats TRUNCATE on tiny tables.
            connection.execute(delete(schema.sessions))
        return str(url)
    template: Path = request.getfixturevalue("sqlite_template")
    path = tmp_path / "workshop.sqlite3"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def empty_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a database with no tables at all (for migration tests)."""
    if backend == "postgresql":
        schemas: PostgresSchemas = request.getfixturevalue("pg_schemas")
        return schemas.new()
    return f"sqlite:///{tmp_path / 'empty.sqlite3'}"


@pytest.fixture
def clock() -> FakeClock:
    """The clock the store of this test uses."""
    return FakeClock()


@pytest.fixture
def store(database_url: str, clock: FakeClock) -> Iterator[Store]:
    """An open store on an empty database (both back ends)."""
    opened = open_store(database_url, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def created(store: Store) -> CreatedSession:
    """A fresh session with three role groups."""
    settings = SessionSettings(role_groups=ROLE_GROUPS)
    return store.create_session("Kick-off Kundenservice", "de", PACK, settings)


@pytest.fixture
def code(created: CreatedSession) -> str:
    """The join code of `created`."""
    return created.code


@pytest.fixture
def key(created: CreatedSession) -> str:
    """The facilitator key of `created`."""
    return created.facilitator_key


@pytest.fixture
def alice(store: Store, code: str) -> Joined:
    """A participant of `created` with a nickname and a role group."""
    return store.join(code, nickname="Alice", role_group="Service")


@pytest.fixture
def bob(store: Store, code: str) -> Joined:
    """A second participant of `created`, without nickname or role group."""
    return store.join(code)


@pytest.fixture
def db(database_url: str, store: Store) -> Iterator[Database]:
    """Direct access to the test's database (opened after the store, so it is migrated)."""
    database = Database(database_url)
    yield database
    database.close()
