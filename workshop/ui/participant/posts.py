"""Concerns and comments typed on the phone: sent once, kept in the form if they did not arrive."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from workshop.errors import WorkshopError
from workshop.store import Concern
from workshop.ui.runtime import show_error, tr
from workshop.web import services

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


# --- other people's posts, live -------------------------------------------------------------

#: Session state: the concerns list the page drew (its :func:`concerns_signature`).
_DRAWN = "_posts_drawn"

#: What a phone shows of one concern that others can change: id, upvotes, status, answer.
ConcernsSignature = tuple[tuple[int, int, str, str | None], ...]


def concerns_signature(concerns: Sequence[Concern]) -> ConcernsSignature:
    """What, when it changes, must redraw the concerns list: which ones, in which order, votes,
    and the facilitator's status and answer (so a phone shows "answered" without a reload)."""
    return tuple((c.id, c.upvotes, c.status, c.answer) for c in concerns)


def remember_drawn(code: str, concerns: Sequence[Concern]) -> None:
    """Note the concerns list just drawn, so the follower can tell when others changed it."""
    st.session_state[_DRAWN] = (code, concerns_signature(concerns))


def forget_drawn() -> None:
    """The page shows no concerns list (another phase): nothing to follow."""
    st.session_state.pop(_DRAWN, None)


def drawn_concerns(code: str) -> ConcernsSignature | None:
    """The concerns list this run drew for session `code`, or None when it drew none."""
    drawn = st.session_state.get(_DRAWN)
    return drawn[1] if drawn is not None and drawn[0] == code else None


def concerns_moved(code: str) -> bool:
    """True when someone posted or upvoted, or the facilitator hid, answered or marked a concern
    since the page drew its list (False when it drew none)."""
    drawn = drawn_concerns(code)
    return drawn is not None and current_concerns(code) != drawn


#: Per session: the event number and the concerns list's signature at that number.  Shared by
#: every phone of the process, so one read serves them all (the push thread calls this).
_current: dict[str, tuple[int, ConcernsSignature]] = {}


def current_concerns(code: str) -> ConcernsSignature:
    """The concerns list's signature in the store now.

    Cheap while nothing happens: one indexed read of the event number; only when it moved are
    the concerns read (any event moves it, a join too, so the list itself decides).  No
    Streamlit call: the push thread (:mod:`workshop.ui.push`) calls it.
    """
    store = services.store()
    seq = store.last_seq(code)
    known = _current.get(code)
    if known is not None and known[0] == seq:
        return known[1]
    signature = concerns_signature(store.concerns(code))
    _current[code] = (seq, signature)
    return signature
