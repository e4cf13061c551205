"""The vote tally of a round in the session's vote mode (single choice, dots, ranking).

A stored vote counts only while it is valid for the session's current settings: the facilitator
may change the vote mode (or the dot budget) after people voted, and a vote of the old shape is
then no vote at all.  :func:`valid_vote` is that one rule; the tally, the round's vote count (the
wall's and the console's counter) and the phone's "vote again" all use it, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from workshop.engine.ballots import InvalidVote
from workshop.engine.group import validate_vote
from workshop.rounds.figures import (
    VoteTally,
)

#: A dot budget or per-option cap that never limits (a vote checked without the settings).
_NO_LIMIT = 10**9

# --------------------------------------------------------------------------- votes


def valid_vote(
    mode: str,
    vote: Mapping[str, Any] | None,
    options: Sequence[str],
    budget: int | None = None,
    cap: int | None = None,
) -> dict[str, Any] | None:
    """The vote in canonical form when it is valid for `mode` (and the dot limits), else None.

    Dots need at least one dot; `budget` and `cap` None check no limit (callers without the
    session's dot settings).  An unknown mode makes every vote invalid.
    """
    if vote is None or mode not in ("single", "dots", "ranking"):
        return None
    try:
        clean = validate_vote(
            mode,  # type: ignore[arg-type]
            vote,
            list(options),
            _NO_LIMIT if budget is None else budget,
            _NO_LIMIT if cap is None else cap,
        )
    except InvalidVote:
        return None
    if mode == "dots" and not clean["dots"]:
        return None  # no dot spent is no vote (the phone never sends one)
    return clean


def count_valid(
    mode: str,
    votes: Iterable[Mapping[str, Any]],
    options: Sequence[str],
    budget: int | None = None,
    cap: int | None = None,
) -> int:
    """How many of `votes` are valid for the session's vote mode (see :func:`valid_vote`)."""
    return sum(1 for vote in votes if valid_vote(mode, vote, options, budget, cap) is not None)


def tally_votes(
    mode: str,
    votes: Iterable[Mapping[str, Any]],
    options: Sequence[str],
    budget: int | None = None,
    cap: int | None = None,
) -> VoteTally:
    """Count votes of `mode`: single-choice counts, dot totals or Borda points per option.

    The same numbers as `group.tally_single`, `group.tally_dots` and `group.borda`, in plain
    Python (no pandas: this runs on every wall refresh).  Votes that are not valid for the
    mode (:func:`valid_vote`: another shape after the mode changed, unknown options, more dots
    than the budget) are skipped, so a stale vote can never break the wall or be counted.
    """
    if mode not in ("single", "dots", "ranking"):
        raise ValueError(f"Unknown vote mode {mode!r}.")
    totals = dict.fromkeys(options, 0)
    counted = 0
    for raw in votes:
        vote = valid_vote(mode, raw, options, budget, cap)
        if vote is None:
            continue
        if mode == "single":
            totals[vote["choice"]] += 1
        elif mode == "dots":
            for option, n in vote["dots"].items():
                totals[option] += n
        else:
            for place, option in enumerate(vote["ranking"], start=1):
                totals[option] += len(options) - place
        counted += 1
    return VoteTally(mode, counted, totals)
