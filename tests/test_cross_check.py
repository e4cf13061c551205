"""TOPSIS cross-checked against an independent implementation (pymcdm) on random matrices."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from workshop.engine import mcda

pymcdm = pytest.importorskip("pymcdm")
from pymcdm.methods import TOPSIS  # noqa: E402
from pymcdm.normalizations import vector_normalization  # noqa: E402


@st.composite
def problems(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n, k = draw(st.integers(3, 12)), draw(st.integers(2, 12))
    matrix = draw(arrays(np.float64, (n, k), elements=st.floats(1.0, 100.0)))
    weights = draw(arrays(np.float64, (k,), elements=st.floats(0.05, 1.0)))
    types = draw(arrays(np.int64, (k,), elements=st.sampled_from([1, -1])))
    return matrix, weights / weights.sum(), types


@settings(max_examples=200)
@given(problems())
def test_topsis_equals_pymcdm(problem: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    """Same closeness values (and so the same ranking) as pymcdm's textbook TOPSIS."""
    matrix, weights, types = problem
    theirs = TOPSIS(normalization_function=vector_normalization)(matrix, weights, types)
    assume(np.all(np.isfinite(theirs)))  # pymcdm gives NaN when all options are identical
    ours = mcda.topsis(matrix, weights, types > 0)
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
    separated = np.min(np.abs(np.subtract.outer(ours, ours)) + np.eye(len(ours))) > 1e-9
    if separated:
        assert np.argsort(-ours).tolist() == np.argsort(-theirs).tolist()


def test_identical_options_are_indifferent() -> None:
    """When every option is identical, each is exactly halfway between ideal and anti-ideal."""
    closeness = mcda.topsis(np.ones((3, 2)), np.array([0.5, 0.5]))
    assert closeness.tolist() == [0.5, 0.5, 0.5]
