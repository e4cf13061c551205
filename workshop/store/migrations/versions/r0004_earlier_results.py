"""The earlier workshop's results, kept with a session imported for the next workshop.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

A JSON export carries each round's group results (only what the room could see: nothing below
the anonymity threshold).  A session started from such a file keeps them here, one JSON
document per session, so the wall and the decision record can show the earlier workshop's
results beside the new round's — also when the file held no per-person inputs to recompute
them from.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the table of earlier results."""
    op.create_table(
        "earlier_results",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey(
                "sessions.id", ondelete="CASCADE", name="fk_earlier_results_session_id_sessions"
            ),
            nullable=False,
        ),
        sa.Column("results_json", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("session_id", name="pk_earlier_results"),
    )


def downgrade() -> None:
    """Drop the earlier results."""
    op.drop_table("earlier_results")
