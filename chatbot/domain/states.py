"""Draft states and the transition table: the state machine is data, checked in one place."""

from __future__ import annotations

from enum import StrEnum


class DraftState(StrEnum):
    SUBMITTED = "submitted"
    CHECKED = "checked"
    AWAITING_APPROVAL = "awaiting_approval"
    AWAITING_APPROVER = "awaiting_approver"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    FAILED = "failed"


class Action(StrEnum):
    CHECK = "check"
    REQUEST_APPROVAL = "request_approval"
    WAIT_FOR_APPROVER = "wait_for_approver"
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    DECLINE = "decline"
    REVISE = "revise"
    SCHEDULE = "schedule"
    START_PUBLISHING = "start_publishing"
    PUBLISH_SUCCEEDED = "publish_succeeded"
    PUBLISH_FAILED = "publish_failed"
    CONFIRM = "confirm"
    WITHDRAW = "withdraw"
    EXPIRE = "expire"


S = DraftState
A = Action

_PRE_APPROVAL = (S.SUBMITTED, S.CHECKED, S.AWAITING_APPROVAL, S.AWAITING_APPROVER)
_REVISABLE = (
    S.AWAITING_APPROVAL,
    S.AWAITING_APPROVER,
    S.CHANGES_REQUESTED,
    S.APPROVED,
    S.SCHEDULED,
    S.FAILED,
)
_WITHDRAWABLE = (*_PRE_APPROVAL, S.CHANGES_REQUESTED, S.APPROVED, S.SCHEDULED, S.FAILED)

TRANSITIONS: dict[tuple[DraftState, Action], DraftState] = {
    (S.SUBMITTED, A.CHECK): S.CHECKED,
    (S.CHECKED, A.REQUEST_APPROVAL): S.AWAITING_APPROVAL,
    (S.CHECKED, A.WAIT_FOR_APPROVER): S.AWAITING_APPROVER,
    (S.AWAITING_APPROVER, A.REQUEST_APPROVAL): S.AWAITING_APPROVAL,
    # a waiting draft whose reason changes (e.g. the deputy now absent too) stays waiting
    (S.AWAITING_APPROVER, A.WAIT_FOR_APPROVER): S.AWAITING_APPROVER,
    (S.AWAITING_APPROVAL, A.REQUEST_APPROVAL): S.AWAITING_APPROVAL,
    (S.AWAITING_APPROVAL, A.WAIT_FOR_APPROVER): S.AWAITING_APPROVER,
    (S.AWAITING_APPROVAL, A.APPROVE): S.APPROVED,
    (S.AWAITING_APPROVAL, A.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.AWAITING_APPROVAL, A.DECLINE): S.REJECTED,
    (S.APPROVED, A.SCHEDULE): S.SCHEDULED,
    (S.SCHEDULED, A.SCHEDULE): S.SCHEDULED,
    (S.FAILED, A.SCHEDULE): S.SCHEDULED,
    (S.SCHEDULED, A.START_PUBLISHING): S.PUBLISHING,
    (S.PUBLISHING, A.PUBLISH_SUCCEEDED): S.PUBLISHED,
    (S.PUBLISHING, A.PUBLISH_FAILED): S.FAILED,
    (S.PUBLISHED, A.CONFIRM): S.CONFIRMED,
    **{(state, A.REVISE): S.SUBMITTED for state in _REVISABLE},
    **{(state, A.WITHDRAW): S.WITHDRAWN for state in _WITHDRAWABLE},
    **{(state, A.EXPIRE): S.EXPIRED for state in (*_PRE_APPROVAL, S.CHANGES_REQUESTED)},
}

TERMINAL: frozenset[DraftState] = frozenset({S.CONFIRMED, S.REJECTED, S.WITHDRAWN, S.EXPIRED})
WAITING: frozenset[DraftState] = frozenset({S.AWAITING_APPROVAL, S.AWAITING_APPROVER})


def next_state(state: DraftState, action: Action) -> DraftState | None:
    """The state after ``action``, or None when the transition is not allowed."""
    return TRANSITIONS.get((state, action))


def allowed_actions(state: DraftState) -> frozenset[Action]:
    return frozenset(action for (src, action) in TRANSITIONS if src == state)
