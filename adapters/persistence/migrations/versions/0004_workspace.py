"""The moderator workspace: content revisions and releases, staff sign-ins, audit log, test questions.

Revision ID: 0004_workspace
Revises: 0003_rooms
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_workspace"
down_revision: str | None = "0003_rooms"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workspace_revision",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("area", sa.String(16), nullable=False),
        sa.Column("item_id", sa.String(120), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_workspace_revision"),
    )
    op.create_index("ix_workspace_revision_item_id", "workspace_revision", ["item_id"])
    op.create_table(
        "workspace_published",
        sa.Column("area", sa.String(16), nullable=False),
        sa.Column("item_id", sa.String(120), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("revision_id", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("area", "item_id", name="pk_workspace_published"),
    )
    op.create_table(
        "workspace_release",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("area", sa.String(16), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(200), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("version", name="pk_workspace_release"),
    )
    op.create_table(
        "workspace_session",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("roles", sa.String(200), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_workspace_session"),
    )
    op.create_index("ix_workspace_session_expires_at", "workspace_session", ["expires_at"])
    op.create_table(
        "workspace_login",
        sa.Column("state_hash", sa.String(64), nullable=False),
        sa.Column("nonce", sa.String(128), nullable=False),
        sa.Column("verifier", sa.String(128), nullable=False),
        sa.Column("next_path", sa.String(300), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("state_hash", name="pk_workspace_login"),
    )
    op.create_index("ix_workspace_login_expires_at", "workspace_login", ["expires_at"])
    op.create_table(
        "workspace_audit",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workspace_audit"),
    )
    op.create_index("ix_workspace_audit_at", "workspace_audit", ["at"])
    op.create_table(
        "workspace_test_question",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("text", sa.String(500), nullable=False),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("expected_topic", sa.String(120), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workspace_test_question"),
    )
    # WITHOUT ROWID (SQLite only), like the question table it belongs to.
    op.create_table(
        "workspace_question_original",
        sa.Column("question_id", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["question.id"],
            name="fk_workspace_question_original_question_id_question",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("question_id", name="pk_workspace_question_original"),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("workspace_question_original")
    op.drop_table("workspace_test_question")
    op.drop_index("ix_workspace_audit_at", table_name="workspace_audit")
    op.drop_table("workspace_audit")
    op.drop_index("ix_workspace_login_expires_at", table_name="workspace_login")
    op.drop_table("workspace_login")
    op.drop_index("ix_workspace_session_expires_at", table_name="workspace_session")
    op.drop_table("workspace_session")
    op.drop_table("workspace_release")
    op.drop_table("workspace_published")
    op.drop_index("ix_workspace_revision_item_id", table_name="workspace_revision")
    op.drop_table("workspace_revision")
