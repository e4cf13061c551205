"""Concerns on the phone show their status, option and answer, and follow changes (issue 16)."""

from __future__ import annotations

import html

import pytest
from support.pages import page, refresh, texts
from support.seeding import new_session

from workshop.packs import default_pack
from workshop.store import Store
from workshop.ui.participant.posts import current_concerns

PACK = default_pack()


@pytest.fixture
def store(ui_store: Store) -> Store:
    return ui_store


def _captions(at: object) -> list[str]:
    return [html.unescape(c.value) for c in at.caption]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_status_option_and_answer_are_shown(store: Store, lang: str) -> None:
    code, key = new_session(store, anonymity_threshold=3)
    token = store.join(code).token
    answered = store.add_concern(code, token, "Wer vertritt mich?", "question")
    store.set_concern_status(code, key, answered.id, "answered", "Das Team **gemeinsam**.")
    parked = store.add_concern(code, token, "Zu viele Übergaben", "concern", option_id="pods")
    store.set_concern_status(code, key, parked.id, "parked")
    store.add_concern(code, token, "Noch offen", "concern")
    at = page("participate", code=code, p=token, lang=lang)
    assert not at.exception
    captions = _captions(at)
    pods = PACK.option("pods").name.get(lang)
    if lang == "de":
        expected = [
            "Beantwortet\nAntwort der Moderation: Das Team **gemeinsam**.",
            f"Für den Pilot vorgemerkt · zu: {pods}",
            "Offen",
        ]
    else:
        expected = [
            "Answered\nFacilitator's answer: Das Team **gemeinsam**.",
            f"Parked for the pilot · about: {pods}",
            "Open",
        ]
    shown = [c.replace("  \n", "\n") for c in captions]
    assert all(e in shown for e in expected), shown
    raw = [c.value for c in at.caption]
    assert not any("**gemeinsam**" in c for c in raw), "the answer is text, never Markdown"


def test_out_of_scope_is_named(store: Store) -> None:
    code, key = new_session(store)
    token = store.join(code).token
    concern = store.add_concern(code, token, "Gehälter", "concern")
    store.set_concern_status(code, key, concern.id, "out_of_scope")
    at = page("participate", code=code, p=token)
    assert "Nicht Thema dieses Workshops" in _captions(at)


def test_a_status_or_answer_change_reaches_the_phone(store: Store) -> None:
    """The concerns' push signature moves with a status and with an answer; the page follows."""
    code, key = new_session(store)
    token = store.join(code).token
    concern = store.add_concern(code, token, "Wie messen wir das?", "question")
    at = page("participate", code=code, p=token)
    drawn = at.session_state["_posts_drawn"][1]
    assert current_concerns(code) == drawn
    store.set_concern_status(code, key, concern.id, "answered")
    after_status = current_concerns(code)
    assert after_status != drawn
    store.set_concern_status(code, key, concern.id, "answered", "Mit der Erstlösungsquote.")
    assert current_concerns(code) != after_status
    refresh(at, store, code)
    assert "Antwort der Moderation: Mit der Erstlösungsquote." in texts(at)
    assert at.session_state["_posts_drawn"][1] == current_concerns(code)
