"""A resistance round as in Systemisches Konsensieren (Visotschnig & Schrotta, the SK-Prinzip).

Every participant rates their resistance to each option — pure and hybrid — and to the passive
option "keep as today" (:data:`~workshop.engine.ballots.STATUS_QUO`, the *Passivlösung*) from
0 ("no resistance") to 10 ("strongest resistance").  Per option the ratings are summed; the
option with the least total resistance is the one the group accepts most.  Options with less
resistance than keeping things as today are improvements the group would carry.

:func:`resistance_results` returns a :class:`ResistanceResults`:

* ``count`` — how many participants gave a complete rating (always shown);
* ``shown`` — whether anything else may be shown: from ``threshold`` participants on (and at
  least one).  Below it every other field stays empty — the figures are not even computed, so
  no view can leak a single person's ratings;
* per option (:class:`OptionResistance`) the total (the group's *Widerstandswert*), mean,
  median and quartiles, how many rated strong resistance (:data:`HIGH_RESISTANCE` or more),
  the acceptance ``1 − total / (10·n)`` and the competition rank (ties share the better rank);
* ``least`` — every option sharing the least total, and ``beats_status_quo`` — every option
  with less total than keeping things as today;
* ``disagreements`` (:class:`Disagreement`) with the preference (score) ranking.

Disagreement with the preference ranking, at most one per option:

* kind ``"winner"`` — the preference winner (the first known id of ``preference``) is not among
  the least-resistance options: what the group scores best is not what it resists least;
* kind ``"rank"`` — an option whose resistance rank and preference rank lie
  :data:`RANK_GAP` or more places apart.

Both ranks are the ones each ranking shows: the preference rank is the option's place in
``preference`` (1-based, counting only known ids, a repeated id only at its first place); the
resistance rank is :attr:`OptionResistance.rank`.  The resistance ranking also holds "keep as
today", which the preference ranking may not: an option the group resists more than keeping
things as today really does stand a place lower there, so no rank is shifted to hide that.

Ties are ordered as the pack orders the options (``option_ids``), "keep as today" last.

Ratings are validated when stored (:func:`~workshop.engine.ballots.validate_resistance`); this
module still reads defensively so an old or damaged row cannot break the wall: keys that name
no option are ignored, and a participant counts only with a rating for every option and
"keep as today" that is a whole number 0–10; anyone else is left out (also of ``count``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from workshop.content import ContentPack
from workshop.engine.ballots import RESISTANCE_MAX, RESISTANCE_MIN, STATUS_QUO

#: A rating from this value on counts as strong resistance (the upper third of 0–10).
HIGH_RESISTANCE = 7
#: Resistance and preference rank this many places apart or more are reported as disagreeing.
RANK_GAP = 3

DisagreementKind = Literal["winner", "rank"]


@dataclass(frozen=True)
class OptionResistance:
    """The group's resistance to one option (an option id, or STATUS_QUO)."""

    option: str
    total: int  # sum of ratings: the group's Widerstandswert
    mean: float
    median: float
    q1: float
    q3: float
    high: int  # how many rated HIGH_RESISTANCE or more
    acceptance: float  # 1 - total / (10 * n): share of the greatest possible acceptance
    rank: int  # 1 = least total resistance; ties share the rank (competition ranking)


@dataclass(frozen=True)
class Disagreement:
    """Where the resistance round and the preference ranking disagree about one option.

    ``kind`` is ``"winner"`` (the preference winner is not among the least resisted) or
    ``"rank"`` (the two ranks lie :data:`RANK_GAP` or more places apart); see the module
    docstring for how both ranks are counted.
    """

    kind: DisagreementKind
    option: str
    preference_rank: int
    resistance_rank: int


