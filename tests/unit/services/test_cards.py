"""The platform-neutral draft card built from a Draft."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chatbot.cards import build_card
from chatbot.domain.model import Draft
from chatbot.domain.roles import Account
from chatbot.domain.states import DraftState
from chatbot.policy.types import CheckResult
from tests.fakes import finding

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
ACCOUNT = Account("kumamoto", "熊本市アーティストスポット")
EXPECTED_BUTTONS = {
    DraftState.AWAITING_APPROVAL: {"approve", "request_changes", "decline", "withdraw"},
    DraftState.AWAITING_APPROVER: {"withdraw"},
    DraftState.CHANGES_REQUESTED: {"withdraw"},
    DraftState.APPROVED: {"schedule", "withdraw"},
    DraftState.SCHEDULED: {"schedule", "publish_now", "withdraw"},
    DraftState.FAILED: {"schedule", "retry_publish", "withdraw"},
    DraftState.PUBLISHED: {"confirm", "report_problem"},
    DraftState.CONFIRMED: {"report_problem"},
}


def draft_in(state: DraftState) -> Draft:
    draft = Draft.submit("d1", "kumamoto", "console:staff", "本文", (), None, NOW)
    draft.current.check = CheckResult("pass", "base", "1", ())
    draft.state = state
    if state in (DraftState.PUBLISHED, DraftState.CONFIRMED):  # live and identified
        draft.published_media_id, draft.permalink = "17900", "https://www.instagram.com/p/abc12/"
    return draft


@pytest.mark.parametrize("state", list(DraftState))
def test_buttons_follow_the_state(state: DraftState) -> None:
    card = build_card(draft_in(state), ACCOUNT)
    assert set(card.buttons) == EXPECTED_BUTTONS.get(state, set())
    assert card.state == state.value


def test_a_live_post_left_unidentified_can_be_identified_from_its_card() -> None:
    draft = draft_in(DraftState.PUBLISHED)
    draft.published_media_id, draft.permalink = "", ""
    assert set(build_card(draft, ACCOUNT).buttons) == {"confirm", "report_problem", "identify_post"}


def test_card_shows_the_check_and_groups_findings() -> None:
    draft = draft_in(DraftState.AWAITING_APPROVAL)
    info = replace(finding("info", rule="r.info"), start=1)
    late_block = replace(finding("block", rule="r.late"), start=9)
    early_block = replace(finding("block", rule="r.early"), start=2)
    media_warn = replace(finding("warn", rule="r.media"), media_index=0)
    findings = (info, late_block, media_warn, early_block)
    draft.current.check = CheckResult("block", "kumamoto-artistspot", "2.0.0", findings)
    card = build_card(draft, ACCOUNT)
    assert (card.verdict, card.pack_name, card.pack_version) == (
        "block",
        "kumamoto-artistspot",
        "2.0.0",
    )
    grouped = [(sev, [f.rule for f in group]) for sev, group in card.findings_by_severity()]
    assert grouped == [
        ("block", ["r.early", "r.late"]),
        ("warn", ["r.media"]),
        ("info", ["r.info"]),
    ]


def test_card_without_check_or_decision() -> None:
    draft = draft_in(DraftState.SUBMITTED)
    draft.current.check = None
    card = build_card(draft, ACCOUNT)
    assert (card.verdict, card.findings, card.last_decision) == ("", (), None)
    assert not card.requirements.approvable  # an unchecked revision is never approvable
    assert (card.account_name, card.timezone, card.revision) == (
        "熊本市アーティストスポット",
        "Asia/Tokyo",
        1,
    )
