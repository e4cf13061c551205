"""What changes for me? on the phone (issue 16): six aspects per option and role, not stored."""

from __future__ import annotations

import dataclasses
import html

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import page, texts
from support.seeding import new_session

from workshop.content import ROLE_CHANGE_ASPECTS, ContentPack
from workshop.packs import default_pack, pack_to_data
from workshop.store import SessionSettings, Store

PACK = default_pack()
LABELS = {
    "de": (
        "Verantwortung",
        "Entscheidungsspielraum",
        "Was man können muss",
        "Schulung und Unterstützung",
        "Emotionale Belastung",
        "Entwicklung und Karriere",
    ),
    "en": (
        "Responsibility",
        "Room to decide",
        "Skills you need",
        "Training and support",
        "Emotional load",
        "Growth and career",
    ),
}
TITLE = {"de": "Was ändert sich für mich?", "en": "What changes for me?"}


@pytest.fixture
def store(ui_store: Store) -> Store:
    return ui_store


def _rows(store: Store, code: str, token: str) -> tuple[object, ...]:
    """What the store holds that a phone could change: the event log, the participant."""
    return (store.last_seq(code), store.participant(code, token), store.weights_of(code, token))


def _shown(at: AppTest) -> str:
    """The readable text of the "what changes for me" expander (markdown and captions)."""
    (expander,) = [e for e in at.expander if e.label in TITLE.values()]
    parts = [m.value for m in expander.markdown] + [c.value for c in expander.caption]
    return html.unescape("\n".join(parts))


def _choose(at: AppTest, code: str, role: str, option: str) -> AppTest:
    at.selectbox(key=f"role_change.role.{code}").set_value(role)
    return at.selectbox(key=f"role_change.option.{code}").set_value(option).run()


@pytest.mark.parametrize(("phase", "lang"), [("options", "de"), ("results", "en")])
def test_the_six_aspects_of_the_chosen_option_and_role(store: Store, phase: str, lang: str) -> None:
    """Each aspect under its label, in the reader's language, with the sources; nothing stored."""
    assert PACK.roles, "the built-in pack names roles"
    code, key = new_session(store, anonymity_threshold=3)
    token = store.join(code).token
    store.set_phase(code, key, phase)
    at = page("participate", code=code, p=token, lang=lang)
    assert not at.exception
    before = _rows(store, code, token)
    _choose(at, code, "specialist", "case_owner")
    assert not at.exception
    change = PACK.role_change("case_owner", "specialist")
    assert change is not None
    shown = _shown(at)
    for label, aspect in zip(LABELS[lang], ROLE_CHANGE_ASPECTS, strict=True):
        assert f"{label}\n{change.aspect(aspect).get(lang)}" in shown.replace("**", "").replace(
            "  \n", "\n"
        )
    citations = {s.id: s.citation for s in PACK.sources}
    assert all(citations[s] in shown for s in change.sources)
    assert PACK.role("specialist").description.get(lang) in shown
    _choose(at, code, "team_lead", "pods_swarm")  # a hybrid too
    other = PACK.role_change("pods_swarm", "team_lead")
    assert other is not None and other.responsibility.get(lang) in _shown(at)
    assert _rows(store, code, token) == before  # the choice stays on the phone


def test_the_option_starts_at_my_own_leader(store: Store) -> None:
    """All weight on the relationship: the dedicated contact leads, and the picker starts there."""
    code, key = new_session(store, anonymity_threshold=3)
    token = store.join(code).token
    weights = dict.fromkeys(PACK.criterion_ids, 0) | {"REL": 10}
    store.submit_weights(code, token, weights)
    store.set_phase(code, key, "options")
    at = page("participate", code=code, p=token)
    assert at.selectbox(key=f"role_change.option.{code}").value == "dedicated"


def test_nothing_shows_for_a_pack_without_roles(store: Store) -> None:
    bare: ContentPack = dataclasses.replace(PACK, roles=(), role_changes=())
    made = store.create_session(
        "Ohne Rollen", "de", pack_to_data(bare), SessionSettings(anonymity_threshold=3)
    )
    token = store.join(made.code).token
    for phase in ("options", "results"):
        store.set_phase(made.code, made.facilitator_key, phase)
        at = page("participate", code=made.code, p=token)
        assert not at.exception
        assert TITLE["de"] not in [e.label for e in at.expander]
        assert "Verantwortung" not in texts(at)
