"""The participant page's frame: joining, the header, the phase's module, following the facilitator.

While the store cannot be reached the phone says so (in the workshop's language) and shows
what it showed a moment ago, if anything; it redraws itself once the store answers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from typing import Any

import streamlit as st

from workshop.content import ContentPack
from workshop.errors import StoreUnavailable, WorkshopError
from workshop.store import SessionView
from workshop.ui import identity, push, redraw
from workshop.ui.participant import (
    context,
    options,
    pilot,
    resistance,
    results,
    vote,
    weigh,
    welcome,
)
from workshop.ui.participant.context import CONTEXT_STYLE
from workshop.ui.participant.mirror import load_inputs
from workshop.ui.participant.posts import (
    concerns_moved,
    current_concerns,
    drawn_concerns,
    forget_drawn,
)
from workshop.ui.participant.ranking import RANKING_STYLE
from workshop.ui.participant.scroll import phase_top
from workshop.ui.runtime import (
    client_address,
    current_lang,
    is_outage,
    known_session_lang,
    language_switch,
    offline_notice_style,
    outage_notice,
    plain,
    remember_session_lang,
    show_error,
    show_flash,
    show_pending_error,
    tr,
    unreachable_page,
    use_lang,
)
from workshop.ui.shell import page_file
from workshop.web import browser, joining, services
from workshop.web.routes import cookie_name

#: Where the server cannot push (AppTest): how often a phone asks whether the facilitator
#: moved on (seconds).
FOLLOW_EVERY = 2.0
#: Session-state flag: this browser session has drawn the page before.
_OPENED = "_participant_opened"

#: Phones: every tap target at least 44 × 44 px (WCAG 2.5.5, Apple's HIG); Streamlit's defaults
#: are 12 px slider thumbs, 16 px help icons, 22 px radio options and 32–40 px buttons.  Slider
#: thumbs and help icons keep their look: a transparent border or a negative margin widens only
#: the touch area.
#: The module drawing each phase (one module per phase, see the package's docstring).
_PHASES: dict[str, Callable[[SessionView, ContentPack, str], None]] = {
    "welcome": welcome.draw,
    "weigh": weigh.draw,
    "context": context.draw,
    "options": options.draw,
    "vote": vote.draw,
    "resistance": resistance.draw,
    "results": results.draw,
}

#: Touch targets of at least 44 px (WCAG 2.5.5).
_TOUCH_STYLE = """
.stButton button, .stFormSubmitButton button, [data-testid="stButtonGroup"] button,
[data-testid="stExpander"] summary, [data-testid="stSelectbox"] [role="group"]
  {min-height: 44px;}
[data-testid="stRadioOption"] {min-height: 44px; align-items: center;}
.stButton button, [data-testid="stNumberInput"] button, [data-testid="stSelectbox"] button
  {min-width: 44px; min-height: 44px;}
[data-testid="stTooltipHoverTarget"] button {min-width: 44px; min-height: 44px; margin: -14px;}
[data-testid="stSlider"] div:has(> div > input[type="range"])
  {width: 44px; height: 44px; border: 16px solid transparent; background-clip: padding-box;}
