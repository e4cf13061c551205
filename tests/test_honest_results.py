"""Results that mean what they say: exact ties, flips that can happen, refused bad numbers."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.engine import group, mcda, scoring
from workshop.engine.ballots import InvalidVote, InvalidWeights
from workshop.engine.scoring import ScoringModel
from workshop.engine.sensitivity import weight_sensitivity
from workshop.errors import InvalidContext, InvalidNumbers
from workshop.packs import default_pack
from workshop.rounds.results import RoundShift, sensitivity_report
from workshop.text.wording import shift_sentences

PACK = default_pack()

# --------------------------------------------------------------------------- exact ties

#: Profiles on the 1–5 scale whose weighted sums under equal weights are equal in exact
#: arithmetic ((0.4 + 0.8)/4 = 1.2/4) but not in floating point: 1.4, 1.8 and 2.2 are not
#: binary fractions, so B comes out a few units in the last place ahead of A.
TIE_A = [1.4, 1.8, 1.0]
TIE_B = [2.2, 1.0, 1.0]
WEAK = [1.0, 1.5, 1.0]


def tie_model(order: tuple[str, ...] = ("A", "weak", "B")) -> ScoringModel:
    """A model in which A and B tie exactly, both ahead of a weaker option."""
    rows = {"A": TIE_A, "B": TIE_B, "weak": WEAK}
    return ScoringModel(order, (), ("c0", "c1", "c2"), np.array([rows[o] for o in order]))


def test_the_constructed_tie_is_exact_but_not_in_floating_point() -> None:
    """The fixture itself: equal in fractions, and B ahead of A by rounding noise alone."""
    exact = [sum(Fraction(str(v)) - 1 for v in row) for row in (TIE_A, TIE_B)]
    assert exact[0] == exact[1]
    scores = tie_model().evaluate(np.ones(3)).wsm
    assert scores[2] > scores[0]  # noise: what argmax and a plain sort would follow


@pytest.mark.parametrize("order", [("A", "weak", "B"), ("B", "weak", "A")])
def test_engine_ties_share_first_place_and_pack_order_decides_the_winner(
    order: tuple[str, str, str],
) -> None:
    """Equal scores share rank 1; the first tied option in pack order wins and is listed first."""
    evaluation = tie_model(order).evaluate(np.ones(3))
    assert evaluation.wsm_ranks.tolist() == [1, 3, 1]
    assert evaluation.tied_winners == (order[0], order[2])
    assert evaluation.winner == order[0]
    assert [evaluation.ids[i] for i in evaluation.order()] == [order[0], order[2], "weak"]
    assert mcda.leaders(evaluation.wsm).tolist() == [0, 2]


def test_a_tie_is_reported_as_a_tie_without_flips() -> None:
    """The results layer names both leaders and no weight change "away" from the tie."""
    evaluation = tie_model().evaluate(np.ones(3))
    report = sensitivity_report(evaluation, ("c0", "c1", "c2"))
    assert report.tied == ("A", "B")
    assert report.flips == ()
    assert not report.robust and report.fragile


def test_a_tie_reports_no_flip_away_from_itself_at_the_ends() -> None:
    """A tie is shown as a tie; its flips lie strictly inside (0, 1)."""
    evaluation = tie_model().evaluate(np.ones(3))
    for stability in evaluation.sensitivity.per_criterion:
        if stability.below is not None:
            assert 0.0 < stability.lower < 1.0
        if stability.above is not None:
            assert 0.0 < stability.upper < 1.0


# --------------------------------------------------------------------------- flips

grid_problems = st.tuples(st.integers(2, 6), st.integers(2, 6)).flatmap(
    lambda shape: st.tuples(
        st.lists(
            st.lists(st.integers(1, 5), min_size=shape[1], max_size=shape[1]),
            min_size=shape[0],
            max_size=shape[0],
        ),
        st.lists(st.integers(0, 10), min_size=shape[1], max_size=shape[1]),
    )
)


def exact_scores(matrix: list[list[int]], weights: list[Fraction]) -> list[Fraction]:
    """Weighted sums on the 1–5 scale mapped onto 0–1, in exact arithmetic."""
    return [
        sum((Fraction(v - 1, 4) * w for v, w in zip(row, weights, strict=True))) for row in matrix
    ]


def moved(weights: list[Fraction], k: int, t: Fraction) -> list[Fraction]:
    """Weight k set to t, the others rescaled so they keep their proportions."""
    rest = 1 - weights[k]
    return [t if j == k else w * (1 - t) / rest for j, w in enumerate(weights)]


@settings(max_examples=300, deadline=None)
@given(grid_problems)
def test_every_flip_lies_inside_and_hands_the_lead_to_the_named_option(
    problem: tuple[list[list[int]], list[int]],
) -> None:
    """Slider-like weights on 1–5 profiles: each reported flip point lies strictly inside (0, 1)
    (for a lone winner), and just past it the named option leads in exact arithmetic; a tie
    reached only at an end of the range is never reported."""
    matrix, sliders = problem
    criteria = tuple(f"c{j}" for j in range(len(sliders)))
    ids = tuple(f"o{i}" for i in range(len(matrix)))
    model = ScoringModel(ids, (), criteria, np.array(matrix, dtype=np.float64))
    evaluation = model.evaluate(np.array(sliders, dtype=np.float64))
    total = sum(sliders)
    weights = (
        [Fraction(1, len(sliders))] * len(sliders)
        if total == 0
        else [Fraction(s, total) for s in sliders]
    )
    step = Fraction(1, 10**9)  # far below the distance between two distinct crossings here
    for stability in evaluation.sensitivity.per_criterion:
        k = stability.criterion_index
        for to, bound, sign in (
            (stability.below, stability.lower, -1),
            (stability.above, stability.upper, 1),
        ):
            if to is None:
                continue
            # Never a tie reached only at the far end; strictly inside for a lone winner (a
            # shared first place may break at once, at the current weight, even at 0 %).
            assert bound < 1.0 if sign > 0 else bound > 0.0
            if len(evaluation.tied_winners) == 1:
                assert 0.0 < bound < 1.0
            scores = exact_scores(matrix, moved(weights, k, Fraction(bound) + sign * step))
            assert scores[ids.index(to)] == max(scores), (stability, scores)
            assert scores[ids.index(to)] > scores[ids.index(evaluation.winner)]


# --------------------------------------------------------------------------- bad numbers


def frame(values: list[list[float]]) -> pd.DataFrame:
    columns = [f"c{j}" for j in range(len(values[0]))]
    return pd.DataFrame(values, columns=columns, index=[f"o{i}" for i in range(len(values))])


EQUAL = {"c0": 1.0, "c1": 1.0}


def test_evaluate_refuses_nan_weights() -> None:
    """An array of weights with NaN is refused, not scored as NaN."""
    model = ScoringModel.build(PACK)
    weights = np.ones(len(PACK.criteria))
    weights[2] = np.nan
    with pytest.raises(InvalidWeights, match="finite numbers of at least 0"):
        model.evaluate(weights)


def test_evaluate_refuses_negative_weights() -> None:
    """An array of weights with a negative entry is refused."""
    model = ScoringModel.build(PACK)
    weights = np.ones(len(PACK.criteria))
    weights[0] = -1.0
    with pytest.raises(InvalidWeights, match="finite numbers of at least 0"):
        model.evaluate(weights)


def test_evaluate_refuses_weights_of_the_wrong_length() -> None:
    """An array with one weight too few is refused with the expected count."""
    model = ScoringModel.build(PACK)
    with pytest.raises(InvalidWeights, match=f"Give {len(PACK.criteria)} weights"):
        model.evaluate(np.ones(len(PACK.criteria) - 1))


def test_huge_weights_score_like_their_proportions() -> None:
    """Weights of 1e308 (their sum overflows) score exactly as equal weights do."""
    model = ScoringModel.build(PACK)
    huge = model.evaluate(np.full(len(PACK.criteria), 1e308))
    equal = model.evaluate(np.ones(len(PACK.criteria)))
    np.testing.assert_allclose(huge.wsm, equal.wsm, rtol=1e-12)
    np.testing.assert_allclose(huge.topsis, equal.topsis, rtol=1e-12)
    assert huge.winner == equal.winner


def test_context_refuses_nan() -> None:
    """A NaN context value is refused, naming the factor."""
    factor = PACK.context_factors[0].id
    with pytest.raises(InvalidContext, match=f"context factor '{factor}' must be a finite"):
        ScoringModel.build(PACK, {factor: float("nan")})


def test_context_refuses_a_misspelt_factor() -> None:
    """A misspelt factor id is an error that lists the known ids, not a silently neutral factor."""
    with pytest.raises(InvalidContext, match="Unknown context factor 'complexty'"):
        ScoringModel.build(PACK, {"complexty": 70})


def test_context_values_past_an_end_count_as_that_end() -> None:
    """A finite value beyond the factor's maximum scores as the maximum (documented clamp)."""
    factor = PACK.context_factors[0]
    beyond = ScoringModel.build(PACK, {factor.id: factor.maximum + 1000}).matrix
    at_max = ScoringModel.build(PACK, {factor.id: factor.maximum}).matrix
    np.testing.assert_array_equal(beyond, at_max)
    with pytest.raises(InvalidContext, match="finite"):
        ScoringModel.build(PACK, {factor.id: float("inf")})


