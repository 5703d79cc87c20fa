"""The resumable publish: container ids, the publish attempt and the worker's lease per draft.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def upgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(
            sa.Column("container_id", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(_when("container_at"))
        batch.add_column(_when("publish_attempt_at"))
        batch.add_column(sa.Column("lease_owner", sa.String(64), nullable=False, server_default=""))
        batch.add_column(_when("lease_until"))
        batch.add_column(sa.Column("error_args", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        for name in (
            "error_args",
            "lease_until",
            "lease_owner",
            "publish_attempt_at",
            "container_at",
            "container_id",
        ):
            batch.drop_column(name)
