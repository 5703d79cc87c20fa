"""The lines under a card (decision, reason, clause, permalink, error) come from one list,
DraftCard.decision_facts, and read the same on the console, Slack and Teams."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chatbot.cards import DraftCard, build_card
from chatbot.domain.model import Decision
from chatbot.domain.roles import Account
from handlers.console.render import render_card
from handlers.slack import blocks as kit
from handlers.teams.cards import draft_card
from tests.contract.builders import awaiting

ACCOUNT = Account(id="artistspot", display_name="アートスポット", policy_pack="kumamoto-artistspot")
AT = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def _decided() -> DraftCard:
    card = build_card(awaiting("d1"), ACCOUNT)
    decision = Decision(
        kind="request_changes",
        actor="console:officer",
        role="officer",
        at=AT,
        revision=1,
        reason="個人名があります",
        clause="5(5)",
        clause_text="個人情報を含むもの",
    )
    return replace(
        card,
        last_decision=decision,
        permalink="https://www.instagram.com/p/abc/",
        last_error="publish.error.token_invalid",
        error_args={"env": "TOKEN_KUMAMOTO"},
    )


def _everywhere(card: DraftCard, locale: str) -> list[str]:
    return [
        render_card(card, locale),
        json.dumps(kit.card_blocks(card, locale), ensure_ascii=False),
        json.dumps(draft_card(card, locale), ensure_ascii=False),
    ]


def test_decision_facts_are_catalogue_keys_in_order() -> None:
    keys = [key for key, _ in _decided().decision_facts()]
    assert keys == ["card.decided", "card.reason", "card.clause", "card.permalink", "card.error"]
    assert build_card(awaiting("d2"), ACCOUNT).decision_facts() == []


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("ja", ["差し戻し", "個人名があります", "5(5)", "個人情報を含むもの", "TOKEN_KUMAMOTO"]),
        ("en", ["Sent back", "個人名があります", "5(5)", "TOKEN_KUMAMOTO", "Retry"]),
    ],
)
def test_every_front_end_shows_the_same_decision_lines(locale: str, expected: list[str]) -> None:
    for shown in _everywhere(_decided(), locale):
        for piece in expected:
            assert piece in shown
        assert "instagram.com/p/abc" in shown
        # a publish error is rendered with its arguments, never as a raw key or placeholder
        assert "publish.error." not in shown and "{env}" not in shown
