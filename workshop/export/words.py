"""Names, numbers, dates and plain-word sentences of the exports, in German or English.

The exports say the same things as the wall (who leads, how robust that is, where the group
disagrees, how it moved between rounds) but in their own module and catalog area, so a change to
the wall's wording never changes a handed-over document by accident.  Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from workshop.content import ContentPack, Lang
from workshop.i18n import t
from workshop.results import ROBUST_CHANGE, DisagreementAlert, RoundShift, SensitivityReport
from workshop.sensitivity import FRAGILE_CHANGE

#: Weight changes listed in the robustness sentences (nearest first).
MAX_FLIPS = 3
#: Space between a number and "%" in German: a no-break space (U+00A0) rather than the thin
#: U+202F the wall uses, because the PDF's bundled font has no glyph for the thin one.
_DE_PERCENT_SPACE = "\u00a0"


def number(value: float, lang: Lang, digits: int = 1) -> str:
    """A decimal number the way the language writes it (German: decimal comma)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "de" else text


def percent(share: float, lang: Lang, digits: int = 1) -> str:
    """A share of 1 as a percentage: "12,5 %" in German, "12.5%" in English."""
    value = number(share * 100.0, lang, digits)
    return f"{value}{_DE_PERCENT_SPACE}%" if lang == "de" else f"{value}%"


def timestamp(moment: datetime, lang: Lang) -> str:
    """A UTC date and time: "27.11.2026, 14:05 UTC" / "2026-11-27, 14:05 UTC"."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    pattern = "%d.%m.%Y, %H:%M UTC" if lang == "de" else "%Y-%m-%d, %H:%M UTC"
    return utc.strftime(pattern)


def yes_no(value: bool, lang: Lang) -> str:
    """ "ja"/"nein" or "yes"/"no"."""
    return t("export.yes" if value else "export.no", lang)


def criterion_names(pack: ContentPack, lang: Lang) -> dict[str, str]:
    """Criterion id → name."""
    return {c.id: c.name.get(lang) for c in pack.criteria}


def option_names(pack: ContentPack, lang: Lang) -> dict[str, str]:
    """Option id → name, hybrids marked "(Hybrid)"."""
    names = {o.id: o.name.get(lang) for o in pack.options}
    for h in pack.hybrids:
        names[h.id] = t("export.hybrid_label", lang, name=h.name.get(lang))
    return names


def target_name(pack: ContentPack, lang: Lang, kind: str, target_id: str) -> str:
    """What a comment is about: an option's or criterion's name, or "general"."""
    if kind == "criterion":
        return criterion_names(pack, lang).get(target_id, target_id)
    if kind == "option":
        return option_names(pack, lang).get(target_id, target_id)
    return t("export.target.general", lang)


def sensitivity_sentences(
    report: SensitivityReport,
    score: float,
    criteria: Mapping[str, str],
    options: Mapping[str, str],
    lang: Lang,
) -> list[str]:
    """First place and how safe it is, in plain words (nearest weight changes first)."""
    if len(report.tied) > 1:
        tied = ", ".join(options[o] for o in report.tied)
        return [t("export.sens.tie", lang, options=tied)]
    points = number(score * 100.0, lang, 0)
    lines = [t("export.sens.leader", lang, option=options[report.winner], score=points)]
    if not report.flips:
        return [*lines, t("export.sens.none", lang)]
    if report.robust:
        return [*lines, t("export.sens.robust", lang, points=round(ROBUST_CHANGE * 100))]
    if report.fragile:
        lines.append(t("export.sens.fragile", lang, points=round(FRAGILE_CHANGE * 100)))
    for flip in report.near[:MAX_FLIPS]:
        lines.append(
            t(
                f"export.sens.{flip.direction}",
                lang,
                option=options[flip.to],
                criterion=criteria[flip.criterion],
                threshold=percent(flip.threshold, lang),
                weight=percent(flip.weight, lang),
            )
        )
    return lines


def alert_sentences(
    alerts: tuple[DisagreementAlert, ...], criteria: Mapping[str, str], lang: Lang
) -> list[str]:
    """One sentence per criterion the group disagrees on."""
    return [
        t(
            "export.alert.split",
            lang,
            criterion=criteria[a.criterion],
            low=percent(a.q1, lang, 0),
            high=percent(a.q3, lang, 0),
        )
        for a in alerts
    ]


def shift_sentences(shift: RoundShift, options: Mapping[str, str], lang: Lang) -> list[str]:
    """First place then and now, and the options that moved (largest moves first)."""
    if shift.winner_before == shift.winner_after:
        lines = [t("export.shift.winner_same", lang, option=options[shift.winner_after])]
    else:
        lines = [
            t(
                "export.shift.winner_changed",
                lang,
                before=options[shift.winner_before],
                after=options[shift.winner_after],
            )
        ]
    moved = sorted((r for r in shift.ranks if r.places_gained), key=lambda r: -abs(r.places_gained))
    for r in moved[:MAX_FLIPS]:
        key = "export.shift.up" if r.places_gained > 0 else "export.shift.down"
        lines.append(
            t(key, lang, option=options[r.option], before=r.rank_before, after=r.rank_after)
        )
    if not moved:
        lines.append(t("export.shift.no_rank_change", lang))
    return lines
