"""Push instead of polling: a phone's page is rerun by the server when its session changed.

Before, every phone ran a fragment every two seconds to ask whether the facilitator had moved
on: 300 idle phones were 150 script runs a second.  Now each page registers what it drew
(:func:`watch`: the session code and a fingerprint of what, when it changes, must redraw the
page, in two parts: what must show at once, such as the phase, and what may wait a moment,
such as other people's concerns), and one thread per process looks at each watched session
a few times a second, one store read per session, not per phone.  When a session's
fingerprint differs from what a page drew, the thread asks Streamlit to rerun that page, as
its file watcher does after a code change: an idle phone costs no script run at all.

The fingerprint comes from the store, so a change made through another app process reaches
these phones too.  While the store cannot be reached every watched page is rerun once (it then
says so), and once more when the store answers again.  A phone that loses its connection
reruns its page when it reconnects (the frontend asks for that), so it catches up by itself.

This reaches into Streamlit's runtime (`Runtime.get_app_session`, documented as safe from any
thread; the session's client state and event loop): the pinned Streamlit 1.67 is what the
browser tests run.  Where there is no runtime (AppTest), :func:`watch` answers False and the
page keeps its polling fragment.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime import Runtime, exists
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from workshop.errors import WorkshopError
from workshop.store import SessionView
from workshop.ui import redraw
from workshop.web import services

logger = logging.getLogger(__name__)

#: How often the thread looks at each watched session (seconds): changes reach phones within
#: this plus one page run.
LOOK_EVERY = 0.3

#: A page drawn incomplete (a read failed) is rerun after this many seconds.
RETRY_INCOMPLETE = 2.0
#: A page is rerun for a change that may wait (another person's concern) at most this often:
#: a burst of upvotes must not rerun every phone three times a second.
LAZY_EVERY = 1.5

#: At most this many pushed reruns are started at once; the others wait their turn.  A phase
#: change reruns every phone, and the process runs one script at a time (:mod:`workshop.ui.lane`):
#: 300 pushed runs started together would leave a phone's slider move waiting behind all of them,
#: while with a few started, each finished page goes out at once and a move waits behind few.
MAX_RERUNS = 6
#: A pushed rerun whose page has not reported back (see :func:`watch`) after this many seconds
#: no longer holds its place (its browser went away, or the run stopped early).
RERUN_TIMEOUT = 5.0

#: Widget values that act once (a button's tap), never sent again by the server.
_ONE_SHOT = frozenset({"trigger_value", "string_trigger_value", "json_trigger_value"})

#: What a page shows, in two parts: (what must show at once, what may wait a moment).
Drawn = tuple[Hashable, Hashable]
Fingerprint = Callable[[SessionView], Drawn]


@dataclass
class _Page:
    """One browser session's page: which workshop it shows and what it drew."""

    code: str
    drawn: Drawn | None
    fingerprint: Fingerprint
    since: float
    #: A rerun was due but could not start (a run was going on): the next turn starts it.
    due: bool = False

    def stale(self, current: Drawn, now: float) -> bool:
        """Whether the page must be redrawn: what it shows is not `current`, or was incomplete
        (then after a pause, so a read that keeps failing does not rerun it continuously)."""
        if self.due:
            return True
        if self.drawn is None:
            return now - self.since >= RETRY_INCOMPLETE
        urgent, lazy = current
        drawn_urgent, drawn_lazy = self.drawn
        return urgent != drawn_urgent or (lazy != drawn_lazy and now - self.since >= LAZY_EVERY)


_lock = threading.Lock()
_pages: dict[str, _Page] = {}
#: Out-of-date pages waiting for their rerun, oldest first, and the reruns going on (since when).
_queued: dict[str, _Page] = {}
_running: dict[str, float] = {}
_thread: threading.Thread | None = None
#: Sessions (codes) whose last read failed: their pages were told, and are told again later.
_unreachable: set[str] = set()


def watch(code: str, drawn: Drawn | None, fingerprint: Fingerprint) -> bool:
    """Rerun this page when `fingerprint(view)` of session `code` differs from `drawn`.

    `drawn` is None when the page could not be drawn in full (an old view, a failed read): it
    is rerun once the store answers.  Returns False where the server cannot push (no runtime,
    as in AppTest): the caller then polls.
    """
    context = get_script_run_ctx()
    if context is None or not serves_a_browser():
        return False
    with _lock:
        _pages[context.session_id] = _Page(code, drawn, fingerprint, time.monotonic())
        _start_thread()
    drawn_again(context.session_id)
    return True


def drawn_again(session_id: str) -> None:
    """The page of `session_id` has run, or its pushed rerun could not start: its place goes to
    the next queued one, and a queued rerun of its own is no longer needed."""
    with _lock:
        _running.pop(session_id, None)
        _queued.pop(session_id, None)
    _start_queued()


def serves_a_browser() -> bool:
    """Whether this run is served by this process's runtime to a browser, not run by AppTest.

    Only such a page can be rerun from here (AppTest installs a stand-in runtime, a mock, whose
    sessions are none of the real one's), and only a browser merges a fragment's run into the
    page it shows (AppTest's element tree then holds the fragment alone).
    """
    context = get_script_run_ctx()
    if context is None or not exists() or not isinstance(Runtime.instance(), Runtime):
        return False
    return isinstance(Runtime.instance().get_app_session(context.session_id), AppSession)


