"""The group's results of one round, ready for the wall: pure data, no Streamlit, no database.

:func:`round_results` reads a round of a :class:`~workshop.rounds.live.LiveSession` (kept current
from
the event log, so nothing here re-reads every ballot) and returns a :class:`RoundResults`:

* counts — participants, weight ballots and votes (always);
* ``visible`` — whether the weight results may be shown: only from ``anonymity_threshold``
  ballots on.  Below it every result field stays empty — the numbers are not even computed, so
  no view can leak them by mistake;
* group weights (:class:`GroupWeight`) — the median share per criterion, renormalised to sum 1
  (medians resist a few extreme participants), the quartiles, and the Tastle–Wierman consensus
  of the raw slider positions; Kendall's W across participants' criterion rankings;
* the group ranking (:class:`RankedOption`) of pure and hybrid options under the group weights,
  the round's context and the group's hybrid parameters, weighted sum first, TOPSIS beside it;
* sensitivity in data form (:class:`SensitivityReport`, :class:`WeightFlip`) for sentences like
  "the winner changes to B if the weight of X falls below 7 %";
* disagreement alerts (:class:`DisagreementAlert`);
* the vote tally of the session's mode (:class:`VoteTally`), shown only from the threshold of
  *votes* on (a round can have many ballots but few votes);
* how opinions moved since the previous round (:class:`RoundShift`), when both rounds are visible.

Thresholds (constants of :mod:`workshop.rounds.figures`, re-exported here; chosen from simulated
groups of 40 on the default pack's 14 criteria, sliders 0–10):

* ``ROBUST_CHANGE`` = 0.10 — the winner counts as robust when no single weight needs to move
  by less than ten percentage points to change it.  ``sensitivity.FRAGILE_CHANGE`` (5 points)
  marks a fragile win.
* ``CONSENSUS_LOW`` = 0.6 — Tastle–Wierman consensus below this means opinions are split: on a
  0–10 slider a uniform spread scores 0.50, two camps at 1 and 9 score about 0.25, a typical
  group with a standard deviation of 2 points scores 0.66–0.82.
* ``IQR_WIDE`` = 1.0 — an interquartile range of at least one equal share (1/K of the total
  weight, 7 % with 14 criteria) means the middle half of the group disagrees by more than an
  average criterion's whole weight (two camps: 1.5 equal shares; a typical group: 0.4–0.7).

Group hybrid parameters: the facilitator's values in the round's context (``"hybrids"``) win;
for a parameter the facilitator left open, the median of what participants submitted; else the
template's default.  This is the one rule: the phone's group view, the wall, every export and
the decision record all take the group's results from :func:`round_results`.  Stored values
are validated when written; an entry that is not (an unknown factor, hybrid or parameter, a
non-finite number) is left out here and a value off its range is clamped, so an old or damaged
row can never break the wall.

Ties: options within ``mcda.TIE_TOLERANCE`` share a rank; ``SensitivityReport.tied`` lists
every option sharing first place, and a shift between two rounds compares those sets, so two
tied rounds never report a change of winner that only rounding noise made.

Vote against score: :attr:`RoundResults.vote_differs` is true when the vote's first place (the
tally's leaders) and the weighted ranking's first place are not the same options.

Thread safety: the round's aggregator must not change while this runs; hold ``live.lock``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Literal

import numpy as np

from workshop.content import ContentPack
from workshop.engine.scoring import Evaluation, ScoringModel
from workshop.engine.sensitivity import FRAGILE_CHANGE
from workshop.rounds.figures import (
    CONSENSUS_LOW,
    IQR_WIDE,
    ROBUST_CHANGE,
    DisagreementAlert,
    GroupWeight,
    RankedOption,
    RankShift,
    RoundResults,
    RoundShift,
    SensitivityReport,
    SettingsLike,
    VoteShift,
    VoteTally,
    WeightFlip,
    WeightShift,
)
from workshop.rounds.group_context import group_context
from workshop.rounds.live import LiveSession, RoundState
from workshop.rounds.shift import round_shift
from workshop.rounds.votes import tally_votes

__all__ = [
    "CONSENSUS_LOW",
    "FRAGILE_CHANGE",
    "IQR_WIDE",
    "ROBUST_CHANGE",
    "DisagreementAlert",
    "GroupWeight",
    "RankShift",
    "RankedOption",
    "RoundResults",
    "RoundShift",
    "SensitivityReport",
    "SettingsLike",
    "VoteShift",
    "VoteTally",
    "WeightFlip",
    "WeightShift",
    "group_context",
    "rank_options",
    "round_results",
    "round_vote_count",
    "sensitivity_report",
    "summarise_round",
    "tally_votes",
]

# --------------------------------------------------------------------------- entry point


def round_results(
    live: LiveSession,
    pack: ContentPack,
    settings: SettingsLike,
    round_no: int,
    previous: RoundResults | None = None,
) -> RoundResults:
    """The results of round `round_no`, with the shift from the round before when both show.

    `previous` may pass round ``round_no − 1``'s results computed earlier (an earlier round no
    longer changes), saving its recompute.
    """
    current = summarise_round(live, pack, settings, round_no)
    if round_no <= 1 or not current.visible:
        return current
    if previous is None or previous.round != round_no - 1:
        previous = summarise_round(live, pack, settings, round_no - 1)
    if not previous.visible:
        return current
    return dataclasses.replace(current, shift=round_shift(previous, current))


def round_vote_count(
    live: LiveSession, pack: ContentPack, settings: SettingsLike, round_no: int
) -> int:
    """How many of the round's votes count in the current vote mode: the number
    :func:`summarise_round` gives as ``votes``, without the group context, the scoring model and
    the rest of the results (a counter before the reveal needs only this)."""
    state = live.rounds.get(round_no)
    return 0 if state is None else _counted_votes(state, settings, pack.all_option_ids).votes


def _counted_votes(state: RoundState, settings: SettingsLike, ids: Sequence[str]) -> VoteTally:
    """The round's votes tallied in the current mode.  Only votes valid in that mode count,
    here and on every counter (the mode may have changed after people voted): the tally's own
    count is the round's vote count."""
    # Dot limits when the settings carry them (the store's SessionSettings does).
    budget = getattr(settings, "dot_budget", None)
    cap = getattr(settings, "dot_cap_per_option", None)
    return tally_votes(settings.vote_mode, state.votes.values(), ids, budget, cap)


