"""The group results of a round: threshold, weights, ranking, sensitivity, alerts, votes, shifts."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest

from workshop.engine import group
from workshop.engine.mcda import TIE_TOLERANCE
from workshop.engine.scoring import ScoringModel
from workshop.packs import default_pack
from workshop.rounds.live import LiveSession
from workshop.rounds.results import (
    CONSENSUS_LOW,
    ROBUST_CHANGE,
    RoundResults,
    group_context,
    round_results,
    round_vote_count,
    sensitivity_report,
    tally_votes,
)

PACK = default_pack()
CRITERIA = PACK.criterion_ids


@dataclass(frozen=True)
class Settings:
    """Stand-in for the store's SessionSettings."""

    anonymity_threshold: int = 5
    vote_mode: str = "dots"


@dataclass(frozen=True)
class Ev:
    """Stand-in for a stored event."""

    seq: int
    kind: str
    payload: dict[str, Any]


class Log:
    """Feeds a LiveSession the events a store would log."""

    def __init__(self) -> None:
        self.live = LiveSession(CRITERIA)
        self.seq = 0
        self.round = 1

    def emit(self, kind: str, **payload: Any) -> None:
        self.seq += 1
        self.live.apply([Ev(self.seq, kind, payload)])

    def join(self, n: int) -> list[int]:
        ids = [len(self.live.participants) + i + 1 for i in range(n)]
        for pid in ids:
            self.emit("participant_joined", participant_id=pid)
        return ids

    def weigh(
        self, pid: int, weights: dict[str, int], hybrid: dict[str, Any] | None = None
    ) -> None:
        self.emit(
            "weights_submitted",
            participant_id=pid,
            round=self.round,
            weights=weights,
            hybrid_params=hybrid,
        )

    def vote(self, pid: int, vote: dict[str, Any]) -> None:
        self.emit("vote_submitted", participant_id=pid, round=self.round, vote=vote)

    def next_round(self) -> None:
        self.round += 1
        self.emit("round_started", round=self.round)


def profile(**overrides: int) -> dict[str, int]:
    """Sliders at 5 except the given criteria."""
    return {c: overrides.get(c, 5) for c in CRITERIA}


def varied(rng: np.random.Generator) -> dict[str, int]:
    return {c: int(v) for c, v in zip(CRITERIA, rng.integers(0, 11, len(CRITERIA)), strict=True)}


def results(
    log: Log, settings: Settings | None = None, round_no: int | None = None
) -> RoundResults:
    return round_results(log.live, PACK, settings or Settings(), round_no or log.round)


def test_below_threshold_counts_only() -> None:
    """Below the anonymity threshold only counts come back: no weights, ranking or votes."""
    log = Log()
    for pid in log.join(6):
        if pid <= 4:
            log.weigh(pid, profile(FCR=10))
            log.vote(pid, {"dots": {"pods": 3}})
    shown = results(log)
    assert (shown.participants, shown.ballots, shown.votes) == (6, 4, 4)
    assert not shown.visible
    assert shown.missing == 1
    assert shown.weights == () and shown.ranking == () and shown.alerts == ()
    assert shown.evaluation is None and shown.sensitivity is None
    assert shown.tally is None and shown.kendall_w is None and shown.shift is None


def test_results_appear_at_the_threshold() -> None:
    """From the threshold on, the ranking lists every pure and hybrid option, best first."""
    log = Log()
    for pid in log.join(5):
        log.weigh(pid, profile(FCR=9))
    shown = results(log)
    assert shown.visible and shown.missing == 0
    ids = [r.option for r in shown.ranking]
    assert sorted(ids) == sorted(PACK.option_ids + tuple(h.id for h in PACK.hybrids))
    scores = [r.score for r in shown.ranking]
    # Best first; exact ties (within the tolerance) are listed in pack order, whatever rounding
    # noise says, so compare with the tolerance.
    assert all(a >= b - TIE_TOLERANCE for a, b in itertools.pairwise(scores))
    assert {r.option for r in shown.ranking if r.hybrid} == {h.id for h in PACK.hybrids}
    first = shown.ranking[0]
    assert sum(first.contributions) == pytest.approx(first.score)


