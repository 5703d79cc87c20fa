"""The transition table, exercised over every (state, action) pair through the Draft aggregate."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from chatbot.domain.errors import IllegalTransition
from chatbot.domain.model import Draft
from chatbot.domain.states import (
    TERMINAL,
    TRANSITIONS,
    WAITING,
    Action,
    DraftState,
    allowed_actions,
    next_state,
)
from chatbot.policy.types import CheckResult

S, A = DraftState, Action
NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
AUTHOR, OFFICER = "console:staff", "console:officer"
PASS = CheckResult("pass", "base", "1.0.0")

# The expected table, written out independently of the code so that an edit to one shows up.
EXPECTED: dict[tuple[DraftState, Action], DraftState] = {
    (S.SUBMITTED, A.CHECK): S.CHECKED,
    (S.CHECKED, A.REQUEST_APPROVAL): S.AWAITING_APPROVAL,
    (S.CHECKED, A.WAIT_FOR_APPROVER): S.AWAITING_APPROVER,
    (S.AWAITING_APPROVER, A.REQUEST_APPROVAL): S.AWAITING_APPROVAL,
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
    **{
        (state, A.REVISE): S.SUBMITTED
        for state in (
            S.AWAITING_APPROVAL,
            S.AWAITING_APPROVER,
            S.CHANGES_REQUESTED,
            S.APPROVED,
            S.SCHEDULED,
            S.FAILED,
        )
    },
    **{
        (state, A.WITHDRAW): S.WITHDRAWN
        for state in (
            S.SUBMITTED,
            S.CHECKED,
            S.AWAITING_APPROVAL,
            S.AWAITING_APPROVER,
            S.CHANGES_REQUESTED,
            S.APPROVED,
            S.SCHEDULED,
            S.FAILED,
        )
    },
    **{
        (state, A.EXPIRE): S.EXPIRED
        for state in (
            S.SUBMITTED,
            S.CHECKED,
            S.AWAITING_APPROVAL,
            S.AWAITING_APPROVER,
            S.CHANGES_REQUESTED,  # sent back and never resubmitted: it must not publish late
        )
    },
}
ALL_PAIRS = [(state, action) for state in S for action in A]


def test_table_is_exactly_the_expected_one() -> None:
    assert TRANSITIONS == EXPECTED


def test_terminal_states_have_no_way_out() -> None:
    assert {S.CONFIRMED, S.REJECTED, S.WITHDRAWN, S.EXPIRED} == TERMINAL
    for state in TERMINAL:
        assert allowed_actions(state) == frozenset()


def test_every_non_terminal_state_has_a_way_out() -> None:
    for state in set(S) - TERMINAL:
        assert allowed_actions(state), state


def test_every_state_is_reachable_from_submitted() -> None:
    seen, frontier = {S.SUBMITTED}, [S.SUBMITTED]
    while frontier:
        state = frontier.pop()
        for action in allowed_actions(state):
            target = TRANSITIONS[(state, action)]
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    assert seen == set(S)


def test_waiting_states() -> None:
    assert {S.AWAITING_APPROVAL, S.AWAITING_APPROVER} == WAITING


def test_publishing_and_published_cannot_be_withdrawn_or_revised() -> None:
    for state in (S.PUBLISHING, S.PUBLISHED, S.CONFIRMED):
        assert next_state(state, A.WITHDRAW) is None
        assert next_state(state, A.REVISE) is None


def _draft_in(state: DraftState) -> Draft:
    wished = NOW + timedelta(days=2)
    draft = Draft.submit("d1", "acct", AUTHOR, "キャプション", (), wished, NOW)
    draft.state = state
    draft.current.check = PASS
    draft.approver, draft.approver_role = OFFICER, "officer"
    draft.events.clear()
    return draft


def _apply(draft: Draft, action: Action) -> None:
    """Drive ``action`` through the aggregate's public method for it."""
    later = NOW + timedelta(hours=1)
    calls = {
        A.CHECK: lambda: draft.record_check(PASS, later),
        A.REQUEST_APPROVAL: lambda: draft.route_to("console:deputy", "deputy", "", later),
        A.WAIT_FOR_APPROVER: lambda: draft.route_to(None, None, "both_absent", later),
        A.APPROVE: lambda: draft.approve(OFFICER, "officer", later),
        A.REQUEST_CHANGES: lambda: draft.request_changes(OFFICER, "officer", "直して", later),
        A.DECLINE: lambda: draft.decline(OFFICER, "officer", "不可", later),
        A.REVISE: lambda: draft.revise(AUTHOR, "新しい本文", (), draft.wished_at, later),
        A.SCHEDULE: lambda: draft.schedule(OFFICER, NOW + timedelta(days=1), later),
        A.START_PUBLISHING: lambda: draft.start_publishing(later),
        A.PUBLISH_SUCCEEDED: lambda: draft.mark_published("m1", "https://x/p/1", later),
        A.PUBLISH_FAILED: lambda: draft.mark_failed("boom", later),
        A.CONFIRM: lambda: draft.confirm(OFFICER, "officer", later),
        A.WITHDRAW: lambda: draft.withdraw(AUTHOR, later),
        A.EXPIRE: lambda: _expire(draft),
    }
    calls[action]()


def _expire(draft: Draft) -> None:
    assert draft.wished_at is not None
    if not draft.expire_if_due(draft.wished_at + timedelta(minutes=1)):
        raise IllegalTransition(state=draft.state.value, action="expire", draft=draft.id)


@pytest.mark.parametrize(("state", "action"), ALL_PAIRS, ids=lambda v: str(v))
def test_every_pair_through_the_aggregate(state: DraftState, action: Action) -> None:
    draft = _draft_in(state)
    target = EXPECTED.get((state, action))
    if target is None:
        before = copy.deepcopy(draft)
        with pytest.raises(IllegalTransition) as raised:
            _apply(draft, action)
        assert draft == before
        assert draft.events == []
        assert raised.value.key == "error.illegal_transition" or action is A.EXPIRE
    else:
        _apply(draft, action)
        assert draft.state is target
        assert draft.updated_at > NOW
        assert next_state(state, action) is target


def test_illegal_transition_names_state_action_and_draft() -> None:
    draft = _draft_in(S.CONFIRMED)
    with pytest.raises(IllegalTransition) as raised:
        draft.approve(OFFICER, "officer", NOW)
    assert raised.value.args_map == {"state": "confirmed", "action": "approve", "draft": "d1"}
