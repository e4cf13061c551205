"""Streamlit-side helpers every view uses: language, texts, query parameters, errors."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from workshop import wording
from workshop.content import Lang, Text
from workshop.errors import WorkshopError
from workshop.i18n import coerce_lang, language_from_locale, t

LANG_KEY = "lang"


def query(name: str) -> str:
    """A query parameter as a stripped string ('' when absent)."""
    value = st.query_params.get(name, "")
    return str(value).strip()


def current_lang(session_language: str | None = None) -> Lang:
    """The reader's language: ?lang=, else chosen earlier, else the session's, else the browser's.

    The switch writes its choice into the URL too, so a reload keeps it and a shared link
    opens in the language it was copied in.
    """
    if query("lang") in ("de", "en"):
        return coerce_lang(query("lang"))
    chosen = st.session_state.get(LANG_KEY)
    if chosen in ("de", "en"):
        return coerce_lang(chosen)
    if session_language in ("de", "en"):
        return coerce_lang(session_language)
    return language_from_locale(st.context.locale)


_run = threading.local()  # each script run has its own thread: the run's language lives here


def reader_lang() -> str:
    """The language of this run (session state for fragment runs, which start new threads)."""
    lang = getattr(_run, "lang", None)
    return lang if lang is not None else str(st.session_state.get("_lang", "de"))


def tr(key: str, /, **values: object) -> str:
    """The UI text `key` in the reader's language."""
    return t(key, reader_lang(), **values)


def text(value: Text) -> str:
    """Pack content in the reader's language."""
    return value.get(reader_lang())


def use_lang(lang: Lang) -> Lang:
    """Make `lang` the language of this run (read by :func:`tr` and :func:`text`)."""
    st.session_state["_lang"] = lang
    _run.lang = lang
    return lang


def language_switch(key: str = "lang_switch") -> None:
    """A compact DE/EN switch that remembers the choice for this browser session."""
    current = reader_lang()
    choice = st.segmented_control(
        tr("common.language"),
        options=["de", "en"],
        format_func=lambda lang: "Deutsch" if lang == "de" else "English",
        default=current,
        key=key,
        label_visibility="collapsed",
    )
    if choice and choice != current:
        st.session_state[LANG_KEY] = choice
        st.query_params["lang"] = choice
        use_lang(coerce_lang(choice))
        st.rerun()


def show_error(error: WorkshopError) -> None:
    """Show a domain error as a translated message (never a traceback)."""
    key = f"error.{error.code}"
    try:
        message = tr(key)
    except KeyError:
        message = tr("error.workshop_error")
    st.error(message, icon=":material/error:")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn domain errors raised inside the block into translated messages."""
    try:
        yield
    except WorkshopError as error:
        show_error(error)


def flash(message: str) -> None:
    """Show a short confirmation after the next rerun (e.g. after a button callback)."""
    st.session_state["_flash"] = message


def show_flash() -> None:
    """Show and clear a pending confirmation."""
    message = st.session_state.pop("_flash", None)
    if message:
        st.toast(message, icon=":material/check_circle:")


_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:&=\"'/@")
#: Where GFM turns plain text into a link (www., scheme://, e-mail): a word joiner goes there.
_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=//)|(?=@)")


def plain(value: str) -> str:
    """User text made safe for Markdown: nothing a participant types can become a link, an
    image, an icon, HTML or formatting.

    Special characters become numeric character references (a backslash escape still lets
    Streamlit turn ``:material/...:`` into an icon), and an invisible word joiner (U+2060)
    breaks what GFM would link on its own (``www.``, ``https://``, ``name@host``).
    """
    value = _AUTOLINK.sub("\u2060", value)
    escaped = "".join(f"&#{ord(ch)};" if ch in _MARKDOWN_SPECIAL else ch for ch in value)
    return escaped.replace("\n", "  \n")


def percent(share: float) -> str:
    """A share as a whole percentage the reader's way: "68 %" in German, "68%" in English."""
    return wording.percent(share, coerce_lang(reader_lang()), 0)


def names_list(names: list[str]) -> str:
    """Names in running text the reader's way: "A und B" / "A and B"."""
    return wording.join_names(names, coerce_lang(reader_lang()))


def run_from_callback(
    action: Callable[..., object], *args: object, done: str | None = None
) -> bool:
    """Run a store call from a widget callback (callbacks cannot draw).

    A domain error is kept and shown by :func:`show_pending_error` on the next draw; on success
    `done` is shown as a toast.  Returns whether the call succeeded.
    """
    try:
        action(*args)
    except WorkshopError as error:
        st.session_state["_pending_error"] = error
        return False
    if done:
        flash(done)
    return True


def show_pending_error() -> None:
    """Show the error a widget callback ran into, once."""
    error = st.session_state.pop("_pending_error", None)
    if isinstance(error, WorkshopError):
        show_error(error)


def _css_string(value: str) -> str:
    """`value` as a quoted CSS string (a style's content cannot carry markup or break out)."""
    safe = (c if c.isalnum() or c in " .,;:!?–-" else f"\\{ord(c):x} " for c in value)
    return '"' + "".join(safe) + '"'


def offline_notice_style(lang: str | None = None) -> str:
    """A ``<style>`` that shows a notice in `lang` (else the reader's) while the page is offline.

    Streamlit marks its root element with the connection state and, while not connected,
    disables every input itself; its own notice is an English dialog, which this replaces.
    The notice appears only after a second offline, so a quick reconnect does not flash it.
    """
    return _offline_style(coerce_lang(lang or reader_lang()))


@functools.cache
def _offline_style(lang: Lang) -> str:
    waiting = _css_string(t("common.offline", lang))
    lost = _css_string(t("common.offline_forever", lang))
    app = '[data-testid="stApp"]'
    offline = f'{app}:not([data-test-connection-state="CONNECTED"])'
    return f"""<style>
body:has({offline}) [data-testid="stDialog"] {{display: none;}}
{offline}::before {{
  content: {waiting}; position: fixed; inset: 0 0 auto 0; z-index: 1000100;
  padding: 0.8rem 1rem; background: #8a1c1c; color: #fff; font-weight: 600;
  text-align: center; line-height: 1.35; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.35);
  visibility: hidden; animation: fok-offline 0s linear 1s forwards;
}}
{app}[data-test-connection-state="DISCONNECTED_FOREVER"]::before {{content: {lost};}}
@keyframes fok-offline {{ to {{ visibility: visible; }} }}
</style>"""
