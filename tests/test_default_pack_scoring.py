"""The default pack scored: the research's check values, context effects and hybrid end points."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop import scoring
from workshop.content import ContentPack
from workshop.context import adjusted_matrix, base_matrix, explain_cell
from workshop.hybrids import hybrid_profile
from workshop.packs import default_pack


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return default_pack()


def test_equal_weights_reproduce_the_research_check(pack: ContentPack) -> None:
    """domain.md's check: pods .679 = swarming .679 > case .554 > tiered .536 > F/B .50 > .43."""
    matrix = scoring.profile_matrix(pack, include_hybrids=False)
    scores = scoring.weighted_sum(matrix, dict.fromkeys(pack.criterion_ids, 1.0), scale=(1, 5))
    assert scores.round(3).to_dict() == {
        "tiered": 0.536,
        "case_owner": 0.554,
        "dedicated": 0.429,
        "pods": 0.679,
        "swarming": 0.679,
        "front_back": 0.5,
    }
    ranks = scoring.rank(scores)
    assert ranks["pods"] == ranks["swarming"] == 1  # a tie shares first place


def test_topsis_separates_the_tie(pack: ContentPack) -> None:
    """domain.md: TOPSIS separates what the weighted sum ties (pods .68 ahead of swarming .63)."""
    matrix = scoring.profile_matrix(pack, include_hybrids=False)
    closeness = scoring.topsis(matrix, dict.fromkeys(pack.criterion_ids, 1.0))
    assert closeness["pods"] == pytest.approx(0.68, abs=0.005)
    assert closeness["swarming"] == pytest.approx(0.63, abs=0.005)
    assert scoring.rank(closeness)["pods"] == 1


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
            np.testing.assert_allclose(hybrid_profile(pack, template, pure, {"share": 0.0}), a)
            np.testing.assert_allclose(hybrid_profile(pack, template, pure, {"share": 1.0}), b)
        else:
            np.testing.assert_allclose(hybrid_profile(pack, template, pure, {"strength": 0.0}), a)


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
