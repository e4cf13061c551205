"""Imports from the create page (no key needed) are bounded in rate and run one at a time."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from support.seeding import seed_session

from workshop.errors import TooManyImports
from workshop.export import build_snapshot
from workshop.export.json_export import json_bytes
from workshop.store import Store
from workshop.ui import exports
from workshop.web.joinlimit import JoinLimiter, JoinLimits


def test_one_address_may_import_only_a_few_times(store: Store) -> None:
    """Three at once, then refused with a translated error and nothing created."""
    seeded = seed_session(store, 6)
    data = json_bytes(build_snapshot(store, seeded.code, seeded.key))
    clock = [0.0]
    limiter = JoinLimiter(JoinLimits(burst=3, per_minute=1), clock=lambda: clock[0])
    made = [exports.bounded_import(store, data, "10.0.0.7", limiter).code for _ in range(3)]
    assert len(set(made)) == 3
    with pytest.raises(TooManyImports):
        exports.bounded_import(store, data, "10.0.0.7", limiter)
    assert exports.bounded_import(store, data, "10.0.0.8", limiter)  # another address may
    clock[0] += 60  # a minute later, one more
    assert exports.bounded_import(store, data, "10.0.0.7", limiter)


def test_a_second_import_while_one_runs_is_refused(store: Store) -> None:
    """While a (large) import fills the store, another one is turned away at once."""
    seeded = seed_session(store, 6)
    data = json_bytes(build_snapshot(store, seeded.code, seeded.key))
    inside, release = threading.Event(), threading.Event()

    class Slow:
        """The real store, but the first join waits until the test lets it go on."""

        def __init__(self, inner: Store) -> None:
            self.inner = inner

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inner, name)

        def join(self, *args: Any, **kwargs: Any) -> Any:
            inside.set()
            release.wait(10)
            return self.inner.join(*args, **kwargs)

    unlimited = JoinLimiter(JoinLimits(burst=100, per_minute=100))
    slow = Slow(store)
    worker = threading.Thread(
        target=exports.bounded_import, args=(slow, data, "10.0.0.1", unlimited)
    )
    worker.start()
    try:
        assert inside.wait(10)
        with pytest.raises(TooManyImports):
            exports.bounded_import(store, data, "10.0.0.2", unlimited)
    finally:
        release.set()
        worker.join(10)
    assert exports.bounded_import(store, data, "10.0.0.2", unlimited)  # free again


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_refusal_is_translated(lang: str) -> None:
    """The message says what happened and that nothing was created, in both languages."""
    from workshop.text.i18n import t

    text = t("error.too_many_imports", lang)
    assert ("nichts angelegt" in text) if lang == "de" else ("nothing was created" in text)
