"""A seeded session for the export tests and the export benchmark: every kind of data, two rounds.

Deterministic (a fixed random seed): the same call gives the same ballots, votes and texts, so
tests can state exact row counts.  Role groups are uneven on purpose: with the default
threshold of 5 the "IT" group (2 people) must be blanked in exports.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from workshop.packs import default_pack, pack_to_data
from workshop.store import SessionSettings, Store

PACK = default_pack()
GROUPS = ("Service", "Vertrieb", "IT")

COMMENTS = (
    ("option", "case_owner", '=HYPERLINK("http://example.invalid","klick")'),
    ("general", None, "<script>alert('x')</script> „Zitat“ – Gedanke… Äußerung"),
    ("criterion", "FCR", "+49 30 1234 – so erreichen Sie uns"),
    ("criterion", "REL", "Dieser Kommentar wird ausgeblendet."),
)
CONCERNS = (
    ("concern", "Wer vertritt mich bei meinen Stammkunden, wenn ich krank bin?"),
    ("question", "@alle: Wie messen wir, ob der Pilot besser ist als heute?"),
    ("concern", "-- Sorge um Überlastung im Frühjahr"),
    ("question", "Diese Frage wird ausgeblendet."),
)
NOTES = {
    "welcome": "Begrüßung durch die Bereichsleitung.\nErwartungen gesammelt.",
    "weigh": "Lange Diskussion: Erstlösung gegen Kundenbeziehung.",
    "results": "1. Pilot mit zwei Teams ab März.\n2. Betriebsrat früh einbinden.",
}


@dataclass(frozen=True)
class Seeded:
    """The session's code, facilitator key and participants' tokens (joining order)."""

    code: str
    key: str
    tokens: tuple[str, ...]


def group_of(index: int, participants: int) -> str:
    """IT for the last two, Vertrieb for a quarter, Service for the rest."""
    if index >= participants - 2:
        return "IT"
    return "Vertrieb" if index % 4 == 1 else "Service"


def weights(rng: random.Random, shift: int = 0) -> dict[str, int]:
    """Random slider positions; `shift` leans the first criteria up (a later round moves)."""
    return {
        c: min(10, max(0, rng.randint(2, 9) + (shift if k < 3 else 0)))
        for k, c in enumerate(PACK.criterion_ids)
    }


def vote(rng: random.Random, mode: str, options: Sequence[str]) -> dict[str, object]:
    """A valid vote of the mode (dots: budget 5, at most 3 per option)."""
    if mode == "single":
        return {"choice": rng.choice(list(options))}
    if mode == "ranking":
        return {"ranking": rng.sample(list(options), 4)}
    first, second, third = rng.sample(list(options), 3)
    return {"dots": {first: 3, second: 1, third: 1}}


def seed_session(
    store: Store,
    participants: int = 12,
    *,
    threshold: int = 5,
    language: str = "de",
    vote_mode: str = "dots",
    voters: int | None = None,
    title: str = "Kick-off Kundenservice Süd",
    seed: int = 2026,
) -> Seeded:
    """Two rounds with weights, votes, context, comments, concerns (some hidden) and notes.

    `voters` limits how many vote (default: everyone), to test a vote count below the threshold.
    """
    rng = random.Random(seed)
    settings = SessionSettings(
        anonymity_threshold=threshold, vote_mode=vote_mode, role_groups=GROUPS
    )
    created = store.create_session(title, language, pack_to_data(PACK), settings)
    code, key = created.code, created.facilitator_key
    tokens = tuple(
        store.join(code, role_group=group_of(i, participants)).token for i in range(participants)
    )
    options = [*PACK.option_ids, *(h.id for h in PACK.hybrids)]
    hybrid = PACK.hybrids[0]
    store.set_context(
        code, key, {"factors": {"complexity": 70, "repeat_contacts": 40}, "hybrids": {}}
    )
    for n, token in enumerate(tokens):
        params = {hybrid.id: hybrid.defaults()} if n % 3 == 0 else None
        store.submit_weights(code, token, weights(rng), params)
    for token in tokens[: participants if voters is None else voters]:
        store.submit_vote(code, token, vote(rng, vote_mode, options))
    if tokens:
        _discussion(store, code, key, tokens, rng)
    for phase, text in NOTES.items():
        store.set_note(code, key, phase, text)
    store.set_revealed(code, key, True)
    store.start_round(code, key)
    chosen = {hybrid.id: {p.id: p.maximum for p in hybrid.parameters}}
    store.set_context(
        code, key, {"factors": {"complexity": 40, "repeat_contacts": 60}, "hybrids": chosen}
    )
    for token in tokens:
        store.submit_weights(code, token, weights(rng, shift=2))
    for token in tokens[: participants if voters is None else voters]:
        store.submit_vote(code, token, vote(rng, vote_mode, options))
    store.set_locked(code, key, "comments", True)
    store.set_phase(code, key, "results")
    return Seeded(code, key, tokens)


def _discussion(
    store: Store, code: str, key: str, tokens: Sequence[str], rng: random.Random
) -> None:
    """Comments and concerns of round 1: upvotes, and the last of each kind hidden."""
    for n, (kind, target, text) in enumerate(COMMENTS):
        comment = store.add_comment(code, tokens[n % len(tokens)], kind, target, text)
        if n == len(COMMENTS) - 1:
            store.set_comment_hidden(code, key, comment.id, True)
    for n, (kind, text) in enumerate(CONCERNS):
        concern = store.add_concern(code, tokens[n % len(tokens)], text, kind)
        for token in tokens[: (n * 3 + 1) % len(tokens) + 1]:
            store.upvote(code, token, concern.id)
        if n == len(CONCERNS) - 1:
            store.set_concern_hidden(code, key, concern.id, True)
