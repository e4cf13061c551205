"""/healthz tells the truth: 503 while the app cannot reach PostgreSQL, 200 again after it.

The app runs against a private schema of the test PostgreSQL, reached through a TCP proxy this
test switches off and on (the shared server itself is never touched).  No server restart.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import ROOT, LiveServer, live_server
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from e2e_support import TcpProxy, tcp_proxy

pytestmark = pytest.mark.postgres

#: Seconds /healthz may take to notice an outage or a recovery (connect timeouts included).
NOTICE_SECONDS = 20.0


@pytest.fixture
def private_schema(postgres_url: str) -> Iterator[str]:
    """A schema of its own for this test, dropped afterwards."""
    name = f"ws_health_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        yield name
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()


@pytest.fixture
def proxied(postgres_url: str, private_schema: str) -> Iterator[tuple[TcpProxy, str]]:
    """A proxy in front of PostgreSQL and the app's URL through it (with a short timeout)."""
    url = make_url(postgres_url)
    with tcp_proxy(url.port or 5432) as proxy:
        through = url.set(host="127.0.0.1", port=proxy.port).update_query_dict(
            {"options": f"-csearch_path={private_schema}", "connect_timeout": "3"}
        )
        yield proxy, through.render_as_string(hide_password=False)


def status_within(server: LiveServer, expected: int, seconds: float) -> int:
    """Poll /healthz until it answers `expected` or the time is up; return the last status."""
    deadline = time.monotonic() + seconds
    status = 0
    while time.monotonic() < deadline:
        try:
            status = server.get("/healthz").status
        except OSError:
            status = 0
        if status == expected:
            return status
        time.sleep(0.3)
    return status


def test_health_reports_the_database_going_away_and_coming_back(
    tmp_path: Path, proxied: tuple[TcpProxy, str]
) -> None:
    """200 while PostgreSQL answers, 503 while it is cut off, 200 again once it is back."""
    proxy, url = proxied
    with live_server(tmp_path, database_url=url) as server:
        assert server.get("/healthz").status == 200
        proxy.go_offline()
        assert status_within(server, 503, NOTICE_SECONDS) == 503
        response = server.get("/healthz")
        assert response.read() == b'{"status":"unavailable"}'
        proxy.go_online()
        assert status_within(server, 200, NOTICE_SECONDS) == 200
