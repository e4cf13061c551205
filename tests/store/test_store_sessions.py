"""Sessions: creation, reading, settings, steering and expiry."""

from __future__ import annotations

import base64
import math
from datetime import timedelta
from typing import Any

import pytest
from store_support import PACK, ROLE_GROUPS, Database, FakeClock

from workshop.errors import (
    InputLocked,
    InvalidInput,
    InvalidSettings,
    JoinCodeUnavailable,
    SessionExpired,
    SessionNotFound,
)
from workshop.store import INPUT_KINDS, CreatedSession, Joined, SessionSettings, Store
from workshop.store import sessions as sessions_module
from workshop.store.base import PACK_CACHE_LIMIT
from workshop.store.credentials import JOIN_CODE_ALPHABET


def test_create_returns_readable_code_and_long_key(created: CreatedSession) -> None:
    """A join code has 6 characters without look-alikes; the key has at least 128 bits."""
    assert len(created.code) == 6
    assert set(created.code) <= set(JOIN_CODE_ALPHABET)
    assert not set("0O1IL5S2Z8B") & set(JOIN_CODE_ALPHABET)
    raw = base64.urlsafe_b64decode(created.facilitator_key + "==")
    assert len(raw) * 8 >= 128


def test_join_codes_are_unique(store: Store) -> None:
    """Many sessions get many different codes."""
    codes = {store.create_session(f"S{i}", "en", {}).code for i in range(40)}
    assert len(codes) == 40


def test_session_view_holds_what_was_created(store: Store, created: CreatedSession) -> None:
    """get_session returns title, language, pack, settings and the initial state."""
    view = store.get_session(created.code)
    assert view == created.session
    assert (view.title, view.language, view.pack_data) == ("Kick-off Kundenservice", "de", PACK)
    assert view.settings == SessionSettings(role_groups=ROLE_GROUPS)
    assert (view.phase, view.revealed, view.locked, view.round) == (
        "welcome",
        False,
        frozenset(),
        1,
    )
    assert view.expires_at - view.created_at == timedelta(days=30)
    assert view.last_seq == 1


def test_pack_is_a_frozen_copy(store: Store) -> None:
    """Changing the pack dict after creation, or a returned copy, never changes the session."""
    pack: dict[str, Any] = {"options": [{"id": "A"}]}
    code = store.create_session("T", "en", pack).code
    pack["options"].append({"id": "B"})
    store.get_session(code).pack_data["options"].clear()
    assert store.get_session(code).pack_data == {"options": [{"id": "A"}]}


def test_each_session_shows_its_own_pack(store: Store) -> None:
    """The store reads a session's pack once and keeps it: a session created after another was
    deleted (SQLite may give it the same id) shows its own pack, and so do more sessions than
    the store keeps packs of, read again in any order."""
    first = store.create_session("T", "en", {"options": [{"id": "A"}]})
    assert store.get_session(first.code).pack_data == {"options": [{"id": "A"}]}
    store.delete_session(first.code, first.facilitator_key)
    second = store.create_session("T", "en", {"options": [{"id": "B"}]})
    assert store.get_session(second.code).pack_data == {"options": [{"id": "B"}]}
    many = [store.create_session("T", "en", {"n": n}).code for n in range(PACK_CACHE_LIMIT + 3)]
    for n, code in reversed(list(enumerate(many))):
        assert store.get_session(code).pack_data == {"n": n}


def test_codes_are_normalised_on_lookup(store: Store, code: str) -> None:
    """Lower case, spaces and a dash in a typed code still find the session."""
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    assert store.get_session(typed).code == code


@pytest.mark.parametrize("unknown", ["AAAAAA", "", "??????", "A" * 100])
def test_unknown_code_raises_session_not_found(store: Store, unknown: str) -> None:
    """A code no session has is refused with SessionNotFound."""
    with pytest.raises(SessionNotFound):
        store.get_session(unknown)
    with pytest.raises(SessionNotFound):
        store.join(unknown)


@pytest.mark.parametrize(
    ("title", "language", "pack", "ttl_days"),
    [
        ("", "de", {}, 30),
        ("x" * 201, "de", {}, 30),
        ("T", "fr", {}, 30),
        ("T", "de", ["not", "an", "object"], 30),
        ("T", "de", {"bad": math.nan}, 30),
        ("T", "de", {1: "int key"}, 30),
        ("T", "de", {}, 0),
        ("T", "de", {}, True),
    ],
)
def test_create_refuses_invalid_input(
    store: Store, db: Database, title: str, language: str, pack: Any, ttl_days: Any
) -> None:
    """Invalid title, language, pack or lifetime is refused and nothing is stored."""
    with pytest.raises(InvalidInput):
        store.create_session(title, language, pack, ttl_days=ttl_days)
    assert db.count("sessions") == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"anonymity_threshold": 2},
        {"anonymity_threshold": True},
        {"vote_mode": "approval"},
        {"dot_budget": 0},
        {"dot_budget": 21},
        {"dot_budget": 4, "dot_cap_per_option": 5},
        {"dot_cap_per_option": 0},
        {"role_groups": ("IT", "it")},
        {"role_groups": ("IT", " ")},
        {"role_groups": "IT"},
        {"role_groups": tuple(f"G{i}" for i in range(13))},
    ],
)
def test_settings_refuse_out_of_range_values(changes: dict[str, Any]) -> None:
    """Settings out of range raise InvalidSettings naming the field."""
    with pytest.raises(InvalidSettings) as caught:
        SessionSettings(**changes)
    assert caught.value.details["field"] in changes


