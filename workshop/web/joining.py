"""One browser, one identity per session, however it joins: the join route and the home page.

Both ways in (the QR code's link ``/join/<code>`` and the code typed on the home page) call
:func:`join_token` with what they know of the browser:

1. the per-session cookie ``fok_<code>`` that the join route has always set: if it names a
   participant of the session, that is the browser's identity (older browsers keep theirs);
2. else the browser secret (the ``fok_id`` cookie, ``workshop.web.browser``): the token derived
   from it is the browser's identity, joined once and found again on every later join;
3. without either (cookies switched off, a script, AppTest) a new random identity, as before.

Only a join that creates a participant counts against the client address's join limit
(``workshop.web.joinlimit``); finding an identity again is free.  Nothing here imports Streamlit:
the route uses it outside any script run.
"""

from __future__ import annotations

from collections.abc import Mapping

from workshop.errors import TooManyJoins
from workshop.store import Store
from workshop.store.credentials import new_participant_token, participant_token_for
from workshop.web.browser import valid_secret
from workshop.web.joinlimit import JoinLimiter, JoinLimits, TrustedProxies, client_address

#: The process's join limit, shared by the route and every script run (from the environment,
#: read once at start: a malformed setting stops the app there).
LIMITER = JoinLimiter(JoinLimits.from_environment())
#: The proxies whose X-Forwarded-For is believed (uvicorn's FORWARDED_ALLOW_IPS).
TRUSTED_PROXIES = TrustedProxies.from_environment()


def derived_token(cookies: Mapping[str, str], code: str) -> str:
    """The token the browser secret in `cookies` gives in session `code`, or '' without one."""
    secret = valid_secret(cookies)
    return participant_token_for(secret, code) if secret else ""


def client_of(peer: object, forwarded_for: object) -> str:
    """The address a join counts against, from the peer's address and X-Forwarded-For.

    A missing peer (Streamlit reports loopback as None) counts as loopback; anything that is
    not text (AppTest's stand-in client) counts as missing.
    """
    address = peer if isinstance(peer, str) and peer else "127.0.0.1"
    header = forwarded_for if isinstance(forwarded_for, str) else ""
    return client_address(address, header, TRUSTED_PROXIES)


def join_token(
    store: Store,
    code: str,
    *,
    remembered: str,
    browser_secret: str | None,
    client: str,
    limiter: JoinLimiter | None = None,
) -> str:
    """The token of this browser's identity in the session, joining it first if need be.

    `remembered` is the per-session cookie's token ('' if none), `browser_secret` the browser
    cookie's secret (None if none), `client` the address joins are limited by.  Raises
    :class:`TooManyJoins` when a new participant would exceed the client's limit, and the
    store's errors (an unknown or ended session) as they are.
    """
    if remembered and store.participant(code, remembered) is not None:
        return remembered
    if browser_secret:
        token = participant_token_for(browser_secret, code)
        if store.participant(code, token) is not None:
            return token
    else:
        token = new_participant_token()
    if not (limiter or LIMITER).allow(client):
        raise TooManyJoins()
    # Idempotent for a derived token: a second tab joining at the same moment finds this one.
    return store.join(code, token=token).token
