"""One wake-up of Streamlit's event loop per burst of a script run's messages, not one per message.

Every element a script run draws reaches the browser in two hops across threads: the script
thread hands the message to the server's event loop (``call_soon_threadsafe``: a write to the
loop's wake-up pipe), and there the message is queued and the runtime's sending loop woken
again (a second ``call_soon_threadsafe``).  A page of 40 elements is 80 wake-ups; in a room
of 300 phones these were the largest single cost of a script run after the page's own work
(the issue's profile: 18 % of the server's CPU), and each pipe write lets the GIL go to one
of the other script threads, so a run's messages trickle out.

Here the script thread appends the event to its browser session's own list and wakes the loop
only when the list was empty; the loop then handles everything the list holds, in order.  The
sending loop is woken only when it is not already due to send.  What reaches the browser, and
in what order, is unchanged: events of one session are handled in the order the run made them,
on the event loop, as before.

This replaces two methods of Streamlit 1.67 (the pinned version the browser tests run):
``AppSession._on_scriptrunner_event`` and ``Runtime._enqueued_some_message``;
``tests/ui/test_wakeups.py`` holds the signatures and the behaviour to Streamlit's.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from typing import Any

from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession

from workshop.ui.streamlit_patch import put

logger = logging.getLogger(__name__)

#: Streamlit's own methods, as imported (kept for the tests and to undo the change).
STREAMLITS_EVENT_HANDOFF: Callable[..., None] = AppSession._on_scriptrunner_event
STREAMLITS_SEND_WAKEUP: Callable[[Runtime], None] = Runtime._enqueued_some_message

#: Where a browser session keeps the events waiting for the loop (an attribute of its AppSession).
_EVENTS = "_workshop_pending_events"


class _Pending:
    """A browser session's events the script threads made and the event loop has not handled."""

    __slots__ = ("events", "lock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: list[Callable[[], None]] = []

    def add(self, event: Callable[[], None]) -> bool:
        """Append `event`; True when the list was empty (the loop must then be woken)."""
        with self.lock:
            self.events.append(event)
            return len(self.events) == 1

    def drop(self) -> None:
        """Forget the waiting events: the loop could not be asked to handle them."""
        with self.lock:
            self.events.clear()

    def handle_all(self) -> None:
        """On the event loop: handle the waiting events, oldest first.

        One that fails is logged and the others still run, as separate loop callbacks did.
        """
        with self.lock:
            events, self.events = self.events, []
        for event in events:
            try:
                event()
            except Exception:
                logger.exception("a script run's event failed on the event loop")


def _pending_of(session: AppSession) -> _Pending:
    found: _Pending | None = session.__dict__.get(_EVENTS)
    if found is None:
        found = session.__dict__.setdefault(_EVENTS, _Pending())  # atomic: one list per session
    return found


def _on_scriptrunner_event(
    self: AppSession,
    sender: Any,
    event: Any,
    forward_msg: Any = None,
    exception: Any = None,
    client_state: Any = None,
    page_script_hash: Any = None,
    fragment_ids_this_run: Any = None,
    pages: Any = None,
    run_descriptor: Any = None,
) -> None:
    """Called by the session's ScriptRunner (on its script thread) for each event it emits."""
    handle = functools.partial(
        self._handle_scriptrunner_event_on_event_loop,
        sender,
        event,
        forward_msg,
        exception,
        client_state,
        page_script_hash,
        fragment_ids_this_run,
        pages,
        run_descriptor,
    )
    pending = _pending_of(self)
    if pending.add(handle):
        try:
            self._call_soon_on_event_loop(pending.handle_all)
        except BaseException:
            # Lost as Streamlit's own hand-off loses it; but a list left full would never
            # wake the loop again, and every later event of this session would wait forever.
            pending.drop()
            raise


def _enqueued_some_message(self: Runtime) -> None:
    """A session queued a message: wake the sending loop unless it is already due to send.

    Safe from any thread: the message is queued before this looks, and the loop clears the
    flag before it sends, so a flag seen set means a send that will include the message.
    """
    async_objs = self._get_async_objs()
    if not async_objs.need_send_data.is_set():
        async_objs.eventloop.call_soon_threadsafe(async_objs.need_send_data.set)


def batch_wakeups() -> None:
    """Install the batched hand-off in Streamlit's classes (idempotent)."""
    put(
        (AppSession, "_on_scriptrunner_event", _on_scriptrunner_event),
        (Runtime, "_enqueued_some_message", _enqueued_some_message),
    )


def unbatch_wakeups() -> None:
    """Put Streamlit's own methods back (for the tests that compare both)."""
    put(
        (AppSession, "_on_scriptrunner_event", STREAMLITS_EVENT_HANDOFF),
        (Runtime, "_enqueued_some_message", STREAMLITS_SEND_WAKEUP),
    )
