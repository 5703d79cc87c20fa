"""The Draft aggregate: one caption + images + wished time, its revisions and its decisions."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from chatbot.domain import events as ev
from chatbot.domain.errors import IllegalTransition, InvalidInput, NotPermitted
from chatbot.domain.states import WAITING, Action, DraftState, next_state
from chatbot.gate import GateRefused, approval_requirements, enforce
from chatbot.policy.types import CheckResult

MAX_MEDIA = 10
MAX_CAPTION_INPUT = 20_000  # far above Instagram's 2,200: the checker reports the limit itself
MAX_REASON = 1_000


@dataclass(frozen=True)
class MediaRef:
    """An image kept in the media store; the draft only holds its reference."""

    key: str
    filename: str
    content_type: str
    size: int
    sha256: str


@dataclass
class Revision:
    number: int
    caption: str
    media: tuple[MediaRef, ...]
    wished_at: datetime | None
    author: str
    created_at: datetime
    check: CheckResult | None = None

    @property
    def content_hash(self) -> str:
        """Hash of what would be published: it ties decisions and audit entries to content."""
        payload = {
            "caption": self.caption,
            "media": [m.sha256 for m in self.media],
            "wished_at": self.wished_at.astimezone(UTC).isoformat() if self.wished_at else None,
        }
        raw = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Decision:
    """Who decided what, when, in which role and on which revision."""

    kind: str  # approve | request_changes | decline | confirm
    actor: str
    role: str  # officer | deputy
    revision: int
    at: datetime
    reason: str = ""
    delegated: bool = False
    # The gate (approvals only): findings let through with a reason, warns acknowledged, and
    # whether the approver was recorded as absent at the time.
    override_reason: str = ""
    overridden: tuple[str, ...] = ()
    acknowledged: tuple[str, ...] = ()
    while_absent: bool = False
    # 差し戻し / 却下: the clause of the pack it cites (optional), and that clause's text then.
    clause: str = ""
    clause_text: str = ""


@dataclass
class Draft:
    id: str
    account_id: str
    author: str
    state: DraftState
    created_at: datetime
    updated_at: datetime
    revisions: list[Revision] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    approver: str | None = None
    approver_role: str | None = None
    waiting_reason: str = ""
    scheduled_at: datetime | None = None
    published_media_id: str = ""
    permalink: str = ""
    published_at: datetime | None = None
    last_error: str = ""  # a catalogue key (publish.error.*) or a plain text
    attempts: int = 0
    version: int = 0
    # The resumable publish (see chatbot.ports.InstagramPublisher): each step's result is
    # committed before the next runs, under a lease that a crashed worker's successor takes over.
    container_id: str = ""
    container_at: datetime | None = None
    publish_attempt_at: datetime | None = None  # media_publish was called (the post may be live)
    lease_owner: str = ""
    lease_until: datetime | None = None
    error_args: dict[str, str] = field(default_factory=dict)
    # A carousel's item containers, committed one by one (a crash resumes with them), and when
    # the first was made (they expire like any container).
    carousel_items: list[str] = field(default_factory=list)
    carousel_items_at: datetime | None = None
    events: list[ev.Event] = field(default_factory=list, repr=False, compare=False)

    # --- creation and content -------------------------------------------------------------

    @classmethod
    def submit(
        cls,
        draft_id: str,
        account_id: str,
        author: str,
        caption: str,
        media: tuple[MediaRef, ...],
        wished_at: datetime | None,
        now: datetime,
    ) -> Draft:
        _validate_content(caption, media)
        draft = cls(draft_id, account_id, author, DraftState.SUBMITTED, now, now)
        draft.revisions.append(Revision(1, caption, media, wished_at, author, now))
        draft.events.append(ev.DraftSubmitted(draft_id, 1, author))
        return draft

    @property
    def current(self) -> Revision:
        return self.revisions[-1]

    @property
    def wished_at(self) -> datetime | None:
        return self.current.wished_at

    def revise(
        self,
        actor: str,
        caption: str,
        media: tuple[MediaRef, ...],
        wished_at: datetime | None,
        now: datetime,
    ) -> None:
        """Every edit is a new revision and needs a new approval, even after approval."""
        if actor != self.author:
            raise NotPermitted("error.only_author", action="revise")
        _validate_content(caption, media)
        was_approved = self.state in (DraftState.APPROVED, DraftState.SCHEDULED)
        self._move(Action.REVISE, now)
        number = self.current.number + 1
        self.revisions.append(Revision(number, caption, media, wished_at, actor, now))
        self.scheduled_at = None
        self.events.append(ev.Revised(self.id, number, actor, was_approved))

    def record_check(self, result: CheckResult, now: datetime) -> None:
        self._move(Action.CHECK, now)
        self.current.check = result
        self.events.append(ev.DraftChecked(self.id, self.current.number, result.verdict))

    # --- routing --------------------------------------------------------------------------

    def route_to(self, approver: str | None, role: str | None, reason: str, now: datetime) -> bool:
        """Point the draft at its acting approver (or make it wait). True when anything changed."""
        previous = self.approver
        if approver is None:
            if self.state is DraftState.AWAITING_APPROVER and self.waiting_reason == reason:
                return False
            self._move(Action.WAIT_FOR_APPROVER, now)
            self.approver, self.approver_role, self.waiting_reason = None, None, reason
            self.events.append(ev.ApproverUnavailable(self.id, reason, previous))
            return True
        if self.state is DraftState.AWAITING_APPROVAL and previous == approver:
            return False
        self._move(Action.REQUEST_APPROVAL, now)
        self.approver, self.approver_role, self.waiting_reason = approver, role, ""
        self.events.append(ev.ApprovalRequested(self.id, approver, role or "", previous))
        return True

    # --- decisions ------------------------------------------------------------------------

    def approve(
        self,
        actor: str,
        role: str,
        now: datetime,
        *,
        delegated: bool = False,
        override_reason: str = "",
        acknowledged: bool = False,
        revision: int | None = None,
        while_absent: bool = False,
    ) -> Decision:
        """Approve the current revision if the gate allows it (see ``chatbot.gate``)."""
        if revision is not None and revision != self.current.number:
            raise GateRefused(
                "error.gate_revision_changed", seen=revision, current=self.current.number
            )
        if actor == self.author:
            raise NotPermitted("error.own_draft")
        if next_state(self.state, Action.APPROVE) is None:
            raise IllegalTransition(state=self.state.value, action="approve", draft=self.id)
        reason, overridden, acked = enforce(
            approval_requirements(self.current.check), override_reason, acknowledged
        )
        self._decide("approve", Action.APPROVE, actor, role, now, "", delegated)
        decision = Decision(
            "approve", actor, role, self.current.number, now, "", delegated,
            reason, overridden, acked, while_absent,
        )  # fmt: skip
        self.decisions[-1] = decision
        self.events.append(ev.Approved(self.id, actor, role, self.current.number))
        return decision

    def request_changes(
        self,
        actor: str,
        role: str,
        reason: str,
        now: datetime,
        *,
        delegated: bool = False,
        clause: tuple[str, str] = ("", ""),
    ) -> None:
        """``clause``: (clause, its text) the decision cites, or empty."""
        reason = _require_reason(reason)
        self._decide(
            "request_changes", Action.REQUEST_CHANGES, actor, role, now, reason, delegated, clause
        )
        self.events.append(ev.ChangesRequested(self.id, actor, reason, *clause))

    def decline(
        self,
        actor: str,
        role: str,
        reason: str,
        now: datetime,
        *,
        delegated: bool = False,
        clause: tuple[str, str] = ("", ""),
    ) -> None:
        reason = _require_reason(reason)
        self._decide("decline", Action.DECLINE, actor, role, now, reason, delegated, clause)
        self.events.append(ev.Declined(self.id, actor, reason, *clause))

    def _decide(
        self,
        kind: str,
        action: Action,
        actor: str,
        role: str,
        now: datetime,
        reason: str,
        delegated: bool,
        clause: tuple[str, str] = ("", ""),
    ) -> None:
        if actor == self.author:
            raise NotPermitted("error.own_draft")
        self._move(action, now)
        self.decisions.append(
            Decision(
                kind,
                actor,
                role,
                self.current.number,
                now,
                reason,
                delegated,
                clause=clause[0],
                clause_text=clause[1],
            )
        )

    def last_decision(self, *kinds: str) -> Decision | None:
        for decision in reversed(self.decisions):
            if not kinds or decision.kind in kinds:
                return decision
        return None

    # --- scheduling and publishing ---------------------------------------------------------

    def schedule(self, actor: str, at: datetime, now: datetime) -> None:
        # "now" is allowed: "publish at the next slot" resolves to now inside operating hours
        if at < now:
            raise InvalidInput("error.schedule_in_past")
        self._move(Action.SCHEDULE, now)
        self.scheduled_at = at
        self.events.append(ev.Scheduled(self.id, actor, at))

    def defer(self, at: datetime, reason: str, now: datetime) -> None:
        """The scheduler moves a due post later (e.g. the 24-hour publishing limit is used up)."""
        if self.state is not DraftState.SCHEDULED:
            raise IllegalTransition(state=self.state.value, action="defer", draft=self.id)
        self._move(Action.SCHEDULE, now)
        self.scheduled_at = max(at, now)
        self.events.append(ev.PublishWaiting(self.id, reason, self.scheduled_at))

    def start_publishing(self, now: datetime) -> None:
        self._move(Action.START_PUBLISHING, now)
        self.attempts += 1
        self.events.append(ev.PublishingStarted(self.id))

    def mark_published(
        self, media_id: str, permalink: str, now: datetime, *, unidentified: str = ""
    ) -> None:
        """Live on Instagram; ``unidentified`` (no media id): which post it is is for a person."""
        self._move(Action.PUBLISH_SUCCEEDED, now)
        self.published_media_id, self.permalink, self.published_at = media_id, permalink, now
        self.last_error, self.error_args = "", {}
        self.release_lease()
        self.events.append(ev.Published(self.id, media_id, permalink, unidentified))

    def mark_failed(
        self,
        error: str,
        now: datetime,
        *,
        args: dict[str, str] | None = None,
        final: bool = True,
        keep_container: bool = False,
    ) -> None:
        self._move(Action.PUBLISH_FAILED, now)
        self.last_error = error[:500]
        self.error_args = {k: str(v)[:200] for k, v in (args or {}).items()}
        self.release_lease()
        if not keep_container:
            self.drop_container()
        self.events.append(
            ev.PublishFailed(self.id, self.last_error, self.error_args, self.attempts, final)
        )

    # --- the resumable publish steps ------------------------------------------------------

    def take_lease(self, owner: str, until: datetime) -> None:
        self.lease_owner, self.lease_until = owner, until

    def holds_lease(self, owner: str, now: datetime) -> bool:
        return (
            self.state is DraftState.PUBLISHING
            and self.lease_owner == owner
            and self.lease_until is not None
            and now < self.lease_until
        )

    def release_lease(self) -> None:
        self.lease_owner, self.lease_until = "", None

    def record_container(self, container_id: str, now: datetime) -> None:
        self.container_id, self.container_at = container_id, now
        self.publish_attempt_at = None

    def drop_container(self) -> None:
        self.container_id, self.container_at, self.publish_attempt_at = "", None, None
        self.drop_carousel_items()

    def record_carousel_item(self, container_id: str, now: datetime) -> None:
        if not self.carousel_items:
            self.carousel_items_at = now
        self.carousel_items = [*self.carousel_items, container_id]

    def drop_carousel_items(self) -> None:
        self.carousel_items, self.carousel_items_at = [], None

    def record_publish_attempt(self, now: datetime) -> None:
        self.publish_attempt_at = now

    def record_media(self, media_id: str) -> None:
        """The post is live (its permalink is still to read)."""
        self.published_media_id = media_id

    def confirm(self, actor: str, role: str, now: datetime) -> None:
        self._move(Action.CONFIRM, now)
        self.decisions.append(Decision("confirm", actor, role, self.current.number, now))
        self.events.append(ev.Confirmed(self.id, actor))

    def withdraw(self, actor: str, now: datetime) -> None:
        if actor != self.author:
            raise NotPermitted("error.only_author", action="withdraw")
        self._move(Action.WITHDRAW, now)
        self.events.append(ev.Withdrawn(self.id, actor))

    def expire_if_due(self, now: datetime) -> bool:
        """A draft still unapproved at its wished time expires: it never publishes late."""
        wished = self.wished_at
        if wished is None or now < wished or next_state(self.state, Action.EXPIRE) is None:
            return False
        self._move(Action.EXPIRE, now)
        self.events.append(ev.Expired(self.id, wished))
        return True

    @property
    def is_waiting(self) -> bool:
        return self.state in WAITING

    def _move(self, action: Action, now: datetime) -> None:
        target = next_state(self.state, action)
        if target is None:
            raise IllegalTransition(state=self.state.value, action=action.value, draft=self.id)
        self.state = target
        self.updated_at = now


def _validate_content(caption: str, media: tuple[MediaRef, ...]) -> None:
    if not caption.strip() and not media:
        raise InvalidInput("error.empty_draft")
    if len(caption) > MAX_CAPTION_INPUT:
        raise InvalidInput("error.caption_too_long_input", limit=MAX_CAPTION_INPUT)
    if len(media) > MAX_MEDIA:
        raise InvalidInput("error.too_many_media", limit=MAX_MEDIA)


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise InvalidInput("error.reason_required")
    if len(reason) > MAX_REASON:
        raise InvalidInput("error.reason_too_long", limit=MAX_REASON)
    return reason