def test_group_weights_equal_batch_median() -> None:
    """Group weights, quartiles, consensus and Kendall's W match the batch functions."""
    rng = np.random.default_rng(7)
    log = Log()
    raw = {}
    for pid in log.join(25):
        raw[pid] = varied(rng)
        log.weigh(pid, raw[pid])
    shown = results(log)
    frame = pd.DataFrame.from_dict(raw, orient="index", columns=list(CRITERIA))
    expected = group.aggregate_weights(frame, "median")
    spread = group.spread(frame)
    got = {w.criterion: w for w in shown.weights}
    assert sum(w.weight for w in shown.weights) == pytest.approx(1.0)
    for c in CRITERIA:
        assert got[c].weight == pytest.approx(expected[c])
        assert got[c].iqr == pytest.approx(spread.loc[c, "iqr"])
        counts = [(frame[c] == v).sum() for v in range(11)]
        assert got[c].consensus == pytest.approx(group.tastle_wierman(counts, range(11)))
        scale = 1.0 / sum(w.median for w in shown.weights)  # quartiles drawn on the weight scale
        assert (got[c].low, got[c].high) == pytest.approx((got[c].q1 * scale, got[c].q3 * scale))
    assert shown.kendall_w == pytest.approx(group.kendalls_w(group.average_ranks(frame)))


def test_group_ranking_uses_group_weights_and_context() -> None:
    """The evaluation equals scoring the group weights under the round's context."""
    log = Log()
    for pid in log.join(5):
        log.weigh(pid, profile(REL=10, CST=0))
    context = {"factors": {"complexity": 90}, "hybrids": {"segment": {"share": 0.8}}}
    log.emit("context_set", round=1, values=context)
    shown = results(log)
    model = ScoringModel.build(PACK, {"complexity": 90}, {"segment": {"share": 0.8}})
    expected = model.evaluate(np.array([w.weight for w in shown.weights]))
    assert shown.evaluation is not None
    np.testing.assert_allclose(shown.evaluation.wsm, expected.wsm)


def test_facilitator_hybrids_win_over_participants_median() -> None:
    """Hybrid parameters: facilitator's values first, else the participants' median."""
    log = Log()
    for pid, share in zip(log.join(3), (0.1, 0.3, 0.9), strict=True):
        log.weigh(pid, profile(), {"segment": {"share": share}, "affinity": {"strength": share}})
    log.emit("context_set", round=1, values={"hybrids": {"affinity": {"strength": 1.0}}})
    _, hybrids = group_context(PACK, log.live.round(1))
    assert hybrids["segment"] == {"share": pytest.approx(0.3)}
    assert hybrids["affinity"] == {"strength": 1.0}


def test_sensitivity_flips_match_the_engine() -> None:
    """Each flip names the criterion, direction, threshold and the option that takes over."""
    model = ScoringModel.build(PACK)
    evaluation = model.evaluate(profile(FCR=8, REL=3, CST=7))
    report = sensitivity_report(evaluation, CRITERIA)
    assert report.winner == evaluation.winner and report.tied == (report.winner,)
    changes = [f.change for f in report.flips]
    assert changes == sorted(changes) and report.flips
    for flip in report.flips:
        k = CRITERIA.index(flip.criterion)
        stability = evaluation.sensitivity.stability(k)
        bound = stability.lower if flip.direction == "below" else stability.upper
        assert flip.threshold == pytest.approx(bound)
        assert flip.to != report.winner
        # Just past the threshold, the other weights keeping their proportions: `to` wins.
        t = flip.threshold + (1e-6 if flip.direction == "above" else -1e-6)
        moved = evaluation.weights * (1.0 - t) / (1.0 - flip.weight)
        moved[k] = t
        assert model.evaluate(moved).winner == flip.to
    assert report.robust == (not any(f.change <= ROBUST_CHANGE for f in report.flips))
    assert report.near == tuple(f for f in report.flips if f.change <= ROBUST_CHANGE)


