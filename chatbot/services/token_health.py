"""Token health: the admins are warned 7 days before an account's token expires (long-lived
tokens last 60 days) and at once when Instagram says it is no longer valid.

Checked at most every ``every`` per process (the debug endpoint where the host has one); each
warning is given once a day per account. The failure of a publish with an invalid token is told
at once through the publish failure itself (``publish.error.token_invalid``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from chatbot.domain.roles import Account, platform_of
from chatbot.outbox import Notification, NotifyOp
from chatbot.ports import TokenHealth
from chatbot.services.context import Deps, audit

WARN_BEFORE = timedelta(days=7)
SYSTEM = "shonin"


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
        self.warned: dict[tuple[str, str], date] = {}

    async def run(self, deps: Deps) -> list[str]:
        """Check every account's token when due; the accounts whose admins were warned."""
        now = deps.clock.now()
        if self.next_check is not None and now < self.next_check:
            return []
        self.next_check = now + self.every
        warned = []
        for account in deps.accounts.values():
            try:
                health = await deps.publisher.token_health(account)
            except Exception:  # a health check must never stop the scheduler
                continue
            found = warning_for(health, now)
            if found is None or self.warned.get((account.id, found[0])) == now.date():
                continue
            self.warned[(account.id, found[0])] = now.date()
            await _warn(deps, account, found[0], found[1])
            warned.append(account.id)
        return warned


async def _warn(deps: Deps, account: Account, key: str, args: dict[str, object]) -> None:
    now = deps.clock.now()
    text_args = {**args, "account": account.display_name, "env": account.token_env}
    async with deps.uow() as uow:
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
