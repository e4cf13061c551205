"""The wall's view model: what the projector shows, built without Streamlit.

A :class:`Frame` holds everything one draw of the wall needs, with labels in the reader's
language and chart data ready (:mod:`workshop.ui.wall.page` draws it).  :func:`refresh` first
asks the store for the session's newest event number (one indexed read); only when it moved does
it bring the live aggregates up to date from the event log and build a new frame.  Nothing here
calls Streamlit, so ``bench/bench_wall.py`` and the tests can build and time frames directly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
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
from workshop.store import Concern, Counts, SessionView
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

#: Concerns shown on the wall (most upvoted first); the rest are counted.
MAX_CONCERNS = 8
#: Disagreement alerts shown at most (least consensus first).
MAX_ALERTS = 3


@dataclass(frozen=True)
class ConcernCard:
    """A concern or question as the wall shows it (text exactly as posted)."""

    kind: str
    text: str
    upvotes: int


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
    results: RoundResults | None  # None until revealed: nothing is computed before
    concerns: tuple[ConcernCard, ...]
    more_concerns: int
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
    """Read counts, concerns and (once revealed) the results, and prepare every label.

    The results come from :func:`services.results_of`, computed once per change of the event
    log for every wall and phone of the session.
    """
    store = services.store()
    counts = store.counts(view.code)
    concerns = store.concerns(view.code)
    cards = tuple(_card(c) for c in concerns[:MAX_CONCERNS])
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
        concerns=cards,
        more_concerns=max(len(concerns) - MAX_CONCERNS, 0),
    )
    if not view.revealed:
        return frame
    results = services.results_of(view)  # the same results the phones show
    return _with_results(frame, results, services.pack_of(view), lang)


def _card(concern: Concern) -> ConcernCard:
    return ConcernCard(concern.kind, concern.text, concern.upvotes)


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
