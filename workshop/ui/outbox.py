"""The runtime's sending loop visits only the browser sessions that queued something to send.

Streamlit 1.67 sends what script runs draw from one loop on the event loop: woken by any
session's message, it goes through *every* connected session, empties its queue and sends
what the queue held, sleeps 5 ms and waits for the next message.  In a room of 300 phones a
move's messages wake that loop two or three times, and each time it visits 300 sessions, 299
of them with nothing to send: at 300 phones that was about 17 % of the server's CPU while one
phone moved alone (py-spy), and it grows with the room, not with what happens in it.

Here a session marks itself when it has queued a message, after the message is in its queue
and before the loop is woken, and the loop's list of sessions is the marked ones, taken and
cleared at once.  A message queued while the loop sends is marked after that taking, and the
wake-up it causes brings the next turn, which sends it.  A session that connects or reconnects
is marked too, so what it queued meanwhile goes out.  What is sent, to whom and in which order
within a session is unchanged.

This wraps the session manager of Streamlit 1.67's runtime (the pinned version the browser
tests run): its sending loop asks ``self._session_mgr.list_active_sessions()`` each turn, and
every other use goes to the real manager unchanged (the statistics keep the real one).
``tests/ui/test_outbox.py`` runs a real runtime with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession

from workshop.ui.streamlit_patch import put

#: Streamlit's own constructor, as imported (kept for the tests and to undo the change).
STREAMLITS_RUNTIME_INIT: Callable[..., None] = Runtime.__init__


class _MarkThenWake:
    """A session's "I queued a message" call: mark the session, then wake the sending loop."""

    __slots__ = ("outbox", "session_id", "wake")

    def __init__(self, outbox: SendingSessions, session_id: str, wake: Callable[[], None]) -> None:
        self.outbox, self.session_id, self.wake = outbox, session_id, wake

    def __call__(self) -> None:
        self.outbox.mark(self.session_id)
        self.wake()


class SendingSessions:
    """The runtime's session manager, except that the sending loop's list of sessions holds
    only those that queued something since the loop last took the list."""

    def __init__(self, manager: Any) -> None:
        self._manager = manager
        self._lock = threading.Lock()
        #: Session ids in the order they first queued a message (a dict keeps that order).
        self._marked: dict[str, None] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._manager, name)

    def mark(self, session_id: str) -> None:
        """Session `session_id` has something to send (safe from any thread)."""
        with self._lock:
            self._marked[session_id] = None

    def connect_session(self, *args: Any, **kwargs: Any) -> str:
        """Connect as the manager does; the session then marks itself whenever it queues."""
        session_id: str = self._manager.connect_session(*args, **kwargs)
        info = self._manager.get_active_session_info(session_id)
        if info is not None:
            self._let_mark(info.session)
        self.mark(session_id)  # what a resumed session queued while it was away
        return session_id

    def list_active_sessions(self) -> list[Any]:
        """The connected sessions that queued something, taken: the next call lists only those
        that queue again."""
        with self._lock:
            marked, self._marked = self._marked, {}
        found = (self._manager.get_active_session_info(session_id) for session_id in marked)
        return [info for info in found if info is not None]

    def _let_mark(self, session: AppSession) -> None:
        wake = session._message_enqueued_callback
        if wake is not None and not isinstance(wake, _MarkThenWake):
            session._message_enqueued_callback = _MarkThenWake(self, session.id, wake)


def _runtime_init(self: Runtime, *args: Any, **kwargs: Any) -> None:
    STREAMLITS_RUNTIME_INIT(self, *args, **kwargs)
    self._session_mgr = SendingSessions(self._session_mgr)


def send_only_to_marked() -> None:
    """Make every runtime created from now on send only to sessions that queued (idempotent).

    Call it before the server creates its runtime (``app.py`` runs first); a runtime that
    exists already keeps Streamlit's loop, since its sessions would not mark themselves.
    """
    put((Runtime, "__init__", _runtime_init))


def send_to_all() -> None:
    """Put Streamlit's own constructor back (for the tests that compare both)."""
    put((Runtime, "__init__", STREAMLITS_RUNTIME_INIT))
