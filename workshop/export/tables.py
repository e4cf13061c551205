"""The tables of the spreadsheet exports, built once and written as XLSX sheets or CSV files.

XLSX and CSV show exactly the same tables (same ids, headers, rows): :func:`tables` builds them
from a snapshot and the writers only format them.  Headers are in the snapshot's language; table
ids (CSV file names) are fixed ASCII so scripts can rely on them.

Cells hold numbers as numbers: shares of 1 (``"percent"`` columns, e.g. 0.125 for 12.5 %),
scores as points of 100 (``"points"``), slider positions and counts as ``int``.  Dates are naive
UTC datetimes (the header says UTC) because spreadsheets know no time zones.

:func:`neutralise` defuses text that a spreadsheet would run as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from workshop.content import Lang
from workshop.engine.ballots import STATUS_QUO
from workshop.export import words
from workshop.export.snapshot import RoundSnapshot, Snapshot
from workshop.rounds.resistance import rated_options
from workshop.store import PHASES
from workshop.text.i18n import t

Cell = str | int | float | datetime | None
ColumnKind = Literal["text", "longtext", "int", "number", "percent", "points", "value"]

#: The tables in workbook order; the CSV zip names its files ``01_summary.csv`` and so on.
TABLE_IDS: tuple[str, ...] = (
    "summary",
    "group_weights",
    "participant_weights",
    "ranking",
    "sensitivity",
    "votes",
    "comments",
    "concerns",
    "notes",
    # Added later, so appended: the earlier files keep their numbers for scripts reading them.
    "resistance",
    "participant_resistance",
    "pilot",
    # Only in a session imported from an earlier workshop's JSON (left out otherwise).
    "earlier_results",
)

#: First characters that make Excel, LibreOffice or Google Sheets treat text as a formula
#: (OWASP "CSV injection"); tab and carriage return can hide one behind white space.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """A column: its header and how its cells are formatted."""

    header: str
    kind: ColumnKind


@dataclass(frozen=True)
class Table:
    """One sheet / CSV file."""

    id: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


def neutralise(text: str) -> str:
    """Text that starts like a formula gets a leading apostrophe, so it stays text."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def utc_naive(moment: datetime) -> datetime:
    """A datetime in UTC without tzinfo (spreadsheets refuse time zones), whole seconds."""
    utc = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    return utc.replace(microsecond=0)


def tables(snapshot: Snapshot) -> tuple[Table, ...]:
    """Every table of the spreadsheet exports, in :data:`TABLE_IDS` order.

    ``earlier_results`` only when the session has earlier results (an imported one).
    """
    builders = (
        _summary,
        _group_weights,
        _participant_weights,
        _ranking,
        _sensitivity,
        _votes,
        _comments,
        _concerns,
        _notes,
        _resistance,
        _participant_resistance,
        _pilot,
    )
    built = tuple(build(snapshot) for build in builders)
    if snapshot.earlier is None:
        return built
    return (*built, _earlier_results(snapshot))


def _columns(lang: Lang, *specs: tuple[str, ColumnKind]) -> tuple[Column, ...]:
    """Columns from (catalog key, kind) pairs."""
    return tuple(Column(t(key, lang), kind) for key, kind in specs)


def _table(
    snapshot: Snapshot, table_id: str, columns: Sequence[Column], rows: list[tuple[Cell, ...]]
) -> Table:
    return Table(
        table_id, t(f"export.sheet.{table_id}", snapshot.lang), tuple(columns), tuple(rows)
    )


def _visible(snapshot: Snapshot) -> list[RoundSnapshot]:
    return [r for r in snapshot.rounds if r.weights_visible]


# --------------------------------------------------------------------------- summary


