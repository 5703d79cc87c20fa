"""Kinds of clean caption the rules flagged (most of them blocked) on the six training writers of
the eighth day, whom no rule had been read from, each beside a real slip in the same words that
must still be flagged.

Fresh captions written for this file (none is a corpus caption), one group per kind: a venue's or
a campaign's rule in the polite past or as "not for" (選挙運動はご遠慮いただいています, 政治活動には
使えません, …は対象外です); an item of a list under a heading that forbids it (禁止事項⏎・布教…);
the office's own password practice and its denial written in kana or with a comma; an act named
as the offence it is or its penalty (…も飲酒運転です, 罪に問われます); a police incident notice;
a rumour set against the fact (…と広まっていますが, …という話がありますが, まちがいです); and five
narrow words (窓口の使いやすさ, 投票で決まります, a survey's quoted voice, 「…」と聞いたところ, an
age band and sex in brackets). Each clean case is flagged by the rules before this change; each
slip flags before and after it.
"""

from __future__ import annotations

import pytest

from chatbot.policy.lines import list_heading
from tests.unit.policy.case_checks import blocked_in_category, caught_in_category, no_rule_finding

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

# ---- a house rule in the polite past, or what a venue is not for ------------------------------

test_a_venue_rule_is_not_campaigning = no_rule_finding(
    [
        (KOKURA, "投票日の当日、市民センター周辺での選挙運動はご遠慮いただいております。"),
        (KUMA, "スポットは、選挙運動や政治活動には使えません。演奏のみでご利用ください。"),
        (KUMA, "フォトコンテストでは、選挙運動を目的とした写真は対象外です。"),
    ]
)

test_campaigning_still_blocks_beside_a_venue_rule = blocked_in_category(
    "political",
    [
        (KOKURA, "市民センター前で〇〇候補の街頭演説！選挙運動、みんなで手伝おう"),
        (KUMA, "スポットで〇〇党の応援演説やります。撮影はご遠慮いただいています"),
    ],
)

# ---- an item under a heading that forbids it ----------------------------------------------------

test_an_item_under_a_forbidding_heading_is_not_the_act = no_rule_finding(
    [
        (KUMA, "【スポットの禁止事項】\n・布教を目的とした演奏やチラシ配布\n・物品の押し売り"),
        (KOKURA, "区民ホールでご遠慮いただいていること\n・政治活動\n・宗教の勧誘や布教\n・物販"),
    ]
)

test_an_item_under_another_heading_still_flags = caught_in_category(
    [
        (KUMA, "【今月のおすすめ】\n・布教のための集い（土曜の夜）\n・ギター弾き語り", "religious"),
        (KOKURA, "区民ホールの予定\n・日曜：〇〇党の個人演説会\n・月曜：書道教室", "political"),
    ]
)


@pytest.mark.parametrize(
    ("kana", "heading"),
    [
        ("禁止事項\n・布教\n・政治活動", "禁止事項"),
        ("禁止事項\n\n・布教\n・政治活動", "禁止事項"),
        ("お知らせ\n1. 布教\n2) 政治活動", "お知らせ"),
        ("布教\n政治活動", None),  # no bullet: not a list
        ("・布教\n・政治活動", None),  # a list without a heading
    ],
)
def test_the_heading_of_a_bulleted_list(kana: str, heading: str | None) -> None:
    assert list_heading(kana, kana.rindex("政治活動")) == heading


def test_the_heading_is_looked_for_within_reach() -> None:
    items = "\n".join(f"・項目{n}" for n in range(30))
    kana = "禁止事項\n" + items
    assert list_heading(kana, kana.index("項目1")) == "禁止事項"
    assert list_heading(kana, kana.rindex("項目29")) is None  # too many items back


# ---- passwords: the office's practice, its denial in kana or with a comma ---------------------

