"""The hybrid mechanism: work split along a factor, value-following criteria, routing costs.

These tests build their templates from the default pack's options and factors but set the
mechanism's fields themselves, so they test the formulas, not the pack's current numbers.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.content import ContentPack, HybridTemplate, Parameter, Text
from workshop.engine.context import adjusted_matrix
from workshop.engine.hybrids import contact_share, hybrid_profile, value_share
from workshop.packs import default_pack

PACK = default_pack()
NAME = Text(de="Test", en="Test")


def parameter(pid: str, low: float, high: float, default: float) -> Parameter:
    return Parameter(pid, NAME, NAME, low, high, default, 0.05)


def split_template(**fields: object) -> HybridTemplate:
    """Tiered for the known issues, swarming for the new ones (split along complexity)."""
    base = HybridTemplate(
        id="split",
        name=NAME,
        summary=NAME,
        kind="blend",
        a="tiered",
        b="swarming",
        parameters=(parameter("share", 0.0, 1.0, 0.3),),
        kappa=0.25,
        coordination_criteria=("CON", "ACC"),
        split_by="complexity",
    )
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]


def with_hybrids(*templates: HybridTemplate) -> ContentPack:
    return dataclasses.replace(PACK, hybrids=templates)


contexts = st.fixed_dictionaries(
    {f.id: st.floats(f.minimum, f.maximum) for f in PACK.context_factors}
)


@settings(max_examples=60, deadline=None)
@given(contexts)
def test_a_split_equals_its_parents_at_the_ends(context: dict[str, float]) -> None:
    """Share 0 is option a, share 1 is option b, under any context."""
    template = split_template()
    pack = with_hybrids(template)
    pure = adjusted_matrix(pack, context)
    a = pure[pack.option_ids.index("tiered")]
    b = pure[pack.option_ids.index("swarming")]
    np.testing.assert_allclose(hybrid_profile(pack, template, pure, {"share": 0.0}, context), a)
    np.testing.assert_allclose(hybrid_profile(pack, template, pure, {"share": 1.0}, context), b)


def test_each_part_is_scored_under_the_work_it_receives() -> None:
    """30 % new issues, 30 % to the swarm: tiers see only known issues, the swarm only new ones."""
    template = split_template(kappa=0.0)
    pack = with_hybrids(template)
    factor = pack.context_factor("complexity")
    share = (30.0 - factor.minimum) / (factor.maximum - factor.minimum)
    context = {"complexity": 30.0}
    pure = adjusted_matrix(pack, context)
    tiers = adjusted_matrix(pack, {"complexity": factor.minimum})[pack.option_ids.index("tiered")]
    swarm = adjusted_matrix(pack, {"complexity": factor.maximum})[pack.option_ids.index("swarming")]
    expected = np.clip((1 - share) * tiers + share * swarm, 1, 5)
    row = hybrid_profile(pack, template, pure, {"share": share}, context)
    np.testing.assert_allclose(row, expected)


def test_a_swarm_larger_than_the_new_work_also_gets_known_issues() -> None:
    """Share above the factor's position: the swarm's part is a mix, the tiers' all known."""
    template = split_template(kappa=0.0)
    pack = with_hybrids(template)
    context = {"complexity": 20.0}
    pure = adjusted_matrix(pack, context)
    swarm_part = adjusted_matrix(pack, {"complexity": 40.0})[pack.option_ids.index("swarming")]
    tiers_part = adjusted_matrix(pack, {"complexity": 0.0})[pack.option_ids.index("tiered")]
    row = hybrid_profile(pack, template, pure, {"share": 0.5}, context)
    np.testing.assert_allclose(row, np.clip(0.5 * tiers_part + 0.5 * swarm_part, 1, 5))


