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
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pyarrow as pa

from workshop.content import ROLE_CHANGE_ASPECTS, ContentPack, Lang
from workshop.engine.ballots import RESISTANCE_MAX, STATUS_QUO
from workshop.export.chart_specs import (
    axis_options,
    ranking_frame,
    resistance_frame,
    shift_frame,
    votes_frame,
    weights_frame,
)
from workshop.export.summary import EarlierResults, read_earlier
from workshop.rounds.pilot import PILOT_MEASURES
from workshop.rounds.resistance import ResistanceResults
from workshop.rounds.results import RoundResults
from workshop.store import Comment, Concern, Counts, SessionView
from workshop.text.i18n import t
from workshop.text.wording import (
    alert_sentences,
    criterion_names,
    day_text,
    iso_day_text,
    join_names,
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
#: A facilitator's answer on a concern card is shortened to this many characters.
ANSWER_CHARS = 160
#: Where a concern stands decides where it is listed: open ones first, settled ones last.
STATUS_ORDER = {"open": 0, "parked": 1, "answered": 2, "out_of_scope": 2}
#: "What would lower your resistance": options and concerns per option at most.
LOWERING_OPTIONS = 4
LOWERING_PER_OPTION = 3
#: The aspects of "what changes for me" the wall shows when all six do not fit: the ones
#: participants ask about most (the phones show all six).
SPOTLIGHT_ASPECTS = ("responsibility", "skills", "load")
#: All six aspects fit the wall only while no cell is longer than this (characters).
SPOTLIGHT_ALL_CHARS = 110
#: Places of the earlier workshop's ranking the wall lists beside the current one.
EARLIER_PLACES = 3


@dataclass(frozen=True)
class ConcernCard:
    """A concern or question as the wall shows it (text exactly as posted).

    `status_label` says where it stands (in the reader's language), `answer` is the
    facilitator's answer shortened to fit a card ("" if none), `about` the option it names.
    """

    kind: str
    text: str
    upvotes: int
    status: str = "open"
    status_label: str = ""
    answer: str = ""
    about: str = ""


@dataclass(frozen=True)
class OptionConcerns:
    """The concerns naming one option ("what would lower your resistance"), most upvoted first."""

    option: str
    cards: tuple[ConcernCard, ...]


@dataclass(frozen=True)
class ResistanceRow:
    """One option's line of the resistance comparison: its name and both of its ranks.

    `preference_rank` is its place in the ranking by the weights (None for "keep as today").
    """

    name: str
    total: int
    rank: int
    preference_rank: int | None


@dataclass(frozen=True)
class ResistanceView:
    """What the wall shows of a resistance round once it may show it (revealed, threshold met)."""

    count: int
    least: str  # the least resisted option(s) in a sentence
    beats: tuple[str, ...]  # names of the options with less resistance than keeping things
    status_quo: str  # the total of "keep as today" in a sentence
    rows: tuple[ResistanceRow, ...]  # least resisted first
    disagreements: tuple[str, ...]  # sentences; empty when resistance and ranking agree
    compared: bool  # whether a ranking by the weights exists to compare with
    lowering: tuple[OptionConcerns, ...] = ()
    more_lowering: int = 0


@dataclass(frozen=True)
class Spotlight:
    """ "What changes for me" under one option: roles as columns, aspects as rows (plain text)."""

    option: str
    roles: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (aspect label, one text per role)
    complete: bool  # every aspect is shown (else the ones asked about most)


@dataclass(frozen=True)
class PilotView:
    """The pilot the group agreed on, as (label, value) lines in the reader's language."""

    option: str
    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class EarlierView:
    """The earlier workshop's results (from the session it was imported from), in words.

    `places` are its top places ("1. Kundenteams"), `leader` says whether first place changed
    ("" while the current ranking may not be shown); without a round that was shown there,
    `places` is empty and `counts` says only how many took part.
    """

    title: str
    places: tuple[str, ...] = ()
    leader: str = ""
    counts: str = ""


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

    # "concerns", "comments", "context", "ranking", "weights", "shift", "notice",
    # "resistance", "resistance_compare", "resistance_lowering", "resistance_notice",
    # "spotlight", "pilot"
    kind: str
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
    # (status, its label, count) of the listed concerns, in the order they are listed
    statuses: tuple[tuple[str, str, int], ...] = ()
    resistance: ResistanceView | None = None  # None unless revealed and from the threshold on
    resistance_notice: str = ""  # why the resistance round shows nothing but its count
    spotlight: Spotlight | None = None
    pilot: PilotView | None = None
    earlier: EarlierView | None = None  # the earlier workshop's results (results phase, revealed)


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
    # Hidden ones are left out by the store; open ones are listed before settled ones.
    concerns = sorted(store.concerns(view.code), key=lambda c: STATUS_ORDER.get(c.status, 0))
    comments = store.comments(view.code)
    # Before the reveal the wall shows counts only: the results are not computed for it (in a
    # busy room the event log moves on every tick).
    results = services.results_of(view) if view.revealed else None
    resistance = services.resistance_of(view)
    shown_concerns = MAX_CONCERNS
    shown_comments = COMMENTS_PER_PANEL * MAX_PAGES
    counts = dataclasses.replace(
        counts,
        votes=results.votes if results is not None else services.vote_count(view),
        concerns=len(concerns),
        comments=len(comments),
        resistance=resistance.count,
    )
    options = option_names(pack, lang)
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
        concerns=tuple(_card(c, options, lang) for c in concerns[:shown_concerns]),
        more_concerns=max(len(concerns) - shown_concerns, 0),
        comments=_comment_cards(comments[::-1][:shown_comments], pack, lang),
        more_comments=max(len(comments) - shown_comments, 0),
        context=context_lines(pack, services.context_of(view), lang),
        statuses=status_counts(concerns, lang),
        spotlight=spotlight_of(pack, view.settings.spotlight, lang),
        pilot=pilot_view(store.pilot(view.code), options, lang)
        if view.phase == "results"
        else None,
    )
    if results is not None:
        frame = _with_results(frame, results, pack, lang)
    if results is not None and view.phase == "results":
        stored = read_earlier(store.earlier_results(view.code), pack)
        earlier = earlier_view(stored, options, lang, _leaders(results))
        frame = dataclasses.replace(frame, earlier=earlier)
    if results is not None and resistance.shown:
        ranking = [ranked.option for ranked in results.ranking] if results.visible else []
        shown = resistance_view(resistance, ranking, concerns, options, lang)
        frame = dataclasses.replace(frame, resistance=shown)
        frame = _with_resistance_chart(frame, resistance, pack)
    frame = dataclasses.replace(
        frame, resistance_notice=_resistance_notice(view.revealed, resistance, view, lang)
    )
    return dataclasses.replace(frame, panels=panels_of(frame), notice=_notice(frame, results))


