"""The baseline of the room benchmark: the least a Streamlit app can do for the same room.

``streamlit run bench/room/minimal_app.py`` with ``BENCH_MINIMAL_DATABASE_URL`` (SQLAlchemy URL).
Like the workshop app it has a join route (a cookie, a 303 to ``/participate``), a phone page
with sliders saved on change (one durable write per move, SQLite in WAL mode with
``synchronous=FULL`` as the app's store uses), a 2 s follow fragment that reruns the page when
the phase changed, and a wall whose 1 s fragment shows the counts.  Nothing else: no styles,
no navigation beyond the two pages, no caching of views.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parent))

from minimal_store import engine, join


def join_route(request: Request) -> Response:
    """GET /join/<code>: a participant row and its cookie, then the phone page."""
    code = request.path_params["code"]
    token = request.cookies.get(f"min_{code}") or secrets.token_urlsafe(16)
    join(engine(), code, token)
    response = RedirectResponse(
        "/participate?" + urlencode({"code": code, "p": token}), status_code=303
    )
    response.set_cookie(f"min_{code}", token, httponly=True, samesite="lax")
    return response


def health(request: Request) -> Response:
    """GET /healthz, as the workshop app answers it."""
    return Response("ok")


app = st.App(
    str(Path(__file__).resolve().parent / "minimal_ui.py"),
    routes=[
        Route("/join/{code}", join_route, methods=["GET"]),
        Route("/healthz", health, methods=["GET"]),
    ],
)
