"""Who must approve now: the officer, the deputy while the officer is absent, never the author."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chatbot.domain.errors import NotPermitted
from chatbot.domain.roles import Absence, Account, Roles, UserId, absent_at


@dataclass(frozen=True)
class Route:
    """The acting approver of a draft, or why nobody can decide it now."""

    approver: UserId | None
    role: str | None  # "officer" | "deputy"
    reason: str = ""  # message key suffix when nobody is eligible


def acting_approver(roles: Roles, absences: list[Absence], author: UserId, now: datetime) -> Route:
    """Pure routing rule; ``absences`` are the account's absence periods."""
    officer, deputy = roles.officer, roles.deputy
    officer_absent = absent_at(absences, officer, now) is not None
    deputy_absent = absent_at(absences, deputy, now) is not None
    if officer and officer != author and not officer_absent:
        return Route(officer, "officer")
    if deputy and deputy != author and not deputy_absent:
        return Route(deputy, "deputy")
    return Route(None, None, _why_nobody(roles, author, officer_absent, deputy_absent))


def _why_nobody(roles: Roles, author: UserId, officer_absent: bool, deputy_absent: bool) -> str:
    officer, deputy = roles.officer, roles.deputy
    if officer is None and deputy is None:
        return "no_approvers"
    if officer == author:
        return "author_is_officer_deputy_absent" if deputy else "author_is_officer_no_deputy"
    if deputy == author:
        return "officer_absent_deputy_is_author" if officer else "no_officer_deputy_is_author"
    if deputy is None:
        return "officer_absent_no_deputy"
    if officer is None:
        return "no_officer_deputy_absent"
    return "both_absent"


@dataclass(frozen=True)
class Authority:
    """In which capacity ``actor`` may decide a draft."""

    role: str  # "officer" | "deputy"
    delegated: bool


def decision_authority(
    account: Account,
    roles: Roles,
    absences: list[Absence],
    author: UserId,
    actor: UserId,
    now: datetime,
    *,
    escalated: bool = False,
) -> Authority:
    """Re-checked on the server for every click: raises NotPermitted with the reason.

    ``escalated``: the officer did not decide in time and the draft was escalated to the deputy
    (``chatbot.services.reminders``), who may then decide it in the officer's place.
    """
    if actor == author:
        raise NotPermitted("error.own_draft")
    if actor == roles.officer:
        return Authority("officer", False)
    if actor == roles.deputy:
        route = acting_approver(roles, absences, author, now)
        if route.approver == actor:
            return Authority("deputy", roles.officer is not None)
        if escalated:
            return Authority("deputy", True)
        if account.deputy_may_approve_when_officer_present:
            return Authority("deputy", False)
        raise NotPermitted("error.deputy_while_officer_present")
    raise NotPermitted("error.only_approver")
