"""Numbers and plain-word results in German or English, for the wall, the explorer and exports.

One place says who leads, how safe that lead is, where the group disagrees and how opinions moved
between rounds, so the projector, a participant preparing alone and the handed-over record never
word the same result differently.  Pure: the texts come from the ``results.*`` catalog keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from workshop.content import ContentPack, Lang
from workshop.engine.sensitivity import FRAGILE_CHANGE
from workshop.rounds.results import (
    ROBUST_CHANGE,
    DisagreementAlert,
    RoundResults,
    RoundShift,
    SensitivityReport,
)
from workshop.text.i18n import t

#: Weight changes and rank moves listed at most (nearest or largest first).
MAX_FLIPS = 3
#: Between a number and "%" German sets a narrow no-break space (U+202F) on screens; fonts
#: without that glyph (the PDF's) get an ordinary no-break space (U+00A0).
NARROW_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"


def number(value: float, lang: Lang, digits: int = 1) -> str:
    """A decimal number the way the language writes it (German: decimal comma)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "de" else text


def percent(share: float, lang: Lang, digits: int = 1, space: str = NARROW_SPACE) -> str:
    """A share of 1 as a percentage: "12,5 %" in German, "12.5%" in English."""
    value = number(share * 100.0, lang, digits)
    return f"{value}{space}%" if lang == "de" else f"{value}%"


def join_names(names: Sequence[str], lang: Lang) -> str:
    """Names as a list in running text: "A", "A und B", "A, B und C" ("A, B and C")."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('results.and', lang)} {names[-1]}"


def day_text(day: date, lang: Lang) -> str:
    """A day as a reader writes it: "12. Mai 2026" / "12 May 2026" (not the server's locale)."""
    months = t("common.months", lang).split(",")
    return t("common.date", lang, day=day.day, month=months[day.month - 1], year=day.year)


def iso_day_text(iso: object, lang: Lang) -> str:
    """An ISO day ("2026-05-12") as :func:`day_text` writes it; "" when none or no day."""
    try:
        parsed = date.fromisoformat(str(iso or ""))
    except ValueError:
        return ""
    return day_text(parsed, lang)


def criterion_names(pack: ContentPack, lang: Lang) -> dict[str, str]:
    """Criterion id → name in `lang`."""
    return {c.id: c.name.get(lang) for c in pack.criteria}


def hybrid_badge(lang: Lang) -> str:
    """What follows a hybrid's name: "(Mischform)" / "(hybrid)", from the label's template."""
    return t("common.hybrid_label", lang, name="").strip()


def option_names(
    pack: ContentPack,
    lang: Lang,
    *,
    badge: bool = True,
    fit: Callable[[str, str], str] | None = None,
) -> dict[str, str]:
    """Option and hybrid id → name in `lang`, pure options first: the one builder of these.

    With `badge` a hybrid's name is followed by "(Mischform)" / "(hybrid)"; without, names are
    as the pack writes them.  `fit(name, badge)` shapes each label instead of the catalog's
    template and gets the badge apart from the name ('' for a pure option), so a shortened label
    can keep it (a chart axis: :func:`workshop.export.chart_specs.axis_options`).  Names are
    plain text: escape them where Streamlit renders Markdown.
    """
    mark = hybrid_badge(lang) if badge else ""

    def label(name: str, suffix: str) -> str:
        if fit is not None:
            return fit(name, suffix)
        return t("common.hybrid_label", lang, name=name) if suffix else name

    names = {o.id: label(o.name.get(lang), "") for o in pack.options}
    names.update({h.id: label(h.name.get(lang), mark) for h in pack.hybrids})
    return names


def sensitivity_sentences(
    report: SensitivityReport,
    score: float,
    criteria: Mapping[str, str],
    options: Mapping[str, str],
    lang: Lang,
    space: str = NARROW_SPACE,
) -> list[str]:
    """First place and how safe it is, in plain words (nearest weight changes first)."""
    if len(report.tied) > 1:
        # Any weight change decides a tie: flips "away" from a shared first place say nothing.
        tied = join_names([options[o] for o in report.tied], lang)
        return [t("results.sens.tie", lang, options=tied), t("results.sens.tie_note", lang)]
    points = number(score * 100.0, lang, 0)
    lines = [t("results.sens.leader", lang, option=options[report.winner], score=points)]
    if not report.flips:
        return [*lines, t("results.sens.none", lang)]
    if report.robust:
        return [*lines, t("results.sens.robust", lang, points=round(ROBUST_CHANGE * 100))]
    if report.fragile:
        lines.append(t("results.sens.fragile", lang, points=round(FRAGILE_CHANGE * 100)))
    for flip in report.near[:MAX_FLIPS]:
        lines.append(
            t(
                f"results.sens.{flip.direction}",
                lang,
                option=options[flip.to],
                criterion=criteria[flip.criterion],
                threshold=percent(flip.threshold, lang, space=space),
                weight=percent(flip.weight, lang, space=space),
            )
        )
    return lines


def alert_sentences(
    alerts: Sequence[DisagreementAlert],
    criteria: Mapping[str, str],
    lang: Lang,
    space: str = NARROW_SPACE,
) -> list[str]:
    """One sentence per criterion the group disagrees on."""
    return [
        t(
            "results.alert.split",
            lang,
            criterion=criteria[a.criterion],
            low=percent(a.q1, lang, 0, space),
            high=percent(a.q3, lang, 0, space),
        )
        for a in alerts
    ]


def shift_sentences(shift: RoundShift, options: Mapping[str, str], lang: Lang) -> list[str]:
    """First place then and now, and the options that moved (largest moves first)."""
    before = join_names([options[o] for o in shift.tied_before or (shift.winner_before,)], lang)
    after = join_names([options[o] for o in shift.tied_after or (shift.winner_after,)], lang)
    if shift.winner_changed:
        lines = [t("results.shift.winner_changed", lang, before=before, after=after)]
    elif len(shift.tied_after) > 1:
        lines = [t("results.shift.winner_same_tie", lang, options=after)]
    else:
        lines = [t("results.shift.winner_same", lang, option=after)]
    moved = sorted((r for r in shift.ranks if r.places_gained), key=lambda r: -abs(r.places_gained))
    for r in moved[:MAX_FLIPS]:
        key = "results.shift.up" if r.places_gained > 0 else "results.shift.down"
        lines.append(
            t(key, lang, option=options[r.option], before=r.rank_before, after=r.rank_after)
        )
    if not moved:
        lines.append(t("results.shift.no_rank_change", lang))
    return lines


def vote_score_sentence(
    results: RoundResults, options: Mapping[str, str], lang: Lang
) -> str | None:
    """When the vote and the weighted ranking put different options first, say so (else None)."""
    if not results.vote_differs:
        return None
    return t(
        "results.vote_differs",
        lang,
        vote=join_names([options[o] for o in results.vote_leaders], lang),
        score=join_names([options[o] for o in results.score_leaders], lang),
    )
