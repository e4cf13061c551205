"""Putting one of our functions in the place of one of Streamlit's, and Streamlit's back.

Several modules change a method of the pinned Streamlit 1.67 (:mod:`workshop.ui.lane`,
:mod:`workshop.ui.outbox`, :mod:`workshop.ui.redraw`, :mod:`workshop.ui.wakeups`).  Each keeps
Streamlit's own as a constant, which its tests hold the replacement's signature to, and offers
a pair of functions: one to install the change, one to undo it (for the tests and benchmarks
that compare both).  Both go through :func:`put`: one lock for all of them, so an install and
an undo racing from two threads leave one of the two in place, never a mix of both.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()


def put(*changes: tuple[type, str, object]) -> None:
    """Make each `(owner, name, function)` the attribute `name` of the class `owner`, all of
    them under one lock (idempotent, from any thread)."""
    with _lock:
        for owner, name, function in changes:
            setattr(owner, name, function)
