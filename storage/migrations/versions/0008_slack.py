"""Chat events are claimed, processed, then marked done (a retry after a crash is processed).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("chat_events", sa.Column("done_at", sa.DateTime(timezone=True), nullable=True))
    # rows written before this revision were handled when they were recorded
    op.execute("UPDATE chat_events SET done_at = received_at")


def downgrade() -> None:
    with op.batch_alter_table("chat_events") as batch:
        batch.drop_column("done_at")
