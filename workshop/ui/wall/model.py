"""The wall's view model: what the projector shows, built without Streamlit.

A :class:`Frame` holds everything one draw of the wall needs, with labels in the reader's
language and chart data ready (:mod:`workshop.ui.wall.page` draws it).  :func:`refresh` first
asks the store for the session's newest event number (one indexed read); only when it moved does
it bring the live aggregates up to date from the event log and build a new frame.  Nothing here
calls Streamlit, so ``bench/bench_wall.py`` and the tests can build and time frames directly.

A projector cannot scroll, so the frame also decides what the room sees in which phase: a list
of :class:`Panel` s, each of which fits one screen below the header.  The page shows one at a
time and rotates through them (:func:`panel_at`); the first one is what the phase is about.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from workshop.content import ContentPack, Lang
from workshop.export.chart_specs import (
    axis_options,
    ranking_frame,
    shift_frame,
    votes_frame,
    weights_frame,
)
from workshop.rounds.results import RoundResults
from workshop.store import Comment, Concern, Counts, SessionView
from workshop.text.i18n import t
from workshop.text.wording import (
    alert_sentences,
    criterion_names,
    number,
    option_names,
    sensitivity_sentences,
    shift_sentences,
    vote_score_sentence,
)
from workshop.web import services

#: Concerns on one panel of the wall (most upvoted first); more make more panels.
CONCERNS_PER_PANEL = 6
#: Comments on one panel (newest first).
COMMENTS_PER_PANEL = 6
#: Panels of concerns or comments at most; what does not fit is counted ("… and 3 more").
MAX_PAGES = 3
#: Concerns the wall lists at most (bench_wall reads this).
MAX_CONCERNS = CONCERNS_PER_PANEL * MAX_PAGES
#: Disagreement alerts shown at most (least consensus first).
MAX_ALERTS = 3
#: Seconds each panel stays on the wall before the next one shows.
ROTATE_SECONDS = 12


@dataclass(frozen=True)
class ConcernCard:
    """A concern or question as the wall shows it (text exactly as posted)."""

    kind: str
    text: str
    upvotes: int


@dataclass(frozen=True)
class CommentCard:
    """A comment the facilitator has not hidden: what it is about, and its text as posted."""

    about: str
    text: str


@dataclass(frozen=True)
class ContextLine:
    """One context factor of the group: its name, value in words and where it lies (0–1)."""

    name: str
    value: str
    position: float
    low: str
    high: str
    chosen: bool  # set by the facilitator (else the pack's neutral value)


@dataclass(frozen=True)
class Panel:
    """One screen of the wall's body: what it shows (`kind`) and its title for the pager.

    `page` numbers the panels of concerns and comments (0 for the others).
    """

    kind: str  # "concerns", "comments", "context", "ranking", "weights", "shift", "notice"
    title: str
    page: int = 0


@dataclass(frozen=True)
class Frame:
    """Everything one wall draw needs, built only when the session changed."""

    code: str
    seq: int
    lang: Lang
    title: str
    phase: str
    round: int
    revealed: bool
    vote_mode: str
    counts: Counts
    results: RoundResults | None  # None until revealed: nothing of it is shown before
    concerns: tuple[ConcernCard, ...]
    more_concerns: int
    comments: tuple[CommentCard, ...] = ()
    more_comments: int = 0
    context: tuple[ContextLine, ...] = ()
    panels: tuple[Panel, ...] = ()
    notice: str = ""  # why there are no results (hidden, below the threshold), else empty
    sentences: tuple[str, ...] = ()
    alerts: tuple[str, ...] = ()
    shift_lines: tuple[str, ...] = ()
    kendall: str = ""
    data: Mapping[str, pa.Table] = field(default_factory=dict)
    vote_score: str = ""  # said when the vote and the weighted ranking disagree on first place


# --------------------------------------------------------------------------- building a frame


def refresh(code: str, lang: Lang, last: Frame | None) -> Frame:
    """The frame to draw: `last` itself when nothing changed since it was built."""
    seq = services.store().last_seq(code)
    if last is not None and last.code == code and last.seq == seq and last.lang == lang:
        return last
    view = services.session_view(code)
    if view.last_seq < seq:  # the shared view is up to a second old: read it afresh
        view = services.session_view(code, fresh=True)
    return build_frame(view, lang)


def build_frame(view: SessionView, lang: Lang) -> Frame:
    """Read counts, posts, the context and (once revealed) the results; prepare every label.

    The results come from :func:`services.results_of`, computed once per change of the event
    log for every wall and phone of the session; the vote count is theirs too, so the wall
    counts only the votes valid in the current vote mode, as the tally does.  The counts of
    concerns and comments are those of the posts the wall lists (every round's, hidden ones
    left out), so a number never contradicts the list beside it.
    """
    store = services.store()
    pack = services.pack_of(view)
    counts = store.counts(view.code)
    concerns = store.concerns(view.code)  # hidden ones are left out by the store
    comments = store.comments(view.code)
    results = services.results_of(view)
    shown_concerns = MAX_CONCERNS
    shown_comments = COMMENTS_PER_PANEL * MAX_PAGES
    counts = dataclasses.replace(
        counts, votes=results.votes, concerns=len(concerns), comments=len(comments)
    )
    frame = Frame(
        code=view.code,
        seq=view.last_seq,
        lang=lang,
        title=view.title,
        phase=view.phase,
        round=view.round,
        revealed=view.revealed,
        vote_mode=view.settings.vote_mode,
        counts=counts,
        results=None,
        concerns=tuple(_card(c) for c in concerns[:shown_concerns]),
        more_concerns=max(len(concerns) - shown_concerns, 0),
        comments=_comment_cards(comments[::-1][:shown_comments], pack, lang),
        more_comments=max(len(comments) - shown_comments, 0),
        context=context_lines(pack, services.context_of(view), lang),
    )
    if view.revealed:
        frame = _with_results(frame, results, pack, lang)
    return dataclasses.replace(frame, panels=panels_of(frame), notice=_notice(frame, results))


def _card(concern: Concern) -> ConcernCard:
    return ConcernCard(concern.kind, concern.text, concern.upvotes)


def _comment_cards(
    comments: Sequence[Comment], pack: ContentPack, lang: Lang
) -> tuple[CommentCard, ...]:
    """Comments with what they are about in words (an unknown target counts as general)."""
    options = option_names(pack, lang)
    criteria = criterion_names(pack, lang)
    general = t("wall.comment.general", lang)
    cards = []
    for comment in comments:
        names = options if comment.target_kind == "option" else criteria
        about = names.get(comment.target_id, "") if comment.target_kind != "general" else ""
        cards.append(CommentCard(about or general, comment.text))
    return tuple(cards)


def context_lines(
    pack: ContentPack, context: Mapping[str, object], lang: Lang
) -> tuple[ContextLine, ...]:
    """The group's context factors as the phones show them: the facilitator's value or neutral."""
    raw = context.get("factors")
    factors = raw if isinstance(raw, Mapping) else {}
    lines = []
    for factor in pack.context_factors:
        given = factors.get(factor.id)
        chosen = isinstance(given, int | float) and not isinstance(given, bool)
        value = float(given) if chosen else factor.neutral  # type: ignore[arg-type]
        value = min(max(value, factor.minimum), factor.maximum)
        span = factor.maximum - factor.minimum
        digits = 0 if float(value).is_integer() else 1
        unit = f" {factor.unit.get(lang)}" if factor.unit else ""
        lines.append(
            ContextLine(
                name=factor.name.get(lang),
                value=f"{number(value, lang, digits)}{unit}",
                position=(value - factor.minimum) / span if span > 0 else 0.5,
                low=factor.low.get(lang),
                high=factor.high.get(lang),
                chosen=chosen,
            )
        )
    return tuple(lines)


def _with_results(frame: Frame, results: RoundResults, pack: ContentPack, lang: Lang) -> Frame:
    """Add the results' sentences and chart data (only what may be shown exists)."""
    names = criterion_names(pack, lang)
    options = option_names(pack, lang)
    axis_labels = axis_options(pack, lang, "wall")
    data: dict[str, pa.Table] = {}
    sentences: list[str] = []
    alerts: list[str] = []
    shift_lines: list[str] = []
    kendall = ""
    if results.visible and results.sensitivity is not None:
        weights = [w.weight for w in results.weights]
        data["weights"] = weights_frame(results.weights, names)
        data["ranking"] = ranking_frame(
            results.ranking,
            results.criteria,
            weights,
            names,
            axis_labels,
            t("wall.other_criteria", lang),
        )
        sentences = sensitivity_sentences(
            results.sensitivity, results.ranking[0].score, names, options, lang
        )
        alerts = alert_sentences(results.alerts[:MAX_ALERTS], names, lang)
        if results.kendall_w is not None:
            kendall = t("wall.kendall", lang, value=number(results.kendall_w, lang, 2))
    if results.tally is not None:
        data["votes"] = votes_frame(results.tally, axis_labels)
    if results.shift is not None:
        data["shift"] = shift_frame(
            results.shift,
            names,
            t("common.round", lang, number=results.shift.before),
            t("common.round", lang, number=results.shift.after),
        )
        shift_lines = shift_sentences(results.shift, options, lang)
    return dataclasses.replace(
        frame,
        results=results,
        sentences=tuple(sentences),
        alerts=tuple(alerts),
        shift_lines=tuple(shift_lines),
        kendall=kendall,
        data=data,
        vote_score=vote_score_sentence(results, options, lang) or "",
    )