def _card(concern: Concern, options: Mapping[str, str], lang: Lang) -> ConcernCard:
    """A concern card: its text as posted, where it stands, the answer shortened to fit."""
    answer = (concern.answer or "").strip()
    if answer:
        short = textwrap.shorten(answer, ANSWER_CHARS, placeholder=" …")
        answer = t("wall.concern.answer", lang, answer=short)
    about = options.get(concern.option_id or "", "")
    return ConcernCard(
        kind=concern.kind,
        text=concern.text,
        upvotes=concern.upvotes,
        status=concern.status,
        status_label=_status_label(concern.status, lang),
        answer=answer,
        about=t("wall.concern.about", lang, option=about) if about else "",
    )


def _status_label(status: str, lang: Lang) -> str:
    """A concern status in words (an unknown one reads as open)."""
    known = status if status in STATUS_ORDER else "open"
    return t(f"common.concern_status.{known}", lang)


def status_counts(concerns: Sequence[Concern], lang: Lang) -> tuple[tuple[str, str, int], ...]:
    """How many listed concerns stand where, in the order the wall lists them (none: left out)."""
    found: dict[str, int] = {}
    for concern in concerns:
        status = concern.status if concern.status in STATUS_ORDER else "open"
        found[status] = found.get(status, 0) + 1
    ordered = sorted(found, key=lambda s: (STATUS_ORDER[s], list(STATUS_ORDER).index(s)))
    return tuple((s, _status_label(s, lang), found[s]) for s in ordered)


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


def _notice(frame: Frame, results: RoundResults | None) -> str:
    """Why the results phase shows no results yet (empty when it shows them, or elsewhere);
    `results` are None before the reveal."""
    if frame.phase != "results" and not frame.revealed:
        return ""
    if not frame.revealed or results is None:
        return t("wall.hidden", frame.lang)
    if not results.visible:
        return t("wall.threshold", frame.lang, threshold=results.threshold, ballots=results.ballots)
    return ""


