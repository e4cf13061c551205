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

Thresholds (module constants, chosen from simulated groups of 40 on the default pack's 14
criteria, sliders 0–10):

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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import numpy as np

from workshop.content import ContentPack
from workshop.engine.scoring import Evaluation, ScoringModel
from workshop.engine.sensitivity import FRAGILE_CHANGE
from workshop.rounds.live import LiveSession, RoundState

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
    "VoteShift",
    "VoteTally",
    "WeightFlip",
    "WeightShift",
    "group_context",
    "rank_options",
    "round_results",
    "sensitivity_report",
    "summarise_round",
    "tally_votes",
]

#: No single weight change smaller than this (absolute share) flips the winner: "robust".
ROBUST_CHANGE = 0.10
#: Tastle–Wierman consensus below this counts as split opinions.
CONSENSUS_LOW = 0.6
#: An IQR of at least this many equal shares (1/K) counts as a wide spread.
IQR_WIDE = 1.0


class SettingsLike(Protocol):
    """What the results need of a session's settings (``SessionSettings`` fits)."""

    @property
    def anonymity_threshold(self) -> int: ...

    @property
    def vote_mode(self) -> str: ...


@dataclass(frozen=True)
class GroupWeight:
    """One criterion's group weight and how much the group agrees on it.

    ``weight`` is the renormalised median (all weights sum 1) used for scoring; ``median``,
    ``q1``, ``q3`` are the raw quantiles of participants' shares; ``low``/``high`` are the
    quartiles on the scale of ``weight`` (for drawing the spread around the weight bar).
    ``consensus`` is Tastle–Wierman on the raw slider positions (1 = everyone agrees).
    """

    criterion: str
    weight: float
    median: float
    q1: float
    q3: float
    low: float
    high: float
    consensus: float

    @property
    def iqr(self) -> float:
        """Interquartile range of participants' shares."""
        return self.q3 - self.q1


@dataclass(frozen=True)
class RankedOption:
    """One option (pure or hybrid) in the group ranking; ``contributions`` in criterion order."""

    option: str
    hybrid: bool
    score: float  # weighted sum on 0–1
    topsis: float  # TOPSIS closeness on 0–1
    rank: int  # weighted-sum rank, 1 = best (ties share a rank)
    topsis_rank: int
    contributions: tuple[float, ...]


@dataclass(frozen=True)
class WeightFlip:
    """Moving one criterion's weight past ``threshold`` hands first place to ``to``.

    ``direction`` "below": the weight must fall below the threshold; "above": rise above it.
    Shares are of the total weight (0–1); the other weights keep their proportions.
    """

    criterion: str
    direction: Literal["below", "above"]
    weight: float
    threshold: float
    to: str

    @property
    def change(self) -> float:
        """How far the weight must move (absolute share)."""
        return abs(self.weight - self.threshold)


@dataclass(frozen=True)
class SensitivityReport:
    """How robust first place is under the group weights.

    ``flips``: every weight change that changes the winner, nearest first.  ``near``: those
    within ``ROBUST_CHANGE``.  ``robust``: no flip within ``ROBUST_CHANGE``.  ``fragile``: a
    change below ``FRAGILE_CHANGE`` flips it.  ``tied``: all options sharing first place.
    """

    winner: str
    tied: tuple[str, ...]
    flips: tuple[WeightFlip, ...]
    robust: bool
    fragile: bool

    @property
    def near(self) -> tuple[WeightFlip, ...]:
        """Flips within ``ROBUST_CHANGE`` of the current weights, nearest first."""
        return tuple(f for f in self.flips if f.change <= ROBUST_CHANGE)

    @property
    def critical(self) -> WeightFlip | None:
        """The flip that needs the smallest weight change, if any."""
        return self.flips[0] if self.flips else None


@dataclass(frozen=True)
class DisagreementAlert:
    """A criterion the group disagrees on; ``reasons`` names which measure tripped."""

    criterion: str
    consensus: float
    q1: float
    q3: float
    reasons: tuple[Literal["low_consensus", "wide_spread"], ...]


