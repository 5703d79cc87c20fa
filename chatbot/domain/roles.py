"""Accounts, the people who hold roles on them, and absences."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from chatbot.calendar import CalendarSpec

UserId = str  # platform-qualified: "slack:U123", "teams:29:abc", "console:officer"
PLATFORMS = ("slack", "teams", "console")


def platform_of(user: UserId) -> str:
    return user.split(":", 1)[0] if ":" in user else ""


def is_user_id(value: str) -> bool:
    platform, _, rest = value.partition(":")
    return platform in PLATFORMS and bool(rest) and len(value) <= 200 and value.isprintable()


class Role(StrEnum):
    OFFICER = "officer"
    DEPUTY = "deputy"
    ADMIN = "admin"
    STAFF = "staff"


@dataclass(frozen=True)
class Roles:
    """Who is who on one account. Seeded from config; changed at run time (every April)."""

    officer: UserId | None = None
    deputy: UserId | None = None
    admins: frozenset[UserId] = frozenset()
    staff: frozenset[UserId] = frozenset()

    def roles_of(self, user: UserId) -> frozenset[Role]:
        found: set[Role] = set()
        if user == self.officer:
            found.add(Role.OFFICER)
        if user == self.deputy:
            found.add(Role.DEPUTY)
        if user in self.admins:
            found.add(Role.ADMIN)
        if user in self.staff:
            found.add(Role.STAFF)
        return frozenset(found)

    def may_post(self, user: UserId) -> bool:
        """Anyone holding a role may post; with no staff listed, anyone in the channel may."""
        return not self.staff or bool(self.roles_of(user))

    def may_manage(self, user: UserId) -> bool:
        """Admins and the officer change roles and set absences for others."""
        return user in self.admins or user == self.officer

    def with_role(self, role: Role, user: UserId) -> Roles:
        if role is Role.OFFICER:
            # one person cannot be both: the officer's deputy must be someone else
            deputy = None if self.deputy == user else self.deputy
            return replace(self, officer=user, deputy=deputy)
        if role is Role.DEPUTY:
            return replace(
                self, deputy=user, officer=None if self.officer == user else self.officer
            )
        if role is Role.ADMIN:
            return replace(self, admins=self.admins | {user})
        return replace(self, staff=self.staff | {user})

    def without_role(self, role: Role, user: UserId) -> Roles:
        if role is Role.OFFICER:
            return replace(self, officer=None) if self.officer == user else self
        if role is Role.DEPUTY:
            return replace(self, deputy=None) if self.deputy == user else self
        if role is Role.ADMIN:
            return replace(self, admins=self.admins - {user})
        return replace(self, staff=self.staff - {user})


@dataclass(frozen=True)
class Account:
    """One Instagram account of the office and how it is run."""

    id: str
    display_name: str
    instagram_user_id: str = ""
    token_env: str = ""
    policy_pack: str = "kumamoto-artistspot"
    calendar: CalendarSpec = field(default_factory=CalendarSpec)
    channels: dict[str, str] = field(default_factory=dict)  # platform -> drafts channel id
    deputy_may_approve_when_officer_present: bool = False
    # When the long-lived token expires, as written in the config: the expiry warning's source
    # where the host has no debug_token endpoint (the Instagram-Login host graph.instagram.com).
    token_expires_at: datetime | None = None

    @property
    def timezone(self) -> str:
        return self.calendar.timezone


@dataclass(frozen=True)
class Absence:
    """A half-open period [start, end) in which ``user`` does not decide."""

    account_id: str
    user: UserId
    start: datetime
    end: datetime
    reason: str = ""
    set_by: UserId = ""
    id: int | None = None

    def covers(self, at: datetime) -> bool:
        return self.start <= at < self.end

    def overlaps_or_touches(self, other: Absence) -> bool:
        return self.user == other.user and self.start <= other.end and other.start <= self.end


def merge_absences(existing: list[Absence], new: Absence) -> tuple[Absence, list[Absence]]:
    """Merge ``new`` with every overlapping period of the same user.

    Returns the merged period and the existing periods it swallowed (to delete).
    """
    merged = new
    swallowed: list[Absence] = []
    changed = True
    while changed:
        changed = False
        for period in existing:
            if period in swallowed or not period.overlaps_or_touches(merged):
                continue
            merged = replace(
                merged,
                start=min(merged.start, period.start),
                end=max(merged.end, period.end),
                reason=merged.reason or period.reason,
            )
            swallowed.append(period)
            changed = True
    return merged, swallowed


def absent_at(absences: list[Absence], user: UserId | None, at: datetime) -> Absence | None:
    if user is None:
        return None
    for period in absences:
        if period.user == user and period.covers(at):
            return period
    return None
