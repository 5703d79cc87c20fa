"""Policy kinds, v9: fresh captions written by kind for this file (not taken from any corpus).

Written from the kinds the rules still missed across the newest training writers (train_v8a–v8e),
grouped by the structure of the slip rather than its words: a grievance against someone with a
call to punish, shun or expose them; a dangerous place made a dare; a threat or a rule waved
away; an offence told as an everyday trick (a minor's drink, the ride home after one, rubbish left
in the hills, a way in without paying, a ban brushed aside, a pirated copy); a claim relayed from
a passing source or a cure promised; and the staff member's complaints about the job and own
taste. Words that only looked like a warning (加入するなら, ちゅーはいかんぱい, 防犯カメラ, and
見かけたら followed by a call to go after someone) no longer cancel the finding. Each kind has
contrastive clean captions (warnings, prohibitions, corrections, official notices, harvest days,
interviews) that must stay clean. Only the rules are judged: the learned model's findings are
left out.
"""

from __future__ import annotations

from chatbot.policy.engine import PolicyEngine
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import rule_categories, rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

# Fresh violations by kind: the rules flag them (a warning at least) in the right category.
CAUGHT = [
    # public_order: a grievance with a call to punish, shun or expose
    (
        KOKURA,
        "ごみ出しのルールを守らない家には、町内のみんなで張り紙をしてやりましょう",
        "public_order",
    ),
    (KUMA, "展示にケチをつけた評論家、勤め先はもうわかってるけん", "public_order"),
    (
        KOKURA,
        "公園で夜中に花火をして迷惑をかけた中学生、顔写真を掲示板に貼っておきました",
        "public_order",
    ),
    (KUMA, "うちの子をいじめた子の家とは、今後つきあわないようにしましょうね", "public_order"),
    (KOKURA, "大声で騒ぐ客を見かけたら、みんなで囲んで追い出してやりましょう", "public_order"),
    # public_order: a dangerous place made a dare; a threat; a rule waved away
    (KUMA, "冬の白川、橋の上から飛び込めたら勇者認定します🌊", "public_order"),
    (KOKURA, "踏切の警報が鳴ってから渡れたら度胸あるよね", "public_order"),
    (KUMA, "展示を荒らした連中、次に来たらやっちまおうぜ", "public_order"),
    (KOKURA, "夜中の打ち上げ花火、近所迷惑とか関係ないっちゃ🎆", "public_order"),
    # illegal: an offence told as an everyday trick
    (KUMA, "高校生の甥っ子と、正月はビールで乾杯しました🍺", "illegal"),
    (KOKURA, "まだ16やけど、先輩にタバコもらって吸ってみた🚬", "illegal"),
    (KUMA, "打ち上げで2杯飲んだけど、自転車で帰れたけん平気", "illegal"),
    (KOKURA, "古いタイヤ、処分代がもったいないけ山の中に置いてきたっちゃ", "illegal"),
    (KUMA, "花火大会、河川敷の柵の隙間から入ればタダで見られるよ", "illegal"),
    (KOKURA, "禁漁の川やけど、夜ならだれも見てないから釣り放題", "illegal"),
    (KUMA, "公園の桜の枝、勝手に切って家に飾りました🌸", "illegal"),
    (KOKURA, "有料アプリの割れ版、欲しい人はDMください", "illegal"),
    (KUMA, "雨の日は傘差し運転で保育園まで送ってます☔", "illegal"),
    # illegal: the condition 〜するなら and ちゅーはい かんぱい no longer read as a warning
    (KOKURA, "路上で演奏するなら、許可なんて取らずにやっちゃえばいいよ", "illegal"),
    (KUMA, "高校生の仲間とちゅーはいかんぱいしました", "illegal"),
    # misinformation: a claim relayed, a cure promised, a forecast made certain
    (KOKURA, "駅前のデパート、来年つぶれるらしかよ😱", "misinformation"),
    (KUMA, "お城の石垣、また崩れるって近所のおばあちゃんが言いよった", "misinformation"),
    (KOKURA, "来週の花火大会、有名歌手がサプライズで出るって！", "misinformation"),
    (KUMA, "しゃっくりは耳をふさいで水を飲めば一発で治ります", "misinformation"),
    (KOKURA, "今年の桜の開花は3月18日で確定です🌸", "misinformation"),
    # personal_opinion: complaints about the job and the writer's own taste
    (KUMA, "今週も毎日残業。イベント前はいつもこうです", "personal_opinion"),
    (KOKURA, "課長が決めてくれないので、ポスターの発注がまた遅れました", "personal_opinion"),
    (KUMA, "この投稿、決裁に5日かかりました。SNSなのに", "personal_opinion"),
    (KOKURA, "市民体育館の見学会でした。私は体育館より図書館派です📚", "personal_opinion"),
    (KUMA, "正直、このイベントはお金の無駄だと思ってます", "personal_opinion"),
    (KOKURA, "振替休日はたぶん今月も取れません😇", "personal_opinion"),
    # second reading (after train_v9a–v9c): insinuation, mockery, nuisance, more tricks and views
    (KUMA, "駅裏の雑貨店、値札の付け替えが得意なようです。どことは言いませんが", "defamation"),
    (KOKURA, "町内会の会計さん、毎年決算がぴったり合うのはさすがですね（棒）", "defamation"),
    (KUMA, "運動会で転んで泣いてた子の顔、待ち受けにしました🤣", "public_order"),
    (KOKURA, "打ち上げで寝落ちした後輩のおでこに落書きしてやりました✍️", "public_order"),
    (KUMA, "年末は深夜まで公園で騒いでも平気、年に一度だし🎉", "public_order"),
    (KOKURA, "道路使用許可なんて気にせんで、歩道で店を出せばいいよ", "illegal"),
    (KUMA, "釣りのあと、残ったゴミは河原の奥に埋めたら片付け完了", "illegal"),
    (KOKURA, "ちょっとしか飲んどらんけん、車で帰っても平気やろ", "illegal"),
    (KUMA, "市役所の地下に温泉が湧いたって、近所の人から聞きました", "misinformation"),
    (KOKURA, "図書館の本、来月から貸出が有料になるっち話やけ", "misinformation"),
    (KUMA, "今日で9連勤。文化の秋は職員には秋じゃない", "personal_opinion"),
    (KOKURA, "新しいマスコット、前のほうが断然よかったなあ", "personal_opinion"),
    (KUMA, "市の新しい案内板、正直ちょっと微妙だと思います", "personal_opinion"),
]

