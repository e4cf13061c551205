"""The sending loop visits only sessions that queued something: a real runtime, and the races."""

from __future__ import annotations

import asyncio
import inspect
import threading
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession
from support.runtime import RecordingTab, run_on_own_thread, started_runtime, until

from workshop.ui import outbox

# --------------------------------------------------------------------------- what it relies on


def test_streamlits_loop_still_asks_the_session_manager_each_turn() -> None:
    """The hook is the loop's one call; a Streamlit upgrade that sends differently fails here."""
    loop = inspect.getsource(Runtime._loop_coroutine)
    assert loop.count("self._session_mgr.list_active_sessions()") == 1
    assert "list_sessions()" in loop  # shutting down still goes through every session
    enqueue = inspect.getsource(AppSession._enqueue_forward_msg)
    # The message is in the queue before the callback marks the session and wakes the loop.
    assert enqueue.index("_browser_queue.enqueue(msg)") < enqueue.index(
        "self._message_enqueued_callback()"
    )


# --------------------------------------------------------------------------- the bookkeeping


class _Info:
    def __init__(self, session: Any) -> None:
        self.session = session


class _Session:
    def __init__(self, session_id: str) -> None:
        self.id = session_id
        self.woken = 0
        self._message_enqueued_callback: Any = self.wake

    def wake(self) -> None:
        self.woken += 1

    def queued(self) -> None:
        self._message_enqueued_callback()


class _Manager:
    """Stands in for Streamlit's session manager."""

    def __init__(self) -> None:
        self.active: dict[str, _Info] = {}
        self.stored: dict[str, _Info] = {}

    def connect_session(self, session_id: str) -> str:
        info = self.stored.pop(session_id, None) or _Info(_Session(session_id))
        self.active[session_id] = info
        return session_id

    def disconnect_session(self, session_id: str) -> None:
        self.stored[session_id] = self.active.pop(session_id)

    def get_active_session_info(self, session_id: str) -> _Info | None:
        return self.active.get(session_id)

    def num_active_sessions(self) -> int:
        return len(self.active)


def _listed(sessions: outbox.SendingSessions) -> list[str]:
    return [info.session.id for info in sessions.list_active_sessions()]


def test_the_loop_lists_only_sessions_that_queued_in_the_order_they_did() -> None:
    manager = _Manager()
    sessions = outbox.SendingSessions(manager)
    for session_id in ("a", "b", "c"):
        sessions.connect_session(session_id)
    assert _listed(sessions) == ["a", "b", "c"]  # connecting marks: what it queued goes out
    assert _listed(sessions) == []  # taken: an idle room costs the loop nothing
    for session_id in ("c", "a", "c"):
        manager.active[session_id].session.queued()
    assert _listed(sessions) == ["c", "a"]
    assert manager.active["c"].session.woken == 2  # the loop is still woken as before
    assert sessions.num_active_sessions() == 3  # everything else is the real manager's


def test_a_session_away_is_dropped_and_marked_again_when_it_comes_back() -> None:
    manager = _Manager()
    sessions = outbox.SendingSessions(manager)
    sessions.connect_session("a")
    _listed(sessions)
    session = manager.active["a"].session
    manager.disconnect_session("a")
    session.queued()
    assert _listed(sessions) == []  # no client to send to
    sessions.connect_session("a")  # resumed: the same session, marked once, not wrapped twice
    assert _listed(sessions) == ["a"]
    session.queued()
    assert session.woken == 2
    assert isinstance(session._message_enqueued_callback, outbox._MarkThenWake)
    assert session._message_enqueued_callback.wake == session.wake


