"""The room benchmark (issue 14): phones, walls and a facilitator through the real websocket.

A room as it happens: two walls tick every second; N phones scan the QR code within 10 s
(``GET /join/<code>``, the page with the cookies it set, then Streamlit's websocket
``/_stcore/stream`` with those cookies); each phone's page runs its own follow fragment timer
as the browser does, and every phone makes 10 input changes with 1–4 s think time before each.
Then a quiet stretch with only the timers, then the facilitator changes the phase through the
store API and every phone and wall is timed until it draws the new phase.  The messages are
Streamlit's BackMsg/ForwardMsg protobufs as the 1.67 frontend sends and reads them
(``bench/room/protocol.py``); the page's static files are left out (``bench_joins.py``).

The same workload runs against the workshop app (``app.py``) and, in the same run, against a
minimal Streamlit app (``bench/room/minimal_app.py``: one slider saved to the database on
change, a 2 s follow fragment, a wall fragment at 1 s).  Printed per phone count, with the
ratio app / minimal:

- interaction p50/p95/p99 — a change sent → ``script_finished`` of the full run it started;
- first load (websocket open → first run finished) and join (``/join`` → page answered);
- wall staleness — the k-th phone's first acknowledged input → a wall shows a count ≥ k;
- follow delay of phones and walls after the facilitator's change, and what the change cost
  the server in all (CPU from the change until the last page showed it, less the walls'
  rate): on one core, half the phones can follow no sooner than half of it;
- server CPU (``/proc/<pid>/stat``) per script run, per interaction (estimated: the load
  window's CPU less what walls and idle phones cost in the quiet stretch), per idle phone and
  second; RSS per session; script runs and moves per second; the cores the room's moves
  need (every phone moving after its mean think time, at the CPU per interaction measured):
  above 1.0 one process cannot keep up, as it runs on one core; the load generator's own CPU;
- one phone alone (slider phases): after the idle window the walls close and one phone makes
  100 moves one after the other; the median over batches of 20 of (server CPU less the rate of
  the room without walls) per move is a move's own cost, without the contention of a full room
  or the walls' recomputing (at most once a second, shared by all moves), and its p50 the time
  a move takes;
- errors, and inputs lost: acknowledged values the store does not hold.

Not a test: no assertions.  ``make bench`` runs 100, 300 and 500 phones (about 8 minutes, the
figures in the README's "Large rooms"); choose with ``--phones 100,1000``, ``--phase
weigh|options|vote|resistance``, ``--database-url`` (PostgreSQL: ``postgresql+psycopg://...``),
``--processes K`` (phones spread over K servers on one database), ``--nginx`` (all of them
through nginx in front of the K processes, as ``deploy/serve.py --apps K`` runs them).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from room.targets import MinimalApp, WorkshopApp
from room.workload import Config, Result, Room


def quantile(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def measure(target: Any, config: Config, processes: int) -> Result:
    """One run of the workload against freshly started servers."""
    folder = Path(tempfile.mkdtemp(prefix="bench-room-"))
    try:
        if target.database_url == "":
            target.database_url = f"sqlite:///{folder / 'room.sqlite3'}"
        with target.start(folder, processes) as servers:
            return asyncio.run(Room(target, servers, config).run())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- figures


def figures(result: Result) -> dict[str, float]:
    """The printed figures of one run (times in ms, memory in KB)."""
    s = result.samples
    phones = max(1, result.config.phones)
    walls_rate = (s["start"].server_cpu - s["walls"].server_cpu) / (s["start"].at - s["walls"].at)
    idle_rate = (s["idle"].server_cpu - s["moved"].server_cpu) / (s["idle"].at - s["moved"].at)
    connected = len(result.connected) or 1
    phone_rate = max(0.0, idle_rate - walls_rate) / connected
    load_time = s["moved"].at - s["start"].at
    load_cpu = s["moved"].server_cpu - s["start"].server_cpu
    phone_seconds = sum(s["moved"].at - t for t in result.connected)
    moves = max(1, len(result.moves))
    runs = max(1, s["moved"].runs - s["start"].runs)
    interaction_cpu = (load_cpu - walls_rate * load_time - phone_rate * phone_seconds) / moves
    # Every phone moving, each after its mean think time: what the room asks of the server.
    offered = result.config.phones / (sum(result.config.think) / 2)
    follow_time = s["followed"].at - s["before follow"].at
    follow_cpu = s["followed"].server_cpu - s["before follow"].server_cpu - walls_rate * follow_time
    return {
        "move p50": 1e3 * quantile(result.moves, 0.5),
        "move p95": 1e3 * quantile(result.moves, 0.95),
        "move p99": 1e3 * quantile(result.moves, 0.99),
        "first load p50": 1e3 * quantile(result.first_loads, 0.5),
        "first load p95": 1e3 * quantile(result.first_loads, 0.95),
        "join p50": 1e3 * quantile(result.joins, 0.5),
        "join p95": 1e3 * quantile(result.joins, 0.95),
        "wall staleness p50": 1e3 * quantile(result.staleness, 0.5),
        "wall staleness p95": 1e3 * quantile(result.staleness, 0.95),
        "phone follow p50": 1e3 * quantile(result.follows, 0.5),
        "phone follow p95": 1e3 * quantile(result.follows, 0.95),
        "wall follow max": 1e3 * max(result.wall_follows, default=float("nan")),
        "CPU per script run": 1e3 * load_cpu / runs,
        "CPU per interaction (est.)": 1e3 * interaction_cpu,
        "phase change CPU, all phones": 1e3 * follow_cpu,
        "CPU per move, alone (median)": 1e3 * _above_noise(quantile(result.solo_cpu, 0.5)),
        "move p50, alone": 1e3 * quantile(result.solo_moves, 0.5),
        "CPU per idle phone-second": 1e3 * phone_rate,
        "script runs per second": runs / load_time,
        "moves per second": len(result.moves) / load_time,
        "offered moves need (cores)": offered * interaction_cpu,
        "server CPU (cores)": load_cpu / load_time,
        "RSS per session": (s["moved"].rss - s["start"].rss) / phones / 1024,
        "load generator CPU (cores)": (s["moved"].own_cpu - s["start"].own_cpu) / load_time,
        "interactions": float(len(result.moves)),
        "acknowledged inputs": float(result.acknowledged),
        "inputs lost": float(result.lost),
        "errors": float(sum(n for k, n in result.errors.items() if not k.startswith(" "))),
    }


def _above_noise(cost: float) -> float:
    """A cost measured as the difference of two CPU readings, or NaN when it came out at or
    below zero: the room's own CPU (a polling app's timers) then varied more than the thing
    measured costs, and no figure is better than a negative one."""
    return cost if cost > 0 else float("nan")


UNITS = {"per second": "", "(cores)": "", "RSS": "KB", "inputs": "", "interactions": ""}
#: Rows where the ratio app / minimal says something.
NO_RATIO = ("interactions", "acknowledged inputs", "inputs lost", "errors", "load generator")


def unit(name: str) -> str:
    for part, label in UNITS.items():
        if part in name:
            return label
    return "" if name == "errors" else "ms"


def report(phones: int, results: list[Result]) -> None:
    """One table: each target's figures, then the ratio to the last (the baseline)."""
    table = [figures(r) for r in results]
    head = "".join(f"{r.target:>16}" for r in results)
    ratio_head = "ratio" if len(table) > 1 else ""
    print(f"\n{phones} phones, phase {results[0].config.phase}{'':4}{head}{ratio_head:>9}")
    for name in table[0]:
        digits = 2 if "cores" in name else 1
        cells = "".join(f"{row[name]:16.{digits}f}" for row in table)
        base = table[-1][name]
        ratio = ""
        countable = len(table) > 1 and base and base == base  # NaN: nothing measured
        if countable and not any(name.startswith(p) for p in NO_RATIO):
            ratio = f"{table[0][name] / base:8.1f}×"
        label = f"{name} ({unit(name)})" if unit(name) else name
        print(f"  {label:34}{cells}{ratio}")
    for r in results:
        if r.errors:
            print(f"  {r.target} errors: {r.errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", default="100,300,500", help="comma-separated phone counts")
    phases = ("weigh", "options", "vote", "resistance")
    parser.add_argument("--phase", default="weigh", choices=phases)
    parser.add_argument("--moves", type=int, default=10, help="input changes per phone")
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--processes", type=int, default=1, help="server processes (ports)")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of only timers")
    parser.add_argument("--no-baseline", action="store_true", help="skip the minimal app")
    parser.add_argument(
        "--nginx", action="store_true", help="the app behind nginx (deploy/serve.py)"
    )
    args = parser.parse_args()
    makers: list[Callable[[], Any]] = [lambda: WorkshopApp(args.database_url, args.nginx)]
    if not args.no_baseline:
        makers.append(lambda: MinimalApp(args.database_url))
    for phones in (int(n) for n in args.phones.split(",")):
        config = Config(phones=phones, phase=args.phase, moves=args.moves, idle=args.idle)
        results = []
        for make in makers:
            target = make()
            print(
                f"== {target.name}: {phones} phones, {args.processes} process(es) ...", flush=True
            )
            results.append(measure(target, config, args.processes))
        report(phones, results)
    print(
        "\nTimes from this machine as it was (other load shares its cores); the ratio compares "
        "runs made minutes apart under the same load."
    )


if __name__ == "__main__":
    main()
