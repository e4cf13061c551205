"""The pilot plan on the phone's results page ("What happens next", issue 16)."""

from __future__ import annotations

import pytest
from support.pages import page, refresh, texts
from support.seeding import new_session

from workshop.packs import default_pack
from workshop.store import Store
from workshop.ui.participant.pilot import current_pilot

PACK = default_pack()
PLAN = {
    "option": "segment",
    "team": "Team Nord",
    "weeks": 6,
    "measures": ["fcr", "wellbeing"],
    "other_measures": "Rückrufe",
    "review_on": "2026-05-12",
}


@pytest.fixture
def store(ui_store: Store) -> Store:
    return ui_store


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "de",
            [
                "Wie es weitergeht",
                f"Wir erproben:** {PACK.hybrid('segment').name.de} (Mischform)",
                "Team:** Team Nord",
                "Dauer:** 6 Wochen",
                "Woran wir es messen:** Erstlösungsquote, Wohlbefinden der Mitarbeitenden "
                "und Rückrufe",
                "Gemeinsamer Rückblick:** 12. Mai 2026",
            ],
        ),
        (
            "en",
            [
                "What happens next",
                f"We will pilot:** {PACK.hybrid('segment').name.en} (hybrid)",
                "Duration:** 6 weeks",
                "How we measure it:** First-contact resolution, Employee wellbeing and Rückrufe",
                "Review together:** 12 May 2026",
            ],
        ),
    ],
)
def test_the_pilot_plan_is_shown_in_the_results(store: Store, lang: str, lines: list[str]) -> None:
    code, key = new_session(store)
    token = store.join(code).token
    store.set_phase(code, key, "results")
    store.set_pilot(code, key, PLAN)
    at = page("participate", code=code, p=token, lang=lang)
    assert not at.exception
    shown = texts(at)
    missing = [line for line in lines if line not in shown]
    assert not missing, shown


def test_no_plan_no_block_and_a_new_plan_moves_the_push_signature(store: Store) -> None:
    code, key = new_session(store)
    token = store.join(code).token
    store.set_phase(code, key, "results")
    at = page("participate", code=code, p=token)
    assert "Wie es weitergeht" not in texts(at)
    drawn = at.session_state["_pilot_drawn"][1]
    store.set_pilot(code, key, dict(PLAN, weeks=1, review_on=""))
    assert current_pilot(code) != drawn  # the follower redraws the phone
    refresh(at, store, code)
    shown = texts(at)
    assert "Dauer:** 1 Woche" in shown
    assert "Rückblick" not in shown
