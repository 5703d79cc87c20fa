"""The schema as SQLAlchemy Core tables; migrations/versions must describe exactly this."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Stores UTC and reads back aware UTC datetimes on every backend; refuses naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime refused: pass an aware datetime")
        utc = value.astimezone(UTC)
        # SQLite has no time zones: store naive UTC text so that ordering stays correct.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData()

ID = 64  # draft ids, account ids
USER = 200  # platform-qualified user ids (chatbot.domain.roles.is_user_id bounds them)
HASH = 64

drafts = Table(
    "drafts",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("account_id", String(ID), nullable=False),
    Column("author", String(USER), nullable=False),
    Column("state", String(32), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("approver", String(USER), nullable=True),
    Column("approver_role", String(32), nullable=True),
    Column("waiting_reason", String(200), nullable=False),
    Column("scheduled_at", UtcDateTime(), nullable=True),
    Column("published_media_id", String(200), nullable=False),
    Column("permalink", Text(), nullable=False),
    Column("published_at", UtcDateTime(), nullable=True),
    Column("last_error", Text(), nullable=False),
    Column("attempts", Integer(), nullable=False),
    Column("version", Integer(), nullable=False),
    # The current revision's wished time, copied here so that expiry is one indexed query.
    Column("wished_at", UtcDateTime(), nullable=True),
    # The resumable publish: container, publish attempt and the worker's lease (0005_publish).
    Column("container_id", String(200), nullable=False, server_default=""),
    Column("container_at", UtcDateTime(), nullable=True),
    Column("publish_attempt_at", UtcDateTime(), nullable=True),
    Column("lease_owner", String(ID), nullable=False, server_default=""),
    Column("lease_until", UtcDateTime(), nullable=True),
    Column("error_args", JSON(), nullable=True),
    # A carousel's item containers, each committed as it is made, and when the first was (0008).
    Column("carousel_items", JSON(), nullable=True),
    Column("carousel_items_at", UtcDateTime(), nullable=True),
    Index("ix_drafts_state_scheduled_at", "state", "scheduled_at"),
    Index("ix_drafts_state_wished_at", "state", "wished_at"),
    Index("ix_drafts_account_id_state", "account_id", "state"),
)

revisions = Table(
    "revisions",
    metadata,
    Column("draft_id", String(ID), ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer(), nullable=False),
    Column("caption", Text(), nullable=False),
    Column("media", JSON(), nullable=False),
    Column("wished_at", UtcDateTime(), nullable=True),
    Column("author", String(USER), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("check_result", JSON(), nullable=True),
    Column("content_hash", String(HASH), nullable=False),
    PrimaryKeyConstraint("draft_id", "number", name="pk_revisions"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("draft_id", String(ID), ForeignKey("drafts.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer(), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("actor", String(USER), nullable=False),
    Column("role", String(32), nullable=False),
    Column("revision", Integer(), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("reason", Text(), nullable=False),
    Column("delegated", Boolean(), nullable=False),
    Column("gate", JSON(), nullable=True),  # override reason, acknowledged warns, while absent
    PrimaryKeyConstraint("draft_id", "seq", name="pk_decisions"),
)

absences = Table(
    "absences",
    metadata,
    Column("id", Integer(), primary_key=True, autoincrement=True),
    Column("account_id", String(ID), nullable=False),
    Column("user_id", String(USER), nullable=False),
    Column("start_at", UtcDateTime(), nullable=False),
    Column("end_at", UtcDateTime(), nullable=False),
    Column("reason", Text(), nullable=False),
    Column("set_by", String(USER), nullable=False),
    Index("ix_absences_account_id_end_at", "account_id", "end_at"),
)

account_roles = Table(
    "account_roles",
    metadata,
    Column("account_id", String(ID), primary_key=True),
    Column("officer", String(USER), nullable=True),
    Column("deputy", String(USER), nullable=True),
    Column("admins", JSON(), nullable=False),
    Column("staff", JSON(), nullable=False),
)

suspensions = Table(
    "suspensions",
    metadata,
    Column("account_id", String(ID), primary_key=True),
    Column("reason", Text(), nullable=False),
    Column("suspended_by", String(USER), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
)

audit_entries = Table(
    "audit_entries",
    metadata,
    Column("seq", Integer(), primary_key=True, autoincrement=False),
    Column("at", UtcDateTime(), nullable=False),
    # The hash covers at.isoformat() as the service wrote it, offset included: kept verbatim.
    Column("at_iso", String(64), nullable=False),
    Column("actor", String(USER), nullable=False),
    Column("action", String(64), nullable=False),
    Column("account_id", String(ID), nullable=False),
    Column("draft_id", String(ID), nullable=False),
    Column("revision", Integer(), nullable=True),
    Column("revision_hash", String(HASH), nullable=False),
    Column("pack_version", String(64), nullable=False),
    Column("details", JSON(), nullable=False),
    Column("prev_hash", String(HASH), nullable=False),
    Column("hash", String(HASH), nullable=False),
    Index("ix_audit_entries_draft_id", "draft_id"),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer(), primary_key=True, autoincrement=False),
    Column("count", Integer(), nullable=False),
    Column("last_hash", String(HASH), nullable=False),
)
AUDIT_HEAD_ID = 1

card_refs = Table(
    "card_refs",
    metadata,
    Column("id", Integer(), primary_key=True, autoincrement=True),
    # No foreign key: a card may be recorded in a unit of work that does not hold the draft.
    Column("draft_id", String(ID), nullable=False),
    Column("platform", String(32), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("message_id", String(200), nullable=False),
    Column("thread_id", String(200), nullable=False),
    Column("kind", String(32), nullable=False),
    # Opaque to the core, owned by the platform's notifier (Teams: service URL, conversation...).
    Column("handle", Text(), nullable=False, server_default=""),
    Index("ix_card_refs_draft_id", "draft_id"),
)

conversation_refs = Table(
    "conversation_refs",
    metadata,
    Column("id", Integer(), primary_key=True, autoincrement=True),
    Column("platform", String(32), nullable=False),
    Column("key", String(300), nullable=False),
    # Opaque to the core, owned by the platform's notifier (Teams: service URL, conversation...).
    Column("reference", Text(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    UniqueConstraint("platform", "key", name="uq_conversation_refs_platform_key"),
)

notification_outbox = Table(
    "notification_outbox",
    metadata,
    Column("id", Integer(), primary_key=True, autoincrement=True),
    Column("account_id", String(ID), nullable=False),
    Column("draft_id", String(ID), nullable=False),
    Column("platform", String(32), nullable=False),
    Column("op", String(32), nullable=False),
    Column("target", String(200), nullable=False),
    Column("text_key", String(100), nullable=False),
    Column("text_args", JSON(), nullable=False),
    Column("with_card", Boolean(), nullable=False),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer(), nullable=False),
    Column("next_at", UtcDateTime(), nullable=False),
    Column("last_error", String(500), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("delivered_at", UtcDateTime(), nullable=True),
    Index("ix_notification_outbox_due", "state", "next_at"),
    Index("ix_notification_outbox_draft_id", "draft_id"),
)

# One row per reminder or escalation sent: the unique key makes each go out at most once.
reminders_sent = Table(
    "reminders_sent",
    metadata,
    Column("id", Integer(), primary_key=True, autoincrement=True),
    Column("account_id", String(ID), nullable=False),
    Column("draft_id", String(ID), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("slot", String(300), nullable=False),
    Column("target", String(USER), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    UniqueConstraint("draft_id", "kind", "slot", name="uq_reminders_sent_key"),
)

# Chat platforms' inbound deliveries (Slack retries the same event_id): the primary key makes
# claiming one insert, so it holds across restarts and replicas. ``received_at`` is when the
# current claim was taken; a second row, ``<event_id>:done``, says the event was processed. A
# claim without it after a lease (its process died) may be taken again (storage.chat_ledger).
chat_events = Table(
    "chat_events",
    metadata,
    Column("platform", String(32), nullable=False),
    Column("event_id", String(200), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("platform", "event_id", name="pk_chat_events"),
    Index("ix_chat_events_received_at", "received_at"),
)

# The chat message a draft was posted as, so that editing or deleting it reaches the draft.
chat_posts = Table(
    "chat_posts",
    metadata,
    Column("platform", String(32), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("message_id", String(200), nullable=False),
    Column("draft_id", String(ID), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("platform", "channel", "message_id", name="pk_chat_posts"),
)

# Work one replica at a time does (the scheduler's passes over every account): a named lease,
# taken with a conditional write, renewed by its holder, taken over once it lapses (its process
# died) — chatbot.services.leader.
leases = Table(
    "leases",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("owner", String(64), nullable=False),
    Column("until", UtcDateTime(), nullable=False),
)
