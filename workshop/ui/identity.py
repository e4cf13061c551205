"""Who is reading: facilitator (key), participant (token), the wall, or a visitor.

Identity lives in the URL (``code``, ``p`` for a participant token, ``key`` for the facilitator)
and, for participants, in a cookie set by the join route: a reload, a new tab or a dropped
connection always finds the same person again.  Checks are cached per browser session and
repeated by the store on every change.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

from workshop.errors import WorkshopError
from workshop.ui import services
from workshop.ui.routes import cookie_name, normalise_code
from workshop.ui.runtime import query

Role = Literal["facilitator", "participant", "wall", "visitor"]


def code() -> str:
    """The session code from the URL, canonical, or ''."""
    return normalise_code(query("code"))


def facilitator_key() -> str:
    """The facilitator key from the URL, if it opens this session; else ''."""
    session, key = code(), query("key")
    if not session or not key:
        return ""
    cache_key = ("facilitator", session, key)
    if st.session_state.get("_verified") == cache_key:
        return key
    try:
        valid = services.store().check_key(session, key)
    except WorkshopError:
        valid = False
    if valid:
        st.session_state["_verified"] = cache_key
    return key if valid else ""


def participant_token() -> str:
    """The participant token (URL first, else the join cookie), if known in this session."""
    session = code()
    if not session:
        return ""
    token = query("p") or st.context.cookies.get(cookie_name(session), "")
    if not token:
        return ""
    cache_key = ("participant", session, token)
    if st.session_state.get("_verified") == cache_key:
        return token
    try:
        known = services.store().participant(session, token) is not None
    except WorkshopError:
        known = False
    if known:
        st.session_state["_verified"] = cache_key
    return token if known else ""


def role() -> Role:
    """The reader's role for this run."""
    if facilitator_key():
        return "facilitator"
    if participant_token():
        return "participant"
    if code():
        return "wall"
    return "visitor"
