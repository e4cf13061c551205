"""Seeded sessions for the UI suite (a module of its own: test files import from it, and a
``from conftest import`` would find whichever suite's conftest was imported last)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workshop.packs import default_pack, pack_to_data
from workshop.store import SessionSettings, Store

PACK = default_pack()

Profile = Mapping[str, int]


@dataclass(frozen=True)
class Seeded:
    """A session made for a test: its code, facilitator key and participants' tokens."""

    code: str
    key: str
    tokens: tuple[str, ...]


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


def seed_session(
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
    """Create a session with the default pack, join participants and submit their weights."""
    settings = SessionSettings(anonymity_threshold=threshold, vote_mode=vote_mode)
    created = store.create_session(title, language, pack_to_data(PACK), settings)
    tokens = tuple(store.join(created.code).token for _ in range(participants))
    if weights is not None:
        submit_weights(store, created.code, tokens, profiles(weights, len(tokens)))
    if revealed:
        store.set_revealed(created.code, created.facilitator_key, True)
    return Seeded(created.code, created.facilitator_key, tokens)


def submit_weights(
    store: Store, code: str, tokens: Sequence[str], weights: Sequence[Profile]
) -> None:
    """Submit one weight profile per token (zip order)."""
    for token, profile in zip(tokens, weights, strict=False):
        store.submit_weights(code, token, dict(profile))