def _start_thread() -> None:
    global _thread
    if _thread is None or not _thread.is_alive():
        _thread = threading.Thread(target=_run, name="workshop-push", daemon=True)
        _thread.start()


def _run() -> None:
    """Look at every watched session, rerun the pages that are out of date; until none is
    watched (the next :func:`watch` starts the thread again)."""
    global _thread
    while True:
        with _lock:
            if not (_pages or _queued or _running):
                _thread = None
                return
        started = time.monotonic()
        try:
            _look_once()
            _start_queued()  # also frees the places of reruns that never reported back
        except Exception:  # the thread must outlive any one bad turn
            logger.exception("push: a turn failed")
        time.sleep(max(0.0, LOOK_EVERY - (time.monotonic() - started)))


def _look_once() -> None:
    """One turn: read each watched session once, rerun the pages that are out of date."""
    by_code: dict[str, list[tuple[str, _Page]]] = {}
    for session_id, page in _open_pages().items():
        by_code.setdefault(page.code, []).append((session_id, page))
    now = time.monotonic()
    for code, watchers in by_code.items():
        try:
            view: SessionView | None = services.session_view(code, fresh=True)
        except WorkshopError:
            view = None
        reachable = view is not None
        # Newly unreachable: each page says so once; reachable again: each redraws.
        changed_reachability = reachable == (code in _unreachable)
        if reachable:
            _unreachable.discard(code)
        else:
            _unreachable.add(code)
        # Pages drawing the same way share one fingerprint (and its reads) per turn.
        current: dict[Fingerprint, Drawn] = {}
        for session_id, page in watchers:
            if changed_reachability or (page.due and view is None):
                _rerun(session_id, page)
                continue
            now_drawn = _current(view, page.fingerprint, current) if view is not None else None
            if now_drawn is not None and page.stale(now_drawn, now):
                _rerun(session_id, page)


def _open_pages() -> dict[str, _Page]:
    """The watched pages whose browser is still connected; the others are forgotten (a closed
    tab would keep its workshop read forever; a reconnecting one reruns its page anyway)."""
    runtime = Runtime.instance() if exists() else None
    with _lock:
        for session_id in list(_pages):
            if runtime is None or runtime.get_app_session(session_id) is None:
                del _pages[session_id]
        return dict(_pages)


def _current(
    view: SessionView, fingerprint: Fingerprint, known: dict[Fingerprint, Drawn]
) -> Drawn | None:
    """What a page drawn with `fingerprint` would show now (once per turn), or None when a read
    it needs failed (the page is looked at again on the next turn)."""
    if fingerprint not in known:
        try:
            known[fingerprint] = fingerprint(view)
        except WorkshopError:
            return None
    return known[fingerprint]


def _rerun(session_id: str, page: _Page) -> None:
    """Queue a rerun of the whole page of this browser session (see :data:`MAX_RERUNS`)."""
    with _lock:
        if _pages.get(session_id) is page:
            # Until the page has run again and said what it drew, do not ask twice.
            del _pages[session_id]
        if session_id not in _running:
            _queued.setdefault(session_id, page)
    _start_queued()


def _start_queued() -> None:
    """Start queued reruns while fewer than :data:`MAX_RERUNS` are going on."""
    while starting := _take_queued():
        for session_id, page in starting:
            session = Runtime.instance().get_app_session(session_id) if exists() else None
            if session is None:  # closed, or disconnected: a reconnect reruns the page anyway
                with _lock:
                    _running.pop(session_id, None)  # its place goes to the next turn
                continue
            call = functools.partial(_rerun_unless_running, session, page)
            session._call_soon_on_event_loop(call)


def _take_queued() -> list[tuple[str, _Page]]:
    """The queued pages that may start now, counted as running (stale places freed first)."""
    now = time.monotonic()
    with _lock:
        for session_id, started in list(_running.items()):
            if now - started > RERUN_TIMEOUT:
                del _running[session_id]
        starting: list[tuple[str, _Page]] = []
        while _queued and len(_running) < MAX_RERUNS:
            session_id = next(iter(_queued))
            starting.append((session_id, _queued.pop(session_id)))
            _running[session_id] = now
    return starting


def _rerun_unless_running(session: AppSession, page: _Page) -> None:
    """On Streamlit's event loop: rerun the page with the widgets' values as last sent.

    Never over a run in progress, nor one just begun or asked for (a tap's own run would be
    cut short and redone with these values): the rerun is then due on the next turn, whatever
    the store says then (a rerun for the store going away or coming back is asked once).  A
    full run of the page in the meantime says what it drew and makes it no longer due.
    Buttons' one-shot values are left out, so a tap is never replayed.
    """
    if redraw.script_busy(session):
        with _lock:
            _pages.setdefault(session.id, replace(page, due=True))
        drawn_again(session.id)  # its place goes to the next
        return
    state = ClientState()
    state.CopyFrom(session._client_state)
    state.fragment_id = ""  # the whole page, even if the browser's last run was a fragment's
    state.is_auto_rerun = False
    kept = [w for w in state.widget_states.widgets if w.WhichOneof("value") not in _ONE_SHOT]
    del state.widget_states.widgets[:]
    state.widget_states.widgets.extend(kept)
    session.request_rerun(state)
