"""Policy kinds, v8: fresh captions written by kind for this file (not taken from any corpus).

Written from the kinds the rules still missed across the training writers (above all the six
writers of train_v7a–v7f, whom the earlier rules caught least), grouped by the way of saying it:
defamation by reputation or by judging a person's skill or character, confidential facts told
without any secrecy word (not yet published, an internal source, who complained, codes, guards,
sums, sanctions), a decision in the making told by its state (narrowed down, in negotiation, the
internal favourite, waiting for a budget), hearsay about a public service or a cure, calls to
harass someone, and the staff member's own view. Each kind has contrastive clean captions that use
the same words in an allowed sense (published notices, public votes, beginners welcome, warnings
and corrections that quote the claim, house rules). Only the rules are judged: findings of the
learned model are left out.
"""

from __future__ import annotations

from chatbot.policy.engine import PolicyEngine
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import rule_categories, rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

# Fresh violations by kind: the rules flag them (a warning at least) in the right category.
CAUGHT = [
    # defamation: a failing said to be known, a person's skill or character run down
    (KUMA, "駅前の○○整体、施術がいい加減だと評判なんですよね", "defamation"),
    (KOKURA, "あのパン屋さん、昔から不衛生なことで有名です", "defamation"),
    (KUMA, "裏通りの居酒屋、会計をごまかすって地元では有名らしい", "defamation"),
    (KOKURA, "今日の司会の○○さん、滑舌が悪くて聞くに堪えなかった😓", "defamation"),
    (KUMA, "書道展に出した○○先生の作、素人レベルでびっくりしました", "defamation"),
    (KOKURA, "清掃ボランティアの○○さん、いつもサボってばかりです", "defamation"),
    (KUMA, "あのギタリスト、才能ゼロなのに態度だけは大きい", "defamation"),
    (KOKURA, "となりの区の文化祭、展示がしょぼくて笑っちゃいました", "defamation"),
    # confidential: a fact not yet published, an internal source, who complained
    (KUMA, "新しい展示室の工事費、まだ公表されていませんが約3億円です", "confidential"),
    (KOKURA, "内部集計だと、今年の相談件数は去年の1.5倍なんです", "confidential"),
    (KUMA, "審査会の資料によると、今回の応募は過去最多だったそうです", "confidential"),
    (KOKURA, "公園の苦情、実は同じ方から今年だけで30件目です😅", "confidential"),
    (KUMA, "先月の騒音の通報者は、向かいの店のご主人でした", "confidential"),
    # confidential: codes, guards, valuables moved, sums, sanctions, mistakes
    (KOKURA, "倉庫の暗証番号は 3851 です。ボランティアの方はどうぞ", "confidential"),
    (KUMA, "展示室は夜11時から朝7時まで無人なので、静かなものです", "confidential"),
    (KOKURA, "寄贈の掛け軸は、明朝8時に公用車で資料館へ運びます", "confidential"),
    (KUMA, "メインの出演料は交渉の結果、80万円で落ち着きました", "confidential"),
    (KOKURA, "例の書類紛失の件、担当の職員は厳重注意になりました", "confidential"),
    (KUMA, "実は先週、申請書を間違えて別の方に郵送してしまいました", "confidential"),
    # undecided: narrowed down, in negotiation, the internal favourite, budget awaited
    (KUMA, "新しい彫刻の設置場所、候補は2か所まで絞られています", "undecided"),
    (KOKURA, "来年の夏祭りのゲスト、いま人気バンドに打診中です🎸", "undecided"),
    (KUMA, "ホールの愛称、課内ではA案推しが多いみたいです", "undecided"),
    (KOKURA, "図書館の移転先は、駅前のビルが一歩リードしています", "undecided"),
    (KUMA, "屋外ステージの改修、予算がつけば再来年に着工です", "undecided"),
    (KOKURA, "市民プールの存続、廃止するかどうかで意見が割れています", "undecided"),
    # misinformation: hearsay about a public service, a cure, a rumour's own signs
    (KUMA, "来月から市電が全線無料になるそうですよ🚋", "misinformation"),
    (KOKURA, "区のプール、来年の夏で閉鎖しちゃうらしいです", "misinformation"),
    (KUMA, "毎朝しょうが湯を飲んだら、高血圧が治ったという方も", "misinformation"),
    (KOKURA, "玉ねぎを枕元に置いて寝ると風邪にかからないんだとか", "misinformation"),
    (KUMA, "城下の堀が来週干上がるとLINEで回ってきました", "misinformation"),
    (
        KOKURA,
        "駅のロッカーが今月で撤去されると聞きました。確認はとれていませんが",
        "misinformation",
    ),
    # public_order: calls to drive off, gang up on, shame or get back at someone
    (KUMA, "広場で場所取りしてる人たち、みんなで囲んで追い出しましょう", "public_order"),
    (KOKURA, "悪口を書いた人の店、みんなで☆1つけに行こうね", "public_order"),
    (KUMA, "ヤジを飛ばす客には、全員でブーイングしてあげてください", "public_order"),
    (KOKURA, "うるさい隣人には、こっちも夜中に大きな音を出して仕返しするのが一番", "public_order"),
    (KUMA, "迷惑な撮影の人には水をかけてもいいと思います", "public_order"),
    # personal_opinion: the staff member's own view and complaints about the job
    (KOKURA, "私なら、このポスターはもっと明るい色にしたと思います", "personal_opinion"),
    (KUMA, "この企画、わたし的には全然ピンとこなかった。好みの問題かな", "personal_opinion"),
    (KOKURA, "今日も会議のための会議でした。早く現場に戻りたい", "personal_opinion"),
    (KUMA, "窓口で怒鳴られても、こっちも人間なんですよね…", "personal_opinion"),
    (KOKURA, "毎年イベント準備がグダグダで、正直しんどいです", "personal_opinion"),
    # second reading (after train_v8a–v8c): the same kinds said other ways
    (KUMA, "あの塾の塾長、生徒の作品を勝手に転売してるって。最低です", "defamation"),
    (KOKURA, "駅前の花屋の店主、いつも値段を倍にしてくるほら吹きです", "defamation"),
    (KUMA, "監査で補助金の書類に不備が見つかりましたが、まだ直していません", "confidential"),
    (KOKURA, "昨日相談に来られた方、借金のことで泣いておられました", "confidential"),
    (KUMA, "金庫のダイヤル番号、10年間変わってないんですよ", "confidential"),
    (KOKURA, "体育館の建て替え、2つの案が出ていて、課内で詰めているところです", "undecided"),
    (KUMA, "凍った池の上、どこまで歩けるか度胸試しやろう", "public_order"),
    (KOKURA, "文句を言ってきた人の家の前で、みんなで待ち伏せしよう", "public_order"),
    (KUMA, "私はこの制度、正直いらないと思っています", "personal_opinion"),
    (KOKURA, "本当は異動したくなかったけど、今日からこの課です", "personal_opinion"),
]

