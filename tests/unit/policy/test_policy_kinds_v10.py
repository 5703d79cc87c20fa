"""Policy kinds, v10: fresh captions written by kind for this file (not taken from any corpus).

Written from the kinds the rules still missed across the training writers (train_v6–v9), grouped
by the structure of the slip: a decision in the making told with its options or its leaning; a
staff member's verdict, aside or weariness; an accusation against a named person or business
without the slur words; a call to gang up on, hunt or dare people; an offence told as harmless
or as a tip; a claim passed on as true, or a false one left standing as a joke. Each kind has
contrastive clean captions (decisions announced, calls for comment, scam warnings, prohibitions,
public votes, history, interviews) that must stay clean. Only the rules are judged: the learned
model's findings are left out.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import rule_categories, rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

UND = "undecided.options_v10"
OPN = "personal_opinion.verdict_v10"
DEF = "defamation.named_wrong_v10"
ORD = "public_order.pile_on_v10"
ILL = "illegal.waved_v10"
MIS = "misinformation.hedged_v10"
# Second round, written after reading the fresh writers train_v10a–c.
CAL = "public_order.callous_v10"
TRK = "illegal.trick_v10"
NEW_RULES = {UND, OPN, DEF, ORD, ILL, MIS, CAL, TRK}

# Fresh violations by kind: the new rule flags them (a warning) in its category.
CAUGHT = [
    # undecided: options weighed, a change on its way, a leaning before the verdict, a secret
    (KOKURA, "夏のフェスの会場、A案の河川敷とB案の体育館でまだ揉めています", UND),
    (KUMA, "次の展示室、2か所まで絞ったけど決めかねてるところです", UND),
    (KOKURA, "児童館の土曜開館、打ち切りの方向で話がまとまりつつあります", UND),
    (KUMA, "市民ホールの貸館、有料化するかどうか庁内で協議しているところです", UND),
    (KOKURA, "旧庁舎の跡地、売却も視野に入ってきました", UND),
    (KUMA, "絵画コンクールの選考はまだ途中ですが、油彩の作品がリードしています", UND),
    (KOKURA, "新しい体育館の建設地、東側の市有地が第一候補だと聞いています", UND),
    (KUMA, "いまの案だと、来年の補助は半分になってしまいそうです", UND),
    (KOKURA, "まだ内緒だけど、公民館の図書室はなくなる方向らしいです", UND),
    (KUMA, "議会の前ですけど、新しい美術館の入館料は上がりそうです", UND),
    (KOKURA, "夜間窓口はなくなるかもしれません。まだ検討の段階です", UND),
    # personal_opinion: a verdict, an aside, weariness and grudges
    (KUMA, "この補助制度は手続きが長すぎるって、担当の私も思ってます", OPN),
    (KOKURA, "毎年のスタンプラリー、本当に効果があるのか疑問です", OPN),
    (KUMA, "新しい看板、正直いまいちです（小声）", OPN),
    (KOKURA, "繁忙期で職員はみんなクタクタです。週末も出勤", OPN),
    (KUMA, "会場設営、結局だれも手伝ってくれませんでした", OPN),
    (KOKURA, "上司にも一度、土日の受付をやってもらいたいです", OPN),
    (KUMA, "正直に言うと、冬の屋外ライブの担当は毎年気が重いんです", OPN),
    (KOKURA, "最近の若い人は地域の行事に無関心すぎますね", OPN),
    (KUMA, "I honestly think this festival is a waste of money", OPN),
    # defamation: a named person or business accused of a wrong
    (KOKURA, "駅前の「たなか電器」さん、修理代をごまかして請求してくるので有名です", DEF),
    (KUMA, "〇〇画廊のオーナー、作家の売上を横領してるって噂ですよ", DEF),
    (KOKURA, "屋台の「はなまる焼き」、期限切れの肉を使っとるらしいけん", DEF),
    (KUMA, "あの塾の先生、生徒へのパワハラがひどいと保護者が言っていました", DEF),
    (KOKURA, "例の リフォーム会社、見積もりのあとに倍額請求してくるから信用できない", DEF),
    # public_order: gang up, hunt, dare, petty cruelty
    (KUMA, "反対派の集会、何人かで乗り込んで発言させないようにしよう", ORD),
    (KOKURA, "苦情を言ってきた人の職場に突撃して、謝ってもらいましょう", ORD),
    (KUMA, "気に入らない出演者には、みんなでボロクソに書き込もう", ORD),
    (KOKURA, "お墓の上に一番長く立っていた人の勝ち！", ORD),
    (KUMA, "ホームレスの人が寝てたら、クラクションで起こしてあげて", ORD),
    (KOKURA, "展示を汚した中学生 #犯人探し #拡散", ORD),
    # illegal: licence waved away, ban brushed aside, not caught, dumping, drink and ride
    (KUMA, "河川敷で花火を打ち上げるのに届け出はいりません！", ILL),
    (KOKURA, "フリマの売上は現金なので申告しなくても大丈夫です", ILL),
    (KUMA, "古い家電は夜中に置いておけば見つかりません", ILL),
    (KOKURA, "残った塗料は用水路に流してしまえばすぐ片付きます", ILL),
    (KUMA, "イノシシの罠、免許がなくても仕掛けられます", ILL),
    (KOKURA, "無許可で焼き芋の屋台を出したら、けっこう稼げました", ILL),
    (KUMA, "山の山菜、根こそぎ持って帰ってOKです", ILL),
    # misinformation: hedged or joked falsehoods, folk cures as fact
    (KOKURA, "来週から市バスが全線無料になります（※ウソです笑）", MIS),
    (KUMA, "水前寺の池に大きなワニを見たって人がいるので気をつけて", MIS),
    (KOKURA, "冬至にかぼちゃを食べないと風邪をひきやすくなります", MIS),
    (KUMA, "ふれあい祭りは雨でも屋台が全部出ます（未確認）", MIS),
    # second round: danger made a thrill, tragedy a joke, harm wished, harassment, pranks
    (KOKURA, "地震で崩れたお寺の写真、ネタとして最高でした笑", CAL),
    (KUMA, "ポイ捨てした人なんて、バチが当たって転べばいいのに", CAL),
    (KOKURA, "文句を書いてきたアカウント、みんなで追撃よろしく。DM攻撃もあり", CAL),
    (KUMA, "ひまだから、いたずらで110番してみる？", CAL),
    (KOKURA, "初詣の行列、横から割り込んじゃえば早いですよ", CAL),
    # second round: the permit skipped, nobody noticing, offences made light of, waste, resale
    (KUMA, "夜中の公園で花火しても、誰にも注意されませんでした", TRK),
    (KOKURA, "二人乗りの自転車、近所ならセーフっしょ", TRK),
    (KUMA, "掃除で出た油は排水溝に流しておきました", TRK),
    (KOKURA, "人気公演のチケット、高く転売すれば小遣いになります", TRK),
    (KUMA, "会場の使用許可は取っていませんが、勝手に始めちゃいました", TRK),
]

# The same words in their allowed senses: no rule flags these.
NOT_FLAGGED = [
    # undecided: decisions announced, comment sought, events, public votes, history
    (KOKURA, "検討の結果、児童館の土曜開館は来年度も続けることに決定しました"),
    (KUMA, "市民ホールの料金改定案について、パブリックコメントでご意見を募集しています"),
    (KOKURA, "人気投票の途中経過です！現在は「ひらおくん」が1位です"),
    (KUMA, "熊本城の築城は加藤清正によるものとする説が有力とされています"),
    (KOKURA, "参加するかどうか迷っている方は、お気軽に見学にお越しください"),
    (KUMA, "週末は雨の見込みです。お出かけの際は傘をお持ちください"),
    # personal_opinion: quoted words, surveys, prevention notices
    (KOKURA, "ご来場のみなさまの正直な感想をアンケートでお聞かせください"),
    (KUMA, "「効果があるのかな、と最初は思っていました」と参加者さんは話していました"),
    (KOKURA, "仕事で疲れていませんか。メンタルヘルスの相談窓口をご利用ください"),
    (KUMA, "最近の子どもたちは、タブレットを使った創作にも挑戦しています"),
    # defamation: scam warnings, corrections, kind words
    (KOKURA, "「区役所の職員です」という電話は詐欺です。暗証番号は教えないで"),
    (KUMA, "ボランティアさんたちが手抜きなしで丁寧に作業してくださいました"),
    (KOKURA, "飲食店で食中毒が出たという投稿は事実ではありません。保健所に報告はありません"),
    (KUMA, "食中毒予防の講座を開きます。講師は保健所の先生です"),
    # public_order: kind crowds, festivals, prohibitions
    (KOKURA, "みんなで公園のごみを拾いましょう！軍手はこちらで用意します"),
    (KUMA, "みんなで声をかけ合って、安全に楽しみましょう"),
    (KOKURA, "スタンプを全部集めたら景品がもらえます"),
    (KUMA, "個人を特定する書き込みはやめましょう"),
    # illegal: warnings, permits, legal harvests
    (KOKURA, "河川敷での花火は禁止です。見かけたら区役所へご連絡ください"),
    (KUMA, "お酒を飲んだ方は、代行かタクシーでお帰りください"),
    (KOKURA, "ドローン体験会では講師が操作を教えます。免許は不要です"),
    (KUMA, "収穫体験では、掘ったたけのこを持ち帰りできます"),
    (KOKURA, "点字ブロックの上に自転車を停めないでください"),
    # misinformation: corrections, legends, official advice
    (KUMA, "市バスが無料になるという投稿はデマです。公式情報をご確認ください"),
    (KOKURA, "河童を見たという人がいる、という昔話が残る池です"),
    (KUMA, "手洗いとうがいで、かぜの予防を心がけましょう"),
    # second round: remembrance, warnings against pranks, lost property, house rules
    (KOKURA, "震災の記憶を語り継ぐ会では、笑顔で当時を振り返る方もいました"),
    (KUMA, "いたずら110番は、本当に助けが必要な人の迷惑になります"),
    (KOKURA, "拾った財布は交番へ届けてください"),
    (KUMA, "用水路に物を捨てないでください"),
    (KOKURA, "転売目的の購入はお断りします"),
    (KUMA, "ホームの黄色い線の内側でお待ちください"),
]


@pytest.mark.parametrize(("pack", "caption", "rule"), CAUGHT)
def test_violating_kinds_are_caught_by_the_new_rule(
    engine: PolicyEngine, pack: str, caption: str, rule: str
) -> None:
    found = rule_findings(engine.check(pack, caption))
    assert rule in {r for r, _, _ in found}, found


test_allowed_senses_are_not_flagged_by_the_rules = checks.no_rule_finding(NOT_FLAGGED)


@pytest.mark.parametrize(("pack", "caption", "rule"), CAUGHT)
def test_the_new_kinds_warn_and_never_block_on_their_own(
    engine: PolicyEngine, pack: str, caption: str, rule: str
) -> None:
    findings = engine.check(pack, caption).findings
    assert all(f.severity == "warn" for f in findings if f.rule in NEW_RULES)
    assert rule.split(".")[0] in rule_categories(engine.check(pack, caption))


def test_the_case_lists_cover_both_packs_and_every_new_rule() -> None:
    cases = [c[:2] for c in CAUGHT] + NOT_FLAGGED
    checks.assert_unique_cases_for_both_packs(cases, at_least=20)
    assert {r for _, _, r in CAUGHT} == NEW_RULES


test_every_pack_gives_the_new_rules_a_clause_and_both_languages = (
    checks.new_rules_cite_a_clause_in_both_languages(NEW_RULES, warn=True)
)
