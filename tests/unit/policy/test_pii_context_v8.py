"""PII with context, round 8 (issue 9): the passes that exempt names let private persons through.

Kinds fixed, each with its contrast (sentences made up for these tests, not from a corpus):
a role, quotes or a kana pen name no longer make a name public when the caption tells where the
person lives or stays, a family member's school class, their health, or where and when they can
be found at work; a name is a person's by what surrounds it even when the dictionary does not
know it (an honorific and an age or a school grade in brackets, a school or a family word before
a child's given name, a label such as お名前は, a school grade before an account, a place-name
surname before さま, a surname before 一家); a mobile number with the letters O and I for 0 and
1. Not findings: a statement that the person agreed to be named, a pet's or a mascot's name, a
place's name the tokenizer cuts like a name (城彩苑), a performer by their act, a painter by the
paintings. The rules alone are checked.
"""

from __future__ import annotations

from chatbot.policy.engine import PolicyEngine
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import pii_found, pii_rules

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


# ---- a role, quotes or a pen name yield to a private detail ----------------------------------
ROLE_WITH_PRIVATE_DETAIL = [
    # where the person lives
    (KUMA, "陶芸家の山中さん。自宅は北区の団地で、窯も庭にあるそうです。"),
    (KOKURA, "版画家の井手さんのアトリエは、ご近所のアパートの2階（井手宅）です。"),
    # a family member's school class
    (KUMA, "ピアノ講師の村井さん。「娘が大江小の2年生で、帰ってくるまでが練習時間」と話します。"),
    # health
    (KOKURA, "闘病中の書家、高森さんの新作です。"),
    (KUMA, "手術を受けたばかりの歌手の三宅さん、次のステージも楽しみです。"),
    # where and when the person can be found
    (KOKURA, "写真家の黒木さんは平日の夕方5時から駅前の書店で働いています。会いに行ってみて！"),
    # a name in quotes or a kana pen name, with a home or an address beside it
    (KUMA, "「坂本りょう」さんの自宅アトリエは黒髪のアパートの2階だそうです。"),
    (KOKURA, "植木町1-2のみさきさんへ、お礼状を送ります。"),
    (KUMA, "やまもと ゆうこさん（電話 下4桁 5521）が当選しました。"),
]


test_a_role_quotes_or_a_pen_name_yield_to_a_private_detail = checks.pii_rule_found(
    "pii.person_name", ROLE_WITH_PRIVATE_DETAIL
)


PUBLIC_BY_ROLE = [
    (KUMA, "写真家の黒木さんの作品展が始まりました。"),
    (KOKURA, "熊本市在住の写真家、黒木さんの作品展です。"),
    (KUMA, "「坂本りょう」さんの個展が始まりました。"),
    (KOKURA, "シンガーのみずのはるかさんが出演します。"),
    # an audience named by their health is no one in particular
    (KUMA, "講師の西川さんが、通院中の方にも楽しめる体操を紹介します。"),
    # street performers by their act; a name in letters is a stage name
    (KOKURA, "ジャグラーのケンタさんが登場！"),
    (KUMA, "大道芸人のKOTAさんが登場！"),
    (KOKURA, "@minami_photo_k さんの写真をリポストさせていただきました📸"),
]


test_a_public_person_by_role_without_private_details_is_no_finding = checks.no_pii_found(
    PUBLIC_BY_ROLE
)


# ---- names the dictionary does not know, known by what surrounds them ------------------------
NAMES_BY_CONTEXT = [
    # an honorific and an age or a grade in brackets
    (KUMA, "ゴミ拾いに来てくれた日吉くん（15）、ありがとう！"),
    (KOKURA, "優勝はサクラバ ミオさん（15）でした。"),
    (KUMA, "けん玉名人、はるまくん(小2)、おめでとう！"),
    (KOKURA, "先週保護された西原小のK・Mくん（3年）のような子を見逃さないで。"),
    # a school, a class or a family word before a child's given name
    (KUMA, "ひばり保育園のさくたろうくん、はじめての発表会！"),
    (KOKURA, "長女のみおちゃんも一緒に来てくれました。"),
    (KUMA, "中学生のレナちゃん、毎日コメントありがとう！"),
    # a label says whose name it is
    (KOKURA, "お名前は「西園寺はるか」さん、拾った財布の持ち主を探しています。"),
    (KUMA, "迷子の子の名札に「てつや・4さい」とありました。"),
    # a school grade before an account
    (KOKURA, "入賞は中学2年の @kaito.sk8 くんでした。"),
    # a surname the dictionary has as a place name, a household by the surname
    (KUMA, "転入届を出しに来られた中津さま、控えを窓口にお忘れです。"),
    (KOKURA, "避難所の3号室に村岡一家が入っています。"),
]


