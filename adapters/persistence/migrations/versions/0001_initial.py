"""Initial schema: bot state, shared secrets, gaps and feedback.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bot_state",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("etag", sa.String(32), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_bot_state"),
    )
    op.create_index("ix_bot_state_updated_at", "bot_state", ["updated_at"])
    op.create_table(
        "app_secret",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_app_secret"),
    )
    # WITHOUT ROWID (SQLite only): the file must not keep the arrival order.
    op.create_table(
        "gap",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("topic_guess", sa.String(255), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("entry_id", sa.String(255), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_gap"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("entry_id", sa.String(255), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_feedback_entry_id", "feedback", ["entry_id"])


def downgrade() -> None:
    op.drop_index("ix_feedback_entry_id", table_name="feedback")
    op.drop_table("feedback")
    op.drop_table("gap")
    op.drop_table("app_secret")
    op.drop_index("ix_bot_state_updated_at", table_name="bot_state")
    op.drop_table("bot_state")
