"""Work Streamlit repeats on every script run that this app can do once per process.

Every run, a slider move's fragment run too, starts with a ``new_session`` message that carries
the theme, and Streamlit builds the theme anew each time from the config: six sections read
option by option, names converted to snake case with regular expressions, about 7 % of the
server's CPU in a room of 300 phones.  The theme cannot change while the server runs (the
config is read at start; ``fileWatcherType = "none"``), so it is built once per section and
copied into each message.

This replaces a private function of ``streamlit.runtime.app_session`` (Streamlit 1.67, the
pinned version the browser tests run); the result is checked against Streamlit's own in
``tests/ui/test_server_tuning.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from streamlit.runtime import app_session

#: Streamlit's own function, as imported (the cache calls it once per section).
STREAMLITS_OWN: Callable[..., None] = app_session._populate_theme_msg
_lock = threading.Lock()
_installed = False


def cache_theme_messages() -> None:
    """Build each theme section's message once per process (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        app_session._populate_theme_msg = _cached(STREAMLITS_OWN)
        _installed = True


def _cached(populate: Callable[..., None]) -> Callable[..., None]:
    built: dict[str, Any] = {}

    def populate_from_cache(msg: Any, section: str = "theme") -> None:
        theme = built.get(section)
        if theme is None:
            theme = type(msg)()
            populate(theme, section)
            with _lock:
                built.setdefault(section, theme)
        if theme.ListFields():  # an empty section leaves the message unset, as Streamlit does
            msg.MergeFrom(theme)

    return populate_from_cache
