"""The vote tally of a round in the session's vote mode (single choice, dots, ranking)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from workshop.rounds.figures import (
    VoteTally,
)

# --------------------------------------------------------------------------- votes


def tally_votes(mode: str, votes: Iterable[Mapping[str, Any]], options: Sequence[str]) -> VoteTally:
    """Count votes of `mode`: single-choice counts, dot totals or Borda points per option.

    The same numbers as `group.tally_single`, `group.tally_dots` and `group.borda`, in plain
    Python (no pandas: this runs on every wall refresh).  Votes of another shape (the mode
    changed mid-round) or naming unknown options are skipped, so a stale vote can never break
    the wall.
    """
    if mode not in ("single", "dots", "ranking"):
        raise ValueError(f"Unknown vote mode {mode!r}.")
    known = set(options)
    totals = dict.fromkeys(options, 0)
    counted = 0
    for vote in votes:
        if mode == "single":
            choice = vote.get("choice")
            if choice not in known:
                continue
            totals[choice] += 1
        elif mode == "dots":
            dots = _dots(vote.get("dots"), known)
            if dots is None:
                continue
            for option, n in dots.items():
                totals[option] += n
        else:
            ranking = _ranking_of(vote.get("ranking"), known)
            if ranking is None:
                continue
            for place, option in enumerate(ranking, start=1):
                totals[option] += len(options) - place
        counted += 1
    return VoteTally(mode, counted, totals)


def _dots(raw: object, known: set[str]) -> dict[str, int] | None:
    if not isinstance(raw, Mapping):
        return None
    clean = {}
    for option, count in raw.items():
        if option not in known or isinstance(count, bool) or not isinstance(count, int):
            return None
        clean[str(option)] = max(count, 0)
    return clean


def _ranking_of(raw: object, known: set[str]) -> list[str] | None:
    if not isinstance(raw, list) or not raw or len(set(map(str, raw))) != len(raw):
        return None
    return [str(o) for o in raw] if all(o in known for o in raw) else None
