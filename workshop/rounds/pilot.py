"""The pilot plan: which option the group tries next, with whom, for how long, measured how.

The results phase ends with a next step, not a verdict: the group agrees to pilot one option
(pure or hybrid) in one team for a few weeks, names what it will measure and when it will look
at the outcome together.  The store keeps the plan as a JSON object (``store.set_pilot``); this
module is the one place that decides what a valid plan is, for the console that writes it and
for every view that reads it back.

The stored shape (:meth:`PilotPlan.to_dict`)::

    {"option": "case_owner", "team": "Team Nord", "weeks": 8,
     "measures": ["fcr", "wellbeing"], "other_measures": "", "review_on": "2025-05-12"}

Rules (each refusal is an :class:`~workshop.errors.InvalidPilot` naming ``field`` and
``reason``):

* ``option`` — the id of one of the pack's pure or hybrid options;
* ``team`` — 1 to :data:`MAX_TEAM` characters of plain text on one line;
* ``weeks`` — a whole number from 1 to :data:`MAX_WEEKS`;
* ``measures`` — a subset of :data:`PILOT_MEASURES` (kept in that order, repeats dropped);
  together with ``other_measures`` at least one measure must be named;
* ``other_measures`` — up to :data:`MAX_OTHER_MEASURES` characters, line breaks allowed;
* ``review_on`` — the day of the review as ``YYYY-MM-DD``, or empty.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from workshop.content import ContentPack
from workshop.errors import InvalidPilot

#: What the pilot can be measured by: first-contact resolution, customer effort, the wellbeing
#: of the staff (the UI names them ``common.pilot_measure.<id>``).
PILOT_MEASURES = ("fcr", "effort", "wellbeing")
MAX_TEAM = 120
MAX_WEEKS = 52
MAX_OTHER_MEASURES = 300

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LINE_BREAKS = frozenset("\n\r\t")


@dataclass(frozen=True)
class PilotPlan:
    """A validated pilot plan; build it with :meth:`from_dict` (which checks every field)."""

    option: str
    team: str
    weeks: int
    measures: tuple[str, ...]
    other_measures: str = ""
    review_on: date | None = None

    def to_dict(self) -> dict[str, Any]:
        """The plan as the JSON object the store keeps (``review_on`` as ISO text or "")."""
        return {
            "option": self.option,
            "team": self.team,
            "weeks": self.weeks,
            "measures": list(self.measures),
            "other_measures": self.other_measures,
            "review_on": "" if self.review_on is None else self.review_on.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], pack: ContentPack) -> PilotPlan:
        """Check a plan (e.g. the console's form or the stored JSON) against `pack`.

        Unknown keys are ignored; ``measures``, ``other_measures`` and ``review_on`` may be
        missing.  Raises :class:`~workshop.errors.InvalidPilot` for the first field that does
        not fit.
        """
        if not isinstance(data, Mapping):
            raise InvalidPilot("A pilot plan must be an object.", field="plan", reason="type")
        measures = _measures(data.get("measures", ()))
        other = _text(data.get("other_measures", ""), "other_measures", MAX_OTHER_MEASURES, True)
        if not measures and not other:
            raise InvalidPilot("Name at least one measure.", field="measures", reason="empty")
        return cls(
            option=_option(data.get("option"), pack),
            team=_text(data.get("team"), "team", MAX_TEAM, False, required=True),
            weeks=_weeks(data.get("weeks")),
            measures=measures,
            other_measures=other,
            review_on=_review_on(data.get("review_on", "")),
        )


def validate_pilot(data: Mapping[str, Any], pack: ContentPack) -> dict[str, Any]:
    """Return the plan in its stored shape (normalised), or raise :class:`InvalidPilot`."""
    return PilotPlan.from_dict(data, pack).to_dict()


def stored_pilot(data: Mapping[str, Any] | None, pack: ContentPack) -> PilotPlan | None:
    """The stored plan, or None when there is none or it no longer fits the pack.

    For readers (the console's form, the wall, the phones): an old or damaged row must not
    break a page, it is simply not shown.
    """
    if not data:
        return None
    try:
        return PilotPlan.from_dict(data, pack)
    except InvalidPilot:
        return None


def pilot_options(pack: ContentPack) -> tuple[str, ...]:
    """The ids a pilot may try: the pure options, then the hybrids, in pack order."""
    return pack.all_option_ids


def _option(value: object, pack: ContentPack) -> str:
    if not isinstance(value, str) or value not in pilot_options(pack):
        raise InvalidPilot("Choose one of the pack's options.", field="option", reason="unknown")
    return value


def _text(value: object, field: str, limit: int, multiline: bool, *, required: bool = False) -> str:
    """Plain text, stripped: no control characters (line breaks only if `multiline`)."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidPilot(f"{field} must be text.", field=field, reason="type")
    text = value.strip()
    allowed = _LINE_BREAKS if multiline else frozenset()
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text):
        raise InvalidPilot(f"{field} holds control characters.", field=field, reason="chars")
    if len(text) > limit:
        raise InvalidPilot(f"{field} is too long.", field=field, reason="too_long", limit=limit)
    if required and not text:
        raise InvalidPilot(f"{field} must not be empty.", field=field, reason="empty")
    return text


def _weeks(value: object) -> int:
    # A float from a number widget or JSON is fine if it is whole; a bool is not a number.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidPilot("weeks must be a whole number.", field="weeks", reason="type")
    if not 1 <= value <= MAX_WEEKS:
        raise InvalidPilot("weeks must be 1 to 52.", field="weeks", reason="range")
    return value


def _measures(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise InvalidPilot("measures must be a list.", field="measures", reason="type")
    unknown = [m for m in value if m not in PILOT_MEASURES]
    if unknown:
        raise InvalidPilot("Unknown measure.", field="measures", reason="unknown")
    return tuple(m for m in PILOT_MEASURES if m in value)


def _review_on(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        # A datetime is a date too; the plan keeps the day only.
        return date(value.year, value.month, value.day)
    # fromisoformat alone also takes "20250512" and week dates; the plan keeps one spelling.
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidPilot("review_on must be a date (YYYY-MM-DD).", field="review_on", reason="date")
