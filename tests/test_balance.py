"""The balance report's numbers: random workshops, win shares, leanings and situations.

Small samples only (n of a few hundred), and no balance targets for the default pack: its
content is still being rewritten, so these tests check the method, not the content.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from workshop import default_pack
from workshop.content import (
    ContentPack,
    ContextFactor,
    Criterion,
    HybridTemplate,
    Modifier,
    Option,
    Parameter,
    ProfileValue,
    Scenario,
    Text,
)
from workshop.engine.balance import (
    WinShares,
    criterion_leanings,
    random_workshops,
    situation_shares,
    win_shares,
)

N = 300


def text(value: str) -> Text:
    return Text(value, value)


def option(option_id: str, fast: float, cheap: float) -> Option:
    profile = {"fast": ProfileValue(fast, text("")), "cheap": ProfileValue(cheap, text(""))}
    return Option(option_id, text(option_id), text(""), profile)


def criterion(criterion_id: str) -> Criterion:
    return Criterion(criterion_id, text(criterion_id), text(""), text("low"), text("high"))


def tiny_pack(scenarios: tuple[Scenario, ...] = ()) -> ContentPack:
    """Two criteria; `quick` is best on speed, `lean` on cost, `slow` never wins.

    The factor `rush` at its maximum lifts `lean` to the top on speed too (so `lean` then wins
    every workshop); at its neutral point (the minimum) it changes nothing.  The hybrid `mix` is
    `quick` with its cost pulled toward `lean`'s by its strength: at strength 0 it is `quick`.
    """
    rush = ContextFactor(
        "rush",
        text("rush"),
        text(""),
        text("calm"),
        text("rushed"),
        minimum=0.0,
        maximum=10.0,
        neutral=0.0,
        step=1.0,
        modifiers=(Modifier("lean", "fast", 4.0, text("")),),
    )
    mix = HybridTemplate(
        "mix",
        text("mix"),
        text(""),
        kind="pull",
        a="quick",
        b="lean",
        parameters=(Parameter("strength", text("s"), text(""), 0.0, 1.0, 0.5, 0.1),),
        pulls={"cheap": 1.0},
    )
    return ContentPack(
        id="tiny",
        version="1",
        name=text("tiny"),
        description=text(""),
        criteria=(criterion("fast"), criterion("cheap")),
        options=(option("quick", 5.0, 1.0), option("lean", 1.0, 5.0), option("slow", 1.0, 1.0)),
        context_factors=(rush,),
        hybrids=(mix,),
        scenarios=scenarios,
    )


def situation(
    context: dict[str, float], hybrids: dict[str, dict[str, float]] | None = None
) -> SimpleNamespace:
    return SimpleNamespace(context=context, hybrids=hybrids or {})


def test_shares_cover_every_option_and_sum_to_one() -> None:
    pack = default_pack()
    result = win_shares(pack, n=N, seed=3)
    ids = [*pack.option_ids, *(h.id for h in pack.hybrids)]
    assert result.n == N
    for shares in (result.wsm, result.topsis):
        assert list(shares) == ids  # all of them, zeros included, in model order
        assert sum(shares.values()) == pytest.approx(1.0)
        assert all(0.0 <= share <= 1.0 for share in shares.values())


def test_the_same_seed_gives_the_same_result_and_another_seed_other_draws() -> None:
    pack = default_pack()
    assert win_shares(pack, n=N, seed=7) == win_shares(pack, n=N, seed=7)
    first = random_workshops(pack, 5, seed=7)
    again = random_workshops(pack, 5, seed=7)
    other = random_workshops(pack, 5, seed=8)
    assert [d.context for d in first] == [d.context for d in again]
    assert [d.context for d in first] != [d.context for d in other]


def test_draws_stay_in_range_and_weights_sum_to_one() -> None:
    pack = default_pack()
    for draw in random_workshops(pack, N, seed=2):
        assert set(draw.context) == {f.id for f in pack.context_factors}
        for factor in pack.context_factors:
            assert factor.minimum <= draw.context[factor.id] <= factor.maximum
        for hybrid in pack.hybrids:
            for p in hybrid.parameters:
                assert p.minimum <= draw.hybrids[hybrid.id][p.id] <= p.maximum
        assert draw.weights.shape == (len(pack.criteria),)
        assert np.all(draw.weights >= 0.0)
        assert draw.weights.sum() == pytest.approx(1.0)


def test_a_situation_fixes_what_it_names_and_draws_the_rest() -> None:
    pack = default_pack()
    first, second = pack.context_factors[0], pack.context_factors[1]
    hybrid = pack.hybrids[0]
    parameter = hybrid.parameters[0]
    fixed = SimpleNamespace(
        context={first.id: first.maximum}, hybrids={hybrid.id: {parameter.id: parameter.minimum}}
    )
    draws = random_workshops(pack, N, seed=4, situation=fixed)
    assert all(d.context[first.id] == first.maximum for d in draws)
    assert all(d.hybrids[hybrid.id][parameter.id] == parameter.minimum for d in draws)
    assert len({d.context[second.id] for d in draws}) == N  # still drawn
    # The same seed gives the same priorities with and without the situation.
    free = random_workshops(pack, N, seed=4)
    assert all(np.array_equal(a.weights, b.weights) for a, b in zip(draws, free, strict=True))


def test_a_tiny_pack_gives_the_known_outcome() -> None:
    """Outcomes that follow from the profiles alone, ties going to the first in pack order."""
    pack = tiny_pack()
    # `slow` (1, 1) is dominated by everything; a mix of strength > 0 dominates `quick`.
    free = win_shares(pack, n=N, seed=5)
    assert free.wsm["slow"] == free.topsis["slow"] == 0.0
    assert free.wsm["quick"] == 0.0
    rushed = win_shares(pack, n=N, seed=5, situation=situation({"rush": 10.0}))
    assert rushed.wsm["lean"] == 1.0  # (5, 5): it beats or (mix at strength 1) ties everything
    # Calm, with the mix equal to `quick`: `quick` (5, 1) wins when speed weighs more than cost,
    # `lean` (1, 5) otherwise; with Dirichlet(1, 1) priorities that is about half the time each.
    calm = win_shares(
        pack, n=N, seed=5, situation=situation({"rush": 0.0}, {"mix": {"strength": 0}})
    )
    assert calm.wsm["mix"] == 0.0  # tied with `quick`, which comes first
    assert calm.wsm["quick"] == pytest.approx(0.5, abs=0.1)
    assert calm.wsm["quick"] + calm.wsm["lean"] == pytest.approx(1.0)


def test_leanings_follow_the_criterion_weight() -> None:
    leanings = criterion_leanings(tiny_pack(scenarios=()), n=N, seed=6)
    assert set(leanings) == {"fast", "cheap"}
    assert leanings["cheap"][0][0] == "lean"  # a high cost weight favours the cheap option
    for favoured in leanings.values():
        shares = [share for _, share in favoured]
        assert len(favoured) <= 3
        assert shares == sorted(shares, reverse=True)
        assert all(share > 0.0 for share in shares)


def test_situation_shares_cover_each_scenario_and_none_without_them() -> None:
    scenarios = (
        Scenario("rushed", text("Rushed"), text(""), {"rush": 10.0}),
        Scenario("calm", text("Calm"), text(""), {"rush": 0.0}),
    )
    shares = situation_shares(tiny_pack(scenarios), n=N, seed=1)
    assert list(shares) == ["rushed", "calm"]
    assert all(isinstance(result, WinShares) for result in shares.values())
    assert shares["rushed"].wsm["lean"] == 1.0
    assert situation_shares(tiny_pack(), n=10, seed=1) == {}  # a pack without situations


def test_no_workshops_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        random_workshops(default_pack(), 0, seed=1)