def summarise_round(
    live: LiveSession, pack: ContentPack, settings: SettingsLike, round_no: int
) -> RoundResults:
    """One round's results without the shift (an earlier round's, to keep for the next call)."""
    state = live.rounds.get(round_no)
    threshold = int(settings.anonymity_threshold)
    ballots = 0 if state is None else len(state.weights)
    base = RoundResults(
        round=round_no,
        participants=len(live.participants),
        ballots=ballots,
        votes=0,
        threshold=threshold,
        visible=ballots >= threshold,
        criteria=pack.criterion_ids,
    )
    if state is None:
        return base
    factors, hybrids = group_context(pack, state)
    model = ScoringModel.build(pack, factors, hybrids)
    counted = _counted_votes(state, settings, model.ids)
    base = dataclasses.replace(base, votes=counted.votes)
    tally = counted if counted.votes >= threshold else None
    if not base.visible:
        return dataclasses.replace(base, tally=tally)
    weights = _group_weights(state, pack.criterion_ids)
    evaluation = model.evaluate(np.array([w.weight for w in weights]))
    return dataclasses.replace(
        base,
        weights=weights,
        kendall_w=_kendall_w(state),
        evaluation=evaluation,
        ranking=rank_options(model, evaluation),
        sensitivity=sensitivity_report(evaluation, pack.criterion_ids),
        alerts=_alerts(weights),
        tally=tally,
    )


# --------------------------------------------------------------------------- weights


def _group_weights(state: RoundState, criteria: Sequence[str]) -> tuple[GroupWeight, ...]:
    """Median weights (renormalised), quartiles and consensus per criterion."""
    aggregator = state.weights
    spread = aggregator.spread()
    weights = aggregator.weights("median")
    medians = spread["median"]
    # The quartiles are drawn around the renormalised weight, so scale them the same way; when
    # every median is 0 the group weights fell back to the means and the raw scale is kept.
    total = float(medians.sum())
    scale = 1.0 / total if total > 0.0 else 1.0
    consensus = aggregator.consensus()
    return tuple(
        GroupWeight(
            criterion=c,
            weight=float(weights[k]),
            median=float(medians[k]),
            q1=float(spread["q1"][k]),
            q3=float(spread["q3"][k]),
            low=float(spread["q1"][k]) * scale,
            high=float(spread["q3"][k]) * scale,
            consensus=float(consensus[k]),
        )
        for k, c in enumerate(criteria)
    )


