"""The projector wall's page: the refreshing fragment, the styles and every Streamlit call.

What to show comes from the view model (:mod:`workshop.ui.wall.model`); a fragment reruns every
second without a click, rebuilds the frame only when the session changed and draws it.  The
frame is kept in the browser session's state, so an unchanged tick only re-sends the same
elements (the browser sees nothing new and redraws nothing).  :func:`draw` is separate so that
``bench/bench_wall.py`` can time it.

A projector cannot scroll, so the wall is laid out once for a 1920×1080 canvas and scaled to
the screen it is on (CSS ``zoom`` in steps, :func:`_scale_css`): 1280×720 shows the same picture
at two thirds.  The body's panels (:func:`workshop.ui.wall.model.panels_of`) are all drawn,
stacked in one grid cell, and all but one hidden; each tick's style says which one shows, so
rotating never moves the layout or redraws a chart, and the tallest panel decides the height.
"""

from __future__ import annotations

import base64
import html
import itertools
import os
import re
import time
from collections.abc import Sequence

import streamlit as st

from workshop.errors import WorkshopError
from workshop.rounds.results import RoundResults
from workshop.ui import charts, identity
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
    COMMENTS_PER_PANEL,
    CONCERNS_PER_PANEL,
    Frame,
    Panel,
    panel_at,
    panels_of,
    refresh,
)
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

#: Zoom steps of the 1920×1080 canvas, largest first (see _scale_css).
_STEPS = (
    2.0, 1.5, 4 / 3, 1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7111, 2 / 3, 0.6, 0.55, 0.5, 0.45, 0.4,
)  # fmt: skip


def _scale_css() -> str:
    """Media queries that zoom the canvas to the largest step fitting the viewport.

    Below 1920×1080 a step applies while the viewport is smaller than the next larger step's
    canvas; above it a step applies once the viewport holds its whole canvas.
    """
    rules = []
    for larger, step in itertools.pairwise(_STEPS):
        if step >= 1.0:
            query = f"(min-width: {1920 * larger:.2f}px) and (min-height: {1080 * larger:.2f}px)"
            zoom = larger
        else:
            width, height = 1920 * larger - 0.02, 1080 * larger - 0.02
            query = f"(max-width: {width:.2f}px), (max-height: {height:.2f}px)"
            zoom = step
        rules.append(
            f"@media {query} {{{_CANVAS} {{zoom: {zoom:.4f};}} "
            f"{_CHART} {{width: {100 / zoom:.3f}% !important; max-width: none;}}}}"
        )
    # Upscaling rules first, from the smallest up, so the largest fitting one wins.
    up = [r for r in rules if r.startswith("@media (min")][::-1]
    down = [r for r in rules if r.startswith("@media (max")]
    return "\n".join(up + down)


_CANVAS = '[data-testid="stMainBlockContainer"]'
_CHART = '.st-key-wall_panels [data-testid="stVegaLiteChart"]'