def test_hybrid_parameters_refuse_nan() -> None:
    """A NaN hybrid parameter is refused, naming the hybrid and the parameter."""
    hybrid = PACK.hybrids[0]
    parameter = hybrid.parameters[0].id
    with pytest.raises(
        InvalidContext, match=f"{hybrid.id}.{parameter} is nan; it must be a finite number"
    ):
        ScoringModel.build(PACK, None, {hybrid.id: {parameter: float("nan")}})


def test_hybrid_parameters_refuse_a_misspelt_hybrid() -> None:
    """A hybrid id the pack does not have is refused."""
    with pytest.raises(InvalidContext, match="Unknown hybrid 'segmnet'"):
        ScoringModel.build(PACK, None, {"segmnet": {"share": 0.5}})


def test_hybrid_parameters_refuse_a_misspelt_parameter() -> None:
    """A parameter id the hybrid does not have is refused."""
    hybrid = PACK.hybrids[0]
    with pytest.raises(InvalidContext, match=f"Hybrid '{hybrid.id}' has no parameter 'shar'"):
        ScoringModel.build(PACK, None, {hybrid.id: {"shar": 0.5}})


def test_topsis_on_huge_values_equals_topsis_on_small_ones() -> None:
    """Values of 1e155 and more (their squares overflow) give the same closeness as scaled ones."""
    small = frame([[1.0, 5.0], [3.0, 3.0], [5.0, 1.0]])
    huge = small * 1e160
    expected = scoring.topsis(small, {"c0": 2.0, "c1": 1.0})
    result = scoring.topsis(huge, {"c0": 2.0, "c1": 1.0})
    assert np.all(np.isfinite(result))
    np.testing.assert_allclose(result.to_numpy(), expected.to_numpy(), rtol=1e-12)


