"""The core's view of the outside world. Adapters implement these; the core sees nothing else."""

from __future__ import annotations

import builtins
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from chatbot.audit import AuditEntry, AuditRecord
from chatbot.domain.model import Draft, MediaRef
from chatbot.domain.roles import Absence, Account, Roles, UserId
from chatbot.domain.states import DraftState
from chatbot.policy.types import CheckResult, MediaBlob


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime (UTC)."""
        ...


# --- persistence ---------------------------------------------------------------------------


class DraftRepository(Protocol):
    async def add(self, draft: Draft) -> None: ...

    async def get(self, draft_id: str) -> Draft | None: ...

    async def save(self, draft: Draft) -> None:
        """Write back a loaded draft if nobody else changed it since it was loaded.

        Raises ConcurrentUpdate when the stored version moved on; bumps ``draft.version``.
        """
        ...

    async def list(
        self,
        account_id: str | None = None,
        states: Collection[DraftState] | None = None,
        author: str | None = None,
        limit: int = 200,
    ) -> builtins.list[Draft]:
        """Newest first."""
        ...

    async def due(self, now: datetime, limit: int = 50) -> builtins.list[Draft]:
        """Scheduled drafts whose time has come, oldest first."""
        ...

    async def expirable(self, now: datetime, limit: int = 200) -> builtins.list[Draft]:
        """Drafts not yet approved whose wished time has passed."""
        ...


@dataclass(frozen=True)
class Suspension:
    """運用中止: publishing for the account stops until resumed."""

    reason: str
    by: UserId
    at: datetime


class AccountStateRepository(Protocol):
    """What changes about an account at run time: its roles and its suspension."""

    async def get_roles(self, account_id: str) -> Roles | None: ...

    async def set_roles(self, account_id: str, roles: Roles) -> None: ...

    async def get_suspension(self, account_id: str) -> Suspension | None: ...

    async def set_suspension(self, account_id: str, suspension: Suspension | None) -> None: ...


class AbsenceRepository(Protocol):
    async def list(
        self, account_id: str, ending_after: datetime | None = None
    ) -> builtins.list[Absence]:
        """Periods of the account, oldest start first; only those ending after the given time."""
        ...

    async def add(self, absence: Absence) -> Absence:
        """Store and return it with its id."""
        ...

    async def remove(self, absence_id: int) -> None: ...


class AuditLog(Protocol):
    async def append(self, record: AuditRecord) -> AuditEntry:
        """Chain the record onto the last entry, serialised against concurrent appenders."""
        ...

    async def entries(
        self, after_seq: int = 0, limit: int | None = None
    ) -> builtins.list[AuditEntry]: ...

    async def head(self) -> tuple[int, str] | None:
        """(count, hash of the last entry) as recorded when the last entry was written."""
        ...


@dataclass(frozen=True)
class MessageRef:
    """Where a card or message was posted, so that every copy can be updated later."""

    platform: str
    channel: str
    message_id: str
    thread_id: str = ""
    kind: str = "card"  # card | dm_card


class CardRefRepository(Protocol):
    async def add(self, draft_id: str, ref: MessageRef) -> None: ...

    async def list(self, draft_id: str) -> builtins.list[MessageRef]: ...


class UnitOfWork(Protocol):
    drafts: DraftRepository
    absences: AbsenceRepository
    accounts: AccountStateRepository
    audit: AuditLog
    cards: CardRefRepository

    async def __aenter__(self) -> UnitOfWork: ...

    async def __aexit__(self, *exc: object) -> None:
        """Roll back whatever was not committed."""
        ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    def collect_events(self) -> builtins.list[Any]:
        """Events raised by drafts loaded or added in this unit of work, in order; clears them."""
        ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


# --- policy, media and publishing ----------------------------------------------------------


class PolicyChecker(Protocol):
    def check(
        self,
        pack: str,
        caption: str,
        media: Sequence[MediaBlob] = (),
        *,
        publish_at: datetime | None = None,
    ) -> CheckResult: ...

    def pack_version(self, pack: str) -> str: ...


class MediaStore(Protocol):
    async def put(self, filename: str, data: bytes, content_type: str) -> MediaRef: ...

    async def get(self, key: str) -> bytes: ...


@dataclass(frozen=True)
class PublishRequest:
    draft_id: str
    revision: int
    account: Account
    caption: str
    media: tuple[MediaRef, ...]

    @property
    def idempotency_key(self) -> str:
        return f"{self.draft_id}:r{self.revision}"


@dataclass(frozen=True)
class PublishResult:
    media_id: str
    permalink: str


class PublishError(Exception):
    """Publishing failed; ``retryable`` says whether trying again later may help."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class InstagramPublisher(Protocol):
    async def publish(self, request: PublishRequest) -> PublishResult: ...


# --- chat ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A message by catalogue key; each notifier renders it in the reader's language."""

    key: str
    args: dict[str, Any]


class ChatNotifier(Protocol):
    """One chat platform. Cards are view models (chatbot.cards.DraftCard) rendered per platform."""

    platform: str

    async def post_card(self, channel: str, card: Any, thread_id: str = "") -> MessageRef: ...

    async def update_card(self, ref: MessageRef, card: Any) -> None: ...

    async def post_text(self, channel: str, text: Text, thread_id: str = "") -> MessageRef: ...

    async def send_direct(self, user: UserId, text: Text, card: Any | None = None) -> MessageRef:
        """A direct message to one person (with an optional card)."""
        ...

    async def respond_private(self, user: UserId, channel: str, text: Text) -> None:
        """Only the person who acted sees this (Slack: ephemeral)."""
        ...
