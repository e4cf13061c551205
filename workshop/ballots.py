"""What a participant may submit: weight sliders and hybrid parameters, checked before storing.

Weights are slider positions 0–10 per criterion (0 = "does not matter", 10 = "decisive"); they are
normalised to shares only when scored, so a participant never has to make them add up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workshop.content import ContentPack
from workshop.errors import InvalidInput

SLIDER_MIN = 0
SLIDER_MAX = 10
SLIDER_DEFAULT = 5


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
            clean[template.id][parameter.id] = float(value)
    return clean
