"""The projector wall's page: the refreshing fragment, the header, the pager.

What to show comes from the view model (:mod:`workshop.ui.wall.model`); a fragment reruns every
second without a click, rebuilds the frame only when the session changed and draws it.  The
frame is kept in the browser session's state, so an unchanged tick only re-sends the same
elements (the browser sees nothing new and redraws nothing).  :func:`draw` is separate so that
``bench/bench_wall.py`` can time it.

A projector cannot scroll, so the wall is laid out once for a 1920×1080 canvas and scaled to
the screen it is on (CSS ``zoom`` in steps, :mod:`~workshop.ui.wall.styles`): 1280×720 shows
the same picture at two thirds.  The body's panels (:func:`workshop.ui.wall.model.panels_of`)
are all drawn, stacked in one grid cell, and all but one hidden; each tick's style says which
one shows, so rotating never moves the layout or redraws a chart, and the tallest panel decides
the height.
Each panel is drawn by :mod:`~workshop.ui.wall.panels`.
"""

from __future__ import annotations

import base64
import html
import os
import re
import time
from collections.abc import Sequence

import streamlit as st

from workshop.errors import WorkshopError
from workshop.ui import identity
from workshop.ui.qr import qr_svg
from workshop.ui.runtime import (
    current_lang,
    is_outage,
    language_switch,
    offline_notice_style,
    outage_notice,
    remember_session_lang,
    show_error,
    tr,
    unreachable_page,
    use_lang,
)
from workshop.ui.wall.model import (
    Frame,
    Panel,
    panel_at,
    panels_of,
    refresh,
)
from workshop.ui.wall.panels import draw_panel
from workshop.ui.wall.styles import STYLE
from workshop.web import services
from workshop.web.addresses import join_base, join_url

#: Seconds between two looks at the store; a submission shows within this plus the redraw, so
#: within the 2 s the room expects.  An unchanged look costs about a millisecond (bench_wall).
REFRESH_SECONDS = 1

_FRAME_KEY = "_wall_frame"
#: (phase, round, revealed) and when this browser first drew it: the panels rotate from there.
_SINCE_KEY = "_wall_since"
#: Monotonic seconds; a module attribute so that tests can pin the rotation.
clock = time.monotonic

# --------------------------------------------------------------------------- page


def render() -> None:
    """Draw the wall for the session in ``?code=``."""
    code = identity.code()
    if not code:
        st.info(tr("wall.no_code"), icon=":material/tv:")
        return
    try:
        view = services.session_view(code)
    except WorkshopError as error:
        if is_outage(error):
            unreachable_page(code)  # looks again every few seconds, then draws the wall
        else:
            show_error(error)
        return
    use_lang(current_lang(view.language))
    remember_session_lang(code, view.language)
    _live(code, _join_link(code))
    with st.container(key="wall_lang_box"):  # pinned to a corner: the wall never grows for it
        language_switch("wall_lang")


def _join_link(code: str) -> tuple[str, str]:
    """The base URL to type and the join link the QR code carries (reachable from phones)."""
    port = int(st.get_option("server.port") or 8501)
    base = join_base(os.environ.get("WORKSHOP_PUBLIC_URL"), st.context.url, port)
    return base.url, join_url(base, code)


@st.fragment(run_every=REFRESH_SECONDS)
def _live(code: str, link: tuple[str, str]) -> None:
    """The refreshing part: rebuild the frame only when the session changed, then draw it.

    While the store cannot be reached the wall says so above the last frame it drew, and
    carries on by itself once the store answers.
    """
    lang = st.session_state.get("_lang", "de")
    last = st.session_state.get(_FRAME_KEY)
    try:
        frame = refresh(code, lang, last if isinstance(last, Frame) else None)
    except WorkshopError as error:
        if not is_outage(error):
            show_error(error)
            return
        outage_notice()
        if isinstance(last, Frame) and last.code == code:
            draw(last, link)
        return
    st.session_state[_FRAME_KEY] = frame
    draw(frame, link)


# --------------------------------------------------------------------------- drawing


def draw(frame: Frame, link: tuple[str, str]) -> None:
    """Draw a frame: the header with the join panel, the body's panels, the pager."""
    panels = frame.panels or panels_of(frame)
    current = panel_at(panels, _elapsed(frame))
    st.html(STYLE + offline_notice_style(frame.lang) + _showing(current))
    hero = frame.phase == "welcome" and frame.counts.participants == 0
    st.html(_header(frame, link, hero=hero))
    if hero:  # nobody has joined yet: the join panel is all the room needs
        return
    with st.container(key="wall_panels"):
        for index, panel in enumerate(panels):
            with st.container(key=f"wall_panel_{index}"):
                draw_panel(frame, panel)
    if len(panels) > 1:
        st.html(_pager(panels, current))


