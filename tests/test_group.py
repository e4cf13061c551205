"""Group aggregation, the incremental aggregator, and vote validation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.engine import group
from workshop.engine.aggregator import WeightAggregator
from workshop.engine.ballots import InvalidVote

CRITERIA = ("SPD", "FCR", "REL", "CST")
slider = st.integers(0, 10)
ballot = st.fixed_dictionaries({c: slider for c in CRITERIA})
operation = st.one_of(
    st.tuples(st.just("upsert"), st.integers(0, 30), ballot),
    st.tuples(st.just("remove"), st.integers(0, 30), st.none()),
)


def batch(ballots: dict[int, dict[str, int]]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(ballots, orient="index", columns=list(CRITERIA))


@settings(max_examples=200, deadline=None)
@given(st.lists(operation, min_size=1, max_size=60))
def test_incremental_equals_batch(ops: list[tuple[str, int, dict[str, int] | None]]) -> None:
    """After any sequence of joins, changes and removals the live aggregates equal a recompute."""
    live = WeightAggregator(CRITERIA)
    truth: dict[int, dict[str, int]] = {}
    for kind, participant, values in ops:
        if kind == "upsert" and values is not None:
            live.upsert(participant, values)
            truth[participant] = values
        else:
            live.remove(participant)
            truth.pop(participant, None)
    assert len(live) == len(truth)
    if not truth:
        return
    profiles = batch(truth)
    for method in ("mean", "median", "geomean"):
        expected = group.aggregate_weights(profiles, method).to_numpy()  # type: ignore[arg-type]
        np.testing.assert_allclose(live.weights(method), expected, rtol=1e-9, atol=1e-12)
    expected_spread = group.spread(profiles)
    for column, values in live.spread().items():
        np.testing.assert_allclose(
            values, expected_spread[column].to_numpy(), rtol=1e-7, atol=1e-9, equal_nan=True
        )
    for k, criterion in enumerate(CRITERIA):
        counts = profiles[criterion].value_counts().reindex(range(11), fill_value=0)
        assert live.consensus()[k] == pytest.approx(
            group.tastle_wierman(counts.to_numpy(), list(range(11))), abs=1e-12
        )


def test_aggregator_refuses_values_off_the_scale() -> None:
    """A slider value outside 0–10 is refused and changes nothing."""
    live = WeightAggregator(CRITERIA)
    live.upsert("a", dict.fromkeys(CRITERIA, 5))
    with pytest.raises(ValueError, match="outside the scale"):
        live.upsert("a", {**dict.fromkeys(CRITERIA, 5), "SPD": 11})
    assert live.ballots() == {"a": (5, 5, 5, 5)}


def test_median_weights_resist_a_few_extremists() -> None:
    """Twenty participants who agree keep their ranking when three extremists join."""
    agreeing = [{"SPD": 8, "FCR": 6, "REL": 2, "CST": 2} for _ in range(20)]
    extremists = [{"SPD": 0, "FCR": 0, "REL": 10, "CST": 0} for _ in range(3)]
    before = group.aggregate_weights(pd.DataFrame(agreeing), "median")
    after = group.aggregate_weights(pd.DataFrame(agreeing + extremists), "median")
    mean_after = group.aggregate_weights(pd.DataFrame(agreeing + extremists), "mean")
    pd.testing.assert_series_equal(before, after, check_names=False)
    assert mean_after["REL"] > before["REL"]  # the mean is swung, the median is not


def test_geometric_mean_zero_is_not_a_veto() -> None:
    """One participant's zero cannot wipe a criterion out of the group's geometric mean."""
    profiles = pd.DataFrame([{"a": 5, "b": 5}, {"a": 5, "b": 5}, {"a": 10, "b": 0}])
    weights = group.aggregate_weights(profiles, "geomean")
    assert weights["b"] > 0.05
    assert weights.sum() == pytest.approx(1.0)


def test_spread_reports_iqr_and_cv() -> None:
    """Spread per criterion: quartiles of normalised weights, IQR and σ/μ."""
    profiles = pd.DataFrame({"a": [1, 1, 3, 3], "b": [1, 1, 1, 1]})
    table = group.spread(profiles)
    assert table.loc["a", "median"] == pytest.approx(0.625)
    assert table.loc["a", "iqr"] == pytest.approx(0.25)
    assert table.loc["a", "cv"] == pytest.approx(0.125 / 0.625)


def test_tallies() -> None:
    """Single-choice counts and dot totals list every option, zeros included."""
    options = ["x", "y", "z"]
    assert group.tally_single(["x", "x", "z"], options).to_dict() == {"x": 2, "y": 0, "z": 1}
    assert group.tally_dots([{"x": 2, "y": 1}, {"y": 3}], options).to_dict() == {
        "x": 2,
        "y": 4,
        "z": 0,
    }


@pytest.mark.parametrize(
    ("mode", "vote", "message"),
    [
        ("single", {"choice": "nope"}, "Unknown option"),
        ("single", ["x"], "must be an object"),
        ("dots", {"dots": {"x": 4}}, "At most 3 dots per option"),
        ("dots", {"dots": {"x": 3, "y": 3}}, "At most 5 dots in total"),
        ("dots", {"dots": {"x": -1}}, "at least 0"),
        ("dots", {"dots": {"x": 1.5}}, "whole number"),
        ("ranking", {"ranking": ["x", "x"]}, "twice"),
        ("ranking", {"ranking": []}, "at least one"),
        ("ranking", {"ranking": "xy"}, "at least one"),
        ("poll", {}, "Unknown vote mode"),
    ],
)
def test_invalid_votes_are_refused(mode: str, vote: object, message: str) -> None:
    """Each kind of bad vote raises InvalidVote naming the problem."""
    with pytest.raises(InvalidVote, match=message):
        group.validate_vote(mode, vote, ["x", "y", "z"], budget=5, cap=3)  # type: ignore[arg-type]


def test_valid_votes_come_back_canonical() -> None:
    """Valid votes are returned in canonical form (zero dots dropped)."""
    options = ["x", "y"]
    assert group.validate_vote("dots", {"dots": {"x": 2, "y": 0}}, options) == {"dots": {"x": 2}}
    assert group.validate_vote("ranking", {"ranking": ["y", "x"]}, options) == {
        "ranking": ["y", "x"]
    }