_STYLE = (
    """
<style>
/* The wall is one 1920×1080 canvas, zoomed to the screen (see the module docstring). */
[data-testid="stHeader"] {display: none;}
[data-testid="stMainBlockContainer"] {padding: 1rem 2.2rem .6rem 2.2rem; max-width: none;}
[data-testid="stMain"] {overflow: hidden;}
.wall-head {display: grid; grid-template-columns: minmax(0, 1fr) auto auto; gap: 2rem;
  align-items: center;}
.wall-head.hero {grid-template-columns: minmax(0, 1fr) auto; align-items: center;}
.wall-title {font-size: 2.3rem; font-weight: 700; line-height: 1.15; margin: 0;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;}
.wall-phase {font-size: 1.6rem; font-weight: 600; color: #0b5cad; margin: .15rem 0 0 0;}
.wall-prompt {font-size: 1.35rem; line-height: 1.35; margin: .3rem 0 0 0;}
.wall-counts {display: flex; gap: .4rem 1.8rem; margin-top: .6rem; flex-wrap: wrap;}
.wall-count {display: flex; align-items: baseline; gap: .45rem;}
.wall-count .value {font-size: 2.4rem; font-weight: 700; line-height: 1.05;}
.wall-count .label {font-size: 1.15rem; color: #3b4a58;}
.wall-join {text-align: center; max-width: 22rem;}
.wall-join-title {font-size: 1.3rem; font-weight: 600; margin: 0;}
.wall-code {font-size: 3.4rem; font-weight: 800; letter-spacing: .3rem; line-height: 1.1;
  font-family: "Source Code Pro", ui-monospace, monospace; margin: 0;}
.wall-url {font-size: 1rem; margin: 0; overflow-wrap: anywhere; color: #3b4a58;}
.wall-qr img {display: block; width: 11rem; height: 11rem;}
.hero .wall-qr img {width: 34rem; height: 34rem;}
.welcome .wall-qr img {width: 17rem; height: 17rem;}
.welcome .wall-code {font-size: 4.4rem;}
.hero .wall-join {max-width: none; text-align: left;}
.hero .wall-code {font-size: 6rem;}
.hero .wall-join-title {font-size: 2rem;}
.hero .wall-url {font-size: 1.5rem;}
.hero-side {display: flex; flex-direction: column; gap: 2rem;}
.wall-lines {font-size: 1.3rem; line-height: 1.35; margin: 0; padding-left: 1.3rem;}
.wall-lines li {margin-bottom: .2rem;}
.wall-note {font-size: 1.3rem; line-height: 1.4; margin: 0; color: #3b4a58;}
.wall-subhead {font-size: 1.6rem; font-weight: 700; margin: 0;}
.wall-subhead .aside {font-size: 1.1rem; font-weight: 400; color: #3b4a58; margin-left: .6rem;}
.wall-headline {font-size: 1.6rem; font-weight: 600; line-height: 1.3; margin: 0;}
.wall-notice {font-size: 1.6rem; line-height: 1.4; margin: .5rem 0; padding: 1.2rem 1.5rem;
  border-radius: .5rem; background: rgba(0, 114, 178, .09); color: #0b3d66;}
.wall-cards {display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 1.4rem;}
.wall-card {font-size: 1.35rem; line-height: 1.35; padding: .7rem 1rem; border-radius: .5rem;
  background: rgba(0, 114, 178, .07); border-left: .4rem solid #0072B2;}
.wall-card.question {border-left-color: #E69F00; background: rgba(230, 159, 0, .08);}
.wall-card.comment {border-left-color: #009E73; background: rgba(0, 158, 115, .07);}
.wall-card .meta {font-size: 1.05rem; color: #3b4a58; display: flex; gap: 1rem;
  justify-content: space-between; margin-bottom: .2rem;}
.wall-card .meta b {color: #14212e;}
.wall-card .text {white-space: pre-wrap; overflow-wrap: anywhere; display: -webkit-box;
  -webkit-line-clamp: 4; -webkit-box-orient: vertical; overflow: hidden;}
.wall-context {display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr) auto;
  gap: .9rem 2rem; align-items: center; font-size: 1.35rem;}
.wall-context .name {font-weight: 600; line-height: 1.25;}
.wall-context .default {font-weight: 400; font-size: 1.05rem; color: #3b4a58;}
.wall-context .value {font-weight: 700; font-size: 1.6rem; text-align: right;
  white-space: nowrap;}
.wall-gauge {position: relative; height: .7rem; border-radius: .35rem; background: #dfe6ee;}
.wall-gauge .fill {position: absolute; left: 0; top: 0; bottom: 0; border-radius: .35rem;
  background: #0072B2;}
.wall-pager {display: flex; gap: .4rem 1.4rem; flex-wrap: wrap; font-size: 1.05rem;
  color: #3b4a58; padding-right: 16rem;}
.wall-pager .on {color: #0b3d66; font-weight: 700; border-bottom: .2rem solid #0b5cad;}
/* The panels share one grid cell: the tallest decides the height, one shows at a time. */
.st-key-wall_panels {display: grid; grid-template-columns: minmax(0, 1fr);}
.st-key-wall_panels > div {grid-area: 1 / 1; min-width: 0; width: 100%;}
/* Streamlit sizes a chart to its element's width on the screen, which the zoom shrinks; the
   zoom's rules widen the element by as much (see _scale_css), the overflow is empty. */
.st-key-wall_panels [data-testid="stElementContainer"]:has(> [data-testid="stVegaLiteChart"])
  {overflow: hidden;}
.st-key-wall_panels [data-testid="stVerticalBlock"] {gap: .6rem;}
.st-key-wall_lang_box {position: fixed; right: 1rem; bottom: .4rem; width: auto !important;
  z-index: 5;}
[data-testid="stCaptionContainer"] {font-size: 1.05rem;}
[data-testid="stButtonGroup"] button p {font-size: 1rem;}
</style>
"""
    + f"<style>{_scale_css()}</style>"
)


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
    st.html(_STYLE + offline_notice_style(frame.lang) + _showing(current))
    hero = frame.phase == "welcome" and frame.counts.participants == 0
    st.html(_header(frame, link, hero=hero))
    if hero:  # nobody has joined yet: the join panel is all the room needs
        return
    with st.container(key="wall_panels"):
        for index, panel in enumerate(panels):
            with st.container(key=f"wall_panel_{index}"):
                _panel(frame, panel)
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
    values = (
        ("wall.counts.participants", counts.participants),
        ("wall.counts.weights", counts.weights),
        ("wall.counts.votes", counts.votes),
        ("wall.counts.concerns", counts.concerns),
    )  # the comments are counted in their panel's heading
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


