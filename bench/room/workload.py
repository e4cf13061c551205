"""The room workload: walls, then phones joining within seconds, moving inputs, following.

All simulated browsers run on one asyncio event loop in this process (the servers run in their
own).  Timeline of one run:

1. two walls open ``/wall?code=`` and tick every second (their own ``run_every`` fragment);
   a few seconds with walls only give the baseline CPU rate and RSS;
2. every phone starts at a random moment within the join window: ``GET /join/<code>`` (303),
   ``GET`` of the page it leads to with the cookies it got, then the websocket with them;
   its page's follow fragment runs on its own timer from then on;
3. each phone makes ``moves`` input changes (weigh, options: a weight slider; vote: a dots
   input, then the send button), waiting 1–4 s before each; a change counts from sending the
   rerun to the ``script_finished`` of the full run it started;
4. once every phone is done: an idle window (only the timers); then, with sliders, the walls
   close and one phone moves alone, one move after the other, in batches whose server CPU
   less the rate of the room without walls gives a move's own cost (a wall recomputes at most
   once a second however many moves there are: in a full room that cost is shared); the walls
   open again;
5. the facilitator changes the phase through the store and every phone and wall is timed
   until it draws the new one;
6. the store's rows are compared with the last acknowledged values of every phone.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from room import fetch
from room.protocol import Tab, Widget, full_run_finished_after, run_finished_after, shows
from room.targets import NEXT_PHASE, Servers

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
#: Seconds an interaction, a first load or a follow may take before it counts as an error.
TIMEOUT = 30.0


class Target(Protocol):
    """What the workload needs of an app (see room.targets)."""

    name: str

    def new_session(self, phase: str) -> str: ...
    def set_phase(self, phase: str) -> None: ...
    def wall_path(self) -> str: ...
    def phase_marker(self, phase: str) -> bytes: ...
    def count_label(self, phase: str) -> str: ...
    def input_prefix(self, phase: str) -> str: ...

    def send_label(self, phase: str) -> str | None: ...
    def stored(self, tokens: list[str], phase: str) -> dict[str, dict[str, int]]: ...


@dataclass
class Config:
    """One run's shape."""

    phones: int = 100
    phase: str = "weigh"
    moves: int = 10
    join_window: float = 10.0
    think: tuple[float, float] = (1.0, 4.0)
    walls: int = 2
    idle: float = 10.0
    seed: int = 14
    #: Moves one phone makes alone after the idle window, measured in batches of `solo_batch`.
    solo_moves: int = 100
    solo_batch: int = 20


@dataclass
class Sample:
    """CPU seconds of the servers and of this process, RSS, runs seen, at one moment."""

    at: float
    server_cpu: float
    own_cpu: float
    rss: int
    runs: int


@dataclass
class Result:
    """Everything one run measured (seconds unless named otherwise)."""

    target: str
    config: Config
    joins: list[float] = field(default_factory=list)
    first_loads: list[float] = field(default_factory=list)
    moves: list[float] = field(default_factory=list)
    follows: list[float] = field(default_factory=list)
    wall_follows: list[float] = field(default_factory=list)
    staleness: list[float] = field(default_factory=list)
    #: One phone alone: each move's time, and the server CPU per move of each batch.
    solo_moves: list[float] = field(default_factory=list)
    solo_cpu: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    acknowledged: int = 0
    lost: int = 0
    samples: dict[str, Sample] = field(default_factory=dict)
    full_runs: int = 0
    fragment_runs: int = 0
    phones_done: int = 0
    #: perf_counter time at which each phone's first run finished (for phone-seconds).
    connected: list[float] = field(default_factory=list)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def _cpu_and_rss(pids: list[int]) -> tuple[float, int]:
    cpu, rss = 0, 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu += int(fields[11]) + int(fields[12])
        rss += int(fields[21]) * PAGE
    return cpu / TICK, rss