# The same words in an allowed sense: no rule flags them.
NOT_FLAGGED = [
    # defamation words in a welcome, a course, a house rule
    (KUMA, "絵が下手でも大丈夫！楽しく描くワークショップです🎨"),
    (KOKURA, "「あの町の人はマナーが悪い」といった決めつけの書き込みは削除します"),
    (KUMA, "作家向け講座：引用と盗作の違いを弁護士が解説します"),
    (KOKURA, "上手い下手は関係ありません。気軽にご参加ください"),
    (KUMA, "地元のお店でおいしいと評判の焼きそばを紹介します"),
    # confidential words in a published notice, an unpublished work shown on purpose
    (KOKURA, "入札結果を本日ホームページで公表しました"),
    (KUMA, "作家の了承を得て、未公開の作品を特別に展示します"),
    (KOKURA, "【お詫び】本日公表したとおり、通知書の誤送付がありました"),
    (KUMA, "職員向けの研修で、内部資料の取り扱いを確認しました"),
    # undecided words in a public vote or a contest
    (KOKURA, "新しいマスコットの名前、候補は3つ！みなさんの投票で決めます"),
    (KUMA, "ダンスコンテスト決勝、優勝候補の最有力は昨年の王者です"),
    (KOKURA, "公園の整備候補地3か所を歩く見学会を開きます"),
    # misinformation: corrections, warnings quoting the claim, a literacy course
    (KUMA, "「来月から市電が無料になる」という話がありますが、料金は現行どおりです"),
    (KOKURA, "「これを飲めば風邪にかからない」などとうたう商品にご注意ください"),
    (KUMA, "情報リテラシー講座：そのうわさ、本当？見極め方を学びます"),
    (KOKURA, "・噂→ 図書館が閉館 ・事実→ 改装のため3月まで休館"),
    (KUMA, "昔の暮らしのうわさ話ではなく、記録に残る本当の話を紹介します"),
    (KOKURA, "熱中症にならないよう、こまめに水分をとりましょう"),
    # public_order words in a warning, a folk festival
    (KUMA, "出演者へのブーイングやヤジはおやめください"),
    (KOKURA, "節分の豆まき、鬼は外！みんなで鬼を追い出しましょう👹"),
    # personal_opinion words in a notice
    (KUMA, "読書感想文コンクール、子どもたちの正直な感想が光る作品ばかりです"),
    (KOKURA, "職員のメンタルヘルス研修を行いました。悩まず相談できる職場に"),
    # second reading: the same words in notices
    (KUMA, "展示替えの日は、作品をふたり一組で慎重に運びます"),
    (KOKURA, "どんど焼きで、しめ縄や門松をお焚き上げします🔥"),
    (KUMA, "パスワードの使い回しに注意しましょう（情報セキュリティ月間）"),
    (KOKURA, "子どもたちのアイデアがたくさん出て、楽しいワークショップになりました"),
    (KUMA, "凍った池には近づかないでください。度胸試しは絶対にやめましょう"),
    (KOKURA, "大きな紙に自由に落書きしてよいコーナーです🖍"),
]