def test_topsis_refuses_nan_and_negative_values() -> None:
    """TOPSIS refuses NaN values and negative ones (vector normalisation needs values ≥ 0)."""
    with pytest.raises(InvalidNumbers, match="NaN or infinite"):
        scoring.topsis(frame([[1.0, float("nan")], [2.0, 3.0]]), EQUAL)
    with pytest.raises(InvalidNumbers, match="at least 0"):
        scoring.topsis(frame([[1.0, -2.0], [2.0, 3.0]]), EQUAL)


def test_topsis_refuses_a_benefit_list_of_the_wrong_length() -> None:
    """A benefit mark per criterion is required: one too few is an error, not a broadcast."""
    with pytest.raises(InvalidNumbers, match="benefit must mark each of the 2 criteria"):
        scoring.topsis(frame([[1.0, 2.0], [2.0, 3.0]]), EQUAL, benefit=[True])


def test_weighted_sum_refuses_an_empty_scale() -> None:
    """scale=(5, 5) would divide by zero: refused with the scale named."""
    with pytest.raises(InvalidNumbers, match=r"low end below its high end \(given 5, 5\)"):
        scoring.weighted_sum(frame([[1.0, 2.0], [2.0, 3.0]]), EQUAL, scale=(5, 5))


def test_weighted_sum_refuses_nan_values() -> None:
    """A NaN in the matrix is refused rather than scored as NaN."""
    with pytest.raises(InvalidNumbers, match="NaN or infinite"):
        scoring.weighted_sum(frame([[1.0, float("nan")], [2.0, 3.0]]), EQUAL, scale=(1, 5))