# --------------------------------------------------------------------------- issue 16


def resistance_view(
    resistance: ResistanceResults,
    preference: Sequence[str],
    concerns: Sequence[Concern],
    options: Mapping[str, str],
    lang: Lang,
) -> ResistanceView:
    """The resistance round in words and rows; call only when `resistance.shown`.

    `preference` is the ranking by the weights (option ids best first; empty while it may not
    be shown), `concerns` the listed concerns: those naming an option answer "what would lower
    your resistance".
    """
    status_quo = t("common.status_quo", lang)

    def name(option: str) -> str:
        return status_quo if option == STATUS_QUO else options.get(option, option)

    by_option = {o.option: o for o in resistance.options}
    least_total = by_option[resistance.least[0]].total if resistance.least else 0
    maximum = RESISTANCE_MAX * resistance.count
    key = "wall.resistance.least_tied" if len(resistance.least) > 1 else "wall.resistance.least"
    least = t(
        key,
        lang,
        options=join_names([name(o) for o in resistance.least], lang),
        total=least_total,
        maximum=maximum,
    )
    places = {option: place for place, option in enumerate(preference, start=1)}
    rows = tuple(
        ResistanceRow(name(o.option), o.total, o.rank, places.get(o.option))
        for o in resistance.options
    )
    disagreements = []
    for found in resistance.disagreements if preference else ():
        if found.kind == "winner":
            disagreements.append(
                t(
                    "wall.resistance.winner",
                    lang,
                    option=name(found.option),
                    rank=found.resistance_rank,
                )
            )
        else:
            disagreements.append(
                t(
                    "wall.resistance.gap",
                    lang,
                    option=name(found.option),
                    preference=found.preference_rank,
                    rank=found.resistance_rank,
                )
            )
    groups, more = lowering_groups(concerns, options, lang)
    sq = by_option.get(STATUS_QUO)
    return ResistanceView(
        count=resistance.count,
        least=least,
        beats=tuple(name(o) for o in resistance.beats_status_quo),
        status_quo=t("wall.resistance.status_quo_total", lang, total=sq.total if sq else 0),
        rows=rows,
        disagreements=tuple(disagreements),
        compared=bool(preference),
        lowering=groups,
        more_lowering=more,
    )


def lowering_groups(
    concerns: Sequence[Concern], options: Mapping[str, str], lang: Lang
) -> tuple[tuple[OptionConcerns, ...], int]:
    """Concerns naming an option, grouped by it; the most upvoted groups and concerns first.

    Returns the groups that fit one panel and how many concerns are left out.
    """
    grouped: dict[str, list[Concern]] = {}
    for concern in concerns:
        if concern.option_id in options:
            grouped.setdefault(str(concern.option_id), []).append(concern)
    for items in grouped.values():
        items.sort(key=lambda c: -c.upvotes)  # stable: equal ones keep the store's order
    ranked = sorted(grouped.items(), key=lambda item: -item[1][0].upvotes)
    groups = tuple(
        OptionConcerns(
            options[option],
            tuple(_card(c, options, lang) for c in items[:LOWERING_PER_OPTION]),
        )
        for option, items in ranked[:LOWERING_OPTIONS]
    )
    total = sum(len(items) for items in grouped.values())
    return groups, total - sum(len(g.cards) for g in groups)


def _with_resistance_chart(frame: Frame, resistance: ResistanceResults, pack: ContentPack) -> Frame:
    """Add the resistance chart's data (only called once it may be shown)."""
    lang = frame.lang
    texts = [
        t("wall.resistance.bar_high", lang, total=o.total, high=o.high)
        if o.high
        else t("wall.resistance.bar", lang, total=o.total)
        for o in resistance.options
    ]
    table = resistance_frame(
        resistance.options, axis_options(pack, lang, "wall"), t("common.status_quo", lang), texts
    )
    return dataclasses.replace(frame, data={**frame.data, "resistance": table})


def _resistance_notice(
    revealed: bool, resistance: ResistanceResults, view: SessionView, lang: Lang
) -> str:
    """Why the resistance round shows nothing but its count (empty once it shows more)."""
    if not revealed:
        return t("wall.resistance.hidden", lang)
    if not resistance.shown:
        threshold = view.settings.anonymity_threshold
        return t("wall.resistance.threshold", lang, threshold=threshold, count=resistance.count)
    return ""


