"""Checking a parsed session file completely, before anything is created: the file → a plan.

:func:`check` walks the whole schema of :mod:`workshop.export.json_export` (version 1 files are
read as version 2 first) and either raises :class:`~workshop.export.json_parse.ImportRejected`
or returns an :class:`ImportPlan`: plain values that the store cannot refuse any more, which
:func:`workshop.export.json_import.import_session` then writes.  Ids, ranges and vote shapes are
checked with the app's own validators, so an import accepts exactly what the app itself would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from workshop.content import ContentPack
from workshop.engine import ballots as ballot_rules
from workshop.engine import group
from workshop.engine.anonymity import NO_AREA
from workshop.errors import InvalidInput
from workshop.export.json_export import FORMAT_MARKER, SCHEMA_VERSION
from workshop.export.json_parse import (
    MAX_ITEMS,
    MAX_PARTICIPANTS,
    MAX_ROUNDS,
    check_with,
    read_boolean,
    read_choice,
    read_integer,
    read_list,
    read_number,
    read_object,
    read_string,
    read_text,
    reject,
)
from workshop.export.summary import check_summary, check_time
from workshop.packs import PackError, pack_from_data
from workshop.rounds.pilot import validate_pilot
from workshop.rounds.resistance import rated_options
from workshop.store import (
    COMMENT_TARGETS,
    CONCERN_KINDS,
    CONCERN_STATUSES,
    INPUT_KINDS,
    PHASES,
    SessionSettings,
)
from workshop.store.records import DOT_BUDGET_RANGE, LANGUAGES
from workshop.store.validate import (
    MAX_ANSWER,
    MAX_EARLIER_BYTES,
    MAX_NOTE,
    MAX_PACK_BYTES,
    MAX_TEXT,
    MAX_TITLE,
)

#: Older schema versions :func:`check` still reads.
READABLE_VERSIONS = (1, 2, 3)
#: One concern as planned: round, kind, text, hidden, upvotes, status, answer, option id.
ConcernPlan = tuple[int, str, str, bool, int, str, str | None, str | None]


@dataclass(frozen=True)
class RoundPlan:
    """One round's checked inputs; people are indices into the participants (0 is P01)."""

    context: dict[str, Any]
    ballots: tuple[tuple[int, dict[str, Any], dict[str, Any] | None], ...]
    votes: tuple[tuple[int, dict[str, Any]], ...]
    resistance: tuple[tuple[int, dict[str, int]], ...] = ()
    #: The round's group results as exported (:mod:`workshop.export.summary`), None if absent.
    summary: dict[str, Any] | None = None


@dataclass(frozen=True)
class ImportPlan:
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
    rounds: tuple[RoundPlan, ...]
    comments: tuple[tuple[int, str, str, str, bool], ...]
    concerns: tuple[ConcernPlan, ...]
    pilot: dict[str, Any] | None = None
    #: The file's export time, checked when any round has a summary ("" otherwise).
    exported_at: str = ""

    def earlier_results(self) -> dict[str, Any] | None:
        """The document to keep as the new session's earlier results; None without summaries."""
        rounds = [
            {"round": number, **r.summary}
            for number, r in enumerate(self.rounds, start=1)
            if r.summary is not None
        ]
        if not rounds:
            return None
        return {"title": self.title, "exported_at": self.exported_at, "rounds": rounds}


_TOP = ("format", "version", "exported_at", "source", "privacy", "session", "pack", "notes",
        "participants", "areas", "rounds", "comments", "concerns", "pilot")  # fmt: skip


