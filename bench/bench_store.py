"""Benchmark of the store: polling the event log and submitting a ballot, on both back ends.

Builds one session with 500 participants and 10,000 events (joins and ballot changes, written
through the store as a real workshop would), then times:

* ``last_seq``                 the cheap "did anything change?" poll
* ``events_since`` (10 / 100 / 5,000 / 10,000 new events)
* ``submit_weights``           a participant changing their ballot (one durable transaction)
* ``all_weights`` / ``counts`` what the wall and the facilitator read
* ``submit_weights`` on SQLite with ``synchronous=NORMAL`` against the store's ``FULL``: what
  the fsync per commit costs (NORMAL would lose the last commits on a power loss)

It prints the median and 95th percentile in milliseconds.  PostgreSQL is taken from
``WORKSHOP_BENCH_PG_URL`` (else ``WORKSHOP_TEST_PG_URL``, else the local ``test`` database),
in a schema made for the run and dropped after; if it is unreachable it is skipped with a
message.  Run: ``.venv/bin/python bench/bench_store.py`` (about a minute and a half).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

import workshop.store.engine as store_engine
from workshop.store import Joined, Store, open_store

PARTICIPANTS = 500
EVENTS = 10_000
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass(frozen=True)
class Timing:
    """Median and 95th percentile of one operation, in milliseconds."""

    backend: str
    operation: str
    runs: int
    median_ms: float
    p95_ms: float


def measure(backend: str, operation: str, runs: int, call: Callable[[], object]) -> Timing:
    """Run `call` `runs` times (after a few warm-up calls) and summarise the durations."""
    for _ in range(2):
        call()
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        durations.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(durations, n=20, method="inclusive")[-1]
    return Timing(backend, operation, runs, statistics.median(durations), p95)


def build_session(store: Store) -> tuple[str, list[Joined]]:
    """Create the session: 500 joins, then ballot changes until the log holds 10,000 events."""
    code = store.create_session("Benchmark", "de", {"id": "bench"}).code
    people = [store.join(code, nickname=f"P{i}") for i in range(PARTICIPANTS)]
    for number in range(EVENTS - store.last_seq(code)):  # one event per ballot change
        person = people[(number * 7919) % PARTICIPANTS]  # a prime stride visits everyone
        store.submit_weights(code, person.token, {"SPD": number % 50 / 10, "FCR": 3.0})
    assert store.last_seq(code) == EVENTS
    return code, people


def bench_backend(backend: str, url: str) -> list[Timing]:
    """Build the session on one back end and time every operation there."""
    with open_store(url) as store:
        started = time.perf_counter()
        code, people = build_session(store)
        built = time.perf_counter() - started
        print(f"  {backend}: built {EVENTS:,} events for {PARTICIPANTS} people in {built:.1f} s")
        last = store.last_seq(code)
        rng = random.Random(2)

        def submit() -> object:
            person = people[rng.randrange(PARTICIPANTS)]
            return store.submit_weights(code, person.token, {"SPD": rng.uniform(0, 5)})

        def since(new: int) -> Callable[[], object]:
            return lambda: store.events_since(code, last - new)

        return [
            measure(backend, "last_seq", 500, lambda: store.last_seq(code)),
            measure(backend, "events_since (10 new)", 500, since(10)),
            measure(backend, "events_since (100 new)", 300, since(100)),
            measure(backend, "events_since (5,000 new)", 15, since(5000)),
            measure(backend, "events_since (all 10,000)", 10, since(last)),
            measure(backend, "submit_weights", 300, submit),
            measure(backend, "all_weights (500 ballots)", 50, lambda: store.all_weights(code)),
            measure(backend, "counts", 300, lambda: store.counts(code)),
        ]


@contextmanager
def sqlite_url() -> Iterator[str]:
    """A SQLite file in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"


@contextmanager
def postgres_url(base_url: str) -> Iterator[str]:
    """A fresh schema in PostgreSQL (search_path set through the URL), dropped afterwards."""
    admin = create_engine(base_url, connect_args={"connect_timeout": 3})
    schema = f"ws_bench_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        options = {"options": f"-csearch_path={schema}"}
        yield make_url(base_url).update_query_dict(options).render_as_string(False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def time_submits(level: str) -> Timing:
    """submit_weights on a fresh SQLite store whose connections use synchronous=`level`."""
    chosen = store_engine.SQLITE_SYNCHRONOUS
    store_engine.SQLITE_SYNCHRONOUS = level
    try:
        with sqlite_url() as url, open_store(url) as store:
            code = store.create_session("Durability", "de", {"id": "bench"}).code
            people = [store.join(code) for _ in range(50)]
            rng = random.Random(3)

            def submit() -> object:
                person = people[rng.randrange(len(people))]
                return store.submit_weights(code, person.token, {"SPD": rng.uniform(0, 5)})

            return measure("sqlite", f"submit_weights ({level})", 300, submit)
    finally:
        store_engine.SQLITE_SYNCHRONOUS = chosen


def bench_durability() -> list[Timing]:
    """submit_weights on SQLite with the store's synchronous level and with NORMAL."""
    return [time_submits(store_engine.SQLITE_SYNCHRONOUS), time_submits("NORMAL")]


def print_table(timings: list[Timing]) -> None:
    """Print the timings as an aligned table."""
    header = f"{'back end':<11}{'operation':<28}{'runs':>6}{'median ms':>12}{'p95 ms':>10}"
    print(header)
    print("-" * len(header))
    for t in timings:
        print(f"{t.backend:<11}{t.operation:<28}{t.runs:>6}{t.median_ms:>12.3f}{t.p95_ms:>10.3f}")


def main() -> int:
    """Benchmark SQLite, then PostgreSQL if it can be reached; print one table."""
    print(f"Store benchmark: one session, {PARTICIPANTS} participants, {EVENTS:,} events")
    timings: list[Timing] = []
    with sqlite_url() as url:
        timings += bench_backend("sqlite", url)
    pg_base = (
        os.environ.get("WORKSHOP_BENCH_PG_URL")
        or os.environ.get("WORKSHOP_TEST_PG_URL")
        or DEFAULT_PG_URL
    )
    try:
        with postgres_url(pg_base) as url:
            timings += bench_backend("postgresql", url)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        print(f"  postgresql: skipped, unreachable ({reason})")
    durability = bench_durability()
    print()
    print_table(timings + durability)
    full, normal = durability
    print(
        f"\nsynchronous={full.operation.split('(')[1][:-1]} costs "
        f"{full.median_ms / normal.median_ms:.1f}x NORMAL per ballot "
        f"({full.median_ms - normal.median_ms:+.2f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
