"""One browser, one identity: tokens derived from a browser secret, and joins idempotent for them.

The derivation is pure (``credentials.participant_token_for``); the store's join with a given
token runs on both back ends, concurrent joins with one token included.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st
from store_support import Database

from workshop.errors import InvalidInput
from workshop.store import Store
from workshop.store.credentials import (
    JOIN_CODE_ALPHABET,
    is_token,
    new_browser_secret,
    new_participant_token,
    participant_token_for,
)

secrets_ = st.text(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=43, max_size=43
)
codes = st.text(JOIN_CODE_ALPHABET, min_size=6, max_size=6)


# --------------------------------------------------------------------------- the derivation


@given(secret=secrets_, code=codes)
def test_a_derived_token_looks_like_a_random_one(secret: str, code: str) -> None:
    """Same form as a random token (43 URL-safe characters), so the store treats both alike."""
    token = participant_token_for(secret, code)
    assert is_token(token) and is_token(new_participant_token())
    assert token != secret and secret not in token


@given(secret=secrets_, code=codes)
def test_one_browser_one_token_per_session_however_the_code_is_spelt(
    secret: str, code: str
) -> None:
    """Deterministic, and the code as typed (lower case, a dash, spaces) gives the same."""
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    assert participant_token_for(secret, code) == participant_token_for(secret, typed)


@given(secret=secrets_, other=secrets_, code=codes, other_code=codes)
def test_tokens_differ_between_browsers_and_between_sessions(
    secret: str, other: str, code: str, other_code: str
) -> None:
    """Another browser or another session gives another token: nobody is linked across them."""
    token = participant_token_for(secret, code)
    if other != secret:
        assert participant_token_for(other, code) != token
    if other_code != code:
        assert participant_token_for(secret, other_code) != token


@pytest.mark.parametrize("secret", ["", "short", "x" * 44, "ä" * 43, "=" * 43])
def test_only_a_well_formed_secret_derives_a_token(secret: str) -> None:
    with pytest.raises(ValueError):
        participant_token_for(secret, "ACDEFG")


def test_browser_secrets_are_random_256_bits() -> None:
    drawn = {new_browser_secret() for _ in range(100)}
    assert len(drawn) == 100 and all(is_token(s) for s in drawn)


# --------------------------------------------------------------------------- the store


def test_joining_twice_with_one_token_is_one_participant(store: Store, code: str) -> None:
    """The second join with a browser's token finds the first participant, unchanged."""
    token = participant_token_for(new_browser_secret(), code)
    first = store.join(code, nickname="Kim", token=token)
    again = store.join(code, nickname="Other", token=token)
    assert first.created and not again.created
    assert (again.participant_id, again.token) == (first.participant_id, token)
    assert store.counts(code).participants == 1
    found = store.participant(code, token)
    assert found is not None and found.nickname == "Kim"


def test_only_the_digest_of_a_derived_token_is_stored(
    store: Store, db: Database, code: str
) -> None:
    """As for random tokens: neither the token nor the browser secret is in the database."""
    secret = new_browser_secret()
    token = participant_token_for(secret, code)
    store.join(code, token=token)
    everything = db.all_text()
    assert hashlib.sha256(token.encode()).hexdigest() in everything
    assert token not in everything and secret not in everything


def test_one_browser_joins_two_sessions_as_two_participants(store: Store, code: str) -> None:
    other = store.create_session("Zweiter Workshop", "de", {}).code
    secret = new_browser_secret()
    here = store.join(code, token=participant_token_for(secret, code))
    there = store.join(other, token=participant_token_for(secret, other))
    assert here.token != there.token
    assert store.participant(other, here.token) is None


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 42, "x" * 44, "<script>" * 6])
def test_a_malformed_token_is_refused(store: Store, db: Database, code: str, token: str) -> None:
    """A token of the wrong form is refused and nobody joins."""
    with pytest.raises(InvalidInput) as caught:
        store.join(code, token=token)
    assert caught.value.details["field"] == "token"
    assert db.count("participants") == 0


def test_concurrent_joins_with_one_token_make_one_participant(store: Store, code: str) -> None:
    """Two tabs (or a double tap) joining at the same moment: one identity, not two."""
    token = participant_token_for(new_browser_secret(), code)
    with ThreadPoolExecutor(max_workers=8) as pool:
        joined = list(pool.map(lambda _: store.join(code, token=token), range(16)))
    assert {j.participant_id for j in joined} == {joined[0].participant_id}
    assert sum(j.created for j in joined) == 1
    assert store.counts(code).participants == 1