def _panel(frame: Frame, panel: Panel) -> None:
    """Draw one panel of the body."""
    results = frame.results
    if panel.kind == "concerns":
        _concerns(frame, panel.page)
    elif panel.kind == "comments":
        _comments(frame, panel.page)
    elif panel.kind == "context":
        _context(frame)
    elif panel.kind == "notice":
        st.html(f'<p class="wall-notice">{html.escape(frame.notice or tr("wall.hidden"))}</p>')
    elif results is not None and panel.kind == "ranking":
        _ranking(frame, results)
    elif results is not None and panel.kind == "weights":
        _weights(frame)
    elif results is not None and panel.kind == "shift":
        _shift(frame)


def _ranking(frame: Frame, results: RoundResults) -> None:
    """First place in words, the ranking beside the vote's result."""
    headline = [frame.sentences[0]] if frame.sentences else []
    if frame.vote_score:
        headline.append(frame.vote_score)
    st.html("".join(f'<p class="wall-headline">{html.escape(line)}</p>' for line in headline))
    ranking, votes = st.columns([1, 1], gap="large")
    with ranking:
        title = tr("wall.section.ranking")
        _subhead(title, tr("wall.section.ranking_caption"))
        charts.draw("ranking", frame.data["ranking"], frame.lang, alt=title)
    with votes:
        title = tr(f"wall.section.votes.{frame.vote_mode or 'single'}")
        if "votes" in frame.data:
            _subhead(title, tr("wall.votes_counted", votes=results.votes))
            charts.draw(
                "votes",
                frame.data["votes"],
                frame.lang,
                mode=frame.vote_mode,
                alt=title,
            )
        else:
            _subhead(title)
            _note(tr("wall.votes_threshold", threshold=results.threshold, votes=results.votes))


def _weights(frame: Frame) -> None:
    """The group's weights beside how safe first place is and where the group disagrees."""
    weights, words = st.columns([3, 2], gap="large")
    with weights:
        title = tr("wall.section.weights")
        _subhead(title)
        charts.draw("weights", frame.data["weights"], frame.lang, alt=title)
        st.caption(tr("wall.section.weights_caption"))
    with words:
        _subhead(tr("wall.section.sensitivity"))
        _lines(frame.sentences)
        st.caption(tr("wall.sens.others"))
        _subhead(tr("wall.section.alerts"))
        if frame.alerts:
            _lines(frame.alerts)
        else:
            _note(tr("wall.alert.none"))
        if frame.kendall:
            st.caption(frame.kendall)


