"""Page tests with AppTest: the app's process-wide services on a test's database, and the real
navigation script (``workshop/ui/main.py``, the script `app.py` serves) switched to a page.

    with app_database(f"sqlite:///{tmp_path / 'ui.sqlite3'}"):
        at = page("wall", code=code)  # opened and run once
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from streamlit.testing.v1 import AppTest

from support.paths import PAGES, UI_SCRIPT
from workshop.store import Store
from workshop.web import services

#: Seconds an AppTest run may take; AppTest's default of 3 s is too short for the first run,
#: which imports pandas and altair.
TIMEOUT = 60.0


@contextmanager
def app_database(url: str) -> Iterator[None]:
    """The app's services on the database at `url` for the block: started from nothing, and
    everything they cached (the store included) forgotten afterwards, so tests never see each
    other's sessions."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKSHOP_DATABASE_URL", url)
        services.reset()
        try:
            yield
        finally:
            services.reset()


def app_page(
    name: str,
    *,
    timeout: float = TIMEOUT,
    locale: str | None = None,
    forget_views: bool = True,
    **query: str,
) -> AppTest:
    """An AppTest of the real navigation switched to pages/<name>.py, not run yet.

    `query` are the URL's query parameters, `locale` the browser's language.  A page opened now
    comes after the test's own writes to the store: unless `forget_views` is off, it must not
    draw the session view an earlier page cached (phones share it for up to a second).
    """
    if forget_views:
        services.forget_views()
    at = AppTest.from_file(UI_SCRIPT, default_timeout=timeout)
    if locale is not None:
        at.context = {"locale": locale}
    for key, value in query.items():
        at.query_params[key] = value
    # Before the first run AppTest finds a page by its file name, which is its url_path; the
    # path is absolute because pages/ is not beside the navigation script.
    return at.switch_page(str(PAGES / f"{name}.py"))


def page(name: str, *, timeout: float = 30.0, **query: str) -> AppTest:
    """:func:`app_page`, run once."""
    return app_page(name, timeout=timeout, locale=None, forget_views=True, **query).run()


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


def ranking_lines(at: AppTest) -> list[str]:
    """The phone's ranking bars' labels ("1. Name · Mischform — 68 %"), best first, as a reader
    reads them: one HTML list, names escaped."""
    lines: list[str] = []
    for element in at.get("html"):
        body = str(element.proto.body)
        if 'class="my-ranking"' in body:
            found = re.findall(r'<span class="rank-label">(.*?)</span>', body)
            lines.extend(html.unescape(line) for line in found)
    return lines
