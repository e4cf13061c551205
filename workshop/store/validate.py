"""Input checks the store makes before it writes anything (pure functions, no database).

The domain layer validates meaning (does this option exist, is this vote within the budget);
the store validates shape and size, so that nothing malformed or oversized is ever stored.
Each check raises :class:`workshop.errors.InvalidInput` naming the field.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Mapping
from typing import Any

from workshop.errors import InvalidInput
from workshop.store.records import COMMENT_TARGETS, JsonObject

MAX_TITLE = 200
MAX_NICKNAME = 40
MAX_TEXT = 2000
MAX_NOTE = 20_000
MAX_ANSWER = 1000
#: The earlier workshop's results: rankings and tallies of a few rounds, far below this.
MAX_EARLIER_BYTES = 512 * 1024
MAX_TARGET_ID = 64
MAX_WEIGHT_KEYS = 200
MAX_PAYLOAD_BYTES = 64 * 1024
MAX_PACK_BYTES = 4 * 1024 * 1024
MAX_JSON_DEPTH = 32
MAX_TTL_DAYS = 3650

_LINE_BREAKS = frozenset("\n\r\t")


def _has_control_characters(text: str, multiline: bool) -> bool:
    """Tell whether `text` holds control characters (line breaks allowed if multiline)."""
    allowed = _LINE_BREAKS if multiline else frozenset()
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)


def clean_text(
    value: object, field: str, max_length: int, *, multiline: bool = False, required: bool = True
) -> str:
    """Return `value` stripped; refuse non-text, control characters, overlong or missing text."""
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be text.", field=field, reason="type")
    text = value.strip()
    if _has_control_characters(text, multiline):
        raise InvalidInput(
            f"{field} contains characters that are not allowed.", field=field, reason="chars"
        )
    if len(text) > max_length:
        raise InvalidInput(
            f"{field} may be at most {max_length} characters long.",
            field=field,
            reason="too_long",
            limit=max_length,
        )
    if required and not text:
        raise InvalidInput(f"{field} must not be empty.", field=field, reason="empty")
    return text


def clean_nickname(value: object) -> str | None:
    """Return a stripped nickname with inner whitespace collapsed, or None for no nickname."""
    if value is None:
        return None
    text = clean_text(value, "nickname", MAX_NICKNAME, required=False)
    return " ".join(text.split()) or None


def clean_choice(value: object, field: str, choices: tuple[str, ...]) -> str:
    """Return `value` if it is one of `choices`."""
    if not isinstance(value, str) or value not in choices:
        raise InvalidInput(
            f"{field} must be one of: {', '.join(choices)}.", field=field, reason="choice"
        )
    return value


def _check_json_value(value: object, field: str, depth: int) -> None:
    """Refuse anything that would not survive a JSON round trip unchanged."""
    if depth > MAX_JSON_DEPTH:
        raise InvalidInput(f"{field} is nested too deeply.", field=field, reason="depth")
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInput(f"{field} holds a number that is not finite.", field=field)
        return
    if isinstance(value, list | tuple):
        for item in value:
            _check_json_value(item, field, depth + 1)
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            # json.dumps would silently turn 1 into "1": refuse instead of changing the data.
            if not isinstance(key, str):
                raise InvalidInput(f"{field} has a key that is not text.", field=field)
            _check_json_value(item, field, depth + 1)
        return
    raise InvalidInput(f"{field} holds a value that cannot be stored.", field=field)


def json_object_text(value: object, field: str, max_bytes: int = MAX_PAYLOAD_BYTES) -> str:
    """Serialise a JSON object (a dict with text keys) for storage; refuse anything else."""
    if not isinstance(value, Mapping):
        raise InvalidInput(f"{field} must be a JSON object.", field=field, reason="type")
    _check_json_value(value, field, 0)
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    if len(text.encode("utf-8")) > max_bytes:
        raise InvalidInput(
            f"{field} is too large.", field=field, reason="too_large", limit=max_bytes
        )
    return text


def load_json_object(text: str) -> JsonObject:
    """Parse a stored JSON object (written by `json_object_text`, so it is trusted)."""
    value: Any = json.loads(text)
    assert isinstance(value, dict), "stored JSON must be an object"
    return value


def clean_weights(weights: object, field: str = "weights") -> dict[str, float]:
    """Return the weights as ``{criterion_id: number}``; refuse non-finite or non-numeric values.

    A whole number stays an ``int`` (slider positions are, from the phone to the export: the
    JSON export writes ``5``, not ``5.0``); the store itself knows no pack, so it keeps any
    other finite number as the float it is and leaves the 0–10 rule to the domain.  Resistance
    ratings (``field="ratings"``, option id to 0–10) have the same shape.
    """
    if not isinstance(weights, Mapping) or not weights:
        raise InvalidInput(f"{field} must be a non-empty mapping.", field=field, reason="type")
    if len(weights) > MAX_WEIGHT_KEYS:
        raise InvalidInput(f"There are too many {field}.", field=field, reason="too_large")
    cleaned: dict[str, float] = {}
    for key, value in weights.items():
        if not isinstance(key, str) or not key or len(key) > MAX_TARGET_ID:
            raise InvalidInput(f"An entry of {field} has an invalid id.", field=field)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise InvalidInput(f"Every entry of {field} must be a finite number.", field=field)
        cleaned[key] = int(value) if float(value).is_integer() else float(value)
    return cleaned


def clean_target(target_kind: object, target_id: object) -> tuple[str, str]:
    """Return ``(kind, id)`` of a comment target; a general comment has the id ""."""
    kind = clean_choice(target_kind, "target_kind", COMMENT_TARGETS)
    if kind == "general":
        if target_id not in (None, ""):
            raise InvalidInput("A general comment has no target id.", field="target_id")
        return kind, ""
    return kind, clean_text(target_id, "target_id", MAX_TARGET_ID)


def clean_ttl_days(ttl_days: object) -> float:
    """Return a positive number of days a session lives (at most MAX_TTL_DAYS)."""
    if (
        isinstance(ttl_days, int | float)
        and not isinstance(ttl_days, bool)
        and 0 < ttl_days <= MAX_TTL_DAYS
    ):
        return float(ttl_days)
    raise InvalidInput(
        f"A session lives for more than 0 and at most {MAX_TTL_DAYS} days.", field="ttl_days"
    )
