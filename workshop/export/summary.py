"""A round's group results in their exported shape: checked strictly, read back defensively.

A JSON export carries per round a ``"summary"`` (see :mod:`workshop.export.json_export`): what
the room could see of the round — counts always, the ranking, the vote's tally and the least
resisted options only from the anonymity threshold on.  An import keeps these summaries as the
session's *earlier results* (``store.set_earlier_results``) in this document::

    {"title": "…", "exported_at": "2026-11-27T14:05:00Z",
     "rounds": [{"round": 1, "shown": true, "ballots": 12, "votes": 12, "ratings": 12,
                 "ranking": [{"option": "pods", "rank": 1, "score": 0.612}, …],
                 "tally": {"mode": "dots", "totals": {"pods": 9, …}} | null,
                 "least_resistance": ["tiered_swarm"]}, …]}

:func:`check_summary` is the one check of a summary: the import refuses a file with it
(:class:`~workshop.export.json_parse.ImportRejected`, with the place in the file), and
:func:`read_earlier` runs the same check over the stored document and ignores a damaged one, so
the record never shows a ranking that was not shown in the room.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from workshop.content import ContentPack
from workshop.engine.ballots import STATUS_QUO
from workshop.export.json_parse import (
    MAX_PARTICIPANTS,
    MAX_ROUNDS,
    ImportRejected,
    read_boolean,
    read_choice,
    read_integer,
    read_list,
    read_number,
    read_object,
    read_string,
    reject,
)
from workshop.rounds.resistance import rated_options
from workshop.store import VOTE_MODES
from workshop.store.records import DOT_BUDGET_RANGE
from workshop.store.validate import MAX_TITLE

#: The keys of a round's summary, in the order they are written.
SUMMARY_KEYS = ("shown", "ballots", "votes", "ratings", "ranking", "tally", "least_resistance")
#: How the export writes times (UTC, whole seconds).
_UTC_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@dataclass(frozen=True)
class EarlierOption:
    """One option of an earlier round's ranking: its rank and weighted-sum score (0–1)."""

    option: str
    rank: int
    score: float


@dataclass(frozen=True)
class EarlierRound:
    """One round of the earlier workshop as the room saw it (``shown`` False: counts only)."""

    round: int
    shown: bool
    ballots: int
    votes: int
    ratings: int
    ranking: tuple[EarlierOption, ...] = ()
    tally_mode: str | None = None
    tally: Mapping[str, float] | None = None
    least_resistance: tuple[str, ...] = ()

    @property
    def vote_leaders(self) -> tuple[str, ...]:
        """The options with the most votes, in the tally's order (none without points)."""
        if not self.tally:
            return ()
        best = max(self.tally.values())
        return tuple(o for o, n in self.tally.items() if n == best) if best > 0 else ()


@dataclass(frozen=True)
class EarlierResults:
    """The earlier workshop's results kept with an imported session."""

    title: str
    exported_at: datetime | None
    rounds: tuple[EarlierRound, ...]


def check_summary(value: Any, where: str, pack: ContentPack) -> dict[str, Any]:
    """A round's summary, checked against the pack; returns it as it is to be stored.

    Refused (ImportRejected at the precise place): unknown or repeated option ids, ranks below
    1, scores off 0–1, a tally of an unknown mode or with negative totals, negative counts, and
    any result beside ``"shown": false``.
    """
    raw = read_object(value, where, SUMMARY_KEYS)
    shown = read_boolean(raw["shown"], f"{where}.shown")
    counts = {
        key: read_integer(raw[key], f"{where}.{key}", 0, MAX_PARTICIPANTS)
        for key in ("ballots", "votes", "ratings")
    }
    options = pack.all_option_ids
    ranking = _ranking(raw["ranking"], f"{where}.ranking", options)
    tally = _tally(raw["tally"], f"{where}.tally", options)
    least = _least(raw["least_resistance"], f"{where}.least_resistance", rated_options(pack))
    if not shown:
        for key, empty in (
            ("ranking", not ranking),
            ("tally", tally is None),
            ("least", not least),
        ):
            if not empty:
                field = "least_resistance" if key == "least" else key
                reject("value", f"{where}.{field}", "a round below the threshold has counts only")
    elif not ranking:
        reject("value", f"{where}.ranking", "a shown round has a ranking")
    return {
        "shown": shown,
        **counts,
        "ranking": ranking,
        "tally": tally,
        "least_resistance": least,
    }


