"""Streamlit-side helpers every view uses: language, texts, query parameters, errors."""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import streamlit as st

from workshop.content import Lang, Text
from workshop.errors import StoreMisconfigured, StoreUnavailable, WorkshopError
from workshop.text import wording
from workshop.text.i18n import coerce_lang, language_from_locale, t
from workshop.web import joining, services

LANG_KEY = "lang"
#: Session state: the language of each workshop this browser session has read ({code: lang}).
SESSION_LANGS = "_session_langs"
#: Seconds between two looks whether the store is back, on a page it kept from being drawn.
RETRY_EVERY = 3.0


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
    """The language of this run (session state for fragment runs, which start new threads).

    Read from session state once per thread: a session-state lookup costs more than the text
    it picks, and a fragment's run asks for the language for every line it draws.
    """
    lang = getattr(_run, "lang", None)
    if lang is None:
        lang = _run.lang = str(st.session_state.get("_lang", "de"))
    return str(lang)


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


def show_error(error: WorkshopError, *, unsaved: bool = False) -> None:
    """Show a domain error as a translated message (never a traceback).

    `unsaved`: the error stopped a change; an unreachable store then says plainly that the
    change is not saved (it is not: the store acknowledges every change it keeps).
    """
    key = "error.storage_unavailable_unsaved" if unsaved and is_outage(error) else ""
    key = key or f"error.{error.code}"
    try:
        message = tr(key)
    except KeyError:
        message = tr("error.workshop_error")
    st.error(message, icon=":material/error:")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn domain errors raised inside the block (a change) into translated messages."""
    try:
        yield
    except WorkshopError as error:
        show_error(error, unsaved=True)


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


@functools.lru_cache(maxsize=4096)
def plain(value: str) -> str:
    """User text made safe for Markdown: nothing a participant types can become a link, an
    image, an icon, HTML or formatting.

    Special characters become numeric character references (a backslash escape still lets
    Streamlit turn ``:material/...:`` into an icon), and an invisible word joiner (U+2060)
    breaks what GFM would link on its own (``www.``, ``https://``, ``name@host``).  Cached:
    the same pack texts are escaped on every slider move of every phone.
    """
    value = _AUTOLINK.sub("\u2060", value)
    escaped = "".join(f"&#{ord(ch)};" if ch in _MARKDOWN_SPECIAL else ch for ch in value)
    return escaped.replace("\n", "  \n")


def text_md(value: Text) -> str:
    """Pack content in the reader's language, escaped for a place Streamlit renders as Markdown.

    Pack texts come from any imported pack, so they are treated like participants' text:
    wherever Streamlit renders Markdown (markdown, captions, alerts, widget labels and help,
    radio options, progress texts, expander labels) they go through this; where it shows text
    as it is (selectbox and multiselect options, dataframes, charts) through :func:`text`.
    """
    return plain(text(value))


def plain_names(names: Mapping[str, str]) -> dict[str, str]:
    """The same names escaped with :func:`plain`, for sentences shown as Markdown."""
    return {key: plain(name) for key, name in names.items()}


def client_address() -> str:
    """The address this browser's new identities and imports count against, read the way the
    join route reads it (the peer, or X-Forwarded-For from a trusted proxy)."""
    forwarded = ", ".join(st.context.headers.get_all("X-Forwarded-For"))
    return joining.client_of(st.context.ip_address, forwarded)


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
    # An earlier failure is superseded (a fragment may still be showing it, see keep=).
    st.session_state.pop("_pending_error", None)
    if done:
        flash(done)
    return True


def show_pending_error(*, keep: bool = False) -> None:
    """Show the error a widget callback ran into, once.

    `keep`: show it but leave it for the next full run too (a fragment's run, whose output the
    next full run replaces: the error must not vanish with it).
    """
    error = st.session_state.get("_pending_error") if keep else None
    if not keep:
        error = st.session_state.pop("_pending_error", None)
    if isinstance(error, WorkshopError):
        show_error(error, unsaved=True)


# --- an unreachable store -----------------------------------------------------------------


def is_outage(error: BaseException) -> bool:
    """True when `error` says the store cannot be reached now (not that it is misconfigured)."""
    return isinstance(error, StoreUnavailable) and not isinstance(error, StoreMisconfigured)


def remember_session_lang(code: str, language: str) -> None:
    """Keep what the store said about a workshop's language for when it cannot be asked.

    In this browser session's state for the page's later runs, and in the URL (``lang``, the
    reader's language now) for a reload: a page that cannot reach the store still speaks the
    workshop's language rather than switching to the browser's.
    """
    known = st.session_state.setdefault(SESSION_LANGS, {})
    known[code] = language
    if query("lang") not in ("de", "en"):
        st.query_params["lang"] = reader_lang()


def known_session_lang(code: str) -> str | None:
    """The workshop's language as this browser session last read it, if it did."""
    known = st.session_state.get(SESSION_LANGS)
    return known.get(code) if isinstance(known, dict) else None


def outage_notice() -> None:
    """Say that the workshop data cannot be reached right now (and what that means)."""
    st.warning(tr("error.storage_unavailable_page"), icon=":material/cloud_off:")


def show_unreachable() -> None:
    """The outage notice, and the page drawn again by itself as soon as the store answers."""
    outage_notice()
    _rerun_when_back(time.monotonic())


def unreachable_page(code: str) -> None:
    """All a page can show when the store cannot say who is reading or what the session is.

    Never "not joined" or "wrong key": nothing is known either way, and nothing is cached.
    In the workshop's language when this browser session knows it (see
    :func:`remember_session_lang`), else the reader's.
    """
    use_lang(current_lang(known_session_lang(code)))
    st.title(tr("common.app_name"))
    show_pending_error()  # a change that failed just before: say it is not saved
    show_unreachable()


@st.fragment(run_every=RETRY_EVERY)
def _rerun_when_back(since: float) -> None:
    """Every few seconds: does the store answer again? Then redraw the whole page."""
    if time.monotonic() - since < RETRY_EVERY / 2:
        return  # the page's own run has just failed: look again on the next tick
    try:
        services.store().ping()
    except StoreUnavailable:
        return
    st.rerun(scope="app")


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
