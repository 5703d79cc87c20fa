"""The App Home: one person's overview, platform-neutral (Slack, Teams and the console render it).

``home_view`` gathers, for the viewer: the drafts waiting for their decision (as the acting
approver now, absence-aware, per ``chatbot.routing``, or as the deputy of an escalated draft),
their own drafts and states, the next ``SCHEDULE_HORIZON`` of scheduled posts of every account
they hold a role in, the absences of those accounts and a banner for each suspended one.
``home_texts`` turns the view into catalogue texts for chats that show plain messages (the
console, ``/shonin home``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from chatbot.domain.model import Draft
from chatbot.domain.roles import Absence, Roles, UserId
from chatbot.domain.states import TERMINAL, WAITING, DraftState
from chatbot.ports import Text, UnitOfWork
from chatbot.routing import acting_approver
from chatbot.services.context import Deps
from chatbot.services.reminders import is_escalated

SCHEDULE_HORIZON = timedelta(days=14)
RECENT_FINISHED = timedelta(days=14)  # own drafts that ended are shown this long
MAX_OWN = 20
EXCERPT = 40


@dataclass(frozen=True)
class HomeDraft:
    """One draft as the home shows it."""

    draft_id: str
    account_id: str
    state: DraftState
    author: UserId
    excerpt: str
    wished_at: datetime | None
    scheduled_at: datetime | None
    updated_at: datetime
    role: str | None = None  # waiting list: the capacity in which the viewer decides


@dataclass(frozen=True)
class HomeAbsence:
    account_id: str
    user: UserId
    start: datetime
    end: datetime
    reason: str
    current: bool  # covers the view's ``now`` (otherwise it is still to come)


@dataclass(frozen=True)
class HomeSuspension:
    """運用中止: shown as a banner while publishing of the account is stopped."""

    account_id: str
    display_name: str
    reason: str
    by: UserId
    at: datetime


@dataclass(frozen=True)
class HomeAccount:
    """An account the viewer holds a role in, with its scheduled posts inside the horizon."""

    account_id: str
    display_name: str
    roles: tuple[str, ...]
    scheduled: tuple[HomeDraft, ...]


@dataclass(frozen=True)
class HomeView:
    viewer: UserId
    now: datetime
    suspensions: tuple[HomeSuspension, ...]
    waiting: tuple[HomeDraft, ...]
    mine: tuple[HomeDraft, ...]
    accounts: tuple[HomeAccount, ...]
    absences: tuple[HomeAbsence, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.suspensions or self.waiting or self.mine or self.accounts)


async def home_view(deps: Deps, viewer: UserId, now: datetime | None = None) -> HomeView:
    """The viewer's home at ``now`` (the clock's time when not given); read-only."""
    now = now or deps.clock.now()
    async with deps.uow() as uow:
        mine = [d for d in await uow.drafts.list(author=viewer) if _still_shown(d, now)]
        own_accounts = {d.account_id for d in mine}
        waiting: list[HomeDraft] = []
        accounts: list[HomeAccount] = []
        absences: list[HomeAbsence] = []
        suspensions: list[HomeSuspension] = []
        for account_id in sorted(deps.accounts):
            roles = await deps.roles(uow, account_id)
            held = roles.roles_of(viewer)
            if not held and account_id not in own_accounts:
                continue
            suspension = await uow.accounts.get_suspension(account_id)
            if suspension is not None:
                name = deps.accounts[account_id].display_name
                suspensions.append(
                    HomeSuspension(
                        account_id, name, suspension.reason, suspension.by, suspension.at
                    )
                )
            if not held:
                continue
            periods = await uow.absences.list(account_id, ending_after=now)
            absences.extend(_absence(p, now) for p in periods)
            waiting.extend(await _waiting_for(uow, account_id, roles, periods, viewer, now))
            scheduled = await _scheduled(uow, account_id, now)
            name = deps.accounts[account_id].display_name
            accounts.append(HomeAccount(account_id, name, tuple(sorted(held)), scheduled))
    waiting.sort(key=lambda d: (d.wished_at or d.updated_at, d.draft_id))
    return HomeView(
        viewer,
        now,
        tuple(suspensions),
        tuple(waiting),
        tuple(_item(d) for d in mine[:MAX_OWN]),
        tuple(accounts),
        tuple(absences),
    )


def _still_shown(draft: Draft, now: datetime) -> bool:
    return draft.state not in TERMINAL or now - draft.updated_at <= RECENT_FINISHED


def _item(draft: Draft, role: str | None = None) -> HomeDraft:
    excerpt = draft.current.caption.replace("\n", " ")[:EXCERPT]
    return HomeDraft(
        draft.id,
        draft.account_id,
        draft.state,
        draft.author,
        excerpt,
        draft.wished_at,
        draft.scheduled_at,
        draft.updated_at,
        role,
    )


def _absence(period: Absence, now: datetime) -> HomeAbsence:
    return HomeAbsence(
        period.account_id, period.user, period.start, period.end, period.reason, period.covers(now)
    )


async def _waiting_for(
    uow: UnitOfWork,
    account_id: str,
    roles: Roles,
    absences: list[Absence],
    viewer: UserId,
    now: datetime,
) -> list[HomeDraft]:
    if viewer not in (roles.officer, roles.deputy):
        return []
    found = []
    for draft in await uow.drafts.list(account_id=account_id, states=WAITING):
        route = acting_approver(roles, absences, draft.author, now)
        if route.approver == viewer:
            found.append(_item(draft, route.role))
        elif viewer == roles.deputy != draft.author and await is_escalated(uow, draft):
            found.append(_item(draft, "deputy"))  # the officer did not decide in time
    return found


async def _scheduled(uow: UnitOfWork, account_id: str, now: datetime) -> tuple[HomeDraft, ...]:
    until = now + SCHEDULE_HORIZON
    drafts = await uow.drafts.list(account_id=account_id, states=(DraftState.SCHEDULED,))
    due = [d for d in drafts if d.scheduled_at is not None and d.scheduled_at <= until]
    due.sort(key=lambda d: (d.scheduled_at or now, d.id))
    return tuple(_item(d) for d in due)


# --- as catalogue texts (console, /shonin home) ---------------------------------------------


def home_texts(view: HomeView) -> list[Text]:
    """The view as lines of the message catalogue, in the order a person reads them."""
    lines = [Text("home.title", {"viewer": view.viewer})]
    for s in view.suspensions:
        args = {"account": s.display_name, "reason": s.reason, "by": s.by, "at": s.at}
        lines.append(Text("home.suspended", args))
    lines.append(Text("home.waiting_header", {"count": len(view.waiting)}))
    lines.extend(Text("home.waiting_line", _draft_args(d)) for d in view.waiting)
    lines.append(Text("home.mine_header", {"count": len(view.mine)}))
    lines.extend(Text("home.mine_line", _draft_args(d)) for d in view.mine)
    for account in view.accounts:
        args = {"account": account.display_name, "count": len(account.scheduled)}
        lines.append(Text("home.scheduled_header", args))
        lines.extend(Text("home.scheduled_line", _draft_args(d)) for d in account.scheduled)
    if view.absences:
        lines.append(Text("home.absences_header", {}))
        for a in view.absences:
            key = "home.absence_now" if a.current else "home.absence_later"
            args = {"user": a.user, "start": a.start, "end": a.end, "reason": a.reason}
            lines.append(Text(key, {**args, "account": a.account_id}))
    if view.is_empty:
        lines.append(Text("home.nothing", {}))
    return lines


def _draft_args(d: HomeDraft) -> dict[str, object]:
    return {
        "draft": d.draft_id,
        "account": d.account_id,
        "state": d.state.value,
        "author": d.author,
        "excerpt": d.excerpt,
        "when": d.scheduled_at or d.wished_at or "-",
        "role": d.role or "",
    }