def test_tastle_wierman_refuses_nan_counts() -> None:
    """Frequencies with NaN are refused."""
    with pytest.raises(InvalidNumbers, match="NaN or infinite"):
        group.tastle_wierman([3, float("nan"), 2])


def test_tastle_wierman_refuses_negative_counts() -> None:
    """Negative frequencies are refused."""
    with pytest.raises(InvalidNumbers, match="must not be negative"):
        group.tastle_wierman([3, -1, 2])


def test_aggregate_weights_refuses_nan_rows() -> None:
    """A participant row with NaN is refused instead of turning the group's weights into NaN."""
    profiles = pd.DataFrame([{"a": 5, "b": 5}, {"a": float("nan"), "b": 2}])
    with pytest.raises(InvalidNumbers, match="Weight profiles must not hold NaN"):
        group.aggregate_weights(profiles)


def test_bad_numbers_are_value_errors_for_notebook_code() -> None:
    """The domain's input errors are ValueErrors too, so `except ValueError` still catches them."""
    with pytest.raises(ValueError, match="finite"):
        ScoringModel.build(PACK).evaluate(np.full(len(PACK.criteria), np.inf))


def test_stability_results_carry_ids() -> None:
    """Notebook users read criterion and option ids, not positions."""
    r = np.array([[1.0, 0.0], [0.0, 1.0]])
    result = weight_sensitivity(r, np.array([0.6, 0.4]), 0, ("A", "B"), ("x", "y"))
    first = result.per_criterion[0]
    assert (first.criterion, first.below, first.above) == ("x", "B", None)
    assert (first.criterion_index, first.below_index) == (0, 1)
    assert result.winner_id == "A"
    assert "criterion='x'" in repr(first) and "below='B'" in repr(first)
    assert "criterion_index" not in repr(first)
    model = ScoringModel.build(PACK)
    critical = model.evaluate({c: 1 for c in PACK.criterion_ids}).sensitivity.critical
    assert critical is not None
    assert critical.criterion in PACK.criterion_ids
    assert critical.flips_to in model.ids


def test_a_shift_between_two_tied_rounds_reports_no_change_of_winner() -> None:
    """The same shared first place in both rounds is no change, whoever rounding put first."""
    shift = RoundShift(1, 2, (), (), (), "B", "A", ("A", "B"), ("A", "B"))
    assert not shift.winner_changed
    names = {"A": "Alpha", "B": "Beta"}
    assert shift_sentences(shift, names, "de")[0] == "Platz 1 bleibt geteilt: Alpha und Beta."
    assert (
        shift_sentences(shift, names, "en")[0] == "First place is still shared by Alpha and Beta."
    )
    alone = RoundShift(1, 2, (), (), (), "A", "A", ("A", "B"), ("A",))
    assert alone.winner_changed
    assert shift_sentences(alone, names, "de")[0] == (
        "Platz 1 hat gewechselt: von Alpha und Beta zu Alpha."
    )


def test_tallies_refuse_unknown_options_and_negative_dots() -> None:
    """A tally never meets a KeyError or a negative dot: both are refused as invalid votes."""
    options = ["a", "b"]
    with pytest.raises(InvalidVote, match="Unknown option 'c'"):
        group.tally_single(["a", "c"], options)
    with pytest.raises(InvalidVote, match="at least 0"):
        group.tally_dots([{"a": -2}], options)
    with pytest.raises(InvalidVote, match="Unknown option 'z'"):
        group.borda([["a", "z"]], options)
    with pytest.raises(InvalidVote, match="twice"):
        group.borda([["a", "a"]], options)


def test_kendalls_w_and_rank_refuse_nan() -> None:
    """NaN ranks or scores are refused rather than turned into a meaningless coefficient."""
    with pytest.raises(InvalidNumbers, match="NaN"):
        group.kendalls_w(pd.DataFrame([[1, 2], [float("nan"), 1]]))
    with pytest.raises(InvalidNumbers, match="NaN"):
        scoring.rank(pd.Series([0.5, float("nan")]))