test_the_office_s_password_practice_is_not_a_leak = no_rule_finding(
    [
        (KOKURA, "「本人確認のため、パスワードを送ってください」というDMは詐欺です。\n"
         "区役所がパスワードをたずねることはありません。"),
        (KOKURA, "区役所では、職員のパスワードを定期的に変更しています。"),
        (KUMA, "区の職員が暗証番号を聞くことは、絶対にありません。"),
        (KUMA, "運用アカウントのIDとパスワードは担当者以外に教えず、外部に持ち出しません。"),
    ]
)  # fmt: skip

test_a_password_shared_still_blocks = blocked_in_category(
    "security",
    [
        (KOKURA, "共有用のパスワードは minami2027 です。来月また変えます"),
        (KUMA, "新人さん向け：管理画面のパスワードは「spot1234」です"),
    ],
)

# ---- an act named as the offence it is, or its penalty ----------------------------------------

test_an_offence_named_is_a_warning = no_rule_finding(
    [
        (KOKURA, "ビール一杯のあとの原付の運転も、飲酒運転です。"),
        (KOKURA, "収入を隠して手当を受け取ると、不正受給として罪に問われることがあります。"),
    ]
)

test_the_act_still_blocks = blocked_in_category(
    "illegal",
    [
        (KOKURA, "ビール一杯くらいなら飲酒運転にならんけん、原付で帰って大丈夫"),
        (KOKURA, "バイト代は申告せんでいいよ、不正受給なんてバレんけん"),
    ],
)

# ---- a police incident notice -------------------------------------------------------------------

test_an_incident_notice_is_not_obscenity = no_rule_finding(
    [
        (KOKURA, "公園のトイレ付近で、下半身を露出する事案が発生しています。"),
    ]
)

test_obscenity_still_flags = caught_in_category(
    [
        (KOKURA, "公園で下半身を露出してる人おって草", "obscenity"),
    ]
)

# ---- a rumour set against the fact --------------------------------------------------------------

test_a_rumour_set_against_the_fact_is_a_correction = no_rule_finding(
    [
        (KUMA, "「雨の日はライブ中止」という話がありますが、屋根のあるスポットで開催します。"),
        (KOKURA, "「毎朝飲むと病気が治る」…これはまちがいです！"),
        (KOKURA, "「外国籍の人は避難所に入れない」という話が出回っていますが、間違いです。"),
        (KUMA, "爆破予告について「ライブ中止」と広まっていますが、中止は決まっていません。"),
    ]
)

test_a_rumour_passed_on_still_flags = caught_in_category(
    [
        (KUMA, "雨の日はスポットのライブは中止って話らしいよ、みんな言ってる", "misinformation"),
        # 間違いない is certainty, not a correction
        (KOKURA, "地震雲が出とったけん、近いうちに地震が来るのは間違いなかばい", "misinformation"),
        (KOKURA, "外国籍の人は避難所に入れないって。みんなそうしよう", "discrimination"),
    ]
)

# ---- five narrow words ----------------------------------------------------------------------------

test_narrow_words_in_an_allowed_sense = no_rule_finding(
    [
        # 窓口の使いやすさ: いや inside 使いやすさ is no complaint
        (KOKURA, "窓口の使いやすさについて、アンケートにご協力ください。"),
        # a name put to a public vote
        (KUMA, "区のマスコットの愛称、最後はみなさんの投票で決まります！"),
        # a visitor's words quoted from a survey
        (KUMA, "「個人的に大好きな場所です」という声を、たくさんいただきました。"),
        # a question put to visitors
        (KOKURA, "来場者に「どこから来ましたか」と聞いたところ、区外からの方が半分でした。"),
        # an age band and sex alone identify no one
        (KUMA, "参加者（60代・男性）より「また来たいです」"),
    ]
)

test_the_same_words_still_flag = caught_in_category(
    [
        (KOKURA, "窓口の仕事、もういやです。毎日クレームばっかり", "personal_opinion"),
        (KUMA, "次の選挙は〇〇さんで決まり！", "political"),
        (KUMA, "個人的に、この事業は必要ないと思っています", "personal_opinion"),
        (KOKURA, "〇〇さんから聞いた話では、あの店は閉店するらしいよ", "misinformation"),
        (KUMA, "常連の佐藤さん（60代・男性・本町在住）は毎朝6時に散歩しています", "pii"),
    ]
)

