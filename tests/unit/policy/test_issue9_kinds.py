"""Issue 9's kinds on captions written fresh for this test (not taken from any corpus file).

"Blocked, clean" kinds must not be blocked, "Flagged, clean" kinds must not be flagged at all, and
"Missed, semantic" kinds must be flagged in their category (by a rule or by the model).
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CheckResult

KUMAMOTO = "kumamoto-artistspot"
KOKURA = "kokuraminami"


def _flags(result: CheckResult) -> dict[str, str]:
    return {f.category: f.severity for f in result.findings if f.severity != "info"}


BLOCKED_CLEAN = [
    (KOKURA, "ふれあい交流センター（小倉南区守恒本町二丁目3番1号）で作品展を開きます。"),
    (KUMAMOTO, "会場は熊本市中央区上通町2番3号のホールです。"),
    (KUMAMOTO, "お問い合わせは熊本市文化政策課096-328-2039へどうぞ。"),
    (KOKURA, "北九州市小倉南区 093-951-1024 までお電話ください。"),
    (KUMAMOTO, "ポイ捨ては犯罪です。ごみは持ち帰りましょう。"),
    (KOKURA, "飲酒運転は絶対にやめましょう。"),
    (KUMAMOTO, "20歳未満の方へのお酒の提供は法律で禁止されています。"),
    (KOKURA, "市主催の朝市では、生産者さんが採れたての野菜を販売します。"),
    (KOKURA, "北九州市小倉南区上葛原2-14-1 小倉南体育館にて開催"),
    (KOKURA, "（093）951-1024 小倉南区総務企画課"),
]

FLAGGED_CLEAN = [
    (KUMAMOTO, "夏目漱石の旧居で、明治の暮らしを紹介する展示を行っています。"),
    (KUMAMOTO, "細川ガラシャの生涯をたどる歴史講座を開きます。"),
    (KUMAMOTO, "大西一史市長があいさつしました。"),
    (KOKURA, "武内和久市長が表彰状を手渡しました。"),
    (KUMAMOTO, "登録アーティスト「そらいろ」さんのライブです。"),
    (KOKURA, "写真コンテストの人気投票は今月末までです。"),
    (KUMAMOTO, "春らしい陽気になりました。"),
    (KUMAMOTO, "熊本らしいお土産を集めたコーナーです。"),
    (KOKURA, "根拠のないうわさを広めないでください。公式の発表をご確認ください。"),
]

MISSED_SEMANTIC = [
    (KUMAMOTO, "今度の市長選は○○さんを応援しよう！まちを変えられるのはこの人だけ。", "political"),
    (KOKURA, "みんなセンキョ行こうね、入れるのはもちろん△△党！", "political"),
    (KUMAMOTO, "日曜日は教会の礼拝に来ませんか。神様があなたを待っています。", "religious"),
    (KOKURA, "私たちの会では信者募集中です。一緒に祈りましょう。", "religious"),
    (KUMAMOTO, "当会場は外国籍の方の入場をお断りしています。", "discrimination"),
    (KOKURA, "障がいのある方はご入場いただけません。", "discrimination"),
    (KUMAMOTO, "打ち上げで飲んだ後でも、車で帰れば大丈夫です。", "illegal"),
    (KOKURA, "古い冷蔵庫は河川敷に捨てちゃえばいいよ。", "illegal"),
    (KUMAMOTO, "高校生のみんなもお酒で乾杯しよう！", "illegal"),
    (KUMAMOTO, "今日の衣装、ちょっとえっちでドキドキ😍", "obscenity"),
    (KOKURA, "はだかで踊るダンサーさん、最高でした。", "obscenity"),
    (KUMAMOTO, "正直この仕事もう嫌です。残業ばっかりで疲れました。", "personal_opinion"),
    (KOKURA, "新しい体育館の候補地は、庁内では○○公園が有力です。", "undecided"),
    (KUMAMOTO, "近所に住む山口さんは町内会のお金を盗んでいます。", "defamation"),
    (KOKURA, "駅前のビルが取り壊されるって話題になってるよ。", "misinformation"),
    (KUMAMOTO, "来月から市電が無料になるらしいよ！", "misinformation"),
]


@pytest.mark.parametrize(("pack", "caption"), BLOCKED_CLEAN)
def test_blocked_clean_kinds_are_not_blocked(engine: PolicyEngine, pack: str, caption: str) -> None:
    result = engine.check(pack, caption)
    assert result.verdict != "block", [(f.rule, f.excerpt) for f in result.findings]


@pytest.mark.parametrize(("pack", "caption"), FLAGGED_CLEAN)
def test_flagged_clean_kinds_are_not_flagged(engine: PolicyEngine, pack: str, caption: str) -> None:
    assert _flags(engine.check(pack, caption)) == {}


@pytest.mark.parametrize(("pack", "caption", "category"), MISSED_SEMANTIC)
def test_missed_semantic_kinds_are_flagged(
    engine: PolicyEngine, pack: str, caption: str, category: str
) -> None:
    assert category in _flags(engine.check(pack, caption))


def test_an_inclusive_notice_is_not_exclusion_but_a_refusal_still_is(engine: PolicyEngine) -> None:
    welcome = engine.check(KUMAMOTO, "外国籍の方も参加できます。通訳がいます。")
    assert "discrimination" not in _flags(welcome)
    refusal = engine.check(KUMAMOTO, "外国籍の方は参加できません。")
    assert "discrimination" in _flags(refusal)


def test_a_private_address_with_a_venue_word_later_still_blocks(engine: PolicyEngine) -> None:
    caption = "自宅は北九州市小倉南区上葛原2-14-1です。近くの公園で練習しています。"
    assert "pii" in _flags(engine.check(KOKURA, caption))
    caption = "山口さんの住所：熊本市東区健軍2丁目8-15 駅から徒歩5分"
    assert engine.check(KUMAMOTO, caption).verdict == "block"