def _ranking(value: Any, where: str, options: tuple[str, ...]) -> list[dict[str, Any]]:
    """Ranked options: known, each once, ranks 1…n not falling, scores 0–1."""
    items = read_list(value, where, len(options))
    seen: set[str] = set()
    ranking: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        entry = read_object(item, at, ("option", "rank", "score"))
        option = read_choice(entry["option"], f"{at}.option", options)
        if option in seen:
            reject("value", f"{at}.option", "this option is ranked twice")
        seen.add(option)
        rank = read_integer(entry["rank"], f"{at}.rank", 1, len(options))
        if ranking and rank < ranking[-1]["rank"]:
            reject("value", f"{at}.rank", "the ranking must be listed best first")
        score = entry["score"]
        read_number(score, f"{at}.score", 0.0, 1.0)
        ranking.append({"option": option, "rank": rank, "score": score})
    return ranking


def _tally(value: Any, where: str, options: tuple[str, ...]) -> dict[str, Any] | None:
    """The vote's tally (null when not shown): a vote mode and totals of known options."""
    if value is None:
        return None
    raw = read_object(value, where, ("mode", "totals"))
    mode = read_choice(raw["mode"], f"{where}.mode", VOTE_MODES)
    totals = read_object(raw["totals"], f"{where}.totals", (), options)
    # The largest total there can be: everyone's whole dot budget, or Borda's top points.
    most = MAX_PARTICIPANTS * max(DOT_BUDGET_RANGE[1], len(options))
    for option, total in totals.items():
        read_number(total, f"{where}.totals.{option}", 0, most)
    return {"mode": mode, "totals": dict(totals)}


def _least(value: Any, where: str, options: tuple[str, ...]) -> list[str]:
    """The least resisted options ("keep as today" may be one of them), each once."""
    choices = (*options, STATUS_QUO)
    items = read_list(value, where, len(choices))
    least = [read_choice(v, f"{where}[{i}]", choices) for i, v in enumerate(items)]
    if len(set(least)) != len(least):
        reject("value", where, "an option is listed twice")
    return least


def check_time(value: Any, where: str) -> str:
    """A UTC time as the export writes it (``2026-11-27T14:05:00Z``)."""
    text = read_string(value, where)
    if _UTC_TIME.fullmatch(text) is None or parse_time(text) is None:
        reject("value", where, "a UTC time such as 2026-11-27T14:05:00Z is expected")
    return text


def parse_time(text: str) -> datetime | None:
    """The moment of an export's UTC time, None if it is not one."""
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def read_earlier(data: Any, pack: ContentPack) -> EarlierResults | None:
    """The stored earlier results, or None when there are none or the document is damaged.

    Damaged means anything :func:`check_summary` refuses, or a malformed title, time or round
    list: then nothing of it is shown (a half-read document could show what it should not).
    """
    if not isinstance(data, dict):
        return None
    try:
        raw = read_object(data, "", ("title", "exported_at", "rounds"))
        title = read_string(raw["title"], "title")[:MAX_TITLE]
        exported = check_time(raw["exported_at"], "exported_at")
        rounds = [
            _earlier_round(item, f"rounds[{i}]", pack)
            for i, item in enumerate(read_list(raw["rounds"], "rounds", MAX_ROUNDS))
        ]
    except ImportRejected:
        return None
    return EarlierResults(title, parse_time(exported), tuple(rounds))


def _earlier_round(value: Any, where: str, pack: ContentPack) -> EarlierRound:
    if not isinstance(value, dict):
        reject("type", where, "an object is expected")
    number = read_integer(value.get("round"), f"{where}.round", 1, MAX_ROUNDS)
    summary = check_summary({k: v for k, v in value.items() if k != "round"}, where, pack)
    tally = summary["tally"]
    return EarlierRound(
        round=number,
        shown=summary["shown"],
        ballots=summary["ballots"],
        votes=summary["votes"],
        ratings=summary["ratings"],
        ranking=tuple(
            EarlierOption(o["option"], o["rank"], float(o["score"])) for o in summary["ranking"]
        ),
        tally_mode=None if tally is None else tally["mode"],
        tally=None if tally is None else {o: float(n) for o, n in tally["totals"].items()},
        least_resistance=tuple(summary["least_resistance"]),
    )


__all__ = [
    "SUMMARY_KEYS",
    "EarlierOption",
    "EarlierResults",
    "EarlierRound",
    "check_summary",
    "check_time",
    "parse_time",
    "read_earlier",
]
