"""Storage of workshop sessions: SQLite by default, PostgreSQL by URL; nothing is lost.

    from workshop.store import open_store
    store = open_store()                      # var/workshop.sqlite3, or WORKSHOP_DATABASE_URL
    created = store.create_session("Kickoff", "de", pack_dict)
    joined = store.join(created.code, nickname="Kim")
    store.submit_weights(created.code, joined.token, {"SPD": 4, "FCR": 5})

This package is the only one that imports SQLAlchemy; it never imports Streamlit (the UI reads
Streamlit secrets and passes the URL in).  Results are the plain dataclasses of
`workshop.store.records`; failures are the named errors of `workshop.errors`.
"""

from __future__ import annotations

from workshop.store.base import Clock, translate_database_errors, utc_now
from workshop.store.engine import ENV_DATABASE_URL, make_engine, resolve_url, write_lock_for
from workshop.store.migrate import upgrade
from workshop.store.records import (
    COMMENT_TARGETS,
    CONCERN_KINDS,
    CONCERN_STATUSES,
    INPUT_KINDS,
    PHASES,
    VOTE_MODES,
    Ballot,
    Comment,
    Concern,
    Counts,
    CreatedSession,
    Event,
    Joined,
    JsonObject,
    ParticipantView,
    Resistance,
    SessionSettings,
    SessionView,
    Vote,
)
from workshop.store.store import Store

__all__ = [
    "COMMENT_TARGETS",
    "CONCERN_KINDS",
    "CONCERN_STATUSES",
    "ENV_DATABASE_URL",
    "INPUT_KINDS",
    "PHASES",
    "VOTE_MODES",
    "Ballot",
    "Comment",
    "Concern",
    "Counts",
    "CreatedSession",
    "Event",
    "Joined",
    "JsonObject",
    "ParticipantView",
    "Resistance",
    "SessionSettings",
    "SessionView",
    "Store",
    "Vote",
    "open_store",
]


def open_store(url: str | None = None, *, clock: Clock = utc_now) -> Store:
    """Open the store at `url` (else WORKSHOP_DATABASE_URL, else the default SQLite file).

    Pending migrations are applied first, so a database made by an older version is upgraded
    in place.  `clock` exists for tests that need to move time (expiry).
    """
    resolved = resolve_url(url)
    engine = make_engine(resolved)
    try:
        with translate_database_errors():
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, write_lock=write_lock_for(resolved), clock=clock)
