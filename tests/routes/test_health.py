"""/healthz tells the truth: 503 while the app cannot reach PostgreSQL, 200 again after it.

The app runs against a private schema of the test PostgreSQL, reached through a TCP proxy this
test switches off and on (the shared server itself is never touched).  No server restart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.live_server import live_server
from support.network import TcpProxy
from support.outage import private_schema, proxied, status_within  # noqa: F401

pytestmark = pytest.mark.postgres

#: Seconds /healthz may take to notice an outage or a recovery (connect timeouts included).
NOTICE_SECONDS = 20.0


def test_health_reports_the_database_going_away_and_coming_back(
    tmp_path: Path,
    proxied: tuple[TcpProxy, str],  # noqa: F811
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
