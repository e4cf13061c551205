"""Participants: joining with a secret token, nicknames, role groups."""

from __future__ import annotations

import pytest
from store_support import Database

from workshop.errors import InvalidInput, UnknownParticipant
from workshop.store import CreatedSession, Joined, Store


def test_join_returns_a_long_token_that_finds_the_participant(
    store: Store, code: str, alice: Joined
) -> None:
    """The token (at least 256 bits) identifies the participant; nickname and group are kept."""
    assert len(alice.token) >= 43
    found = store.participant(code, alice.token)
    assert found is not None
    assert (found.id, found.nickname, found.role_group) == (
        alice.participant_id,
        "Alice",
        "Service",
    )


def test_unknown_token_finds_nobody(store: Store, code: str, alice: Joined) -> None:
    """A token that was never issued finds no participant and may not submit."""
    assert store.participant(code, "not-a-token") is None
    assert store.participant(code, "") is None
    with pytest.raises(UnknownParticipant):
        store.submit_weights(code, alice.token + "x", {"SPD": 1})


def test_token_of_another_session_is_refused(store: Store, code: str, alice: Joined) -> None:
    """A participant of one session is unknown in another."""
    other = store.create_session("Other", "en", {}).code
    assert store.participant(other, alice.token) is None
    with pytest.raises(UnknownParticipant):
        store.submit_vote(other, alice.token, {"choice": "OWN"})


@pytest.mark.parametrize(
    ("given", "stored"),
    [(None, None), ("", None), ("   ", None), ("  Kim   Lee ", "Kim Lee"), ("Jörg 🙂", "Jörg 🙂")],
)
def test_nickname_is_stripped(
    store: Store, code: str, given: str | None, stored: str | None
) -> None:
    """Nicknames are stripped with inner spaces collapsed; blank means no nickname."""
    joined = store.join(code, nickname=given)
    found = store.participant(code, joined.token)
    assert found is not None and found.nickname == stored


@pytest.mark.parametrize("nickname", ["x" * 41, "bell\x07", "line\nbreak", 42])
def test_bad_nickname_is_refused(store: Store, db: Database, code: str, nickname: object) -> None:
    """Overlong nicknames, control characters and non-text are refused; nobody joins."""
    with pytest.raises(InvalidInput) as caught:
        store.join(code, nickname=nickname)  # type: ignore[arg-type]
    assert caught.value.details["field"] == "nickname"
    assert db.count("participants") == 0


def test_role_group_must_be_one_of_the_sessions(store: Store, db: Database, code: str) -> None:
    """Only the facilitator's role groups are accepted (or none)."""
    with pytest.raises(InvalidInput):
        store.join(code, role_group="Marketing")
    assert db.count("participants") == 0
    joined = store.join(code, role_group="IT")
    found = store.participant(code, joined.token)
    assert found is not None and found.role_group == "IT"


def test_update_participant_changes_nickname_and_group(
    store: Store, code: str, alice: Joined
) -> None:
    """A participant renames themself and switches group; bad values change nothing."""
    updated = store.update_participant(code, alice.token, "Ali", "IT")
    assert (updated.nickname, updated.role_group) == ("Ali", "IT")
    with pytest.raises(InvalidInput):
        store.update_participant(code, alice.token, "Ali", "Marketing")
    with pytest.raises(UnknownParticipant):
        store.update_participant(code, "wrong", "Eve", None)
    assert store.participant(code, alice.token) == updated


def test_participants_lists_everyone_without_tokens(
    store: Store, code: str, alice: Joined, bob: Joined
) -> None:
    """participants() returns everyone in joining order and no secrets."""
    listed = store.participants(code)
    assert [p.id for p in listed] == [alice.participant_id, bob.participant_id]
    assert alice.token not in repr(listed)


def test_secrets_stay_out_of_repr(created: CreatedSession, alice: Joined) -> None:
    """repr of a new session or participant never shows the key or the token."""
    assert created.facilitator_key not in repr(created)
    assert alice.token not in repr(alice)