@dataclass(frozen=True)
class VoteTally:
    """The round's votes in the session's mode: counts, dots or Borda points per option."""

    mode: str
    votes: int  # ballots counted (votes of another mode or malformed ones are left out)
    totals: Mapping[str, int]  # every option, in model order

    def order(self) -> list[str]:
        """Options from most to fewest points (ties in model order)."""
        ids = list(self.totals)
        return sorted(ids, key=lambda o: (-self.totals[o], ids.index(o)))

    @property
    def leaders(self) -> tuple[str, ...]:
        """Every option with the most points, in model order (none while nobody has points)."""
        best = max(self.totals.values(), default=0)
        return tuple(o for o, n in self.totals.items() if n == best) if best > 0 else ()


@dataclass(frozen=True)
class WeightShift:
    """One criterion's group weight in the previous round and now."""

    criterion: str
    before: float
    after: float

    @property
    def change(self) -> float:
        """After minus before (share of the total weight)."""
        return self.after - self.before


@dataclass(frozen=True)
class RankShift:
    """One option's place and score in the previous round and now."""

    option: str
    rank_before: int
    rank_after: int
    score_before: float
    score_after: float

    @property
    def places_gained(self) -> int:
        """Positive when the option moved up."""
        return self.rank_before - self.rank_after


@dataclass(frozen=True)
class VoteShift:
    """One option's vote total in the previous round and now (same vote mode)."""

    option: str
    before: int
    after: int


@dataclass(frozen=True)
class RoundShift:
    """How the group moved from round ``before`` to round ``after``."""

    before: int
    after: int
    weights: tuple[WeightShift, ...]
    ranks: tuple[RankShift, ...]
    votes: tuple[VoteShift, ...]  # empty unless both rounds have a visible tally of one mode
    winner_before: str
    winner_after: str
    tied_before: tuple[str, ...] = ()  # every option sharing first place then (model order)
    tied_after: tuple[str, ...] = ()  # … and now

    @property
    def winner_changed(self) -> bool:
        """True when first place is held by other options now (a shared first place compares
        as a set, so the same tie in both rounds is no change)."""
        before = set(self.tied_before or (self.winner_before,))
        after = set(self.tied_after or (self.winner_after,))
        return before != after


@dataclass(frozen=True)
class RoundResults:
    """Everything the room may see about one round (see the module docstring)."""

    round: int
    participants: int
    ballots: int
    votes: int
    threshold: int
    visible: bool
    criteria: tuple[str, ...]
    weights: tuple[GroupWeight, ...] = ()
    kendall_w: float | None = None
    evaluation: Evaluation | None = None
    ranking: tuple[RankedOption, ...] = ()
    sensitivity: SensitivityReport | None = None
    alerts: tuple[DisagreementAlert, ...] = ()
    tally: VoteTally | None = None
    shift: RoundShift | None = None

    @property
    def missing(self) -> int:
        """How many more ballots are needed before results may be shown."""
        return max(self.threshold - self.ballots, 0)

    @property
    def score_leaders(self) -> tuple[str, ...]:
        """The options sharing first place in the weighted ranking (empty below the threshold)."""
        return () if self.sensitivity is None else self.sensitivity.tied

    @property
    def vote_leaders(self) -> tuple[str, ...]:
        """The options with the most votes (empty while the tally is not shown)."""
        return () if self.tally is None else self.tally.leaders

    @property
    def vote_differs(self) -> bool:
        """True when both are shown and the vote puts other options first than the scores."""
        votes, scores = self.vote_leaders, self.score_leaders
        return bool(votes) and bool(scores) and set(votes) != set(scores)


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


