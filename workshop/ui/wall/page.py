"""The projector wall's page: the refreshing fragment, the styles and every Streamlit call.

What to show comes from the view model (:mod:`workshop.ui.wall.model`); a fragment reruns every
second without a click, rebuilds the frame only when the session changed and draws it.  The
frame is kept in the browser session's state, so an unchanged tick only re-sends the same
elements (the browser sees nothing new and redraws nothing).  :func:`draw` is separate so that
``bench/bench_wall.py`` can time it.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence

import streamlit as st

from workshop.content import Lang
from workshop.errors import WorkshopError
from workshop.rounds.results import RoundResults
from workshop.store import Counts
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
from workshop.ui.wall.model import Frame, refresh
from workshop.web import services
from workshop.web.addresses import join_base, join_url

#: Seconds between two looks at the store; a submission shows within this plus the redraw, so
#: within the 2 s the room expects.  An unchanged look costs about a millisecond (bench_wall).
REFRESH_SECONDS = 1

_FRAME_KEY = "_wall_frame"

_STYLE = """
<style>
/* The wall's own type scale: readable from the back of a room at 1920×1080 and 1280×720. */
[data-testid="stMainBlockContainer"] {padding-top: 2rem; padding-bottom: 2rem;}
.wall-title {font-size: 2.6rem; font-weight: 700; line-height: 1.15; margin: 0 0 .3rem 0;}
.wall-phase {font-size: 1.7rem; font-weight: 600; color: #0072B2; margin: 0 0 .3rem 0;}
.wall-prompt {font-size: 1.35rem; line-height: 1.4; margin: 0 0 .8rem 0;}
.wall-counts {display: flex; flex-wrap: wrap; gap: .5rem 2rem;}
.wall-count {display: flex; flex-direction: column;}
.wall-count .value {font-size: 3rem; font-weight: 700; line-height: 1.05;}
.wall-count .label {font-size: 1.15rem; opacity: .8;}
.wall-join-title {font-size: 1.5rem; font-weight: 600; text-align: center; margin: 0;}
.wall-code {font-size: 4.4rem; font-weight: 800; letter-spacing: .3rem; line-height: 1.1;
  font-family: "Source Code Pro", ui-monospace, monospace; text-align: center; margin: 0;}
.wall-join {font-size: 1.1rem; text-align: center; margin: 0; overflow-wrap: anywhere;}
.wall-lines {font-size: 1.35rem; line-height: 1.45; margin: 0; padding-left: 1.3rem;}
.wall-lines li {margin-bottom: .35rem;}
.wall-note {font-size: 1.3rem; line-height: 1.4; margin: 0;}
.wall-notice {font-size: 1.5rem; line-height: 1.4; margin: .5rem 0 1rem 0; padding: 1rem 1.3rem;
  border-radius: .5rem; background: rgba(0, 114, 178, .09); color: #0b3d66;}
.wall-concern {display: flex; gap: 1rem; align-items: flex-start; font-size: 1.3rem;
  line-height: 1.35; padding: .55rem .8rem; margin-bottom: .5rem; border-radius: .5rem;
  background: rgba(0, 114, 178, .07); border-left: .35rem solid #0072B2;}
.wall-concern.question {border-left-color: #E69F00; background: rgba(230, 159, 0, .08);}
.wall-concern .votes {flex: 0 0 auto; font-weight: 700; min-width: 7rem;}
.wall-concern .text {flex: 1 1 auto; white-space: pre-wrap; overflow-wrap: anywhere;}
.wall-concern .kind {font-size: 1rem; opacity: .75; display: block;}
/* Streamlit draws captions and the language switch at 14 px; nothing on the wall is below 16. */
[data-testid="stCaptionContainer"] {font-size: 1.1rem;}
[data-testid="stButtonGroup"] button p {font-size: 1rem;}
</style>
"""


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
    """Draw a frame: header with the join panel, then results or the reason there are none."""
    st.html(_STYLE + offline_notice_style(frame.lang))
    lang = frame.lang
    main, join, qr = st.columns([6, 3, 2], gap="medium", vertical_alignment="center")
    with main:
        _header(frame)
        _counts(frame.counts)
    with join:
        _join_panel(frame.code, link[0])
    with qr:
        st.image(qr_svg(link[1]), width="stretch")
    results = frame.results
    if not frame.revealed or results is None:
        _notice(tr("wall.hidden"))
    elif not results.visible:
        _notice(tr("wall.threshold", threshold=results.threshold, ballots=results.ballots))
    else:
        _results(frame, results, lang)
    _concerns(frame)


def _header(frame: Frame) -> None:
    """Title (the facilitator's text, escaped), round and phase, and the phase's prompt."""
    phase = tr("wall.round_phase", number=frame.round, phase=tr(f"common.phase.{frame.phase}"))
    st.html(
        f'<p class="wall-title">{html.escape(frame.title)}</p>'
        f'<p class="wall-phase">{html.escape(phase)}</p>'
        f'<p class="wall-prompt">{html.escape(tr(f"wall.prompt.{frame.phase}"))}</p>'
    )


def _counts(counts: Counts) -> None:
    """The live counts as large numbers (st.metric's labels are too small for a projector)."""
    values = (
        ("wall.counts.participants", counts.participants),
        ("wall.counts.weights", counts.weights),
        ("wall.counts.votes", counts.votes),
        ("wall.counts.concerns", counts.concerns),
    )
    cells = "".join(
        f'<div class="wall-count"><span class="value">{value}</span>'
        f'<span class="label">{html.escape(tr(key))}</span></div>'
        for key, value in values
    )
    st.html(f'<div class="wall-counts">{cells}</div>')


def _join_panel(code: str, base: str) -> None:
    """The join code, large, and the address to type it into."""
    st.html(
        f'<p class="wall-join-title">{html.escape(tr("wall.join_title"))}</p>'
        f'<p class="wall-code">{html.escape(code)}</p>'
        f'<p class="wall-join">{html.escape(tr("wall.join_at", url=base))}</p>'
    )


def _results(frame: Frame, results: RoundResults, lang: Lang) -> None:
    """Ranking beside the plain words, weights beside the votes, then the shift."""
    ranking, words = st.columns([3, 2], gap="large")
    with ranking:
        st.subheader(tr("wall.section.ranking"))
        charts.draw("ranking", frame.data["ranking"], lang)
        st.caption(tr("wall.section.ranking_caption"))
    with words:
        st.subheader(tr("wall.section.sensitivity"))
        _lines(frame.sentences)
        st.caption(tr("wall.sens.others"))
        st.subheader(tr("wall.section.alerts"))
        if frame.alerts:
            _lines(frame.alerts)
        else:
            _note(tr("wall.alert.none"))
        if frame.kendall:
            st.caption(frame.kendall)
    weights, votes = st.columns(2, gap="large")
    with weights:
        st.subheader(tr("wall.section.weights"))
        charts.draw("weights", frame.data["weights"], lang)
        st.caption(tr("wall.section.weights_caption"))
    with votes:
        st.subheader(tr("wall.section.votes"))
        if "votes" in frame.data:
            charts.draw("votes", frame.data["votes"], lang, mode=frame.vote_mode)
            if frame.vote_score:
                _notice(frame.vote_score)
        else:
            _note(tr("wall.votes_threshold", threshold=results.threshold, votes=results.votes))
    if results.shift is not None:
        st.subheader(tr("wall.section.shift", number=results.shift.before))
        left, right = st.columns([3, 2], gap="large")
        with left:
            charts.draw("shift", frame.data["shift"], lang)
        with right:
            _lines(frame.shift_lines)


def _lines(lines: Sequence[str]) -> None:
    """Sentences as a large list (our own texts, escaped all the same)."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    st.html(f'<ul class="wall-lines">{items}</ul>')


def _notice(text: str) -> None:
    """Why there are no results yet, large enough for the back of the room."""
    st.html(f'<p class="wall-notice">{html.escape(text)}</p>')


def _note(text: str) -> None:
    st.html(f'<p class="wall-note">{html.escape(text)}</p>')


def _upvotes(count: int) -> str:
    """How many back a concern, in words ("New" before anyone has)."""
    if count == 0:
        return tr("wall.upvotes_none")
    return tr("wall.upvote") if count == 1 else tr("wall.upvotes", count=count)


def _concerns(frame: Frame) -> None:
    """The concerns wall, most upvoted first; participants' text is escaped, never rendered."""
    st.subheader(tr("wall.section.concerns"))
    if not frame.concerns:
        _note(tr("wall.no_concerns"))
        return
    for card in frame.concerns:  # one column: the order by upvotes reads top to bottom
        votes = _upvotes(card.upvotes)
        kind = "question" if card.kind == "question" else "concern"
        st.html(
            f'<div class="wall-concern {kind}"><span class="votes">{html.escape(votes)}</span>'
            f'<span class="text"><span class="kind">{html.escape(tr(f"wall.kind.{kind}"))}'
            f"</span>{html.escape(card.text)}</span></div>"
        )
    if frame.more_concerns:
        st.caption(tr("wall.more_concerns", count=frame.more_concerns))
