"""The resistance round (Systemisches Konsensieren): totals, ranks, anonymity, disagreements.

No published worked example is used: the SK literature's classic one (four friends choosing a
restaurant, sk-prinzip.eu) gives its resistance values in pictures that could not be checked
here, so the worked examples below are hand-computed, with the arithmetic written beside them.
"""

from __future__ import annotations

import math
import random
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.engine.ballots import STATUS_QUO, validate_resistance
from workshop.errors import InvalidInput, InvalidResistance
from workshop.rounds.resistance import (
    HIGH_RESISTANCE,
    RANK_GAP,
    Disagreement,
    OptionResistance,
    ResistanceResults,
    resistance_results,
)

# ------------------------------------------------------------------ a hand-computed example
#
# Five people, three options and keep-as-today. By first choice (each person's least resisted
# option) "a" wins 3 : 2, yet two people resist it with 10: the SK point that the majority's
# favourite is not the option the group can carry best.
#
#              a    b    c   status_quo
#   p1         0    3    8    6
#   p2         0    4    7    5
#   p3         1    2    9    7
#   p4        10    3    0    4
#   p5        10    2    1    8
#   total     21   14   25   30        (0+0+1+10+10, 3+4+2+3+2, 8+7+9+0+1, 6+5+7+4+8)
#   mean     4.2  2.8  5.0  6.0        (total / 5)
#   sorted  0,0,1,10,10 | 2,2,3,3,4 | 0,1,7,8,9 | 4,5,6,7,8
#   median     1    3    7    6        (the middle value)
#   q1, q3  0,10  2,3  1,8  5,7        (linear quantiles of 5 values: positions 1 and 3)
#   ≥ 7        2    0    3    2
#   accept.  .58  .72  .50  .40        (1 − total / 50)
#   rank       2    1    3    4

EXAMPLE = {
    1: {"a": 0, "b": 3, "c": 8, STATUS_QUO: 6},
    2: {"a": 0, "b": 4, "c": 7, STATUS_QUO: 5},
    3: {"a": 1, "b": 2, "c": 9, STATUS_QUO: 7},
    4: {"a": 10, "b": 3, "c": 0, STATUS_QUO: 4},
    5: {"a": 10, "b": 2, "c": 1, STATUS_QUO: 8},
}
OPTIONS = ("a", "b", "c")


def test_hand_computed_example() -> None:
    """Every figure of the example above, least total first."""
    results = resistance_results(EXAMPLE, OPTIONS, threshold=3, preference=("a", "c", "b"))
    assert results.count == 5
    assert results.shown
    accept = [o.acceptance for o in results.options]
    assert accept == pytest.approx([0.72, 0.58, 0.50, 0.40])
    assert results.options == (
        OptionResistance("b", 14, 2.8, 3.0, 2.0, 3.0, 0, accept[0], 1),
        OptionResistance("a", 21, 4.2, 1.0, 0.0, 10.0, 2, accept[1], 2),
        OptionResistance("c", 25, 5.0, 7.0, 1.0, 8.0, 3, accept[2], 3),
        OptionResistance(STATUS_QUO, 30, 6.0, 6.0, 5.0, 7.0, 2, accept[3], 4),
    )
    assert results.least == ("b",)
    assert results.beats_status_quo == ("b", "a", "c")
    # The score ranking's winner "a" is not the least resisted "b"; c (2 vs 3) and b (3 vs 1)
    # lie fewer than RANK_GAP places apart.
    assert results.disagreements == (Disagreement("winner", "a", 1, 2),)


def test_rank_disagreement_and_status_quo_on_top() -> None:
    """Keep-as-today can be the least resisted; a big rank gap is reported with both ranks.

    Three people, totals: x 0+1+0 = 1, y 2+2+2 = 6, z 9+8+10 = 27, w 3+3+3 = 9,
    status_quo 0+0+1 = 1.  Ranks: x and status_quo tie at 1 (status_quo listed last of the
    two), y 3, w 4, z 5.  Preference z, x, y, w: z is the winner but resisted most (winner,
    1 vs 5); x 2 vs 1, y 3 vs 3 and w 4 vs 4 are close.  Preference y, w, z, x: x 4 vs 1 is a
    gap of 3 (rank), y 1 is not among the least (winner, 1 vs 3).
    """
    ratings = {
        7: {"x": 0, "y": 2, "z": 9, "w": 3, STATUS_QUO: 0},
        3: {"x": 1, "y": 2, "z": 8, "w": 3, STATUS_QUO: 0},
        5: {"x": 0, "y": 2, "z": 10, "w": 3, STATUS_QUO: 1},
    }
    options = ("x", "y", "z", "w")
    results = resistance_results(ratings, options, threshold=3, preference=("z", "x", "y", "w"))
    assert [(o.option, o.total, o.rank) for o in results.options] == [
        ("x", 1, 1),
        (STATUS_QUO, 1, 1),
        ("y", 6, 3),
        ("w", 9, 4),
        ("z", 27, 5),
    ]
    assert results.least == ("x", STATUS_QUO)
    assert results.beats_status_quo == ()
    assert results.disagreements == (Disagreement("winner", "z", 1, 5),)
    other = resistance_results(ratings, options, threshold=3, preference=("y", "w", "z", "x"))
    assert other.disagreements == (
        Disagreement("winner", "y", 1, 3),
        Disagreement("rank", "x", 4, 1),
    )