def summarise_round(
    live: LiveSession, pack: ContentPack, settings: SettingsLike, round_no: int
) -> RoundResults:
    """One round's results without the shift (an earlier round's, to keep for the next call)."""
    state = live.rounds.get(round_no)
    threshold = int(settings.anonymity_threshold)
    ballots = 0 if state is None else len(state.weights)
    votes = 0 if state is None else len(state.votes)
    base = RoundResults(
        round=round_no,
        participants=len(live.participants),
        ballots=ballots,
        votes=votes,
        threshold=threshold,
        visible=ballots >= threshold,
        criteria=pack.criterion_ids,
    )
    if state is None:
        return base
    factors, hybrids = group_context(pack, state)
    model = ScoringModel.build(pack, factors, hybrids)
    tally = None
    if votes >= threshold:
        tally = tally_votes(settings.vote_mode, state.votes.values(), model.ids)
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


# --------------------------------------------------------------------------- context


def group_context(
    pack: ContentPack, state: RoundState
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """The round's context factors and the group's hybrid parameters (see module docstring)."""
    context = state.context if isinstance(state.context, Mapping) else {}
    stored = _numbers(context.get("factors"))
    factors = {
        f.id: _clamp(stored[f.id], f.minimum, f.maximum)
        for f in pack.context_factors
        if f.id in stored
    }
    chosen = context.get("hybrids")
    chosen = chosen if isinstance(chosen, Mapping) else {}
    hybrids: dict[str, dict[str, float]] = {}
    for template in pack.hybrids:
        facilitator = _numbers(chosen.get(template.id))
        values: dict[str, float] = {}
        for parameter in template.parameters:
            if parameter.id in facilitator:
                value = facilitator[parameter.id]
            else:
                given = _participant_values(state.hybrid_params.values(), template.id, parameter.id)
                if not given:
                    continue
                value = float(np.median(given))
            values[parameter.id] = _clamp(value, parameter.minimum, parameter.maximum)
        if values:
            hybrids[template.id] = values
    return factors, hybrids


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _numbers(raw: object) -> dict[str, float]:
    """The numeric entries of a JSON object (anything else is ignored)."""
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(k): float(v)
        for k, v in raw.items()
        if isinstance(v, int | float) and not isinstance(v, bool) and np.isfinite(v)
    }


def _participant_values(
    submitted: Iterable[Mapping[str, Any]], hybrid_id: str, parameter_id: str
) -> list[float]:
    """Every participant's value of one hybrid parameter (those who gave one)."""
    values = []
    for params in submitted:
        given = _numbers(params.get(hybrid_id) if isinstance(params, Mapping) else None)
        if parameter_id in given:
            values.append(given[parameter_id])
    return values


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


# --------------------------------------------------------------------------- rounds


def round_shift(before: RoundResults, after: RoundResults) -> RoundShift:
    """How weights, ranks and (same-mode) votes moved between two visible rounds."""
    if before.evaluation is None or after.evaluation is None:
        raise ValueError("Both rounds must be visible to compare them.")
    weights = tuple(
        WeightShift(b.criterion, b.weight, a.weight)
        for b, a in zip(before.weights, after.weights, strict=True)
    )
    earlier = {r.option: r for r in before.ranking}
    ranks = tuple(
        RankShift(r.option, earlier[r.option].rank, r.rank, earlier[r.option].score, r.score)
        for r in after.ranking
        if r.option in earlier
    )
    votes: tuple[VoteShift, ...] = ()
    old_tally, new_tally = before.tally, after.tally
    if old_tally is not None and new_tally is not None and old_tally.mode == new_tally.mode:
        votes = tuple(
            VoteShift(o, old_tally.totals.get(o, 0), n) for o, n in new_tally.totals.items()
        )
    return RoundShift(
        before=before.round,
        after=after.round,
        weights=weights,
        ranks=ranks,
        votes=votes,
        winner_before=before.evaluation.winner,
        winner_after=after.evaluation.winner,
        tied_before=before.evaluation.tied_winners,
        tied_after=after.evaluation.tied_winners,
    )
