"""Four stance kinds the rules missed on the training corpora, each beside a real slip of its kind.

Fresh captions written for this file (none is a corpus caption): an act named as the harm it does
(命に関わります, 大事故につながります) or the right it infringes (著作権の侵害になります), an act
refused with NG (無断転載はNGです), acts listed and refused (言い返したり晒したりはしないでね,
…たりする投稿はやめましょう), and a rumour not to be spread or judged by (うわさを広めないように,
広めんでね, 噂で決めつけず). Each clean case is flagged by the rules before this change; each slip
flags before and after it.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.stance import warns_against
from tests.unit.policy.rules_only import rule_ids as _rules

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


# ---- an act named as the harm it does or the right it infringes ------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "線路に入って写真を撮る「度胸試し」は、命に関わります。",
        "夜の川に飛び込む度胸試し、ちょっとした遊びが大事故につながることもあります。",
    ],
)
def test_a_dare_named_as_the_harm_it_does_is_a_warning(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "public_order.") == []


@pytest.mark.parametrize(
    "caption",
    [
        "度胸試しに夜の踏切で寝転がってみた、ギリギリ楽しかった",
        "今夜は度胸試しで線路に入ろうぜ！",
        # the harm named, then waved away
        "度胸試しは命に関わるって言われるけど、みんなでやれば平気",
    ],
)
def test_a_dare_still_flags(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "public_order.") != []


# ---- copying refused with NG or named as an infringement -------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "作家さんの作品写真の無断転載はNGです。シェアはリポスト機能でお願いします。",
        "漫画のコマを無断転載するのは著作権の侵害になります。",
    ],
)
def test_copying_refused_is_not_a_copy(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KUMA, caption, "ip_rights.") == []


@pytest.mark.parametrize(
    "caption",
    [
        "人気作家のイラストを無断転載しました！みんな保存してね",
        "無断転載OKなので、好きな漫画のページをどんどん載せます",
        "無断転載はNGって書いてあるけど、気にせず載せちゃおう",
    ],
)
def test_copying_still_blocks(engine: PolicyEngine, caption: str) -> None:
    assert "ip_rights.copy" in _rules(engine, KUMA, caption, "ip_rights.")


def test_ng_alone_is_not_a_warning() -> None:
    # NG needs an act before it (…はNG): a bare NG shot or an NG word says nothing against it.
    kana = "むだんてんさいのngしょっとです"
    assert not warns_against(kana, 0, 7, "ip_rights")
    assert warns_against("むだんてんさいはngです", 0, 7, "ip_rights")


# ---- exposing people listed among acts refused -------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "気になるコメントがあっても、言い返したり晒したりはしないでね。",
        "お店の人を晒したり、悪口を書いたりする投稿はやめましょう。",
    ],
)
def test_exposing_refused_among_other_acts_is_a_warning(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "defamation.") == []


@pytest.mark.parametrize(
    "caption",
    [
        "あの店主、態度が最悪やったけん晒しときます。",
        "〇〇商店の店長は下手くそで有名です。",
    ],
)
def test_exposing_still_blocks(engine: PolicyEngine, caption: str) -> None:
    assert "defamation.insult" in _rules(engine, KOKURA, caption, "defamation.")


# ---- a rumour not to be spread or judged by -----------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "不確かなうわさを広めないようにしましょう。情報は区の発表で。",
        "停電のうわさは広めんでね、区のお知らせを見てね。",
        "落とし物のことを、見た目や噂で決めつけずに交番へ届けてください。",
    ],
)
def test_a_rumour_not_to_spread_is_a_warning(engine: PolicyEngine, caption: str) -> None:
    assert _rules(engine, KOKURA, caption, "misinformation.") == []


@pytest.mark.parametrize(
    "caption",
    [
        "来月から市民プールが閉鎖されるってうわさだよ",
        "駅前のパン屋さん、閉店するらしいよ。うわさやけど",
    ],
)
def test_a_rumour_passed_on_still_flags(engine: PolicyEngine, caption: str) -> None:
    assert "misinformation.rumour" in _rules(engine, KOKURA, caption, "misinformation.")
