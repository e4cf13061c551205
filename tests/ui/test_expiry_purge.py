"""A running app deletes expired workshops by itself (what the works-council factsheet promises).

``services.session_view`` (every phone, wall and console read) purges on the process's first
read and then once per ``PURGE_EVERY``; what the process caches about a purged workshop goes too.
"""

from __future__ import annotations

import time

import pytest
from support.seeding import new_session

from workshop.errors import SessionNotFound
from workshop.packs import default_pack, pack_to_data
from workshop.store import Store
from workshop.web import services

#: A lifetime that has passed by the time the test looks (about 9 ms).
MOMENT_DAYS = 1e-7


def expired_session(store: Store) -> str:
    """A session whose expiry has already passed; returns its code."""
    created = store.create_session(
        "Vorbei", "de", pack_to_data(default_pack()), ttl_days=MOMENT_DAYS
    )
    time.sleep(MOMENT_DAYS * 86400 * 3)
    return created.code


def test_the_first_read_purges_expired_workshops(ui_store: Store) -> None:
    """The process's first session read deletes an expired workshop, and keeps a live one."""
    live_code, _ = new_session(ui_store)
    gone = expired_session(ui_store)
    assert services.session_view(live_code).code == live_code
    with pytest.raises(SessionNotFound):
        ui_store.get_session(gone)


def test_later_purges_wait_for_their_turn(ui_store: Store) -> None:
    """Within PURGE_EVERY nothing is purged again; after it, the next read purges."""
    live_code, _ = new_session(ui_store)
    services.session_view(live_code)  # the first purge of this process
    gone = expired_session(ui_store)
    services.session_view(live_code, fresh=True)
    assert ui_store.get_session(gone).code == gone  # not yet: an hour has not passed
    services.purge_now_and_then(time.monotonic() + services.PURGE_EVERY)
    with pytest.raises(SessionNotFound):
        ui_store.get_session(gone)


def test_a_purged_workshop_leaves_nothing_cached(ui_store: Store) -> None:
    """The live aggregates and the view cached for a purged workshop are dropped."""
    live_code, _ = new_session(ui_store)
    services.session_view(live_code)  # the first purge, before the short session exists
    gone = expired_session(ui_store)
    view = services.session_view(gone, fresh=True)
    services.live_session(view)
    assert {"live", "view"} <= services.cached(gone)
    services.purge_now_and_then(time.monotonic() + services.PURGE_EVERY)
    assert services.cached(gone) == frozenset()
    assert "view" in services.cached(live_code)
