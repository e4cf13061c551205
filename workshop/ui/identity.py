"""Who is reading: facilitator (key), participant (token), the wall, or a visitor.

Identity lives in the URL (``code``, ``p`` for a participant token, ``key`` for the facilitator)
and, for participants, in cookies (the join route's, or the browser cookie the identity is
derived from, ``workshop.web.joining``): a reload, a new tab or a dropped connection always
finds the same person again.  Checks are cached per browser session and
repeated by the store on every change.

A store that cannot be reached answers neither yes nor no: :func:`facilitator_key` and
:func:`participant_token` then raise :class:`~workshop.errors.StoreUnavailable` (nothing is
cached), and the page says the workshop data are unreachable instead of "wrong key" or
"not joined".
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

from workshop.errors import StoreUnavailable, WorkshopError
from workshop.ui.runtime import query
from workshop.web import services
from workshop.web.joining import derived_token
from workshop.web.routes import cookie_name, normalise_code

Role = Literal["facilitator", "participant", "wall", "visitor"]


def code() -> str:
    """The session code from the URL, canonical, or ''."""
    return normalise_code(query("code"))


def facilitator_key() -> str:
    """The facilitator key from the URL, if it opens this session; else ''.

    Raises StoreUnavailable when the store cannot tell (a later run asks again).
    """
    session, key = code(), query("key")
    if not session or not key:
        return ""
    cache_key = ("facilitator", session, key)
    if st.session_state.get("_verified") == cache_key:
        return key
    try:
        valid = services.store().check_key(session, key)
    except StoreUnavailable:
        raise  # no answer at all: never taken for a wrong key
    except WorkshopError:
        valid = False
    if valid:
        st.session_state["_verified"] = cache_key
    return key if valid else ""


def participant_token() -> str:
    """The participant token (URL first, else the cookies'), if known in this session.

    Raises StoreUnavailable when the store cannot tell (a later run asks again).
    """
    session = code()
    if not session:
        return ""
    cookies = st.context.cookies
    # The join cookie, else the token the browser cookie gives (a code typed on the home page).
    token = query("p") or cookies.get(cookie_name(session), "") or derived_token(cookies, session)
    if not token:
        return ""
    cache_key = ("participant", session, token)
    if st.session_state.get("_verified") == cache_key:
        return token
    try:
        known = services.store().participant(session, token) is not None
    except StoreUnavailable:
        raise  # no answer at all: never taken for an unknown participant
    except WorkshopError:
        known = False
    if known:
        st.session_state["_verified"] = cache_key
    return token if known else ""


def role() -> Role:
    """The reader's role for this run (for the navigation; each page checks its own rights).

    While the store cannot be reached the role follows the URL alone, without the rights a key
    or token would give: the page itself says that the workshop data are unreachable.
    """
    try:
        if facilitator_key():
            return "facilitator"
        if participant_token():
            return "participant"
    except StoreUnavailable:
        pass
    if code():
        return "wall"
    return "visitor"
