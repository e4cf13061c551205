"""The wall's body panels: the ranking beside the vote (and beside an earlier workshop's top
places), weights, shift, context, posts, the resistance round, "what changes for me" under a
spotlit option and the pilot plan.

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
from workshop.ui.wall.model import (
    COMMENTS_PER_PANEL,
    CONCERNS_PER_PANEL,
    ConcernCard,
    EarlierView,
    Frame,
    Panel,
    PilotView,
    ResistanceView,
    Spotlight,
)


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
        if frame.earlier is not None:  # public in the earlier workshop; nothing of this round
            st.html(_earlier(frame.earlier, tr("wall.earlier.then")))
    elif panel.kind == "resistance_notice":
        notice = frame.resistance_notice or tr("wall.resistance.hidden")
        st.html(f'<p class="wall-notice">{html.escape(notice)}</p>')
    elif panel.kind == "spotlight" and frame.spotlight is not None:
        _spotlight(frame.spotlight)
    elif panel.kind == "pilot" and frame.pilot is not None:
        _pilot(frame.pilot)
    elif frame.resistance is not None and panel.kind.startswith("resistance"):
        _resistance_panel(frame, frame.resistance, panel.kind)
    elif results is not None and panel.kind == "ranking":
        _ranking(frame, results)
    elif results is not None and panel.kind == "weights":
        _weights(frame)
    elif results is not None and panel.kind == "shift":
        _shift(frame)


def _ranking(frame: Frame, results: RoundResults) -> None:
    """First place in words, the ranking beside the vote's result (and the earlier workshop's)."""
    headline = [frame.sentences[0]] if frame.sentences else []
    if frame.vote_score:
        headline.append(frame.vote_score)
    st.html("".join(f'<p class="wall-headline">{html.escape(line)}</p>' for line in headline))
    # The earlier workshop's places stand in a narrow column beside the bars: above them they
    # would push the charts off the screen under two headlines.
    earlier = frame.earlier
    columns = st.columns([1, 1, 0.62] if earlier is not None else [1, 1], gap="large")
    ranking, votes = columns[0], columns[1]
    if earlier is not None:
        with columns[2]:
            st.html(_earlier_column(earlier))
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


def _earlier(earlier: EarlierView, lead: str = "") -> str:
    """The earlier workshop's top places in one wrapping line (below a notice).

    Plain text only: the names are the pack's, the rest the catalog's, all escaped.
    """
    parts = [f'<p class="lead">{html.escape(lead)}</p>'] if lead else []
    if earlier.leader:
        parts.append(f'<p class="leader">{html.escape(earlier.leader)}</p>')
    listed = " · ".join(f"<span>{html.escape(place)}</span>" for place in earlier.places)
    body = listed or html.escape(earlier.counts)
    parts.append(f'<p class="places"><b>{html.escape(earlier.title)}:</b> {body}</p>')
    return f'<div class="wall-earlier">{"".join(parts)}</div>'


def _earlier_column(earlier: EarlierView) -> str:
    """The earlier workshop's top places one below the other, then whether first place changed.

    Names wrap, never shortened; plain text only, escaped.
    """
    parts = [f'<p class="wall-subhead">{html.escape(earlier.title)}</p>']
    if earlier.places:
        items = "".join(f"<li>{html.escape(place)}</li>" for place in earlier.places)
        parts.append(f'<ul class="places">{items}</ul>')
    else:
        parts.append(f'<p class="counts">{html.escape(earlier.counts)}</p>')
    if earlier.leader:
        parts.append(f'<p class="leader">{html.escape(earlier.leader)}</p>')
    return f'<div class="wall-earlier column">{"".join(parts)}</div>'


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


def _concern_card(card: ConcernCard, *, about: bool = True) -> str:
    """One concern card: kind, status and upvotes, the text as posted, the facilitator's answer.

    Participants' and the facilitator's text is escaped, never rendered.
    """
    kind = "question" if card.kind == "question" else "concern"
    status = (
        card.status if card.status in ("open", "answered", "parked", "out_of_scope") else "open"
    )
    label = f'<span class="status {status}">{html.escape(card.status_label)}</span>'
    topic = f'<div class="about">{html.escape(card.about)}</div>' if about and card.about else ""
    answer = f'<div class="answer">{html.escape(card.answer)}</div>' if card.answer else ""
    clamp = " short" if card.answer or topic else ""
    return (
        f'<div class="wall-card wall-concern {kind} {status}"><div class="meta">'
        f"<b>{html.escape(tr(f'wall.kind.{kind}'))}</b>{label}"
        f"<span>{html.escape(_upvotes(card.upvotes))}</span></div>{topic}"
        f'<div class="text{clamp}">{html.escape(card.text)}</div>{answer}</div>'
    )


def _status_strip(frame: Frame) -> str:
    """How many concerns stand where, in one line ("" while every one is still open)."""
    if all(status == "open" for status, _, _ in frame.statuses):
        return ""
    return " · ".join(f"{label}: {count}" for _, label, count in frame.statuses)


def _concerns(frame: Frame, page: int) -> None:
    """One page of concerns, open ones first, most upvoted first; where each stands."""
    _subhead(f"{tr('wall.section.concerns')} · {frame.counts.concerns}", _status_strip(frame))
    if not frame.concerns:
        _note(tr("wall.no_concerns"))
        return
    start = page * CONCERNS_PER_PANEL
    cards = [_concern_card(card) for card in frame.concerns[start : start + CONCERNS_PER_PANEL]]
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


# --------------------------------------------------------------------------- issue 16


def _resistance_panel(frame: Frame, shown: ResistanceView, kind: str) -> None:
    """One of the resistance round's panels (drawn only once it may be shown)."""
    if kind == "resistance":
        _resistance(frame, shown)
    elif kind == "resistance_compare":
        _resistance_compare(shown)
    elif kind == "resistance_lowering":
        _resistance_lowering(shown)