def test_the_coordination_cost_is_largest_in_the_middle() -> None:
    """κ·4q(1 − q) on the coordination criteria only: 0.25 points at an even split."""
    with_cost, without = split_template(), split_template(kappa=0.0)
    pack = with_hybrids(with_cost)
    context = {"complexity": 50.0}
    pure = adjusted_matrix(pack, context)
    gap = hybrid_profile(pack, without, pure, {"share": 0.5}, context) - hybrid_profile(
        pack, with_cost, pure, {"share": 0.5}, context
    )
    coordination = [pack.criterion_ids.index(c) for c in ("CON", "ACC")]
    others = [k for k in range(len(pack.criteria)) if k not in coordination]
    # Both parents sit well above 1 on CON and ACC here, so the clamp absorbs nothing.
    assert gap[coordination] == pytest.approx([0.25, 0.25], abs=1e-9)
    assert np.allclose(gap[others], 0.0)


@pytest.mark.parametrize("concentration", [0.3, 0.5, 0.8, 0.95])
def test_value_share_passes_through_the_top_tenth(concentration: float) -> None:
    """The top 10 % of customers hold exactly the stated revenue share; ends are 0 and 1."""
    assert value_share(0.1, concentration) == pytest.approx(concentration)
    assert value_share(0.0, concentration) == 0.0
    assert value_share(1.0, concentration) == pytest.approx(1.0)
    shares = [value_share(t, concentration) for t in np.linspace(0.01, 1, 50)]
    assert all(b >= a for a, b in itertools.pairwise(shares))
    assert all(v >= t for v, t in zip(shares, np.linspace(0.01, 1, 50), strict=True))


def test_value_share_equals_the_customer_share_without_concentration() -> None:
    """At or below 10 % of revenue in the top tenth, value is spread like customers."""
    assert value_share(0.35, 0.1) == pytest.approx(0.35)
    assert value_share(0.35, 0.05) == pytest.approx(0.35)


def test_value_criteria_follow_value_and_the_rest_follow_contacts() -> None:
    """Key accounts: relationship mixes by value share, cost by contact share."""
    template = HybridTemplate(
        id="seg",
        name=NAME,
        summary=NAME,
        kind="blend",
        a="case_owner",
        b="dedicated",
        parameters=(parameter("share", 0, 1, 0.2), parameter("intensity", 1, 5, 2)),
        value_criteria=("REL",),
        value_factor="value_concentration",
    )
    pack = with_hybrids(template)
    context = {"value_concentration": 80.0}
    pure = adjusted_matrix(pack, context)
    a, b = (pure[pack.option_ids.index(o)] for o in ("case_owner", "dedicated"))
    row = hybrid_profile(pack, template, pure, {"share": 0.2, "intensity": 2.0}, context)
    rel, cst = pack.criterion_ids.index("REL"), pack.criterion_ids.index("CST")
    v, q = value_share(0.2, 0.8), contact_share(0.2, 2.0)
    assert row[rel] == pytest.approx((1 - v) * a[rel] + v * b[rel])
    assert row[cst] == pytest.approx((1 - q) * a[cst] + q * b[cst])
    assert v == pytest.approx(0.2 ** (np.log(0.8) / np.log(0.1))) and q == pytest.approx(1 / 3)
    assert v > 0.8  # a fifth of the customers holds more than the top tenth's 80 %


def test_routing_to_a_known_agent_costs_waiting_and_cover() -> None:
    """A pull hybrid loses cost·ρ points on its cost criteria; at ρ = 0 it is option a."""
    template = HybridTemplate(
        id="aff",
        name=NAME,
        summary=NAME,
        kind="pull",
        a="case_owner",
        b="dedicated",
        parameters=(parameter("strength", 0, 1, 0.6),),
        pulls={"REL": 1.0},
        costs={"SPD": 0.5},
    )
    pack = with_hybrids(template)
    pure = adjusted_matrix(pack)
    a, b = (pure[pack.option_ids.index(o)] for o in ("case_owner", "dedicated"))
    np.testing.assert_allclose(hybrid_profile(pack, template, pure, {"strength": 0.0}), a)
    row = hybrid_profile(pack, template, pure, {"strength": 0.6})
    spd, rel = pack.criterion_ids.index("SPD"), pack.criterion_ids.index("REL")
    assert row[spd] == pytest.approx(max(a[spd] - 0.3, 1.0))
    assert row[rel] == pytest.approx(a[rel] + 0.6 * (b[rel] - a[rel]))
