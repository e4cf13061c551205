"""The JSON export (schema version 2) and its import into a new session.

Schema, version 2 — one UTF-8 JSON object; every key below is required, no other key is allowed::

    {
      "format": "fall-oder-kunde/session",          marker: this file is a session export
      "version": 2,                                  this schema (1 is read too, see below)
      "exported_at": "2026-11-27T14:05:00Z",         when (UTC)                       [varies]
      "source": {"code": "ABC123",                   the exported session's join code  [varies]
                 "created_at": "…Z"},                and creation time (UTC)          [varies]
      "privacy": {"hidden_included": false,          were hidden comments/concerns asked for
                  "individual_rows": false},         were per-person ballots and votes asked for
      "session": {
        "title": "…", "language": "de" | "en",
        "phase": "welcome" | "weigh" | "context" | "options" | "vote" | "results",
        "round": 2,                                  the current round = len(rounds)
        "revealed": true,                            results shown to the room
        "locked": ["comments", …],                   locked input kinds (weights, votes, …)
        "settings": {"anonymity_threshold": 5, "vote_mode": "dots", "dot_budget": 5,
                     "dot_cap_per_option": 3, "role_groups": ["Service", …]}
      },
      "pack": {…},                                   the session's content pack (FORMAT.md)
      "notes": {"welcome": "…", …},                  facilitator notes by phase (only set ones)
      "participants": [{"id": "P01"}, …],            who submitted anything; random pseudonyms
      "areas": [{"area": "Service" | null,           people per area (null: no area given),
                 "people": 5 | null}, …],            null where withheld; [] without areas
      "rounds": [{
        "round": 1,
        "context": {"factors": {id: number}, "hybrids": {id: {parameter: number}}},
        "weights": {"count": 12, "withheld": false,
                    "ballots": [{"participant": "P01", "weights": {criterion: 0..10},
                                 "hybrid_params": {hybrid: {parameter: number}} | null}]},
        "votes": {"count": 12, "withheld": false,
                  "votes": [{"participant": "P01",
                             "vote": {"choice": id} | {"dots": {id: n}} | {"ranking": [ids]}}]}
      }, …],
      "comments": [{"round": 1, "target_kind": "option" | "criterion" | "general",
                    "target_id": "…" ("" for general), "text": "…", "hidden": false}],
      "concerns": [{"round": 1, "kind": "concern" | "question", "text": "…",
                    "hidden": false, "upvotes": 3}]
    }

Privacy (see :mod:`workshop.export.snapshot`): ``ballots`` and ``votes`` lists are filled only
when ``privacy.individual_rows`` is true and the round has reached the anonymity threshold
(``"withheld": false``); otherwise they are empty beside their ``count``.  Pseudonyms are drawn
at random for every export; no per-person entry carries an area; areas are counts with
complementary suppression; hidden items are only present when ``privacy.hidden_included`` is
true; no authors of comments or concerns, no upvoters (only their number), no timestamps of
inputs.

Round trip: an export with individual rows → :func:`import_session` → export with individual
rows gives the same document up to the pseudonyms (drawn anew) except the fields marked [varies]
above, ``areas`` (imported people have no area: per-person areas are never exported) and, for
rounds whose inputs are not in the file, ``count`` (the new session has none of them) — and
then ``participants`` too, which lists only people who left input in the new session.  Upvotes
are given back by as many anonymous participants as needed (the first ones first); comments and
concerns are attributed to the first participant (authors are never exported).

Version 1 files (earlier exports: participants with a ``role_group``, every ballot of a visible
round) are read as version 2 with individual rows; their role groups are dropped.

Import rules — :func:`import_session` checks the whole file before it creates anything and
raises :class:`ImportRejected` (``details["reason"]`` says which rule, ``details["where"]`` the
place in the file):

* ``too_large``: more than :data:`MAX_IMPORT_BYTES`, or more than :data:`MAX_PARTICIPANTS`
  participants, :data:`MAX_ROUNDS` rounds or :data:`MAX_ITEMS` comments/concerns;
* ``not_json``: not UTF-8, not JSON, NaN/Infinity, a key twice in one object;
* ``too_deep``: nested deeper than :data:`MAX_DEPTH` (checked before parsing);
* ``foreign``: not an object with our ``format`` marker;  ``version``: another schema version;
* ``missing`` / ``unexpected``: a required key is absent / a key is not in the schema;
* ``type``: a value of the wrong JSON type;
* ``value``: out of range, unknown id (criterion, option, phase, participant …), inconsistent
  (counts, round numbers, withheld flags that do not match the threshold);
* ``text``: text too long, empty where required, or with control characters;
* ``pack``: the content pack fails :func:`workshop.packs.pack_from_data`.

Text is never interpreted: markup such as ``<script>`` is kept as the characters it is, and every
export and view escapes it.  If the store fails while the new session is being filled, the
half-made session is deleted again, so an import creates a whole session or nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NoReturn

from workshop.content import ContentPack
from workshop.engine import ballots as ballot_rules
from workshop.engine import group
from workshop.engine.anonymity import NO_AREA
from workshop.errors import InvalidInput, WorkshopError
from workshop.export.snapshot import RoundSnapshot, Snapshot
from workshop.packs import PackError, pack_from_data
from workshop.store import (
    COMMENT_TARGETS,
    CONCERN_KINDS,
    INPUT_KINDS,
    PHASES,
    CreatedSession,
    SessionSettings,
    Store,
)
from workshop.store.records import DOT_BUDGET_RANGE, LANGUAGES
from workshop.store.validate import MAX_NOTE, MAX_PACK_BYTES, MAX_TEXT, MAX_TITLE, clean_text

FORMAT_MARKER = "fall-oder-kunde/session"
SCHEMA_VERSION = 2
#: Older schema versions :func:`check` still reads.
READABLE_VERSIONS = (1, 2)
#: Fields that legitimately differ between an export and the export of its re-import.
VARYING_FIELDS = ("exported_at", "source.code", "source.created_at")

MAX_IMPORT_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32
MAX_PARTICIPANTS = 2000
MAX_ROUNDS = 50
MAX_ITEMS = 5000

IMPORT_REASONS = (
    "too_large",
    "not_json",
    "too_deep",
    "foreign",
    "version",
    "missing",
    "unexpected",
    "type",
    "value",
    "text",
    "pack",
)


class ImportRejected(InvalidInput):
    """A session file that cannot be imported; nothing was created.

    ``details``: ``reason`` (one of :data:`IMPORT_REASONS`) and ``where`` (a path into the file
    such as ``rounds[0].weights.ballots[3]``, or ``""`` for the file as a whole).
    """

    code = "import_rejected"
    message = "This file cannot be imported."

    def __init__(self, reason: str, where: str, detail: str) -> None:
        place = f" (at {where})" if where else ""
        super().__init__(
            f"This file cannot be imported: {detail}{place}.", reason=reason, where=where
        )


def _reject(reason: str, where: str, detail: str) -> NoReturn:
    raise ImportRejected(reason, where, detail)


# =========================================================================== export


def _iso(moment: datetime) -> str:
    """UTC time as ``2026-11-27T14:05:00Z``."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def document(snapshot: Snapshot) -> dict[str, Any]:
    """The export as a JSON-ready dict (see the module docstring for the schema)."""
    settings = snapshot.settings.to_dict()
    return {
        "format": FORMAT_MARKER,
        "version": SCHEMA_VERSION,
        "exported_at": _iso(snapshot.exported_at),
        "source": {"code": snapshot.code, "created_at": _iso(snapshot.created_at)},
        "privacy": {
            "hidden_included": snapshot.include_hidden,
            "individual_rows": snapshot.individual,
        },
        "session": {
            "title": snapshot.title,
            "language": snapshot.language,
            "phase": snapshot.phase,
            "round": snapshot.round,
            "revealed": snapshot.revealed,
            "locked": sorted(snapshot.locked),
            "settings": settings,
        },
        "pack": dict(snapshot.pack_data),
        "notes": {phase: snapshot.notes[phase] for phase in PHASES if phase in snapshot.notes},
        "participants": [{"id": p.pseudonym} for p in snapshot.participants],
        "areas": _areas_document(snapshot),
        "rounds": [_round_document(r) for r in snapshot.rounds],
        "comments": [
            {
                "round": c.round,
                "target_kind": c.target_kind,
                "target_id": c.target_id,
                "text": c.text,
                "hidden": c.hidden,
            }
            for c in snapshot.comments
        ],
        "concerns": [
            {
                "round": c.round,
                "kind": c.kind,
                "text": c.text,
                "hidden": c.hidden,
                "upvotes": c.upvotes,
            }
            for c in snapshot.concerns
        ],
    }


