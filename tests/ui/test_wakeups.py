"""The batched hand-off of script-run events: Streamlit's signatures, every event once, in order."""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession

from workshop.ui import wakeups


def _parameters(function: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_the_replacements_take_what_streamlit_passes() -> None:
    """Same parameters, kinds and defaults as the methods they replace (a Streamlit upgrade that
    changes them fails here, not in a room)."""
    assert _parameters(wakeups._on_scriptrunner_event) == _parameters(
        wakeups.STREAMLITS_EVENT_HANDOFF
    )
    assert _parameters(wakeups._enqueued_some_message) == _parameters(
        wakeups.STREAMLITS_SEND_WAKEUP
    )
    handler = AppSession._handle_scriptrunner_event_on_event_loop
    assert _parameters(handler)[1:] == _parameters(wakeups.STREAMLITS_EVENT_HANDOFF)[1:]


class _Session:
    """Stands in for an AppSession: records what the loop is asked to run and what it handles."""

    def __init__(self) -> None:
        self.scheduled: list[Callable[[], None]] = []
        self.handled: list[tuple[Any, ...]] = []

    def _call_soon_on_event_loop(self, callback: Callable[[], None]) -> None:
        self.scheduled.append(callback)

    def _handle_scriptrunner_event_on_event_loop(self, *event: Any) -> None:
        if event[1] == "bad":
            raise RuntimeError("a failing event")
        self.handled.append(event)

    def run_loop(self) -> None:
        while self.scheduled:
            self.scheduled.pop(0)()


def _emit(session: _Session, event: str, **more: Any) -> None:
    wakeups._on_scriptrunner_event(session, "runner", event, **more)  # type: ignore[arg-type]


def test_a_burst_wakes_the_loop_once_and_keeps_the_order() -> None:
    session = _Session()
    _emit(session, "started")
    _emit(session, "message", forward_msg="m1")
    _emit(session, "stopped", page_script_hash="p", fragment_ids_this_run=["f"])
    assert len(session.scheduled) == 1
    session.run_loop()
    assert [e[1] for e in session.handled] == ["started", "message", "stopped"]
    assert session.handled[1] == ("runner", "message", "m1", None, None, None, None, None, None)
    assert session.handled[2][5:7] == ("p", ["f"])
    _emit(session, "later")  # the list is empty again: the next event wakes the loop again
    assert len(session.scheduled) == 1
    session.run_loop()
    assert session.handled[-1][1] == "later"


def test_a_failing_event_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    session = _Session()
    for event in ("first", "bad", "last"):
        _emit(session, event)
    session.run_loop()
    assert [e[1] for e in session.handled] == ["first", "last"]
    assert "failed on the event loop" in caplog.text


def test_a_loop_that_cannot_be_asked_leaves_the_next_event_to_wake_it() -> None:
    """Scheduling failed (as Streamlit's hand-off, the error goes to the script thread): the
    event is lost, and the next one wakes the loop instead of waiting behind it forever."""
    session = _Session()
    real = session._call_soon_on_event_loop

    def refuse(callback: Callable[[], None]) -> None:
        raise RuntimeError("the loop refused")

    session._call_soon_on_event_loop = refuse  # type: ignore[method-assign]
    with pytest.raises(RuntimeError, match="refused"):
        _emit(session, "lost")
    session._call_soon_on_event_loop = real  # type: ignore[method-assign]
    _emit(session, "next")
    assert len(session.scheduled) == 1
    session.run_loop()
    assert [e[1] for e in session.handled] == ["next"]


def test_threads_racing_the_loop_lose_nothing_and_keep_each_runs_order() -> None:
    """Four script threads emit while the loop handles: every event exactly once, each
    thread's events in the order it made them, and far fewer wake-ups than events."""
    session = _Session()
    lock = threading.Lock()
    scheduled: list[Callable[[], None]] = []

    def call_soon(callback: Callable[[], None]) -> None:
        with lock:
            scheduled.append(callback)

    session._call_soon_on_event_loop = call_soon  # type: ignore[method-assign]
    per_thread = 5000
    done = threading.Event()
    wakeups_seen = 0

    def loop() -> None:
        nonlocal wakeups_seen
        while not done.is_set() or scheduled:
            with lock:
                callbacks, scheduled[:] = list(scheduled), []
            wakeups_seen += len(callbacks)
            for callback in callbacks:
                callback()

    def script(name: str) -> None:
        for i in range(per_thread):
            _emit(session, name, forward_msg=i)

    looper = threading.Thread(target=loop)
    looper.start()
    threads = [threading.Thread(target=script, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    looper.join()
    for n in range(4):
        assert [e[2] for e in session.handled if e[1] == f"t{n}"] == list(range(per_thread))
    assert len(session.handled) == 4 * per_thread
    assert wakeups_seen < 4 * per_thread


class _Loop:
    def __init__(self) -> None:
        self.calls: list[Callable[[], None]] = []

    def call_soon_threadsafe(self, callback: Callable[[], None]) -> None:
        self.calls.append(callback)


class _AsyncObjects:
    def __init__(self) -> None:
        self.eventloop = _Loop()
        self.need_send_data = asyncio.Event()


class _Runtime:
    def __init__(self) -> None:
        self.objs = _AsyncObjects()

    def _get_async_objs(self) -> _AsyncObjects:
        return self.objs


def test_the_sending_loop_is_woken_only_when_not_already_due() -> None:
    runtime = _Runtime()
    wakeups._enqueued_some_message(runtime)  # type: ignore[arg-type]
    assert len(runtime.objs.eventloop.calls) == 1
    runtime.objs.eventloop.calls[0]()  # the loop sets the flag ...
    wakeups._enqueued_some_message(runtime)  # type: ignore[arg-type]
    wakeups._enqueued_some_message(runtime)  # type: ignore[arg-type]
    assert len(runtime.objs.eventloop.calls) == 1  # ... and sends these with the first
    runtime.objs.need_send_data.clear()  # it is sending: a new message needs a new wake-up
    wakeups._enqueued_some_message(runtime)  # type: ignore[arg-type]
    assert len(runtime.objs.eventloop.calls) == 2


def test_installing_and_undoing() -> None:
    """Installing twice is installing once; undoing puts Streamlit's own methods back."""
    before = (AppSession._on_scriptrunner_event, Runtime._enqueued_some_message)
    try:
        wakeups.batch_wakeups()
        wakeups.batch_wakeups()
        assert AppSession._on_scriptrunner_event is wakeups._on_scriptrunner_event
        assert Runtime._enqueued_some_message is wakeups._enqueued_some_message
        wakeups.unbatch_wakeups()
        assert AppSession._on_scriptrunner_event is wakeups.STREAMLITS_EVENT_HANDOFF
        assert Runtime._enqueued_some_message is wakeups.STREAMLITS_SEND_WAKEUP
    finally:  # as this process had it (app.py may have been imported by another test)
        AppSession._on_scriptrunner_event, Runtime._enqueued_some_message = before  # type: ignore[method-assign]
