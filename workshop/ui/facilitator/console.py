"""The facilitator's console for the session in the URL (or the create page without a valid key).

The frame: title, join link and QR code, the phase bar, live counts and the tabs
(:mod:`~workshop.ui.facilitator.tabs`, the pilot tab from :mod:`~workshop.ui.facilitator.pilot`,
the export tab from :mod:`workshop.ui.exports`).
While the store cannot be reached the page says so (never "wrong key") and redraws itself
once it answers.
"""

from __future__ import annotations

import os

import streamlit as st

from workshop.content import ContentPack
from workshop.errors import StoreUnavailable, WorkshopError
from workshop.store import PHASES, SessionView
from workshop.ui import identity
from workshop.ui.exports import render_exports
from workshop.ui.facilitator import create, pilot, tabs
from workshop.ui.facilitator.state import clicked, show_stored, steer
from workshop.ui.qr import qr_svg
from workshop.ui.runtime import (
    current_lang,
    is_outage,
    language_switch,
    outage_notice,
    plain,
    query,
    remember_session_lang,
    show_error,
    show_flash,
    show_pending_error,
    show_unreachable,
    tr,
    unreachable_page,
    use_lang,
)
from workshop.web import services
from workshop.web.addresses import join_base, join_url

COUNTS_EVERY = 3.0


def render() -> None:
    """Draw the console for the session in the URL, or the form to create one.

    While the store cannot be reached the page says so (never "wrong key") and redraws itself
    once it answers.
    """
    try:
        code, key = identity.code(), identity.facilitator_key()
    except StoreUnavailable:
        unreachable_page(identity.code())
        return
    if not key:
        use_lang(current_lang())
        if code and query("key"):
            show_error_text("error.wrong_facilitator_key")
        create.draw()
        return
    try:
        view = services.session_view(code, fresh=True)
    except WorkshopError as error:
        if is_outage(error):
            unreachable_page(code)
            return
        use_lang(current_lang())
        show_error(error)
        return
    use_lang(current_lang(view.language))
    remember_session_lang(code, view.language)
    pack = services.pack_of(view)
    show_flash()
    show_pending_error()
    try:
        _console(view, pack, key)
    except WorkshopError as error:  # a read the console needs: said, never Streamlit's box
        if is_outage(error):
            show_unreachable()
        else:
            show_error(error)


def show_error_text(key: str) -> None:
    """Show a translated error by catalog key."""
    st.error(tr(key), icon=":material/error:")


#: The console's header (title, join link, QR code, phases, counts) fits in about 330 px, so
#: every tab opens above the fold on a laptop: less top padding, a smaller title and counts.
_COMPACT_STYLE = """
<style>
[data-testid="stMainBlockContainer"] {padding-top: 4rem;}
[data-testid="stMetricValue"] {font-size: 1.75rem;}
h1 {font-size: 2rem !important; padding-top: 0 !important;}
</style>
"""


def _console(view: SessionView, pack: ContentPack, key: str) -> None:
    st.html(_COMPACT_STYLE)
    _header(view, key)
    _phase_bar(view, key)
    _live_counts(view.code)
    sheets = st.tabs(
        [
            tr("facilitator.tab.steer"),
            tr("facilitator.tab.context"),
            tr("facilitator.tab.moderate"),
            tr("facilitator.tab.notes"),
            tr("facilitator.tab.pilot"),
            tr("facilitator.tab.settings"),
            tr("export.tab"),
        ]
    )
    with sheets[0]:
        tabs.steering(view, key)
        tabs.spotlight(view, pack, key)
    with sheets[1]:
        tabs.context_form(view, pack, key)
    with sheets[2]:
        tabs.moderation(view, pack, key)
    with sheets[3]:
        tabs.notes(view, key)
    with sheets[4]:
        pilot.pilot_tab(view, pack, key)
    with sheets[5]:
        tabs.settings(view, key)
    with sheets[6]:
        render_exports(view, key)


def _header(view: SessionView, key: str) -> None:
    """One row: the QR code, title and join link with where it points, the wall and the key."""
    port = int(st.get_option("server.port") or 8501)
    base = join_base(os.environ.get("WORKSHOP_PUBLIC_URL"), st.context.url, port)
    link = join_url(base, view.code)
    qr, info, tools = st.columns([1, 4, 2], vertical_alignment="top")
    qr.image(qr_svg(link), width=120, alt=tr("common.qr_alt", url=link))
    with info:
        st.title(plain(view.title))
        st.markdown(
            f"**{tr('common.code')}: `{view.code}`** · {tr('facilitator.join_link', url=link)}"
        )
        st.caption(tr(f"facilitator.origin.{base.origin}"))
    console = f"{base.url}/facilitate?code={view.code}&key={key}"
    with tools:
        language_switch()
        st.link_button(
            tr("facilitator.open_wall"), f"{base.url}/wall?code={view.code}", icon=":material/tv:"
        )
        if st.session_state.get("_show_key_once") != view.code:
            with st.expander(tr("facilitator.console_link"), icon=":material/key:"):
                st.caption(tr("facilitator.keep_safe"))
                st.code(console, language=None)
    if st.session_state.get("_show_key_once") == view.code:
        _show_key_once(console)


def _show_key_once(console: str) -> None:
    """Right after creating the session: the facilitator link, prominently, until confirmed."""
    st.warning(tr("facilitator.keep_safe"), icon=":material/key:")
    st.code(console, language=None)
    if st.button(tr("facilitator.key_stored")):
        st.session_state.pop("_show_key_once", None)
        st.rerun()


def _phase_bar(view: SessionView, key: str) -> None:
    show_stored("phase", view.phase)
    st.segmented_control(
        tr("facilitator.phase"),
        list(PHASES),
        format_func=lambda p: f"{PHASES.index(p) + 1}. {tr(f'common.phase.{p}')}",
        key="phase",
        label_visibility="collapsed",
        on_change=_on_phase,
        args=(view.code, key, view.phase),
        width="stretch",
    )


def _on_phase(code: str, key: str, current: str) -> None:
    """Go to the clicked phase; a click on the current one (which deselects it) changes nothing."""
    phase = clicked("phase")
    if not phase:
        st.session_state["phase"] = st.session_state["_stored.phase"] = current
        return
    steer(services.store().set_phase, code, key, phase)


@st.fragment(run_every=COUNTS_EVERY)
def _live_counts(code: str) -> None:
    """Counts only, never names: who has submitted what in this round."""
    try:
        counts = services.store().counts(code)
        # Votes valid in the current vote mode only, as the wall and the tally count them.
        valid_votes = services.vote_count(services.session_view(code))
    except WorkshopError as error:
        if is_outage(error):
            outage_notice()
        return
    cells = st.columns(6)
    # Joined next to weighed and voted: identities nobody uses (padding) stand out.
    joined, weighed, voted = cells[:3]
    joined.metric(
        tr("facilitator.count.joined"),
        counts.participants,
        help=tr("facilitator.count.joined_help"),
    )
    weighed.metric(
        tr("facilitator.count.weighed"), counts.weights, help=tr("facilitator.count.weighed_help")
    )
    voted.metric(
        tr("facilitator.count.voted"), valid_votes, help=tr("facilitator.count.voted_help")
    )
    cells[3].metric(
        tr("common.input.resistance"),
        counts.resistance,
        help=tr("facilitator.count.resistance_help"),
    )
    cells[4].metric(tr("common.input.comments"), counts.comments)
    cells[5].metric(tr("common.input.concerns"), counts.concerns)
