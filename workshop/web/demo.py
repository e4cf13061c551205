"""A seeded demo session: a dozen simulated participants, so a facilitator can try the wall alone.

The personas are plausible voices of a service unit (front line, back office, team leads, sales,
IT); their weights vary around each persona's priorities, seeded so every demo looks alike.
"""

from __future__ import annotations

import random
from typing import Any

from workshop.content import ContentPack
from workshop.engine.ballots import STATUS_QUO
from workshop.packs import pack_to_data

#: Priorities per persona: criteria they weigh high (8–10) and low (0–3); the rest lie between.
PERSONAS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Service", ("FCR", "EFF", "EMO"), ("TTM", "CST")),
    ("Service", ("AUT", "FCR", "KNW"), ("CST", "SKL")),
    ("Service", ("EMO", "SKL", "RES"), ("AUT", "REL")),
    ("Vertrieb", ("REL", "EFF", "ACC"), ("CST", "SKL")),
    ("Vertrieb", ("REL", "SPD", "CON"), ("KNW", "TTM")),
    ("IT", ("TTM", "KNW", "CON"), ("REL", "EMO")),
    ("Service", ("LB", "RES", "CST"), ("REL", "AUT")),
    ("Service", ("SPD", "FCR", "ACC"), ("TTM", "KNW")),
    ("Vertrieb", ("REL", "ACC", "FCR"), ("LB", "CST")),
    ("Service", ("EMO", "RES", "LB"), ("AUT", "TTM")),
    ("IT", ("KNW", "CON", "CST"), ("EMO", "REL")),
    ("Service", ("EFF", "FCR", "SPD"), ("CST", "CON")),
)

CONCERNS = {
    "de": (
        ("concern", "Wie verändert sich meine Rolle, wenn ich Fälle bis zum Ende verantworte?"),
        ("question", "Bin ich für mehr Verantwortung ausreichend eingearbeitet?"),
        ("concern", "Wer vertritt mich bei meinen Stammkunden, wenn ich krank bin?"),
        ("question", "Wie messen wir, ob der Pilot besser ist als heute?"),
    ),
    "en": (
        ("concern", "How does my role change if I own cases end to end?"),
        ("question", "Am I trained well enough for more responsibility?"),
        ("concern", "Who covers my regular customers when I am ill?"),
        ("question", "How will we measure whether the pilot beats today?"),
    ),
}


#: The facilitator's answers in the demo: the first concern is answered, the last parked.
ANSWERS = {
    "de": "Das klären wir im Pilot: Einarbeitung im Tandem und eine feste Ansprechperson "
    "für Rückfragen.",
    "en": "We will settle this in the pilot: onboarding in pairs and a fixed contact for "
    "questions.",
}

#: Resistance 0–10 per option: a low, middle or high band, so the demo's ratings differ by option.
_RESISTANCE_BANDS = {"low": (0, 4), "middle": (2, 7), "high": (5, 10)}


def _demo_resistance(options: list[str], status_quo: str, rng: random.Random) -> dict[str, int]:
    """One simulated participant's resistance: each option in a band, keeping today middling."""
    ratings = {}
    for option in options:
        low, high = _RESISTANCE_BANDS[rng.choice(("low", "middle", "middle", "high"))]
        ratings[option] = rng.randint(low, high)
    ratings[status_quo] = rng.randint(3, 8)
    return ratings


def persona_weights(
    pack: ContentPack, high: tuple[str, ...], low: tuple[str, ...], rng: random.Random
) -> dict[str, int]:
    """Slider positions for one simulated participant."""
    weights = {}
    for criterion in pack.criterion_ids:
        if criterion in high:
            weights[criterion] = rng.randint(8, 10)
        elif criterion in low:
            weights[criterion] = rng.randint(0, 3)
        else:
            weights[criterion] = rng.randint(3, 7)
    return weights


def seed_demo(
    store: Any, pack: ContentPack, settings: Any, language: str = "de", seed: int = 2026
) -> Any:
    """Create a demo session with twelve participants' weights, votes, concerns and resistance.

    `store` is a `workshop.store.Store` and `settings` its `SessionSettings` (dots voting with a
    budget of at least 5); both are passed in so this module stays free of the database layer.
    Returns the store's CreatedSession (its code and facilitator key open the console).
    """
    rng = random.Random(seed)  # noqa: S311 - simulated people, not secrets
    title = "Demo: Fall oder Kunde?" if language == "de" else "Demo: case or customer?"
    created = store.create_session(title, language, pack_to_data(pack), settings)
    code = created.code
    store.set_context(
        code,
        created.facilitator_key,
        {"factors": {"complexity": 60, "repeat_contacts": 40}, "hybrids": {}},
    )
    tokens = []
    for role, high, low in PERSONAS:
        token = store.join(code, role_group=role).token
        tokens.append(token)
        store.submit_weights(code, token, persona_weights(pack, high, low, rng))
    options = list(pack.all_option_ids)
    for token in tokens:
        picks = rng.sample(options, 3)
        store.submit_vote(code, token, {"dots": {picks[0]: 3, picks[1]: 1, picks[2]: 1}})
    concerns = [
        store.add_concern(code, tokens[i], body, kind)
        for i, (kind, body) in enumerate(CONCERNS.get(language, CONCERNS["en"]))
    ]
    for token in tokens:
        for concern in rng.sample(concerns, rng.randint(0, len(concerns))):
            store.upvote(code, token, concern.id)
    _seed_resistance_and_answers(store, created, options, tokens, concerns, language, seed)
    return created


def _seed_resistance_and_answers(
    store: Any,
    created: Any,
    options: list[str],
    tokens: list[str],
    concerns: list[Any],
    language: str,
    seed: int,
) -> None:
    """Resistance ratings from everyone, one answered and one parked concern.

    A generator of its own, so the weights and votes above stay what they were before
    resistance rounds existed.
    """
    rng = random.Random(seed + 1)  # noqa: S311 - simulated people, not secrets
    for token in tokens:
        store.submit_resistance(created.code, token, _demo_resistance(options, STATUS_QUO, rng))
    key = created.facilitator_key
    answer = ANSWERS.get(language, ANSWERS["en"])
    store.set_concern_status(created.code, key, concerns[1].id, "answered", answer)
    store.set_concern_status(created.code, key, concerns[-1].id, "parked")
