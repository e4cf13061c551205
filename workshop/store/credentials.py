"""Join codes, facilitator keys and participant tokens: how they are made, stored and checked.

Keys and tokens are random with at least 128 bits (keys 192, tokens 256) and only their SHA-256
digest is stored.  A plain digest (no salt, no slow hash) is right here because the secrets are
random and long: there is no dictionary to attack, and lookups by digest stay indexable.
A participant token may instead be derived from the browser's own random secret
(:func:`participant_token_for`): just as unpredictable, and stored the same way.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

# 25 characters without look-alikes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
JOIN_CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
JOIN_CODE_LENGTH = 6
FACILITATOR_KEY_BYTES = 24
PARTICIPANT_TOKEN_BYTES = 32
BROWSER_SECRET_BYTES = 32

# What token_urlsafe(32) and an unpadded URL-safe Base64 of a SHA-256 MAC both look like.
_TOKEN_FORMAT = re.compile(r"[A-Za-z0-9_-]{43}")

# The digest of a key that was never issued: compared against when a session has no usable
# digest, so a refusal costs the same work either way.
_UNUSED_DIGEST = "0" * 64


def new_join_code() -> str:
    """Return a random join code of JOIN_CODE_LENGTH characters from JOIN_CODE_ALPHABET."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: object) -> str | None:
    """Return the code as stored (upper case, letters and digits only), or None if it cannot be
    one.  Every path (links, typed codes, the store, the export route) uses this one rule."""
    if not isinstance(code, str):
        return None
    # As typed or read aloud: spaces, dashes or dots between the characters, any case.
    cleaned = "".join(ch for ch in code if ch.isalnum()).upper()
    valid = len(cleaned) == JOIN_CODE_LENGTH and all(ch in JOIN_CODE_ALPHABET for ch in cleaned)
    return cleaned if valid else None


def new_facilitator_key() -> str:
    """Return a new facilitator key (192 random bits, URL-safe)."""
    return secrets.token_urlsafe(FACILITATOR_KEY_BYTES)


def new_participant_token() -> str:
    """Return a new participant token (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(PARTICIPANT_TOKEN_BYTES)


def is_token(value: object) -> bool:
    """Tell whether a value has the form of a participant token or a browser secret.

    Both are 256 bits in unpadded URL-safe Base64 (43 characters); anything else, however it
    came in (a cookie, a caller), is not one.
    """
    return isinstance(value, str) and _TOKEN_FORMAT.fullmatch(value) is not None


def new_browser_secret() -> str:
    """Return a new browser secret (256 random bits, URL-safe), the value of the browser cookie."""
    return secrets.token_urlsafe(BROWSER_SECRET_BYTES)


def participant_token_for(browser_secret: str, code: str) -> str:
    """Return the participant token of the browser holding `browser_secret` in session `code`.

    The token is HMAC-SHA256(browser secret, canonical join code) in unpadded URL-safe Base64,
    so one browser has one identity per session however it joins (link, QR code, typed code,
    a new tab) without the server remembering anything about the browser.  This is as safe as
    a random token:

    * the secret is 256 random bits that only the browser holds (an HttpOnly cookie); the
      server never stores it, and HMAC is a pseudo-random function, so without the secret a
      token cannot be predicted, and knowing the tokens of some sessions tells nothing about
      the token in another: a participant cannot be linked across sessions;
    * the store keeps only the SHA-256 digest of the token, as for random tokens, so neither
      the database nor an export leads back to the token, let alone to the browser's secret.

    A browser that presents another secret (a script setting any cookie it likes) only gets
    another identity, which the join limit counts like a cookieless join.
    """
    if not is_token(browser_secret):
        raise ValueError("not a browser secret")
    canonical = normalise_join_code(code)
    if canonical is None:
        raise ValueError("not a join code")
    mac = hmac.new(browser_secret.encode("ascii"), canonical.encode("ascii"), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode("ascii")


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
    key's length or content.  The candidate is normalised first (:func:`normalise_key`).
    """
    expected = stored_digest or _UNUSED_DIGEST
    return hmac.compare_digest(digest(normalise_key(candidate)), expected)


def normalise_key(key: object) -> object:
    """A facilitator key as pasted: surrounding white space (a copied line break) is dropped.

    Keys are URL-safe base64, so white space is never part of one; every path that checks a
    key goes through :func:`key_matches`, so the console, the export route and the store agree.
    """
    return key.strip() if isinstance(key, str) else key
