"""The default pack scored: the research's check values, context effects and hybrid end points."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.content import ContentPack
from workshop.engine import scoring
from workshop.engine.context import adjusted_matrix, base_matrix, explain_cell
from workshop.engine.hybrids import hybrid_profile
from workshop.packs import default_pack


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return default_pack()


def test_equal_weights_score_each_profile_by_its_mean(pack: ContentPack) -> None:
    """Equal weights: a model's score is its mean value mapped onto 0–1, (Σ − 15)/60.

    Profile sums (by hand from the pack): tiered 46.5, case owner 47, dedicated owner 43.5,
    pods 47, swarming 46.5, front/back office 45 — no model without a weakness, and two exact
    ties that share their place.
    """
    matrix = scoring.profile_matrix(pack, include_hybrids=False)
    scores = scoring.weighted_sum(matrix, dict.fromkeys(pack.criterion_ids, 1.0), scale=(1, 5))
    sums = {"tiered": 46.5, "case_owner": 47, "dedicated": 43.5, "pods": 47}
    sums |= {"swarming": 46.5, "front_back": 45}
    assert scores.to_dict() == pytest.approx({k: (v - 15) / 60 for k, v in sums.items()})
    ranks = scoring.rank(scores)
    assert ranks["case_owner"] == ranks["pods"] == 1  # an exact tie shares first place
    assert ranks["tiered"] == ranks["swarming"] == 3


def test_topsis_separates_the_ties(pack: ContentPack) -> None:
    """TOPSIS (distance to ideal and anti-ideal) breaks both weighted-sum ties."""
    matrix = scoring.profile_matrix(pack, include_hybrids=False)
    closeness = scoring.topsis(matrix, dict.fromkeys(pack.criterion_ids, 1.0))
    assert abs(closeness["pods"] - closeness["case_owner"]) > 0.01
    assert abs(closeness["tiered"] - closeness["swarming"]) > 0.01
    assert len(set(scoring.rank(closeness))) == len(closeness)


def test_neutral_context_changes_nothing(pack: ContentPack) -> None:
    """Every factor at its neutral point leaves the base profiles as they are."""
    np.testing.assert_array_equal(adjusted_matrix(pack, pack.neutral_context()), base_matrix(pack))


def test_context_moves_cells_in_the_modifiers_direction(pack: ContentPack) -> None:
    """A factor at its maximum adds its betas to the cells it modifies, at its minimum subtracts."""
    base = base_matrix(pack)
    for factor in pack.context_factors:
        shift = np.zeros_like(base)
        for m in factor.modifiers:
            shift[pack.option_ids.index(m.option), pack.criterion_ids.index(m.criterion)] += m.beta
        high = adjusted_matrix(pack, {factor.id: factor.maximum})
        low = adjusted_matrix(pack, {factor.id: factor.minimum})
        np.testing.assert_allclose(high, np.clip(base + shift, 1, 5))
        np.testing.assert_allclose(low, np.clip(base - shift, 1, 5))


def test_explain_cell_traces_every_shift(pack: ContentPack) -> None:
    """A cell's explanation lists the factors that moved it, adding up to the adjustment."""
    context = {f.id: f.maximum for f in pack.context_factors}
    adjusted = adjusted_matrix(pack, context)
    raw = base_matrix(pack)
    for i, option in enumerate(pack.option_ids):
        for j, criterion in enumerate(pack.criterion_ids):
            shifts = explain_cell(pack, context, option, criterion)
            unclamped = raw[i, j] + sum(s.points for s in shifts)
            assert adjusted[i, j] == pytest.approx(min(max(unclamped, 1.0), 5.0))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_hybrids_equal_pure_models_at_their_ends(pack: ContentPack, data: st.DataObject) -> None:
    """Blend hybrids equal option a at share 0 and b at share 1; pulls equal a at strength 0."""
    context = {
        f.id: data.draw(st.floats(f.minimum, f.maximum), label=f.id) for f in pack.context_factors
    }
    pure = adjusted_matrix(pack, context)
    for template in pack.hybrids:
        a = pure[pack.option_ids.index(template.a)]
        b = pure[pack.option_ids.index(template.b)]
        if template.kind == "blend":
            at_a = hybrid_profile(pack, template, pure, {"share": 0.0}, context)
            at_b = hybrid_profile(pack, template, pure, {"share": 1.0}, context)
            np.testing.assert_allclose(at_a, a)
            np.testing.assert_allclose(at_b, b)
        else:
            at_a = hybrid_profile(pack, template, pure, {"strength": 0.0}, context)
            np.testing.assert_allclose(at_a, a)


def test_coordination_costs_bite_in_the_middle(pack: ContentPack) -> None:
    """A half-and-half segment hybrid scores below the straight mix on coordination criteria."""
    template = pack.hybrid("segment")
    pure = adjusted_matrix(pack)
    middle = hybrid_profile(pack, template, pure, {"share": 0.5, "intensity": 1.0})
    a = pure[pack.option_ids.index(template.a)]
    b = pure[pack.option_ids.index(template.b)]
    for criterion in template.coordination_criteria:
        j = pack.criterion_ids.index(criterion)
        straight = 0.5 * a[j] + 0.5 * b[j]
        assert middle[j] == pytest.approx(max(straight - template.kappa, 1.0))


def test_parameters_outside_their_range_are_clamped(pack: ContentPack) -> None:
    """A share of 7 counts as the maximum 1, not as an extrapolation."""
    template = pack.hybrid("segment")
    pure = adjusted_matrix(pack)
    np.testing.assert_allclose(
        hybrid_profile(pack, template, pure, {"share": 7.0}),
        hybrid_profile(pack, template, pure, {"share": 1.0}),
    )


def test_scoring_model_scores_pure_and_hybrid_options(pack: ContentPack) -> None:
    """The app's fast path scores every pure and hybrid option and names a winner."""
    model = scoring.ScoringModel.build(pack)
    evaluation = model.evaluate(dict.fromkeys(pack.criterion_ids, 5))
    assert len(evaluation.ids) == len(pack.options) + len(pack.hybrids)
    assert evaluation.winner in evaluation.tied_winners
    np.testing.assert_allclose(evaluation.contributions.sum(axis=1), evaluation.wsm)
