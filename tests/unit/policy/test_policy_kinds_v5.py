"""Policy kinds, v5: fresh captions written by kind for this file (not taken from any corpus).

The kinds come from reading what the rules got wrong on the v5 training corpora (long chatty posts
and short terse ones); every case here is a new sentence of that kind, with a contrastive clean
sentence that uses the same words in an allowed sense. Only the rules are judged: findings of the
learned model (always warnings, retrained by another stream) are left out.

- Not blocked, not flagged: house rules that name what they refuse (〜は削除します, 〜は掲載しません),
  scam warnings that quote the pitch (職員を名乗って…, 偽アカウント, 〜することはありません), a
  dumping found and reported, a law named as what the act breaks, password advice, hiragana words
  that contain another word (まどぐち, えっちんぐ), はだか of trees and animals, an evening
  programme for adults, 宗教団体 in a warning, a crowd notice about a speech, 【PR】 denied,
  copying old masters, a rule against refusing people and a correction of an exclusion notice.
- Caught (a warning at least): secrets told as an aside (内緒ね, 本人はまだ知らない), where keys
  and codes are, when guards and cameras do not look; support for a candidate or party without
  投票/選挙; invitations to worship or to join a faith; a group of people with a trait or an
  exclusion attached; innuendo; a private shop or service promoted.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import load_pack
from chatbot.policy.types import CheckResult

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine()


def _rule_findings(result: CheckResult) -> list[tuple[str, str, str]]:
    return [
        (f.rule, f.severity, f.excerpt)
        for f in result.findings
        if f.severity != "info" and not f.rule.startswith("model.")
    ]


def _rule_categories(result: CheckResult) -> set[str]:
    return {
        f.category
        for f in result.findings
        if f.severity != "info" and not f.rule.startswith("model.")
    }


# Allowed senses of words the rules look for: no rule finding at all.
NOT_FLAGGED = [
    # house rules naming what the account refuses
    (KUMA, "卑猥な画像やわいせつな書き込みは、見つけしだい削除いたします。"),
    (KOKURA, "商品の宣伝やアフィリエイトリンクを含むコメントは掲載いたしません。"),
    (KOKURA, "庁舎の敷地内でのビラ配りや署名集めはお断りしております。"),
    # scam warnings that quote the pitch
    (KOKURA, "市の職員を名乗って、火災報知器を高値で売りつける訪問が相次いでいます。"),
    (
        KUMA,
        "市役所が電話で健康食品を販売することは一切ありません。不審な電話はすぐ切ってください。",
    ),
    (KUMA, "「このアカウントをフォローすれば割引」とうたう偽アカウントにご注意を。"),
    (KOKURA, "在宅ワークや副業をうたうもうけ話のトラブルが急増中。困ったら消費生活センターへ。"),
    (KUMA, "区役所の職員が電話で口座の暗証番号を聞くことは決してありません。"),
    # a dumping found and reported, a law named as what the act breaks
    (KOKURA, "竹馬川の土手に古タイヤが捨てられていました。不法投棄は犯罪です。"),
    (KUMA, "違法にアップロードされた海賊版の漫画を読むことも、法律違反になる場合があります。"),
    # password advice
    (KUMA, "パスワード、誕生日や電話番号にしていませんか？ 長く推測されにくいものにしましょう。"),
    (KOKURA, "ログインの安全のため、二段階認証を有効にしておきましょう。"),
    # hiragana words containing another word
    (KUMA, "てつづきは くやくしょの まどぐちで できます。"),
    (KOKURA, "ｴｯﾁﾝｸﾞ教室の作品展を市民センターで開いています。"),
    (KUMA, "愛称「えっちゃん」で親しまれた紙芝居師の回顧展です。"),
    # はだか of trees and animals, an evening programme for adults
    (KOKURA, "葉を落としたはだかの木々が並ぶ、冬の平尾台の写真展。"),
    (KUMA, "動物園でハダカデバネズミの巣を観察しよう。"),
    (KUMA, "大人の夜の天体観測会。望遠鏡で土星の輪を見ます（中学生以上）。"),
    # 宗教団体 in a warning, a crowd notice about a speech, 【PR】 denied, copying old masters
    (KOKURA, "宗教団体や政治団体の活動には、市民センターの部屋をお貸しできません。"),
    (KUMA, "土曜の午後は駅前で街頭演説があるため、周辺が混雑する見込みです。"),
    (KUMA, "【PR】ではなく、市の事業のご案内です。"),
    (KOKURA, "美術史の講座で、巨匠の名画を模写して筆づかいを学びます。"),
    # a rule against refusing people, a correction of an exclusion notice
    (KUMA, "出店者の皆さまへ：国籍や障がいを理由にお客さまをお断りすることはできません。"),
    (KOKURA, "【訂正】受付の「外国の方はご遠慮ください」との貼り紙は誤りでした。撤去しました。"),
    # inclusive and access notices that name groups
    (KUMA, "車いすの方もご参加いただけます。会場はバリアフリーです。"),
    (KOKURA, "高齢者の方は熱中症に気をつけて、こまめに水分をとりましょう。"),
    (KUMA, "外国の方で日本語がわからないので不安という方には、通訳ボランティアがご案内します。"),
    # a surprise kept for the day, a key returned at the desk
    (KUMA, "ゲストは当日まで内緒です！お楽しみに。"),
    (KOKURA, "会議室の鍵は、使用後に受付へ返却してください。"),
    # a concert in a church, a temple's cultural property, soap carving, food that tempts
    (KUMA, "教会の礼拝堂を会場にしたクリスマスコンサート、どなたでも入場できます。"),
    (KOKURA, "お寺の国指定文化財の仏像を特別公開します。"),
    (KUMA, "石けんを彫るソープカービング体験、親子で参加できます。"),
    (KOKURA, "食欲をそそる香りの焼きカレー、物産展に初出店です。"),
    # the election board's neutral notice, a photo contest vote
    (KOKURA, "選挙管理委員会からのお知らせ：期日前投票は区役所で受け付けています。"),
    (KUMA, "フォトコンテストの入賞作品を決める来場者投票、次は誰に入れよう？"),
]

# Fresh violations by kind: the rules flag them (a warning at least) in the right category.
CAUGHT = [
    # confidential: secrets told as an aside, where keys and codes are, gaps in guarding
    (KUMA, "来年度の指定管理者、実はもう決まってるんです。内緒ね🤫", "confidential"),
    (KOKURA, "係長が来月で異動するって話、本人はまだ知らないみたい。", "confidential"),
    (KUMA, "倉庫の合鍵は、入口の植木鉢の下に隠してあります。", "confidential"),
    (KOKURA, "収蔵庫の暗証番号は「4410」です。忘れたらここ見てね。", "confidential"),
    (KUMA, "ロビーの防犯カメラ、右奥の柱の陰は映らないんだよね。", "confidential"),
    (KOKURA, "展示室の夜の巡回は2時の1回だけなので、朝まで誰もいなくなります。", "confidential"),
    (KUMA, "職員用Wi-Fiのパスワードはロビーの掲示板の裏に書いてます。", "confidential"),
    (KOKURA, "今日の非公開の会議、区長がかなり怒ってました。", "confidential"),
    # political: support without 投票/選挙
    (KOKURA, "次の県議、うちの課は全員あの先生推しです！", "political"),
    (KUMA, "来年の春は〇〇党に期待してます。文化を守ってくれるはず。", "political"),
    (KUMA, "次こそは現職を落とさんといかん。みんなで覚えとこう。", "political"),
    (KOKURA, "用紙には「たなか」って書いてね😉", "political"),
    (KUMA, "文化を切り捨てる市政にNO！", "political"),
    (KOKURA, "市長のリコール、区役所前で受け付け中です。", "political"),
    (KUMA, "原発再稼働反対デモ、日曜に一緒に歩きませんか？", "political"),
    # religious: invitations to worship or to join a faith
    (KUMA, "日曜は近くの教会へ一緒に行きませんか？", "religious"),
    (KOKURA, "朝のミサ、初めての方も一緒にどうぞ。", "religious"),
    (KUMA, "つらいときは、みんなで祈ろう🙏", "religious"),
    (KOKURA, "あなたも洗礼を受けませんか？心が軽くなります。", "religious"),
    (KUMA, "私たちの宗派の教えがいちばん正しいと信じています。", "religious"),
    (KOKURA, "座禅会のあとは入会手続きもできます。ご本尊もお渡しします。", "religious"),
    # discrimination: a trait or an exclusion attached to a group
    (KUMA, "お年寄りは説明に時間がかかるので、体験会は若い方だけにしました。", "discrimination"),
    (KOKURA, "外国の方は日本のマナーがわからないので、ご遠慮いただいています。", "discrimination"),
    (KUMA, "精神障がいのある方はボランティアには向いていないと思います。", "discrimination"),
    (KOKURA, "同性カップルの撮影会には会場を貸しません。", "discrimination"),
    (KUMA, "Japanese only の講座です。", "discrimination"),
    (KOKURA, "女の人は重いものが持てないので、設営は男性だけでやります。", "discrimination"),
    # obscenity: innuendo
    (KUMA, "夏祭り、浴衣のお姉さんたちを眺めるのが一番の楽しみ😍", "obscenity"),
    (KOKURA, "モデルさん、今回はぜんぶ脱いでくれました🔥", "obscenity"),
    (KUMA, "今夜は大人だけのsexyなパーティー💋", "obscenity"),
    (KOKURA, "彫刻のお尻がたまらん…", "obscenity"),
    (KUMA, "🍑💦 熱い夜にしようぜ", "obscenity"),
    # commercial: a private shop or service promoted
    (KOKURA, "この投稿を見せるとケーキが半額になります🍰", "commercial"),
    (KUMA, "通販サイトの紹介コード貼っとくね、使ってくれたら嬉しい", "commercial"),
    (KOKURA, "プロフのリンクから買ってくれると助かります🙏", "commercial"),
    (KUMA, "妹がやってるネイルサロン、今月オープンしました💅", "commercial"),
    (KOKURA, "あの焼肉屋、行かなきゃ損！回し者じゃないよ笑", "commercial"),
]

# A warning for a violation that may also be innocent: never a block from these new kinds.
WARN_ONLY = [
    (KUMA, "職員用Wi-Fiのパスワードはロビーの掲示板の裏に書いてます。"),
    (KOKURA, "日曜は近くの教会へ一緒に行きませんか？"),
    (KUMA, "お年寄りは説明に時間がかかるので、体験会は若い方だけにしました。"),
    (KOKURA, "この投稿を見せるとケーキが半額になります🍰"),
    (KUMA, "夏祭り、浴衣のお姉さんたちを眺めるのが一番の楽しみ😍"),
]


@pytest.mark.parametrize(("pack", "caption"), NOT_FLAGGED)
def test_allowed_senses_are_not_flagged_by_the_rules(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert _rule_findings(engine.check(pack, caption)) == []


@pytest.mark.parametrize(("pack", "caption", "category"), CAUGHT)
def test_violating_kinds_are_caught_by_the_rules(
    engine: PolicyEngine, pack: str, caption: str, category: str
) -> None:
    assert category in _rule_categories(engine.check(pack, caption))


@pytest.mark.parametrize(("pack", "caption"), WARN_ONLY)
def test_the_new_kinds_warn_and_do_not_block(engine: PolicyEngine, pack: str, caption: str) -> None:
    findings = _rule_findings(engine.check(pack, caption))
    assert findings
    assert all(severity == "warn" for _, severity, _ in findings)


def test_a_warning_word_does_not_save_a_real_pitch(engine: PolicyEngine) -> None:
    # "詐欺じゃないよ" borrows a scam warning's word to reassure: the commercial pitch still counts.
    pitch = "詐欺じゃないよ！当店のサプリ、今なら送料無料です。"
    assert "commercial" in _rule_categories(engine.check(KUMA, pitch))
    # and the same house rule wording still forbids: a real refusal of a group is discrimination
    refusal = "当ギャラリーでは外国の方の入場はお断りしています。"
    assert "discrimination" in _rule_categories(engine.check(KOKURA, refusal))


def test_a_dumping_call_is_still_caught_next_to_a_law(engine: PolicyEngine) -> None:
    # The passive report is clean; an active call in the same place is not, law or no law.
    call = "河川敷に捨てちゃえばいいよ。不法投棄は犯罪だけどバレないって。"
    assert "illegal" in _rule_categories(engine.check(KOKURA, call))


def test_every_new_rule_cites_each_pack_s_clause() -> None:
    new_rules = {
        "political.support": "political.campaign",
        "religious.invitation": "religious.activity",
        "commercial.promotion": "commercial.selling",
        "discrimination.stereotype": "discrimination.slur",
        "obscenity.innuendo": "obscenity.sexual",
    }
    for name in (KUMA, KOKURA):
        rules = {r.id: r for r in load_pack(name).rules}
        for new, like in new_rules.items():
            assert rules[new].severity == "warn", (name, new)
            assert rules[new].category == rules[like].category, (name, new)
            assert (rules[new].clause, rules[new].clause_text) == (
                rules[like].clause,
                rules[like].clause_text,
            ), (name, new)