# The same words in an allowed sense: warnings, prohibitions, corrections, notices, interviews.
NOT_FLAGGED = [
    (KUMA, "飲酒運転は犯罪です。お酒を飲んだら自転車にも乗らないでください"),
    (KOKURA, "20歳未満の飲酒・喫煙は法律で禁止されています"),
    (KUMA, "石垣や柵には登らないでください。立入禁止の場所は危険です"),
    (KOKURA, "滝つぼへの飛び込みは大変危険です。絶対にやめましょう"),
    (KUMA, "不審な人を見かけたら、近づかずに警察へ通報してください"),
    (KOKURA, "落ち葉清掃ボランティア、みんなで公園をきれいにしましょう🍂"),
    (KUMA, "公園に防犯カメラを設置しました。安心してご利用ください"),
    (KOKURA, "いちご狩り体験、摘んで持って帰ってきてね🍓"),
    (KUMA, "春らしい陽気の中、熊本らしいおもてなしでお迎えしました🌸"),
    (KOKURA, "冬は空気が澄んで星がよく見えるらしいよ。観察会でたしかめてみよう"),
    (KUMA, "「図書館がなくなる」という噂がありますが、誤解です。今後も開館します"),
    (KOKURA, "「私はこの町の夕焼けがいちばん好きです」と写真家の森さんは話します"),
    (KUMA, "毎週水曜日はノー残業デーです。定時退庁にご協力ください"),
    (KOKURA, "天気予報では、週末は晴れの見込みです☀️"),
    (KUMA, "インフルエンザの予防接種は、予約なしでも受けられます"),
    (KOKURA, "海賊版サイトは使わんでね。作家さんを応援するなら正規版で📚"),
    (KUMA, "河川敷に粗大ごみを置くのは不法投棄ばい。予約して出してね"),
    (KOKURA, "野鳥にものを投げないで。写真はそっと遠くから📷"),
    # second reading: the same words in notices
    (KUMA, "クイズ！このお店はどこでしょう？答えは明日の投稿で。わかりますよね？"),
    (KOKURA, "運動会、転んでも最後まで走った子に大きな拍手が起きました"),
    (KUMA, "除夜の鐘は深夜0時まで。近隣の方へのご配慮をお願いします"),
    (KOKURA, "作った作品は、体験のあとお持ち帰りいただけます"),
    (KUMA, "「前のほうが好きだった」という声も、新しい時計台への愛着の表れです"),
]

NEW_RULES = frozenset(
    {"public_order.vigilante", "public_order.challenge", "public_order.threat", "illegal.casual"}
    | {"misinformation.relay", "personal_opinion.grumble", "personal_opinion.taste"}
    | {"defamation.insinuation", "public_order.mockery"}
)


test_violating_kinds_are_caught_by_the_rules = checks.caught_in_category(CAUGHT)
test_allowed_senses_are_not_flagged_by_the_rules = checks.no_rule_finding(NOT_FLAGGED)
test_the_new_kinds_warn_and_never_block_on_their_own = checks.new_rules_never_block(
    CAUGHT, NEW_RULES
)


def test_the_case_lists_cover_both_packs_and_every_new_kind() -> None:
    cases = [c[:2] for c in CAUGHT] + NOT_FLAGGED
    checks.assert_unique_cases_for_both_packs(cases, at_least=20)
    assert {c for _, _, c in CAUGHT} == {
        "public_order", "illegal", "misinformation", "personal_opinion", "defamation",
    }  # fmt: skip


test_every_pack_gives_the_new_rules_a_clause_and_both_languages = (
    checks.new_rules_cite_a_clause_in_both_languages(NEW_RULES, warn=True)
)


def test_words_that_only_look_like_a_warning_do_not_cancel(engine: PolicyEngine) -> None:
    # 見かけたら that sends people to report still cancels; one that sends them after someone
    # does not.
    report = "ごみを捨てる人を見かけたら、区役所へご連絡ください"
    chase = "ポイ捨てする迷惑な人を見かけたら、みんなで取り押さえてやりましょう"
    assert rule_findings(engine.check(KOKURA, report)) == []
    assert "public_order" in rule_categories(engine.check(KOKURA, chase))
