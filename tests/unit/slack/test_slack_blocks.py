"""Block Kit stays inside Slack's limits, validated by slack_sdk's own models."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from chatbot.cards import DraftCard, build_card
from chatbot.domain.roles import Account
from chatbot.policy.types import CheckResult, Finding
from handlers.slack import blocks as kit
from handlers.slack import modals
from handlers.slack.render import escape, person, say
from tests.contract.builders import awaiting

ACCOUNT = Account(id="artistspot", display_name="アートスポット", policy_pack="kumamoto-artistspot")


def _finding(i: int, severity: str = "warn") -> Finding:
    return Finding(
        category="lexicon",
        rule=f"rule{i}",
        severity=severity,
        clause=f"第{i}条",
        start=i,
        end=i + 3,
        excerpt="あ" * 200,
        message_ja="指摘" * 400,
        message_en="finding " * 200,
        suggestion_ja="直し方" * 300,
        suggestion_en="fix " * 300,
    )


def _card(**changes: Any) -> DraftCard:
    card = build_card(awaiting("d1"), ACCOUNT)
    return replace(card, **changes)


def _valid(blocks: list[dict[str, Any]]) -> None:
    assert len(blocks) <= 50
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None
        parsed.validate_json()  # slack_sdk raises on a broken limit
        for text in _texts(block):
            assert len(text) <= 3000


def _texts(block: dict[str, Any]) -> list[str]:
    found = []
    if isinstance(block.get("text"), dict):
        found.append(block["text"]["text"])
    for element in block.get("elements", []):
        if isinstance(element, dict) and "text" in element and isinstance(element["text"], str):
            found.append(element["text"])
    return found


@pytest.mark.parametrize("locale", ["ja", "en"])
def test_a_long_caption_and_many_findings_are_cut_with_a_note(locale: str) -> None:
    findings = tuple(_finding(i, ("block", "warn", "info")[i % 3]) for i in range(300))
    card = _card(caption="長い本文。" * 3000, findings=findings, verdict="block")
    blocks = kit.card_blocks(card, locale)
    _valid(blocks)
    text = json.dumps(blocks, ensure_ascii=False)
    assert (
        say("slack.caption_cut", locale, shown=kit.CAPTION_SHOWN, total=len(card.caption)) in text
    )
    hidden = 300 - kit.FINDINGS_SHOWN
    assert say("slack.findings_cut", locale, shown=kit.FINDINGS_SHOWN, hidden=hidden) in text


def test_the_card_carries_the_table_buttons_with_draft_and_revision() -> None:
    card = _card()
    blocks = kit.card_blocks(card, "ja")
    [actions] = [b for b in blocks if b["type"] == "actions"]
    ids = [e["action_id"] for e in actions["elements"]]
    assert tuple(ids) == card.buttons
    for element in actions["elements"]:
        assert json.loads(element["value"]) == {"d": "d1", "r": card.revision}
        assert len(element["value"]) <= 2000
    approve = next(e for e in actions["elements"] if e["action_id"] == "approve")
    assert approve["confirm"]["title"]["text"]  # the confirm dialog


def test_an_fyi_copy_has_no_decision_buttons() -> None:
    blocks = kit.card_blocks(_card(), "ja", decision_buttons=False)
    ids = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert not {"approve", "request_changes", "decline"} & set(ids)


def test_people_cannot_ping_the_channel_through_a_caption() -> None:
    blocks = kit.card_blocks(_card(caption="<!channel> 見て <@U123>"), "ja")
    text = json.dumps(blocks, ensure_ascii=False)
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert person("slack:U0ABC") == "<@U0ABC>" and person("teams:29:x") == "teams:29:x"


def test_check_blocks_group_by_severity() -> None:
    result = CheckResult("block", "p", "1", (_finding(1, "info"), _finding(2, "block")))
    blocks = kit.check_blocks(result, "en")
    _valid(blocks)
    text = json.dumps(blocks)
    assert text.index("must fix") < text.index("note")


@pytest.mark.parametrize("locale", ["ja", "en"])
def test_modals_are_valid_views(locale: str) -> None:
    card = _card(findings=tuple(_finding(i, "block") for i in range(40)))
    clauses = [(f"第{i}条", "条文" * 50) for i in range(150)]
    views = [
        modals.reason_modal("request_changes", card, locale, {"a": "x"}, clauses),
        modals.reason_modal("approve", card, locale, {"a": "x"}),
        modals.schedule_modal(card, locale, {}),
        modals.post_modal([ACCOUNT], ACCOUNT.id, locale, {}),
    ]
    for view in views:
        assert len(view["title"]["text"]) <= 24
        assert len(view["blocks"]) <= 100
        without_file_input = {
            **view,
            "blocks": [b for b in view["blocks"] if b.get("block_id") != "files"],
        }
        View(**without_file_input).validate_json()
