"""Navigation built per role on every run: participants see only their page.

Hidden pages stay reachable by URL, so every page checks its own permission (the store checks
the facilitator key on every change as well).

The `st.Page` objects are built anew on every run, although that costs a little: each carries
state of the run that chose it (`st.navigation` marks it callable, its `run()` unmarks it), so
objects shared by the sessions' threads would let one session's run refuse another's.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workshop.ui import identity, pagescript, redraw, secrets
from workshop.ui.runtime import current_lang, reader_lang, tr, use_lang

PAGES = Path(__file__).resolve().parent.parent.parent / "pages"


def page_file(name: str) -> str:
    """The absolute path of pages/<name>.py, for st.switch_page and st.page_link."""
    return str(PAGES / f"{name}.py")


def _page(name: str, title_key: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(
        PAGES / f"{name}.py",
        title=tr(title_key),
        icon=icon,
        url_path="" if default else name,
        default=default,
    )


def run() -> None:
    """Configure the page, pick the pages for this reader and run the selected one."""
    secrets.register()  # AppTest runs this script without app.py
    redraw.forget_routes()  # a full run: nothing of the page is drawn yet
    use_lang(current_lang())
    role = identity.role()
    wide = role in {"facilitator", "wall"}
    st.set_page_config(
        page_title=tr("common.app_name"),
        # An emoji: Streamlit draws it as an inline SVG.  A ":material/...:" favicon is fetched
        # from fonts.gstatic.com on every page, a request outside the app from every phone.
        page_icon="💬",
        layout="wide" if wide else "centered",
        initial_sidebar_state="collapsed",
    )
    home = _page("home", "common.nav.home", ":material/home:", default=True)
    pages = [
        home,
        _page("participate", "common.nav.participate", ":material/smartphone:"),
        _page("facilitate", "common.nav.facilitate", ":material/tune:"),
        _page("wall", "common.nav.wall", ":material/tv:"),
        _page("explore", "common.nav.explore", ":material/explore:"),
    ]
    # The page script's place comes first, so the element keeps its identity across reruns;
    # it is filled once the page has run, when the page's language (often the workshop's) is
    # known, and also when the page stops early.
    slot = st.empty()
    try:
        st.navigation(pages, position="sidebar" if role == "facilitator" else "hidden").run()
    finally:
        pagescript.mount(reader_lang(), slot)
