"""The browser cookie: one random secret per browser, from which its participant tokens derive.

Streamlit's script cannot set cookies, so an ASGI middleware (given to ``st.App`` in ``app.py``)
gives every HTTP response to a browser without a valid ``fok_id`` cookie a new one: 256 random
bits, HttpOnly, SameSite=Lax.  The page's websocket, opened after the page's first requests,
then carries it, so the script sees it in ``st.context.cookies``; a token derived from it
(``credentials.participant_token_for``) is the same whether the browser joins by the QR code's
link or by typing the code on the home page.

The secret is never stored on the server.  A request that arrives without it still gets one in
its response, and :func:`secret_of` tells a route which one, so the first QR scan and a code
typed later agree.  Websocket upgrades get nothing (their response carries no cookie the
browser would keep), and a response that issues a cookie is never cached: a shared cache that
kept it would hand one browser's identity to everyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from workshop.store.credentials import is_token, new_browser_secret

BROWSER_COOKIE = "fok_id"
#: A year: the identity outlives any workshop series; browsers cap cookies at 400 days anyway.
BROWSER_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
#: Where the middleware leaves the request's browser secret for the routes (``request.state``).
_STATE_KEY = "browser_secret"


def valid_secret(cookies: Mapping[str, str]) -> str | None:
    """The browser secret in these cookies if it has the right form, else None."""
    value = cookies.get(BROWSER_COOKIE)
    return value if is_token(value) else None


def secret_of(scope: Scope) -> str | None:
    """The browser secret of this request: the one the browser sent or the one just issued.

    Without the middleware (a bare Starlette app in a test), the cookie the request carries.
    """
    state: dict[str, Any] = scope.get("state") or {}
    issued = state.get(_STATE_KEY)
    if is_token(issued):
        return str(issued)
    headers = dict(scope.get("headers") or [])
    return valid_secret(cookie_parser(headers.get(b"cookie", b"").decode("latin-1")))


def cookie_header(secret: str, *, secure: bool) -> str:
    """The Set-Cookie value that hands a browser its secret."""
    attributes = f"Max-Age={BROWSER_COOKIE_MAX_AGE}; Path=/; HttpOnly; SameSite=Lax"
    return f"{BROWSER_COOKIE}={secret}; {attributes}" + ("; Secure" if secure else "")


class BrowserCookieMiddleware:
    """ASGI middleware: a browser secret for every HTTP request, a cookie when it was missing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the cookie to the response of a browser that had none."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        cookies = cookie_parser(headers.get(b"cookie", b"").decode("latin-1"))
        secret = valid_secret(cookies)
        issued = secret is None
        if secret is None:
            secret = new_browser_secret()
        scope.setdefault("state", {})[_STATE_KEY] = secret
        if not issued:
            await self.app(scope, receive, send)
            return
        set_cookie = cookie_header(secret, secure=scope.get("scheme") == "https")

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                response_headers.append("set-cookie", set_cookie)
                response_headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_cookie)
