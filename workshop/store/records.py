"""What the store returns: plain frozen dataclasses with no SQLAlchemy in them.

The UI, the exports and the group aggregates use these directly.  JSON payloads (the content
pack, weights, votes, event payloads) come back as fresh dicts on every read, so changing one
never changes the store or another caller's copy.  Secrets (facilitator key, participant token)
are left out of ``repr`` so a log line never shows them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from workshop.errors import InvalidSettings

JsonObject = dict[str, Any]

PHASES: tuple[str, ...] = (
    "welcome",
    "weigh",
    "context",
    "options",
    "vote",
    "resistance",
    "results",
)
INPUT_KINDS: tuple[str, ...] = ("weights", "votes", "resistance", "comments", "concerns")
VOTE_MODES: tuple[str, ...] = ("single", "dots", "ranking")
COMMENT_TARGETS: tuple[str, ...] = ("option", "criterion", "general")
CONCERN_KINDS: tuple[str, ...] = ("concern", "question")
# What the facilitator made of a concern: still open, answered (with a short answer), parked
# for the pilot, or out of scope for this workshop.
CONCERN_STATUSES: tuple[str, ...] = ("open", "answered", "parked", "out_of_scope")
LANGUAGES: tuple[str, ...] = ("de", "en")

MIN_ANONYMITY_THRESHOLD = 3
MAX_ANONYMITY_THRESHOLD = 1000
DOT_BUDGET_RANGE = (1, 20)
MAX_ROLE_GROUPS = 12
MAX_ROLE_GROUP_LENGTH = 40
MAX_SPOTLIGHT_LENGTH = 64


def _whole_number(name: str, value: object, low: int, high: int) -> int:
    """Return `value` if it is an int in [low, high]; raise InvalidSettings naming the field."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidSettings(
            f"The setting {name} must be a whole number from {low} to {high}.",
            field=name,
            low=low,
            high=high,
        )
    return value


def _role_groups(value: object) -> tuple[str, ...]:
    """Strip the facilitator's role group names; refuse empty, overlong or duplicate names."""
    if isinstance(value, str) or not isinstance(value, tuple | list):
        raise InvalidSettings("Role groups must be a list of names.", field="role_groups")
    names = tuple(name.strip() if isinstance(name, str) else "" for name in value)
    too_long = any(len(name) > MAX_ROLE_GROUP_LENGTH for name in names)
    duplicates = len({name.casefold() for name in names}) != len(names)
    if len(names) > MAX_ROLE_GROUPS or "" in names or too_long or duplicates:
        raise InvalidSettings(
            f"Give at most {MAX_ROLE_GROUPS} different, non-empty role group names "
            f"of up to {MAX_ROLE_GROUP_LENGTH} characters.",
            field="role_groups",
        )
    return names


