"""Four clean kinds the rules flagged on the training corpora, each beside a real slip of its kind.

Fresh captions written for this file (none is a corpus caption): a katakana word ending in ト
before の話 (アートの話 is あーとの話 in the kana view, which held との話), a mascot named by a
ward and ちゃん, a bath's etiquette said as a prohibition (はだかで走らない), and a lunch named in
a food post. Each clean case fails on the rules before this change; each slip flags before and
after it.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.hearsay import other_hearsay
from tests.unit.policy.rules_only import rule_ids as _rules

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


# ---- との話 needs a real quotative と -----------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "次回のトークはアートの話を中心に、作家さんと気軽におしゃべりします🎨",
        "このアカウントでは、まちなかのアートの話題をお届けします。",
        "ゲストの話に会場のみなさんも聞き入っていました。",
        "ワークショップでは、チケットの話から会場づくりまで学生が担当しました。",
        "保存会と地権者との話し合いを重ね、石垣の修復方法を決めました。",
    ],
)
def test_a_word_ending_in_to_before_no_hanashi_is_not_hearsay(
    engine: PolicyEngine, caption: str
) -> None:
    assert _rules(engine, KUMA, caption, "misinformation.") == []


@pytest.mark.parametrize(
    "caption",
    [
        "来年の春で市民プールが閉鎖されるとの話が出ています。",
        "夏祭りは中止との話を近所で聞きました。",
        "「図書館の本が全部処分される」との話が広まっています😱",
    ],
)
def test_hearsay_with_a_quotative_to_still_flags(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "misinformation.rumour") != []


def test_the_models_hearsay_cue_needs_a_quotative_to_too() -> None:
    # The kana view (katakana folded): アートの話 is あーとの話.
    assert not other_hearsay("あーとの話をします", 0, 9)
    assert other_hearsay("閉館するとの話です", 0, 9)
    assert other_hearsay("中止との話です", 0, 7)


# ---- a ward made a mascot is not a person --------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "区のマスコット「小倉南ちゃん」が、ふれあいまつりに遊びに来てくれました🐶",
        "小倉南ちゃんと一緒に、防災クイズに挑戦しよう！",
        "八幡西くんのぬいぐるみ、区役所の窓口に飾っています。",
    ],
)
def test_a_ward_with_chan_or_kun_is_a_mascot(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "pii.person_name") == []


@pytest.mark.parametrize(
    "caption",
    [
        "受付を手伝ってくれた葉山くん、ありがとう！",
        "宮崎ちゃんは毎週火曜に窓口にいます。",
        "小倉さんの家は公園の裏です。",
    ],
)
def test_a_place_that_is_also_a_surname_still_names_a_person(
    engine: PolicyEngine, caption: str
) -> None:
    assert _rules(engine, KOKURA, caption, "pii.person_name") != []


# ---- a bath's etiquette said as a prohibition ---------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "銭湯マナー教室♨️ かけ湯をしてから入る、はだかで走らない、タオルは湯船に入れない。",
        "プールの更衣室では、はだかで歩き回らないのがルールです。",
        "温泉のお約束：はだかで騒がない、長湯しすぎない♨️",
    ],
)
def test_naked_in_an_etiquette_rule_is_not_innuendo(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "obscenity.") == []


@pytest.mark.parametrize(
    "caption",
    [
        "夏のイベント、みんなではだかで走っちゃおう😏",
        "河原ではだかで泳がない？ 写真も撮ろう💦",
        "はだかで踊るパフォーマンス、今年もやります♡",
    ],
)
def test_naked_as_a_tease_still_flags(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "obscenity.innuendo") != []


# ---- a lunch named in a food post ----------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "今日のランチは市場の食堂で、地元の野菜たっぷりの日替わり定食🍱",
        "今日のランチにおすすめ！物産館のだご汁、今月から登場です。",
    ],
)
def test_a_lunch_in_a_food_post_is_not_private(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KUMA, caption, "off_topic.") == []


@pytest.mark.parametrize(
    "caption",
    [
        "私事ですが、今日のランチは家族とお寿司でした🍣",
        "今日のランチは担当者の私が大好きな豚骨ラーメン🍜 替え玉2回！",
    ],
)
def test_a_private_lunch_still_flags(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KUMA, caption, "off_topic.private") != []
