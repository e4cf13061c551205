"""Concerns and comments typed on the phone: sent once, kept in the form if they did not arrive."""

from __future__ import annotations

from typing import Any

import streamlit as st

from workshop.errors import WorkshopError
from workshop.ui.runtime import show_error, tr

#: Session state, per form: the post whose sending failed ("body" and the form's other fields)
#: and the error, or that the last one arrived.
_KEPT = "_post_kept."
_SENT = "_post_sent."


def kept_post(form: str) -> dict[str, str]:
    """What a post form starts with: the fields of a post that did not arrive, else nothing."""
    kept = st.session_state.get(_KEPT + form)
    return dict(kept[0]) if kept else {}


def send_post(form: str, typed: dict[str, str], action: Any, *args: Any) -> None:
    """Send a post typed into `form`, then draw the page again to say what happened.

    The form empties its box in the browser on every submit.  A post the store did not take
    (it cannot be reached, the input was closed) goes back into the form as its starting
    values, so nothing typed is lost; one that arrived leaves it empty.
    """
    try:
        action(*args)
    except WorkshopError as error:
        st.session_state[_KEPT + form] = (typed, error)
    else:
        st.session_state.pop(_KEPT + form, None)
        st.session_state[_SENT + form] = True
    st.rerun()


def post_outcome(form: str, sent_key: str) -> None:
    """In the form, once: the post arrived, or why it did not (its text is still there)."""
    if st.session_state.pop(_SENT + form, False):
        st.success(tr(sent_key))
        return
    kept = st.session_state.get(_KEPT + form)
    if kept and kept[1] is not None:
        show_error(kept[1], unsaved=True)
        st.session_state[_KEPT + form] = (kept[0], None)