def _areas_document(snapshot: Snapshot) -> list[dict[str, Any]]:
    """People per area of the session's settings, then those without one; None where withheld."""
    if not snapshot.settings.role_groups:
        return []
    areas = snapshot.areas
    return [
        {"area": name or None, "people": areas.shown.get(name)}
        for name in (*snapshot.settings.role_groups, NO_AREA)
    ]


def _round_document(r: RoundSnapshot) -> dict[str, Any]:
    return {
        "round": r.number,
        "context": dict(r.context),
        "weights": {
            "count": r.ballots_count,
            "withheld": not r.weights_visible,
            "ballots": [
                {
                    "participant": b.pseudonym,
                    "weights": dict(b.weights),
                    "hybrid_params": None if b.hybrid_params is None else dict(b.hybrid_params),
                }
                for b in r.ballots
            ],
        },
        "votes": {
            "count": r.votes_count,
            "withheld": not r.votes_visible,
            "votes": [{"participant": v.pseudonym, "vote": dict(v.vote)} for v in r.votes],
        },
    }


def json_bytes(snapshot: Snapshot) -> bytes:
    """The export as UTF-8 JSON text (indented, so a diff of two exports is readable)."""
    text = json.dumps(document(snapshot), ensure_ascii=False, indent=1, allow_nan=False)
    return (text + "\n").encode("utf-8")


