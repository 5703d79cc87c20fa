"""Notification outbox; card refs keep the platform's opaque handle.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("card_refs") as batch:
        batch.add_column(sa.Column("handle", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "notification_outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.String(64), nullable=False),
        sa.Column("draft_id", sa.String(64), nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("op", sa.String(32), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("text_key", sa.String(100), nullable=False),
        sa.Column("text_args", sa.JSON(), nullable=False),
        sa.Column("with_card", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("next_at"),
        sa.Column("last_error", sa.String(500), nullable=False),
        _when("created_at"),
        _when("delivered_at", nullable=True),
    )
    op.create_index(
        "ix_notification_outbox_due", "notification_outbox", ["state", "next_at"]
    )
    op.create_index("ix_notification_outbox_draft_id", "notification_outbox", ["draft_id"])


def downgrade() -> None:
    op.drop_table("notification_outbox")
    with op.batch_alter_table("card_refs") as batch:
        batch.drop_column("handle")
