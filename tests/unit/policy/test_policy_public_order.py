"""Public order: calls to gang up on, expose or hurt someone, in whatever words (fresh cases).

Before this rule the rules caught public-order slips only by violent words (ぶっ殺, 爆破予告) and
missed nearly every slip of two new training writers (1 of 21 and 0 of 20): staff urging
followers to descend on a household, surround a company's office, find and post someone's
address, or throw things at a demonstration. Every case below is a new sentence of those kinds,
written for this file, with clean captions that use the same words in an allowed sense (a hot pot
gathered round, a fighting festival, a folk tale, a call to report to the police). Only the rules
are judged: the learned model's warnings are left out.
"""

from __future__ import annotations

from chatbot.policy.packs import load_pack
from tests.unit.policy import case_checks as checks

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

CAUGHT = [
    # descending on a person, a household or a company, together
    (KOKURA, "夜中に騒ぐあの家、今度の日曜にみんなで押しかけて文句言いましょう。"),
    (KUMA, "展示に難癖つけたあの人の事務所、全員で詰め寄って謝らせようよ😤"),
    (KOKURA, "苦情ばかり言う〇〇商店、区民で取り囲んでしまえば静かになるっちゃ"),
    (KUMA, "看板を壊した業者のところ、明日みんなで抗議しに行こう！集合は9時"),
    (KOKURA, "駐車マナー最悪の家。みんな、一斉に怒鳴り込みに行こう📢"),
    (KUMA, "作品をけなした評論家のSNS、みんなで凸ってきて🔥"),
    (KOKURA, "あの会社が折れるまで、みんなで電話攻撃しましょう。"),
    (KUMA, "ごみを置いていった人、見つけたらみんなでつかまえて懲らしめよう"),
    # exposing someone: address, workplace, name
    (KOKURA, "落書きした犯人の住所を特定して、ここに載せます。"),
    (KUMA, "この写真の男性、職場を突き止めた人には粗品進呈😏"),
    (KOKURA, "猫をいじめている中学生、身元を特定してさらそう。"),
    (KUMA, "置き引きの犯人、住所わかる人いたらDMください。晒します。"),
    (KOKURA, "ルールを守らない家の表札、次の投稿で晒してやろうと思います📸"),
    # hurting someone or something, or urging it
    (KUMA, "作品を汚したやつ、見つけたらボコボコにしていいよ👊"),
    (KOKURA, "公園でたむろする若者には水ぶっかけてやろうぜ"),
    (KUMA, "あのデモ隊が来たら卵でもぶつけてやりましょう🥚"),
    (KOKURA, "あの空き家、燃えればいいのにね"),
    (KUMA, "うちの悪口を書いた店、潰れるまでやろう！"),
    (KOKURA, "ああいう人たちは一度痛い目見せないとわからない"),
    (KUMA, "壁の落書き業者の事務所にペンキをぶちまけに行こう🎨"),
    (KOKURA, "祭りの夜は隣の町内とのケンカを煽ろうぜ🔥"),
    (KUMA, "市役所前を占拠しよう✊ 明日正午集合"),
]

NOT_FLAGGED = [
    # gathered round a pot, a table, a fire
    (KOKURA, "寒い日は家族みんなで鍋を囲もう🍲 区の野菜フェアは今週末です。"),
    (KUMA, "囲炉裏をみんなで囲んで、昔の暮らしを体験するワークショップ。"),
    (KOKURA, "キャンプ場の焚き火をみんなで囲みましょう。火の始末はしっかりと。"),
    # festivals and folk tales
    (KUMA, "勇壮な喧嘩神輿がぶつかり合う秋祭り、今年も開催します。"),
    (KOKURA, "紙芝居「桃太郎」— 鬼をこらしめる場面は子どもたちに大人気。"),
    # the words in a warning, or a call to report to the police
    (KUMA, "不審な人を見かけても、自分で取り囲んだりせず、110番通報してください。"),
    (KOKURA, "ネット上で他人の住所を特定して晒す行為は、犯罪になることがあります。"),
    (KUMA, "SNSでの誹謗中傷や嫌がらせに困ったら、相談窓口へご相談ください。"),
    # ordinary collective words
    (KOKURA, "みんなで押し花のしおりを作りました🌸"),
    (KUMA, "市民のみなさんで応援しに行こう！熊本城マラソンは2月です。"),
    (KOKURA, "清掃活動、区民総出でごみを拾いました。ご協力ありがとうございました。"),
    (KUMA, "会場の住所は熊本市中央区の市民会館です。みんなで来てね。"),
    (KOKURA, "落とし物の財布をお預かりしています。心当たりの方は区役所までご連絡ください。"),
]


test_incitement_is_caught_by_the_rules = checks.caught_in("public_order", CAUGHT)
test_the_same_words_in_an_allowed_sense_are_not_flagged = checks.no_rule_finding(NOT_FLAGGED)


def test_incitement_warns_and_cites_the_public_order_clause() -> None:
    for name in (KUMA, KOKURA):
        rules = {r.id: r for r in load_pack(name).rules}
        new, like = rules["public_order.incitement"], rules["public_order.violence"]
        assert new.severity == "warn" and new.category == "public_order"
        assert (new.clause, new.clause_text) == (like.clause, like.clause_text)
