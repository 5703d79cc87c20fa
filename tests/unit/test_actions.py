"""The one action table: buttons per state, what each needs, and the command it becomes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chatbot import actions
from chatbot.actions import ActionInput, Need
from chatbot.cards import DraftCard
from chatbot.domain import commands as cmd
from chatbot.domain.errors import InvalidInput
from chatbot.domain.states import DraftState
from chatbot.gate import ApprovalRequirements
from chatbot.policy.types import CheckResult, Finding
from handlers.console.render import _as_card  # a blank card to vary

S = DraftState
CARD = _as_card(CheckResult("pass", "p", "1", ()))


def card_in(state: DraftState) -> DraftCard:
    live = state in (S.PUBLISHED, S.CONFIRMED)  # a live post, identified (it has its permalink)
    permalink = "https://www.instagram.com/p/abc123/" if live else ""
    return replace(CARD, state=state.value, permalink=permalink)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (S.AWAITING_APPROVAL, ("approve", "request_changes", "decline", "withdraw")),
        (S.AWAITING_APPROVER, ("withdraw",)),
        (S.CHANGES_REQUESTED, ("withdraw",)),
        (S.APPROVED, ("schedule", "withdraw")),
        (S.SCHEDULED, ("schedule", "publish_now", "withdraw")),
        (S.FAILED, ("schedule", "retry_publish", "withdraw")),
        (S.PUBLISHED, ("confirm", "report_problem")),
        (S.PUBLISHING, ()),
        (S.REJECTED, ()),
        (S.CONFIRMED, ("report_problem",)),
    ],
)
def test_buttons_per_state(state: DraftState, expected: tuple[str, ...]) -> None:
    assert actions.buttons(card_in(state)) == expected


def test_each_action_becomes_its_command() -> None:
    at = datetime(2026, 12, 7, 1, tzinfo=UTC)
    given = ActionInput(reason=" 直してください ", at=at)
    built = {a: actions.to_command(a, "console:o", "d1", given) for a in actions.ACTIONS}
    assert built == {
        "approve": cmd.Approve("console:o", "d1", override_reason="直してください"),
        "request_changes": cmd.RequestChanges("console:o", "d1", "直してください"),
        "decline": cmd.Decline("console:o", "d1", "直してください"),
        "schedule": cmd.Schedule("console:o", "d1", at),
        "confirm": cmd.Confirm("console:o", "d1"),
        "report_problem": cmd.ReportProblem("console:o", "d1", "直してください"),
        "identify_post": cmd.IdentifyPost("console:o", "d1", "直してください"),
        "retry_publish": cmd.RetryPublish("console:o", "d1"),
        "publish_now": cmd.PublishNow("console:o", "d1", "直してください"),
        "withdraw": cmd.Withdraw("console:o", "d1"),
    }


def test_a_live_post_left_unidentified_offers_to_say_which_post_it_is() -> None:
    unidentified = replace(card_in(S.PUBLISHED), permalink="")
    assert actions.buttons(unidentified) == ("confirm", "report_problem", "identify_post")
    assert actions.ACTIONS["identify_post"].needs(unidentified) is Need.REASON


def test_needs_per_action() -> None:
    card = card_in(S.AWAITING_APPROVAL)
    needs = {a.id: a.needs(card) for a in actions.ACTIONS.values()}
    assert needs["request_changes"] is Need.REASON and needs["decline"] is Need.REASON
    assert needs["schedule"] is Need.DATETIME and needs["approve"] is Need.NOTHING


def test_needs_and_visibility_may_depend_on_the_draft() -> None:
    approve = actions.ACTIONS["approve"]
    gated = replace(
        approve,
        needs_for=lambda c: Need.CONFIRM if c.findings else Need.NOTHING,
        shown=lambda c: c.verdict != "block",
    )
    card = card_in(S.AWAITING_APPROVAL)
    assert gated.needs(card) is Need.NOTHING
    assert gated.shown(replace(card, verdict="block")) is False


def test_an_unknown_action_is_a_clear_error() -> None:
    with pytest.raises(InvalidInput) as raised:
        actions.to_command("publish_yesterday", "console:o", "d1", ActionInput())
    assert raised.value.key == "error.unknown_action"


def _finding(rule: str, severity: str, kind: str = "") -> Finding:
    return Finding("media", rule, severity, "c", 0, 1, "x", "ja", "en", kind=kind)


def test_approve_follows_the_gate() -> None:
    approve = actions.ACTIONS["approve"]
    card = card_in(S.AWAITING_APPROVAL)
    warn = replace(card, requirements=ApprovalRequirements(warns=(_finding("w", "warn"),)))
    block = replace(card, requirements=ApprovalRequirements(overridable=(_finding("b", "block"),)))
    hard = replace(card, requirements=ApprovalRequirements(hard=(_finding("h", "block"),)))
    assert approve.needs(card) is Need.NOTHING
    assert approve.needs(warn) is Need.CONFIRM
    assert approve.needs(block) is Need.REASON
    assert "approve" in actions.buttons(block)
    assert "approve" not in actions.buttons(hard)
    given = ActionInput(reason=" 公益上必要 ", confirmed=True, revision=2)
    assert actions.to_command("approve", "console:o", "d1", given) == cmd.Approve(
        "console:o", "d1", override_reason="公益上必要", acknowledged=True, revision=2
    )
