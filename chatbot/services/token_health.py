"""Token health: the admins are warned 7 days before an account's token expires (long-lived
tokens last 60 days) and at once when Instagram says it is no longer valid.

Checked at most every ``every`` per process: the debug endpoint where the host has one, else the
expiry written in the account's config (``token_expires_at``; the Instagram-Login host has no
debug endpoint). Each warning is given once a day per account *per deployment*: it is recorded in
the reminder log (``reminders_sent``) in the same transaction as the messages, so replicas and
restarts never repeat it. The failure of a publish with an invalid token is told at once through
the publish failure itself (``publish.error.token_invalid``).
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

from chatbot.domain.roles import Account, platform_of
from chatbot.outbox import Notification, NotifyOp
from chatbot.ports import ReminderRecord, TokenHealth
from chatbot.services.context import Deps, audit

WARN_BEFORE = timedelta(days=7)
CHECKS_AT_ONCE = 16
SYSTEM = "shonin"
LOG_KIND = "token_warning"  # the reminder log's kind for these warnings (no draft)


def with_configured_expiry(health: TokenHealth | None, account: Account) -> TokenHealth | None:
    """The token's health, its expiry taken from the config where the host told none (pure)."""
    configured = account.token_expires_at
    if configured is None:
        return health
    if health is None:
        return TokenHealth(valid=True, expires_at=configured)
    if health.valid and health.expires_at is None:
        return TokenHealth(valid=True, expires_at=configured)
    return health


def warning_for(health: TokenHealth | None, now: datetime) -> tuple[str, dict[str, object]] | None:
    """The warning this token calls for, if any (pure)."""
    if health is None:
        return None
    if not health.valid:
        return "note.token_invalid", {}
    if health.expires_at is not None and health.expires_at - now <= WARN_BEFORE:
        return "note.token_expiring", {"at": health.expires_at}
    return None


class TokenWatch:
    def __init__(self, every: timedelta = timedelta(hours=6)) -> None:
        self.every = every
        self.next_check: datetime | None = None
        self.warned: dict[tuple[str, str], date] = {}  # saves a transaction; the log decides

    async def run(self, deps: Deps) -> list[str]:
        """Check every account's token when due; the accounts whose admins were warned."""
        now = deps.clock.now()
        if self.next_check is not None and now < self.next_check:
            return []
        self.next_check = now + self.every
        accounts = list(deps.accounts.values())
        gate = asyncio.Semaphore(CHECKS_AT_ONCE)

        async def check(account: Account) -> TokenHealth | None:
            async with gate:
                try:
                    return await deps.publisher.token_health(account)
                except Exception:  # a health check must never stop the scheduler
                    return None

        # Checked a few at once: one by one, 200 accounts held the scheduler loop for 20 s.
        healths = await asyncio.gather(*(check(account) for account in accounts))
        warned = []
        for account, health in zip(accounts, healths, strict=True):
            found = warning_for(with_configured_expiry(health, account), now)
            if found is None or self.warned.get((account.id, found[0])) == now.date():
                continue
            self.warned[(account.id, found[0])] = now.date()
            if await _warn(deps, account, found[0], found[1]):
                warned.append(account.id)
        return warned


def _day(deps: Deps, account: Account, now: datetime) -> str:
    """Today in the account's time zone: "once a day" is the office's day."""
    return now.astimezone(deps.calendar(account.id).tz).date().isoformat()


async def _warn(deps: Deps, account: Account, key: str, args: dict[str, object]) -> bool:
    """Tell the admins, unless this deployment told them today already; True when told."""
    now = deps.clock.now()
    text_args = {**args, "account": account.display_name, "env": account.token_env}
    async with deps.uow() as uow:
        slot = f"{account.id}:{key}:{_day(deps, account, now)}"
        first = await uow.reminders.record(
            ReminderRecord("", LOG_KIND, slot, SYSTEM, now, account_id=account.id)
        )
        if not first:
            return False  # another replica (or an earlier run of this one) warned today
        roles = await deps.roles(uow, account.id)
        for admin in sorted(roles.admins):
            await uow.notifications.add(
                Notification(
                    account.id,
                    "",
                    platform_of(admin),
                    NotifyOp.DIRECT,
                    admin,
                    created_at=now,
                    text_key=key,
                    text_args=text_args,
                )
            )
        details = {"warning": key, "admins": sorted(roles.admins)}
        await audit(
            uow, deps, SYSTEM, "account.token_warning", account_id=account.id, details=details
        )
        await uow.commit()
    return True
