"""Cold joins: N phones loading the participant page at once, from the app alone and via nginx.

A cold join is what a phone does after scanning the QR code: ``GET /join/<code>`` (a 303 to the
participant page), the page's HTML, then every file the frontend asks for on a first load.  That
list is recorded once from one real page load in headless Chromium (``/usr/bin/chromium`` through
Playwright): about 96 requests, the 404 probes of ``/participate/_stcore/...`` included.  Each
simulated phone sends them, in the browser's order, over up to 6 keep-alive connections (what
Chromium opens per host over HTTP/1.1), accepts gzip, caches nothing and checks every status
against the recorded one.  The websocket session (the script's first run) is left out: it costs
the same either way (docs/architecture.md, "Measured capacity").

The app runs as ``streamlit run app.py`` on a free port with a temporary SQLite database, nginx in
front of it through ``deploy/serve.py``.  N joins (default 100) start at once (``--spread``
spreads their starts over some seconds instead), against the app directly and then through
nginx, alternating for ``--rounds`` rounds after a warm-up.  Printed, medians over the rounds:

- wall time until the last of the N joins has every file, and p50 / p95 of a join's duration;
- CPU seconds the app process used (``/proc/<pid>/stat``), nginx's (master and workers) and this
  load generator's own: all three share the machine's cores, so the generator's share is shown;
- bytes received per join (headers included);
- the ratios direct / nginx, measured in the same run.

Not a test: no assertions about times.  Needs nginx (``apt-get install nginx``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "tests"))  # the app and nginx started as the tests start them

from serve import NO_NGINX, find_nginx  # noqa: E402
from support.live_server import live_server, nginx_in_front  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
#: Connections Chromium opens to one host over HTTP/1.1.
PARALLEL = 6
#: A join slower than this counts as failed.
JOIN_TIMEOUT = 300.0
TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Asset:
    """One request of the recorded page load: its path (with query) and the status it got."""

    path: str
    status: int


@dataclass(frozen=True)
class Join:
    """One simulated join: how long it took, bytes received, requests that went wrong."""

    seconds: float
    received: int
    failures: int


@dataclass(frozen=True)
class Pids:
    """The processes whose CPU time is measured: the app, nginx's master and workers."""

    app: int
    nginx: list[int]


@dataclass(frozen=True)
class Burst:
    """One round of N joins against one address."""

    wall: float
    p50: float
    p95: float
    app_cpu: float
    nginx_cpu: float
    own_cpu: float
    received: float
    failed: int


# --------------------------------------------------------------------------- processes


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of the processes so far (fields 14 and 15 of /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def children(pid: int) -> list[int]:
    """Pids of the processes whose parent is ``pid`` (nginx's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def new_session(database_url: str) -> str:
    """A fresh session in the app's database; returns its join code."""
    from workshop.packs import default_pack, pack_to_data
    from workshop.store import open_store

    with open_store(database_url) as store:
        return store.create_session("Bench", "de", pack_to_data(default_pack())).code


# --------------------------------------------------------------------------- the recording


def record_assets(base: str, code: str) -> list[Asset]:
    """Every request one real Chromium load of ``/join/<code>`` makes after the page's HTML."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("Playwright (a dev dependency) is missing: .venv/bin/pip install playwright")
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    seen: dict[str, Asset] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--disable-background-networking"]
        )
        page = browser.new_page(viewport={"width": 390, "height": 844})

        def finished(request: Any) -> None:
            response = request.response()
            parts = urlsplit(request.url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if request.resource_type != "document" and response is not None:
                seen.setdefault(path, Asset(path, response.status))

        page.on("requestfinished", finished)
        page.goto(f"{base}/join/{code}")
        page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]")
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)  # chunks the first render asks for late
        browser.close()
    return list(seen.values())


# --------------------------------------------------------------------------- the load


class Connection:
    """One HTTP/1.1 keep-alive connection: just enough HTTP for the answers of uvicorn and nginx.

    Plain asyncio streams rather than an HTTP library: the load generator shares the two cores
    with the servers it measures, so it has to be cheap.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, dict[str, str], int]:
        """Status, headers and bytes received (headers included); reconnects once if closed."""
        for attempt in (1, 2):
            if self.streams is None:
                self.streams = await asyncio.open_connection("127.0.0.1", self.port)
            reader, writer = self.streams
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                "Accept-Encoding: gzip\r\nUser-Agent: bench-joins\r\n\r\n".encode()
            )
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                self.close()  # the server closed an idle keep-alive connection
                if attempt == 2:
                    raise
                continue
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name:
                    headers[name.strip().lower()] = value.strip()
            size = len(head) + await self._body(reader, headers)
            if headers.get("connection", "").lower() == "close":
                self.close()
            return status, headers, size
        raise AssertionError("unreachable")

    @staticmethod
    async def _body(reader: asyncio.StreamReader, headers: dict[str, str]) -> int:
        if "content-length" in headers:
            return len(await reader.readexactly(int(headers["content-length"])))
        if headers.get("transfer-encoding", "").lower() == "chunked":
            size = 0
            while True:
                line = await reader.readuntil(b"\r\n")
                length = int(line.split(b";")[0], 16)
                size += len(line) + len(await reader.readexactly(length + 2))
                if length == 0:
                    return size
        return len(await reader.read())

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def get(connection: Connection, path: str) -> tuple[int, dict[str, str], int]:
    """``connection.get``, with status 0 for a connection that failed (and is then dropped)."""
    try:
        return await connection.get(path)
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
        connection.close()
        return 0, {}, 0