def spotlight_of(pack: ContentPack, option: str, lang: Lang) -> Spotlight | None:
    """ "What changes for me" under the option the facilitator spotlit (None: none or no roles).

    All six aspects fit the wall only when the texts are short (:data:`SPOTLIGHT_ALL_CHARS`);
    otherwise the three asked about most show and the phones show the rest.
    """
    names = option_names(pack, lang)
    if not option or option not in names or not pack.roles:
        return None
    changes = [pack.role_change(option, role.id) for role in pack.roles]
    missing = t("wall.spotlight.missing", lang)

    def texts(aspect: str) -> tuple[str, ...]:
        return tuple(c.aspect(aspect).get(lang) if c is not None else missing for c in changes)

    longest = max((len(text) for a in ROLE_CHANGE_ASPECTS for text in texts(a)), default=0)
    complete = longest <= SPOTLIGHT_ALL_CHARS
    aspects = ROLE_CHANGE_ASPECTS if complete else SPOTLIGHT_ASPECTS
    return Spotlight(
        option=names[option],
        roles=tuple(role.name.get(lang) for role in pack.roles),
        rows=tuple((t(f"common.role_aspect.{a}", lang), texts(a)) for a in aspects),
        complete=complete,
    )


def pilot_view(
    plan: Mapping[str, object] | None, options: Mapping[str, str], lang: Lang
) -> PilotView | None:
    """The pilot plan as lines to read out (None without a plan or a known option).

    Read defensively: the console validates a plan, but a field it left out is simply not shown.
    """
    if not plan or str(plan.get("option", "")) not in options:
        return None
    lines: list[tuple[str, str]] = []
    team = str(plan.get("team") or "").strip()
    if team:
        lines.append((t("wall.pilot.team", lang), team))
    weeks = plan.get("weeks")
    if isinstance(weeks, int) and not isinstance(weeks, bool) and weeks > 0:
        text = (
            t("wall.pilot.week", lang) if weeks == 1 else t("wall.pilot.weeks", lang, weeks=weeks)
        )
        lines.append((t("wall.pilot.weeks_label", lang), text))
    measures = _measures(plan, lang)
    if measures:
        lines.append((t("wall.pilot.measures", lang), measures))
    review = iso_day_text(plan.get("review_on"), lang)  # as the phone and the record write it
    if review:
        lines.append((t("wall.pilot.review", lang), review))
    return PilotView(options[str(plan["option"])], tuple(lines))


def _measures(plan: Mapping[str, object], lang: Lang) -> str:
    """The measures in words, the named ones first, then what the group added."""
    raw = plan.get("measures")
    named = raw if isinstance(raw, list | tuple) else []
    words = [t(f"common.pilot_measure.{m}", lang) for m in PILOT_MEASURES if m in named]
    other = str(plan.get("other_measures") or "").strip()
    if other:
        words.append(textwrap.shorten(other, 120, placeholder=" …"))
    return join_names(words, lang)


# --------------------------------------------------------------------------- earlier workshop


def _leaders(results: RoundResults) -> tuple[str, ...]:
    """The current round's first place (several when tied); empty while it may not be shown."""
    if not results.visible or not results.ranking:
        return ()
    first = results.ranking[0].rank
    return tuple(r.option for r in results.ranking if r.rank == first)


def earlier_view(
    earlier: EarlierResults | None,
    options: Mapping[str, str],
    lang: Lang,
    leaders: Sequence[str] = (),
) -> EarlierView | None:
    """The earlier workshop's results as the wall shows them (None: none, or nothing usable).

    `earlier` is what the record reads too (:func:`workshop.export.summary.read_earlier`: a
    damaged document is None there, so wall and record never tell the room different things).
    The last round that was shown there is listed; when none was (below that workshop's
    threshold) only how many took part is said, as the room saw it then.  `leaders` is the
    current round's first place (empty while it may not be shown): then the view says whether
    first place changed.
    """
    if earlier is None or not earlier.rounds:
        return None
    title = _earlier_title(earlier.exported_at, lang)
    shown = [r for r in earlier.rounds if r.shown]
    if not shown:  # below that workshop's threshold throughout: how many took part, no more
        ballots = earlier.rounds[-1].ballots
        return EarlierView(title, counts=t("wall.earlier.counts_only", lang, ballots=ballots))
    # The ranking is listed best first (the reader refuses any other order).
    places = [(o.rank, o.option) for o in shown[-1].ranking if o.option in options]
    if not places:
        return None
    return EarlierView(
        title,
        places=tuple(
            t("wall.earlier.place", lang, rank=rank, option=options[option])
            for rank, option in places[:EARLIER_PLACES]
        ),
        leader=_leader_sentence(places, leaders, options, lang),
    )


