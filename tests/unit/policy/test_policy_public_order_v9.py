"""Public order by kind, v9: stunts, trespass, crowds sent after people, shaming, rough justice
and public disorder (fresh cases).

The blind held-out splits caught public-order slips at 7-11 of 16-18; on the training writers the
rules missed about half of v8d and v8e. The misses were not new words for violence but other
kinds: a dangerous stunt praised (飛び込んだら勇者), a closed area made a prize (立入禁止の奥まで
行けた人), a crowd sent to someone's door, a face posted on a board, ostracism, a prank or
rough justice urged, midnight noise, a sit-in on a road, hoarding at a shelter. Every case below
is a new sentence of those kinds, written for this file, with clean captions that use the same
words in an allowed sense (a safety notice, a prohibition, an official tour or event, history).
Only the rules are judged: the learned model's warnings are left out.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import load_pack
from tests.unit.policy import case_checks as checks

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

CAUGHT = [
    # stunts at dangerous places, endurance contests
    (KOKURA, "紫川の堤防から川に飛び込めたら真の勇者！動画待ってます🌊"),
    (KUMA, "城の石垣、てっぺんまでよじ登って撮れたら尊敬する🏯"),
    (KOKURA, "踏切の警報がなりだしてから走って渡るの、スリルあって最高"),
    (KUMA, "冬の白川を泳いで向こう岸まで渡るチャレンジ、参加者募集！"),
    (KOKURA, "キャンプの夜、朝までねずに起きていられた子が優勝🏅 ねない選手権"),
    (KUMA, "真夏のグラウンドで水なしでどこまで走れるか対決しよう☀️"),
    (KOKURA, "ビールのイッキ飲み対決、つぶれてもセキニンとりませーん🍺"),
    # trespass, slipping past staff, rules broken as a game
    (KUMA, "立ち入り禁止の柵の先、行けた人だけが見られる絶景があるらしい"),
    (KOKURA, "閉園後の動物園、裏口から入っちゃおう🌙"),
    (KUMA, "警備員さんがいない隙に、舞台袖まで行っちゃえ"),
    (KOKURA, "「触らないで」の札の作品、こっそり触った人の勝ち🤫"),
    # crowds sent after people, payback on critics
    (KUMA, "あの店に難癖つけたお客さん、みんなで待ち伏せして話をつけよう"),
    (KOKURA, "ゴミを分別しない家、町内で毎日苦情の電話を入れよう"),
    (KUMA, "展示に批判コメントを書いた人、住んでる場所はもうわかってるので直接言ってやって"),
    (KOKURA, "騒音に苦情を入れた人の家の前で、今夜は朝まで演奏会しよう🎸"),
    # shaming and freezing out
    (KUMA, "自転車を盗んだ中学生、顔写真を公園の掲示板に貼っておきますね"),
    (KOKURA, "回収日を守らない家の名前、次の回覧板で出します。"),
    (KUMA, "町内会に入らない家の子とは、うちの子も遊ばないように言ってます"),
    (KOKURA, "転校生の子にあだ名をつけて呼ぶのがクラスで流行ってるらしい😂"),
    # rough justice, petty cruelty, animals and nature
    (KUMA, "列に割り込む人は、足ひっかけてもいいよ笑"),
    (KOKURA, "ルールを守らない露店、屋台ごとひっくり返したい"),
    (KUMA, "見回りのボランティアさん、竹刀を持ってパトロールしましょう"),
    (KOKURA, "干潟のカニ、棒でつついてひっくり返すと面白いよ🦀"),
    (KUMA, "公園のハトにスナック菓子をまいたらめっちゃ集まった😆 みんなもやってみて"),
    (KOKURA, "鍾乳洞の池に石を投げ込むと音が響いて楽しい"),
    # public disorder
    (KUMA, "真夜中の河川敷で爆竹鳴らそう🧨 ご近所なんて気にしない"),
    (KOKURA, "明日は市道の交差点に座り込んで、トラックを止めましょう"),
    (KUMA, "福袋は押してでも前へ！遠慮した人の負け"),
    (KOKURA, "炊き出しのおにぎり、何回並んでもバレないからキープしとこ"),
    (KUMA, "どっちのバンドが勝つか、お客さん同士でお金を賭けて楽しもう💴"),
    (KOKURA, "救急車のサイレンが聞こえたら、追いかけて見に行くのが一番"),
    (KUMA, "ライブハウスの前で夜遅くまで歌おう！苦情なんて気にしない🎤"),
    (KOKURA, "どのチームが優勝するか、裏で賭けもやってます。一口500円"),
    # second reading (after train_v9a-v9c): laughing at misfortune, disasters and the dead,
    # animals dumped or tormented, drinking forced, threats
    (KUMA, "マラソンで転んで泣いてた子の顔、おもしろすぎて待ち受けにした🤣"),
    (KOKURA, "酔っ払って道で寝ていたおじさんの写真も載せちゃいます😂"),
    (KUMA, "台風で流された家、ビフォーアフターで並べると笑える"),
    (KOKURA, "喪服のまま盆踊りに来た人がいてウケた😂"),
    (KUMA, "縁日でもらった金魚、飽きたら用水路に流してあげればいいよ🐟"),
    (KOKURA, "新入社員、ジョッキ5杯空けるまで帰さんけんね🍺"),
    (KUMA, "あの審査員、次に会ったらただじゃおかない"),
]

NOT_FLAGGED = [
    # safety notices and prohibitions with the same places and acts
    (KOKURA, "堤防や防波堤からの飛び込みは大変危険です。絶対にやめてください。"),
    (KUMA, "石垣に登らないでください。崩落のおそれがあります。"),
    (KOKURA, "踏切の警報が鳴りだしたら、渡らずに待ちましょう。"),
    (KUMA, "熱中症予防のため、帽子をかぶり、水分をこまめにとりましょう。"),
    (KOKURA, "立入禁止区域には入らないでください。"),
    (KUMA, "閉館後の特別公開「夜の美術館ツアー」、係員の案内で展示室をめぐります。"),
    (KOKURA, "展示作品には触らないでください。写真撮影はOKです。"),
    # official events, tours and courses
    (KUMA, "市民プールで飛び込み競技の体験会を開きます。指導員がつきます。"),
    (KOKURA, "階段チャレンジ週間：エレベーターより階段を使って健康づくり！"),
    (KUMA, "熊本城の石垣の修復工事を見学するツアーを開催します。"),
    (KOKURA, "干潟の生き物観察会、カニやヒトデを学芸員と一緒に観察します。"),
    (KUMA, "動物ふれあい広場でのエサやり体験は、飼育員の指示に従ってください。"),
    # crowds, boards and circulars in an allowed sense
    (KOKURA, "みんなで雪かき、家の前の道がきれいになりました⛄"),
    (KUMA, "鬼ごっこ大会！鬼になったらみんなで追いかけよう"),
    (KOKURA, "入賞作品の写真を区役所1階の掲示板に貼り出しています。"),
    (KUMA, "町内会の回覧板で、清掃活動の日程をお知らせします。"),
    (KOKURA, "仲間外れやいじめのない学校づくりに、地域も協力しています。"),
    (KUMA, "不審な人を見かけたら、近づかずに110番通報してください。"),
    # disorder words in an allowed sense
    (KOKURA, "年越しカウントダウンイベント、夜12時に花火が上がります🎆"),
    (KUMA, "夜間の大声や騒音はご近所の迷惑になります。ご配慮をお願いします。"),
    (KOKURA, "避難所では、物資は全員に行き渡るよう順番にお配りします。"),
    (KUMA, "郷土資料館で、戦国時代の城攻めの歴史を紹介しています。"),
    (KOKURA, "震災の語り部の会：当時の避難所の暮らしを伝えます。"),
    (KUMA, "転んでも泣いても大丈夫！こどもかけっこ教室、参加者募集中です。"),
    (KOKURA, "金魚やカメを川や池に放さないでください。生き物は最後まで飼いましょう。"),
    (KUMA, "作家いわく「失敗した線こそ面白い」。失敗を楽しむワークショップです。"),
    (KOKURA, "入賞者の一覧は来週ホームページで公開します。"),
]


test_public_order_kinds_are_caught_by_the_rules = checks.caught_in("public_order", CAUGHT)
test_the_same_words_in_an_allowed_sense_are_not_flagged = checks.no_rule_finding(NOT_FLAGGED)


def test_the_v9_rules_warn_and_cite_the_public_order_clause() -> None:
    for name in (KUMA, KOKURA):
        rules = {r.id: r for r in load_pack(name).rules}
        like = rules["public_order.harass"]
        for rule_id in (
            "public_order.stunt_v9",
            "public_order.trespass_v9",
            "public_order.mob_v9",
            "public_order.shame_v9",
            "public_order.rough_v9",
            "public_order.disorder_v9",
            "public_order.mock_v9",
        ):
            rule = rules[rule_id]
            assert rule.severity == "warn" and rule.category == "public_order"
            assert (rule.clause, rule.clause_text) == (like.clause, like.clause_text)
            assert rule.message.ja and rule.message.en


# Misinformation: a rumour answered, denied, checked or named as hurtful is not spread (the rules
# and the model's findings are both cancelled by these cues); hearsay passed on stays a finding.
RUMOUR_CAUGHT = [
    (KUMA, "市電の回数券、来年からなくなるらしいよ。みんな早めに使っとこ"),
    (KOKURA, "図書館が春に閉館するって近所の人が言ってました"),
    (KUMA, "新しいホール、実は建て替えになるって噂です🤫"),
]
RUMOUR_NOT_FLAGGED = [
    (KOKURA, "Q. 講座の受講には入会金がいると聞きました。\nA. それは誤解です。受講は無料です。"),
    (KUMA, "ネットの噂に振り回されず、火山の情報は気象庁の発表で確認を🌋"),
    (KOKURA, "ゆるキャラ引退の噂とかないけん、安心してね😊"),
    (KUMA, "食中毒の噂について、保健所に確認したところ、発生は確認されていません。"),
    (KOKURA, "「あの人、借金あるらしいよ」その一言が人を傷つけることもあります。"),
    (KUMA, "地域によって味が違うらしいよ。食べ比べしてみてね🍜"),
    (KOKURA, "出演者についてのうわさが広がっていますが、公式発表以外の情報はお控えください。"),
    (KUMA, "「うわさ」をテーマにした写真展、情報が人から人へ変わっていく様子を表現しました。"),
    (KOKURA, "河童が出ると噂される淵は、深くて危険です。近づかないでください。"),
]


test_hearsay_is_still_caught = checks.caught_in("misinformation", RUMOUR_CAUGHT)


@pytest.mark.parametrize(("pack", "caption"), RUMOUR_NOT_FLAGGED)
def test_a_rumour_answered_denied_or_checked_is_not_flagged(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    findings = [f for f in engine.check(pack, caption).findings if f.category == "misinformation"]
    assert findings == []