def _summary(snapshot: Snapshot) -> Table:
    """Key facts as (item, value) rows, then one block of rows per round."""
    lang = snapshot.lang
    settings = snapshot.settings
    options = words.option_names(snapshot.pack, lang)
    rows: list[tuple[Cell, ...]] = [
        (t("export.field.title", lang), snapshot.title),
        (t("export.field.code", lang), snapshot.code),
        (t("export.field.created", lang), utc_naive(snapshot.created_at)),
        (t("export.field.exported", lang), utc_naive(snapshot.exported_at)),
        (t("export.field.language", lang), t(f"export.language.{snapshot.language}", lang)),
        (t("export.field.phase", lang), t(f"common.phase.{snapshot.phase}", lang)),
        (t("export.field.round", lang), snapshot.round),
        (t("export.field.joined", lang), snapshot.joined),
        (t("export.field.active", lang), len(snapshot.participants)),
        *words.area_facts(snapshot.areas, settings.role_groups, lang),
        (t("export.field.threshold", lang), settings.anonymity_threshold),
        (t("export.field.individual", lang), words.yes_no(snapshot.individual, lang)),
        (t("export.field.vote_mode", lang), t(f"export.vote_mode.{settings.vote_mode}", lang)),
    ]
    if settings.vote_mode == "dots":
        rows.append((t("export.field.dot_budget", lang), settings.dot_budget))
        rows.append((t("export.field.dot_cap", lang), settings.dot_cap_per_option))
    rows += [
        (t("export.field.revealed", lang), words.yes_no(snapshot.revealed, lang)),
        (t("export.field.hidden_included", lang), words.yes_no(snapshot.include_hidden, lang)),
        (t("export.field.comments", lang), len(snapshot.comments)),
        (t("export.field.concerns", lang), len(snapshot.concerns)),
    ]
    if settings.spotlight:
        spotlight = options.get(settings.spotlight, settings.spotlight)
        rows.append((t("export.field.spotlight", lang), spotlight))
    for r in snapshot.rounds:
        rows += _round_summary(r, options, lang)
    columns = _columns(lang, ("export.col.item", "text"), ("export.col.value", "value"))
    return _table(snapshot, "summary", columns, rows)


def _round_summary(r: RoundSnapshot, options: dict[str, str], lang: Lang) -> list[tuple[Cell, ...]]:
    """Counts of a round, and its leader and robustness when they may be shown."""
    prefix = t("export.round", lang, number=r.number)
    rows: list[tuple[Cell, ...]] = [
        (f"{prefix}: {t('export.field.ballots', lang)}", r.ballots_count),
        (f"{prefix}: {t('export.field.votes', lang)}", r.votes_count),
        (f"{prefix}: {t('export.field.resistance', lang)}", r.resistance.count),
        *_resistance_summary(r, prefix, options, lang),
    ]
    report = r.results.sensitivity
    if not r.weights_visible or report is None:
        status = t("export.counts_only", lang, threshold=r.results.threshold)
        rows.append((f"{prefix}: {t('export.field.results', lang)}", status))
        return rows
    leader = words.join_names([options[o] for o in report.tied], lang)
    rows.append((f"{prefix}: {t('export.field.leader', lang)}", leader))
    rows.append((f"{prefix}: {t('export.field.robust', lang)}", words.yes_no(report.robust, lang)))
    disagreement = words.vote_score_sentence(r.results, options, lang)
    if disagreement is not None:
        rows.append((f"{prefix}: {t('export.field.vote_score', lang)}", disagreement))
    return rows


def _resistance_summary(
    r: RoundSnapshot, prefix: str, options: dict[str, str], lang: Lang
) -> list[tuple[Cell, ...]]:
    """The least resisted options of a round, or that only the count may be shown."""
    label = f"{prefix}: {t('export.field.resistance_results', lang)}"
    if not r.resistance.count:
        return []
    if not r.resistance.shown:
        return [(label, t("export.counts_only", lang, threshold=r.results.threshold))]
    names = {**options, STATUS_QUO: t("common.status_quo", lang)}
    least = words.join_names([names[o] for o in r.resistance.least], lang)
    return [(f"{prefix}: {t('export.field.least_resisted', lang)}", least)]