test_a_name_is_known_by_what_surrounds_it = checks.pii_rule_found(
    "pii.person_name", NAMES_BY_CONTEXT
)


def test_an_age_in_brackets_after_an_unknown_name_is_an_age(engine: PolicyEngine) -> None:
    assert "pii.age" in pii_rules(engine, KUMA, "ゴミ拾いに来てくれた日吉くん（15）、ありがとう！")


NO_ONE_BY_CONTEXT = [
    # an age band that says who may take part
    (KUMA, "お子さん（3歳以上）もご参加いただけます。"),
    (KOKURA, "参加者さん（18歳以上）は受付へ。"),
    (KUMA, "おばあちゃん（82）も来てくれました。"),
    # the children of a class as a whole
    (KOKURA, "保育園のみんなで歌いました。"),
    (KUMA, "年少組のおともだちが作った飾りです。"),
    (KOKURA, "中学生のボランティアさんが受付をしてくれました。"),
    # a pet's or a mascot's name
    (KUMA, "看板犬の名前は「まめ」くんです。"),
    (KOKURA, "名前は「もも」ちゃん、2歳のうさぎです。"),
    (KUMA, "マスコットの名前は「ひごっち」くん！"),
    # an account with no school beside it, a ward, a household that is no one's
    (KOKURA, "@kumamoto_city さんの投稿をシェアします。"),
    (KUMA, "東区さんとの共催です。"),
    (KOKURA, "仲良し一家の物語を読み聞かせします。"),
    # a place's name the tokenizer cuts like a name, a painter by the paintings
    (KUMA, "城彩苑で物産展を開催中です。"),
    (KOKURA, "田中一村の絵は当時ほとんど知られていませんでした。"),
]


test_no_private_person_where_the_context_names_no_one = checks.no_pii_found(NO_ONE_BY_CONTEXT)


def test_a_grade_beside_a_painting_still_makes_a_childs_name(engine: PolicyEngine) -> None:
    assert "pii.person_name" in pii_rules(engine, KUMA, "山田花子の絵（小3）が入選しました。")


# ---- consent ----------------------------------------------------------------------------------
def test_a_name_given_with_the_persons_consent_is_no_finding(engine: PolicyEngine) -> None:
    caption = "ボランティアの山本花子さん（ご本人の了承を得て掲載）。"
    assert pii_found(engine, KOKURA, caption) == []


def test_consent_not_given_is_no_consent(engine: PolicyEngine) -> None:
    caption = "掲載の了承はまだ取れていませんが、ボランティアの山本花子さんです。"
    assert "pii.person_name" in pii_rules(engine, KOKURA, caption)


def test_consent_to_a_name_does_not_pass_a_phone(engine: PolicyEngine) -> None:
    caption = "ボランティアの山本花子さん（ご本人の了承を得て掲載）。連絡先 090-2345-6781"
    assert "pii.contact" in pii_rules(engine, KUMA, caption)


# ---- a mobile number written with letters -----------------------------------------------------
def test_a_mobile_number_with_letters_for_digits_is_a_private_contact(
    engine: PolicyEngine,
) -> None:
    found = pii_found(engine, KUMA, "連絡は本人携帯 O8O-1234-567O までどうぞ。")
    assert ("pii.contact", "block", "O8O-1234-567O") in found


def test_a_lettered_number_with_a_product_label_is_no_phone(engine: PolicyEngine) -> None:
    assert pii_found(engine, KOKURA, "品番 O8O-1234-567O の商品です。") == []
