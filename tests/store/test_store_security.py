"""Security: only the facilitator key steers, wrong keys look alike, no secret in plain text."""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import Database

from workshop.errors import WrongFacilitatorKey
from workshop.store import CreatedSession, Joined, SessionSettings, Store


@dataclass(frozen=True)
class Target:
    """A session with one comment and one concern, for facilitator operations to act on."""

    store: Store
    code: str
    comment_id: int
    concern_id: int


# Every facilitator operation, called on a target with a given key.
FACILITATOR_CALLS: dict[str, Callable[[Target, str], object]] = {
    "set_phase": lambda t, k: t.store.set_phase(t.code, k, "vote"),
    "set_locked": lambda t, k: t.store.set_locked(t.code, k, "votes", True),
    "set_revealed": lambda t, k: t.store.set_revealed(t.code, k, True),
    "start_round": lambda t, k: t.store.start_round(t.code, k),
    "update_settings": lambda t, k: t.store.update_settings(t.code, k, SessionSettings(7)),
    "set_context": lambda t, k: t.store.set_context(t.code, k, {"volume": 5}),
    "set_note": lambda t, k: t.store.set_note(t.code, k, "welcome", "Notiz"),
    "set_comment_hidden": lambda t, k: t.store.set_comment_hidden(t.code, k, t.comment_id, True),
    "set_concern_hidden": lambda t, k: t.store.set_concern_hidden(t.code, k, t.concern_id, True),
    "set_concern_status": lambda t, k: t.store.set_concern_status(
        t.code, k, t.concern_id, "answered", "Antwort"
    ),
    "set_earlier_results": lambda t, k: t.store.set_earlier_results(t.code, k, {"rounds": []}),
    "set_pilot": lambda t, k: t.store.set_pilot(t.code, k, {"option": "pods", "weeks": 6}),
    "delete_session": lambda t, k: t.store.delete_session(t.code, k),
}

WRONG_KEYS = {
    "empty": "",
    "short": "x",
    "long": "k" * 100_000,
    "unicode": "Schlüssel-🔑-ключ",
    "lone surrogate": "\ud800",
    "nul": "\x00",
}


def _target(store: Store, code: str, alice: Joined) -> Target:
    comment = store.add_comment(code, alice.token, "general", None, "Kommentar")
    concern = store.add_concern(code, alice.token, "Sorge")
    return Target(store, code, comment.id, concern.id)


def test_every_facilitator_method_is_covered() -> None:
    """Each public Store method that takes a facilitator key to change something is covered.

    Reading methods that take the key (check_key, notes) are tested on their own.
    """
    with_key = {
        name
        for name, method in inspect.getmembers(Store, inspect.isfunction)
        if not name.startswith("_") and "key" in inspect.signature(method).parameters
    }
    assert with_key - {"check_key", "notes"} == set(FACILITATOR_CALLS)


@pytest.mark.parametrize("operation", sorted(FACILITATOR_CALLS))
def test_wrong_key_changes_nothing(
    store: Store, db: Database, created: CreatedSession, alice: Joined, operation: str
) -> None:
    """With a wrong key every facilitator operation is refused and no row changes."""
    target = _target(store, created.code, alice)
    other = store.create_session("Other", "en", {})
    before = db.rows()
    for wrong in ("", other.facilitator_key, created.facilitator_key[:-1]):
        with pytest.raises(WrongFacilitatorKey):
            FACILITATOR_CALLS[operation](target, wrong)
    assert db.rows() == before
    FACILITATOR_CALLS[operation](target, created.facilitator_key)
    assert db.rows() != before, "the right key must make the change the test guards"


@pytest.mark.parametrize("wrong", list(WRONG_KEYS.values()), ids=list(WRONG_KEYS))
def test_wrong_key_is_refused_the_same_way_whatever_its_length(
    store: Store, created: CreatedSession, wrong: str
) -> None:
    """Any wrong key gives the same error type, code and message, and check_key is False."""
    reference = WrongFacilitatorKey()
    with pytest.raises(WrongFacilitatorKey) as caught:
        store.set_phase(created.code, wrong, "vote")
    assert type(caught.value) is WrongFacilitatorKey
    assert (caught.value.code, caught.value.message) == (reference.code, reference.message)
    assert dict(caught.value.details) == {}
    assert store.check_key(created.code, wrong) is False


def test_near_miss_keys_are_refused(store: Store, created: CreatedSession) -> None:
    """The key with a character more, less, or in another case does not open the session."""
    key = created.facilitator_key
    for near in (key + "x", key[1:], key.swapcase(), key[:10] + " " + key[10:]):
        assert store.check_key(created.code, near) is False


def test_a_pasted_key_with_surrounding_white_space_opens(
    store: Store, created: CreatedSession
) -> None:
    """Space or a line break copied around the key is dropped on every path (the console's
    URL, the export route, the store): keys are URL-safe base64, never white space."""
    key = created.facilitator_key
    for pasted in (f" {key}", key + "\n", f"\t{key} \r\n"):
        assert store.check_key(created.code, pasted) is True


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(wrong=st.text(max_size=200))
def test_any_other_text_is_refused(store: Store, created: CreatedSession, wrong: str) -> None:
    """Arbitrary text other than the key never passes the check."""
    if wrong.strip() != created.facilitator_key:
        assert store.check_key(created.code, wrong) is False


def test_tokens_and_keys_are_never_stored_in_plain_text(
    store: Store,
    db: Database,
    database_url: str,
    created: CreatedSession,
    alice: Joined,
    bob: Joined,
) -> None:
    """No table (nor the SQLite file) holds a raw token or key, not even in part."""
    code, key = created.code, created.facilitator_key
    store.submit_weights(code, alice.token, {"SPD": 1})
    store.submit_vote(code, bob.token, {"choice": "OWN"})
    concern = store.add_concern(code, alice.token, "Frage")
    store.upvote(code, bob.token, concern.id)
    store.set_note(code, key, "welcome", "Notiz")
    everything = db.all_text()
    raw_files = _sqlite_file_bytes(database_url)
    for secret in (key, alice.token, bob.token):
        assert secret[:16] not in everything
        assert secret[:16].encode() not in raw_files
        assert hashlib.sha256(secret.encode()).hexdigest() in everything


def _sqlite_file_bytes(database_url: str) -> bytes:
    """Return the bytes of a SQLite database and its WAL (nothing for PostgreSQL)."""
    if not database_url.startswith("sqlite:///"):
        return b""
    path = Path(database_url.removeprefix("sqlite:///"))
    return b"".join(
        p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )
