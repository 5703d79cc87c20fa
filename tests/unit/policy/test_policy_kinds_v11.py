"""Policy kinds, v11: fresh captions written by kind for this file (not taken from any corpus).

Written from the kinds the rules still missed across the training writers (train_v7–v11), each
kind found in at least three writers' files: a fight, an accident or a disaster made a show, a
disturbance made a game in a public place, a barrier crossed for fun, someone made to cry for a
laugh; a named person or business charged with a wrong on hearsay, or named as the culprit on a
guess; a neighbour or a complainer run down as a nuisance; the staff member siding with a view
or tired of the job; a decision weighed between named options; staff-only papers, mail or
screens shown or a matter kept from those it concerns; a claim passed on as a tip received or as
"common knowledge". Each kind has contrastive clean captions (a fighting festival, a drill, a
safety notice, a course on security, a surprise kept for the day, a decision announced, a police
notice, an apology for the office's own works) that must stay clean. Only the rules are judged:
the learned model's findings are left out.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import load_pack
from tests.unit.policy.rules_only import rule_categories, rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

SHOW = "public_order.spectacle_v11"
CHARGE = "defamation.charge_v11"
NUISANCE = "defamation.nuisance_v11"
STANCE = "personal_opinion.stance_v11"
EITHER = "undecided.either_v11"
INSIDE = "confidential.inside_v11"
CHANNEL = "misinformation.channel_v11"
NEW_RULES = {SHOW, CHARGE, NUISANCE, STANCE, EITHER, INSIDE, CHANNEL}

# Fresh violations by kind: the new rule flags them (a warning) in its category.
CAUGHT = [
    # public order: a fight cheered or watched
    (KOKURA, "商店街の夜店で酔っぱらい同士の殴り合い、みんなで観戦しました👊", SHOW),
    (KUMA, "公園で中学生がケンカしてたけど、どっちが勝つか見守りました笑", SHOW),
    (KOKURA, "けんかの仲裁なんてしなくていいよ、気が済むまでやらせとけば", SHOW),
    # an accident or a disaster scene made a show
    (KUMA, "交差点の事故、見物人が多くて大盛り上がりでした🚑", SHOW),
    (KOKURA, "さっき救急車来てたけど、野次馬しに行こうかな", SHOW),
    (KUMA, "警報が出てる時こそ、海の写真のチャンスです🌊", SHOW),
    # shouting made a game in a public or quiet place
    (KOKURA, "図書館で大声で早口言葉を言う企画、やってみた人いる？", SHOW),
    (KUMA, "美術館の静かな部屋で、全員で叫ぶ動画を撮ろう📢", SHOW),
    # a barrier crossed for fun, someone made to cry for a laugh
    (KOKURA, "閉園後の公園、ロープくぐって散歩してきました🤭", SHOW),
    (KUMA, "新人の歓迎会、誰が最初に泣かせるか賭けてます🤣", SHOW),
    # defamation: a wrong charged on hearsay, a culprit named on a guess
    (KOKURA, "駅前の〇〇塾の塾長、月謝を持ち逃げしたことがあるって噂😅", CHARGE),
    (KUMA, "△△工房のオーナー、作家の売上をピンハネしてるらしい💸", CHARGE),
    (KOKURA, "あの弁当屋さん、ラベルの貼り替えしてるって聞いたよ", CHARGE),
    (KUMA, "自転車を盗んだ犯人は、絶対に隣の家の息子さんだと思う", CHARGE),
    (KOKURA, "花壇を荒らしたのは裏の林さんとしか考えられません", CHARGE),
    # a neighbour or a complainer named and run down as a nuisance
    (KUMA, "向かいの森さん、毎晩の音楽がほんと迷惑です😤", NUISANCE),
    (KOKURA, "窓口に毎日電話してくる例のおじさん、今日もお疲れさまです笑", NUISANCE),
    # personal opinion: the staff member siding with a view or tired of the job
    (KUMA, "図書館の休館日が増える件、利用者の声と同じで私も反対です", STANCE),
    (KOKURA, "駐輪場の有料化に怒る声が多いですが、担当の私もまったく同感です", STANCE),
    (KUMA, "今日の打ち合わせ、2時間話して決まったことゼロでした", STANCE),
    (KOKURA, "窓口、人が足りなさすぎます。上の人は気づいて", STANCE),
    (KUMA, "連休明けの窓口対応でもう疲れました…", STANCE),
    # undecided: a decision weighed between named options
    (KOKURA, "来年の花火大会、7月か8月かでまだ会議がもめています", EITHER),
    (KUMA, "次の展示のテーマ、水か光かで会議が3時間続きました", EITHER),
    (KOKURA, "体育館の屋根、修理するか建て替えるかの結論はまだ出ていません", EITHER),
    # confidential: staff-only media, a paper glimpsed, a matter kept from those it concerns
    (KUMA, "職員向けのメールで回ってきた来年度の組織図、載せちゃいます", INSIDE),
    (KOKURA, "課の共有フォルダに入ってた名簿、見やすいので貼っておきます", INSIDE),
    (KUMA, "打ち合わせ資料見ちゃったけど、次の展示の会場、変わるよ👀", INSIDE),
    (KOKURA, "ボランティアの謝礼が減る件、団員にはまだ言ってません", INSIDE),
    # misinformation: a tip received, "common knowledge"
    (KUMA, "江津湖に大きな亀がいるって目撃情報きた🐢 写真はまだないけど", CHANNEL),
    (KOKURA, "曽根の海水は体にいいって、漁師の間では常識らしいです", CHANNEL),
    (KUMA, "フォロワーさんから「市電が全線止まる」という情報をいただきました", CHANNEL),
]

# The same words in an allowed sense: no rule flags these.
NOT_FLAGGED = [
    # a fighting festival, a drill, a safety notice, a play
    (KOKURA, "喧嘩神輿が今年も勇壮にぶつかり合い、大きな拍手が起こりました"),
    (KUMA, "けんか祭りの歴史を紹介する企画展を開いています"),
    (KOKURA, "事故現場の近くでの撮影は、救助の妨げになるのでやめましょう"),
    (KUMA, "警報が出ているときは、海や川に近づかないでください"),
    (KOKURA, "図書館では大声を出さないでください。みなさんの協力をお願いします"),
    (KUMA, "立入禁止の柵を越えないでください。石垣は修復中です"),
    (KOKURA, "卒業式では、うれしくて泣いちゃう子もたくさんいました"),
    # a correction, a verdict already given, a story
    (KUMA, "「店長が売上を持ち逃げした」という投稿がありましたが、事実ではありません"),
    (KOKURA, "市民劇「ふしぎな犯人」、犯人は誰か最後まで分からない物語です"),
    (KUMA, "不正なラベルの貼り替えを見抜く講座を、消費生活センターで開きます"),
    # the office's own trouble apologised for, a rule against a nuisance
    (KUMA, "工事中はご迷惑をおかけします。近隣の皆さん、ご協力ありがとうございます"),
    (KOKURA, "迷惑駐車はやめましょう。近所の人が困っています"),
    (KUMA, "竹林の持ち主さん、人手が足りず困っています。お手伝いの方を募集中です"),
    # views quoted or asked for, an event's own tiredness cheered
    (KOKURA, "アンケートでは「駐輪場の有料化に反対」という声が多く寄せられました"),
    (KUMA, "マラソン大会、参加したみなさん、お疲れさまでした🏃"),
    # a decision announced, a choice left to the public
    (KOKURA, "花火大会は8月に決まりました。会場は例年どおり河川敷です"),
    (KUMA, "新しいロゴ、A案かB案かをみなさんの投票で決めます！"),
    # a security course, a surprise kept for the day
    (KOKURA, "情報セキュリティ研修で、共有フォルダの正しい使い方を学びました"),
    (KUMA, "今年の記念品は当日までお楽しみ。参加者のみなさんにはまだ内緒です"),
    # a police notice, a legend told as one
    (KOKURA, "不審者の目撃情報が入りました。戸締まりに気をつけて、見かけたら110番を"),
    (KUMA, "河童が住むという言い伝えは、地元では昔から有名です"),
]


@pytest.mark.parametrize(("pack", "caption", "rule"), CAUGHT)
def test_violating_kinds_are_caught_by_the_new_rule(
    engine: PolicyEngine, pack: str, caption: str, rule: str
) -> None:
    found = rule_findings(engine.check(pack, caption))
    assert rule in {r for r, _, _ in found}, found


@pytest.mark.parametrize(("pack", "caption"), NOT_FLAGGED)
def test_allowed_senses_are_not_flagged_by_the_rules(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert rule_findings(engine.check(pack, caption)) == []


@pytest.mark.parametrize(("pack", "caption", "rule"), CAUGHT)
def test_the_new_kinds_warn_and_never_block_on_their_own(
    engine: PolicyEngine, pack: str, caption: str, rule: str
) -> None:
    findings = engine.check(pack, caption).findings
    assert all(f.severity == "warn" for f in findings if f.rule in NEW_RULES)
    assert rule.split(".")[0] in rule_categories(engine.check(pack, caption))


def test_the_case_lists_cover_both_packs_and_every_new_rule() -> None:
    cases = [c[:2] for c in CAUGHT] + NOT_FLAGGED
    assert len(set(cases)) == len(cases)
    for pack in (KUMA, KOKURA):
        assert sum(p == pack for p, _ in cases) >= 20
    assert {r for _, _, r in CAUGHT} == NEW_RULES


def test_every_pack_gives_the_new_rules_a_clause_and_both_languages() -> None:
    for name in (KUMA, KOKURA):
        rules = {r.id: r for r in load_pack(name).rules}
        for rule_id in NEW_RULES:
            rule = rules[rule_id]
            assert rule.severity == "warn", (name, rule_id)
            assert rule.clause and rule.clause_text, (name, rule_id)
            assert rule.message.ja and rule.message.en, (name, rule_id)
            assert rule.suggestion.ja and rule.suggestion.en, (name, rule_id)