def check(data: Any) -> ImportPlan:
    """Check a parsed file completely; return what to create, or raise ImportRejected."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
        reject("foreign", "", "it is not a session export of this app")
    version = data.get("version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        reject("version", "version", f"only version {SCHEMA_VERSION} can be read")
    if version == 1:
        data = _from_version_1(data)
    if version in (1, 2):
        data = _from_version_2(data)
    read_object(data, "", _TOP)
    read_string(data["exported_at"], "exported_at")
    source = read_object(data["source"], "source", ("code", "created_at"))
    read_string(source["code"], "source.code")
    read_string(source["created_at"], "source.created_at")
    privacy = read_object(data["privacy"], "privacy", ("hidden_included", "individual_rows"))
    read_boolean(privacy["hidden_included"], "privacy.hidden_included")
    individual = read_boolean(privacy["individual_rows"], "privacy.individual_rows")
    pack_data, pack = _pack(data["pack"])
    session = read_object(
        data["session"],
        "session",
        ("title", "language", "phase", "round", "revealed", "locked", "settings"),
    )
    settings = _settings(session["settings"], pack)
    count = _participants(data["participants"])
    _areas(data["areas"], settings, count)
    rounds = read_list(data["rounds"], "rounds", MAX_ROUNDS)
    current = read_integer(session["round"], "session.round", 1, MAX_ROUNDS)
    if len(rounds) != current:
        reject("value", "rounds", "the number of rounds differs from session.round")
    plan = ImportPlan(
        title=read_text(session["title"], "session.title", MAX_TITLE, multiline=False),
        language=read_choice(session["language"], "session.language", LANGUAGES),
        settings=settings,
        pack_data=pack_data,
        phase=read_choice(session["phase"], "session.phase", PHASES),
        revealed=read_boolean(session["revealed"], "session.revealed"),
        locked=_locked(session["locked"]),
        notes=_notes(data["notes"]),
        people=count,
        rounds=tuple(
            _round(value, f"rounds[{i}]", i + 1, pack, settings, count, individual)
            for i, value in enumerate(rounds)
        ),
        comments=_comments(data["comments"], pack, current, count),
        concerns=_concerns(data["concerns"], pack, current, count),
        pilot=_pilot(data["pilot"], pack),
    )
    return _with_earlier(plan, data["exported_at"])


def _with_earlier(plan: ImportPlan, exported_at: Any) -> ImportPlan:
    """The plan with the file's export time, checked only when there are summaries to keep."""
    earlier = plan.earlier_results()
    if earlier is None:
        return plan
    plan = replace(plan, exported_at=check_time(exported_at, "exported_at"))
    size = len(json.dumps(plan.earlier_results(), ensure_ascii=False).encode("utf-8"))
    if size > MAX_EARLIER_BYTES:
        reject("too_large", "rounds", "the rounds' summaries are too large")
    return plan


def _pack(value: Any) -> tuple[dict[str, Any], ContentPack]:
    if not isinstance(value, dict):
        reject("type", "pack", "an object is expected")
    size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    if size > MAX_PACK_BYTES:
        reject("too_large", "pack", "the content pack is too large")
    try:
        return value, pack_from_data(value, "pack")
    except PackError as error:
        first = error.problems[0] if error.problems else "invalid"
        reject("pack", "pack", f"the content pack is not valid: {first}")


def _settings(value: Any, pack: ContentPack) -> SessionSettings:
    fields = ("anonymity_threshold", "vote_mode", "dot_budget", "dot_cap_per_option", "role_groups")
    # "spotlight" came with the role-change texts; older exports have no such field.
    raw = read_object(value, "session.settings", fields, ("spotlight",))
    if "spotlight" in raw:
        read_choice(raw["spotlight"], "session.settings.spotlight", ("", *rated_options(pack)))
    groups = read_list(raw["role_groups"], "session.settings.role_groups", 100)
    try:
        settings = SessionSettings(**{**raw, "role_groups": tuple(groups)})
    except InvalidInput as error:
        where = f"session.settings.{error.details.get('field', '')}".rstrip(".")
        reject("value", where, error.message.rstrip("."))
    if list(settings.role_groups) != groups:
        reject("text", "session.settings.role_groups", "a name has surrounding white space")
    return settings


def _locked(value: Any) -> tuple[str, ...]:
    kinds = [
        read_choice(v, f"session.locked[{i}]", INPUT_KINDS)
        for i, v in enumerate(read_list(value, "session.locked", len(INPUT_KINDS)))
    ]
    if len(set(kinds)) != len(kinds):
        reject("value", "session.locked", "an input kind is listed twice")
    return tuple(kinds)


