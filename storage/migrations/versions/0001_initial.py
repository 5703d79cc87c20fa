"""Initial schema: drafts, revisions, decisions, accounts, absences, audit log, card refs.

Revision ID: 0001
Revises:
Create Date: 2025-11-21
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64


def _when(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.String(64), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        _when("created_at"),
        _when("updated_at"),
        sa.Column("approver", sa.String(200), nullable=True),
        sa.Column("approver_role", sa.String(32), nullable=True),
        sa.Column("waiting_reason", sa.String(200), nullable=False),
        _when("scheduled_at", nullable=True),
        sa.Column("published_media_id", sa.String(200), nullable=False),
        sa.Column("permalink", sa.Text(), nullable=False),
        _when("published_at", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _when("wished_at", nullable=True),
    )
    op.create_index("ix_drafts_state_scheduled_at", "drafts", ["state", "scheduled_at"])
    op.create_index("ix_drafts_state_wished_at", "drafts", ["state", "wished_at"])
    op.create_index("ix_drafts_account_id_state", "drafts", ["account_id", "state"])

    op.create_table(
        "revisions",
        sa.Column("draft_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("media", sa.JSON(), nullable=False),
        _when("wished_at", nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        _when("created_at"),
        sa.Column("check_result", sa.JSON(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("draft_id", "number", name="pk_revisions"),
    )
    op.create_table(
        "decisions",
        sa.Column("draft_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        _when("at"),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("delegated", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("draft_id", "seq", name="pk_decisions"),
    )

    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(200), nullable=False),
        _when("start_at"),
        _when("end_at"),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_absences_account_id_end_at", "absences", ["account_id", "end_at"])

    op.create_table(
        "account_roles",
        sa.Column("account_id", sa.String(64), primary_key=True),
        sa.Column("officer", sa.String(200), nullable=True),
        sa.Column("deputy", sa.String(200), nullable=True),
        sa.Column("admins", sa.JSON(), nullable=False),
        sa.Column("staff", sa.JSON(), nullable=False),
    )
    op.create_table(
        "suspensions",
        sa.Column("account_id", sa.String(64), primary_key=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("suspended_by", sa.String(200), nullable=False),
        _when("at"),
    )

    op.create_table(
        "audit_entries",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        _when("at"),
        sa.Column("at_iso", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("account_id", sa.String(64), nullable=False),
        sa.Column("draft_id", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("revision_hash", sa.String(64), nullable=False),
        sa.Column("pack_version", sa.String(64), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_entries_draft_id", "audit_entries", ["draft_id"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )
    # The single head row exists from the start so that appenders only ever lock it.
    op.bulk_insert(head, [{"id": 1, "count": 0, "last_hash": GENESIS}])

    op.create_table(
        "card_refs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("draft_id", sa.String(64), nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(200), nullable=False),
        sa.Column("message_id", sa.String(200), nullable=False),
        sa.Column("thread_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
    )
    op.create_index("ix_card_refs_draft_id", "card_refs", ["draft_id"])


def downgrade() -> None:
    op.drop_table("card_refs")
    op.drop_table("audit_head")
    op.drop_table("audit_entries")
    op.drop_table("suspensions")
    op.drop_table("account_roles")
    op.drop_table("absences")
    op.drop_table("decisions")
    op.drop_table("revisions")
    op.drop_table("drafts")