def _kendall_w(state: RoundState) -> float | None:
    """Kendall's W over participants' rankings of the criteria (None below two ballots).

    Equal to ``group.kendalls_w(group.average_ranks(...))`` but vectorised over the slider
    scale: a participant's average rank of a value v is (how many of their weights are below v)
    + (how many equal v + 1)/2, and the tie correction counts equal values per participant.
    That keeps it well under a millisecond for 300 participants.
    """
    rows = list(state.weights.ballots().values())
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    values = np.asarray(rows, dtype=np.int64)  # participants × criteria, slider positions
    m, n = values.shape
    points = np.asarray(state.weights.scale, dtype=np.int64)
    counts = (values[:, :, None] == points[None, None, :]).sum(axis=1)  # participants × scale
    below = np.cumsum(counts, axis=1) - counts
    position = np.searchsorted(points, values)  # index of each value on the scale
    rows_index = np.arange(m)[:, None]
    ranks = below[rows_index, position] + (counts[rows_index, position] + 1) / 2.0
    sums = ranks.sum(axis=0)
    s = float(((sums - sums.mean()) ** 2).sum())
    ties = float((counts**3 - counts).sum())
    denominator = m * m * (n**3 - n) - m * ties
    return 1.0 if denominator <= 0.0 else 12.0 * s / denominator


def _alerts(weights: Sequence[GroupWeight]) -> tuple[DisagreementAlert, ...]:
    """Criteria with split opinions or a wide spread, least consensus first."""
    equal_share = 1.0 / max(len(weights), 1)
    alerts = []
    for w in weights:
        reasons: list[Literal["low_consensus", "wide_spread"]] = []
        if w.consensus < CONSENSUS_LOW:
            reasons.append("low_consensus")
        if w.iqr >= IQR_WIDE * equal_share:
            reasons.append("wide_spread")
        if reasons:
            alerts.append(DisagreementAlert(w.criterion, w.consensus, w.q1, w.q3, tuple(reasons)))
    return tuple(sorted(alerts, key=lambda a: a.consensus))


# --------------------------------------------------------------------------- ranking


def rank_options(model: ScoringModel, evaluation: Evaluation) -> tuple[RankedOption, ...]:
    """All options best first (weighted sum; ties in model order)."""
    hybrids = set(model.hybrid_ids)
    return tuple(
        RankedOption(
            option=model.ids[i],
            hybrid=model.ids[i] in hybrids,
            score=float(evaluation.wsm[i]),
            topsis=float(evaluation.topsis[i]),
            rank=int(evaluation.wsm_ranks[i]),
            topsis_rank=int(evaluation.topsis_ranks[i]),
            contributions=tuple(float(x) for x in evaluation.contributions[i]),
        )
        for i in evaluation.order()
    )


def sensitivity_report(evaluation: Evaluation, criteria: Sequence[str]) -> SensitivityReport:
    """The evaluation's weight sensitivity as flips by criterion id and option id."""
    sensitivity = evaluation.sensitivity
    ids = evaluation.ids
    flips: list[WeightFlip] = []
    for stability in sensitivity.per_criterion:
        criterion = criteria[stability.criterion_index]
        if stability.below_index is not None:
            to = ids[stability.below_index]
            flips.append(WeightFlip(criterion, "below", stability.weight, stability.lower, to))
        if stability.above_index is not None:
            to = ids[stability.above_index]
            flips.append(WeightFlip(criterion, "above", stability.weight, stability.upper, to))
    flips.sort(key=lambda f: (f.change, criteria.index(f.criterion)))
    tied = evaluation.tied_winners
    if len(tied) > 1:
        # A shared first place: any weight change may decide it, so no single flip is named
        # (the engine's flips at a change of 0 only say which co-leader the rounding favours).
        return SensitivityReport(evaluation.winner, tied, (), robust=False, fragile=True)
    return SensitivityReport(
        winner=evaluation.winner,
        tied=tied,
        flips=tuple(flips),
        robust=not any(f.change <= ROBUST_CHANGE for f in flips),
        fragile=sensitivity.is_fragile(FRAGILE_CHANGE),
    )