async def join(port: int, code: str, assets: list[Asset], delay: float) -> Join:
    """One phone's cold load: the join link, the page, then the assets over 6 connections."""
    await asyncio.sleep(delay)
    start = time.perf_counter()
    connections = [Connection(port) for _ in range(PARALLEL)]
    status, headers, received = await get(connections[0], f"/join/{code}")
    if status != 303:
        connections[0].close()
        return Join(time.perf_counter() - start, received, 1)
    status, _, size = await get(connections[0], headers["location"])
    received += size
    failures = int(status != 200)
    pending = deque(assets)

    async def fetch(connection: Connection) -> None:
        nonlocal received, failures
        while pending:
            asset = pending.popleft()
            status, _, size = await get(connection, asset.path)
            received += size
            failures += status != asset.status
        connection.close()

    await asyncio.gather(*(fetch(c) for c in connections))
    return Join(time.perf_counter() - start, received, failures)


async def joins(port: int, code: str, assets: list[Asset], n: int, spread: float) -> list[Join]:
    async def timed(i: int) -> Join:
        try:
            return await asyncio.wait_for(join(port, code, assets, i * spread / n), JOIN_TIMEOUT)
        except TimeoutError:
            return Join(JOIN_TIMEOUT, 0, 1)

    return await asyncio.gather(*(timed(i) for i in range(n)))


def burst(port: int, code: str, assets: list[Asset], n: int, spread: float, pids: Pids) -> Burst:
    """N joins against ``port``, with the CPU time every process used meanwhile."""
    app_before, nginx_before = cpu_seconds([pids.app]), cpu_seconds(pids.nginx)
    own_before, start = time.process_time(), time.perf_counter()
    done = asyncio.run(joins(port, code, assets, n, spread))
    wall = time.perf_counter() - start
    seconds = sorted(j.seconds for j in done)
    return Burst(
        wall=wall,
        p50=statistics.median(seconds),
        p95=seconds[min(len(seconds) - 1, round(0.95 * len(seconds)) - 1)],
        app_cpu=cpu_seconds([pids.app]) - app_before,
        nginx_cpu=cpu_seconds(pids.nginx) - nginx_before,
        own_cpu=time.process_time() - own_before,
        received=statistics.mean(j.received for j in done),
        failed=sum(j.failures > 0 for j in done),
    )


# --------------------------------------------------------------------------- main


