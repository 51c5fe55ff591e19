"""Quiet rooms: the directory (one JSON record per room) and anonymous room feedback (day only).

Revision ID: 0003_rooms
Revises: 0002_questions
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_rooms"
down_revision: str | None = "0002_questions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "room",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("building_id", sa.String(80), nullable=False),
        sa.Column("district", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("last_verified", sa.Date(), nullable=True),
        sa.Column("record", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_room"),
    )
    op.create_index("ix_room_building_id", "room", ["building_id"])
    # WITHOUT ROWID (SQLite only): the file must not keep the arrival order.
    op.create_table(
        "room_feedback",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("location_key", sa.String(160), nullable=False),
        sa.Column("location_label", sa.String(160), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("remark", sa.Text(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_room_feedback"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_room_feedback_location_key", "room_feedback", ["location_key"])


def downgrade() -> None:
    op.drop_index("ix_room_feedback_location_key", table_name="room_feedback")
    op.drop_table("room_feedback")
    op.drop_index("ix_room_building_id", table_name="room")
    op.drop_table("room")