@dataclass(frozen=True)
class SessionSettings:
    """The facilitator's choices for a session; validated on construction.

    ``anonymity_threshold``: group results are shown only from this many participants on
    (never below 3).  ``vote_mode``: "single", "dots" (``dot_budget`` dots, at most
    ``dot_cap_per_option`` on one option) or "ranking".  ``role_groups``: the groups
    participants may say they belong to, e.g. ("Service", "Vertrieb", "IT").  ``spotlight``:
    the option (pure or hybrid id) whose "what changes for me" texts the wall shows as
    discussion material, "" for none; the page checks it is one of the pack's options.
    """

    anonymity_threshold: int = 5
    vote_mode: str = "dots"
    dot_budget: int = 5
    dot_cap_per_option: int = 3
    role_groups: tuple[str, ...] = ()
    spotlight: str = ""

    def __post_init__(self) -> None:
        _whole_number(
            "anonymity_threshold",
            self.anonymity_threshold,
            MIN_ANONYMITY_THRESHOLD,
            MAX_ANONYMITY_THRESHOLD,
        )
        if self.vote_mode not in VOTE_MODES:
            raise InvalidSettings(
                "The vote mode must be single, dots or ranking.", field="vote_mode"
            )
        budget = _whole_number("dot_budget", self.dot_budget, *DOT_BUDGET_RANGE)
        _whole_number("dot_cap_per_option", self.dot_cap_per_option, 1, budget)
        if not isinstance(self.spotlight, str) or len(self.spotlight) > MAX_SPOTLIGHT_LENGTH:
            raise InvalidSettings("The spotlight must be an option id or empty.", field="spotlight")
        # Frozen: normalised names must be set through object.__setattr__.
        object.__setattr__(self, "role_groups", _role_groups(self.role_groups))

    def to_dict(self) -> JsonObject:
        """Return the settings as a JSON-ready dict."""
        return {
            "anonymity_threshold": self.anonymity_threshold,
            "vote_mode": self.vote_mode,
            "dot_budget": self.dot_budget,
            "dot_cap_per_option": self.dot_cap_per_option,
            "role_groups": list(self.role_groups),
            "spotlight": self.spotlight,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SessionSettings:
        """Rebuild settings from `to_dict` output (unknown keys ignored, missing ones default)."""
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        if "role_groups" in known and isinstance(known["role_groups"], list):
            known["role_groups"] = tuple(known["role_groups"])
        return cls(**known)


@dataclass(frozen=True)
class SessionView:
    """A workshop session as stored, read in one consistent snapshot."""

    id: int
    code: str
    title: str
    language: str
    #: The content pack as stored (JSON text): decoded only where asked for, by `pack_data`.
    pack_json: str = field(repr=False)
    phase: str
    settings: SessionSettings
    revealed: bool
    locked: frozenset[str]
    round: int
    created_at: datetime
    expires_at: datetime
    last_seq: int

    @property
    def pack_data(self) -> JsonObject:
        """The session's content pack as a JSON object, a fresh copy on every call."""
        value: Any = json.loads(self.pack_json)
        assert isinstance(value, dict), "stored JSON must be an object"
        return value

    def is_locked(self, kind: str) -> bool:
        """Tell whether the facilitator has locked this input kind (see INPUT_KINDS)."""
        return kind in self.locked

    def is_expired(self, now: datetime | None = None) -> bool:
        """Tell whether the session is past its expiry at `now` (default: the current time)."""
        return (now or datetime.now(UTC)) >= self.expires_at


@dataclass(frozen=True)
class CreatedSession:
    """A new session with its facilitator key; the key is shown once and never stored."""

    code: str
    facilitator_key: str = field(repr=False)
    session: SessionView


@dataclass(frozen=True)
class Joined:
    """A participant who joined: the internal id and the secret token that identifies them.

    ``created`` is False when the token was already known in the session (a rejoin).
    """

    participant_id: int
    token: str = field(repr=False)
    created: bool = True


@dataclass(frozen=True)
class ParticipantView:
    """A participant as stored (no token)."""

    id: int
    nickname: str | None
    role_group: str | None
    joined_at: datetime


@dataclass(frozen=True)
class Ballot:
    """One participant's weights in one round; `role_group` is the participant's current one."""

    participant_id: int
    round: int
    weights: dict[str, float]
    hybrid_params: JsonObject | None
    role_group: str | None
    submitted_at: datetime


@dataclass(frozen=True)
class Vote:
    """One participant's vote in one round (payload validated by the domain layer)."""

    participant_id: int
    round: int
    vote: JsonObject
    role_group: str | None
    submitted_at: datetime


@dataclass(frozen=True)
class Comment:
    """A comment on an option, a criterion or the session in general."""

    id: int
    participant_id: int
    round: int
    target_kind: str
    target_id: str
    text: str
    hidden: bool
    created_at: datetime


@dataclass(frozen=True)
class Resistance:
    """One participant's resistance ratings (0–10 per option) in one round."""

    participant_id: int
    round: int
    ratings: dict[str, float]
    role_group: str | None
    submitted_at: datetime


@dataclass(frozen=True)
class Concern:
    """A concern or question with the number of participants who upvoted it.

    ``status`` is one of CONCERN_STATUSES; ``answer`` the facilitator's short answer (None
    if none); ``option_id`` the option it is about, if the participant named one.
    """

    id: int
    participant_id: int
    round: int
    kind: str
    text: str
    hidden: bool
    upvotes: int
    created_at: datetime
    status: str = "open"
    answer: str | None = None
    option_id: str | None = None


@dataclass(frozen=True)
class Event:
    """One entry of a session's append-only event log; `seq` increases strictly by one."""

    seq: int
    kind: str
    payload: JsonObject
    created_at: datetime


@dataclass(frozen=True)
class Counts:
    """How many have taken part so far: participants, and inputs of the current round."""

    participants: int
    weights: int
    votes: int
    comments: int
    concerns: int
    resistance: int = 0
