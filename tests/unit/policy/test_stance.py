"""Stance: warnings, prohibitions, corrections and calls to report do not flag the act."""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.stance import warns_against


@pytest.mark.parametrize(
    "caption",
    [
        "不法投棄は犯罪です。見かけたら区役所へ通報してください。",
        "飲酒運転防止キャンペーンを実施します。",
        "20歳未満の飲酒は法律で禁止されています。",
        "「明日イベントが中止らしい」という噂はデマです。公式情報をご確認ください。",
        "飲酒運転は絶対にやめましょう。",
    ],
)
def test_warnings_against_an_act_pass(engine: PolicyEngine, caption: str) -> None:
    result = engine.check("kokuraminami", caption)
    assert result.verdict != "block", [(f.rule, f.excerpt) for f in result.findings]
    assert not {f.category for f in result.findings} & {"illegal", "misinformation"}


@pytest.mark.parametrize(
    "caption",
    [
        "少しくらいなら飲酒運転しても大丈夫、バレないから。",
        "粗大ごみは河川敷に不法投棄しちゃえばOK",
    ],
)
def test_the_act_itself_is_still_blocked(engine: PolicyEngine, caption: str) -> None:
    assert engine.check("kokuraminami", caption).verdict == "block"


def test_a_venue_rule_that_excludes_is_not_a_warning() -> None:
    kana = "がいこくせきのかたのごさんかはごえんりょください"
    assert not warns_against(kana, 0, 6, "discrimination")
    assert warns_against("さべつをなくそう", 0, 3, "discrimination")
    assert not warns_against("いんしゅうんてんはやめましょう", 0, 6, "pii")