# --------------------------------------------------------------------------- weights


def _group_weights(snapshot: Snapshot) -> Table:
    """Per visible round and criterion: group weight, quartiles of shares, consensus."""
    lang = snapshot.lang
    names = words.criterion_names(snapshot.pack, lang)
    rows: list[tuple[Cell, ...]] = []
    for r in _visible(snapshot):
        for w in r.results.weights:
            rows.append(
                (
                    r.number,
                    w.criterion,
                    names[w.criterion],
                    w.weight,
                    w.median,
                    w.q1,
                    w.q3,
                    w.iqr,
                    w.consensus,
                )
            )
    columns = _columns(
        lang,
        ("export.col.round", "int"),
        ("export.col.criterion_id", "text"),
        ("export.col.criterion", "text"),
        ("export.col.group_weight", "percent"),
        ("export.col.median", "percent"),
        ("export.col.q1", "percent"),
        ("export.col.q3", "percent"),
        ("export.col.iqr", "percent"),
        ("export.col.consensus", "number"),
    )
    return _table(snapshot, "group_weights", columns, rows)


def _participant_weights(snapshot: Snapshot) -> Table:
    """Per visible round and participant (pseudonym): slider position per criterion.

    Empty unless the facilitator asked for individual inputs; never with an area.
    """
    lang = snapshot.lang
    criteria = snapshot.pack.criteria
    rows: list[tuple[Cell, ...]] = []
    for r in _visible(snapshot):
        for ballot in r.ballots:
            values = tuple(_slider(ballot.weights.get(c.id)) for c in criteria)
            rows.append((r.number, ballot.pseudonym, *values))
    columns = (
        *_columns(lang, ("export.col.round", "int"), ("export.col.participant", "text")),
        *(Column(c.name.get(lang), "int") for c in criteria),
    )
    return _table(snapshot, "participant_weights", columns, rows)


def _slider(value: float | None) -> int | float | None:
    """A slider position as an int when it is whole (they always are from the phone)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


# --------------------------------------------------------------------------- results


def _ranking(snapshot: Snapshot) -> Table:
    """Per visible round: every option's rank and score by weighted sum and by TOPSIS."""
    lang = snapshot.lang
    names = words.option_names(snapshot.pack, lang)
    rows: list[tuple[Cell, ...]] = []
    for r in _visible(snapshot):
        for o in r.results.ranking:
            rows.append(
                (
                    r.number,
                    o.rank,
                    o.option,
                    names[o.option],
                    words.yes_no(o.hybrid, lang),
                    o.score * 100.0,
                    o.topsis_rank,
                    o.topsis,
                )
            )
    columns = _columns(
        lang,
        ("export.col.round", "int"),
        ("export.col.rank", "int"),
        ("export.col.option_id", "text"),
        ("export.col.option", "text"),
        ("export.col.hybrid", "text"),
        ("export.col.score", "points"),
        ("export.col.topsis_rank", "int"),
        ("export.col.topsis", "number"),
    )
    return _table(snapshot, "ranking", columns, rows)


def _sensitivity(snapshot: Snapshot) -> Table:
    """Per visible round: each weight change that hands first place to another option."""
    lang = snapshot.lang
    criteria = words.criterion_names(snapshot.pack, lang)
    options = words.option_names(snapshot.pack, lang)
    rows: list[tuple[Cell, ...]] = []
    for r in _visible(snapshot):
        report = r.results.sensitivity
        if report is None:
            continue
        for flip in report.flips:
            rows.append(
                (
                    r.number,
                    criteria[flip.criterion],
                    t(f"export.direction.{flip.direction}", lang),
                    flip.weight,
                    flip.threshold,
                    flip.change,
                    words.join_names([options[o] for o in report.tied], lang),
                    options[flip.to],
                )
            )
    columns = _columns(
        lang,
        ("export.col.round", "int"),
        ("export.col.criterion", "text"),
        ("export.col.direction", "text"),
        ("export.col.weight_now", "percent"),
        ("export.col.threshold", "percent"),
        ("export.col.change", "percent"),
        ("export.col.leader", "text"),
        ("export.col.new_leader", "text"),
    )
    return _table(snapshot, "sensitivity", columns, rows)