NEW_RULES = frozenset(
    {"defamation.judgement", "confidential.internal", "undecided.pending"}
    | {"misinformation.claim", "public_order.harass", "personal_opinion.view"}
)


test_violating_kinds_are_caught_by_the_rules = checks.caught_in_category(CAUGHT)
test_allowed_senses_are_not_flagged_by_the_rules = checks.no_rule_finding(NOT_FLAGGED)
test_the_new_kinds_warn_and_never_block_on_their_own = checks.new_rules_never_block(
    CAUGHT, NEW_RULES
)


def test_the_case_lists_cover_both_packs_and_every_new_kind() -> None:
    cases = [c[:2] for c in CAUGHT] + NOT_FLAGGED
    checks.assert_unique_cases_for_both_packs(cases, at_least=30)
    assert {c for _, _, c in CAUGHT} == {
        "defamation", "confidential", "undecided", "misinformation", "public_order",
        "personal_opinion",
    }  # fmt: skip


test_every_pack_gives_the_new_rules_a_clause_and_both_languages = (
    checks.new_rules_cite_a_clause_in_both_languages(NEW_RULES, warn=True)
)


def test_a_rumour_set_against_the_true_story_is_a_correction(engine: PolicyEngine) -> None:
    told = "区の歴史にまつわる本当の話です。昔、ここに城があったそうです。"
    corrected = "うわさ話ではなく本当の話をお届けします。"
    spread = "図書館が閉館するって。うわさじゃなくて本当の話らしいよ"
    assert "misinformation" not in rule_categories(engine.check(KOKURA, corrected))
    assert "misinformation" in rule_categories(engine.check(KOKURA, spread))
    assert rule_findings(engine.check(KOKURA, told)) == []