def _resistance(frame: Frame, shown: ResistanceView) -> None:
    """Resistance per option, least first, beside the options the group would carry."""
    st.html(f'<p class="wall-headline">{html.escape(shown.least)}</p>')
    chart, words = st.columns([3, 2], gap="large")
    with chart:
        title = tr("wall.section.resistance")
        _subhead(title, tr("wall.resistance.counted", count=shown.count))
        charts.draw("resistance", frame.data["resistance"], frame.lang, alt=title)
        st.caption(tr("wall.resistance.caption"))
    with words:
        _subhead(tr("wall.resistance.beats_title"))
        if shown.beats:
            _lines(shown.beats)
        else:
            _note(tr("wall.resistance.beats_none"))
        _note(shown.status_quo)


def _resistance_compare(shown: ResistanceView) -> None:
    """Where resistance and the ranking by the weights disagree, beside both ranks."""
    _subhead(tr("wall.section.resistance_compare"))
    words, table = st.columns([1, 1], gap="large")
    with words:
        if shown.disagreements:
            _lines(shown.disagreements)
        else:
            _note(tr("wall.resistance.agree"))
        _note(tr("wall.resistance.compare_note"))
    with table:
        head = "".join(
            f"<th>{html.escape(tr(key))}</th>"
            for key in (
                "wall.resistance.col_option",
                "wall.resistance.col_preference",
                "wall.resistance.col_resistance",
            )
        )
        rows = "".join(
            f"<tr><td>{html.escape(row.name)}</td>"
            f"<td>{'' if row.preference_rank is None else row.preference_rank}</td>"
            f"<td>{row.rank}</td></tr>"
            for row in shown.rows
        )
        st.html(
            f'<table class="wall-ranks"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )


def _resistance_lowering(shown: ResistanceView) -> None:
    """ "What would lower your resistance?": the concerns naming an option, grouped by it."""
    _subhead(tr("wall.section.resistance_lowering"))
    if not shown.lowering:
        _note(tr("wall.resistance.lowering_none"))
        return
    groups = "".join(
        f'<div class="wall-group"><p class="name">{html.escape(group.option)}</p>'
        + "".join(_concern_card(card, about=False) for card in group.cards)
        + "</div>"
        for group in shown.lowering
    )
    st.html(f'<div class="wall-groups">{groups}</div>')
    if shown.more_lowering:
        _note(tr("wall.resistance.lowering_more", count=shown.more_lowering))


def _spotlight(spotlight: Spotlight) -> None:
    """What changes for each role under the spotlit option: roles as columns, aspects as rows."""
    _subhead(tr("wall.section.spotlight", option=spotlight.option))
    columns = len(spotlight.roles)
    head = '<div class="corner"></div>' + "".join(
        f'<div class="role">{html.escape(role)}</div>' for role in spotlight.roles
    )
    cells = "".join(
        f'<div class="aspect">{html.escape(aspect)}</div>'
        + "".join(f'<div class="cell">{html.escape(text)}</div>' for text in texts)
        for aspect, texts in spotlight.rows
    )
    kind = "all" if spotlight.complete else "some"
    style = f"grid-template-columns: minmax(0, .62fr) repeat({columns}, minmax(0, 1fr))"
    st.html(f'<div class="wall-spotlight {kind}" style="{style}">{head}{cells}</div>')
    _note(tr("wall.spotlight.all_aspects" if spotlight.complete else "wall.spotlight.some_aspects"))


def _pilot(pilot: PilotView) -> None:
    """The agreed pilot: the option in large type, then team, weeks, measures and review."""
    _subhead(tr("wall.section.pilot"))
    rows = f'<div class="label">{html.escape(tr("wall.pilot.option"))}</div>'
    rows += f'<div class="value option">{html.escape(pilot.option)}</div>'
    rows += "".join(
        f'<div class="label">{html.escape(label)}</div>'
        f'<div class="value">{html.escape(value)}</div>'
        for label, value in pilot.lines
    )
    st.html(f'<div class="wall-pilot">{rows}</div>')
