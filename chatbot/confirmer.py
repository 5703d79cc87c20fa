"""Who confirms the live post (seed 000 8(2)) and who hears that publishing fails."""

from __future__ import annotations

from datetime import datetime

from chatbot.domain.roles import Absence, Roles, UserId, absent_at


def confirmer(roles: Roles, absences: list[Absence], now: datetime) -> UserId | None:
    """The officer; the deputy while the officer is absent; None when neither is there."""
    if roles.officer and absent_at(absences, roles.officer, now) is None:
        return roles.officer
    if roles.deputy and absent_at(absences, roles.deputy, now) is None:
        return roles.deputy
    return roles.officer or roles.deputy


def failure_audience(roles: Roles, author: UserId, approver: UserId | None) -> list[UserId]:
    """The officer and the admins, plus the author and whoever approved; each once, in order."""
    people = [roles.officer, *sorted(roles.admins), author, approver]
    seen: list[UserId] = []
    for person in people:
        if person and person not in seen:
            seen.append(person)
    return seen
