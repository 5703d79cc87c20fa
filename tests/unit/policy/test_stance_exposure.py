"""Stance, v10: a warning against exposing people (晒す) is not itself an insult.

Fresh captions written for this file. ``defamation.insult`` blocks 晒し (exposing someone as the
wrong); a caption that forbids the act — 特定したり晒したりするのはやめましょう,
晒したりしないでください, 晒し者にするのはやめよう — was blocked for the word. A call to expose,
or an insult beside the warning, still is.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from tests.unit.policy.rules_only import rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


def _defamation(engine: PolicyEngine, pack: str, caption: str) -> list[tuple[str, str]]:
    found = rule_findings(engine.check(pack, caption))
    return [(rule, severity) for rule, severity, _ in found if rule.startswith("defamation.")]


@pytest.mark.parametrize(
    ("pack", "caption"),
    [
        (KOKURA, "SNSで個人を特定したり晒したりするのはやめましょう。"),
        (KUMA, "落とし物を拾ってくれた方を、勝手に晒したりしないでください🙏"),
        (KOKURA, "ネットで他人をさらしものにするのはやめよう。傷つくのは本人と家族です。"),
        (KUMA, "迷惑な客がいても、SNSで晒したりするのは絶対にやめてください。店に相談を。"),
        (KOKURA, "写真に写り込んだ人を晒すのはやめましょう。ぼかしてから投稿してね📷"),
        (KUMA, "いたずらの犯人捜しで子どもを晒し者にしないよう、保護者の皆さまにお願いします。"),
    ],
)
def test_a_warning_against_exposing_people_is_not_blocked(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert _defamation(engine, pack, caption) == []


@pytest.mark.parametrize(
    ("pack", "caption"),
    [
        (KOKURA, "ゴミを捨てた人、防犯カメラに映ってたので晒します。"),
        (KUMA, "あの店主は詐欺師です。晒したりはしないけど。"),
        (KOKURA, "割り込みしたおじさん、顔を晒してやろうかな😤"),
    ],
)
def test_a_call_to_expose_or_an_insult_beside_it_still_flags(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert _defamation(engine, pack, caption) != []


def test_shaming_as_the_only_cure_is_not_read_as_a_warning(engine: PolicyEngine) -> None:
    caption = "あの泥棒、晒し者にしないと反省しないよ。名前を出しておきます。"
    assert _defamation(engine, KOKURA, caption) != []
