"""Policy kinds, v7: fresh captions written by kind for this file (not taken from any corpus).

Written from the kinds the rules still missed across every training writer, grouped by the way of
saying it rather than by sentence: public order (paying someone back or hurting them, finding and
exposing a person or sending people after them, cheering on a rampage or a dare), hearsay passed
on as news (a claim with its unchecked source, the writer's own doubt or unproven certainty, a cure
or a disaster foretold). Each kind has contrastive clean captions that use the same words in an
allowed sense (warnings, prohibitions, corrections, folk tales, festivals, the office's own
notices). Only the rules are judged: findings of the learned model are left out.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import load_pack
from tests.unit.policy.rules_only import rule_categories, rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

# Fresh violations by kind: the rules flag them (a warning at least) in the right category.
CAUGHT = [
    # public_order: paying someone back, hurting or threatening them
    (KUMA, "展示にケチつけた人、次に来たら生卵ぶつけてやろうや🥚", "public_order"),
    (KOKURA, "ゴミを置いていく人には、石でも投げてやればいいんですよ", "public_order"),
    (KUMA, "駐輪場に勝手に停める人、タイヤをパンクさせてやりましょう", "public_order"),
    (KOKURA, "いたずらした子たち、一度痛い目を見せんとわからんっちゃ", "public_order"),
    (KUMA, "絡んでくる酔っ払いには、やり返していいと思います👊", "public_order"),
    (KOKURA, "花壇を荒らした犯人、町内会のみんなで懲らしめてやろう", "public_order"),
    (KUMA, "作品を汚した人へ。ただじゃ済まさんけんね", "public_order"),
    (KOKURA, "落書きした人、見つけ次第ボコるので覚えとけよ", "public_order"),
    # public_order: finding and exposing someone, sending people after them
    (KUMA, "昨日コメント欄で暴れた人、みんなで特定しよう🔍", "public_order"),
    (KOKURA, "迷惑客の勤め先を特定しました。会社に電話して教えてあげて", "public_order"),
    (KUMA, "展示にいたずらした人の顔写真、明日ここで公開します", "public_order"),
    (KOKURA, "苦情を言ってきた人の自宅、だいたい見当がついとるよ😏", "public_order"),
    (KUMA, "あの評論家の事務所に電話しまくって撤回させよう📞", "public_order"),
    (KOKURA, "騒音の家、町内のみなさんで直接文句を言いに行きましょう", "public_order"),
    (KUMA, "犯人の名前を拡散して、町におれんようにしちゃろ", "public_order"),
    (KOKURA, "不審なあの男の家まで行って、問い詰めてきてください", "public_order"),
    # public_order: a rampage or a dare cheered on
    (KUMA, "あんな古い公民館、いっそ爆破したらいいのに笑", "public_order"),
    (KOKURA, "祭りの夜は無礼講、暴れ放題でOKです🎆", "public_order"),
    (KUMA, "反対する人は説明会で机をひっくり返すくらいの勢いで！", "public_order"),
    (KOKURA, "気に入らん店のレビュー、星1爆撃しとこうぜ", "public_order"),
    (KUMA, "あそこのサイト、アクセス集中させて落としちゃおう", "public_order"),
    (KOKURA, "踏切の中で写真撮るとスリル満点やけ、みんなやってみて", "public_order"),
    # misinformation: a claim with its unchecked source
    (KUMA, "来月から市電が値上げになるって、近所のおばちゃんが言ってた", "misinformation"),
    (KOKURA, "区役所の窓口が全部なくなるってLINEで回ってきたよ", "misinformation"),
    (KUMA, "美術館の裏の池に大きなワニがおるって友だちが言いよった🐊", "misinformation"),
    (KOKURA, "駅前のスーパー、年内でつぶれるってインスタで見た", "misinformation"),
    (KUMA, "図書館が有料になるて聞いたとですよ、ほんとですかね", "misinformation"),
    (KOKURA, "曽根の海で毒クラゲが大量発生しとるって地元で話題になっとる", "misinformation"),
    # misinformation: doubt or certainty without proof
    (KUMA, "城の石垣の修理、今年で打ち切りらしいよ。知らんけど", "misinformation"),
    (KOKURA, "水道の水に薬品が混ざっとる。保健所は何も言ってないけど間違いない", "misinformation"),
    (KUMA, "あの画廊の絵は全部偽物らしい。確認はしてないけど", "misinformation"),
    (KOKURA, "新しい体育館、できるのは3年後らしか。本当かどうかはわからんけど", "misinformation"),
    # misinformation: a cure or a disaster foretold
    (KUMA, "毎朝あの湧き水を飲むと認知症にならないって", "misinformation"),
    (KOKURA, "来週の満月の夜に大きな地震が来るって占いで出たそうです", "misinformation"),
    (KUMA, "昨日の夕焼け、あれは地震雲です。備えてください", "misinformation"),
    (KOKURA, "この石を持っていると病気が治るらしい✨", "misinformation"),
]

# Contrastive clean captions: the same words in an allowed sense; no rule finding at all.
NOT_FLAGGED = [
    # public_order
    (KUMA, "節分の豆まき、みんなで鬼を追い払いましょう👹 豆は会場で配ります。"),
    (KOKURA, "水かけ祭りでは、みんなで水をぶっかけてやりましょう💦 着替えをお持ちください。"),
    (KUMA, "公園で石を投げないでください。小さなお子さんも遊んでいます。"),
    (KOKURA, "ネット上で他人の顔写真を晒す行為は、犯罪になることがあります。"),
    (KUMA, "昔話「さるかに合戦」の紙芝居。さるを懲らしめる場面は子どもたちに大人気でした。"),
    (KOKURA, "警察が防犯カメラの映像から犯人を特定し、逮捕したとの発表がありました。"),
    (KUMA, "空き家の所有者を特定して、適切な管理をお願いする文書を送りました。"),
    (KOKURA, "キッズルームでは子どもたちが思いっきり暴れてもOK！床はやわらかマットです。"),
    (KUMA, "ご意見・ご要望は「市民の皆様の声」でお受けしています。お電話でもどうぞ。"),
    (KOKURA, "台風の夜は、窓ガラスが割れてもけがをしないようカーテンを閉めておきましょう。"),
    (KUMA, "和太鼓チームが舞台で暴れ太鼓を披露してくれました🥁"),
    (KOKURA, "踏切での写真撮影は大変危険です。線路には絶対に立ち入らないでください。"),
    # misinformation
    (KUMA, "「来週大きな地震が来る」という情報が出回っていますが、根拠のないデマです。"),
    (KOKURA, "ネットのうわさにだまされないための講座を開きます。講師は新聞社の記者さんです。"),
    (KUMA, "「図書館が有料になる」という話は誤りです。これまでどおり無料でご利用いただけます。"),
    (KOKURA, "参加した子どもたちは「また来たい」って言ってました😊"),
    (KUMA, "熊本城の築城にまつわる言い伝えを、学芸員さんが紹介してくれました。"),
    (KOKURA, "防災講座では、地震が来る前にできる備えをハザードマップと一緒に確認しました。"),
    (KUMA, "春らしい色の作品が並びました。熊本らしい風景画もあります🌸"),
    (KOKURA, "「○○を飲めば病気が治る」などの健康情報にはご注意ください（消費生活センター）。"),
    (KUMA, "イベントの様子は、後日このアカウントでも紹介します。お楽しみに！"),
    (KOKURA, "チラシのシェア・拡散、どうぞよろしくお願いします！"),
]


@pytest.mark.parametrize(("pack", "caption", "category"), CAUGHT)
def test_violating_kinds_are_caught_by_the_rules(
    engine: PolicyEngine, pack: str, caption: str, category: str
) -> None:
    assert category in rule_categories(engine.check(pack, caption))


@pytest.mark.parametrize(("pack", "caption"), NOT_FLAGGED)
def test_allowed_senses_are_not_flagged_by_the_rules(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert rule_findings(engine.check(pack, caption)) == []


@pytest.mark.parametrize(("pack", "caption", "category"), CAUGHT)
def test_the_new_kinds_warn_and_never_block_on_their_own(
    engine: PolicyEngine, pack: str, caption: str, category: str
) -> None:
    findings = engine.check(pack, caption).findings
    new = [f for f in findings if f.rule in NEW_RULES]
    assert all(f.severity == "warn" for f in new)


NEW_RULES = frozenset(
    {"public_order.retaliation", "public_order.exposure", "public_order.rampage"}
    | {"misinformation.hearsay"}
)


def test_the_case_lists_cover_both_packs_and_every_new_kind() -> None:
    cases = [c[:2] for c in CAUGHT] + NOT_FLAGGED
    assert len(set(cases)) == len(cases)
    for pack in (KUMA, KOKURA):
        assert sum(p == pack for p, _ in cases) >= 25
    assert {c for _, _, c in CAUGHT} >= {"public_order", "misinformation"}


def test_every_pack_gives_the_new_rules_a_clause_and_both_languages() -> None:
    for name in (KUMA, KOKURA):
        rules = {r.id: r for r in load_pack(name).rules}
        for rule_id in NEW_RULES:
            rule = rules[rule_id]
            assert rule.clause and rule.clause_text, (name, rule_id)
            assert rule.message.ja and rule.message.en, (name, rule_id)
            assert rule.suggestion.ja and rule.suggestion.en, (name, rule_id)


def test_a_warning_against_a_rumour_cancels_it_but_a_caution_passed_on_does_not(
    engine: PolicyEngine,
) -> None:
    passed_on = "公園に熊が出たって近所の人が言ってた。みんな気をつけて！"
    corrected = "「公園に熊が出た」という話はデマです。公式情報をご確認ください。"
    assert "misinformation" in rule_categories(engine.check(KOKURA, passed_on))
    assert "misinformation" not in rule_categories(engine.check(KOKURA, corrected))
