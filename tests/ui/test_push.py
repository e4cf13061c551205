"""When the push thread reruns a phone's page (workshop.ui.push); the rerun itself is what the
browser tests see (a phase change followed within seconds, a concern arriving, a reconnect)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from types import SimpleNamespace

import pytest
from streamlit.runtime.app_session import AppSessionState
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequests

from workshop.errors import StoreUnavailable
from workshop.ui import push
from workshop.ui.push import LAZY_EVERY, RETRY_INCOMPLETE, _Page, watch


def _page(drawn: tuple[object, object] | None, since: float = 100.0) -> _Page:
    return _Page("CODE", drawn, lambda view: (None, None), since)


def test_a_change_that_must_show_reruns_at_once() -> None:
    page = _page(("weigh", ()))
    assert page.stale(("vote", ()), now=100.0)
    assert not page.stale(("weigh", ()), now=100.0)


def test_a_change_that_may_wait_reruns_after_a_pause_only() -> None:
    """Other people's concerns: a burst of upvotes reruns each phone at most every 1.5 s."""
    page = _page(("welcome", ((1, 0),)))
    changed = ("welcome", ((1, 1),))
    assert not page.stale(changed, now=100.0 + LAZY_EVERY / 2)
    assert page.stale(changed, now=100.0 + LAZY_EVERY)


def test_an_incomplete_page_is_retried_after_a_pause() -> None:
    page = _page(None)
    assert not page.stale(("weigh", None), now=100.0 + RETRY_INCOMPLETE / 2)
    assert page.stale(("weigh", None), now=100.0 + RETRY_INCOMPLETE)


def test_outside_a_served_page_nothing_is_watched() -> None:
    """No script run (and AppTest's stand-in runtime): the page polls instead."""
    assert watch("CODE", ("weigh", None), lambda view: ("weigh", None)) is False


class _Session:
    """A stand-in browser session: records the reruns the push thread schedules."""

    def __init__(self, session_id: str, scheduled: list[str]) -> None:
        self.id, self._scheduled = session_id, scheduled

    def _call_soon_on_event_loop(self, _: object) -> None:
        self._scheduled.append(self.id)


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Ten connected browser sessions s0…s9; yields the ids whose rerun was started, in order."""
    scheduled: list[str] = []
    known = {f"s{i}": _Session(f"s{i}", scheduled) for i in range(10)}
    runtime = SimpleNamespace(get_app_session=known.get)
    monkeypatch.setattr(push, "exists", lambda: True)
    monkeypatch.setattr(push.Runtime, "instance", staticmethod(lambda: runtime))
    yield scheduled
    push._queued.clear()
    push._running.clear()


def test_pushed_reruns_run_a_few_at_a_time(sessions: list[str]) -> None:
    """A phase change reruns every phone: at most MAX_RERUNS at once, the next as soon as one
    has drawn its page, in the order they were found out of date."""
    for i in range(10):
        push._rerun(f"s{i}", _page(("weigh", None)))
    assert sessions == [f"s{i}" for i in range(push.MAX_RERUNS)]
    push.drawn_again("s2")
    assert sessions[-1] == f"s{push.MAX_RERUNS}"
    for i in range(10):
        push.drawn_again(f"s{i}")
    assert sessions == [f"s{i}" for i in range(10)]
    assert not push._running and not push._queued


def test_a_rerun_that_never_reports_back_frees_its_place(
    sessions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A browser that went away mid-run does not hold a place for ever; a page drawn anew by
    its own run (a tap) leaves the queue without a pushed rerun."""
    for i in range(push.MAX_RERUNS + 2):
        push._rerun(f"s{i}", _page(("weigh", None)))
    push.drawn_again(f"s{push.MAX_RERUNS + 1}")  # drew itself: no longer queued
    clock = time.monotonic() + push.RERUN_TIMEOUT + 1
    monkeypatch.setattr(push.time, "monotonic", lambda: clock)
    push._start_queued()
    assert sessions == [f"s{i}" for i in range(push.MAX_RERUNS + 1)]


def test_a_browser_gone_before_its_rerun_gives_its_place_to_the_next(
    sessions: list[str],
) -> None:
    """Pages whose browser closed while they waited do not count against MAX_RERUNS."""
    for session_id in ["gone0", "gone1", *(f"s{i}" for i in range(10))]:
        push._rerun(session_id, _page(("weigh", None)))
    assert sessions == [f"s{i}" for i in range(push.MAX_RERUNS)]
    assert set(push._running) == set(sessions)


class _BusySession:
    """A browser session whose script thread has just begun a run (its own state lags)."""

    def __init__(self) -> None:
        self.id = "busy"
        self._state = AppSessionState.APP_NOT_RUNNING
        self._scriptrunner = SimpleNamespace(_requests=ScriptRequests())  # a run going on
        self.requested: list[object] = []

    def request_rerun(self, state: object) -> None:
        self.requested.append(state)


def test_a_rerun_that_finds_a_run_begun_is_due_on_the_next_turn() -> None:
    """Not asked over the run, and not forgotten either: a rerun for the store going away or
    coming back is asked once, so the page is due whatever the next turn reads."""
    session, page = _BusySession(), _page(("weigh", None))
    try:
        push._rerun_unless_running(session, page)  # type: ignore[arg-type]
        assert session.requested == []
        assert push._pages["busy"].due
        assert push._pages["busy"].stale(("weigh", None), now=100.0)
    finally:
        push._pages.clear()


def test_a_due_page_is_rerun_while_the_store_cannot_be_read(
    sessions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store went away as the page ran: its rerun saying so is due, and the next turn
    starts it, though the store still cannot be read (the others are left as they are)."""

    def unreachable(code: str, fresh: bool = False) -> None:
        raise StoreUnavailable()

    monkeypatch.setattr(push.services, "session_view", unreachable)
    push._unreachable.add("CODE")  # the pages were told once already
    push._pages.update(s0=_page(("weigh", None)), s1=replace(_page(("weigh", None)), due=True))
    try:
        push._look_once()
        assert sessions == ["s1"]
    finally:
        push._pages.clear()
        push._unreachable.clear()
