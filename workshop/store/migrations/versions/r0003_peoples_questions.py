"""The people's questions: resistance ratings, answered concerns, the pilot plan.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

- ``resistances``: one row per participant and round, their resistance 0–10 to each option
  (Systemisches Konsensieren), shaped like ballots and votes.
- ``concerns`` gain the facilitator's ``status`` (open, answered, parked, out of scope), a
  short ``answer``, and the ``option_id`` a concern is about ("what would lower your
  resistance to …?").  Existing concerns are open and about no option.
- ``pilot_plans``: the pilot the group agrees on, one per session, as JSON.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _session_fk(table: str) -> sa.Column[int]:
    return sa.Column(
        "session_id",
        sa.Integer,
        sa.ForeignKey("sessions.id", ondelete="CASCADE", name=f"fk_{table}_session_id_sessions"),
        nullable=False,
    )


def _create_resistances() -> None:
    op.create_table(
        "resistances",
        sa.Column("id", sa.Integer, primary_key=True),
        _session_fk("resistances"),
        sa.Column(
            "participant_id",
            sa.Integer,
            sa.ForeignKey(
                "participants.id",
                ondelete="CASCADE",
                name="fk_resistances_participant_id_participants",
            ),
            nullable=False,
        ),
        sa.Column("ratings_json", sa.Text, nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("round_no", sa.Integer, nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id", name="pk_resistances"),
        sa.UniqueConstraint(
            "session_id",
            "round_no",
            "participant_id",
            name="uq_resistances_session_id_round_no_participant_id",
        ),
    )
    op.create_index("ix_resistances_participant_id", "resistances", ["participant_id"])


def _create_pilot_plans() -> None:
    op.create_table(
        "pilot_plans",
        _session_fk("pilot_plans"),
        sa.Column("plan_json", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("session_id", name="pk_pilot_plans"),
    )


def upgrade() -> None:
    """Add resistance ratings, the concerns' status and answer, and the pilot plan."""
    _create_resistances()
    with op.batch_alter_table("concerns") as batch:
        # The server default marks every existing concern open and stays as a safety net.
        batch.add_column(sa.Column("status", sa.String(16), nullable=False, server_default="open"))
        batch.add_column(sa.Column("answer", sa.Text))
        batch.add_column(sa.Column("option_id", sa.String(64)))
    _create_pilot_plans()


def downgrade() -> None:
    """Drop what 0003 added (the concerns' answers and every resistance rating go with it)."""
    op.drop_table("pilot_plans")
    with op.batch_alter_table("concerns") as batch:
        batch.drop_column("option_id")
        batch.drop_column("answer")
        batch.drop_column("status")
    op.drop_index("ix_resistances_participant_id", table_name="resistances")
    op.drop_table("resistances")
