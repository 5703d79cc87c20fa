"""The core's view of the outside world. Adapters implement these; the core sees nothing else."""

from __future__ import annotations

import builtins
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from chatbot.audit import AuditEntry, AuditRecord
from chatbot.cards import DraftCard
from chatbot.domain.model import Draft, MediaRef
from chatbot.domain.roles import Absence, Account, Roles, UserId
from chatbot.domain.states import DraftState
from chatbot.outbox import Backlog, DeliveryState, Notification
from chatbot.policy.types import CheckResult, MediaBlob


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime (UTC)."""
        ...


# --- persistence ---------------------------------------------------------------------------


# The columns a publish step records as it goes (``DraftRepository.record_progress``).
PROGRESS_FIELDS = frozenset(
    {
        "container_id",
        "container_at",
        "publish_attempt_at",
        "published_media_id",
        "carousel_items",
        "carousel_items_at",
    }
)


class DraftRepository(Protocol):
    async def add(self, draft: Draft) -> None: ...

    async def get(self, draft_id: str, *, lock: bool = False) -> Draft | None:
        """``lock``: hold the draft's row until this transaction ends (PostgreSQL ``FOR UPDATE``;
        SQLite's writer lock, taken at the transaction's start, does it already; the in-memory
        store holds a lock its saves wait for), so a decision saving it meanwhile waits and what
        was read stays true until the commit. Use it as the transaction's first read of that
        draft."""
        ...

    async def get_many(self, draft_ids: Sequence[str]) -> builtins.list[Draft]:
        """The drafts that exist among ``draft_ids`` (in one query where the backend can)."""
        ...

    async def adopt(self, draft: Draft) -> Draft:
        """Take a draft this process loaded and saved in an earlier unit of work, as if loaded
        here (no read): its next ``save`` is version-checked as usual, so it fails with
        ConcurrentUpdate if anybody changed the draft since. The draft this unit of work holds
        for that id (the one given, unless it had loaded it already)."""
        ...

    async def record_progress(
        self,
        draft_id: str,
        owner: str,
        now: datetime,
        until: datetime,
        progress: Mapping[str, object],
    ) -> bool:
        """A publish step's progress (``PROGRESS_FIELDS`` only) and the lease extended to
        ``until``, written in one conditional update if ``owner`` still holds the post's lease at
        ``now`` (the version moves on); False when it does not (nothing written)."""
        ...

    async def save(self, draft: Draft) -> None:
        """Write back a loaded draft if nobody else changed it since it was loaded.

        Raises ConcurrentUpdate when the stored version moved on; bumps ``draft.version``.
        """
        ...

    async def save_many(self, drafts: Sequence[Draft]) -> None:
        """``save`` each of them (in fewer round trips where the store can): all or, with
        ConcurrentUpdate, the unit of work fails."""
        ...

    async def save_current(self, drafts: Sequence[Draft]) -> builtins.list[Draft]:
        """``save`` each of them that nobody else changed since it was read (in fewer round
        trips where the store can); the others are left unsaved and returned (stale)."""
        ...

    async def record_progress_many(
        self,
        owner: str,
        now: datetime,
        until: datetime,
        steps: Sequence[tuple[str, Mapping[str, object]]],
    ) -> set[str]:
        """``record_progress`` for each (draft id, progress), in fewer round trips where the
        store can; the ids written (the others' lease was not ``owner``'s)."""
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

    async def due(
        self, now: datetime, limit: int = 50, *, lock: bool = False
    ) -> builtins.list[Draft]:
        """Drafts to publish now, oldest slot first: scheduled ones whose time has come and
        publishing ones whose worker's lease has expired (a crashed publish to resume).

        ``lock``: lock the rows for this transaction, skipping rows another one has locked
        (PostgreSQL ``FOR UPDATE SKIP LOCKED``; elsewhere the version check decides).
        """
        ...

    async def publishing_load(
        self, account_ids: Collection[str], published_after: datetime
    ) -> builtins.list[tuple[str, datetime | None]]:
        """For the rolling 24-hour limit: ``(account id, published_at)`` of these accounts'
        posts in flight (state ``publishing``: ``None``) or published at ``published_after`` or
        later (read under ``lock_accounts``, so two claims for one account never overlap)."""
        ...

    async def lock_accounts(self, account_ids: Collection[str]) -> set[str]:
        """Take the claim lock of each of these accounts that no other transaction holds, until
        this one ends, passing by (never waiting for) those another holds; the accounts taken.

        Two workers claiming at once thus divide the accounts between them instead of waiting
        for each other (PostgreSQL: ``pg_try_advisory_xact_lock``). Where one writing
        transaction runs at a time (SQLite's writer lock) every account is taken.
        """
        ...

    @property
    def parallel_claims(self) -> bool:
        """Whether claims of several workers run at the same time (PostgreSQL): a claim then
        reads the publishing limits of the accounts it took inside its transaction. Where one
        writing transaction runs at a time (SQLite) they are read before it, keeping the
        writer lock short."""
        ...

    async def due_accounts(self, now: datetime, limit: int = 50) -> builtins.list[str]:
        """The account of each draft ``due`` would return (same order), without loading them."""
        ...

    async def accounts_with(self, states: Collection[DraftState]) -> set[str]:
        """The accounts having at least one draft in one of ``states`` (one read, no draft
        loaded)."""
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

    async def suspensions(self) -> dict[str, Suspension]:
        """Every suspended account's suspension (one query for a whole scheduler pass)."""
        ...

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

    def stage(self, record: AuditRecord) -> None:
        """Append the record when the unit of work commits: after the commit hook, as its last
        writes, so the chain's head is locked only for the append itself (one lock for all the
        records staged). Reading ``entries``/``head`` first appends what was staged."""
        ...

    async def entries(
        self, after_seq: int = 0, limit: int | None = None
    ) -> builtins.list[AuditEntry]: ...

    async def head(self) -> tuple[int, str] | None:
        """(count, hash of the last entry) as recorded when the last entry was written."""
        ...


class MessageKind(StrEnum):
    CARD = "card"  # the draft's card in the account's channel (threads hang off it)
    DM_CARD = "dm_card"  # a copy of the card in a direct message
    TEXT = "text"
    DM = "dm"


@dataclass(frozen=True)
class MessageRef:
    """Where a card or message was posted, so that every copy can be updated later.

    ``handle`` is opaque to the core and owned by the platform's notifier: whatever else it needs
    to find the message again (Teams: service URL, conversation and activity id). It is stored
    with the card refs and handed back unchanged to ``update_card``.
    """

    platform: str
    channel: str
    message_id: str
    thread_id: str = ""
    kind: MessageKind = MessageKind.CARD
    handle: str = ""


class CardRefRepository(Protocol):
    async def add(self, draft_id: str, ref: MessageRef) -> None: ...

    async def list(self, draft_id: str) -> builtins.list[MessageRef]: ...


class LeaseRepository(Protocol):
    """Named leases: work that one replica at a time does (``chatbot.services.leader``)."""

    async def take(self, name: str, owner: str, now: datetime, until: datetime) -> bool:
        """Take or renew the lease ``name`` for ``owner`` until ``until``: True when ``owner``
        holds it now (it was free, lapsed at ``now``, or already its own), else False."""
        ...

    async def release(self, name: str, owner: str) -> None:
        """Give the lease up if ``owner`` holds it (another replica may take it at once)."""
        ...


@dataclass(frozen=True)
class ConversationRef:
    """How a platform reaches a person or a channel without being spoken to first.

    ``key`` is a user id (``teams:<AAD object id>``) or ``channel:<conversation id>``;
    ``reference`` is opaque to the core and owned by the platform's notifier (Teams: service URL,
    conversation id, tenant). Written when the bot first hears from the person or channel, so
    proactive messages work after a restart and from any replica.
    """

    platform: str
    key: str
    reference: str
    updated_at: datetime


class ConversationRefRepository(Protocol):
    async def save(self, ref: ConversationRef) -> None:
        """Insert, or replace the one stored for the same (platform, key)."""
        ...

    async def get(self, platform: str, key: str) -> ConversationRef | None: ...


class NotificationOutbox(Protocol):
    """Notifications to deliver (``chatbot.outbox``), oldest first."""

    async def add(self, notification: Notification) -> None: ...

    async def due(
        self, now: datetime, limit: int = 100, *, platforms: Collection[str] | None = None
    ) -> builtins.list[Notification]:
        """Pending rows whose time has come, in the order they were written.

        ``platforms``: only rows for these (the ones this process has a notifier for); the others
        wait for the process that has.
        """
        ...

    async def claim(self, notification_id: int, now: datetime, until: datetime) -> bool:
        """Take a due pending row for delivery until ``until``; False if another worker has it."""
        ...

    async def settle(
        self,
        notification_id: int,
        state: DeliveryState,
        attempts: int,
        next_at: datetime,
        error: str = "",
        delivered_at: datetime | None = None,
    ) -> None: ...

    async def pending(self, draft_id: str) -> builtins.list[Notification]: ...

    async def pending_many(
        self, draft_ids: Collection[str]
    ) -> dict[str, builtins.list[Notification]]:
        """Pending rows of each draft (every id is a key), oldest first: one read for many."""
        ...

    async def backlog(self, account_id: str | None = None) -> builtins.list[Backlog]:
        """Pending rows per platform (of one account, or all), with the oldest's creation time."""
        ...

    async def failed(self, account_id: str, since: datetime) -> builtins.list[Notification]:
        """Given-up rows of the account written since the time, oldest first."""
        ...


@dataclass(frozen=True)
class ReminderRecord:
    """A reminder or escalation that went out; ``(draft_id, kind, slot)`` is unique."""

    draft_id: str
    kind: str  # chatbot.scheduling.reminders.Kind
    slot: str
    target: UserId
    at: datetime
    account_id: str = ""


class ReminderLog(Protocol):
    """What was reminded, so that every reminder goes out at most once (restarts, replicas)."""

    async def record(self, record: ReminderRecord) -> bool:
        """Record it in this transaction; False when it is recorded already (by anyone).

        A concurrent transaction recording the same key makes this wait for it (SQL) or see it
        reserved (memory): exactly one of them gets True.
        """
        ...

    async def list(self, draft_id: str) -> builtins.list[ReminderRecord]: ...


class CommitHook(Protocol):
    async def __call__(self, uow: UnitOfWork, events: Sequence[Any]) -> None:
        """Runs inside the transaction, just before it commits, with the events it raised."""
        ...


class UnitOfWork(Protocol):
    drafts: DraftRepository
    absences: AbsenceRepository
    accounts: AccountStateRepository
    audit: AuditLog
    cards: CardRefRepository
    notifications: NotificationOutbox
    reminders: ReminderLog
    conversations: ConversationRefRepository
    leases: LeaseRepository
    before_commit: CommitHook | None

    async def __aenter__(self) -> UnitOfWork: ...

    async def __aexit__(self, *exc: object) -> None:
        """Roll back whatever was not committed."""
        ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    def raise_event(self, event: Any) -> None:
        """Raise an event about no single draft (an absence): it goes with the drafts' events."""
        ...

    def collect_events(self) -> builtins.list[Any]:
        """Events raised by drafts loaded or added in this unit of work, in order; clears them."""
        ...

    def committed_events(self) -> builtins.list[Any]:
        """Events of what this unit of work committed (each commit, in order); clears them.

        A rollback discards the events raised since the last commit.
        """
        ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


T = TypeVar("T")


class Transactions(Protocol):
    """What a command handler gets from the bus: units of work whose events are dispatched."""

    async def run(self, work: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        """Run ``work`` in a fresh unit of work; dispatch the events it committed."""
        ...


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

    def clauses(self, pack: str) -> Mapping[str, str]:
        """The guideline clauses the pack's rules cite: clause (e.g. ``3(7)``) -> its text."""
        ...


class MediaStore(Protocol):
    async def put(self, filename: str, data: bytes, content_type: str) -> MediaRef: ...

    async def get(self, key: str) -> bytes: ...

    def public_url(self, key: str, expires: datetime) -> str:
        """A URL Instagram can fetch the image from until ``expires`` (signed, unguessable)."""
        ...


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


@dataclass(frozen=True)
class LiveSearch:
    """What a search for a live post's media id found."""

    media_ids: tuple[str, ...] = ()
    complete: bool = True  # every post made since the container was looked at

    @property
    def unique(self) -> str | None:
        """The media id when exactly one post matches and nothing was left unread."""
        return self.media_ids[0] if self.complete and len(self.media_ids) == 1 else None


class ContainerStatus(StrEnum):
    """Instagram's ``status_code`` of a media container."""

    IN_PROGRESS = "IN_PROGRESS"
    FINISHED = "FINISHED"  # ready to publish
    PUBLISHED = "PUBLISHED"  # already live: never publish it again
    ERROR = "ERROR"
    EXPIRED = "EXPIRED"  # not published within 24 hours


class Recovery(StrEnum):
    """What a failed publishing step calls for."""

    RETRY = "retry"  # try again later (rate limits, 5xx, timeouts)
    NEW_CONTAINER = "new_container"  # start again with a new container
    PERMANENT = "permanent"  # a person must act (bad media, revoked token, no permission)


class PublishError(Exception):
    """A publishing step failed.

    ``key`` is a catalogue key (``publish.error.*``) and ``args`` its arguments, so that people
    read it in their language; ``str(error)`` is the English text for logs and the audit log.
    Neither ever holds a token.
    """

    def __init__(
        self,
        message: str,
        *,
        retryable: bool | None = None,
        recovery: Recovery | None = None,
        key: str = "",
        args: dict[str, Any] | None = None,
        code: int | None = None,
        token_invalid: bool = False,
    ) -> None:
        super().__init__(message)
        if recovery is None:
            recovery = Recovery.RETRY if retryable else Recovery.PERMANENT
        self.recovery = recovery
        self.key = key or "publish.error.other"
        self.params = dict(args or {})
        self.code = code
        self.token_invalid = token_invalid

    @property
    def retryable(self) -> bool:
        return self.recovery is not Recovery.PERMANENT


@dataclass(frozen=True)
class Quota:
    """The account's rolling 24-hour publishing limit as Instagram reports it."""

    used: int
    total: int

    @property
    def remaining(self) -> int:
        return max(self.total - self.used, 0)


@dataclass(frozen=True)
class TokenHealth:
    """What is known about an account's access token (never the token itself)."""

    valid: bool
    expires_at: datetime | None = None


class InstagramPublisher(Protocol):
    """A resumable publishing protocol: the caller commits each step's result before the next.

    A post left half-way by a crash is resumed by asking about the container it recorded, never by
    publishing blindly again: PUBLISHED -> ``find_published``; FINISHED -> ``publish_container``;
    ERROR / EXPIRED -> a new container.
    """

    async def create_container(self, request: PublishRequest) -> str:
        """Create the container(s) (a carousel's children, then its parent); the id to publish.
        The scheduler uses it for single images; carousels go item by item (below)."""
        ...

    async def create_carousel_item(self, request: PublishRequest, index: int) -> str:
        """Create the carousel item container of ``request.media[index]``, ready to be used when
        this returns; the caller commits its id before the next (a crash resumes with them)."""
        ...

    async def create_carousel(self, request: PublishRequest, items: Sequence[str]) -> str:
        """The carousel container (with the caption) from its item containers; the id to publish."""
        ...

    async def container_status(
        self, request: PublishRequest, container_id: str
    ) -> ContainerStatus: ...

    async def publish_container(self, request: PublishRequest, container_id: str) -> str:
        """Publish a FINISHED container; the new media id."""
        ...

    async def find_published(
        self, request: PublishRequest, container_id: str, since: datetime
    ) -> LiveSearch:
        """The account's posts that may be the one made from the container (status PUBLISHED;
        ``since``: when the container was made). Instagram documents no link from a container to
        its media, so the Graph publisher matches the exact caption (normalised), the media type
        and a time after ``since``; the caller uses a unique match only and hands anything else
        to a person, never publishing again."""
        ...

    async def permalink(self, request: PublishRequest, media_id: str) -> str: ...

    async def quota(self, account: Account) -> Quota | None:
        """The account's publishing limit and usage; None when there is none to respect."""
        ...

    async def token_health(self, account: Account) -> TokenHealth | None:
        """Whether the account's token is valid and when it expires; None when unknown."""
        ...


# --- chat ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A message by catalogue key; each notifier renders it in the reader's language."""

    key: str
    args: dict[str, Any]


class ChatNotifier(Protocol):
    """One chat platform: what the core tells people who did not just act.

    Replies to the person who acted ("only you see this") are not sent through here: the core
    returns them (``Reply``, ``DomainError``) and the handler shows them privately its own way
    (Slack: ephemeral or the interaction response; Teams: the invoke response; console: stdout).
    Any exception means "not delivered": the delivery worker retries with back-off.
    """

    platform: str

    async def post_card(self, channel: str, card: DraftCard, thread_id: str = "") -> MessageRef:
        """Post the card in a channel; the returned ref (kind CARD) is stored for updates."""
        ...

    async def update_card(self, ref: MessageRef, card: DraftCard) -> None:
        """Replace a posted copy (CARD or DM_CARD) with the card's current state."""
        ...

    async def post_text(self, channel: str, text: Text, thread_id: str = "") -> MessageRef: ...

    async def send_direct(
        self, user: UserId, text: Text, card: DraftCard | None = None
    ) -> MessageRef:
        """A direct message to one person (with an optional card: its ref is stored as DM_CARD)."""
        ...
