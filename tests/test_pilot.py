"""The pilot plan (workshop.rounds.pilot): what a valid plan is, its round trip, every refusal."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.engine.ballots import STATUS_QUO
from workshop.errors import InvalidInput, InvalidPilot
from workshop.packs import default_pack
from workshop.rounds.pilot import (
    MAX_OTHER_MEASURES,
    MAX_TEAM,
    PILOT_MEASURES,
    PilotPlan,
    pilot_options,
    stored_pilot,
    validate_pilot,
)
from workshop.rounds.resistance import rated_options

PACK = default_pack()
OPTIONS = pilot_options(PACK)


def plan(**changes: Any) -> dict[str, Any]:
    """A valid plan with `changes` applied (a value of `...` drops the key)."""
    data: dict[str, Any] = {
        "option": "case_owner",
        "team": "Team Nord",
        "weeks": 8,
        "measures": ["fcr", "wellbeing"],
        "other_measures": "",
        "review_on": "2025-05-12",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


def test_options_are_the_pure_ones_then_the_hybrids() -> None:
    assert rated_options(PACK) == OPTIONS  # the same options the resistance round rates
    assert OPTIONS[: len(PACK.option_ids)] == PACK.option_ids
    assert STATUS_QUO not in OPTIONS


def test_a_valid_plan_is_kept_as_given() -> None:
    assert validate_pilot(plan(), PACK) == plan()
    parsed = PilotPlan.from_dict(plan(), PACK)
    assert parsed.review_on == date(2025, 5, 12)
    assert parsed.measures == ("fcr", "wellbeing")


def test_normalised_shape() -> None:
    """Text stripped, measures in their fixed order without repeats, optional keys filled."""
    data = plan(
        team="  Team Süd ",
        measures=["wellbeing", "fcr", "fcr"],
        weeks=6.0,
        other_measures=...,
        review_on=...,
    )
    assert validate_pilot(data, PACK) == {
        "option": "case_owner",
        "team": "Team Süd",
        "weeks": 6,
        "measures": ["fcr", "wellbeing"],
        "other_measures": "",
        "review_on": "",
    }


def test_a_date_object_and_a_hybrid_are_accepted() -> None:
    data = plan(option="tiered_swarm", review_on=datetime(2025, 6, 1, 9, 30))
    assert validate_pilot(data, PACK)["review_on"] == "2025-06-01"
    assert validate_pilot(plan(review_on=date(2025, 6, 1)), PACK)["review_on"] == "2025-06-01"


def test_other_measures_alone_suffice() -> None:
    data = plan(measures=[], other_measures="Krankheitstage\nBeschwerden")
    assert validate_pilot(data, PACK)["other_measures"] == "Krankheitstage\nBeschwerden"


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=MAX_TEAM,
)


@given(
    option=st.sampled_from(OPTIONS),
    team=texts,
    weeks=st.integers(1, 52),
    measures=st.lists(st.sampled_from(PILOT_MEASURES), unique=True, min_size=1),
    other=st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
        max_size=MAX_OTHER_MEASURES,
    ),
    review_on=st.none() | st.dates(date(2000, 1, 1), date(2100, 12, 31)),
)
def test_round_trip(
    option: str,
    team: str,
    weeks: int,
    measures: list[str],
    other: str,
    review_on: date | None,
) -> None:
    """A plan written to its stored shape reads back as the same plan."""
    ordered = tuple(m for m in PILOT_MEASURES if m in measures)
    original = PilotPlan(option, team, weeks, ordered, other, review_on)
    stored = original.to_dict()
    assert PilotPlan.from_dict(stored, PACK) == original
    assert validate_pilot(stored, PACK) == stored


REFUSALS: list[tuple[dict[str, Any], str, str]] = [
    (plan(option="nope"), "option", "unknown"),
    (plan(option=STATUS_QUO), "option", "unknown"),
    (plan(option=...), "option", "unknown"),
    (plan(option=["case_owner"]), "option", "unknown"),
    (plan(team=""), "team", "empty"),
    (plan(team="   "), "team", "empty"),
    (plan(team=...), "team", "type"),
    (plan(team=12), "team", "type"),
    (plan(team="x" * (MAX_TEAM + 1)), "team", "too_long"),
    (plan(team="Team\nNord"), "team", "chars"),
    (plan(team="Team\x00Nord"), "team", "chars"),
    (plan(weeks=0), "weeks", "range"),
    (plan(weeks=53), "weeks", "range"),
    (plan(weeks=-1), "weeks", "range"),
    (plan(weeks=2.5), "weeks", "type"),
    (plan(weeks=True), "weeks", "type"),
    (plan(weeks="8"), "weeks", "type"),
    (plan(weeks=...), "weeks", "type"),
    (plan(weeks=float("nan")), "weeks", "type"),
    (plan(measures=["speed"]), "measures", "unknown"),
    (plan(measures="fcr"), "measures", "type"),
    (plan(measures=[], other_measures=""), "measures", "empty"),
    (plan(measures=..., other_measures="  "), "measures", "empty"),
    (plan(other_measures="x" * (MAX_OTHER_MEASURES + 1)), "other_measures", "too_long"),
    (plan(other_measures="a\x07b"), "other_measures", "chars"),
    (plan(other_measures=3), "other_measures", "type"),
    (plan(review_on="12.05.2025"), "review_on", "date"),
    (plan(review_on="20250512"), "review_on", "date"),
    (plan(review_on="2025-02-30"), "review_on", "date"),
    (plan(review_on=20250512), "review_on", "date"),
]


@pytest.mark.parametrize(("data", "field", "reason"), REFUSALS)
def test_refusals(data: dict[str, Any], field: str, reason: str) -> None:
    """Each rule refuses with a translated error naming the field and the reason."""
    with pytest.raises(InvalidPilot) as caught:
        validate_pilot(data, PACK)
    assert caught.value.code == "invalid_pilot"
    assert (caught.value.details["field"], caught.value.details["reason"]) == (field, reason)
    assert isinstance(caught.value, InvalidInput)
    assert stored_pilot(data, PACK) is None


def test_not_an_object() -> None:
    with pytest.raises(InvalidPilot):
        PilotPlan.from_dict(["case_owner"], PACK)  # type: ignore[arg-type]


def test_stored_pilot_reads_defensively() -> None:
    assert stored_pilot(None, PACK) is None
    assert stored_pilot({}, PACK) is None
    assert stored_pilot(plan(), PACK) == PilotPlan.from_dict(plan(), PACK)