def _votes(snapshot: Snapshot) -> Table:
    """Per round with enough votes: the tally per option in the session's vote mode."""
    lang = snapshot.lang
    names = words.option_names(snapshot.pack, lang)
    rows: list[tuple[Cell, ...]] = []
    for r in snapshot.rounds:
        tally = r.results.tally
        if not r.votes_visible or tally is None:
            continue
        mode = t(f"export.vote_mode.{tally.mode}", lang)
        for option in tally.order():
            rows.append((r.number, mode, option, names[option], tally.totals[option], tally.votes))
    columns = _columns(
        lang,
        ("export.col.round", "int"),
        ("export.col.vote_mode", "text"),
        ("export.col.option_id", "text"),
        ("export.col.option", "text"),
        (f"export.col.total.{snapshot.settings.vote_mode}", "int"),
        ("export.col.votes_counted", "int"),
    )
    return _table(snapshot, "votes", columns, rows)


# --------------------------------------------------------------------------- discussion


def _comments(snapshot: Snapshot) -> Table:
    """Comments in the order they were written (no authors)."""
    lang = snapshot.lang
    rows: list[tuple[Cell, ...]] = [
        (
            c.round,
            t(f"export.target_kind.{c.target_kind}", lang),
            words.target_name(snapshot.pack, lang, c.target_kind, c.target_id),
            c.text,
            words.yes_no(c.hidden, lang),
        )
        for c in snapshot.comments
    ]
    columns = _columns(
        lang,
        ("export.col.round", "int"),
        ("export.col.about", "text"),
        ("export.col.target", "text"),
        ("export.col.text", "longtext"),
        ("export.col.hidden", "text"),
    )
    return _table(snapshot, "comments", columns, rows)


def _concerns(snapshot: Snapshot) -> Table:
    """Concerns and questions, most upvoted first (no authors), with status and answer."""
    lang = snapshot.lang
    options = words.option_names(snapshot.pack, lang)
    rows: list[tuple[Cell, ...]] = [
        (
            c.round,
            t(f"export.concern_kind.{c.kind}", lang),
            c.text,
            c.upvotes,
            words.yes_no(c.hidden, lang),
            t(f"common.concern_status.{c.status}", lang),
            c.answer,
            None if c.option_id is None else options.get(c.option_id, c.option_id),
        )
        for c in snapshot.concerns_by_support()
    ]
    columns = _columns(
        lang,
        ("export.col.round", "int"),
        ("export.col.kind", "text"),
        ("export.col.text", "longtext"),
        ("export.col.upvotes", "int"),
        ("export.col.hidden", "text"),
        ("export.col.status", "text"),
        ("export.col.answer", "longtext"),
        ("export.col.about_option", "text"),
    )
    return _table(snapshot, "concerns", columns, rows)


def _notes(snapshot: Snapshot) -> Table:
    """The facilitator's notes, one row per phase that has one."""
    lang = snapshot.lang
    rows: list[tuple[Cell, ...]] = [
        (t(f"common.phase.{phase}", lang), snapshot.notes[phase])
        for phase in PHASES
        if phase in snapshot.notes
    ]
    columns = _columns(lang, ("export.col.phase", "text"), ("export.col.note", "longtext"))
    return _table(snapshot, "notes", columns, rows)


# --------------------------------------------------------------------------- people's questions


