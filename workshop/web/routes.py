"""HTTP routes served beside the Streamlit UI: joining by link, exports, health.

The join route is what the QR code opens: it finds or creates the participant's anonymous
identity, keeps it in a cookie (Streamlit itself cannot set cookies) and redirects to the
participant page with the identity in the URL, so a reload or a new tab finds the same person.
The identity is the one the browser's cookie gives (``workshop.web.joining``), the same as for
a code typed on the home page; new participants per client address are limited.

The export route hands out any format of :data:`workshop.export.FORMATS` to whoever holds the
facilitator key; without it the answer is the same 403 whatever was wrong (no key, a wrong key,
an unknown session), so the route tells a guesser nothing.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from workshop.errors import NotFound, StoreUnavailable, WorkshopError
from workshop.export import FORMATS, Snapshot, build_snapshot
from workshop.export.wall_charts import wall_charts
from workshop.store import Store
from workshop.store.credentials import normalise_join_code
from workshop.web import browser, joining, services
from workshop.web.addresses import join_base

logger = logging.getLogger("workshop")

COOKIE_PREFIX = "fok_"
COOKIE_MAX_AGE = 60 * 60 * 24 * 30  # a month: longer than any workshop series runs


def cookie_name(code: str) -> str:
    """The cookie that remembers a participant's token for one session."""
    return f"{COOKIE_PREFIX}{code}"


def normalise_code(raw: str) -> str:
    """A join code as typed in canonical form, or '' if malformed (the store's one rule)."""
    return normalise_join_code(raw) or ""


def join(request: Request) -> Response:
    """GET /join/<code>: join (or rejoin) a session and go to the participant page."""
    code = normalise_code(request.path_params["code"])
    if not code:
        return RedirectResponse("/?" + urlencode({"error": "session_not_found"}), status_code=303)
    peer = request.client.host if request.client else None
    forwarded_for = ", ".join(request.headers.getlist("x-forwarded-for"))
    try:
        token = joining.join_token(
            services.store(),
            code,
            remembered=request.cookies.get(cookie_name(code), ""),
            # The secret the middleware just issued when the browser had none: the cookie
            # this response sets, so a code typed later finds this identity.
            browser_secret=browser.secret_of(request.scope),
            client=joining.client_of(peer, forwarded_for),
        )
    except WorkshopError as error:
        return RedirectResponse("/?" + urlencode({"error": error.code}), status_code=303)
    target = "/participate?" + urlencode({"code": code, "p": token})
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        cookie_name(code), token, max_age=COOKIE_MAX_AGE, httponly=True, samesite="lax"
    )
    return response


#: Headers of every export download: never cached, never sniffed, and an HTML record can load
#: nothing and run nothing (its charts are data: images, its style inline).
EXPORT_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
}


def _forbidden() -> Response:
    """The one answer to a missing or wrong key (and to an unknown session)."""
    return PlainTextResponse("Forbidden", status_code=403, headers={"Cache-Control": "no-store"})


def _attachment(file_name: str) -> str:
    """A Content-Disposition header value for a download (file names are ASCII already)."""
    return f'attachment; filename="{file_name}"'


def export_snapshot(
    store: Store,
    code: str,
    key: str,
    format_id: str,
    *,
    lang: str | None = None,
    include_hidden: bool = False,
    individual: bool = False,
) -> Snapshot:
    """The snapshot one format needs: with the wall's charts only for the record and the chart
    zip (drawing their specs costs time the tables do not need)."""
    fmt = FORMATS[format_id]
    with_charts = fmt.needs_charts or format_id in ("html", "pdf")
    return build_snapshot(
        store,
        code,
        key,
        lang=lang,
        include_hidden=include_hidden,
        individual=individual,
        charts=wall_charts if with_charts else None,
    )


def export(request: Request) -> Response:
    """GET /export/<code>.<format>?key=…[&lang=de|en][&hidden=1][&individual=1]: one export.

    The key may also come in an ``X-Facilitator-Key`` header (it then stays out of logs).
    """
    code = normalise_code(request.path_params["code"])
    fmt = FORMATS.get(request.path_params["fmt"])
    if fmt is None:
        return PlainTextResponse("Not found", status_code=404)
    key = request.headers.get("x-facilitator-key") or request.query_params.get("key", "")
    store = services.store()
    try:
        if not code or not key or not store.check_key(code, key):
            return _forbidden()
        snapshot = export_snapshot(
            store,
            code,
            key,
            fmt.id,
            lang=request.query_params.get("lang"),  # invalid values fall back
            include_hidden=request.query_params.get("hidden") == "1",
            individual=request.query_params.get("individual") == "1",
        )
    except NotFound:
        return _forbidden()
    except WorkshopError as error:
        logger.warning("export of %s failed: %s", code, error.code)
        return PlainTextResponse("Unavailable", status_code=503)
    headers = {**EXPORT_HEADERS, "Content-Disposition": _attachment(fmt.file_name(snapshot))}
    return Response(fmt.render(snapshot), media_type=fmt.content_type, headers=headers)


def health(request: Request) -> Response:
    """GET /healthz: 200 when the database answers a query, 503 while it cannot be reached."""
    try:
        services.store().ping()
    except StoreUnavailable:
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


def announce_addresses(port: int) -> None:
    """Say on the console which address phones will be sent to (docs/architecture.md)."""
    base = join_base(os.environ.get("WORKSHOP_PUBLIC_URL"), None, port)
    print(f"Fall oder Kunde? — phones join via {base.url}/join/<code> ({base.origin})", flush=True)


ROUTES = [
    Route("/join/{code}", join, methods=["GET"]),
    Route("/export/{code}.{fmt}", export, methods=["GET"]),
    Route("/healthz", health, methods=["GET"]),
]
