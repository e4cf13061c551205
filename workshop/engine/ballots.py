"""What a participant may submit: weight sliders and hybrid parameters, checked before storing.

Weights are slider positions 0–10 per criterion (0 = "does not matter", 10 = "decisive"); they are
normalised to shares only when scored, so a participant never has to make them add up.

Resistance ratings (Systemisches Konsensieren) are 0–10 per option, 0 = "no resistance",
10 = "strongest resistance", for every option and the passive option :data:`STATUS_QUO`
("keep as today"); :func:`validate_resistance` checks them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from workshop.content import ContentPack
from workshop.errors import InvalidContext, InvalidInput, InvalidResistance

SLIDER_MIN = 0
SLIDER_MAX = 10
SLIDER_DEFAULT = 5

#: The option id of the passive option "keep as today" (Passivlösung) in resistance ratings.
STATUS_QUO = "status_quo"
RESISTANCE_MIN = 0
RESISTANCE_MAX = 10


class InvalidWeights(InvalidInput):
    """Weights that do not fit the criteria (unknown, missing, or off the 0–10 scale)."""

    code = "invalid_weights"
    message = "These weights do not fit the criteria."


class InvalidVote(InvalidInput):
    """A vote that does not fit the session's vote mode (details: ``reason``)."""

    code = "invalid_vote"
    message = "This vote is not valid."


def validate_weights(pack: ContentPack, raw: Mapping[str, Any]) -> dict[str, int]:
    """Slider positions for every criterion of the pack, as whole numbers 0–10."""
    criteria = pack.criterion_ids
    if not isinstance(raw, Mapping) or set(raw) != set(criteria):
        raise InvalidWeights("Give one weight for every criterion, and no others.")
    clean = {}
    for criterion in criteria:
        value = raw[criterion]
        if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
            raise InvalidWeights(f"The weight of {criterion} must be a whole number.")
        if not SLIDER_MIN <= value <= SLIDER_MAX:
            raise InvalidWeights(f"The weight of {criterion} must lie between 0 and 10.")
        clean[criterion] = int(value)
    return clean


def validate_resistance(ratings: object, option_ids: Sequence[str]) -> dict[str, int]:
    """One participant's resistance ratings: a whole number 0–10 for each option and STATUS_QUO.

    `ratings` must hold exactly the ids in `option_ids` plus :data:`STATUS_QUO`; a missing or
    unknown key, a bool, a fraction, NaN or a value off 0–10 raises :class:`InvalidResistance`.
    A float holding a whole number (``4.0``, as JSON may give it) counts as that number, as for
    weights.  Returns a fresh dict in the order ``option_ids`` + ``[STATUS_QUO]``.

    `option_ids` is the caller's (the pack's), so repeated ids or one equal to STATUS_QUO are a
    programming error and raise a plain ``ValueError``.
    """
    expected = [*option_ids, STATUS_QUO]
    if len(set(expected)) != len(expected):
        raise ValueError("Option ids must be distinct and must not include the status quo.")
    if not isinstance(ratings, Mapping):
        raise InvalidResistance("Resistance ratings must be an object.", reason="not_an_object")
    if set(ratings) != set(expected):
        raise InvalidResistance(
            "Rate every option and keeping things as today, and nothing else.",
            reason="options_differ",
        )
    return {option: _resistance_value(option, ratings[option]) for option in expected}


def _resistance_value(option: str, value: object) -> int:
    """`value` as a whole number 0–10, or :class:`InvalidResistance` naming `option`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidResistance(
            f"The resistance to {option} must be a number.", reason="not_a_number", option=option
        )
    if isinstance(value, float) and not value.is_integer():  # also NaN and ±inf
        raise InvalidResistance(
            f"The resistance to {option} must be a whole number.",
            reason="not_whole",
            option=option,
        )
    if not RESISTANCE_MIN <= value <= RESISTANCE_MAX:
        raise InvalidResistance(
            f"The resistance to {option} must lie between 0 and 10.",
            reason="out_of_range",
            option=option,
        )
    return int(value)


def validate_hybrid_params(
    pack: ContentPack, raw: Mapping[str, Any]
) -> dict[str, dict[str, float]]:
    """Hybrid parameters by hybrid id, each within its declared range."""
    if not isinstance(raw, Mapping):
        raise InvalidInput("Hybrid parameters must be an object.", field="hybrid_params")
    clean: dict[str, dict[str, float]] = {}
    for hybrid_id, values in raw.items():
        try:
            template = pack.hybrid(str(hybrid_id))
        except KeyError:
            raise InvalidInput(f"Unknown hybrid {hybrid_id!r}.", field="hybrid_params") from None
        if not isinstance(values, Mapping):
            raise InvalidInput("Hybrid parameters must be an object.", field="hybrid_params")
        clean[template.id] = {}
        for name, value in values.items():
            try:
                parameter = template.parameter(str(name))
            except KeyError:
                raise InvalidInput(f"Unknown parameter {name!r}.", field="hybrid_params") from None
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidInput(f"{name} must be a number.", field="hybrid_params")
            if not parameter.minimum <= value <= parameter.maximum:
                raise InvalidInput(f"{name} lies outside its range.", field="hybrid_params")
            if not on_step(value, parameter.minimum, parameter.step):
                raise InvalidInput(f"{name} is not on its slider's steps.", field="hybrid_params")
            clean[template.id][parameter.id] = float(value)
    return clean


def on_step(value: float, minimum: float, step: float) -> bool:
    """Whether `value` is one of a slider's positions minimum, minimum + step, …

    A slider cannot produce 0.3333 on a 0.05 grid; a client that sends it is not a slider.
    The tolerance absorbs binary fractions (0.45 / 0.05 = 8.999…).
    """
    if step <= 0:
        return True
    positions = (value - minimum) / step
    return abs(positions - round(positions)) < 1e-6


def validate_context(pack: ContentPack, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The facilitator's context of a round: factor values and hybrid parameters, each known,
    within its range and on its slider's steps."""
    if not isinstance(raw, Mapping) or not set(raw) <= {"factors", "hybrids"}:
        raise InvalidContext("The context holds factors and hybrid settings only.")
    factors = raw.get("factors", {})
    if not isinstance(factors, Mapping):
        raise InvalidContext("The context factors must be an object.")
    known = {f.id: f for f in pack.context_factors}
    clean_factors: dict[str, float] = {}
    for factor_id, value in factors.items():
        factor = known.get(str(factor_id))
        if factor is None:
            raise InvalidContext(f"Unknown context factor {factor_id!r}.")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidContext(f"{factor_id} must be a number.")
        if not factor.minimum <= value <= factor.maximum:
            raise InvalidContext(f"{factor_id} lies outside its range.")
        if not on_step(value, factor.minimum, factor.step):
            raise InvalidContext(f"{factor_id} is not on its slider's steps.")
        clean_factors[factor.id] = value
    clean: dict[str, Any] = {"factors": clean_factors} if "factors" in raw else {}
    if "hybrids" in raw:
        clean["hybrids"] = validate_hybrid_params(pack, raw["hybrids"])
    return clean
