"""Hybrid parameters and context values must be positions a slider can take, on every path."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.engine.ballots import on_step, validate_context, validate_hybrid_params
from workshop.errors import InvalidContext, InvalidInput
from workshop.packs import default_pack

PACK = default_pack()
HYBRID = PACK.hybrids[0]
PARAM = HYBRID.parameters[0]
FACTOR = PACK.context_factors[0]


def test_an_off_step_hybrid_parameter_is_refused() -> None:
    """0.3333 is inside the range but no slider position (issue 12: it used to be stored)."""
    assert PARAM.step > 0 and not on_step(0.3333, PARAM.minimum, PARAM.step)
    with pytest.raises(InvalidInput, match="steps"):
        validate_hybrid_params(PACK, {HYBRID.id: {PARAM.id: 0.3333}})


@given(st.integers(0, 10_000))
def test_every_slider_position_is_accepted(position: int) -> None:
    """minimum + k·step is on the grid for every k in range, whatever the binary rounding."""
    value = PARAM.minimum + position * PARAM.step
    if value <= PARAM.maximum:
        assert validate_hybrid_params(PACK, {HYBRID.id: {PARAM.id: value}})


def test_the_context_is_checked_like_the_sliders() -> None:
    """Unknown factors, values out of range and off the steps are refused; the rest is kept."""
    good = {"factors": {FACTOR.id: FACTOR.neutral}, "hybrids": {HYBRID.id: HYBRID.defaults()}}
    assert validate_context(PACK, good) == good
    off = FACTOR.minimum + FACTOR.step / 3
    for bad in (
        {"factors": {"nope": 1}},
        {"factors": {FACTOR.id: FACTOR.maximum + FACTOR.step}},
        {"factors": {FACTOR.id: off}},
        {"factors": {FACTOR.id: True}},
        {"extra": {}},
    ):
        with pytest.raises(InvalidContext):
            validate_context(PACK, bad)
    with pytest.raises(InvalidInput):
        validate_context(PACK, {"hybrids": {HYBRID.id: {PARAM.id: 0.3333}}})


def test_every_scenario_of_the_pack_is_a_valid_context() -> None:
    """The typical situations the console offers pass the same check (they are saved by it)."""
    for scenario in PACK.scenarios:
        validate_context(PACK, {"factors": dict(scenario.context)})


def test_a_pack_with_an_off_step_situation_is_refused() -> None:
    """The pack reader refuses a typical situation no slider could show (12 on a 5-grid)."""
    from workshop.packs import PackError, pack_from_data, pack_to_data

    data = pack_to_data(PACK)
    data["scenarios"][0]["context"][FACTOR.id] = FACTOR.minimum + FACTOR.step / 2
    with pytest.raises(PackError) as caught:
        pack_from_data(data, "test")
    assert any("steps" in str(problem) for problem in caught.value.problems)