def _notes(value: Any) -> dict[str, str]:
    notes = read_object(value, "notes", (), PHASES)
    return {
        phase: read_text(notes[phase], f"notes.{phase}", MAX_NOTE, multiline=True)
        for phase in notes
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


def _from_version_2(data: dict[str, Any]) -> dict[str, Any]:
    """A version 2 file in version 3's shape: no resistance ratings, open concerns, no pilot.

    Only what is missing is filled in, so a damaged file is still refused where it is damaged.
    """
    upgraded = dict(data)
    upgraded.setdefault("pilot", None)
    rounds = data.get("rounds")
    if isinstance(rounds, list):
        upgraded["rounds"] = [
            {"resistance": {"count": 0, "withheld": True, "ratings": []}, **r}
            if isinstance(r, dict)
            else r
            for r in rounds
        ]
    concerns = data.get("concerns")
    if isinstance(concerns, list):
        upgraded["concerns"] = [
            {"status": "open", "answer": None, "option_id": None, **c} if isinstance(c, dict) else c
            for c in concerns
        ]
    return upgraded


def _participants(value: Any) -> int:
    """The number of participants listed as P01, P02, … in order."""
    people = read_list(value, "participants", MAX_PARTICIPANTS)
    width = max(2, len(str(len(people))))
    for i, person in enumerate(people):
        where = f"participants[{i}]"
        raw = read_object(person, where, ("id",))
        if raw["id"] != f"P{i + 1:0{width}d}":
            reject("value", f"{where}.id", "participants must be P01, P02, … in order")
    return len(people)


def _areas(value: Any, settings: SessionSettings, count: int) -> None:
    """Area counts: known areas (null for none), each at most once, adding up to no more."""
    items = read_list(value, "areas", len(settings.role_groups) + 1)
    seen: set[str] = set()
    total = 0
    for i, item in enumerate(items):
        at = f"areas[{i}]"
        raw = read_object(item, at, ("area", "people"))
        name = raw["area"]
        if name is not None:
            name = read_choice(name, f"{at}.area", settings.role_groups)
        if (name or NO_AREA) in seen:
            reject("value", f"{at}.area", "this area appears twice")
        seen.add(name or NO_AREA)
        if raw["people"] is not None:
            total += read_integer(raw["people"], f"{at}.people", 0, count)
    if total > count:
        reject("value", "areas", "more people in areas than participants")


def _participant_index(value: Any, where: str, count: int) -> int:
    """The 0-based index of a pseudonym (P01 → 0) among `count` participants."""
    width = max(2, len(str(count)))
    text = read_string(value, where)
    if not re.fullmatch(rf"P\d{{{width}}}", text) or not 1 <= int(text[1:]) <= count:
        reject("value", where, "this participant is not in the participants list")
    return int(text[1:]) - 1


def _round(
    value: Any,
    where: str,
    number: int,
    pack: ContentPack,
    settings: SessionSettings,
    count: int,
    individual: bool,
) -> RoundPlan:
    # "summary" came with the earlier workshop's results; older files have none.
    raw = read_object(
        value, where, ("round", "context", "weights", "votes", "resistance"), ("summary",)
    )
    if read_integer(raw["round"], f"{where}.round", 1, MAX_ROUNDS) != number:
        reject("value", f"{where}.round", "rounds must be numbered 1, 2, … in order")
    context = _context(raw["context"], f"{where}.context", pack)
    ballots = _inputs(raw["weights"], f"{where}.weights", "ballots", settings, count, individual)
    votes = _inputs(raw["votes"], f"{where}.votes", "votes", settings, count, individual)
    seen: set[int] = set()
    ballot_plan = []
    for i, item in enumerate(ballots):
        at = f"{where}.weights.ballots[{i}]"
        entry = read_object(item, at, ("participant", "weights", "hybrid_params"))
        person = _unique(
            _participant_index(entry["participant"], f"{at}.participant", count), seen, at
        )
        weights = entry["weights"]
        if not isinstance(weights, dict):
            reject("type", f"{at}.weights", "an object is expected")
        check_with(f"{at}.weights", ballot_rules.validate_weights, pack, weights)
        hybrid = entry["hybrid_params"]
        if hybrid is not None:
            if not isinstance(hybrid, dict):
                reject("type", f"{at}.hybrid_params", "an object is expected")
            check_with(f"{at}.hybrid_params", ballot_rules.validate_hybrid_params, pack, hybrid)
        ballot_plan.append((person, weights, hybrid))
    seen = set()
    vote_plan = []
    options = pack.all_option_ids
    for i, item in enumerate(votes):
        at = f"{where}.votes.votes[{i}]"
        entry = read_object(item, at, ("participant", "vote"))
        person = _unique(
            _participant_index(entry["participant"], f"{at}.participant", count), seen, at
        )
        vote_plan.append((person, _vote(entry["vote"], f"{at}.vote", options)))
    resistance = _resistance(
        raw["resistance"], f"{where}.resistance", pack, settings, count, individual
    )
    summary = None
    if "summary" in raw:
        summary = _summary(raw, f"{where}.summary", pack)
    return RoundPlan(context, tuple(ballot_plan), tuple(vote_plan), resistance, summary)


def _summary(raw: dict[str, Any], where: str, pack: ContentPack) -> dict[str, Any]:
    """The round's summary, checked on its own and against the round's counts and flags.

    The blocks beside it are checked already, so their counts and flags can be read as they are.
    """
    summary = check_summary(raw["summary"], where, pack)
    blocks = (("ballots", "weights"), ("votes", "votes"), ("ratings", "resistance"))
    for key, block in blocks:
        if summary[key] != raw[block]["count"]:
            reject("value", f"{where}.{key}", f"differs from the count of {block}")
    shown = summary["shown"]
    if shown == raw["weights"]["withheld"]:
        reject("value", f"{where}.shown", "does not match the withheld flag of weights")
    if (summary["tally"] is not None) != (shown and not raw["votes"]["withheld"]):
        reject("value", f"{where}.tally", "a tally belongs to a shown round with enough votes")
    if bool(summary["least_resistance"]) != (shown and not raw["resistance"]["withheld"]):
        reject(
            "value",
            f"{where}.least_resistance",
            "the least resisted options belong to a shown round with enough ratings",
        )
    return summary


def _resistance(
    value: Any,
    where: str,
    pack: ContentPack,
    settings: SessionSettings,
    count: int,
    individual: bool,
) -> tuple[tuple[int, dict[str, int]], ...]:
    """A round's resistance block: each person's whole-number 0–10 for every option."""
    items = _inputs(value, where, "ratings", settings, count, individual)
    options = rated_options(pack)
    seen: set[int] = set()
    plan = []
    for i, item in enumerate(items):
        at = f"{where}.ratings[{i}]"
        entry = read_object(item, at, ("participant", "ratings"))
        person = _unique(
            _participant_index(entry["participant"], f"{at}.participant", count), seen, at
        )
        check_with(f"{at}.ratings", ballot_rules.validate_resistance, entry["ratings"], options)
        plan.append((person, ballot_rules.validate_resistance(entry["ratings"], options)))
    return tuple(plan)


def _unique(index: int, seen: set[int], where: str) -> int:
    if index in seen:
        reject("value", where, "this participant appears twice in one round")
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
    raw = read_object(value, where, ("count", "withheld", list_key))
    total = read_integer(raw["count"], f"{where}.count", 0, count)
    withheld = read_boolean(raw["withheld"], f"{where}.withheld")
    items = read_list(raw[list_key], f"{where}.{list_key}", count)
    if withheld != (total < settings.anonymity_threshold):
        reject("value", f"{where}.withheld", "does not match the count and the anonymity threshold")
    listed = individual and not withheld
    if (not listed and items) or (listed and len(items) != total):
        reject("value", f"{where}.{list_key}", "the entries do not match the count")
    return items


def _vote(value: Any, where: str, options: Sequence[str]) -> dict[str, Any]:
    """A vote of one of the three shapes; dots checked against the largest budget there is."""
    if not isinstance(value, dict):
        reject("type", where, "an object is expected")
    if len(value) != 1 or next(iter(value)) not in ("choice", "dots", "ranking"):
        reject("value", where, "a vote has exactly one of choice, dots or ranking")
    mode = {"choice": "single", "dots": "dots", "ranking": "ranking"}[next(iter(value))]
    most = DOT_BUDGET_RANGE[1]
    check_with(where, group.validate_vote, mode, value, options, budget=most, cap=most)
    return value


def _context(value: Any, where: str, pack: ContentPack) -> dict[str, Any]:
    raw = read_object(value, where, (), ("factors", "hybrids"))
    if "factors" in raw:
        factors = read_object(
            raw["factors"], f"{where}.factors", (), [f.id for f in pack.context_factors]
        )
        for factor in pack.context_factors:
            if factor.id in factors:
                read_number(
                    factors[factor.id],
                    f"{where}.factors.{factor.id}",
                    factor.minimum,
                    factor.maximum,
                )
    if "hybrids" in raw:
        if not isinstance(raw["hybrids"], dict):
            reject("type", f"{where}.hybrids", "an object is expected")
        check_with(f"{where}.hybrids", ballot_rules.validate_hybrid_params, pack, raw["hybrids"])
    check_with(where, ballot_rules.validate_context, pack, raw)  # the sliders' steps too
    return raw


def _comments(
    value: Any, pack: ContentPack, rounds: int, count: int
) -> tuple[tuple[int, str, str, str, bool], ...]:
    items = read_list(value, "comments", MAX_ITEMS)
    if items and not count:
        reject("value", "comments", "comments need at least one participant")
    targets = {
        "option": pack.all_option_ids,
        "criterion": pack.criterion_ids,
        "general": ("",),
    }
    plan = []
    for i, item in enumerate(items):
        at = f"comments[{i}]"
        raw = read_object(item, at, ("round", "target_kind", "target_id", "text", "hidden"))
        kind = read_choice(raw["target_kind"], f"{at}.target_kind", COMMENT_TARGETS)
        plan.append(
            (
                read_integer(raw["round"], f"{at}.round", 1, rounds),
                kind,
                read_choice(raw["target_id"], f"{at}.target_id", targets[kind]),
                read_text(raw["text"], f"{at}.text", MAX_TEXT, multiline=True),
                read_boolean(raw["hidden"], f"{at}.hidden"),
            )
        )
    return tuple(plan)


def _concerns(value: Any, pack: ContentPack, rounds: int, count: int) -> tuple[ConcernPlan, ...]:
    items = read_list(value, "concerns", MAX_ITEMS)
    if items and not count:
        reject("value", "concerns", "concerns need at least one participant")
    options = rated_options(pack)
    plan = []
    for i, item in enumerate(items):
        at = f"concerns[{i}]"
        fields = ("round", "kind", "text", "hidden", "upvotes", "status", "answer", "option_id")
        raw = read_object(item, at, fields)
        answer = raw["answer"]
        option = raw["option_id"]
        plan.append(
            (
                read_integer(raw["round"], f"{at}.round", 1, rounds),
                read_choice(raw["kind"], f"{at}.kind", CONCERN_KINDS),
                read_text(raw["text"], f"{at}.text", MAX_TEXT, multiline=True),
                read_boolean(raw["hidden"], f"{at}.hidden"),
                read_integer(raw["upvotes"], f"{at}.upvotes", 0, MAX_PARTICIPANTS),
                read_choice(raw["status"], f"{at}.status", CONCERN_STATUSES),
                None
                if answer is None
                else read_text(answer, f"{at}.answer", MAX_ANSWER, multiline=True),
                None if option is None else read_choice(option, f"{at}.option_id", options),
            )
        )
    return tuple(plan)


def _pilot(value: Any, pack: ContentPack) -> dict[str, Any] | None:
    """The pilot plan, checked by the app's own rules; it must be stored as written."""
    if value is None:
        return None
    if not isinstance(value, dict):
        reject("type", "pilot", "an object or null is expected")
    check_with("pilot", validate_pilot, value, pack)
    if validate_pilot(value, pack) != value:
        reject("value", "pilot", "the plan is not in the shape the app stores")
    return value


__all__ = ["READABLE_VERSIONS", "ImportPlan", "RoundPlan", "check"]