class Room:
    """The simulated browsers of one run and what they measured."""

    def __init__(self, target: Target, servers: Servers, config: Config) -> None:
        self.target, self.servers, self.config = target, servers, config
        self.result = Result(target.name, config)
        self.rng = random.Random(config.seed)
        self.tabs: list[Tab] = []
        self.code = ""
        #: perf_counter times at which a phone's first input was acknowledged.
        self.first_acks: list[float] = []
        #: per wall: count value → first time shown.
        self.wall_counts: list[dict[int, float]] = []
        self.acked: dict[str, dict[str, int]] = {}
        #: per token: the values of a change sent but never acknowledged (it may be stored).
        self.pending: dict[str, dict[str, int]] = {}
        #: each phone's participant token, by the tab's id.
        self.tokens: dict[int, str] = {}

    def sample(self, name: str) -> None:
        cpu, rss = _cpu_and_rss(self.servers.pids)
        runs = sum(t.counters.full_runs + t.counters.fragment_runs for t in self.tabs)
        self.result.samples[name] = Sample(time.perf_counter(), cpu, time.process_time(), rss, runs)

    # ------------------------------------------------------------------------ the run

    async def run(self) -> Result:
        config = self.config
        self.code = self.target.new_session(config.phase)
        walls = [await self._wall(i) for i in range(config.walls)]
        await asyncio.sleep(3.0)
        self.sample("walls")
        await asyncio.sleep(3.0)
        self.sample("start")
        starts = sorted(self.rng.uniform(0, config.join_window) for _ in range(config.phones))
        phones = await asyncio.gather(
            *(self._phone(i, delay) for i, delay in enumerate(starts)), return_exceptions=True
        )
        self.sample("moved")
        tabs = [p for p in phones if isinstance(p, Tab)]
        for problem in phones:
            if isinstance(problem, BaseException):
                self.result.error(f"phone: {type(problem).__name__}")
        await asyncio.sleep(config.idle)
        self.sample("idle")
        if self.target.send_label(config.phase) is None and tabs:
            walls = await self._solo(tabs, walls)
        await asyncio.sleep(1.0)  # the walls' reopening is not the phase change's cost
        self.sample("before follow")
        await self._follow(tabs, walls)
        self.sample("followed")
        self.result.full_runs = sum(t.counters.full_runs for t in self.tabs)
        self.result.fragment_runs = sum(t.counters.fragment_runs for t in self.tabs)
        for tab in self.tabs:
            if tab.error:
                self.result.error(tab.error.split(":")[0])
            if tab.counters.exceptions:
                self.result.error("exception shown")
        await asyncio.gather(*(t.close() for t in self.tabs))
        self._staleness()
        self._check_stored()
        return self.result

    def _port(self, number: int) -> int:
        ports = self.servers.ports
        return ports[number % len(ports)]

    async def _wall(self, number: int, counted: bool = True) -> Tab:
        path, _, query = self.target.wall_path().partition("?")
        tab = Tab(self._port(number), path, query, {})
        self.tabs.append(tab)
        pattern = re.compile(
            rb'<span class="value">(\d+)</span><span class="label">'
            + re.escape(self.target.count_label(self.config.phase).encode())
        )
        seen: dict[int, float] = {}
        if counted:  # a wall opened again shows every count at once: no staleness to time
            self.wall_counts.append(seen)

        def listener(message: Any, data: bytes, now: float) -> None:
            found = pattern.search(data)
            if found:
                for count in range(1, int(found.group(1)) + 1):
                    seen.setdefault(count, now)

        tab.listeners.append(listener)
        await tab.open()
        return tab

    async def _phone(self, number: int, delay: float) -> Tab:
        result, port = self.result, self._port(number)
        await asyncio.sleep(delay)
        start = time.perf_counter()
        joined = await fetch.get(port, f"/join/{self.code}", {})
        if joined.status != 303:
            result.error(f"join status {joined.status}")
            raise ConnectionError("join")
        cookies = joined.cookies()
        target = joined.header("location")
        page = await fetch.get(port, target, cookies)
        if page.status != 200:
            result.error(f"page status {page.status}")
            raise ConnectionError("page")
        cookies.update(page.cookies())
        result.joins.append(time.perf_counter() - start)
        parts = urlsplit(target)
        token = parse_qs(parts.query).get("p", [""])[0]
        tab = Tab(port, parts.path, parts.query, cookies)
        self.tabs.append(tab)
        self.tokens[id(tab)] = token
        result.first_loads.append(await tab.open())
        result.connected.append(time.perf_counter())
        await self._moves(tab, token)
        result.phones_done += 1
        return tab

    async def _moves(self, tab: Tab, token: str) -> None:
        config, result = self.config, self.result
        prefix = self.target.input_prefix(config.phase)
        send = self.target.send_label(config.phase)
        first = True
        for _ in range(config.moves):
            await asyncio.sleep(self.rng.uniform(*config.think))
            if not await self._move(tab, token, prefix, result.moves):
                return
            if send is None:
                self._remember(tab, token, prefix)
                if first:
                    self.first_acks.append(time.perf_counter())
                    first = False
        if send is not None:
            await self._send(tab, token, prefix, send)

    def _new_value(self, tab: Tab, widget: Widget, inputs: list[Widget]) -> float:
        current = tab.value(widget)
        if widget.kind == "number":  # dots: stay within the budget (5) and the cap (3)
            spent = sum(tab.value(w) for w in inputs) - current
            choices = [v for v in range(0, min(3, int(5 - spent)) + 1) if v != current]
            return float(self.rng.choice(choices or [0]))
        choices = [v for v in range(int(widget.minimum), int(widget.maximum) + 1) if v != current]
        return float(self.rng.choice(choices))

    async def _move(self, tab: Tab, token: str, prefix: str, times: list[float]) -> bool:
        """One input changed to another value, its time added to `times`; False when no input
        is on the page or the change was not acknowledged (the error is counted)."""
        inputs = [w for w in tab.widgets.values() if w.key.startswith(prefix)]
        if not inputs:
            self.result.error("no input on the page")
            return False
        widget = self.rng.choice(inputs)
        value = self._new_value(tab, widget, inputs)
        done = tab.expect(run_finished_after(tab, widget))
        sent, runs = time.perf_counter(), tab.new_sessions
        await tab.set_widget(widget, value)
        if not await self._acknowledged(done, sent, times):
            # Which way it went wrong: no run started, or a run started and never finished.
            self.result.error(
                "  of which a run had started"
                if tab.new_sessions > runs
                else "  of which no run started"
            )
            self.pending[token] = self._values(tab, prefix)
            return False
        return True

    async def _acknowledged(
        self, done: asyncio.Future[float], sent: float, times: list[float]
    ) -> bool:
        try:
            finished = await asyncio.wait_for(done, TIMEOUT)
        except TimeoutError:
            self.result.error("interaction timed out")
            return False
        except ConnectionError:
            self.result.error("connection lost")
            return False
        times.append(finished - sent)
        return True

    async def _solo(self, phones: list[Tab], walls: list[Tab]) -> list[Tab]:
        """The walls close; one phone moves alone, one move after the other: each batch's
        server CPU less the rate of the room without walls, per move.  Returns the walls,
        opened again."""
        config, prefix = self.config, self.target.input_prefix(self.config.phase)
        await asyncio.gather(*(w.close() for w in walls))
        await asyncio.sleep(2.0)
        self.sample("unwalled")
        await asyncio.sleep(4.0)
        self.sample("quiet")
        quiet, unwalled = self.result.samples["quiet"], self.result.samples["unwalled"]
        quiet_rate = (quiet.server_cpu - unwalled.server_cpu) / (quiet.at - unwalled.at)
        for _ in range(config.solo_moves // config.solo_batch):
            before, started = _cpu_and_rss(self.servers.pids)[0], time.perf_counter()
            if not await self._solo_batch(phones[0], prefix):
                break  # the error is counted; a batch short of moves is no measure
            spent = _cpu_and_rss(self.servers.pids)[0] - before
            window = time.perf_counter() - started
            self.result.solo_cpu.append((spent - quiet_rate * window) / config.solo_batch)
        return [await self._wall(i, counted=False) for i in range(len(walls))]

    async def _solo_batch(self, tab: Tab, prefix: str) -> bool:
        token = self.tokens[id(tab)]
        for _ in range(self.config.solo_batch):
            if not await self._move(tab, token, prefix, self.result.solo_moves):
                return False
            self._remember(tab, token, prefix)
            await asyncio.sleep(0.05)  # what the move sent is out before the next
        return True

    @staticmethod
    def _values(tab: Tab, prefix: str) -> dict[str, int]:
        return {
            w.key: round(tab.value(w)) for w in tab.widgets.values() if w.key.startswith(prefix)
        }

    def _remember(self, tab: Tab, token: str, prefix: str) -> None:
        self.acked[token] = self._values(tab, prefix)
        self.result.acknowledged += 1

    async def _send(self, tab: Tab, token: str, prefix: str, label: str) -> None:
        """The phase's send button (vote, resistance), timed like any other input."""
        button = tab.buttons.get(label)
        if button is None:
            self.result.error("no send button on the page")
            return
        done = tab.expect(full_run_finished_after(tab))
        sent = time.perf_counter()
        await tab.click(button)
        if await self._acknowledged(done, sent, self.result.moves):
            self._remember(tab, token, prefix)
            if self.config.phase == "vote":  # a vote stores the options given dots, no zeros
                self.acked[token] = {k: v for k, v in self.acked[token].items() if v}
            self.first_acks.append(time.perf_counter())

    async def _follow(self, phones: list[Tab], walls: list[Tab]) -> None:
        """The facilitator moves on; every phone and wall is timed until it draws the phase."""
        marker = self.target.phase_marker(NEXT_PHASE[self.config.phase])
        waits = [(t, t.expect(shows(marker))) for t in [*phones, *walls]]
        await asyncio.to_thread(self.target.set_phase, NEXT_PHASE[self.config.phase])
        changed = time.perf_counter()
        for tab, future in waits:
            try:
                seen = await asyncio.wait_for(
                    future, max(1.0, TIMEOUT - (time.perf_counter() - changed))
                )
            except (TimeoutError, ConnectionError):
                self.result.error("did not follow the phase")
                continue
            (self.result.wall_follows if tab in walls else self.result.follows).append(
                seen - changed
            )

    def _staleness(self) -> None:
        """For the k-th acknowledged first input: until each wall first showed a count ≥ k."""
        acks = sorted(self.first_acks)
        for seen in self.wall_counts:
            for k, acked in enumerate(acks, start=1):
                if k in seen:
                    self.result.staleness.append(max(0.0, seen[k] - acked))
                else:
                    self.result.error("wall never showed a count")

    def _check_stored(self) -> None:
        stored = self.target.stored(list(self.acked), self.config.phase)
        for token, values in self.acked.items():
            held = stored.get(token, {})
            # A later change that timed out may have been stored after all: not a loss.
            later = self.pending.get(token)
            if any(held.get(k, 0) != v for k, v in values.items()) and not (
                later is not None and all(held.get(k, 0) == v for k, v in later.items())
            ):
                self.result.lost += 1
