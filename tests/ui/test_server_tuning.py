"""The theme Streamlit sends with every run, built once per process, is the one it builds itself."""

from __future__ import annotations

from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import app_session

from workshop.ui import server_tuning

SECTIONS = [
    "theme",
    *(f"theme.{c.value}" for c in config.CustomThemeCategories),
]


def themes(populate: object) -> bytes:
    """A new_session message's theme, every section filled the way Streamlit fills them."""
    message = ForwardMsg()
    theme = message.new_session.custom_theme
    targets = {
        "theme": theme,
        "theme.light": theme.light,
        "theme.dark": theme.dark,
        "theme.sidebar": theme.sidebar,
        "theme.light.sidebar": theme.light.sidebar,
        "theme.dark.sidebar": theme.dark.sidebar,
    }
    for section in SECTIONS:
        populate(targets[section], section)  # type: ignore[operator]
    return message.SerializeToString(deterministic=True)


def test_the_cached_theme_is_streamlits_own() -> None:
    """Built from the project's config, the cached theme equals Streamlit's, on the first message
    and on later ones (served from the cache); sections left empty stay unset."""
    original = server_tuning.STREAMLITS_OWN
    expected = themes(original)
    assert config.get_option("theme.primaryColor") == "#0b5cad", "the project's config is read"
    cached = server_tuning._cached(original)
    assert themes(cached) == expected
    assert themes(cached) == expected
    empty = ForwardMsg()
    cached(empty.new_session.custom_theme.dark, "theme.dark")
    assert not empty.new_session.custom_theme.HasField("dark")


def test_installing_twice_wraps_once() -> None:
    """:func:`cache_theme_messages` may run in every app.py import: it wraps Streamlit once."""
    server_tuning.cache_theme_messages()
    first = app_session._populate_theme_msg
    server_tuning.cache_theme_messages()
    assert app_session._populate_theme_msg is first