def check_nginx_serves_files(port: int, assets: list[Asset]) -> None:
    """Stop if nginx hands the bundles to the app instead of sending its gzipped copies."""
    script = next(a.path for a in assets if a.path.endswith(".js"))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{script}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        if answer.headers.get("Content-Encoding") != "gzip":
            sys.exit(f"nginx did not send {script} gzipped from its copy: see its log")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--joins", type=int, default=100, help="joins per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per address")
    parser.add_argument("--spread", type=float, default=0.0, help="seconds to spread starts over")
    args = parser.parse_args()
    if find_nginx() is None:
        # Not a failure of `make bench`: the other benchmarks still run.
        print(f"skipped: {NO_NGINX}")
        return

    folder = Path(tempfile.mkdtemp(prefix="bench-joins-"))
    folder.chmod(0o755)  # nginx's workers (user nobody when started by root) read its copy
    database_url = f"sqlite:///{folder / 'joins.sqlite3'}"
    # Every simulated phone comes from 127.0.0.1: the join limit would refuse most of them.
    env = {"PYTHONUNBUFFERED": "1", "WORKSHOP_JOIN_BURST": "0"}
    try:
        with (
            live_server(folder, database_url=database_url, env=env) as app,
            nginx_in_front(app.port, folder / "var", folder / "nginx.log") as nginx,
        ):
            app_port, nginx_port = app.port, nginx.port
            pids = Pids(app.pid, [nginx.pid, *children(nginx.pid)])
            code = new_session(database_url)
            assets = record_assets(f"http://127.0.0.1:{app_port}", code)
            check_nginx_serves_files(nginx_port, assets)
            print(
                f"cold join: /join/<code> (303), the page, then {len(assets)} requests recorded "
                f"from one Chromium load; {PARALLEL} connections per phone"
            )
            ports = {"direct": app_port, "nginx": nginx_port}
            for port in ports.values():  # warm-up: imports, file cache, connection pools
                burst(port, code, assets, 5, 0.0, pids)
            results: dict[str, list[Burst]] = {mode: [] for mode in ports}
            for round_no in range(1, args.rounds + 1):
                for mode, port in ports.items():
                    results[mode].append(burst(port, code, assets, args.joins, args.spread, pids))
                    b = results[mode][-1]
                    print(
                        f"  round {round_no} {mode:6}: wall {b.wall:6.2f} s, p95 {b.p95:6.2f} s, "
                        f"app CPU {b.app_cpu:6.2f} s, failed joins {b.failed}"
                    )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report(results, args)


def report(results: dict[str, list[Burst]], args: argparse.Namespace) -> None:
    def med(mode: str, field: str) -> float:
        return statistics.median(getattr(b, field) for b in results[mode])

    starts = f"spread over {args.spread:g} s" if args.spread else "started at once"
    print(f"{args.joins} joins {starts}, {args.rounds} rounds per address (medians):")
    print(f"{'':28}{'direct':>10}{'via nginx':>12}{'ratio':>9}")
    rows = [
        ("wall time for all joins", "wall", 1.0, "s"),
        ("per join p50", "p50", 1.0, "s"),
        ("per join p95", "p95", 1.0, "s"),
        ("app CPU", "app_cpu", 1.0, "s"),
        ("app CPU per join", "app_cpu", 1e3 / args.joins, "ms"),
        ("received per join", "received", 1e-6, "MB"),
    ]
    for label, field, scale, unit in rows:
        direct, proxied = med("direct", field) * scale, med("nginx", field) * scale
        ratio = f"{direct / proxied:8.1f}×" if proxied else ""
        print(f"{label + f' ({unit})':28}{direct:10.2f}{proxied:12.2f}{ratio}")
    for label, field in (("nginx CPU (s)", "nginx_cpu"), ("load generator CPU (s)", "own_cpu")):
        print(f"{label:28}{med('direct', field):10.2f}{med('nginx', field):12.2f}")
    failed = {mode: sum(b.failed for b in bursts) for mode, bursts in results.items()}
    print(f"{'failed joins (all rounds)':28}{failed['direct']:10d}{failed['nginx']:12d}")


if __name__ == "__main__":
    main()
