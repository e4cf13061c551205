"""Comments, concerns, upvotes, moderation and the facilitator's notes."""

from __future__ import annotations

from typing import Any

import pytest
from store_support import Database, FakeClock

from workshop.errors import InvalidInput, ItemNotFound, WrongFacilitatorKey
from workshop.store import PHASES, Joined, Store


def test_comments_on_options_criteria_and_general(store: Store, code: str, alice: Joined) -> None:
    """Comments keep their target, author id, round and multi-line text."""
    on_option = store.add_comment(code, alice.token, "option", "OWN", "Klingt gut\naber teuer")
    on_criterion = store.add_comment(code, alice.token, "criterion", "SPD", "Wichtig")
    general = store.add_comment(code, alice.token, "general", "", "Danke")
    assert (on_option.target_kind, on_option.target_id) == ("option", "OWN")
    assert on_option.text == "Klingt gut\naber teuer"
    assert (general.target_id, general.participant_id, general.round) == (
        "",
        alice.participant_id,
        1,
    )
    assert store.comments(code) == [on_option, on_criterion, general]


@pytest.mark.parametrize(
    ("target_kind", "target_id", "text"),
    [
        ("option", None, "x"),
        ("option", "", "x"),
        ("general", "OWN", "x"),
        ("person", "x", "x"),
        ("option", "OWN", ""),
        ("option", "OWN", "x" * 2001),
        ("option", "OWN", "null\x00byte"),
    ],
)
def test_invalid_comments_are_refused(
    store: Store,
    db: Database,
    code: str,
    alice: Joined,
    target_kind: str,
    target_id: Any,
    text: str,
) -> None:
    """Wrong targets, empty, overlong or control-character texts store nothing."""
    with pytest.raises(InvalidInput):
        store.add_comment(code, alice.token, target_kind, target_id, text)
    assert db.count("comments") == 0


def test_hidden_comments_are_left_out(store: Store, code: str, key: str, alice: Joined) -> None:
    """A hidden comment is listed only when asked for; it can be shown again."""
    kept = store.add_comment(code, alice.token, "general", None, "Ok")
    hidden = store.add_comment(code, alice.token, "general", None, "Beleidigung")
    store.set_comment_hidden(code, key, hidden.id, True)
    assert store.comments(code) == [kept]
    assert [c.hidden for c in store.comments(code, include_hidden=True)] == [False, True]
    store.set_comment_hidden(code, key, hidden.id, False)
    assert len(store.comments(code)) == 2


def test_hiding_an_unknown_comment_is_refused(store: Store, code: str, key: str) -> None:
    """A comment id that is not in this session raises ItemNotFound."""
    with pytest.raises(ItemNotFound):
        store.set_comment_hidden(code, key, 999, True)


def test_concerns_sort_by_upvotes_then_age(
    store: Store, code: str, alice: Joined, bob: Joined, clock: FakeClock
) -> None:
    """Most upvoted first; equal upvotes keep the older first."""
    old = store.add_concern(code, alice.token, "Datenschutz?", "question")
    clock.advance(seconds=1)
    middle = store.add_concern(code, bob.token, "Zu viele Übergaben")
    clock.advance(seconds=1)
    new = store.add_concern(code, bob.token, "Schulungsaufwand")
    store.upvote(code, alice.token, new.id)
    store.upvote(code, bob.token, new.id)
    store.upvote(code, alice.token, middle.id)
    listed = store.concerns(code)
    assert [(c.id, c.upvotes) for c in listed] == [(new.id, 2), (middle.id, 1), (old.id, 0)]
    assert listed[2].kind == "question"


def test_upvote_counts_once_and_can_be_withdrawn(
    store: Store, db: Database, code: str, alice: Joined
) -> None:
    """Upvoting twice counts once; withdrawing twice removes it once."""
    concern = store.add_concern(code, alice.token, "Kosten?")
    assert store.upvote(code, alice.token, concern.id) is True
    assert store.upvote(code, alice.token, concern.id) is False
    assert db.count("upvotes") == 1
    assert store.my_upvotes(code, alice.token) == {concern.id}
    assert store.remove_upvote(code, alice.token, concern.id) is True
    assert store.remove_upvote(code, alice.token, concern.id) is False
    assert store.concerns(code)[0].upvotes == 0
    assert store.my_upvotes(code, alice.token) == frozenset()


def test_hidden_or_foreign_concerns_cannot_be_upvoted(
    store: Store, code: str, key: str, alice: Joined
) -> None:
    """Hidden concerns, unknown ids and other sessions' concerns raise ItemNotFound."""
    concern = store.add_concern(code, alice.token, "Off topic")
    store.set_concern_hidden(code, key, concern.id, True)
    assert store.concerns(code) == []
    assert store.concerns(code, include_hidden=True)[0].hidden is True
    other = store.create_session("Other", "en", {}).code
    someone = store.join(other)
    foreign = store.add_concern(other, someone.token, "Elsewhere")
    for concern_id in (concern.id, 12345, foreign.id):
        with pytest.raises(ItemNotFound):
            store.upvote(code, alice.token, concern_id)


def test_concern_kind_must_be_known(store: Store, code: str, alice: Joined) -> None:
    """Only concerns and questions exist."""
    with pytest.raises(InvalidInput):
        store.add_concern(code, alice.token, "Hurra", "praise")


def test_notes_per_phase(store: Store, code: str, key: str) -> None:
    """Notes are kept per phase in phase order, overwritten, and removed when emptied."""
    store.set_note(code, key, "vote", "Mehrheit für OWN")
    store.set_note(code, key, "welcome", "30 Leute da\nKaffee fehlt")
    store.set_note(code, key, "vote", "Knapp: OWN vor TIER")
    assert store.notes(code, key) == {
        "welcome": "30 Leute da\nKaffee fehlt",
        "vote": "Knapp: OWN vor TIER",
    }
    store.set_note(code, key, "welcome", "")
    assert store.notes(code, key) == {"vote": "Knapp: OWN vor TIER"}
    assert set(store.notes(code, key)) <= set(PHASES)
    with pytest.raises(InvalidInput):
        store.set_note(code, key, "afterparty", "x")


def test_notes_are_private_to_the_facilitator(store: Store, code: str, key: str) -> None:
    """Reading the notebook needs the facilitator key; a wrong key reads nothing."""
    store.set_note(code, key, "vote", "Vertraulich")
    with pytest.raises(WrongFacilitatorKey):
        store.notes(code, "not-the-key")
