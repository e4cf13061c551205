"""Core schema: sessions, participants, ballots, votes, context, discussion, notes, events.

Revision ID: 0001
Revises: -
Create Date: 2025-11-27

One ballot and one vote per participant and session, one context per session; rounds come
in 0002.  Constraint names are spelled out so later migrations can address them on both
back ends (SQLite rebuilds tables by name).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = (
    "events",
    "notes",
    "upvotes",
    "concerns",
    "comments",
    "contexts",
    "votes",
    "ballots",
    "participants",
    "sessions",
)


def _when(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _session_fk(table: str) -> sa.Column[int]:
    return sa.Column(
        "session_id",
        sa.Integer,
        sa.ForeignKey("sessions.id", ondelete="CASCADE", name=f"fk_{table}_session_id_sessions"),
        nullable=False,
    )


def _participant_fk(table: str) -> sa.Column[int]:
    return sa.Column(
        "participant_id",
        sa.Integer,
        sa.ForeignKey(
            "participants.id", ondelete="CASCADE", name=f"fk_{table}_participant_id_participants"
        ),
        nullable=False,
    )


def _create_sessions() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(6), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("pack_json", sa.Text, nullable=False),
        sa.Column("settings_json", sa.Text, nullable=False),
        sa.Column("facilitator_key_hash", sa.String(64), nullable=False),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("revealed", sa.Boolean, nullable=False),
        sa.Column("locked_json", sa.Text, nullable=False),
        sa.Column("last_seq", sa.Integer, nullable=False),
        _when("created_at"),
        _when("expires_at"),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.UniqueConstraint("code", name="uq_sessions_code"),
    )
    op.create_index("ix_sessions_expires_at", "sessions", ["expires_at"])


def _create_participants() -> None:
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        _session_fk("participants"),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("nickname", sa.String(40)),
        sa.Column("role_group", sa.String(40)),
        _when("joined_at"),
        sa.PrimaryKeyConstraint("id", name="pk_participants"),
        sa.UniqueConstraint("token_hash", name="uq_participants_token_hash"),
    )
    op.create_index("ix_participants_session_id", "participants", ["session_id"])


def _create_ballot_like(table: str, payload: str, *extra: sa.Column[str]) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer, primary_key=True),
        _session_fk(table),
        _participant_fk(table),
        sa.Column(payload, sa.Text, nullable=False),
        *extra,
        _when("submitted_at"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint(
            "session_id", "participant_id", name=f"uq_{table}_session_id_participant_id"
        ),
    )
    op.create_index(f"ix_{table}_participant_id", table, ["participant_id"])


def _create_context() -> None:
    op.create_table(
        "contexts",
        _session_fk("contexts"),
        sa.Column("values_json", sa.Text, nullable=False),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("session_id", name="pk_contexts"),
    )


def _create_discussion_table(table: str, *columns: sa.Column[str]) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer, primary_key=True),
        _session_fk(table),
        _participant_fk(table),
        *columns,
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    )
    op.create_index(f"ix_{table}_session_id", table, ["session_id"])
    op.create_index(f"ix_{table}_participant_id", table, ["participant_id"])


def _create_discussion() -> None:
    _create_discussion_table(
        "comments",
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
    )
    _create_discussion_table("concerns", sa.Column("kind", sa.String(16), nullable=False))
    op.create_table(
        "upvotes",
        sa.Column(
            "concern_id",
            sa.Integer,
            sa.ForeignKey("concerns.id", ondelete="CASCADE", name="fk_upvotes_concern_id_concerns"),
            nullable=False,
        ),
        _participant_fk("upvotes"),
        _when("created_at"),
        sa.PrimaryKeyConstraint("concern_id", "participant_id", name="pk_upvotes"),
    )
    op.create_index("ix_upvotes_participant_id", "upvotes", ["participant_id"])


def _create_notes_and_events() -> None:
    op.create_table(
        "notes",
        _session_fk("notes"),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("session_id", "phase", name="pk_notes"),
    )
    op.create_table(
        "events",
        _session_fk("events"),
        sa.Column("seq", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload_json", sa.Text, nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("session_id", "seq", name="pk_events"),
    )


def upgrade() -> None:
    """Create every table of the core schema."""
    _create_sessions()
    _create_participants()
    _create_ballot_like("ballots", "weights_json", sa.Column("hybrid_json", sa.Text))
    _create_ballot_like("votes", "vote_json")
    _create_context()
    _create_discussion()
    _create_notes_and_events()


def downgrade() -> None:
    """Drop every table (children first)."""
    for table in TABLES:
        op.drop_table(table)
