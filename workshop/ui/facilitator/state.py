"""The console's widget state: facilitator calls from callbacks, stable keys that follow the store.

Shared by the console's frame and every tab module (:mod:`~workshop.ui.facilitator.tabs`,
:mod:`~workshop.ui.facilitator.concerns`, :mod:`~workshop.ui.facilitator.pilot`).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from workshop.ui.runtime import run_from_callback
from workshop.web import services


def steer(action: Any, *args: Any, done: str | None = None) -> None:
    """Run a facilitator store call from a widget callback; its first argument is the code."""
    if run_from_callback(action, *args, done=done):
        services.forget_view(args[0])


def show_stored(widget: str, stored: object) -> None:
    """Let a widget with a stable key show the stored value whenever the store changed it.

    The key never contains data that changes under it (a key with the event number made a
    new widget on every vote, and a click could be replayed into it); instead the widget's
    state is set from the store when the stored value differs from what it last showed, so a
    change made elsewhere (another tab, a new round) appears and the facilitator's own click
    is never overwritten by a stale view.
    """
    shown = f"_stored.{widget}"
    if st.session_state.get(shown, _UNSET) != stored:
        st.session_state[widget] = stored
        st.session_state[shown] = stored


_UNSET = object()


def clicked(widget: str) -> Any:
    """A stable-key widget's new value, remembered as what the console now shows (so the next
    :func:`show_stored` does not take it back before the store has it)."""
    value = st.session_state.get(widget)
    st.session_state[f"_stored.{widget}"] = value
    return value