def test_threads_queueing_while_the_loop_takes_lose_no_mark() -> None:
    """Every message queued is followed by a turn that lists its session (or one already
    listed it after it was queued)."""
    manager = _Manager()
    sessions = outbox.SendingSessions(manager)
    ids = [f"s{n}" for n in range(8)]
    for session_id in ids:
        sessions.connect_session(session_id)
    _listed(sessions)
    queued = {session_id: 0 for session_id in ids}
    sent = dict.fromkeys(ids, 0)
    done = threading.Event()

    def queue_many(session_id: str) -> None:
        for _ in range(2_000):
            queued[session_id] += 1  # the message is in the queue before the mark
            manager.active[session_id].session.queued()

    def loop() -> None:
        while not done.is_set() or any(sent[s] < queued[s] for s in ids):
            for session_id in _listed(sessions):
                sent[session_id] = queued[session_id]  # the flush takes all queued so far

    sender = threading.Thread(target=loop)
    sender.start()
    threads = [threading.Thread(target=queue_many, args=(s,)) for s in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    sender.join(timeout=10)
    assert not sender.is_alive()
    assert sent == queued == dict.fromkeys(ids, 2_000)


# --------------------------------------------------------------------------- a real runtime


async def _room(script: Path) -> tuple[list[list[str | None]], bool]:
    """Five tabs run the page once, then the first one three times more: what each tab was
    sent (message kinds), and whether the loop visited the four idle tabs meanwhile."""
    async with started_runtime(script) as runtime:
        clients = [RecordingTab() for _ in range(5)]
        ids = [runtime.connect_session(c, user_info={"email": "x@y.z"}) for c in clients]
        visits = dict.fromkeys(ids, 0)
        for session_id in ids:
            session = runtime.get_app_session(session_id)
            assert session is not None
            flush = session.flush_browser_queue

            def counted(session_id: str = session_id, flush: Any = flush) -> list[ForwardMsg]:
                visits[session_id] += 1
                return list(flush())

            session.flush_browser_queue = counted  # type: ignore[method-assign]
        for session_id in ids:
            runtime.handle_backmsg(session_id, BackMsg(rerun_script=BackMsg().rerun_script))
        await until(lambda: all(c.finished_runs() == 1 for c in clients))
        await asyncio.sleep(0.1)  # the status messages after the runs
        before = dict(visits)
        for _ in range(3):
            count = clients[0].finished_runs()
            runtime.handle_backmsg(ids[0], BackMsg(rerun_script=BackMsg().rerun_script))
            await until(lambda count=count: clients[0].finished_runs() == count + 1)
        await asyncio.sleep(0.1)
        assert visits[ids[0]] > before[ids[0]]
        idle_visited = any(visits[s] != before[s] for s in ids[1:])
        return [[m.WhichOneof("type") for m in c.messages] for c in clients], idle_visited


def test_a_real_runtime_sends_what_streamlit_sends_and_visits_only_the_tab_that_ran(
    tmp_path: Path,
) -> None:
    script = tmp_path / "page.py"
    script.write_text('import streamlit as st\nst.write("hello")\nst.write("world")\n')
    assert not Runtime.exists()
    as_installed = Runtime.__init__
    try:
        outbox.send_to_all()
        streamlits, idle_visited_by_streamlit = run_on_own_thread(_room(script))
        outbox.send_only_to_marked()
        ours, idle_visited = run_on_own_thread(_room(script))
    finally:
        Runtime.__init__ = as_installed  # type: ignore[method-assign]
    assert idle_visited_by_streamlit  # Streamlit's loop goes through every tab each turn
    assert not idle_visited
    assert ours == streamlits
    assert [kinds.count("script_finished") for kinds in ours] == [4, 1, 1, 1, 1]
    assert all(kinds[0] == "new_session" and kinds.count("delta") >= 2 for kinds in ours)


def test_installing_and_undoing() -> None:
    as_installed = Runtime.__init__
    try:
        outbox.send_only_to_marked()
        outbox.send_only_to_marked()
        assert Runtime.__init__ is outbox._runtime_init  # type: ignore[comparison-overlap]
        outbox.send_to_all()
        assert Runtime.__init__ is outbox.STREAMLITS_RUNTIME_INIT
    finally:
        Runtime.__init__ = as_installed  # type: ignore[method-assign]