def _resistance(snapshot: Snapshot) -> Table:
    """Per round with enough ratings: every option's resistance, "keep as today" included.

    Below the threshold a round has no row here (its count is in the summary).
    """
    lang = snapshot.lang
    names = words.resistance_names(snapshot.pack, lang)
    rows: list[tuple[Cell, ...]] = []
    for r in snapshot.rounds:
        results = r.resistance
        if not results.shown:
            continue
        for o in results.options:
            rows.append(
                (
                    r.number,
                    o.rank,
                    o.option,
                    names[o.option],
                    o.total,
                    o.mean,
                    o.median,
                    o.q1,
                    o.q3,
                    o.high,
                    o.acceptance,
                    words.yes_no(o.option in results.least, lang),
                    words.yes_no(o.option in results.beats_status_quo, lang)
                    if o.option != STATUS_QUO
                    else None,
                    results.count,
                )
            )
    columns = _columns(
        lang,
        ("export.col.round", "int"),
        ("export.col.resistance_rank", "int"),
        ("export.col.option_id", "text"),
        ("export.col.option", "text"),
        ("export.col.resistance_total", "int"),
        ("export.col.resistance_mean", "number"),
        ("export.col.resistance_median", "number"),
        ("export.col.q1", "number"),
        ("export.col.q3", "number"),
        ("export.col.high", "int"),
        ("export.col.acceptance", "percent"),
        ("export.col.least", "text"),
        ("export.col.beats_status_quo", "text"),
        ("export.field.resistance", "int"),
    )
    return _table(snapshot, "resistance", columns, rows)


def _participant_resistance(snapshot: Snapshot) -> Table:
    """Per round with enough ratings and participant (pseudonym): the rating of every option.

    Empty unless the facilitator asked for individual inputs; never with an area.
    """
    lang = snapshot.lang
    names = words.resistance_names(snapshot.pack, lang)
    options = (*rated_options(snapshot.pack), STATUS_QUO)
    rows: list[tuple[Cell, ...]] = []
    for r in snapshot.rounds:
        for row in r.resistance_rows:
            rows.append((r.number, row.pseudonym, *(row.ratings.get(o) for o in options)))
    columns = (
        *_columns(lang, ("export.col.round", "int"), ("export.col.participant", "text")),
        *(Column(names[o], "int") for o in options),
    )
    return _table(snapshot, "participant_resistance", columns, rows)


def _pilot(snapshot: Snapshot) -> Table:
    """The pilot plan as (item, value) rows, or one row saying there is none yet."""
    lang = snapshot.lang
    plan = snapshot.pilot
    columns = _columns(lang, ("export.col.item", "text"), ("export.col.value", "value"))
    if plan is None:
        rows: list[tuple[Cell, ...]] = [
            (t("export.field.pilot", lang), t("export.pilot.none", lang))
        ]
        return _table(snapshot, "pilot", columns, rows)
    option = str(plan["option"])
    rows = [
        (
            t("export.field.pilot_option", lang),
            words.option_names(snapshot.pack, lang).get(option, option),
        ),
        (t("export.col.option_id", lang), option),
        (t("export.field.pilot_team", lang), str(plan["team"])),
        (t("export.field.pilot_weeks", lang), int(plan["weeks"])),
        (t("export.field.pilot_measures", lang), words.pilot_measures(plan, lang)),
        (
            t("export.field.pilot_review", lang),
            words.day(str(plan.get("review_on") or ""), lang) or None,
        ),
    ]
    return _table(snapshot, "pilot", columns, rows)


# --------------------------------------------------------------------------- earlier workshop


def _earlier_results(snapshot: Snapshot) -> Table:
    """The last workshop's rankings, per round that reached the threshold (others: no rows)."""
    lang = snapshot.lang
    names = words.option_names(snapshot.pack, lang)
    rows: list[tuple[Cell, ...]] = []
    for e in snapshot.earlier.rounds if snapshot.earlier else ():
        for o in e.ranking:
            rows.append((e.round, o.rank, o.option, names.get(o.option, o.option), o.score * 100.0))
    columns = _columns(
        lang,
        ("export.col.round", "int"),
        ("export.col.rank", "int"),
        ("export.col.option_id", "text"),
        ("export.col.option", "text"),
        ("export.col.score", "points"),
    )
    return _table(snapshot, "earlier_results", columns, rows)
