"""Names, numbers and dates of the exports, in German or English.

The plain-word results (who leads, how safe, where the group disagrees, how it moved) come from
`workshop.text.wording`, the same sentences the wall shows; this module only fixes what a document
needs: the PDF's font has no narrow no-break space, so percentages use an ordinary one.
Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from workshop.content import ContentPack, Lang
from workshop.engine.anonymity import NO_AREA, Cells
from workshop.engine.ballots import STATUS_QUO
from workshop.rounds.results import DisagreementAlert, RoundShift, SensitivityReport
from workshop.text import wording
from workshop.text.i18n import t
from workshop.text.wording import (
    MAX_FLIPS,
    NO_BREAK_SPACE,
    criterion_names,
    join_names,
    number,
    option_names,
    vote_score_sentence,
)

__all__ = [
    "MAX_FLIPS",
    "alert_sentences",
    "area_facts",
    "criterion_names",
    "day",
    "join_names",
    "number",
    "option_names",
    "percent",
    "pilot_measures",
    "resistance_names",
    "sensitivity_sentences",
    "shift_sentences",
    "target_name",
    "timestamp",
    "vote_score_sentence",
    "yes_no",
]


def percent(share: float, lang: Lang, digits: int = 1) -> str:
    """A share of 1 as a percentage: "12,5 %" in German, "12.5%" in English (PDF-safe space)."""
    return wording.percent(share, lang, digits, NO_BREAK_SPACE)


def timestamp(moment: datetime, lang: Lang) -> str:
    """A UTC date and time: "27.11.2026, 14:05 UTC" / "2026-11-27, 14:05 UTC"."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    pattern = "%d.%m.%Y, %H:%M UTC" if lang == "de" else "%Y-%m-%d, %H:%M UTC"
    return utc.strftime(pattern)


def yes_no(value: bool, lang: Lang) -> str:
    """ "ja"/"nein" or "yes"/"no"."""
    return t("export.yes" if value else "export.no", lang)


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
    return wording.sensitivity_sentences(report, score, criteria, options, lang, NO_BREAK_SPACE)


def alert_sentences(
    alerts: Sequence[DisagreementAlert], criteria: Mapping[str, str], lang: Lang
) -> list[str]:
    """One sentence per criterion the group disagrees on."""
    return wording.alert_sentences(alerts, criteria, lang, NO_BREAK_SPACE)


def shift_sentences(shift: RoundShift, options: Mapping[str, str], lang: Lang) -> list[str]:
    """First place then and now, and the options that moved (largest moves first)."""
    return wording.shift_sentences(shift, options, lang)


def area_facts(areas: Cells, names: Sequence[str], lang: Lang) -> list[tuple[str, str | int]]:
    """(label, value) rows of the people per area, withheld ones said as such, in `names` order.

    The people without an area come last; the withheld areas' total appears only when it
    cannot single anyone out (it is then 0 or at least the threshold).
    """
    rows: list[tuple[str, str | int]] = []
    if not names:  # the session has no areas: nothing to report
        return rows
    withheld = t("export.area_withheld", lang)
    for name in [*names, NO_AREA]:
        if name not in areas.shown and name not in areas.withheld:
            continue
        label = t("export.field.area", lang, area=name) if name else t("export.field.no_area", lang)
        rows.append((label, areas.shown.get(name, withheld)))
    if areas.withheld and areas.shown and areas.withheld_people:
        rows.append((t("export.field.areas_withheld", lang), areas.withheld_people))
    return rows


def resistance_names(pack: ContentPack, lang: Lang) -> dict[str, str]:
    """Names of the options a resistance round rates, "keep as today" included."""
    return {**option_names(pack, lang), STATUS_QUO: t("common.status_quo", lang)}


def day(iso: str, lang: Lang) -> str:
    """An ISO day ("2026-05-12") in a table cell: "12.05.2026" in German (German Excel reads it
    as a date), unchanged in English; "" stays ""."""
    try:
        parsed = date.fromisoformat(iso)
    except ValueError:
        return iso
    return parsed.strftime("%d.%m.%Y") if lang == "de" else parsed.isoformat()


def pilot_measures(plan: Mapping[str, Any], lang: Lang) -> str:
    """The plan's measures in words, the other measures last ("" if none)."""
    named = [t(f"common.pilot_measure.{m}", lang) for m in plan.get("measures", ())]
    other = str(plan.get("other_measures") or "")
    return join_names([*named, *([other] if other else [])], lang)
