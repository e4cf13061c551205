"""The JSON export (schema version 3): a session as one re-importable JSON document.

Schema, version 3 — one UTF-8 JSON object; every key below is required, no other key is allowed::

    {
      "format": "fall-oder-kunde/session",          marker: this file is a session export
      "version": 3,                                  this schema (1 and 2 are read too)
      "exported_at": "2026-11-27T14:05:00Z",         when (UTC)                       [varies]
      "source": {"code": "ABC123",                   the exported session's join code  [varies]
                 "created_at": "…Z"},                and creation time (UTC)          [varies]
      "privacy": {"hidden_included": false,          were hidden comments/concerns asked for
                  "individual_rows": false},         were per-person ballots and votes asked for
      "session": {
        "title": "…", "language": "de" | "en",
        "phase": "welcome" | "weigh" | "context" | "options" | "vote" | "resistance"
                 | "results",
        "round": 2,                                  the current round = len(rounds)
        "revealed": true,                            results shown to the room
        "locked": ["comments", …],                   locked input kinds (weights, votes, …)
        "settings": {"anonymity_threshold": 5, "vote_mode": "dots", "dot_budget": 5,
                     "dot_cap_per_option": 3, "role_groups": ["Service", …],
                     "spotlight": "" | option id}   the wall's role changes in focus
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
                             "vote": {"choice": id} | {"dots": {id: n}} | {"ranking": [ids]}}]},
        "resistance": {"count": 12, "withheld": false,    complete ratings of the round
                       "ratings": [{"participant": "P01",
                                    "ratings": {option id | "status_quo": 0..10}}]},
        "summary": {"shown": true,                  the round's group results as the room saw
                    "ballots": 12, "votes": 12,       them; counts always (valid votes, complete
                    "ratings": 12,                    resistance ratings)
                    "ranking": [{"option": id, "rank": 1, "score": 0.6123}, …],
                                                      weighted sum 0–1, best first; [] if not shown
                    "tally": {"mode": "single" | "dots" | "ranking",
                              "totals": {id: n}} | null,   the vote, null if not shown
                    "least_resistance": [id | "status_quo", …]}   [] if not shown
      }, …],
      "comments": [{"round": 1, "target_kind": "option" | "criterion" | "general",
                    "target_id": "…" ("" for general), "text": "…", "hidden": false}],
      "concerns": [{"round": 1, "kind": "concern" | "question", "text": "…",
                    "hidden": false, "upvotes": 3,
                    "status": "open" | "answered" | "parked" | "out_of_scope",
                    "answer": "…" | null, "option_id": option id | null}],
      "pilot": {"option": id, "team": "…", "weeks": 8,        the pilot plan
                "measures": ["fcr", …], "other_measures": "…",  (workshop.rounds.pilot),
                "review_on": "YYYY-MM-DD" | ""} | null          null if none is agreed
    }

Version 2 files (without ``resistance``, concern status, ``pilot`` and ``spotlight``) are read as
version 3 without resistance ratings, every concern open and unanswered, no pilot.  ``summary``
is optional when reading (versions 1 and 2, and version 3 files written before it): such a file
imports without earlier results.

Summary: ``shown`` is whether the round reached the anonymity threshold of weight ballots (the
ranking's rule, :func:`workshop.rounds.results.round_results`).  When it is false the summary
holds the counts only — no ranking, no tally, no least resisted option, even where the vote or
the resistance round alone had enough entries.  When it is true, ``tally`` is null unless the
votes reached the threshold too, and ``least_resistance`` is [] unless the complete resistance
ratings did.  The numbers are the ones the decision record shows (the snapshot's results).  An
import keeps the summaries as the new session's *earlier results*
(:mod:`workshop.export.summary`), so the new session shows what the earlier workshop concluded
even when the file has no per-person rows.

Privacy (see :mod:`workshop.export.snapshot`): ``ballots``, ``votes`` and ``ratings`` lists are
filled only when ``privacy.individual_rows`` is true and the round has reached the anonymity
threshold (``"withheld": false``); otherwise they are empty beside their ``count``.  Pseudonyms
are drawn at random for every export; no per-person entry carries an area; areas are counts with
complementary suppression; hidden items are only present when ``privacy.hidden_included`` is
true; no authors of comments or concerns, no upvoters (only their number), no timestamps of
inputs.

Round trip: an export with individual rows → :func:`workshop.export.json_import.import_session`
→ export with individual rows gives the same document up to the pseudonyms (drawn anew) except
the fields marked [varies] above (:data:`VARYING_FIELDS`), ``areas`` (imported people have no
area: per-person areas are never exported) and, for rounds whose inputs are not in the file,
``count`` (the new session has none of them) — and then ``participants`` too, which lists only
people who left input in the new session.  Upvotes are given back by as many anonymous
participants as needed (the first ones first); comments and concerns are attributed to the first
participant (authors are never exported).  ``summary`` is computed from the new session's own
rows, so it comes back the same wherever the round's rows were in the file and shows the new
session's counts (counts only, ``shown`` false) where they were not.  The earlier results an
import kept are not part of the export: exporting an imported session carries only what it
holds itself (a third workshop sees the second one's results, not the first one's).

The import — its rules, limits and version 1 files — is :mod:`workshop.export.json_import`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from workshop.engine.anonymity import NO_AREA
from workshop.export.snapshot import RoundSnapshot, Snapshot
from workshop.store import PHASES

FORMAT_MARKER = "fall-oder-kunde/session"
SCHEMA_VERSION = 3
#: Fields that legitimately differ between an export and the export of its re-import.
VARYING_FIELDS = ("exported_at", "source.code", "source.created_at")


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
                "status": c.status,
                "answer": c.answer,
                "option_id": c.option_id,
            }
            for c in snapshot.concerns
        ],
        "pilot": None if snapshot.pilot is None else dict(snapshot.pilot),
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
        "resistance": {
            "count": r.resistance.count,
            "withheld": not r.resistance_visible,
            "ratings": [
                {"participant": row.pseudonym, "ratings": dict(row.ratings)}
                for row in r.resistance_rows
            ],
        },
        "summary": round_summary(r),
    }


def round_summary(r: RoundSnapshot) -> dict[str, Any]:
    """The round's group results as the room saw them (see "Summary" in the module docstring).

    Scores are rounded to four places (a hundredth of a point of 100, finer than any view).
    """
    shown = r.results.visible
    tally = r.results.tally if shown else None
    least = r.resistance.least if shown and r.resistance.shown else ()
    return {
        "shown": shown,
        "ballots": r.ballots_count,
        "votes": r.votes_count,
        "ratings": r.resistance.count,
        "ranking": [
            {"option": o.option, "rank": o.rank, "score": _score(o.score)}
            for o in (r.results.ranking if shown else ())
        ],
        "tally": None if tally is None else {"mode": tally.mode, "totals": dict(tally.totals)},
        "least_resistance": list(least),
    }


def _score(score: float) -> float:
    """A weighted-sum score on 0–1 as written: four places, never off the scale by rounding."""
    return min(1.0, max(0.0, round(float(score), 4)))


def json_bytes(snapshot: Snapshot) -> bytes:
    """The export as UTF-8 JSON text (indented, so a diff of two exports is readable)."""
    text = json.dumps(document(snapshot), ensure_ascii=False, indent=1, allow_nan=False)
    return (text + "\n").encode("utf-8")


__all__ = [
    "FORMAT_MARKER",
    "SCHEMA_VERSION",
    "VARYING_FIELDS",
    "document",
    "json_bytes",
    "round_summary",
]