def test_settings_defaults_and_round_trip() -> None:
    """Defaults match the design and survive to_dict/from_dict; names are stripped."""
    settings = SessionSettings(vote_mode="ranking", role_groups=(" IT ", "Service"))
    assert SessionSettings() == SessionSettings(5, "dots", 5, 3, ())
    assert settings.role_groups == ("IT", "Service")
    assert SessionSettings.from_dict(settings.to_dict()) == settings


def test_set_phase_moves_the_session(store: Store, code: str, key: str) -> None:
    """set_phase changes the phase; an unknown phase is refused."""
    assert store.set_phase(code, key, "weigh").phase == "weigh"
    assert store.get_session(code).phase == "weigh"
    with pytest.raises(InvalidInput):
        store.set_phase(code, key, "party")


def test_set_revealed_and_update_settings(store: Store, code: str, key: str) -> None:
    """The facilitator reveals results and changes settings."""
    assert store.set_revealed(code, key, True).revealed is True
    new = SessionSettings(anonymity_threshold=7, vote_mode="single", role_groups=("A",))
    assert store.update_settings(code, key, new).settings == new
    with pytest.raises(InvalidInput):
        store.set_revealed(code, key, "yes")  # type: ignore[arg-type]


def _submit(store: Store, code: str, who: Joined, kind: str) -> None:
    """Send one input of `kind` as participant `who`."""
    if kind == "weights":
        store.submit_weights(code, who.token, {"SPD": 3})
    elif kind == "votes":
        store.submit_vote(code, who.token, {"choice": "OWN"})
    elif kind == "comments":
        store.add_comment(code, who.token, "general", None, "Gut so")
    elif kind == "resistance":
        store.submit_resistance(code, who.token, {"OWN": 2, "status_quo": 8})
    else:
        store.add_concern(code, who.token, "Was kostet das?", "question")


@pytest.mark.parametrize("kind", INPUT_KINDS)
def test_locked_input_is_refused_until_unlocked(
    store: Store, db: Database, code: str, key: str, alice: Joined, kind: str
) -> None:
    """Input of a locked kind raises InputLocked, changes nothing, and works after unlocking."""
    assert store.set_locked(code, key, kind, True).locked == {kind}
    before = db.rows()
    with pytest.raises(InputLocked) as caught:
        _submit(store, code, alice, kind)
    assert caught.value.details["kind"] == kind
    assert db.rows() == before
    store.set_locked(code, key, kind, False)
    _submit(store, code, alice, kind)


def test_locked_concerns_refuse_upvotes(store: Store, code: str, key: str, alice: Joined) -> None:
    """Upvoting and withdrawing count as concern input and are locked with it."""
    concern = store.add_concern(code, alice.token, "Zu teuer")
    store.set_locked(code, key, "concerns", True)
    with pytest.raises(InputLocked):
        store.upvote(code, alice.token, concern.id)
    with pytest.raises(InputLocked):
        store.remove_upvote(code, alice.token, concern.id)


def test_expired_session_refuses_input_but_can_be_deleted(
    store: Store, code: str, key: str, alice: Joined, clock: FakeClock
) -> None:
    """After expiry no input or steering is accepted; reading and deleting still work."""
    clock.advance(days=30, seconds=1)
    with pytest.raises(SessionExpired):
        store.join(code)
    with pytest.raises(SessionExpired):
        store.submit_weights(code, alice.token, {"SPD": 1})
    with pytest.raises(SessionExpired):
        store.set_phase(code, key, "vote")
    assert store.get_session(code).is_expired(clock())
    store.delete_session(code, key)
    with pytest.raises(SessionNotFound):
        store.get_session(code)


def test_check_key_tells_right_from_wrong(store: Store, code: str, key: str) -> None:
    """check_key is True only for the session's own key."""
    other = store.create_session("Other", "en", {})
    assert store.check_key(code, key) is True
    assert store.check_key(code, other.facilitator_key) is False
    assert store.check_key(other.code, key) is False


def test_taken_join_codes_are_redrawn_then_given_up(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clashing code is redrawn; if every draw clashes, JoinCodeUnavailable is raised."""
    first = store.create_session("First", "de", {})
    draws = iter([first.code, first.code, "HJKMNP"])
    monkeypatch.setattr(sessions_module, "new_join_code", lambda: next(draws))
    assert store.create_session("Second", "de", {}).code == "HJKMNP"
    monkeypatch.setattr(sessions_module, "new_join_code", lambda: first.code)
    with pytest.raises(JoinCodeUnavailable):
        store.create_session("Third", "de", {})