def _shift(frame: Frame) -> None:
    """How the group's weights and the ranking moved since the last round."""
    chart, words = st.columns([3, 2], gap="large")
    with chart:
        results = frame.results
        number = results.shift.before if results is not None and results.shift else 1
        title = tr("wall.section.shift", number=number)
        _subhead(title)
        charts.draw("shift", frame.data["shift"], frame.lang, alt=title)
    with words:
        _subhead(tr("wall.section.shift_words"))
        _lines(frame.shift_lines)


def _context(frame: Frame) -> None:
    """The group's context: each factor's value and where it lies between its ends."""
    _subhead(tr("wall.section.context"))
    rows = []
    for line in frame.context:
        default = (
            ""
            if line.chosen
            else f' <span class="default">({html.escape(tr("wall.default"))})</span>'
        )
        rows.append(
            f'<div class="name">{html.escape(line.name)}{default}</div>'
            f'<div class="wall-gauge" role="presentation"><div class="fill" '
            f'style="width: {line.position * 100:.1f}%"></div></div>'
            f'<div class="value">{html.escape(line.value)}</div>'
        )
    st.html(f'<div class="wall-context">{"".join(rows)}</div>')
    _note(tr("wall.context_note"))


def _subhead(text: str, note: str = "") -> None:
    """A panel's heading, with a short note beside it."""
    aside = f' <span class="aside">{html.escape(note)}</span>' if note else ""
    st.html(f'<p class="wall-subhead">{html.escape(text)}{aside}</p>')


def _lines(lines: Sequence[str]) -> None:
    """Sentences as a large list (our own texts, escaped all the same)."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    st.html(f'<ul class="wall-lines">{items}</ul>')


def _note(text: str) -> None:
    st.html(f'<p class="wall-note">{html.escape(text)}</p>')


def _upvotes(count: int) -> str:
    """How many back a concern, in words ("New" before anyone has)."""
    if count == 0:
        return tr("wall.upvotes_none")
    return tr("wall.upvote") if count == 1 else tr("wall.upvotes", count=count)


def _concerns(frame: Frame, page: int) -> None:
    """One page of concerns, most upvoted first; participants' text is escaped, never rendered."""
    _subhead(f"{tr('wall.section.concerns')} · {frame.counts.concerns}")
    if not frame.concerns:
        _note(tr("wall.no_concerns"))
        return
    start = page * CONCERNS_PER_PANEL
    cards = []
    for card in frame.concerns[start : start + CONCERNS_PER_PANEL]:
        kind = "question" if card.kind == "question" else "concern"
        cards.append(
            f'<div class="wall-card wall-concern {kind}"><div class="meta">'
            f"<b>{html.escape(tr(f'wall.kind.{kind}'))}</b>"
            f"<span>{html.escape(_upvotes(card.upvotes))}</span></div>"
            f'<div class="text">{html.escape(card.text)}</div></div>'
        )
    st.html(f'<div class="wall-cards">{"".join(cards)}</div>')
    if frame.more_concerns and start + CONCERNS_PER_PANEL >= len(frame.concerns):
        _note(tr("wall.more_concerns", count=frame.more_concerns))


def _comments(frame: Frame, page: int) -> None:
    """One page of comments the facilitator has not hidden, newest first, as plain text."""
    _subhead(f"{tr('wall.section.comments')} · {frame.counts.comments}")
    if not frame.comments:
        _note(tr("wall.no_comments"))
        return
    start = page * COMMENTS_PER_PANEL
    cards = [
        f'<div class="wall-card comment"><div class="meta"><b>{html.escape(card.about)}</b>'
        f'</div><div class="text">{html.escape(card.text)}</div></div>'
        for card in frame.comments[start : start + COMMENTS_PER_PANEL]
    ]
    st.html(f'<div class="wall-cards">{"".join(cards)}</div>')
    if frame.more_comments and start + COMMENTS_PER_PANEL >= len(frame.comments):
        _note(tr("wall.more_comments", count=frame.more_comments))
