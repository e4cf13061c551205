"""Test options and environment shared by every suite: where PostgreSQL is, which back ends run.

* ``--pg-url`` (default: env ``WORKSHOP_TEST_PG_URL``, else the local server's ``test``
  database) is the PostgreSQL the storage suite runs against besides SQLite.
* ``--backends`` (default ``sqlite,postgresql``) chooses the back ends, e.g.
  ``pytest --backends=sqlite`` for a quick run; ``-m "not postgres"`` works too.
* If PostgreSQL cannot be reached, tests that need it skip with the reason shown, except in CI
  (env ``CI=true``), where they fail: CI must prove both back ends.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from support.ci import unavailable

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ALL_BACKENDS = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("workshop")
    group.addoption(
        "--pg-url",
        default=os.environ.get("WORKSHOP_TEST_PG_URL") or DEFAULT_PG_URL,
        help="SQLAlchemy URL of the PostgreSQL database for storage tests",
    )
    group.addoption(
        "--backends",
        default=",".join(ALL_BACKENDS),
        help="comma-separated storage back ends to test (sqlite, postgresql)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Normalise --backends to known names in a fixed order (suites read the option)."""
    names = [name.strip() for name in str(config.getoption("--backends")).split(",")]
    unknown = sorted(set(names) - set(ALL_BACKENDS))
    if unknown:
        raise pytest.UsageError(f"--backends: unknown back end(s) {unknown}")
    config.option.backends = ",".join(name for name in ALL_BACKENDS if name in names)


def _why_unreachable(url: str) -> str | None:
    """Try to connect; return None on success, else a short reason."""
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
    except (SQLAlchemyError, ImportError) as exc:
        return f"unusable URL ({type(exc).__name__}: {exc})"
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    finally:
        engine.dispose()
    return None


@pytest.fixture(scope="session")
def postgres_url(pytestconfig: pytest.Config) -> str:
    """The reachable PostgreSQL URL; skips (or fails in CI) with the reason if unreachable."""
    url = str(pytestconfig.getoption("--pg-url"))
    reason = _why_unreachable(url)
    if reason is not None:
        shown = make_url(url).render_as_string(hide_password=True)
        unavailable(f"PostgreSQL at {shown} is unreachable: {reason}", "PostgreSQL tests")
    return url


@pytest.fixture(autouse=True)
def _fresh_import_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with the console's whole import allowance (3 at once, then 1 a minute).

    The limiter is process-wide, so without this the fourth import in a minute fails in
    whichever test makes it, depending on which tests ran just before.
    """
    from workshop.ui import exports
    from workshop.web.joinlimit import JoinLimiter

    monkeypatch.setattr(exports, "IMPORT_LIMITER", JoinLimiter(exports.IMPORT_LIMITER.limits))
