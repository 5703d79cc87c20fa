"""Read-only views for the chat: the queue, roles and absences, as catalogue texts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from chatbot.cards import DraftCard, build_card
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from chatbot.outbox import STUCK_AFTER, Backlog, Notification
from chatbot.ports import Text, UnitOfWork
from chatbot.routing import acting_approver
from chatbot.services.context import Deps
from chatbot.services.reminders import is_escalated

UNDELIVERED_SHOWN_FOR = timedelta(days=7)
QUEUE_STATES = (
    DraftState.AWAITING_APPROVAL,
    DraftState.AWAITING_APPROVER,
    DraftState.APPROVED,
    DraftState.SCHEDULED,
    DraftState.FAILED,
    DraftState.PUBLISHED,
)


async def queue(deps: Deps, account_id: str) -> list[Text]:
    deps.account(account_id)
    since = deps.clock.now() - UNDELIVERED_SHOWN_FOR
    async with deps.uow() as uow:
        drafts = await uow.drafts.list(account_id=account_id, states=QUEUE_STATES)
        suspension = await uow.accounts.get_suspension(account_id)
        undelivered = await uow.notifications.failed(account_id, since)
        backlog = await uow.notifications.backlog(account_id)
    lines = [_undelivered(n) for n in undelivered]
    lines += [_stuck(b) for b in stuck(backlog, deps.clock.now())]
    if suspension is not None:
        lines.append(
            Text(
                "reply.suspended_status",
                {"reason": suspension.reason, "by": suspension.by, "at": suspension.at},
            )
        )
    if not drafts:
        return [*lines, Text("reply.queue_empty", {})]
    for draft in sorted(drafts, key=lambda d: d.scheduled_at or d.wished_at or d.created_at):
        when = draft.scheduled_at or draft.wished_at or ""
        excerpt = draft.current.caption.replace("\n", " ")[:30]
        args = {"draft": draft.id, "state": draft.state.value, "when": when, "excerpt": excerpt}
        lines.append(Text("reply.queue_line", args))
    return lines


def stuck(backlog: list[Backlog], now: datetime) -> list[Backlog]:
    """The platforms whose rows wait longer than a retry would: nobody may deliver them."""
    return [b for b in backlog if now - b.oldest >= STUCK_AFTER]


def _stuck(b: Backlog) -> Text:
    args = {"platform": b.platform, "count": b.pending, "since": b.oldest}
    key = "reply.queue_stuck_console" if b.platform == "console" else "reply.queue_stuck"
    return Text(key, args)


def _undelivered(n: Notification) -> Text:
    target = n.target or n.platform
    args = {"target": target, "platform": n.platform, "draft": n.draft_id, "attempts": n.attempts}
    return Text("reply.notify_failed", args)


async def roles(deps: Deps, account_id: str) -> list[Text]:
    deps.account(account_id)
    async with deps.uow() as uow:
        current = await deps.roles(uow, account_id)
    none = "-"
    args = {
        "officer": current.officer or none,
        "deputy": current.deputy or none,
        "admins": ", ".join(sorted(current.admins)) or none,
        "staff": ", ".join(sorted(current.staff)) or none,
    }
    return [Text("reply.roles", args)]


async def absence_status(deps: Deps, account_id: str) -> list[Text]:
    deps.account(account_id)
    now = deps.clock.now()
    async with deps.uow() as uow:
        periods = await uow.absences.list(account_id, ending_after=now)
        current = await deps.roles(uow, account_id)
    lines = [
        Text(
            "reply.absence_line",
            {"user": p.user, "start": p.start, "end": p.end, "reason": p.reason},
        )
        for p in periods
    ] or [Text("reply.absence_none", {})]
    route = acting_approver(current, periods, "", now)
    if route.approver:
        lines.append(Text("reply.acting", {"approver": route.approver, "role": route.role}))
    else:
        lines.append(Text("reply.acting_none", {"reason_code": route.reason}))
    return lines


async def card(deps: Deps, draft_id: str) -> DraftCard:
    """The draft's card as it stands (NotFound for an unknown id)."""
    async with deps.uow() as uow:
        draft = await deps.load(uow, draft_id)
        return await card_of(uow, deps, draft)


async def card_of(uow: UnitOfWork, deps: Deps, draft: Draft) -> DraftCard:
    """The card of a loaded draft, with who else may decide it (the deputy after escalation)."""
    built = build_card(draft, deps.account(draft.account_id))
    if built.state != DraftState.AWAITING_APPROVAL.value or not await is_escalated(uow, draft):
        return built
    deputy = (await deps.roles(uow, draft.account_id)).deputy
    if not deputy or deputy in (draft.author, draft.approver):
        return built
    return replace(built, also_deciding=(deputy,))


async def accounts_of(deps: Deps, user: str) -> list[str]:
    """The accounts in which ``user`` holds a role, in the configuration's order.

    Chat front ends use it to pick the account of a command typed outside a drafts channel.
    """
    found = []
    async with deps.uow() as uow:
        for account_id in deps.accounts:
            if (await deps.roles(uow, account_id)).roles_of(user):
                found.append(account_id)
    return found
