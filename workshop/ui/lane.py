"""One script run at a time in this process, so that what a run draws goes out while others wait.

Streamlit runs each browser session's script on a thread of its own, and everything a run
draws reaches the browser through the server's one event loop thread.  That thread gives up
the interpreter at every socket write and every poll, and each time waits for it again; with
several script threads running Python it waits a switch interval (5 ms) or more per turn, while
the script threads, which rarely give it up, keep going.  Measured with 300 phones on one
process: after a phase change the first message reached any phone only 2 s later, once all
300 pages were drawn; in a room where phones move sliders, moves waited on the loop too.

Here a script run (its callbacks and its script; a fragment's run too) waits until no other
run of this process is going on; the event loop then shares the interpreter with one script
thread.  On one core this costs no throughput (the interpreter runs one thread at a time
anyway), and the runs finish one after the other instead of all together at the end.  A run
waits at most :data:`WAIT_AT_MOST`: one that is held up (a store that does not answer) never
holds the others for longer; they then run alongside, as Streamlit runs them.

This replaces ``ScriptRunner._run_script`` of Streamlit 1.67 (the pinned version the browser
tests run); ``tests/ui/test_lane.py`` holds the signature and the behaviour.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

from workshop.ui.streamlit_patch import put

#: Streamlit's own method, as imported (kept for the tests and to undo the change).
STREAMLITS_RUN_SCRIPT: Callable[..., None] = ScriptRunner._run_script

#: Seconds a run waits for the one before it before it runs alongside.  Far more than a run
#: takes (about 5–20 ms) and the queue of a busy room (a few dozen runs), far less than a
#: store's timeouts.
WAIT_AT_MOST = 1.0

_lane = threading.Lock()
_inside = threading.local()


def _run_script(self: ScriptRunner, rerun_data: Any) -> None:
    """Run the script as Streamlit does, once no other run of this process is going on."""
    if getattr(_inside, "running", False):  # a run within a run on this thread: it has the lane
        STREAMLITS_RUN_SCRIPT(self, rerun_data)
        return
    _inside.has_lane = _lane.acquire(timeout=WAIT_AT_MOST)
    _inside.running = True
    try:
        STREAMLITS_RUN_SCRIPT(self, rerun_data)
    finally:
        _inside.running = False
        if _inside.has_lane:
            _inside.has_lane = False
            _lane.release()


@contextmanager
def stepped_aside() -> Iterator[None]:
    """Within a run: let the other runs go on during a long piece of work (a console's charts
    drawn, a file imported), then wait for the lane again.

    Such work takes seconds; holding the lane through it would hold every phone's move for
    :data:`WAIT_AT_MOST`.  Outside a run that holds the lane this does nothing.
    """
    if not getattr(_inside, "has_lane", False):
        yield
        return
    _inside.has_lane = False
    _lane.release()
    try:
        yield
    finally:
        _inside.has_lane = _lane.acquire(timeout=WAIT_AT_MOST)


def one_run_at_a_time() -> None:
    """Install the lane in Streamlit's script runner (idempotent)."""
    put((ScriptRunner, "_run_script", _run_script))


def runs_alongside() -> None:
    """Put Streamlit's own method back (for the tests and benchmarks that compare both)."""
    put((ScriptRunner, "_run_script", STREAMLITS_RUN_SCRIPT))
