"""Sessions made for a test (and for the export benchmark), from an empty one to a full workshop.

* :func:`new_session`: an empty session with the default pack and the given settings;
* :func:`simple_session`: participants joined, their weights submitted, results revealed as
  asked (the page tests);
* :func:`seed_session`: every kind of data in two rounds (the export tests and benchmark).

All are deterministic (fixed random seeds): the same call gives the same ballots, votes and
texts, so tests can state exact row counts.  In :func:`seed_session` the role groups are uneven
on purpose: with the default threshold of 5 the "IT" group (2 people) must be blanked in exports.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workshop.packs import default_pack, pack_to_data
from workshop.store import CreatedSession, SessionSettings, Store

PACK = default_pack()
#: One participant's slider positions, by criterion.
Profile = Mapping[str, int]
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
    """A session made for a test: its code, facilitator key and participants' tokens (joining
    order)."""

    code: str
    key: str
    tokens: tuple[str, ...]


def create(
    store: Store, settings: SessionSettings, title: str = "Testworkshop", language: str = "de"
) -> CreatedSession:
    """A session with the default pack, nobody joined yet."""
    return store.create_session(title, language, pack_to_data(PACK), settings)


def new_session(store: Store, **settings: Any) -> tuple[str, str]:
    """A session with the default pack and these settings; returns (code, facilitator key)."""
    created = create(store, SessionSettings(**settings))
    return created.code, created.facilitator_key


def profiles(kind: str | Sequence[Profile], n: int, seed: int = 1) -> list[Profile]:
    """Weight profiles for n participants: "equal" (all 5), "varied" (random 0–10) or a list."""
    if not isinstance(kind, str):
        return list(kind)[:n]
    rng = random.Random(seed)
    criteria = PACK.criterion_ids
    if kind == "equal":
        return [dict.fromkeys(criteria, 5) for _ in range(n)]
    if kind == "varied":
        return [{c: rng.randint(0, 10) for c in criteria} for _ in range(n)]
    raise ValueError(f"unknown profile kind {kind!r}")


def submit_weights(
    store: Store, code: str, tokens: Sequence[str], weights: Sequence[Profile]
) -> None:
    """Submit one weight profile per token (zip order)."""
    for token, profile in zip(tokens, weights, strict=False):
        store.submit_weights(code, token, dict(profile))


def simple_session(
    store: Store,
    participants: int = 0,
    *,
    weights: str | Sequence[Profile] | None = None,
    threshold: int = 3,
    vote_mode: str = "dots",
    title: str = "Kick-off Kundenservice",
    language: str = "de",
    revealed: bool = False,
) -> Seeded:
    """A session with the default pack, participants joined, their weights (see :func:`profiles`)
    submitted if given, the results revealed if asked."""
    settings = SessionSettings(anonymity_threshold=threshold, vote_mode=vote_mode)
    created = create(store, settings, title, language)
    tokens = tuple(store.join(created.code).token for _ in range(participants))
    if weights is not None:
        submit_weights(store, created.code, tokens, profiles(weights, len(tokens)))
    if revealed:
        store.set_revealed(created.code, created.facilitator_key, True)
    return Seeded(created.code, created.facilitator_key, tokens)


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
    created = create(store, settings, title, language)
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