def test_preference_ignores_unknown_and_repeated_ids() -> None:
    """Unknown ids do not take a place, a repeated id keeps its first; agreeing gives nothing."""
    results = resistance_results(EXAMPLE, OPTIONS, 3, preference=("gone", "b", "b", "a", "c"))
    assert results.disagreements == ()


def test_below_threshold_only_the_count() -> None:
    """Four of five needed: nothing but the count, not even which option leads."""
    few = {k: EXAMPLE[k] for k in (1, 2, 3, 4)}
    assert resistance_results(few, OPTIONS, threshold=5, preference=("a",)) == ResistanceResults(
        count=4, shown=False
    )


def test_nobody_is_never_shown() -> None:
    """With no ratings there is nothing to show, whatever the threshold."""
    assert resistance_results({}, OPTIONS, threshold=0) == ResistanceResults(0, False)


def test_incomplete_and_damaged_ratings_are_left_out() -> None:
    """A rating missing an option or off the scale is not counted; unknown keys are ignored."""
    ratings: dict[int, Any] = {
        **EXAMPLE,
        6: {"a": 0, "b": 0, STATUS_QUO: 0},  # the pack gained "c" since
        7: {"a": 0, "b": 0, "c": 0, STATUS_QUO: 11},
        8: {"a": 0, "b": 0, "c": True, STATUS_QUO: 0},
        9: {"a": 0.5, "b": 0, "c": 0, STATUS_QUO: 0},
        10: "not a mapping",
        1: {**EXAMPLE[1], "removed_option": 10},
    }
    results = resistance_results(ratings, OPTIONS, threshold=3)
    assert results == resistance_results(EXAMPLE, OPTIONS, threshold=3)
    assert results.count == 5


def test_repeated_option_ids_are_a_programming_error() -> None:
    """The option ids come from the pack; a repeated one, or the status quo, is a bug."""
    with pytest.raises(ValueError, match="distinct"):
        resistance_results(EXAMPLE, ("a", "a"), 1)
    with pytest.raises(ValueError, match="distinct"):
        resistance_results(EXAMPLE, ("a", STATUS_QUO), 1)


# ------------------------------------------------------------------------------- properties

OPTION_IDS = st.lists(
    st.sampled_from(["a", "b", "c", "h1", "h2", "d"]), min_size=1, max_size=5, unique=True
)


@st.composite
def rounds(draw: st.DrawFn) -> tuple[dict[int, dict[str, int]], list[str]]:
    """Some participants' complete ratings of a few options."""
    options = draw(OPTION_IDS)
    keys = [*options, STATUS_QUO]
    people = draw(st.lists(st.integers(0, 10_000), max_size=12, unique=True))
    rating = st.fixed_dictionaries({k: st.integers(0, 10) for k in keys})
    return {p: draw(rating) for p in people}, options


@settings(max_examples=200)
@given(rounds(), st.integers(0, 6))
def test_figures_follow_from_the_ratings(
    data: tuple[dict[int, dict[str, int]], list[str]], threshold: int
) -> None:
    """Totals are sums, least holds the minimum, ties share ranks, acceptance lies in [0, 1]."""
    ratings, options = data
    results = resistance_results(ratings, options, threshold)
    assert results.count == len(ratings)
    if not results.shown:
        assert results == ResistanceResults(count=len(ratings), shown=False)
        assert len(ratings) < max(threshold, 1)
        return
    n = len(ratings)
    by_option = {o.option: o for o in results.options}
    assert list(by_option) == sorted(
        by_option, key=lambda o: (by_option[o].total, [*options, STATUS_QUO].index(o))
    )
    assert set(by_option) == {*options, STATUS_QUO}
    totals = [o.total for o in results.options]
    for o in results.options:
        values = pd.Series([row[o.option] for row in ratings.values()], dtype=float)
        assert o.total == values.sum()
        assert o.mean == pytest.approx(values.mean())
        assert (o.q1, o.median, o.q3) == pytest.approx(
            tuple(values.quantile(q) for q in (0.25, 0.5, 0.75))  # group.spread's method
        )
        assert o.high == (values >= HIGH_RESISTANCE).sum()
        assert 0.0 <= o.acceptance <= 1.0
        assert o.acceptance == pytest.approx(1 - o.total / (10 * n))
        assert o.rank == 1 + sum(t < o.total for t in totals)  # ties share the better rank
    assert results.least == tuple(o.option for o in results.options if o.total == min(totals))
    status_quo = by_option[STATUS_QUO].total
    assert set(results.beats_status_quo) == {
        o for o in by_option if by_option[o].total < status_quo
    }