def test_robust_when_one_criterion_dominates() -> None:
    """A winner far ahead is robust: no flip within ten percentage points."""
    log = Log()
    for pid in log.join(5):
        log.weigh(pid, {c: (10 if c == "REL" else 0) for c in CRITERIA})
    report = results(log).sensitivity
    assert report is not None
    assert report.robust and not report.fragile and report.near == ()


def test_disagreement_alerts_flag_split_criteria() -> None:
    """Two camps on one criterion raise an alert; a criterion everyone agrees on does not."""
    log = Log()
    for pid in log.join(10):
        log.weigh(pid, profile(FCR=0 if pid % 2 else 10, SPD=7))
    shown = results(log)
    flagged = {a.criterion: a for a in shown.alerts}
    assert "FCR" in flagged and "SPD" not in flagged
    assert flagged["FCR"].consensus < CONSENSUS_LOW
    assert "low_consensus" in flagged["FCR"].reasons


@pytest.mark.parametrize(
    ("mode", "votes", "expected"),
    [
        ("single", [{"choice": "pods"}, {"choice": "pods"}, {"choice": "segment"}], (3, 2)),
        ("dots", [{"dots": {"pods": 3, "segment": 2}}, {"dots": {"pods": 1}}], (2, 4)),
        ("ranking", [{"ranking": ["pods", "segment"]}, {"ranking": ["segment", "pods"]}], (2, 17)),
    ],
)
def test_vote_tallies_per_mode(mode: str, votes: list[dict[str, Any]], expected: Any) -> None:
    """Single counts, dot totals and Borda points, over pure and hybrid options."""
    options = ScoringModel.build(PACK).ids
    tally = tally_votes(mode, [*votes, {"bogus": 1}, {"choice": "nope"}], options)
    counted, pods = expected
    assert tally.votes == counted
    assert tally.totals["pods"] == pods
    assert tally.order()[0] == "pods"
    assert set(tally.totals) == set(options)


def test_vote_tally_has_its_own_threshold() -> None:
    """Votes appear only from the threshold of votes on, even when weights already show."""
    log = Log()
    for pid in log.join(6):
        log.weigh(pid, profile())
        if pid <= 2:
            log.vote(pid, {"choice": "pods"})
    single = Settings(vote_mode="single")
    assert results(log, single).visible and results(log, single).tally is None
    for pid in range(3, 6):
        log.vote(pid, {"choice": "swarming"})
    tally = results(log, single).tally
    assert tally is not None and tally.totals["swarming"] == 3 and tally.totals["pods"] == 2


def test_round_shift_compares_with_the_previous_round() -> None:
    """Round 2 reports the weight, rank and vote changes since round 1."""
    log = Log()
    people = log.join(5)
    for pid in people:
        log.weigh(pid, profile(CST=10, REL=0))
        log.vote(pid, {"dots": {"tiered": 2}})
    first = results(log)
    log.next_round()
    for pid in people:
        log.weigh(pid, profile(CST=0, REL=10))
        log.vote(pid, {"dots": {"dedicated": 3}})
    second = results(log)
    shift = second.shift
    assert shift is not None and (shift.before, shift.after) == (1, 2)
    by_criterion = {w.criterion: w for w in shift.weights}
    assert by_criterion["REL"].change > 0 > by_criterion["CST"].change
    assert shift.winner_before == first.ranking[0].option
    assert shift.winner_after == second.ranking[0].option
    ranks = {r.option: r for r in shift.ranks}
    assert ranks["dedicated"].places_gained > 0
    votes = {v.option: v for v in shift.votes}
    assert (votes["tiered"].before, votes["tiered"].after) == (10, 0)
    assert (votes["dedicated"].before, votes["dedicated"].after) == (0, 15)
    again = round_results(log.live, PACK, Settings(), 2, previous=first)
    assert again.shift == shift


