"""Events the Draft aggregate and the services raise; handlers notify people and schedule work."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Event:
    draft_id: str


@dataclass(frozen=True)
class DraftSubmitted(Event):
    revision: int
    author: str


@dataclass(frozen=True)
class DraftChecked(Event):
    revision: int
    verdict: str


@dataclass(frozen=True)
class ApprovalRequested(Event):
    approver: str
    role: str
    previous_approver: str | None = None


@dataclass(frozen=True)
class ApproverUnavailable(Event):
    reason: str
    previous_approver: str | None = None


@dataclass(frozen=True)
class Approved(Event):
    actor: str
    role: str
    revision: int


@dataclass(frozen=True)
class ChangesRequested(Event):
    actor: str
    reason: str
    clause: str = ""  # the pack's clause the decision cites, with its text as it read then
    clause_text: str = ""


@dataclass(frozen=True)
class Declined(Event):
    actor: str
    reason: str
    clause: str = ""  # the pack's clause the decision cites, with its text as it read then
    clause_text: str = ""


@dataclass(frozen=True)
class Revised(Event):
    revision: int
    author: str
    was_approved: bool


@dataclass(frozen=True)
class Scheduled(Event):
    actor: str
    at: datetime


@dataclass(frozen=True)
class DatesPastAtSlot(Event):
    """At the publish time ``at`` the caption's announced ``dates`` are already past."""

    actor: str
    at: datetime
    dates: tuple[str, ...]


@dataclass(frozen=True)
class PublishingStarted(Event):
    pass


@dataclass(frozen=True)
class PublishWaiting(Event):
    """A due post waits (``reason``: "limit", Instagram's rolling 24-hour limit) until ``until``."""

    reason: str
    until: datetime


@dataclass(frozen=True)
class Published(Event):
    media_id: str
    permalink: str
    # Instagram said the post is live but its media id could not be told for sure: "ambiguous"
    # (several posts match) or "not_found"; a person confirms it. Empty when identified.
    unidentified: str = ""


@dataclass(frozen=True)
class PublishFailed(Event):
    error: str  # a catalogue key (publish.error.*) or a plain text
    args: dict[str, str] = field(default_factory=dict)
    attempt: int = 1
    final: bool = True  # no retry follows


@dataclass(frozen=True)
class Confirmed(Event):
    actor: str


@dataclass(frozen=True)
class ProblemReported(Event):
    actor: str
    reason: str


@dataclass(frozen=True)
class PostIdentified(Event):
    actor: str
    permalink: str
    media_id: str = ""


@dataclass(frozen=True)
class Withdrawn(Event):
    actor: str


@dataclass(frozen=True)
class Expired(Event):
    wished_at: datetime


@dataclass(frozen=True)
class ReminderDue(Event):
    """The approver is reminded of a draft still waiting (``kind``: before_wished | opening)."""

    approver: str
    role: str
    kind: str
    wished_at: datetime | None = None


@dataclass(frozen=True)
class Escalated(Event):
    """The officer did not decide by ``deadline``: the deputy is asked too."""

    officer: str
    deputy: str
    deadline: datetime


@dataclass(frozen=True)
class WishedTimeMoved(Event):
    """The wished time is outside operating hours: approved, it publishes at ``at`` instead."""

    author: str
    wished_at: datetime
    at: datetime


@dataclass(frozen=True)
class AccountEvent:
    """About an account, not one draft: raised with ``UnitOfWork.raise_event``."""

    account_id: str


@dataclass(frozen=True)
class AbsenceSet(AccountEvent):
    """``user`` (``role``) is absent [start, end); ``rerouted`` waiting drafts moved at once."""

    user: str
    role: str  # officer | deputy
    start: datetime
    end: datetime
    reason: str
    set_by: str
    rerouted: int = 0


@dataclass(frozen=True)
class AbsenceCleared(AccountEvent):
    """``user``'s absence was ended by ``cleared_by``; ``rerouted`` drafts returned at once."""

    user: str
    role: str
    cleared_by: str
    rerouted: int = 0