def _notice(frame: Frame, results: RoundResults) -> str:
    """Why the results phase shows no results yet (empty when it shows them, or elsewhere)."""
    if frame.phase != "results" and not frame.revealed:
        return ""
    if not frame.revealed:
        return t("wall.hidden", frame.lang)
    if not results.visible:
        return t("wall.threshold", frame.lang, threshold=results.threshold, ballots=results.ballots)
    return ""


# --------------------------------------------------------------------------- panels


def panels_of(frame: Frame) -> tuple[Panel, ...]:
    """What the wall's body shows in turn, the phase's own matter first.

    Welcome, weighing and voting are about joining in: the posts.  The context phase shows the
    unit's situation, the options phase the comments first (they are mostly on options).  Once
    revealed, the results lead: the ranking beside the vote, then the weights with how safe
    first place is, then the shift since the last round; the posts follow.
    """
    lang = frame.lang
    concerns = _pages("concerns", t("wall.section.concerns", lang), len(frame.concerns), 1)
    comments = _pages("comments", t("wall.section.comments", lang), len(frame.comments), 0)
    panels: list[Panel] = []
    if frame.results is not None and frame.results.visible and "ranking" in frame.data:
        panels.append(Panel("ranking", t("wall.section.ranking", lang)))
        panels.append(Panel("weights", t("wall.section.weights", lang)))
        if "shift" in frame.data and frame.results.shift is not None:
            title = t("wall.section.shift", lang, number=frame.results.shift.before)
            panels.append(Panel("shift", title))
    elif frame.phase == "results" or frame.revealed:
        panels.append(Panel("notice", t("common.phase.results", lang)))
    if frame.phase == "context":
        panels.insert(0, Panel("context", t("wall.section.context", lang)))
    if frame.phase == "options":
        return (*panels, *comments, *concerns)
    return (*panels, *concerns, *comments)


def _pages(kind: str, title: str, count: int, minimum: int) -> list[Panel]:
    """One panel per page of posts (at least `minimum`, so "no concerns yet" can show)."""
    per_page = CONCERNS_PER_PANEL if kind == "concerns" else COMMENTS_PER_PANEL
    pages = max(-(-count // per_page), minimum)
    return [Panel(kind, title, page) for page in range(pages)]


def panel_at(panels: Sequence[Panel], elapsed: float) -> int:
    """The index of the panel to show `elapsed` seconds after the wall's phase began."""
    if not panels:
        return 0
    return int(max(elapsed, 0.0) // ROTATE_SECONDS) % len(panels)