def test_no_shift_when_previous_round_was_below_threshold() -> None:
    """A previous round below the threshold is never compared (it would expose individuals)."""
    log = Log()
    people = log.join(5)
    for pid in people[:2]:
        log.weigh(pid, profile(CST=10))
    log.next_round()
    for pid in people:
        log.weigh(pid, profile(REL=10))
    shown = results(log)
    assert shown.visible and shown.shift is None
    assert results(log, round_no=1).weights == ()


def test_tallies_equal_the_batch_functions() -> None:
    """Random votes of each mode give the same totals as group's tally_single, tally_dots, borda."""
    rng = np.random.default_rng(3)
    options = ScoringModel.build(PACK).ids
    singles = [{"choice": str(rng.choice(options))} for _ in range(50)]
    dots = [
        {"dots": {str(o): int(rng.integers(1, 3)) for o in rng.choice(options, 2)}}
        for _ in range(50)
    ]
    rankings = [{"ranking": [str(o) for o in rng.permutation(options)[:4]]} for _ in range(50)]
    batch = {
        "single": group.tally_single([v["choice"] for v in singles], options),
        "dots": group.tally_dots([v["dots"] for v in dots], options),
        "ranking": group.borda([v["ranking"] for v in rankings], options),
    }
    for mode, votes in (("single", singles), ("dots", dots), ("ranking", rankings)):
        assert tally_votes(mode, votes, options).totals == batch[mode].to_dict()


def test_kendalls_w_with_heavy_ties() -> None:
    """Kendall's W stays equal to the batch function when most sliders sit at the same value."""
    log = Log()
    rng = np.random.default_rng(11)
    raw = {}
    for pid in log.join(12):
        raw[pid] = {c: int(rng.choice([0, 5, 5, 5, 10])) for c in CRITERIA}
        log.weigh(pid, raw[pid])
    frame = pd.DataFrame.from_dict(raw, orient="index", columns=list(CRITERIA))
    expected = group.kendalls_w(group.average_ranks(frame))
    assert results(log).kendall_w == pytest.approx(expected)


def test_a_damaged_ballot_is_left_out_not_fatal() -> None:
    """A ballot without every criterion (written past the domain's checks) does not break the
    round: it is left out, the others count."""
    log = Log()
    first, second = log.join(2)
    log.weigh(first, {c: 5 for c in CRITERIA})
    log.weigh(second, {CRITERIA[0]: 7})
    assert len(log.live.round(1).weights) == 1


@pytest.mark.parametrize("mode", ["single", "dots", "ranking"])
@pytest.mark.parametrize("threshold", [1, 5, 50])
def test_the_vote_count_before_the_reveal_is_the_results_count(mode: str, threshold: int) -> None:
    """The wall and the console count votes with `round_vote_count` until the reveal: the same
    number the results give, in every mode, with votes of other modes and invalid ones mixed
    in, below and above the threshold, and for a round nobody has entered yet."""
    log = Log()
    votes: list[dict[str, Any]] = [
        {"choice": "pods"},
        {"choice": "segment"},  # a hybrid
        {"dots": {"tiered": 2, "pods_swarm": 3}},
        {"dots": {"tiered": 9}},  # over the cap: not valid
        {"ranking": ["pods", "dedicated", "affinity"]},
        {"choice": "nope"},
        {"bogus": 1},
    ]
    for pid, vote in zip(log.join(len(votes) + 2), [*votes, None, None], strict=True):
        log.weigh(pid, profile())
        if vote is not None:
            log.vote(pid, vote)
    settings = Settings(anonymity_threshold=threshold, vote_mode=mode)
    expected = round_results(log.live, PACK, settings, 1).votes
    assert expected > 0
    assert round_vote_count(log.live, PACK, settings, 1) == expected
    assert round_vote_count(log.live, PACK, settings, 2) == 0
    assert ScoringModel.build(PACK).ids == PACK.all_option_ids  # the ids both count against
