"""The tables at the newest migration (head), for SQLAlchemy Core queries.

The migrations in ``migrations/versions`` are the source of truth for the database; this
module mirrors their result, and a test compares the two so they cannot drift apart.
Every row that belongs to a session cascades from ``sessions``, so deleting a session row
deletes everything it owns.

JSON is stored as text (``*_json`` columns): portable, and read only by the store.
Rounds are ``round_no`` (``round`` is an SQL function name).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from workshop.store.types import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _session_fk() -> Column[int]:
    return Column(
        "session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False
    )


def _participant_fk() -> Column[int]:
    return Column(
        "participant_id",
        Integer,
        ForeignKey("participants.id", ondelete="CASCADE"),
        nullable=False,
        index=True,  # the cascade from participants looks rows up by participant
    )


def _round() -> Column[int]:
    return Column("round_no", Integer, nullable=False, server_default="1")


sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(6), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("language", String(8), nullable=False),
    Column("pack_json", Text, nullable=False),
    Column("settings_json", Text, nullable=False),
    Column("facilitator_key_hash", String(64), nullable=False),
    Column("phase", String(16), nullable=False),
    Column("revealed", Boolean, nullable=False),
    Column("locked_json", Text, nullable=False),
    Column("last_seq", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
    _round(),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    _session_fk(),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("nickname", String(40)),
    Column("role_group", String(40)),
    Column("joined_at", UtcDateTime, nullable=False),
    Index(None, "session_id"),
)


def _ballot_like(name: str, payload: str, extra: tuple[Column[str], ...] = ()) -> Table:
    """Weights and votes share their shape: one row per participant and round."""
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True),
        _session_fk(),
        _participant_fk(),
        Column(payload, Text, nullable=False),
        *extra,
        Column("submitted_at", UtcDateTime, nullable=False),
        _round(),
        UniqueConstraint("session_id", "round_no", "participant_id"),
    )


ballots = _ballot_like("ballots", "weights_json", (Column("hybrid_json", Text),))
votes = _ballot_like("votes", "vote_json")
resistances = _ballot_like("resistances", "ratings_json")

contexts = Table(
    "contexts",
    metadata,
    _session_fk(),
    Column("values_json", Text, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    _round(),
    PrimaryKeyConstraint("session_id", "round_no"),
)

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    _session_fk(),
    _participant_fk(),
    Column("target_kind", String(16), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("hidden", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    _round(),
    Index(None, "session_id"),
)

concerns = Table(
    "concerns",
    metadata,
    Column("id", Integer, primary_key=True),
    _session_fk(),
    _participant_fk(),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("hidden", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    _round(),
    Column("status", String(16), nullable=False, server_default="open"),
    Column("answer", Text),
    Column("option_id", String(64)),
    Index(None, "session_id"),
)

upvotes = Table(
    "upvotes",
    metadata,
    Column(
        "concern_id",
        Integer,
        ForeignKey("concerns.id", ondelete="CASCADE"),
        nullable=False,
    ),
    _participant_fk(),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("concern_id", "participant_id"),
)

notes = Table(
    "notes",
    metadata,
    _session_fk(),
    Column("phase", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("session_id", "phase"),
)

pilot_plans = Table(
    "pilot_plans",
    metadata,
    _session_fk(),
    Column("plan_json", Text, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("session_id"),
)

earlier_results = Table(
    "earlier_results",
    metadata,
    _session_fk(),
    Column("results_json", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("session_id"),
)

events = Table(
    "events",
    metadata,
    _session_fk(),
    Column("seq", Integer, nullable=False, autoincrement=False),
    Column("kind", String(32), nullable=False),
    Column("payload_json", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # The key (session_id, seq) is also the index that "events since N" scans.
    PrimaryKeyConstraint("session_id", "seq"),
)

ALL_TABLES = (
    sessions,
    participants,
    ballots,
    votes,
    resistances,
    contexts,
    comments,
    concerns,
    upvotes,
    notes,
    pilot_plans,
    earlier_results,
    events,
)
