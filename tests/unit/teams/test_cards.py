"""Every Adaptive Card the Teams handler builds validates against the Adaptive Card 1.5 schema,
and its buttons are the action table's (no parallel table)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from chatbot import actions
from chatbot.cards import DraftCard
from chatbot.domain.model import Decision
from chatbot.domain.states import DraftState
from chatbot.gate import ApprovalRequirements
from chatbot.policy.types import Finding
from handlers.teams.cards import draft_card, text_card
from tests.integration.teams_harness import validate_card

AT = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


def _finding(severity: str, kind: str = "") -> Finding:
    return Finding(
        "pii", "pii.phone", severity, "第5条", 0, 4, "090-", "電話番号", "phone number",
        "削除", "remove", kind=kind,
    )  # fmt: skip


def _card(state: DraftState, **changes: Any) -> DraftCard:
    base = DraftCard(
        draft_id="d1", account_id="city", account_name="市の公式", timezone="Asia/Tokyo",
        state=state.value, revision=2, author="teams:aad-staff", caption="本文\n二行目",
        media_count=1, wished_at=AT, scheduled_at=AT, approver="teams:aad-officer",
        approver_role="officer", waiting_reason="", verdict="warn", pack_name="p",
        pack_version="v1", findings=(_finding("warn"), _finding("block")), buttons=(),
        last_decision=Decision("approve", "teams:aad-officer", "officer", 2, AT, reason="ok"),
        permalink="https://instagram.com/p/x", last_error="",
    )  # fmt: skip
    card = replace(base, **changes)
    return replace(card, buttons=actions.buttons(card))


def _actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return list(card.get("actions", []))


def _verb(action: dict[str, Any]) -> str:
    if action["type"] == "Action.ShowCard":
        submit = action["card"]["actions"]
        assert len(submit) == 1 and submit[0]["type"] == "Action.Execute"
        return str(submit[0]["verb"])
    return str(action["verb"])


@pytest.mark.parametrize("state", list(DraftState))
@pytest.mark.parametrize("locale", ["ja", "en"])
def test_every_state_renders_a_valid_card_with_the_tables_buttons(
    state: DraftState, locale: str
) -> None:
    card = _card(state)
    rendered = draft_card(card, locale, may_act=["29:a", "29:a", "29:b"], notice="注意", now=AT)
    validate_card(rendered)
    assert [_verb(a) for a in _actions(rendered)] == list(card.buttons)
    if card.buttons:
        assert rendered["refresh"]["userIds"] == ["29:a", "29:b"]
    else:
        assert "refresh" not in rendered


@pytest.mark.parametrize(
    ("requirements", "input_type"),
    [
        (ApprovalRequirements(), None),
        (ApprovalRequirements(warns=(_finding("warn"),)), "Input.Toggle"),
        (ApprovalRequirements(overridable=(_finding("block"),)), "Input.Text"),
    ],
)
def test_approve_asks_for_what_the_gate_needs(
    requirements: ApprovalRequirements, input_type: str | None
) -> None:
    card = _card(DraftState.AWAITING_APPROVAL, requirements=requirements)
    rendered = draft_card(card, "ja", may_act=["29:a"])
    validate_card(rendered)
    approve = _actions(rendered)[0]
    if input_type is None:
        assert approve["type"] == "Action.Execute" and approve["verb"] == "approve"
        assert approve["data"] == {"draft": "d1", "revision": 2}
    else:
        assert approve["type"] == "Action.ShowCard"
        assert approve["card"]["body"][0]["type"] == input_type
        assert approve["card"]["body"][0]["isRequired"] is True


def test_a_hard_limit_hides_approve() -> None:
    card = _card(
        DraftState.AWAITING_APPROVAL,
        requirements=ApprovalRequirements(hard=(_finding("block", "no_media"),)),
    )
    assert "approve" not in [_verb(a) for a in _actions(draft_card(card, "ja"))]


def test_reason_and_schedule_forms_name_their_inputs_by_action() -> None:
    rendered = draft_card(_card(DraftState.AWAITING_APPROVAL), "en", may_act=["29:a"])
    forms = {
        _verb(a): a["card"]["body"] for a in _actions(rendered) if a["type"] == "Action.ShowCard"
    }
    assert forms["request_changes"][0]["id"] == "request_changes.reason"
    assert forms["decline"][0]["id"] == "decline.reason"
    scheduled = draft_card(_card(DraftState.APPROVED), "en", may_act=["29:a"])
    schedule = next(a for a in _actions(scheduled) if _verb(a) == "schedule")
    assert [i["id"] for i in schedule["card"]["body"]] == ["schedule.date", "schedule.time"]


def test_a_viewer_who_may_not_act_gets_no_buttons() -> None:
    rendered = draft_card(_card(DraftState.AWAITING_APPROVAL), "ja", show_actions=False)
    validate_card(rendered)
    assert "actions" not in rendered


def test_text_cards_validate() -> None:
    card = text_card("お知らせ\n\n二行目")
    validate_card(card)  # raises on a card the 1.5 schema refuses
    assert "二行目" in str(card["body"])


@pytest.mark.parametrize("locale", ["ja", "en"])
def test_only_the_send_back_and_decline_forms_offer_the_packs_clauses(locale: str) -> None:
    clauses = [("3(7)", "個人情報" * 40), ("5", "政治的な内容")]
    card = _card(DraftState.AWAITING_APPROVAL, last_decision=None)
    rendered = draft_card(card, locale, clauses=clauses)
    validate_card(rendered)
    forms = {
        _verb(a): a["card"]["body"] for a in _actions(rendered) if a["type"] == "Action.ShowCard"
    }
    for verb in ("request_changes", "decline"):
        [choice] = [i for i in forms[verb] if i["type"] == "Input.ChoiceSet"]
        assert [c["value"] for c in choice["choices"]] == ["3(7)", "5"]
        assert all(len(c["title"]) <= 80 for c in choice["choices"])
        assert choice["choices"][0]["title"].endswith("…")
    others = [i for verb, body in forms.items() if verb not in ("request_changes", "decline")
              for i in body]  # fmt: skip
    assert all(i["type"] != "Input.ChoiceSet" for i in others)
    assert "Input.ChoiceSet" not in str(draft_card(card, locale))  # no clauses: no list


def test_a_cited_clause_is_shown_with_the_decision() -> None:
    decision = Decision("request_changes", "teams:aad-officer", "officer", 2, AT, reason="直して",
                        clause="3(7)", clause_text="個人情報を含むもの")  # fmt: skip
    rendered = draft_card(_card(DraftState.CHANGES_REQUESTED, last_decision=decision), "ja")
    validate_card(rendered)
    assert "該当する条項：3(7) 個人情報を含むもの" in str(rendered)
