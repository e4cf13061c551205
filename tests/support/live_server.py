"""Start the real app (`streamlit run app.py`, as the README does) on a free port, and nginx in
front of it (deploy/serve.py, the large-room recipe), for a test or a benchmark."""

from __future__ import annotations

import http.client
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from support.network import free_port
from support.paths import ROOT
from support.processes import running


@dataclass(frozen=True)
class LiveServer:
    """A running app: where it listens, which database it uses, its process id."""

    port: int
    database_url: str
    pid: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        """One GET without following redirects."""
        return _get(self.port, path, headers)


@dataclass(frozen=True)
class Nginx:
    """nginx running in front of an app: the port it listens on, its master's process id."""

    port: int
    pid: int


@contextmanager
def live_server(
    folder: Path,
    extra_args: tuple[str, ...] = (),
    database_url: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[LiveServer]:
    """Run the app until the block ends; fail loudly if it does not come up.

    The app keeps its data in a SQLite file in `folder` unless `database_url` names another;
    its log is `folder`/server.log; `env` adds to the environment it inherits.
    """
    port = free_port()
    database_url = database_url or f"sqlite:///{folder / 'live.sqlite3'}"
    environment = {**os.environ, **(env or {}), "WORKSHOP_DATABASE_URL": database_url}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        *extra_args,
    ]  # fmt: skip
    with running(command, folder / "server.log", lambda: _healthy(port), environment) as process:
        yield LiveServer(port, database_url, process.pid)


@contextmanager
def nginx_in_front(app_port: int, var: Path, log: Path) -> Iterator[Nginx]:
    """nginx (deploy/serve.py) on a free port in front of the app at `app_port` until the block
    ends: its configuration and static copy in `var`, its output in `log`."""
    port = free_port()
    command = [
        sys.executable, str(ROOT / "deploy" / "serve.py"), "--var", str(var),
        "--app-port", str(app_port), "--listen-port", str(port),
    ]  # fmt: skip
    with running(command, log, lambda: _healthy(port)) as process:
        yield Nginx(port, process.pid)


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    return connection.getresponse()


def _healthy(port: int) -> bool:
    """Whether /healthz on `port` answers 200 (OSError while nothing listens yet)."""
    return _get(port, "/healthz").status == 200
