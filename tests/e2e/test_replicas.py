"""Past one process: `deploy/serve.py --apps 2` runs two app processes on one PostgreSQL behind
nginx, which keeps each browser on one process (issue 14, "Past one process").

* A vote cast through one process appears on the walls of both: the store is the only state
  the processes share, and each follows it.
* A browser keeps its process across reloads and reconnects (nginx hashes its route cookie),
  while different browsers are spread over both processes.
Without nginx, PostgreSQL or Chromium these tests skip with the reason, except in CI, where
they fail.
"""

from __future__ import annotations

import http.client
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from e2e_support import HOST, open_page, phone_context, url, wait_ready, wall_context
from serve import find_nginx
from sqlalchemy.engine import make_url
from support.ci import unavailable
from support.network import consecutive_free_ports, free_port
from support.outage import private_schema  # noqa: F401 - a fixture
from support.processes import running

from workshop.packs import default_pack, pack_to_data
from workshop.store import SessionSettings, Store, open_store
from workshop.text.i18n import t

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

#: Browsers opened to see both processes used: all on one would happen with chance 2⁻¹¹.
BROWSERS = 12


@dataclass(frozen=True)
class Replicas:
    """nginx on `port` in front of two apps on `apps`, sharing the database at `database_url`."""

    port: int
    apps: tuple[int, int]
    database_url: str
    folder: Path


def _healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/healthz")
    return connection.getresponse().status == 200


@pytest.fixture
def replicas(postgres_url: str, private_schema: str) -> Iterator[Replicas]:  # noqa: F811
    if find_nginx() is None:
        unavailable("nginx is not installed (Debian: apt-get install nginx-light)", "these tests")
    database_url = (
        make_url(postgres_url)
        .update_query_dict({"options": f"-csearch_path={private_schema}"})
        .render_as_string(hide_password=False)
    )
    folder = Path(tempfile.mkdtemp(prefix="fok-replicas-"))
    folder.chmod(0o755)  # nginx's workers (nobody, when started by root) read the copy
    first, listen = consecutive_free_ports(2), free_port()
    command = [
        sys.executable, "deploy/serve.py", "--apps", "2", "--app-port", str(first),
        "--listen-port", str(listen), "--var", str(folder),
    ]  # fmt: skip
    env = {
        **os.environ,
        "WORKSHOP_DATABASE_URL": database_url,
        "WORKSHOP_PUBLIC_URL": f"http://{HOST}:{listen}",
    }
    ready = lambda: _healthy(listen) and _healthy(first) and _healthy(first + 1)  # noqa: E731
    try:
        with running(command, folder / "serve.log", ready, env):
            yield Replicas(listen, (first, first + 1), database_url, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _session(store: Store, phase: str) -> tuple[str, str]:
    created = store.create_session(
        "Zwei Prozesse", "de", pack_to_data(default_pack()), SessionSettings(vote_mode="dots")
    )
    store.set_phase(created.code, created.facilitator_key, phase)
    return created.code, created.facilitator_key


def test_a_vote_through_one_process_reaches_the_walls_of_both(
    replicas: Replicas, browser: Browser
) -> None:
    with open_store(replicas.database_url) as store:
        code, _ = _session(store, "vote")
        walls = [
            open_page(wall_context(browser), url(port, f"/wall?code={code}"))
            for port in replicas.apps
        ]
        phone = open_page(phone_context(browser), url(replicas.apps[0], f"/join/{code}"))
        phone.get_by_test_id("stNumberInputStepUp").first.tap()
        wait_ready(phone)
        phone.get_by_role("button", name=t("participant.vote_send", "de")).tap()
        phone.get_by_text(t("participant.vote_saved", "de")).first.wait_for()
        assert store.counts(code).votes == 1
        for wall in walls:
            wall.wait_for_function(_SHOWS_COUNT, arg=[t("wall.counts.votes", "de"), 1])


#: Whether the wall's counter with this label shows this number.
_SHOWS_COUNT = """([label, value]) => [...document.querySelectorAll('.wall-count')].some(
  e => e.querySelector('.label')?.textContent === label
       && Number(e.querySelector('.value')?.textContent) === value)"""


def _routes_by_cookie(log: Path) -> dict[str, set[str]]:
    """Which processes each browser's websockets went to (nginx writes a line when one closes)."""
    routes: dict[str, set[str]] = defaultdict(set)
    for line in log.read_text().splitlines():
        cookie, upstream = line.split(" ", 1)
        routes[cookie].add(upstream)
    return routes


def test_each_browser_keeps_its_process_across_reconnects(
    replicas: Replicas, browser: Browser
) -> None:
    with open_store(replicas.database_url) as store:
        code, _ = _session(store, "weigh")
    cookies = []
    for _ in range(BROWSERS):
        context = phone_context(browser)
        page = open_page(context, url(replicas.port, f"/join/{code}"))
        for _reconnect in range(2):  # each reload closes the websocket and opens a new one
            page.reload()
            wait_ready(page)
        cookies.append(next(c["value"] for c in context.cookies() if c["name"] == "fok_route"))
        context.close()
    log = replicas.folder / "streams.log"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(_routes_by_cookie(log)) < BROWSERS:
        time.sleep(0.2)
    routes = _routes_by_cookie(log)
    assert sorted(routes) == sorted(cookies), "every browser's websockets are logged by cookie"
    assert all(len(upstreams) == 1 for upstreams in routes.values()), routes
    used = {upstream for upstreams in routes.values() for upstream in upstreams}
    assert used == {f"127.0.0.1:{port}" for port in replicas.apps}, routes
