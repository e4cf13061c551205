"""One script run at a time: Streamlit's signature, runs in turn, never stuck behind one run."""

from __future__ import annotations

import inspect
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from support.runtime import RecordingTab, run_on_own_thread, started_runtime, until

from workshop.ui import lane

Span = tuple[float, float]


def _overlapping(spans: list[Span]) -> bool:
    ordered = sorted(spans)
    return any(later[0] < earlier[1] for earlier, later in itertools.pairwise(ordered))


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Span]]:
    """Streamlit's run replaced by one that sleeps 30 ms and records when it ran."""
    spans: list[Span] = []

    def run(runner: Any, rerun_data: Any) -> None:
        start = time.monotonic()
        time.sleep(0.03)
        spans.append((start, time.monotonic()))

    monkeypatch.setattr(lane, "STREAMLITS_RUN_SCRIPT", run)
    yield spans
    assert not lane._lane.locked()  # every run gave the lane back


def _at_once(run: Callable[[], None], threads: int) -> None:
    started = [threading.Thread(target=run) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=10)
        assert not thread.is_alive()


def test_the_replacement_takes_what_streamlit_passes() -> None:
    def parameters(function: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
        return [
            (p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()
        ]

    assert parameters(lane._run_script) == parameters(lane.STREAMLITS_RUN_SCRIPT)
    # Streamlit's script thread runs each rerun request through this one method.
    assert "self._run_script(request.rerun_data)" in inspect.getsource(
        ScriptRunner._run_script_thread
    )


def test_runs_take_turns(recorded: list[Span]) -> None:
    _at_once(lambda: lane._run_script(None, None), threads=5)  # type: ignore[arg-type]
    assert len(recorded) == 5
    assert not _overlapping(recorded)


def test_without_the_lane_runs_overlap(recorded: list[Span]) -> None:
    """The control: the recorder itself lets threads overlap, so the test above can fail."""
    _at_once(lambda: lane.STREAMLITS_RUN_SCRIPT(None, None), threads=5)
    assert _overlapping(recorded)


def test_a_run_within_a_run_does_not_wait_for_itself(
    recorded: list[Span], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a thread that holds the lane, a nested run goes ahead (it would wait 30 s)."""
    monkeypatch.setattr(lane, "WAIT_AT_MOST", 30.0)
    assert lane._lane.acquire(timeout=1.0)
    lane._inside.running = True
    try:
        started = time.monotonic()
        lane._run_script(None, None)  # type: ignore[arg-type]
        assert time.monotonic() - started < 5
    finally:
        lane._inside.running = False
        lane._lane.release()
    assert len(recorded) == 1


def test_a_held_up_run_holds_the_others_only_so_long(
    recorded: list[Span], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that does not finish (a store that does not answer) lets the others run alongside
    after WAIT_AT_MOST; the lane is free again once it ends."""
    monkeypatch.setattr(lane, "WAIT_AT_MOST", 0.05)
    release = threading.Event()
    first = lane.STREAMLITS_RUN_SCRIPT

    def held_up(runner: Any, rerun_data: Any) -> None:
        if runner == "stuck":
            release.wait(timeout=10)
        else:
            first(runner, rerun_data)

    monkeypatch.setattr(lane, "STREAMLITS_RUN_SCRIPT", held_up)
    stuck = threading.Thread(target=lane._run_script, args=("stuck", None))
    stuck.start()
    time.sleep(0.02)
    started = time.monotonic()
    _at_once(lambda: lane._run_script(None, None), threads=3)  # type: ignore[arg-type]
    assert time.monotonic() - started < 1.0  # not held until the stuck run ends
    assert len(recorded) == 3
    release.set()
    stuck.join(timeout=10)


def test_a_run_that_steps_aside_lets_the_others_go_on(
    recorded: list[Span], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A console drawing its charts for seconds: a phone's run that came while the console's
    run held the lane goes on meanwhile (it would wait 30 s), and the long run has the lane
    again afterwards."""
    monkeypatch.setattr(lane, "WAIT_AT_MOST", 30.0)
    holding, phone_waits, phone_ran = threading.Event(), threading.Event(), threading.Event()
    quick = lane.STREAMLITS_RUN_SCRIPT
    held_after: list[bool] = []
    ran_meanwhile: list[bool] = []

    def run(runner: Any, rerun_data: Any) -> None:
        if runner != "long":
            quick(runner, rerun_data)
            phone_ran.set()
            return
        holding.set()
        assert phone_waits.wait(timeout=10)
        time.sleep(0.05)  # the phone's run is at the lane by now
        with lane.stepped_aside():
            ran_meanwhile.append(phone_ran.wait(timeout=5))
        held_after.append(lane._lane.locked() and lane._inside.has_lane)

    monkeypatch.setattr(lane, "STREAMLITS_RUN_SCRIPT", run)
    long_run = threading.Thread(target=lane._run_script, args=("long", None))
    long_run.start()
    assert holding.wait(timeout=10)
    phone = threading.Thread(target=lane._run_script, args=(None, None))
    phone.start()
    phone_waits.set()
    long_run.join(timeout=20)
    phone.join(timeout=1)
    assert ran_meanwhile == [True] and held_after == [True]
    assert not phone.is_alive()


def test_stepping_aside_outside_a_run_leaves_the_lane_alone() -> None:
    assert lane._lane.acquire(timeout=1.0)  # held by someone else
    try:
        with lane.stepped_aside():
            assert lane._lane.locked()
    finally:
        lane._lane.release()
    assert not lane._lane.locked()


def test_a_failing_run_gives_the_lane_back(recorded: list[Span]) -> None:
    def failing(runner: Any, rerun_data: Any) -> None:
        raise RuntimeError("a run that failed")

    original = lane.STREAMLITS_RUN_SCRIPT
    lane.STREAMLITS_RUN_SCRIPT = failing
    try:
        with pytest.raises(RuntimeError):
            lane._run_script(None, None)  # type: ignore[arg-type]
    finally:
        lane.STREAMLITS_RUN_SCRIPT = original
    assert not lane._lane.locked()
    assert not getattr(lane._inside, "running", False)


def test_installing_and_undoing() -> None:
    try:
        lane.one_run_at_a_time()
        lane.one_run_at_a_time()
        assert ScriptRunner._run_script is lane._run_script  # type: ignore[comparison-overlap]
    finally:
        lane.runs_alongside()
    assert ScriptRunner._run_script is lane.STREAMLITS_RUN_SCRIPT


# --------------------------------------------------------------------------- a real runtime

_PAGE = """
import time
from pathlib import Path

import streamlit as st

start = time.monotonic()
time.sleep(0.05)
st.write("drawn")
with Path(__file__).with_suffix(".spans").open("a") as spans:
    spans.write(f"{start} {time.monotonic()}\\n")
"""


async def _three_tabs_at_once(script: Path) -> None:
    async with started_runtime(script) as runtime:
        tabs = [RecordingTab() for _ in range(3)]
        ids = [runtime.connect_session(t, user_info={"email": "x@y.z"}) for t in tabs]  # type: ignore[arg-type]
        for session_id in ids:
            runtime.handle_backmsg(session_id, BackMsg(rerun_script=BackMsg().rerun_script))
        await until(lambda: all(t.finished_runs() == 1 for t in tabs))


def _spans_of_three_tabs(tmp_path: Path, name: str) -> list[Span]:
    script = tmp_path / f"{name}.py"
    script.write_text(_PAGE)
    run_on_own_thread(_three_tabs_at_once(script))
    lines = script.with_suffix(".spans").read_text().split()
    return [(float(a), float(b)) for a, b in zip(lines[::2], lines[1::2], strict=True)]


def test_a_real_runtime_runs_three_tabs_in_turn(tmp_path: Path) -> None:
    try:
        lane.runs_alongside()
        alongside = _spans_of_three_tabs(tmp_path, "alongside")
        lane.one_run_at_a_time()
        in_turn = _spans_of_three_tabs(tmp_path, "in_turn")
    finally:
        lane.runs_alongside()
    assert len(alongside) == len(in_turn) == 3
    assert _overlapping(alongside)  # Streamlit runs the three tabs' scripts at once
    assert not _overlapping(in_turn)
