"""The decision record ("Ergebnisprotokoll" / "Decision record"): what the group decided, and how.

:func:`document` turns a snapshot into a small, format-free :class:`Document` (headings,
paragraphs, lists, fact lists, tables, figures); :mod:`workshop.export.record_html` writes it as
one self-contained HTML page that prints well, and :mod:`workshop.export.pdf` lays the same
document out as a PDF.  One source, two outputs: they cannot drift apart.

Contents: title and date, participant count and settings, the phases with the facilitator's notes,
the earlier workshop's results (a session imported from its JSON export: per round the first
places, the vote's leaders and the least resisted options, counts only below the threshold),
per round the ranking and how robust it is, the group weights and their spread, the votes, the
resistance round and the shift since the round before (each with the wall's chart), what changes
for whom under the pilot option (or the leading one) and the runner-up, every concern with its
status and answer grouped by status, the pilot plan, the comments, and the next steps (the note
of the "results" phase).  Below the anonymity threshold a round shows its counts only, and so
does its resistance round.  Every round of the session is shown, so a session imported from an
earlier workshop's JSON (with individual rows) shows that workshop's rounds before the new ones;
with earlier results, the round headings say which rounds were carried over from the last
workshop and which are this workshop's own, right below the earlier results.

Texts from people (title, notes, comments, concerns) are kept as the characters they are; each
writer escapes them for its format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from workshop.content import ROLE_CHANGE_ASPECTS, ContentPack, Lang
from workshop.engine.ballots import STATUS_QUO
from workshop.export import words
from workshop.export.snapshot import ChartSpec, ConcernRow, RoundSnapshot, Snapshot
from workshop.export.summary import EarlierResults, EarlierRound
from workshop.rounds.resistance import Disagreement, ResistanceResults
from workshop.rounds.results import RoundResults
from workshop.store import CONCERN_STATUSES, PHASES
from workshop.text.i18n import t
from workshop.text.wording import iso_day_text


@dataclass(frozen=True)
class Heading:
    """A section heading; level 2 starts a section, 3 a subsection, 4 a part of one."""

    text: str
    level: Literal[2, 3, 4]


@dataclass(frozen=True)
class Paragraph:
    """Running text (line breaks kept); ``muted`` for remarks such as "no notes"."""

    text: str
    muted: bool = False


@dataclass(frozen=True)
class Bullets:
    """A list of sentences."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """Label–value pairs (the record's header data, a round's counts); ``strong`` values are
    set in bold (short facts), others plain (running text such as a role's changes)."""

    rows: tuple[tuple[str, str], ...]
    strong: bool = True


@dataclass(frozen=True)
class TableBlock:
    """A table; ``numeric`` marks right-aligned columns, ``widths`` are relative."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class Figure:
    """A wall chart with its caption."""

    chart: ChartSpec
    caption: str


Block = Heading | Paragraph | Bullets | Facts | TableBlock | Figure


@dataclass(frozen=True)
class Document:
    """The record, independent of HTML or PDF."""

    lang: Lang
    kind: str  # "Ergebnisprotokoll" / "Decision record"
    title: str
    footer: str
    blocks: tuple[Block, ...]


# --------------------------------------------------------------------------- content


def document(snapshot: Snapshot) -> Document:
    """The record's content for this snapshot."""
    lang = snapshot.lang
    blocks: list[Block] = [
        Facts(_header_facts(snapshot)),
        Paragraph(t("export.record.privacy", lang, threshold=snapshot.threshold), muted=True),
    ]
    blocks += _phases(snapshot)
    blocks += _earlier(snapshot)
    for r in snapshot.rounds:
        blocks += _round(snapshot, r)
    blocks += _roles(snapshot)
    blocks += _concerns(snapshot)
    blocks += _pilot(snapshot)
    blocks += _comments(snapshot)
    blocks += _next_steps(snapshot)
    kind = t("export.record.kind", lang)
    footer = f"{kind} · {snapshot.title} · {words.timestamp(snapshot.exported_at, lang)}"
    return Document(lang, kind, snapshot.title, footer, tuple(blocks))


def _header_facts(snapshot: Snapshot) -> tuple[tuple[str, str], ...]:
    lang = snapshot.lang
    settings = snapshot.settings
    mode = t(f"export.vote_mode.{settings.vote_mode}", lang)
    if settings.vote_mode == "dots":
        mode = t(
            "export.record.dots_mode",
            lang,
            mode=mode,
            budget=settings.dot_budget,
            cap=settings.dot_cap_per_option,
        )
    return (
        (t("export.record.as_of", lang), words.timestamp(snapshot.exported_at, lang)),
        (t("export.field.created", lang), words.timestamp(snapshot.created_at, lang)),
        (t("export.field.code", lang), snapshot.code),
        (t("export.field.joined", lang), str(snapshot.joined)),
        (t("export.field.active", lang), str(len(snapshot.participants))),
        *(
            (label, str(value))
            for label, value in words.area_facts(snapshot.areas, settings.role_groups, lang)
        ),
        (t("export.record.rounds", lang), str(snapshot.round)),
        (t("export.field.phase", lang), t(f"common.phase.{snapshot.phase}", lang)),
        (t("export.field.vote_mode", lang), mode),
        (t("export.field.threshold", lang), str(settings.anonymity_threshold)),
    )


def _phases(snapshot: Snapshot) -> list[Block]:
    """The facilitator's notes, phase by phase (the results phase closes the record)."""
    lang = snapshot.lang
    blocks: list[Block] = [Heading(t("export.record.phases", lang), 2)]
    for phase in PHASES[:-1]:
        blocks.append(Heading(t(f"common.phase.{phase}", lang), 3))
        note = snapshot.notes.get(phase)
        blocks.append(
            Paragraph(note) if note else Paragraph(t("export.record.no_note", lang), True)
        )
    return blocks


def _round(snapshot: Snapshot, r: RoundSnapshot) -> list[Block]:
    """One round: counts, then (when visible) ranking, weights, votes and the shift."""
    lang = snapshot.lang
    results = r.results
    blocks: list[Block] = [
        Heading(_round_title(snapshot, r.number), 2),
        Facts(
            (
                (t("export.field.ballots", lang), str(r.ballots_count)),
                (t("export.field.votes", lang), str(r.votes_count)),
                (t("export.field.resistance", lang), str(r.resistance.count)),
            )
        ),
    ]
    if not r.weights_visible:
        text = t(
            "export.record.counts_only", lang, threshold=results.threshold, ballots=r.ballots_count
        )
        if _carried_over(snapshot, r.number) and not (r.ballots_count or r.votes_count):
            text = t("export.record.carried_over_empty", lang)
        return [*blocks, Paragraph(text, muted=True), *_resistance(snapshot, r)]
    blocks += _ranking(snapshot, r.number, results)
    blocks += _weights(snapshot, r.number, results)
    blocks += _votes(snapshot, r)
    blocks += _resistance(snapshot, r)
    blocks += _shift(snapshot, results)
    return blocks


def _carried_over(snapshot: Snapshot, round_no: int) -> bool:
    """Whether this round was carried over from the last workshop (it has earlier results)."""
    earlier = snapshot.earlier
    return earlier is not None and any(e.round == round_no for e in earlier.rounds)


def _round_title(snapshot: Snapshot, round_no: int) -> str:
    """ "Round 2", or with earlier results which workshop the round belongs to."""
    lang = snapshot.lang
    if snapshot.earlier is None:
        return t("export.round", lang, number=round_no)
    key = (
        "export.record.round_then"
        if _carried_over(snapshot, round_no)
        else "export.record.round_now"
    )
    return t(key, lang, number=round_no)


# --------------------------------------------------------------------------- earlier workshop

#: How many places of an earlier round's ranking the record lists (ties at the last included).
EARLIER_PLACES = 3


def _earlier(snapshot: Snapshot) -> list[Block]:
    """The last workshop's results, right before this workshop's rounds (none if not imported)."""
    earlier = snapshot.earlier
    if earlier is None:
        return []
    lang = snapshot.lang
    blocks: list[Block] = [
        Heading(t("export.record.earlier", lang), 2),
        Paragraph(_earlier_intro(earlier, lang)),
    ]
    for e in earlier.rounds:
        blocks += _earlier_round(snapshot, e)
    return blocks


def _earlier_intro(earlier: EarlierResults, lang: Lang) -> str:
    when = "" if earlier.exported_at is None else words.timestamp(earlier.exported_at, lang)
    return t("export.record.earlier_intro", lang, title=earlier.title, date=when)


def _earlier_round(snapshot: Snapshot, e: EarlierRound) -> list[Block]:
    """One earlier round: counts; when it was shown, its first places, vote and resistance."""
    lang = snapshot.lang
    blocks: list[Block] = [
        Heading(t("export.record.earlier_round", lang, number=e.round), 3),
        Facts(
            (
                (t("export.field.ballots", lang), str(e.ballots)),
                (t("export.field.votes", lang), str(e.votes)),
                (t("export.field.resistance", lang), str(e.ratings)),
            )
        ),
    ]
    if not e.shown:
        text = t("export.record.earlier_counts_only", lang, threshold=snapshot.threshold)
        return [*blocks, Paragraph(text, muted=True)]
    options = words.option_names(snapshot.pack, lang)
    top = [o for o in e.ranking if o.rank <= EARLIER_PLACES]
    rows = tuple(
        (str(o.rank), options.get(o.option, o.option), words.number(o.score * 100.0, lang, 1))
        for o in top
    )
    header = tuple(t(k, lang) for k in ("export.col.rank", "export.col.option", "export.col.score"))
    blocks.append(TableBlock(header, rows, (True, False, True), (0.8, 6.2, 2.0)))
    if len(top) < len(e.ranking):
        sheet = t("export.sheet.earlier_results", lang)
        blocks.append(Paragraph(t("export.record.earlier_more", lang, sheet=sheet), muted=True))
    blocks.append(Bullets(tuple(_earlier_sentences(snapshot, e))))
    return blocks


def _earlier_sentences(snapshot: Snapshot, e: EarlierRound) -> list[str]:
    """The earlier round's vote leaders and least resisted options, in words."""
    lang = snapshot.lang
    names = words.resistance_names(snapshot.pack, lang)
    leaders = e.vote_leaders
    if e.tally is None or e.tally_mode is None:
        sentences = [t("export.record.earlier_vote_none", lang, votes=e.votes)]
    elif not leaders:
        sentences = [t("export.record.earlier_vote_empty", lang)]
    else:
        sentences = [
            t(
                "export.record.earlier_vote",
                lang,
                unit=t(f"export.col.total.{e.tally_mode}", lang),
                options=words.join_names([names.get(o, o) for o in leaders], lang),
                total=_total(e.tally[leaders[0]], lang),
            )
        ]
    if e.least_resistance:
        least = words.join_names([names.get(o, o) for o in e.least_resistance], lang)
        sentences.append(t("export.record.earlier_least", lang, options=least))
    elif e.ratings:
        sentences.append(t("export.record.earlier_least_none", lang, count=e.ratings))
    return sentences


def _total(value: float, lang: Lang) -> str:
    """A vote total as written: whole numbers without decimals (they always are)."""
    return str(int(value)) if float(value).is_integer() else words.number(value, lang, 1)


def _figure(snapshot: Snapshot, round_no: int, kind: str) -> list[Block]:
    """The round's chart of this kind, if the snapshot has charts."""
    for chart in snapshot.charts:
        if chart.round == round_no and chart.kind == kind:
            return [Figure(chart, chart.title)]
    return []


def _ranking(snapshot: Snapshot, round_no: int, results: RoundResults) -> list[Block]:
    lang = snapshot.lang
    criteria = words.criterion_names(snapshot.pack, lang)
    options = words.option_names(snapshot.pack, lang)
    blocks: list[Block] = [Heading(t("export.record.ranking", lang), 3)]
    blocks += _figure(snapshot, round_no, "ranking")
    if results.sensitivity is not None and results.ranking:
        sentences = words.sensitivity_sentences(
            results.sensitivity, results.ranking[0].score, criteria, options, lang
        )
        blocks.append(Bullets(tuple(sentences)))
    rows = tuple(
        (
            str(o.rank),
            options[o.option],
            words.number(o.score * 100.0, lang, 1),
            str(o.topsis_rank),
            words.number(o.topsis, lang, 3),
        )
        for o in results.ranking
    )
    header = tuple(
        t(k, lang)
        for k in (
            "export.col.rank",
            "export.col.option",
            "export.col.score",
            "export.col.topsis_rank",
            "export.col.topsis",
        )
    )
    blocks.append(
        TableBlock(header, rows, (True, False, True, True, True), (0.8, 4.6, 1.5, 1.3, 1.8))
    )
    return blocks


def _weights(snapshot: Snapshot, round_no: int, results: RoundResults) -> list[Block]:
    lang = snapshot.lang
    criteria = words.criterion_names(snapshot.pack, lang)
    blocks: list[Block] = [Heading(t("export.record.weights", lang), 3)]
    blocks += _figure(snapshot, round_no, "weights")
    ordered = sorted(results.weights, key=lambda w: -w.weight)
    rows = tuple(
        (
            criteria[w.criterion],
            words.percent(w.weight, lang),
            f"{words.percent(w.low, lang, 0)} – {words.percent(w.high, lang, 0)}",
            words.number(w.consensus, lang, 2),
        )
        for w in ordered
    )
    header = tuple(
        t(k, lang)
        for k in (
            "export.col.criterion",
            "export.col.group_weight",
            "export.record.middle_half",
            "export.col.consensus",
        )
    )
    blocks.append(TableBlock(header, rows, (False, True, True, True), (4.2, 2.0, 2.4, 1.6)))
    alerts = words.alert_sentences(results.alerts, criteria, lang)
    blocks.append(Paragraph(t("export.record.disagreement", lang)))
    blocks.append(
        Bullets(tuple(alerts)) if alerts else Paragraph(t("export.record.no_alerts", lang), True)
    )
    if results.kendall_w is not None:
        value = words.number(results.kendall_w, lang, 2)
        blocks.append(Paragraph(t("export.record.kendall", lang, value=value), muted=True))
    return blocks


def _votes(snapshot: Snapshot, r: RoundSnapshot) -> list[Block]:
    lang = snapshot.lang
    blocks: list[Block] = [Heading(t("export.record.votes", lang), 3)]
    tally = r.results.tally
    if not r.votes_visible or tally is None:
        text = t(
            "export.record.votes_counts_only",
            lang,
            threshold=r.results.threshold,
            votes=r.votes_count,
        )
        return [*blocks, Paragraph(text, muted=True)]
    blocks += _figure(snapshot, r.number, "votes")
    options = words.option_names(snapshot.pack, lang)
    rows = tuple((options[o], str(tally.totals[o])) for o in tally.order())
    header = (t("export.col.option", lang), t(f"export.col.total.{tally.mode}", lang))
    blocks.append(TableBlock(header, rows, (False, True), (6.0, 2.0)))
    disagreement = words.vote_score_sentence(r.results, options, lang)
    if disagreement is not None:
        blocks.append(Paragraph(disagreement))
    return blocks


def _shift(snapshot: Snapshot, results: RoundResults) -> list[Block]:
    shift = results.shift
    if shift is None:
        return []
    lang = snapshot.lang
    options = words.option_names(snapshot.pack, lang)
    blocks: list[Block] = [Heading(t("export.record.shift", lang, number=shift.before), 3)]
    blocks += _figure(snapshot, results.round, "shift")
    blocks.append(Bullets(tuple(words.shift_sentences(shift, options, lang))))
    if shift.votes:
        header = (
            t("export.col.option", lang),
            t("export.round", lang, number=shift.before),
            t("export.round", lang, number=shift.after),
        )
        rows = tuple((options[v.option], str(v.before), str(v.after)) for v in shift.votes)
        blocks.append(TableBlock(header, rows, (False, True, True), (6.0, 1.5, 1.5)))
    return blocks


def _concerns(snapshot: Snapshot) -> list[Block]:
    """Every concern shown, grouped by status (open first), most upvoted first in each group."""
    lang = snapshot.lang
    blocks: list[Block] = [Heading(t("export.record.concerns_by_status", lang), 2)]
    ordered = snapshot.concerns_by_support()
    if not ordered:
        blocks.append(Paragraph(t("export.record.none", lang), muted=True))
    for status in CONCERN_STATUSES:
        group = [c for c in ordered if c.status == status]
        if not group:
            continue
        name = t(f"common.concern_status.{status}", lang)
        blocks.append(
            Heading(t("export.record.status_group", lang, status=name, count=len(group)), 3)
        )
        blocks.append(_concern_table(snapshot, group))
    blocks += _hidden_note(snapshot.hidden_concerns, snapshot.include_hidden, lang)
    return blocks


def _concern_table(snapshot: Snapshot, concerns: Sequence[ConcernRow]) -> TableBlock:
    lang = snapshot.lang
    options = words.option_names(snapshot.pack, lang)
    rows = tuple(
        (
            str(c.upvotes),
            t(f"export.concern_kind.{c.kind}", lang),
            _with_hidden(c.text, c.hidden, lang),
            "" if c.option_id is None else options.get(c.option_id, c.option_id),
            c.answer or "",
        )
        for c in concerns
    )
    header = tuple(
        t(k, lang)
        for k in (
            "export.col.upvotes",
            "export.col.kind",
            "export.col.text",
            "export.col.about_option",
            "export.col.answer",
        )
    )
    return TableBlock(header, rows, (True, False, False, False, False), (2.3, 1.0, 3.5, 2.3, 2.9))


def _comments(snapshot: Snapshot) -> list[Block]:
    lang = snapshot.lang
    blocks: list[Block] = [Heading(t("export.record.comments", lang), 2)]
    if not snapshot.comments:
        blocks.append(Paragraph(t("export.record.none", lang), muted=True))
    else:
        rows = tuple(
            (
                str(c.round),
                words.target_name(snapshot.pack, lang, c.target_kind, c.target_id),
                _with_hidden(c.text, c.hidden, lang),
            )
            for c in snapshot.comments
        )
        header = (
            t("export.col.round", lang),
            t("export.col.target", lang),
            t("export.col.text", lang),
        )
        blocks.append(TableBlock(header, rows, (True, False, False), (0.9, 2.6, 6.5)))
    blocks += _hidden_note(snapshot.hidden_comments, snapshot.include_hidden, lang)
    return blocks


def _with_hidden(text: str, hidden: bool, lang: Lang) -> str:
    return f"{text} [{t('export.hidden_mark', lang)}]" if hidden else text


def _hidden_note(count: int, included: bool, lang: Lang) -> list[Block]:
    if not count:
        return []
    key = "export.record.hidden_included" if included else "export.record.hidden_left_out"
    return [Paragraph(t(key, lang, count=count), muted=True)]


# --------------------------------------------------------------------------- people's questions


def _resistance(snapshot: Snapshot, r: RoundSnapshot) -> list[Block]:
    """The round's resistance ratings: only their count below the threshold, none if none."""
    lang = snapshot.lang
    results = r.resistance
    if not results.count:
        return []
    blocks: list[Block] = [Heading(t("export.record.resistance", lang), 3)]
    if not results.shown:
        text = t(
            "export.record.resistance_counts_only",
            lang,
            count=results.count,
            threshold=snapshot.threshold,
        )
        return [*blocks, Paragraph(text, muted=True)]
    blocks += _figure(snapshot, r.number, "resistance")
    blocks.append(Paragraph(t("export.record.resistance_intro", lang, count=results.count)))
    names = words.resistance_names(snapshot.pack, lang)
    rows = tuple(
        (str(o.rank), names[o.option], str(o.total), str(o.high), words.percent(o.acceptance, lang))
        for o in results.options
    )
    header = tuple(
        t(k, lang)
        for k in (
            "export.col.rank",
            "export.col.option",
            "export.col.resistance_total",
            "export.col.high",
            "export.col.acceptance",
        )
    )
    blocks.append(
        TableBlock(header, rows, (True, False, True, True, True), (1.0, 4.8, 2.0, 1.9, 1.9))
    )
    blocks.append(Bullets(tuple(resistance_sentences(results, names, lang))))
    return blocks


def resistance_sentences(
    results: ResistanceResults, names: dict[str, str], lang: Lang
) -> list[str]:
    """Least resisted, compared with keeping things as today, and the disagreements with the
    preference ranking, in plain sentences (for a shown resistance round)."""
    by_option = {o.option: o for o in results.options}
    least = words.join_names([names[o] for o in results.least], lang)
    sentences = [
        t(
            "export.record.least_resisted",
            lang,
            options=least,
            total=by_option[results.least[0]].total,
        )
    ]
    keep = by_option[STATUS_QUO].total
    if results.beats_status_quo:
        better = words.join_names([names[o] for o in results.beats_status_quo], lang)
        sentences.append(t("export.record.beats_status_quo", lang, total=keep, options=better))
    else:
        sentences.append(t("export.record.none_beats_status_quo", lang, total=keep))
    sentences += [_disagreement(d, names, lang) for d in results.disagreements]
    if not results.disagreements:
        sentences.append(t("export.record.no_disagreement", lang))
    return sentences


def _disagreement(d: Disagreement, names: dict[str, str], lang: Lang) -> str:
    key = "export.record.disagree_winner" if d.kind == "winner" else "export.record.disagree_rank"
    return t(
        key,
        lang,
        option=names.get(d.option, d.option),
        preference=d.preference_rank,
        resistance=d.resistance_rank,
    )


def _role_options(snapshot: Snapshot) -> tuple[str | None, list[tuple[str, str]]]:
    """(intro key, [(option, label key)]): the pilot option and the runner-up, else the top two.

    The ranking is the last round with results; without a pilot and such a round, none.
    """
    ranking = next(
        (
            [o.option for o in r.results.ranking]
            for r in reversed(snapshot.rounds)
            if r.weights_visible
        ),
        [],
    )
    pilot = None if snapshot.pilot is None else str(snapshot.pilot["option"])
    if pilot is not None:
        others = [o for o in ranking if o != pilot]
        chosen = [(pilot, "export.record.role_option_pilot")]
        chosen += [(o, "export.record.role_option_next") for o in others[:1]]
        return "export.record.roles_intro_pilot", chosen
    if not ranking:
        return None, []
    chosen = [(ranking[0], "export.record.role_option_first")]
    chosen += [(o, "export.record.role_option_next") for o in ranking[1:2]]
    return "export.record.roles_intro_top", chosen


def _roles(snapshot: Snapshot) -> list[Block]:
    """ "What changes for whom": every role's six aspects under the chosen options, with sources.

    A pack without roles has no such section.
    """
    lang = snapshot.lang
    pack = snapshot.pack
    if not pack.roles:
        return []
    blocks: list[Block] = [Heading(t("export.record.roles", lang), 2)]
    intro, chosen = _role_options(snapshot)
    if intro is None:
        return [*blocks, Paragraph(t("export.record.roles_none", lang), muted=True)]
    blocks.append(Paragraph(t(intro, lang)))
    options = words.option_names(pack, lang)
    for option, label in chosen:
        blocks.append(Heading(t(label, lang, option=options.get(option, option)), 3))
        blocks += _role_changes(pack, option, lang)
    return blocks


def _role_changes(pack: ContentPack, option: str, lang: Lang) -> list[Block]:
    """Each role's aspects under one option, then the sources they rest on."""
    blocks: list[Block] = []
    cited: list[str] = []
    for role in pack.roles:
        change = pack.role_change(option, role.id)
        if change is None:
            continue
        blocks.append(Heading(role.name.get(lang), 4))
        rows = tuple(
            (t(f"common.role_aspect.{aspect}", lang), change.aspect(aspect).get(lang))
            for aspect in ROLE_CHANGE_ASPECTS
        )
        blocks.append(Facts(rows, strong=False))
        cited += [s for s in change.sources if s not in cited]
    if not blocks:
        return [Paragraph(t("export.record.role_missing", lang), muted=True)]
    citations = {s.id: s.citation for s in pack.sources}
    listed = "; ".join(citations.get(s, s) for s in cited)
    if listed:
        blocks.append(Paragraph(t("export.record.sources", lang, sources=listed), muted=True))
    return blocks


def _pilot(snapshot: Snapshot) -> list[Block]:
    """The pilot plan in words, or that none is agreed yet."""
    lang = snapshot.lang
    blocks: list[Block] = [Heading(t("export.record.pilot", lang), 2)]
    plan = snapshot.pilot
    if plan is None:
        return [*blocks, Paragraph(t("export.pilot.none", lang), muted=True)]
    option = str(plan["option"])
    rows = [
        (
            t("export.field.pilot_option", lang),
            words.option_names(snapshot.pack, lang).get(option, option),
        ),
        (t("export.field.pilot_team", lang), str(plan["team"])),
        (t("export.field.pilot_weeks", lang), str(plan["weeks"])),
        (t("export.field.pilot_measures", lang), words.pilot_measures(plan, lang)),
    ]
    review = iso_day_text(plan.get("review_on"), lang)  # as the phone and the wall write it
    if review:
        rows.append((t("export.field.pilot_review", lang), review))
    return [*blocks, Facts(tuple(rows))]


def _next_steps(snapshot: Snapshot) -> list[Block]:
    lang = snapshot.lang
    note = snapshot.notes.get("results")
    body = Paragraph(note) if note else Paragraph(t("export.record.no_next_steps", lang), True)
    return [Heading(t("export.record.next_steps", lang), 2), body]


def plain_text(doc: Document) -> Sequence[str]:
    """Every text of the document, in order (for tests and for searching a record)."""
    texts: list[str] = [doc.kind, doc.title]
    for block in doc.blocks:
        if isinstance(block, Heading | Paragraph):
            texts.append(block.text)
        elif isinstance(block, Bullets):
            texts.extend(block.items)
        elif isinstance(block, Facts):
            texts.extend(f"{k} {v}" for k, v in block.rows)
        elif isinstance(block, TableBlock):
            texts.extend(" ".join(row) for row in (block.header, *block.rows))
        else:
            texts.append(block.caption)
    return texts
