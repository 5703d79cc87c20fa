"""Private persons' numbers and children's names that earlier exemptions let through.

Written by kind: a mobile number as people write it (3-4-4) is someone's own line even where the
numbering plan has no such number (080-0… belongs to toll-free 0800 in the plan, 090-0000-… is
unallocated); toll-free numbers written as such stay unreported. A kana given name alone passes as
a pen name only with さん/様, no age beside it and no surname right before it.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine

KUMAMOTO = "kumamoto-artistspot"
KOKURA = "kokuraminami"


def _pii(engine: PolicyEngine, pack: str, caption: str) -> set[tuple[str, str]]:
    result = engine.check(pack, caption)
    return {(f.kind, f.severity) for f in result.findings if f.category == "pii"}


@pytest.mark.parametrize(
    "caption",
    [
        "落とし物の持ち主の方の電話は080-0000-3321（タナカ）です。",
        "引率の先生の携帯 080-0123-9876 へどうぞ",
        "連絡先は090-0000-8150です。",
        "お問い合わせは（070）1111-2222まで",
    ],
)
def test_a_mobile_shaped_number_is_a_private_contact(engine: PolicyEngine, caption: str) -> None:
    assert ("phone", "block") in _pii(engine, KUMAMOTO, caption)


def test_an_impossible_mobile_number_is_also_reported_as_impossible(engine: PolicyEngine) -> None:
    # 090-0123-8150, not 090-0000-8150: a block of zeros is a made-up number (test_pii_context_v6)
    rules = {f.rule for f in engine.check(KOKURA, "連絡先は090-0123-8150です。").findings}
    assert {"pii.contact", "accuracy.phone"} <= rules


@pytest.mark.parametrize(
    "caption",
    [
        "フリーダイヤル0800-123-4567（市民相談）",
        "ナビダイヤル 0570-000-123",
        "0120-123-456までお気軽に",
    ],
)
def test_toll_free_numbers_written_as_such_are_not_reported(
    engine: PolicyEngine, caption: str
) -> None:
    assert _pii(engine, KOKURA, caption) == set()


@pytest.mark.parametrize(
    ("caption", "kinds"),
    [
        ("優勝した、かずまくん（9）は小学3年生です。", {"person_name", "age"}),
        ("ゆいちゃん（4歳）を保護しています", {"person_name", "age"}),
        ("鈴木はるとくんが見つかりました", {"person_name"}),
        ("リーダーのみさきさん（16）は毎朝ここで練習", {"person_name", "age"}),
    ],
)
def test_a_childs_or_aged_kana_name_is_a_private_person(
    engine: PolicyEngine, caption: str, kinds: set[str]
) -> None:
    assert {kind for kind, _ in _pii(engine, KOKURA, caption)} >= kinds


@pytest.mark.parametrize(
    "caption",
    [
        "登録アーティストのはるかさんが出演します",
        "熊本のまりなさんの歌声をお楽しみに",
        "ゲストはさくらさんです",
    ],
)
def test_a_kana_pen_name_with_san_stays_unreported(engine: PolicyEngine, caption: str) -> None:
    assert _pii(engine, KUMAMOTO, caption) == set()
