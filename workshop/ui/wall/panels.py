"""The wall's body panels: the ranking beside the vote, weights, shift, context, posts.

Which panels a phase has and which one shows comes from the view model
(:func:`workshop.ui.wall.model.panels_of`); this module draws one of them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from workshop.rounds.results import RoundResults
from workshop.ui import charts
from workshop.ui.runtime import tr
from workshop.ui.wall.model import COMMENTS_PER_PANEL, CONCERNS_PER_PANEL, Frame, Panel


def draw_panel(frame: Frame, panel: Panel) -> None:
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