@settings(max_examples=100)
@given(rounds(), st.randoms(use_true_random=False))
def test_participant_order_does_not_matter(
    data: tuple[dict[int, dict[str, int]], list[str]], rng: random.Random
) -> None:
    """Shuffling the participants, or giving them other ids, changes nothing."""
    ratings, options = data
    items = list(ratings.items())
    rng.shuffle(items)
    relabelled = {rng.randrange(10**9) * 10_000 + i: row for i, (_, row) in enumerate(items)}
    expected = resistance_results(ratings, options, 1, preference=options[::-1])
    assert resistance_results(dict(items), options, 1, preference=options[::-1]) == expected
    assert resistance_results(relabelled, options, 1, preference=options[::-1]) == expected


@settings(max_examples=150)
@given(rounds(), st.permutations(["a", "b", "c", "h1", "h2", "d", STATUS_QUO]))
def test_disagreements_are_exactly_the_defined_ones(
    data: tuple[dict[int, dict[str, int]], list[str]], preference: list[str]
) -> None:
    """The winner outside `least`, and every other option RANK_GAP or more places off."""
    ratings, options = data
    results = resistance_results(ratings, options, 1, preference=preference)
    if not results.shown:
        return
    known = [o for o in preference if o in {*options, STATUS_QUO}]
    rank = {o.option: o.rank for o in results.options}
    expected = []
    for place, option in enumerate(known, start=1):
        if place == 1 and option not in results.least:
            expected.append(Disagreement("winner", option, 1, rank[option]))
        elif abs(rank[option] - place) >= RANK_GAP:
            expected.append(Disagreement("rank", option, place, rank[option]))
    assert results.disagreements == tuple(expected)


# ----------------------------------------------------------------------------- validation


def test_validate_resistance_returns_a_fresh_dict_in_order() -> None:
    """The pack's order, status quo last; whole floats count as their number."""
    raw = {STATUS_QUO: 4, "c": 10, "a": 0.0, "b": 7}
    clean = validate_resistance(raw, ["a", "b", "c"])
    assert list(clean) == ["a", "b", "c", STATUS_QUO]
    assert clean == {"a": 0, "b": 7, "c": 10, STATUS_QUO: 4}
    assert all(type(v) is int for v in clean.values())
    assert clean is not raw


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ({"a": 1, "b": 2}, "options_differ"),  # status quo missing
        ({"a": 1, STATUS_QUO: 2}, "options_differ"),  # an option missing
        ({"a": 1, "b": 2, STATUS_QUO: 3, "x": 4}, "options_differ"),  # an unknown one
        ({"a": 1, "b": 11, STATUS_QUO: 3}, "out_of_range"),
        ({"a": -1, "b": 2, STATUS_QUO: 3}, "out_of_range"),
        ({"a": True, "b": 2, STATUS_QUO: 3}, "not_a_number"),
        ({"a": 1, "b": "2", STATUS_QUO: 3}, "not_a_number"),
        ({"a": 1, "b": None, STATUS_QUO: 3}, "not_a_number"),
        ({"a": 1, "b": 2.5, STATUS_QUO: 3}, "not_whole"),
        ({"a": 1, "b": math.nan, STATUS_QUO: 3}, "not_whole"),
        ({"a": 1, "b": math.inf, STATUS_QUO: 3}, "not_whole"),
        ([1, 2, 3], "not_an_object"),
    ],
)
def test_validate_resistance_refuses(raw: object, reason: str) -> None:
    """Missing, extra, off-scale, bool, text and fractional ratings are all refused."""
    with pytest.raises(InvalidResistance) as caught:
        validate_resistance(raw, ["a", "b"])
    assert caught.value.details["reason"] == reason
    assert caught.value.code == "invalid_resistance"
    assert isinstance(caught.value, InvalidInput)


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", STATUS_QUO]),
        st.one_of(st.integers(-20, 20), st.floats(allow_nan=True), st.booleans()),
    )
)
def test_validate_resistance_accepts_exactly_complete_whole_ratings(raw: dict[str, float]) -> None:
    """Accepted if and only if every key is there with a whole number 0–10."""
    ok = set(raw) == {"a", "b", STATUS_QUO} and all(
        not isinstance(v, bool) and float(v).is_integer() and 0 <= v <= 10 for v in raw.values()
    )
    if ok:
        expected = {k: int(raw[k]) for k in ("a", "b", STATUS_QUO)}
        assert validate_resistance(raw, ["a", "b"]) == expected
    else:
        with pytest.raises(InvalidResistance):
            validate_resistance(raw, ["a", "b"])


def test_validate_resistance_refuses_bad_option_ids() -> None:
    """Repeated option ids or one named like the status quo are the caller's bug."""
    with pytest.raises(ValueError, match="distinct"):
        validate_resistance({"a": 1, STATUS_QUO: 1}, ["a", "a"])
    with pytest.raises(ValueError, match="distinct"):
        validate_resistance({STATUS_QUO: 1}, [STATUS_QUO])
