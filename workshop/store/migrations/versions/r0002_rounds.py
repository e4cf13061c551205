"""Rounds: re-vote after discussion while earlier rounds stay comparable.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-27

A session gets a current round; ballots, votes and the group context become per round (one
per participant *and round*), comments and concerns remember the round they were made in.
Everything that existed before belongs to round 1.  On SQLite, changing a unique key or a
primary key rebuilds the table (Alembic's batch mode copies the rows over).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _round_column() -> sa.Column[int]:
    # The server default fills existing rows with round 1 and stays as a safety net.
    return sa.Column("round_no", sa.Integer, nullable=False, server_default="1")


def _one_per_round(table: str) -> None:
    """Replace the key (session, participant) with (session, round, participant)."""
    with op.batch_alter_table(table) as batch:
        batch.add_column(_round_column())
        batch.drop_constraint(f"uq_{table}_session_id_participant_id", type_="unique")
        batch.create_unique_constraint(
            f"uq_{table}_session_id_round_no_participant_id",
            ["session_id", "round_no", "participant_id"],
        )


def upgrade() -> None:
    """Add rounds; existing rows become round 1."""
    for table in ("sessions", "comments", "concerns"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(_round_column())
    _one_per_round("ballots")
    _one_per_round("votes")
    with op.batch_alter_table("contexts") as batch:
        batch.add_column(_round_column())
        batch.drop_constraint("pk_contexts", type_="primary")
        batch.create_primary_key("pk_contexts", ["session_id", "round_no"])


def downgrade() -> None:
    """Refuse: going back would have to throw away every round after the first."""
    raise NotImplementedError("0002 cannot be downgraded without losing later rounds")