def _leader_sentence(
    places: Sequence[tuple[int, str]],
    leaders: Sequence[str],
    options: Mapping[str, str],
    lang: Lang,
) -> str:
    """Whether first place changed since the earlier workshop ("" without a current ranking)."""
    if not leaders:
        return ""
    before = [option for rank, option in places if rank == places[0][0]]
    now = [option for option in leaders if option in options]
    if not now:
        return ""
    if set(before) == set(now):
        return t("wall.earlier.same", lang, option=join_names([options[o] for o in now], lang))
    return t(
        "wall.earlier.changed",
        lang,
        before=join_names([options[o] for o in before], lang),
        now=join_names([options[o] for o in now], lang),
    )


def _earlier_title(exported_at: datetime | None, lang: Lang) -> str:
    """ "Letzter Workshop (27. November 2026)", from the export's time; undated without one."""
    if exported_at is None:
        return t("wall.earlier.title_undated", lang)
    return t("wall.earlier.title", lang, date=day_text(exported_at.date(), lang))


# --------------------------------------------------------------------------- panels


def panels_of(frame: Frame) -> tuple[Panel, ...]:
    """What the wall's body shows in turn, the phase's own matter first.

    Welcome, weighing and voting are about joining in: the posts.  The context phase shows the
    unit's situation, the options phase the comments first (they are mostly on options).  Once
    revealed, the results lead: the ranking beside the vote, then the weights with how safe
    first place is, then the shift since the last round; the posts follow.  An earlier
    workshop's results (:attr:`Frame.earlier`) need no panel of their own: the ranking panel
    shows them beside the bars, the notice panel below the notice.
    """
    lang = frame.lang
    if frame.spotlight is not None:  # picked to discuss now: it stays until it is cleared
        return (Panel("spotlight", t("wall.spotlight.short", lang, option=frame.spotlight.option)),)
    concerns = _pages("concerns", t("wall.section.concerns", lang), len(frame.concerns), 1)
    comments = _pages("comments", t("wall.section.comments", lang), len(frame.comments), 0)
    if frame.phase == "resistance":
        return (*resistance_panels(frame), *concerns, *comments)
    panels: list[Panel] = []
    if frame.phase == "results" and frame.pilot is not None:
        panels.append(Panel("pilot", t("wall.section.pilot", lang)))
    if frame.results is not None and frame.results.visible and "ranking" in frame.data:
        panels.append(Panel("ranking", t("wall.section.ranking", lang)))
        panels.append(Panel("weights", t("wall.section.weights", lang)))
        if "shift" in frame.data and frame.results.shift is not None:
            title = t("wall.section.shift", lang, number=frame.results.shift.before)
            panels.append(Panel("shift", title))
    elif frame.phase == "results" or frame.revealed:
        panels.append(Panel("notice", t("common.phase.results", lang)))
    if frame.phase == "results" and frame.resistance is not None:
        panels.append(Panel("resistance", t("wall.section.resistance", lang)))
    if frame.phase == "context":
        panels.insert(0, Panel("context", t("wall.section.context", lang)))
    if frame.phase == "options":
        return (*panels, *comments, *concerns)
    return (*panels, *concerns, *comments)


def resistance_panels(frame: Frame) -> list[Panel]:
    """The resistance phase's own panels: the figures once they may show, else the notice.

    Before the reveal or below the threshold the wall shows nothing of the round but how many
    have rated (the header's count and the notice).
    """
    lang = frame.lang
    if frame.resistance is None:
        return [Panel("resistance_notice", t("common.phase.resistance", lang))]
    panels = [Panel("resistance", t("wall.section.resistance", lang))]
    if frame.resistance.compared:
        panels.append(Panel("resistance_compare", t("wall.section.resistance_compare", lang)))
    panels.append(Panel("resistance_lowering", t("wall.section.resistance_lowering", lang)))
    return panels


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
