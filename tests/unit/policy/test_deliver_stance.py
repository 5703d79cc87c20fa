"""Stance across categories: a warning, prohibition, correction or call to report does not flag the
act it warns against; a real call to do the act still does. Captions written fresh for this file.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CheckResult
from tests.unit.policy.rules_only import rule_categories

KUMAMOTO = "kumamoto-artistspot"
KOKURA = "kokuraminami"


def _categories(result: CheckResult) -> set[str]:
    return {f.category for f in result.findings if f.severity != "info"}


WARNINGS = [
    # illegal acts
    ("illegal", "ごみの不法投棄は犯罪です。"),
    ("illegal", "河川敷にごみを捨てないでください。"),
    ("illegal", "不法投棄を見かけたら区役所まで通報してください。"),
    ("illegal", "年末年始は飲酒運転防止の取り締まりが強化されます。"),
    ("illegal", "20歳未満の飲酒は法律で禁止されています。"),
    ("illegal", "人混みの上でドローンを飛ばすことは法律で禁止されています。"),
    ("illegal", "闇バイトに注意！高額報酬をうたう募集には応じないでください。"),
    ("illegal", "海賊版サイトの利用はやめましょう。"),
    ("illegal", "万引きは犯罪です。見かけたらお店の人に知らせてください。"),
    # rumours
    ("misinformation", "「市電が無料になる」といううわさはデマです。"),
    ("misinformation", "SNSで広まっている閉館のうわさは事実ではありません。"),
    ("misinformation", "災害時は不確かな情報を拡散しないでください。"),
    ("misinformation", "うわさに惑わされず、市の公式情報をご確認ください。"),
    # obscenity
    ("obscenity", "盗撮やわいせつ行為は犯罪です。被害にあったら警察へ相談してください。"),
    ("obscenity", "出会い系サイトの被害防止について講座を開きます。"),
    ("obscenity", "パパ活の危険性を知ってください。相談窓口はこちら。"),
    # discrimination
    ("discrimination", "国籍や出身地で人を差別しないでください。"),
    ("discrimination", "障がいを理由に入場をお断りすることは差別にあたります。人権週間です。"),
    ("discrimination", "外国人お断りといった差別をなくしましょう。"),
    # political (election rules)
    ("political", "選挙違反に注意！買収や戸別訪問は禁止されています。"),
    ("political", "公務員の選挙運動は法律で禁止されています。"),
    # defamation and public order
    ("defamation", "「バカ」「死ね」など、SNSでの誹謗中傷はやめましょう。"),
    ("public_order", "ネットで人を晒す行為は絶対にやめてください。"),
    ("illegal", "不法投棄ダメ、ゼッタイ。"),
    ("illegal", "河川敷にごみを捨てちゃダメだよ。"),
    ("misinformation", "うわさを広めちゃダメ！"),
    ("illegal", "飲んだら乗るな、乗るなら飲むな。"),
    ("illegal", "河川敷でのバーベキュー後のごみの放置は条例違反です。"),
    ("illegal", "ドローンの飛行は許可が必要です。許可なく飛ばすことはできません。"),
    ("illegal", "会場内での許可なく撮影はご遠慮ください。"),
    ("misinformation", "「〇〇公園が閉鎖される」というデマが広がっています。ご注意ください。"),
    ("political", "公務員は選挙運動ができません。"),
    ("ip_rights", "写真の無断転載・無断使用はお断りします。"),
]


@pytest.mark.parametrize(("category", "caption"), WARNINGS)
def test_a_warning_does_not_flag_what_it_warns_against(
    engine: PolicyEngine, category: str, caption: str
) -> None:
    result = engine.check(KOKURA, caption)
    assert category not in rule_categories(result), [(f.rule, f.excerpt) for f in result.findings]
    assert result.verdict != "block"


REAL_CALLS = [
    ("illegal", "粗大ごみは河川敷に捨てちゃえばいいよ、バレないから。"),
    ("illegal", "少し飲んだくらいなら運転しても大丈夫です。"),
    ("illegal", "見つからないように気をつけて、夜のうちに不法投棄しよう。"),
    ("illegal", "法律で禁止されているけど、みんなやってるからドローンを人混みで飛ばそう。"),
    ("illegal", "通報されないように、こっそり捨てちゃおう。"),
    ("misinformation", "デマじゃないよ、来月から市電が無料になるらしいよ！"),
    ("obscenity", "今日の衣装、ちょっとえっちでドキドキ"),
    ("political", "次の選挙は〇〇党に清き一票をお願いします。"),
    ("discrimination", "当館は外国人お断りです。"),
    ("illegal", "少しならダメじゃないよ、飲んでも運転しちゃおう。"),
    ("defamation", "〇〇商店のオーナー、ほんとにダメな人だわ"),
    ("political", "あの候補だけは当選させちゃダメ！周りの人にも伝えてください。"),
    ("obscenity", "18歳未満は見ちゃダメ♡大人だけのお楽しみ"),
]


@pytest.mark.parametrize(("category", "caption"), REAL_CALLS)
def test_a_real_call_to_do_the_act_still_flags(
    engine: PolicyEngine, category: str, caption: str
) -> None:
    result = engine.check(KOKURA, caption)
    assert category in _categories(result), [(f.rule, f.excerpt) for f in result.findings]


CLEAN_WORDS = [
    "フォトコンテストの投票を受け付けています。お気に入りの一枚に投票してください。",
    "人気投票の結果を発表します！",
    "春らしい陽気の中、花まつりを開きました。",
    "熊本らしいお土産が並ぶ物産コーナーです。",
    "小倉らしい風景を写真でお寄せください。",
    "デマやうわさに注意してください。正しい情報は市のホームページで確認できます。",
    "「〇〇が閉鎖されるらしい」という投稿が出回っていますが、誤りです。",
    "おいしいと評判の地元パン屋さんも出店します。",
    "地元の方から聞いた話を元に、昔の町並みを再現しました。",
    "チラシのシェア・拡散お願いします！",
    "お休みの日に、家族で楽しめるワークショップです。",
    "週末は家族で美術館へお出かけしませんか。",
    "保健センターでダイエット講座を開きます。",
    "子どもたちに大人気のガチャガチャコーナーもあります。",
]


@pytest.mark.parametrize("caption", CLEAN_WORDS)
def test_allowed_senses_of_flag_words_are_not_flagged(engine: PolicyEngine, caption: str) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert rule_categories(result) == set(), [(f.rule, f.excerpt) for f in result.findings]
    assert result.verdict != "block"