"""
_PHONE_STYLE = f"<style>{_TOUCH_STYLE}{RANKING_STYLE}{CONTEXT_STYLE}</style>"


def rejoin_or_join(code: str) -> str:
    """The token of this browser's identity in the session, the same the QR code's link gives.

    The browser's cookies (sent with the page's websocket) decide, as in the join route
    (``workshop.web.joining``); new participants count against the client's join limit.
    """
    cookies = st.context.cookies
    return joining.join_token(
        services.store(),
        code,
        remembered=cookies.get(cookie_name(code), ""),
        browser_secret=browser.valid_secret(cookies),
        client=client_address(),
    )


def render() -> None:
    """Draw the participant page for the session in the URL.

    While the store cannot be reached the phone says so (in the workshop's language) and shows
    what it showed a moment ago, if anything; it redraws itself once the store answers.
    """
    try:
        code, token = identity.code(), identity.participant_token()
    except StoreUnavailable:
        unreachable_page(identity.code())
        return
    if not code or not token:
        _not_joined()
        return
    stale = False
    try:
        # A page just opened reads the session afresh: a phone joining right after the
        # facilitator moved on must not show the phase of a second ago (the shared view's age).
        view = services.session_view(code, fresh=_OPENED not in st.session_state)
    except WorkshopError as error:
        last = services.last_view(code) if is_outage(error) else None
        if last is None:
            _cannot_show(code, error)
            return
        view, stale = last, True
    st.session_state[_OPENED] = True
    use_lang(current_lang(view.language))
    remember_session_lang(code, view.language)
    st.html(_PHONE_STYLE + offline_notice_style())
    pack = services.pack_of(view)
    top = st.container()  # the follower (and its outage notice) goes here, drawn last
    _header(view)
    show_flash()
    show_pending_error()
    forget_drawn()  # the welcome phase notes its concerns list again as it draws it
    pilot.forget_drawn()  # and the results phase its pilot plan
    resistance.forget_drawn()  # and the resistance phase the group's result
    complete = _draw_phase(view, pack, token) and not stale
    with top:
        phase_top(f"{view.code}.{view.round}.{view.phase}")
        _follow_by_push(view, complete)
    st.divider()
    language_switch()
    if complete:  # the phase routed its sliders' moves to the parts they change
        redraw.drawn_in_full()


def _cannot_show(code: str, error: WorkshopError) -> None:
    """Nothing to draw: the store cannot be reached, or the session cannot be read."""
    if is_outage(error):
        unreachable_page(code)
        return
    use_lang(current_lang(known_session_lang(code)))
    show_error(error)


def _draw_phase(view: SessionView, pack: ContentPack, token: str) -> bool:
    """Draw the phase's inputs; False when the store could not be reached for a read.

    The follower then says so and redraws the page once the store answers; any other error
    is shown where the page stops (never Streamlit's error box).
    """
    try:
        load_inputs(view, pack, token)
        _phase(view, pack, token)
    except WorkshopError as error:
        if is_outage(error):
            return False
        show_error(error)
    return True


def _phase(view: SessionView, pack: ContentPack, token: str) -> None:
    """Hand the page to the module of the facilitator's phase (the results after the vote)."""
    draw = _PHASES.get(view.phase, results.draw)
    draw(view, pack, token)


def _not_joined() -> None:
    use_lang(current_lang())
    st.title(tr("common.app_name"))
    st.info(tr("participant.not_joined"))
    st.page_link(page_file("home"), label=tr("participant.to_start"), icon=":material/login:")


# --- following the facilitator ------------------------------------------------------------


def _follow_by_push(view: SessionView, complete: bool) -> None:
    """Let the server rerun this page when the session changes (:mod:`workshop.ui.push`).

    Where the server cannot push (AppTest), the page polls with :func:`_follow` instead.
    """
    concerns, plan = drawn_concerns(view.code), pilot.drawn_pilot(view.code)
    group = resistance.drawn_group(view.code)
    fingerprint = _fingerprint_following(concerns is not None, plan is not None, group is not None)
    drawn = (_fingerprint(view), (concerns, plan, group)) if complete else None
    if not push.watch(view.code, drawn, fingerprint):
        _follow(view.code, _fingerprint(view) if complete else None, time.monotonic())
    elif not complete:
        outage_notice()


@cache
def _fingerprint_following(concerns: bool, plan: bool, group: bool) -> push.Fingerprint:
    """For the push thread: the session, and what else the page drew that may wait a moment.

    A page listing concerns also follows the list (posts, upvotes, a status or an answer); one
    showing the pilot block follows the plan; one showing the group's resistance follows how
    many rated and, once shown, the figures.  One function per combination (cached), so pages
    drawing the same way share its reads in each turn of the push thread.
    """

    def fingerprint(view: SessionView) -> push.Drawn:
        listed = current_concerns(view.code) if concerns else None
        planned = pilot.current_pilot(view.code) if plan else None
        rated = resistance.group_signature(view) if group else None
        return _fingerprint(view), (listed, planned, rated)

    return fingerprint


def _fingerprint(view: SessionView) -> tuple[Any, ...]:
    """What, when it changes, must redraw the whole phone page."""
    return (view.phase, view.round, view.revealed, tuple(sorted(view.locked)), view.settings)


@st.fragment(run_every=FOLLOW_EVERY)
def _follow(code: str, drawn: tuple[Any, ...] | None, since: float) -> None:
    """Where the server cannot push, every two seconds: has the facilitator moved on? Then
    redraw the page.

    While the store cannot be reached this says so.  `drawn` is None when the page could not
    be drawn in full (an old view, a read that failed): it is redrawn once the store answers.
    """
    try:
        view = services.session_view(code)
        current = _fingerprint(view)
        # Others' concerns and upvotes, the pilot plan, the group's resistance: one cheap read
        # each while the page shows it.
        moved = current == drawn and (
            concerns_moved(code) or pilot.pilot_moved(code) or resistance.group_moved(view)
        )
    except WorkshopError as error:
        if is_outage(error):
            outage_notice()
        return
    if drawn is None and time.monotonic() - since < FOLLOW_EVERY / 2:
        # The page's own run has just failed on a read, though this view came from the
        # shared cache: the store is not back, look again on the next tick.
        outage_notice()
        return
    if current != drawn or moved:
        st.rerun(scope="app")


def _header(view: SessionView) -> None:
    st.caption(f"{plain(view.title)} · {tr('common.round', number=view.round)}")
    st.subheader(tr(f"common.phase.{view.phase}"))
