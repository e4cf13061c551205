"""A database outage a test can cause: PostgreSQL in a private schema, reached through a proxy.

The app gets a URL through a :class:`~support.network.TcpProxy` in front of the test
PostgreSQL, in a schema of its own; the test cuts the proxy and restores it, so the shared
server and its other schemas are never touched.  ``postgres_url`` is the suites' fixture
(tests/conftest.py).  A test module imports the fixtures it uses:

    from support.outage import private_schema, proxied, status_within  # noqa: F401
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from support.live_server import LiveServer
from support.network import TcpProxy, tcp_proxy


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
