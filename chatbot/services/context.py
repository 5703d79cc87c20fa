"""What every service needs, built once by the bootstrap and passed in."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

from chatbot.audit import AuditRecord
from chatbot.calendar import OfficeCalendar
from chatbot.domain.errors import NotFound
from chatbot.domain.model import Draft
from chatbot.domain.roles import Account, Roles
from chatbot.ports import (
    Clock,
    InstagramPublisher,
    MediaStore,
    PolicyChecker,
    UnitOfWork,
    UnitOfWorkFactory,
)
from chatbot.scheduling.reminders import ReminderPolicy

_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: ids are typed by people


def new_draft_id() -> str:
    return "d" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(6))


@dataclass(frozen=True)
class Ports:
    """The outside world as the core sees it (built by the bootstrap)."""

    uow: UnitOfWorkFactory
    clock: Clock
    checker: PolicyChecker
    media: MediaStore
    publisher: InstagramPublisher


def _worker_id() -> str:
    return "w" + secrets.token_hex(6)


@dataclass(frozen=True)
class PublishingConfig:
    """How the scheduler publishes: leases, parallelism, container polling."""

    lease: timedelta = timedelta(seconds=120)  # a crashed worker's posts resume after this
    # The `scheduler` lease (chatbot.services.leader): a dead leader's passes move to another
    # replica after this; renewed every third of it.
    leader_lease: timedelta = timedelta(seconds=60)
    # Posts one process publishes at once (network waits dominate: each holds a Graph API
    # connection while it waits) and posts it claims per pass ([publishing] concurrency,
    # claim_batch). A pass claims at most the free slots, and goes round at once while posts
    # are left, so the slots are refilled as publishes end.
    concurrency: int = 1000
    claim_batch: int = 128
    poll_delays: tuple[float, ...] = (0.5, 1, 2, 3, 5, 8, 13)  # seconds between status polls
    worker_id: str = field(default_factory=_worker_id)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep


@dataclass(frozen=True)
class CoreConfig:
    """What the services need to know from the configuration; roles are not here (database)."""

    accounts: Mapping[str, Account]
    new_id: Callable[[], str] = new_draft_id
    max_publish_attempts: int = 3
    # Reminders and escalation per account id; accounts not listed use ``default_reminders``.
    reminders: Mapping[str, ReminderPolicy] = field(default_factory=dict)
    default_reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    publishing: PublishingConfig = field(default_factory=lambda: PublishingConfig())
    # Chat platforms people are told on even where this process has no notifier (a cron
    # `shonin run-due`): from the configuration (accounts' channels, users' platforms). Their
    # outbox rows wait for the process that has the notifier.
    platforms: frozenset[str] = frozenset()
    # Every user the configuration names (roles, [users]): only they may be given a console role.
    known_users: frozenset[str] = frozenset()


_T = TypeVar("_T")


class Deps:
    """Ports plus configuration, with the lookups every service shares."""

    def __init__(self, ports: Ports, config: CoreConfig) -> None:
        self.ports = ports
        self.config = config
        self.uow = ports.uow
        self.clock = ports.clock
        self.checker = ports.checker
        self.media = ports.media
        self.publisher = ports.publisher
        self.accounts = config.accounts
        self.new_id = config.new_id
        self.max_publish_attempts = config.max_publish_attempts
        self.publishing = config.publishing
        self._calendars: dict[str, OfficeCalendar] = {}
        self._kept: dict[type[Any], Any] = {}

    def account(self, account_id: str) -> Account:
        try:
            return self.accounts[account_id]
        except KeyError:
            raise NotFound("error.unknown_account", account=account_id) from None

    def kept(self, kind: type[_T]) -> _T:
        """The one ``kind()`` this process keeps beside these ports, made on first use (the
        publishing-limit readings, the scheduler lease)."""
        found: _T | None = self._kept.get(kind)
        if found is None:
            found = self._kept[kind] = kind()
        return found

    def kept_if_made(self, kind: type[_T]) -> _T | None:
        """The ``kind()`` kept, or None if none was made."""
        found: _T | None = self._kept.get(kind)
        return found

    def calendar(self, account_id: str) -> OfficeCalendar:
        if account_id not in self._calendars:
            self._calendars[account_id] = OfficeCalendar(self.account(account_id).calendar)
        return self._calendars[account_id]

    async def roles(self, uow: UnitOfWork, account_id: str) -> Roles:
        """The account's roles as stored (seeded once from the configuration, then changed live)."""
        return await uow.accounts.get_roles(account_id) or Roles()

    async def load(self, uow: UnitOfWork, draft_id: str) -> Draft:
        draft = await uow.drafts.get(draft_id.strip().lower())
        if draft is None:
            raise NotFound("error.unknown_draft", draft=draft_id)
        return draft


async def audit(
    uow: UnitOfWork,
    deps: Deps,
    actor: str,
    action: str,
    *,
    draft: Draft | None = None,
    account_id: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Record one audit entry in the same transaction as the change it records (appended to the
    chain when the transaction commits, after the notifications it plans)."""
    revision = draft.current if draft else None
    check = revision.check if revision else None
    uow.audit.stage(
        AuditRecord(
            at=deps.clock.now(),
            actor=actor,
            action=action,
            account_id=draft.account_id if draft else account_id,
            draft_id=draft.id if draft else "",
            revision=revision.number if revision else None,
            revision_hash=revision.content_hash if revision else "",
            pack_version=check.pack_version if check else "",
            details=details or {},
        )
    )