def _elapsed(frame: Frame) -> float:
    """Seconds since this browser first drew the frame's phase (the rotation starts there)."""
    state = (frame.code, frame.phase, frame.round, frame.revealed)
    since = st.session_state.get(_SINCE_KEY)
    if not isinstance(since, tuple) or since[0] != state:
        since = (state, clock())
        st.session_state[_SINCE_KEY] = since
    return clock() - float(since[1])


def _showing(current: int) -> str:
    """The style that makes panel `current` the visible one."""
    # Every descendant too: Streamlit sets some elements' visibility itself.
    other = f'.st-key-wall_panels [class*="st-key-wall_panel_"]:not(.st-key-wall_panel_{current})'
    return f"<style>{other}, {other} * {{visibility: hidden !important;}}</style>"


def _header(frame: Frame, link: tuple[str, str], *, hero: bool) -> str:
    """Title, round and phase, the phase's prompt, the counts; the join code and QR code."""
    phase = tr("wall.round_phase", number=frame.round, phase=tr(f"common.phase.{frame.phase}"))
    words = (
        f'<p class="wall-title">{html.escape(frame.title)}</p>'
        f'<p class="wall-phase">{html.escape(phase)}</p>'
        f'<p class="wall-prompt">{html.escape(tr(f"wall.prompt.{frame.phase}"))}</p>'
    )
    join = (
        f'<div class="wall-join"><p class="wall-join-title">{html.escape(tr("wall.join_title"))}'
        f'</p><p class="wall-code">{html.escape(frame.code)}</p>'
        f'<p class="wall-url">{html.escape(tr("wall.join_at", url=link[0]))}</p></div>'
    )
    qr = f'<div class="wall-qr">{_qr_image(link[1])}</div>'
    # The event number lets a browser test tell which frame is on the wall.
    marks = f'data-seq="{frame.seq}" data-phase="{html.escape(frame.phase)}"'
    if hero:
        side = f'<div class="hero-side">{words}{join}{_counts(frame)}</div>'
        return f'<div class="wall-head hero" {marks}>{side}{qr}</div>'
    # While people still arrive (the welcome phase) the QR code stays large, unless results
    # need the room.
    large = frame.phase == "welcome" and not frame.revealed
    kind = "wall-head welcome" if large else "wall-head"
    return f'<div class="{kind}" {marks}><div>{words}{_counts(frame)}</div>{join}{qr}</div>'


def _qr_image(url: str) -> str:
    """The join link's QR code as an image with its alternative text (scales with the canvas)."""
    svg = qr_svg(url)
    size = re.search(r'width="(\d+)"', svg)
    if size is not None and "viewBox" not in svg:  # without a viewBox an <img> cannot scale it
        side = size.group(1)
        svg = svg.replace("<svg ", f'<svg viewBox="0 0 {side} {side}" ', 1)
    if "xmlns=" not in svg:
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    alt = html.escape(tr("wall.qr_alt", url=url))
    return f'<img src="{source}" alt="{alt}">'


def _counts(frame: Frame) -> str:
    """The live counts as large numbers; the concerns count is that of the wall's list."""
    counts = frame.counts
    values = [
        ("wall.counts.participants", counts.participants),
        ("wall.counts.weights", counts.weights),
        ("wall.counts.votes", counts.votes),
        ("wall.counts.concerns", counts.concerns),
    ]  # the comments are counted in their panel's heading
    if frame.phase in ("resistance", "results") or counts.resistance:
        # How many have rated is all a resistance round shows before the reveal.
        values.insert(3, ("wall.counts.resistance", counts.resistance))
    cells = "".join(
        f'<div class="wall-count"><span class="value">{value}</span>'
        f'<span class="label">{html.escape(tr(key))}</span></div>'
        for key, value in values
    )
    return f'<div class="wall-counts">{cells}</div>'


def _pager(panels: Sequence[Panel], current: int) -> str:
    """What the wall shows in turn, the current panel marked."""
    items = []
    for index, panel in enumerate(panels):
        same = [p for p in panels if p.kind == panel.kind]
        title = panel.title
        if len(same) > 1:
            title = f"{title} {panel.page + 1}/{len(same)}"
        mark = ' class="on" aria-current="true"' if index == current else ""
        items.append(f"<span{mark}>{html.escape(title)}</span>")
    label = html.escape(tr("wall.pager"))
    return f'<nav class="wall-pager" aria-label="{label}">{"".join(items)}</nav>'
