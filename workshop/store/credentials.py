"""Join codes, facilitator keys and participant tokens: how they are made, stored and checked.

Keys and tokens are random with at least 128 bits (keys 192, tokens 256) and only their SHA-256
digest is stored.  A plain digest (no salt, no slow hash) is right here because the secrets are
random and long: there is no dictionary to attack, and lookups by digest stay indexable.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

# 25 characters without look-alikes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
JOIN_CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
JOIN_CODE_LENGTH = 6
FACILITATOR_KEY_BYTES = 24
PARTICIPANT_TOKEN_BYTES = 32

# The digest of a key that was never issued: compared against when a session has no usable
# digest, so a refusal costs the same work either way.
_UNUSED_DIGEST = "0" * 64


def new_join_code() -> str:
    """Return a random join code of JOIN_CODE_LENGTH characters from JOIN_CODE_ALPHABET."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: object) -> str | None:
    """Return the code as stored (upper case, no spaces or dashes), or None if it cannot be one."""
    if not isinstance(code, str):
        return None
    cleaned = "".join(code.split()).replace("-", "").upper()
    valid = len(cleaned) == JOIN_CODE_LENGTH and all(ch in JOIN_CODE_ALPHABET for ch in cleaned)
    return cleaned if valid else None


def new_facilitator_key() -> str:
    """Return a new facilitator key (192 random bits, URL-safe)."""
    return secrets.token_urlsafe(FACILITATOR_KEY_BYTES)


def new_participant_token() -> str:
    """Return a new participant token (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(PARTICIPANT_TOKEN_BYTES)


def digest(secret: object) -> str:
    """Return the hex SHA-256 digest stored for a key or token.

    Anything that is not text digests like the empty string, and characters UTF-8 cannot
    encode are replaced, so every input is refused by the same comparison, never by an error.
    """
    text = secret if isinstance(secret, str) else ""
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


def key_matches(candidate: object, stored_digest: str | None) -> bool:
    """Compare a presented key with a stored digest in constant time.

    Both sides are fixed-length digests, so the time taken does not depend on the presented
    key's length or content.
    """
    expected = stored_digest or _UNUSED_DIGEST
    return hmac.compare_digest(digest(candidate), expected)