# ---- an e-mail's recipients; an apology for a mistake ------------------------------------------

test_recipients_and_an_apology_are_not_the_slip = no_rule_finding(
    [
        # 受信者 holds 信者: the recipients are no congregation
        (KOKURA, "送付先の受信者の皆さまのアドレスが、ほかの方にも見える状態になっていました。"),
        (KUMA, "申込者へのメール誤送信につきまして、深くお詫び申し上げます。"),
    ]
)

test_a_congregation_and_a_leak_still_flag = caught_in_category(
    [
        (KOKURA, "信者の皆さまと一緒に、この教えを広めましょう", "religious"),
        (KUMA, "誤送信されてきた内部メールの中身、ちょっとだけ見せちゃいます", "confidential"),
    ]
)

# ---- read on the next six writers: a rumour corrected in a casual voice, a guest signing in ----

test_a_rumour_corrected_casually_is_a_correction = no_rule_finding(
    [
        (KOKURA, "健診の噂、グループLINEで回ってくるけど、鵜呑みにせんでね。"),
        (KUMA, "噂じゃなくて決定！次のスポットライブは土曜の午後です"),
        (KOKURA, "「区のプールがなくなる」って噂、事実じゃないです！"),
        (
            KOKURA,
            "「図書館が有料になる」って聞かれたけど、そんな話は一切ないって！変な噂、信じんでね",
        ),
        (KUMA, "ライブの日程のうわさより公式を見てね"),
    ]
)

test_a_rumour_passed_on_casually_still_flags = caught_in_category(
    [
        (KOKURA, "区のプールがなくなるって噂、ほんとらしいよ！", "misinformation"),
        # a bare caution after the rumour is no correction
        (KOKURA, "あの橋、来月通行止めになるって噂。要注意！", "misinformation"),
    ]
)

test_a_guest_signing_in_is_not_a_private_person = no_rule_finding(
    [
        (KUMA, "高橋ユウです。お城の朝、最高"),
        (KOKURA, "押忍！空手家の村田リュウです。朝の川沿いを走りました"),
        (KOKURA, "今日は区役所さんのアカウントで、南区を紹介します"),
    ]
)

test_a_private_person_named_still_flags = caught_in_category(
    [
        (KOKURA, "落とし物の犯人は山田太郎です。曽根の団地に住んでます", "pii"),
        (KUMA, "高橋ユウさんの家、スポットのすぐ裏の青い屋根です", "pii"),
        # a stranger quoted signing a message, and a guest whose private details follow
        (KUMA, "こんなDMが来ました。「中央区〇〇町5-12の田村ゆきです、毎日見てます」", "pii"),
        (KOKURA, "高橋ユウです。自宅は曽根の団地で、毎朝7時に家を出ます", "pii"),
    ]
)


# ---- blocks read on the same writers ----------------------------------------------------------

test_more_warnings_are_not_the_act = no_rule_finding(
    [
        (KUMA, "スポットは、選挙運動の場としてご利用いただけません。"),
        (KOKURA, "河川敷に家電を置いていくことは、不法投棄にあたります。"),
        (KOKURA, "公園の花を無断で持ち帰ることは、窃盗にあたる場合があります。"),
        (KUMA, "偽物のグッズがネットで売られています。無断で作った商品の販売は違法です。"),
        (KUMA, "教会の外観を描く写生会です（礼拝への参加はありません）"),
        (KOKURA, "アカウントのパスワードは、担当者以外には教えていません。"),
        (KOKURA, "パスワードは職員しか知らんけん、安心してね"),
    ]
)

test_the_acts_still_block = blocked_in_category(
    "illegal",
    [
        (KOKURA, "河川敷に家電置いていこう、不法投棄とか誰も見とらんけん"),
        (KUMA, "偽物のグッズ、ネットで安く売ってるよ。買うならこのリンクから"),
    ],
)