@dataclass(frozen=True)
class ResistanceResults:
    """A resistance round's results; below the threshold nothing but ``count``."""

    count: int
    shown: bool
    options: tuple[OptionResistance, ...] = ()  # by total, ties in pack order
    least: tuple[str, ...] = ()
    beats_status_quo: tuple[str, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()


def rated_options(pack: ContentPack) -> tuple[str, ...]:
    """The options a resistance round asks about: every pure option, then every hybrid.

    "Keep as today" (STATUS_QUO) is added by :func:`~workshop.engine.ballots.validate_resistance`
    and :func:`resistance_results` themselves.
    """
    return pack.all_option_ids


def resistance_results(
    ratings: Mapping[int, Mapping[str, float]],
    option_ids: Sequence[str],
    threshold: int,
    preference: Sequence[str] = (),
) -> ResistanceResults:
    """The group's resistance to every option and keeping things as today.

    `ratings` maps a participant id to their ratings by option id; `option_ids` are the
    options in pack order (without STATUS_QUO); `threshold` is the anonymity threshold;
    `preference` is the preference ranking, option ids best first (may omit STATUS_QUO).
    """
    options = _all_options(option_ids)
    matrix = _complete_ratings(ratings, options)
    count = matrix.shape[0]
    if count < max(threshold, 1):
        return ResistanceResults(count=count, shown=False)
    ranked = _ranked(matrix, options)
    least = tuple(o.option for o in ranked if o.rank == 1)
    status_quo = next(o.total for o in ranked if o.option == STATUS_QUO)
    beats = tuple(o.option for o in ranked if o.total < status_quo)
    return ResistanceResults(
        count=count,
        shown=True,
        options=ranked,
        least=least,
        beats_status_quo=beats,
        disagreements=_disagreements(ranked, least, preference),
    )


def _all_options(option_ids: Sequence[str]) -> list[str]:
    """The options in pack order, STATUS_QUO last; repeated ids are a programming error."""
    options = [*option_ids, STATUS_QUO]
    if len(set(options)) != len(options):
        raise ValueError("Option ids must be distinct and must not include the status quo.")
    return options


def _complete_ratings(
    ratings: Mapping[int, Mapping[str, float]], options: Sequence[str]
) -> np.ndarray:
    """Participants × options as whole numbers, complete and on the scale only.

    Rows are sorted by participant id, so the result does not depend on the mapping's order.
    """
    rows = [
        [int(row[o]) for o in options]
        for _, row in sorted(ratings.items(), key=lambda item: item[0])
        if isinstance(row, Mapping) and all(_on_scale(row.get(o)) for o in options)
    ]
    return np.array(rows, dtype=np.int64).reshape(len(rows), len(options))


def _on_scale(value: object) -> bool:
    """Whether `value` is a whole number 0–10 (a bool is not a rating)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, float) and not value.is_integer():
        return False
    return RESISTANCE_MIN <= value <= RESISTANCE_MAX


def _ranked(matrix: np.ndarray, options: Sequence[str]) -> tuple[OptionResistance, ...]:
    """Every option's figures, least total first, ties in the order of `options`."""
    n = matrix.shape[0]
    totals = matrix.sum(axis=0)
    q1, median, q3 = np.quantile(matrix, [0.25, 0.5, 0.75], axis=0)  # linear, as group.spread
    order = sorted(range(len(options)), key=lambda i: (int(totals[i]), i))
    return tuple(
        OptionResistance(
            option=options[i],
            total=int(totals[i]),
            mean=float(totals[i]) / n,
            median=float(median[i]),
            q1=float(q1[i]),
            q3=float(q3[i]),
            high=int((matrix[:, i] >= HIGH_RESISTANCE).sum()),
            acceptance=1.0 - float(totals[i]) / (RESISTANCE_MAX * n),
            rank=1 + int((totals < totals[i]).sum()),
        )
        for i in order
    )


def _preference_ranks(preference: Sequence[str], known: set[str]) -> dict[str, int]:
    """Each known option's 1-based place in `preference`; unknown and repeated ids skipped."""
    places: dict[str, int] = {}
    for option in preference:
        if option in known and option not in places:
            places[option] = len(places) + 1
    return places


def _disagreements(
    ranked: Sequence[OptionResistance], least: Sequence[str], preference: Sequence[str]
) -> tuple[Disagreement, ...]:
    """The winner disagreement first, then rank gaps in preference order; one per option."""
    resistance_rank = {o.option: o.rank for o in ranked}
    places = _preference_ranks(preference, set(resistance_rank))
    found: list[Disagreement] = []
    for option, place in places.items():
        rank = resistance_rank[option]
        if place == 1 and option not in least:
            found.append(Disagreement("winner", option, place, rank))
        elif abs(rank - place) >= RANK_GAP:
            found.append(Disagreement("rank", option, place, rank))
    return tuple(found)
