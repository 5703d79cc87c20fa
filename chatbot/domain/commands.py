"""Commands: what a person asked for, parsed by a handler, handled by one service."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Command:
    actor: str


@dataclass(frozen=True)
class MediaUpload:
    filename: str
    data: bytes = field(repr=False)
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class SubmitDraft(Command):
    account_id: str
    caption: str
    media: tuple[MediaUpload, ...] = ()
    wished_at: datetime | None = None
    strip_location: bool = False  # remove GPS/location data from the images on upload
    # The id to give the draft, chosen by a chat front end before submitting, so that the same
    # chat message processed twice (a redelivered event) finds its draft instead of a second.
    draft_id: str = ""


@dataclass(frozen=True)
class ReviseDraft(Command):
    draft_id: str
    caption: str
    media: tuple[MediaUpload, ...] | None = None  # None keeps the current images
    wished_at: datetime | None = None
    keep_wished_at: bool = True
    strip_location: bool = False


@dataclass(frozen=True)
class Approve(Command):
    """Approve the current revision; the gate (``chatbot.gate``) decides what else it needs.

    ``override_reason``: the written reason that lets overridable 要修正 findings through.
    ``acknowledged``: the approver has seen the 要確認 findings (the confirm step listed them).
    ``revision``: the revision the approver looked at; a newer one refuses the approval.
    """

    draft_id: str
    override_reason: str = ""
    acknowledged: bool = False
    revision: int | None = None


@dataclass(frozen=True)
class RequestChanges(Command):
    """差し戻し. ``clause``: optionally, the clause of the account's pack the draft breaks."""

    draft_id: str
    reason: str
    clause: str = ""


@dataclass(frozen=True)
class Decline(Command):
    """却下, for good; ``clause`` as for ``RequestChanges``."""

    draft_id: str
    reason: str
    clause: str = ""


@dataclass(frozen=True)
class Schedule(Command):
    draft_id: str
    at: datetime | None = None  # None: the wished time, else the next operating slot


@dataclass(frozen=True)
class Confirm(Command):
    draft_id: str


@dataclass(frozen=True)
class PublishNow(Command):
    """Publish at once, outside operating hours too (disaster and emergency notices)."""

    draft_id: str
    reason: str = ""


@dataclass(frozen=True)
class RetryPublish(Command):
    """Try a failed post again at the next operating slot."""

    draft_id: str


@dataclass(frozen=True)
class ReportProblem(Command):
    """問題あり: the live post has a problem; the admins are alerted with the reason."""

    draft_id: str
    reason: str = ""


@dataclass(frozen=True)
class IdentifyPost(Command):
    """Which Instagram post a live but unidentified draft is (its permalink or media id), as
    the officer found it on the account."""

    draft_id: str
    post: str = ""


@dataclass(frozen=True)
class Withdraw(Command):
    draft_id: str


@dataclass(frozen=True)
class SetAbsence(Command):
    account_id: str
    user: str
    start: datetime
    end: datetime
    reason: str = ""


@dataclass(frozen=True)
class ClearAbsence(Command):
    account_id: str
    user: str


@dataclass(frozen=True)
class SetRole(Command):
    account_id: str
    role: str  # officer | deputy | admin | staff
    user: str
    remove: bool = False


@dataclass(frozen=True)
class Suspend(Command):
    account_id: str
    reason: str


@dataclass(frozen=True)
class Resume(Command):
    account_id: str


@dataclass(frozen=True)
class RunDue(Command):
    """One scheduler pass: expire, re-route on absence changes, publish what is due.

    ``maintain=False``: publish only (a busy scheduler going round again at once skips the
    expiry and re-routing it did moments ago).
    """

    limit: int = 20
    maintain: bool = True
    # A scheduler loop's pass: start the claimed publishes and return without waiting for them
    # (at most ``PublishingConfig.concurrency`` in flight per process); the loop comes back.
    background: bool = False


@dataclass(frozen=True)
class RunReminders(Command):
    """One reminder pass: remind approvers and escalate overdue drafts (each at most once)."""
