"""Helpers for page tests: resetting the app's services, sessions, AppTest runs (see conftest)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from workshop.packs import default_pack, pack_to_data
from workshop.store import SessionSettings, Store
from workshop.web import services

ROOT = Path(__file__).resolve().parents[2]
UI_SCRIPT = str(Path(__file__).resolve().parents[2] / "workshop" / "ui" / "main.py")


def reset_services() -> None:
    """Forget the process-wide store and every cache built on it."""
    services.reset()


def new_session(store: Store, **settings: Any) -> tuple[str, str]:
    """A session with the default pack; returns (code, facilitator key)."""
    created = store.create_session(
        "Testworkshop", "de", pack_to_data(default_pack()), SessionSettings(**settings)
    )
    return created.code, created.facilitator_key


def page(name: str, **params: str) -> AppTest:
    """An AppTest of the navigation script switched to pages/<name>.py with query params."""
    # A page opened now comes after the test's own writes to the store: it must not draw the
    # session view an earlier page cached (phones share it for up to a second).
    services._views.clear()
    at = AppTest.from_file(UI_SCRIPT, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / "pages" / f"{name}.py"))
    return at.run()


def refresh(at: AppTest, store: Store, code: str) -> AppTest:
    """Rerun a page after a change made directly in the store."""
    services.forget_view(code)
    return at.run()


def texts(at: AppTest) -> str:
    """All visible markdown, captions, subheaders and alerts of a page, joined, as a reader
    reads them: pack texts and user text reach Markdown escaped as character references."""
    parts: list[str] = []
    for kind in (
        "markdown",
        "caption",
        "subheader",
        "title",
        "info",
        "success",
        "warning",
        "error",
    ):
        parts.extend(html.unescape(str(element.value)) for element in getattr(at, kind))
    return "\n".join(parts)
