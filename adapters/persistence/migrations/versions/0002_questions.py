"""Questions for the alderman: sessions, questions (no sender, day only) and retry detection.

Revision ID: 0002_questions
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_questions"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "question_session",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("slots", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("intro", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_question_session"),
    )
    # WITHOUT ROWID (SQLite only): the file must not keep the arrival order.
    op.create_table(
        "question",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("addressee", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("merged_into", sa.String(32), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("code_bucket", sa.String(8), nullable=False),
        sa.Column("code_salt", sa.String(64), nullable=False),
        sa.Column("code_hash", sa.String(128), nullable=False),
        sa.Column("sort_key", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_question"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_question_session_id", "question", ["session_id"])
    op.create_index("ix_question_code_bucket", "question", ["code_bucket"])
    op.create_table(
        "delivery_seen",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("digest", name="pk_delivery_seen"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_delivery_seen_day", "delivery_seen", ["day"])


def downgrade() -> None:
    op.drop_index("ix_delivery_seen_day", table_name="delivery_seen")
    op.drop_table("delivery_seen")
    op.drop_index("ix_question_code_bucket", table_name="question")
    op.drop_index("ix_question_session_id", table_name="question")
    op.drop_table("question")
    op.drop_table("question_session")
