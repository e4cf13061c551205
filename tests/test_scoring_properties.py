"""Property tests of the scoring engine: ranges, invariances, sensitivity and hybrids."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from workshop.engine import mcda, scoring
from workshop.engine.ballots import InvalidWeights
from workshop.engine.sensitivity import weight_sensitivity
from workshop.packs import default_pack

matrices = st.tuples(st.integers(2, 7), st.integers(2, 8)).flatmap(
    lambda shape: arrays(np.float64, shape, elements=st.floats(1.0, 5.0))
)


def weights_for(k: int) -> st.SearchStrategy[np.ndarray]:
    return arrays(np.float64, (k,), elements=st.floats(0.01, 10.0))


@st.composite
def problems(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    matrix = draw(matrices)
    return matrix, draw(weights_for(matrix.shape[1]))


def as_frame(matrix: np.ndarray) -> tuple[pd.DataFrame, dict[str, float]]:
    columns = [f"c{j}" for j in range(matrix.shape[1])]
    return pd.DataFrame(matrix, columns=columns, index=[f"o{i}" for i in range(len(matrix))]), {
        c: 1.0 for c in columns
    }


@given(problems())
def test_scores_stay_in_range(problem: tuple[np.ndarray, np.ndarray]) -> None:
    """Weighted sum on the 1–5 scale and TOPSIS closeness both stay within [0, 1]."""
    matrix, raw = problem
    w = mcda.normalise_weights(raw)
    wsm = mcda.wsm(mcda.rescale(matrix, 1, 5), w)
    closeness = mcda.topsis(matrix, w)
    assert np.all((wsm >= -1e-12) & (wsm <= 1 + 1e-12))
    assert np.all((closeness >= -1e-12) & (closeness <= 1 + 1e-12))


@given(problems(), st.floats(0.001, 1000.0))
def test_scaling_all_weights_changes_nothing(
    problem: tuple[np.ndarray, np.ndarray], factor: float
) -> None:
    """Multiplying every weight by the same factor leaves both methods' scores unchanged."""
    matrix, raw = problem
    frame, _ = as_frame(matrix)
    weights = dict(zip(frame.columns, raw, strict=True))
    scaled = {c: v * factor for c, v in weights.items()}
    pd.testing.assert_series_equal(
        scoring.weighted_sum(frame, weights, (1, 5)), scoring.weighted_sum(frame, scaled, (1, 5))
    )
    pd.testing.assert_series_equal(scoring.topsis(frame, weights), scoring.topsis(frame, scaled))


def reweighted(w: np.ndarray, k: int, t: float) -> np.ndarray:
    """Weights with w_k set to t and the others rescaled proportionally."""
    out = w * (1.0 - t) / (1.0 - w[k])
    out[k] = t
    return out


@settings(max_examples=150)
@given(problems())
def test_sensitivity_flip_points_flip_and_intervals_hold(
    problem: tuple[np.ndarray, np.ndarray],
) -> None:
    """Just past a flip point the named option wins; inside a stability interval nothing flips."""
    matrix, raw = problem
    r = mcda.rescale(matrix, 1, 5)
    w = mcda.normalise_weights(raw)
    scores = r @ w
    top_two = np.sort(scores)[-2:]
    assume(top_two[1] - top_two[0] > 1e-6)
    winner = int(np.argmax(scores))
    result = weight_sensitivity(r, w, winner)
    for s in result.per_criterion:
        for t in np.linspace(s.lower, s.upper, 9)[1:-1]:
            inside = r @ reweighted(w, s.criterion_index, float(t))
            assert inside[winner] >= inside.max() - 1e-9
        if s.above_index is not None and s.upper + 1e-6 <= 1.0:
            past = r @ reweighted(w, s.criterion_index, s.upper + 1e-6)
            assert past[s.above_index] > past[winner]
            assert past[s.above_index] >= past.max() - 1e-9
        if s.below_index is not None and s.lower - 1e-6 >= 0.0:
            past = r @ reweighted(w, s.criterion_index, s.lower - 1e-6)
            assert past[s.below_index] > past[winner]
            assert past[s.below_index] >= past.max() - 1e-9


def test_sensitivity_textbook_case() -> None:
    """Two options, two criteria: the flip point is where the weighted sums are equal."""
    r = np.array([[1.0, 0.0], [0.0, 1.0]])
    w = np.array([0.6, 0.4])
    result = weight_sensitivity(r, w, winner=0)
    first = result.per_criterion[0]
    assert first.lower == pytest.approx(0.5)
    assert first.below_index == 1
    assert first.above is None
    assert first.change_to_flip == pytest.approx(0.1)
    assert result.critical is not None
    assert result.is_fragile(0.2)
    assert not result.is_fragile(0.05)


def test_competition_ranks_share_ties() -> None:
    """Tied scores share the better rank and the next rank is skipped (1, 1, 3)."""
    ranks = mcda.competition_ranks(np.array([0.5, 0.9, 0.9, 0.1]))
    assert ranks.tolist() == [3, 1, 1, 4]


def test_weights_must_match_criteria() -> None:
    """Unknown, missing, negative or non-finite weights are refused with a clear message."""
    frame, weights = as_frame(np.ones((2, 2)))
    with pytest.raises(InvalidWeights, match="missing"):
        scoring.weighted_sum(frame, {"c0": 1.0})
    with pytest.raises(InvalidWeights, match="unknown"):
        scoring.weighted_sum(frame, {**weights, "x": 1.0})
    with pytest.raises(InvalidWeights, match="at least 0"):
        scoring.weighted_sum(frame, {"c0": -1.0, "c1": 1.0})
    with pytest.raises(InvalidWeights, match="finite"):
        scoring.topsis(frame, {"c0": float("nan"), "c1": 1.0})


def test_zero_weights_mean_equal_weights() -> None:
    """A participant who sets every slider to zero is scored with equal weights."""
    frame, _ = as_frame(np.array([[1.0, 5.0], [3.0, 3.0]]))
    scores = scoring.weighted_sum(frame, {"c0": 0, "c1": 0}, (1, 5))
    assert scores.tolist() == pytest.approx([0.5, 0.5])


@given(problems())
def test_model_fast_topsis_equals_textbook(problem: tuple[np.ndarray, np.ndarray]) -> None:
    """The scoring model's precomputed TOPSIS gives the same closeness as the textbook kernel."""
    matrix, raw = problem
    criteria = tuple(f"c{j}" for j in range(matrix.shape[1]))
    model = scoring.ScoringModel(tuple(f"o{i}" for i in range(len(matrix))), (), criteria, matrix)
    w = mcda.normalise_weights(raw)
    np.testing.assert_allclose(model.topsis(w), mcda.topsis(matrix, w), rtol=1e-9, atol=1e-12)


_PACK_MODEL = scoring.ScoringModel.build(default_pack())


@given(st.lists(st.integers(0, 10), min_size=15, max_size=15))
def test_a_phones_ranking_is_the_evaluations(sliders: list[int]) -> None:
    """`rank` (what a phone redraws on a slider move) gives exactly `evaluate`'s scores, ranks,
    order and tied leaders, for any slider positions of the default pack (all zero included)."""
    weights = dict(zip(_PACK_MODEL.criteria, sliders, strict=True))
    quick, full = _PACK_MODEL.rank(weights), _PACK_MODEL.evaluate(weights)
    assert quick.ids == full.ids
    np.testing.assert_array_equal(quick.wsm, full.wsm)
    np.testing.assert_array_equal(quick.wsm_ranks, full.wsm_ranks)
    assert quick.order() == full.order()
    assert quick.tied_winners == full.tied_winners