# =========================================================================== import: parsing

# A JSON string, written as the unrolled loop "[^"\\]*(\\.[^"\\]*)*" so it runs in linear time.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def nesting_depth(raw: bytes) -> int:
    """How deeply arrays and objects nest in JSON text (brackets inside strings ignored).

    Checked before parsing: the parser would otherwise recurse once per level, and a file of a
    million "[" must be refused cheaply, not by hitting Python's recursion limit.
    """
    depth = deepest = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub(b'""', raw)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("a number is too large")
    return value


def parse(raw: bytes) -> Any:
    """Parse an uploaded file: size, encoding, depth and strict JSON, in that order."""
    if len(raw) > MAX_IMPORT_BYTES:
        _reject("too_large", "", f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _reject("not_json", "", "the file is not UTF-8 text")
    if nesting_depth(raw) > MAX_DEPTH:
        _reject("too_deep", "", f"the data is nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_finite,
        )
    except ValueError as error:  # JSONDecodeError is a ValueError, as are the hooks' refusals
        _reject("not_json", "", f"the file is not valid JSON ({error})")


# =========================================================================== import: checks


def _object(
    value: Any, where: str, required: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, Any]:
    """A JSON object with exactly these keys (optional ones may be absent)."""
    if not isinstance(value, dict):
        _reject("type", where, "an object is expected")
    for key in required:
        if key not in value:
            _reject("missing", _at(where, key), "this field is missing")
    for key in value:
        if key not in required and key not in optional:
            _reject("unexpected", _at(where, key), "this field is not part of the format")
    return value


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _list(value: Any, where: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        _reject("type", where, "a list is expected")
    if len(value) > limit:
        _reject("too_large", where, f"more than {limit} entries")
    return value


def _integer(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _reject("type", where, "a whole number is expected")
    if not low <= value <= high:
        _reject("value", where, f"the number must lie between {low} and {high}")
    return value


def _number(value: Any, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _reject("type", where, "a number is expected")
    if not low <= value <= high:
        _reject("value", where, f"the number must lie between {low:g} and {high:g}")
    return float(value)


def _boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        _reject("type", where, "true or false is expected")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        _reject("type", where, "text is expected")
    return value


def _choice(value: Any, where: str, choices: Sequence[str]) -> str:
    text = _string(value, where)
    if text not in choices:
        _reject("value", where, f"must be one of: {', '.join(choices)}")
    return text


def _text(value: Any, where: str, limit: int, *, multiline: bool) -> str:
    """Text the store would keep unchanged: no control characters, not too long, stripped."""
    text = _string(value, where)
    try:
        cleaned = clean_text(text, where, limit, multiline=multiline)
    except InvalidInput as error:
        _reject("text", where, error.message.removeprefix(f"{where} ").rstrip("."))
    if cleaned != text:
        _reject("text", where, "the text has leading or trailing white space")
    return text


def _domain(where: str, validator: Callable[..., object], *args: Any, **kwargs: Any) -> None:
    """Run one of the app's own validators; its refusal becomes a 'value' rejection."""
    try:
        validator(*args, **kwargs)
    except InvalidInput as error:
        _reject("value", where, error.message.rstrip("."))


# =========================================================================== import: the plan


@dataclass(frozen=True)
class _RoundPlan:
    context: dict[str, Any]
    ballots: tuple[tuple[int, dict[str, Any], dict[str, Any] | None], ...]
    votes: tuple[tuple[int, dict[str, Any]], ...]


@dataclass(frozen=True)
class _Plan:
    """A checked file, ready to be written: nothing in it can be refused by the store."""

    title: str
    language: str
    settings: SessionSettings
    pack_data: dict[str, Any]
    phase: str
    revealed: bool
    locked: tuple[str, ...]
    notes: dict[str, str]
    people: int
    rounds: tuple[_RoundPlan, ...]
    comments: tuple[tuple[int, str, str, str, bool], ...]
    concerns: tuple[tuple[int, str, str, bool, int], ...]


_TOP = ("format", "version", "exported_at", "source", "privacy", "session", "pack", "notes",
        "participants", "areas", "rounds", "comments", "concerns")  # fmt: skip


def check(data: Any) -> _Plan:
    """Check a parsed file completely; return what to create, or raise ImportRejected."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
        _reject("foreign", "", "it is not a session export of this app")
    version = data.get("version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        _reject("version", "version", f"only version {SCHEMA_VERSION} can be read")
    if version == 1:
        data = _from_version_1(data)
    _object(data, "", _TOP)
    _string(data["exported_at"], "exported_at")
    source = _object(data["source"], "source", ("code", "created_at"))
    _string(source["code"], "source.code")
    _string(source["created_at"], "source.created_at")
    privacy = _object(data["privacy"], "privacy", ("hidden_included", "individual_rows"))
    _boolean(privacy["hidden_included"], "privacy.hidden_included")
    individual = _boolean(privacy["individual_rows"], "privacy.individual_rows")
    pack_data, pack = _pack(data["pack"])
    session = _object(
        data["session"],
        "session",
        ("title", "language", "phase", "round", "revealed", "locked", "settings"),
    )
    settings = _settings(session["settings"])
    count = _participants(data["participants"])
    _areas(data["areas"], settings, count)
    rounds = _list(data["rounds"], "rounds", MAX_ROUNDS)
    current = _integer(session["round"], "session.round", 1, MAX_ROUNDS)
    if len(rounds) != current:
        _reject("value", "rounds", "the number of rounds differs from session.round")
    return _Plan(
        title=_text(session["title"], "session.title", MAX_TITLE, multiline=False),
        language=_choice(session["language"], "session.language", LANGUAGES),
        settings=settings,
        pack_data=pack_data,
        phase=_choice(session["phase"], "session.phase", PHASES),
        revealed=_boolean(session["revealed"], "session.revealed"),
        locked=_locked(session["locked"]),
        notes=_notes(data["notes"]),
        people=count,
        rounds=tuple(
            _round(value, f"rounds[{i}]", i + 1, pack, settings, count, individual)
            for i, value in enumerate(rounds)
        ),
        comments=_comments(data["comments"], pack, current, count),
        concerns=_concerns(data["concerns"], current, count),
    )


def _pack(value: Any) -> tuple[dict[str, Any], ContentPack]:
    if not isinstance(value, dict):
        _reject("type", "pack", "an object is expected")
    size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    if size > MAX_PACK_BYTES:
        _reject("too_large", "pack", "the content pack is too large")
    try:
        return value, pack_from_data(value, "pack")
    except PackError as error:
        first = error.problems[0] if error.problems else "invalid"
        _reject("pack", "pack", f"the content pack is not valid: {first}")


def _settings(value: Any) -> SessionSettings:
    fields = ("anonymity_threshold", "vote_mode", "dot_budget", "dot_cap_per_option", "role_groups")
    raw = _object(value, "session.settings", fields)
    groups = _list(raw["role_groups"], "session.settings.role_groups", 100)
    try:
        settings = SessionSettings(**{**raw, "role_groups": tuple(groups)})
    except InvalidInput as error:
        where = f"session.settings.{error.details.get('field', '')}".rstrip(".")
        _reject("value", where, error.message.rstrip("."))
    if list(settings.role_groups) != groups:
        _reject("text", "session.settings.role_groups", "a name has surrounding white space")
    return settings


def _locked(value: Any) -> tuple[str, ...]:
    kinds = [
        _choice(v, f"session.locked[{i}]", INPUT_KINDS)
        for i, v in enumerate(_list(value, "session.locked", len(INPUT_KINDS)))
    ]
    if len(set(kinds)) != len(kinds):
        _reject("value", "session.locked", "an input kind is listed twice")
    return tuple(kinds)


def _notes(value: Any) -> dict[str, str]:
    notes = _object(value, "notes", (), PHASES)
    return {
        phase: _text(notes[phase], f"notes.{phase}", MAX_NOTE, multiline=True) for phase in notes
    }


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """A version 1 file in version 2's shape: every row was exported, role groups are dropped."""
    upgraded = dict(data)
    privacy = data.get("privacy")
    if isinstance(privacy, dict):
        upgraded["privacy"] = {**privacy, "individual_rows": True}
    people = data.get("participants")
    if isinstance(people, list):
        upgraded["participants"] = [
            {k: v for k, v in p.items() if k != "role_group"} if isinstance(p, dict) else p
            for p in people
        ]
    upgraded["areas"] = []
    return upgraded


def _participants(value: Any) -> int:
    """The number of participants listed as P01, P02, … in order."""
    people = _list(value, "participants", MAX_PARTICIPANTS)
    width = max(2, len(str(len(people))))
    for i, person in enumerate(people):
        where = f"participants[{i}]"
        raw = _object(person, where, ("id",))
        if raw["id"] != f"P{i + 1:0{width}d}":
            _reject("value", f"{where}.id", "participants must be P01, P02, … in order")
    return len(people)


def _areas(value: Any, settings: SessionSettings, count: int) -> None:
    """Area counts: known areas (null for none), each at most once, adding up to no more."""
    items = _list(value, "areas", len(settings.role_groups) + 1)
    seen: set[str] = set()
    total = 0
    for i, item in enumerate(items):
        at = f"areas[{i}]"
        raw = _object(item, at, ("area", "people"))
        name = raw["area"]
        if name is not None:
            name = _choice(name, f"{at}.area", settings.role_groups)
        if (name or NO_AREA) in seen:
            _reject("value", f"{at}.area", "this area appears twice")
        seen.add(name or NO_AREA)
        if raw["people"] is not None:
            total += _integer(raw["people"], f"{at}.people", 0, count)
    if total > count:
        _reject("value", "areas", "more people in areas than participants")


def _participant_index(value: Any, where: str, count: int) -> int:
    """The 0-based index of a pseudonym (P01 → 0) among `count` participants."""
    width = max(2, len(str(count)))
    text = _string(value, where)
    if not re.fullmatch(rf"P\d{{{width}}}", text) or not 1 <= int(text[1:]) <= count:
        _reject("value", where, "this participant is not in the participants list")
    return int(text[1:]) - 1


def _round(
    value: Any,
    where: str,
    number: int,
    pack: ContentPack,
    settings: SessionSettings,
    count: int,
    individual: bool,
) -> _RoundPlan:
    raw = _object(value, where, ("round", "context", "weights", "votes"))
    if _integer(raw["round"], f"{where}.round", 1, MAX_ROUNDS) != number:
        _reject("value", f"{where}.round", "rounds must be numbered 1, 2, … in order")
    context = _context(raw["context"], f"{where}.context", pack)
    ballots = _inputs(raw["weights"], f"{where}.weights", "ballots", settings, count, individual)
    votes = _inputs(raw["votes"], f"{where}.votes", "votes", settings, count, individual)
    seen: set[int] = set()
    ballot_plan = []
    for i, item in enumerate(ballots):
        at = f"{where}.weights.ballots[{i}]"
        entry = _object(item, at, ("participant", "weights", "hybrid_params"))
        person = _unique(
            _participant_index(entry["participant"], f"{at}.participant", count), seen, at
        )
        weights = entry["weights"]
        if not isinstance(weights, dict):
            _reject("type", f"{at}.weights", "an object is expected")
        _domain(f"{at}.weights", ballot_rules.validate_weights, pack, weights)
        hybrid = entry["hybrid_params"]
        if hybrid is not None:
            if not isinstance(hybrid, dict):
                _reject("type", f"{at}.hybrid_params", "an object is expected")
            _domain(f"{at}.hybrid_params", ballot_rules.validate_hybrid_params, pack, hybrid)
        ballot_plan.append((person, weights, hybrid))
    seen = set()
    vote_plan = []
    options = (*pack.option_ids, *(h.id for h in pack.hybrids))
    for i, item in enumerate(votes):
        at = f"{where}.votes.votes[{i}]"
        entry = _object(item, at, ("participant", "vote"))
        person = _unique(
            _participant_index(entry["participant"], f"{at}.participant", count), seen, at
        )
        vote_plan.append((person, _vote(entry["vote"], f"{at}.vote", options)))
    return _RoundPlan(context, tuple(ballot_plan), tuple(vote_plan))


def _unique(index: int, seen: set[int], where: str) -> int:
    if index in seen:
        _reject("value", where, "this participant appears twice in one round")
    seen.add(index)
    return index


def _inputs(
    value: Any,
    where: str,
    list_key: str,
    settings: SessionSettings,
    count: int,
    individual: bool,
) -> list[Any]:
    """The count/withheld/list block of weights or votes, checked for consistency.

    The list holds every entry when individual rows were exported and the round is not
    withheld, and nothing otherwise.
    """
    raw = _object(value, where, ("count", "withheld", list_key))
    total = _integer(raw["count"], f"{where}.count", 0, count)
    withheld = _boolean(raw["withheld"], f"{where}.withheld")
    items = _list(raw[list_key], f"{where}.{list_key}", count)
    if withheld != (total < settings.anonymity_threshold):
        _reject(
            "value", f"{where}.withheld", "does not match the count and the anonymity threshold"
        )
    listed = individual and not withheld
    if (not listed and items) or (listed and len(items) != total):
        _reject("value", f"{where}.{list_key}", "the entries do not match the count")
    return items


def _vote(value: Any, where: str, options: Sequence[str]) -> dict[str, Any]:
    """A vote of one of the three shapes; dots checked against the largest budget there is."""
    if not isinstance(value, dict):
        _reject("type", where, "an object is expected")
    if len(value) != 1 or next(iter(value)) not in ("choice", "dots", "ranking"):
        _reject("value", where, "a vote has exactly one of choice, dots or ranking")
    mode = {"choice": "single", "dots": "dots", "ranking": "ranking"}[next(iter(value))]
    most = DOT_BUDGET_RANGE[1]
    _domain(where, group.validate_vote, mode, value, options, budget=most, cap=most)
    return value


def _context(value: Any, where: str, pack: ContentPack) -> dict[str, Any]:
    raw = _object(value, where, (), ("factors", "hybrids"))
    if "factors" in raw:
        factors = _object(
            raw["factors"], f"{where}.factors", (), [f.id for f in pack.context_factors]
        )
        for factor in pack.context_factors:
            if factor.id in factors:
                _number(
                    factors[factor.id],
                    f"{where}.factors.{factor.id}",
                    factor.minimum,
                    factor.maximum,
                )
    if "hybrids" in raw:
        if not isinstance(raw["hybrids"], dict):
            _reject("type", f"{where}.hybrids", "an object is expected")
        _domain(f"{where}.hybrids", ballot_rules.validate_hybrid_params, pack, raw["hybrids"])
    _domain(where, ballot_rules.validate_context, pack, raw)  # the sliders' steps too
    return raw


def _comments(
    value: Any, pack: ContentPack, rounds: int, count: int
) -> tuple[tuple[int, str, str, str, bool], ...]:
    items = _list(value, "comments", MAX_ITEMS)
    if items and not count:
        _reject("value", "comments", "comments need at least one participant")
    targets = {
        "option": (*pack.option_ids, *(h.id for h in pack.hybrids)),
        "criterion": pack.criterion_ids,
        "general": ("",),
    }
    plan = []
    for i, item in enumerate(items):
        at = f"comments[{i}]"
        raw = _object(item, at, ("round", "target_kind", "target_id", "text", "hidden"))
        kind = _choice(raw["target_kind"], f"{at}.target_kind", COMMENT_TARGETS)
        plan.append(
            (
                _integer(raw["round"], f"{at}.round", 1, rounds),
                kind,
                _choice(raw["target_id"], f"{at}.target_id", targets[kind]),
                _text(raw["text"], f"{at}.text", MAX_TEXT, multiline=True),
                _boolean(raw["hidden"], f"{at}.hidden"),
            )
        )
    return tuple(plan)


def _concerns(value: Any, rounds: int, count: int) -> tuple[tuple[int, str, str, bool, int], ...]:
    items = _list(value, "concerns", MAX_ITEMS)
    if items and not count:
        _reject("value", "concerns", "concerns need at least one participant")
    plan = []
    for i, item in enumerate(items):
        at = f"concerns[{i}]"
        raw = _object(item, at, ("round", "kind", "text", "hidden", "upvotes"))
        plan.append(
            (
                _integer(raw["round"], f"{at}.round", 1, rounds),
                _choice(raw["kind"], f"{at}.kind", CONCERN_KINDS),
                _text(raw["text"], f"{at}.text", MAX_TEXT, multiline=True),
                _boolean(raw["hidden"], f"{at}.hidden"),
                _integer(raw["upvotes"], f"{at}.upvotes", 0, MAX_PARTICIPANTS),
            )
        )
    return tuple(plan)


# =========================================================================== import: writing


def import_session(store: Store, data: bytes, *, ttl_days: float = 30) -> CreatedSession:
    """Create a new session from a JSON export; all or nothing (see the module docstring).

    Returns the new session with its facilitator key (shown once, like any new session's).
    """
    plan = check(parse(data))
    created = store.create_session(
        plan.title, plan.language, plan.pack_data, plan.settings, ttl_days
    )
    try:
        _fill(store, created.code, created.facilitator_key, plan)
    except BaseException:
        # Undo the half-made session; if even that fails, the original error matters more.
        with suppress(WorkshopError):
            store.delete_session(created.code, created.facilitator_key)
        raise
    return CreatedSession(created.code, created.facilitator_key, store.get_session(created.code))


def _fill(store: Store, code: str, key: str, plan: _Plan) -> None:
    """Write a checked plan into the new, empty session, in the order the store needs."""
    # Upvoters need not have submitted anything, so there may be more of them than listed.
    most_upvotes = max((c[4] for c in plan.concerns), default=0)
    tokens = [store.join(code).token for _ in range(max(plan.people, most_upvotes))]
    hidden_comments: list[int] = []
    hidden_concerns: list[int] = []
    for number, round_plan in enumerate(plan.rounds, start=1):
        if number > 1:
            store.start_round(code, key)
        store.set_context(code, key, round_plan.context)
        for person, weights, hybrid in round_plan.ballots:
            store.submit_weights(code, tokens[person], weights, hybrid)
        for person, vote in round_plan.votes:
            store.submit_vote(code, tokens[person], vote)
        for round_no, kind, target, text, hidden in plan.comments:
            if round_no == number:
                made = store.add_comment(code, tokens[0], kind, target or None, text)
                if hidden:
                    hidden_comments.append(made.id)
        for round_no, concern_kind, text, hidden, upvotes in plan.concerns:
            if round_no == number:
                concern = store.add_concern(code, tokens[0], text, concern_kind)
                for token in tokens[:upvotes]:  # upvote before hiding: hidden ones take none
                    store.upvote(code, token, concern.id)
                if hidden:
                    hidden_concerns.append(concern.id)
    for comment_id in hidden_comments:
        store.set_comment_hidden(code, key, comment_id, True)
    for concern_id in hidden_concerns:
        store.set_concern_hidden(code, key, concern_id, True)
    for phase, note in plan.notes.items():
        store.set_note(code, key, phase, note)
    for kind in plan.locked:  # last: a locked kind would refuse the inputs above
        store.set_locked(code, key, kind, True)
    store.set_phase(code, key, plan.phase)
    store.set_revealed(code, key, plan.revealed)


def rejection_of(error: WorkshopError) -> tuple[str, str]:
    """(reason, where) of an import error, for the UI's translated message."""
    reason = str(error.details.get("reason", ""))
    return (reason if reason in IMPORT_REASONS else "value"), str(error.details.get("where", ""))


__all__ = [
    "FORMAT_MARKER",
    "IMPORT_REASONS",
    "MAX_DEPTH",
    "MAX_IMPORT_BYTES",
    "SCHEMA_VERSION",
    "VARYING_FIELDS",
    "ImportRejected",
    "check",
    "document",
    "import_session",
    "json_bytes",
    "nesting_depth",
    "parse",
]
