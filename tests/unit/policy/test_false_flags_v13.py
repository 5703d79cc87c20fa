"""Seven kinds of clean caption the rules flagged (five of them blocked), each beside a real slip
in the same words that must still be flagged.

Fresh captions written for this file (none is a corpus caption), one group per kind read on the
training writers v9b-v12d: a help desk or a call to victims and finders (…のトラブル相談を受け付け
ています, …の被害にあったら警察へ, …を見つけたらご連絡ください), an act named as a threat or a
nuisance (…の生活を脅かします, ご迷惑になります) or an exclusion named as discrimination
(差別につながります, 差別的な言動はお断り), password advice in the plain negative (人に教えない、
付箋に書かない; 使い回しはやめましょう), a hashtag line cut after a particle (#パスワード は⏎…),
a marked answer to a question (Q. …？ A. …お伝えしていません), the office saying it never asks
for personal data, and a rumour denied in the next sentence. Each clean case is flagged by the
rules before this change; each slip flags before and after it.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.lines import continues_past
from tests.unit.policy.case_checks import blocked_in_category, caught_in_category, no_rule_finding
from tests.unit.policy.rules_only import rule_ids

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

# ---- a help desk for an act, a call to its victims or to those who find it --------------------

test_a_help_desk_or_a_call_to_report_is_not_the_act = no_rule_finding(
    [
        (KOKURA, "通販で買った品物が届かないなどのトラブル相談を、区の窓口で受け付けています。"),
        (KOKURA, "ぼったくりの被害に遭ったら、レシートを取っておいて消費生活センターへ"),
        (KUMA, "作品の盗作や無断転載を見つけたら、作家本人か事務局にご連絡ください。"),
    ]
)

test_the_act_still_flags_beside_a_call_to_report = caught_in_category(
    [
        (KOKURA, "通販で買うならこの店が最安！リンクから買えます", "commercial"),
        # the accusation names its target: 〇〇商店, あの店
        (KOKURA, "〇〇商店のぼったくりの被害に遭ったら、警察へ", "defamation"),
        (KOKURA, "あの店はぼったくり。被害にあったら教えて", "defamation"),
        # 見つけたら that sends no one to report
        (KUMA, "人気作家のイラストを無断転載しました、見つけたら保存してね", "ip_rights"),
        (KUMA, "盗作を見つけたら、みんなで作者を晒してやろう", "defamation"),
    ]
)

# ---- an act named as a threat or a nuisance; an exclusion named as discrimination -------------

test_a_harm_named_is_a_warning = no_rule_finding(
    [
        (KUMA, "海賊版サイトで漫画を読むと、作家さんの暮らしを脅かします。"),
        (KOKURA, "「外国人お断り」という貼り紙は、差別につながります。"),
        (KOKURA, "国籍や障がいの有無による差別的な言動は、お断りしています。"),
    ]
)

test_the_act_or_the_exclusion_still_flags = caught_in_category(
    [
        (KUMA, "海賊版サイトなら漫画がタダで読めるよ", "illegal"),
        (KOKURA, "近所の迷惑になりますが、みんなで押しかけよう！", "public_order"),
        (KOKURA, "外国人お断りの店です", "discrimination"),
        (KOKURA, "障がいのある方のご参加はお断りしています", "discrimination"),
        # the refusal of discrimination in one sentence, an exclusion in the next
        (
            KOKURA,
            "差別的な言動はお断りしています。外国籍の方のご参加もご遠慮ください",
            "discrimination",
        ),
    ]
)


def test_a_nuisance_named_is_a_warning(engine: PolicyEngine) -> None:
    caption = "話題の撮影スポットにみんなで押しかけると、近所の方のご迷惑になります。"
    assert rule_ids(engine, KOKURA, caption, "public_order.") == []
    # …迷惑になりますが、 turns it round: the call stands
    slip = "近所の方のご迷惑になりますが、撮影スポットにみんなで押しかけよう！"
    assert rule_ids(engine, KOKURA, slip, "public_order.") != []


# ---- password advice in the plain negative ----------------------------------------------------

test_password_advice_is_not_a_leak = no_rule_finding(
    [
        (KOKURA, "パスワードは人に教えない、付箋に書かない。情報セキュリティの基本です。"),
        (KOKURA, "パスワードの使い回しはやめましょう。"),
        (KUMA, "パスワードの使い回しは危険です。サービスごとに変えましょう"),
    ]
)

test_a_password_habit_still_flags = caught_in_category(
    [
        (KOKURA, "パスワードは付箋に書いてモニターに貼ってます", "confidential"),
        (KOKURA, "係のパスワードはみんな使い回しです", "confidential"),
        (KUMA, "金庫の暗証番号、付箋に書いとくね", "confidential"),
    ]
)

# ---- a hashtag line cut after a particle ------------------------------------------------------

test_a_hashtag_line_reads_on_to_its_warning = no_rule_finding(
    [
        (KOKURA, "#パスワード は\n人に教えないでね🔐"),
        (KOKURA, "#機密 書類は\n年末にまとめて細断します"),
    ]
)

test_a_hashtag_line_still_blocks_what_it_shows = blocked_in_category(
    "security", [(KOKURA, "#パスワード は\nkuma2024 です")]
)
test_a_hashtag_line_still_blocks_a_leak = blocked_in_category(
    "confidential", [(KOKURA, "#機密 資料を\nちょっとだけお見せします")]
)


@pytest.mark.parametrize(
    ("kana", "continues"),
    [
        ("#ぱすわーどは\n人に教えないでね", True),
        ("#機密文書の\n細断", True),
        ("#熊本#夏は\n暑い", False),  # a line of tags
        ("ぱすわーどは\n人に教えないでね", False),  # not a hashtag line
        ("#おしらせ\n明日は休館", False),  # no particle at the break
    ],
)
def test_only_a_hashtag_fragment_continues(kana: str, continues: bool) -> None:
    assert continues_past(kana, kana.index("\n")) is continues


# ---- a question answered in the next sentence -------------------------------------------------

test_a_marked_answer_is_the_stance = no_rule_finding(
    [
        (
            KOKURA,
            "Q. 公式アカウントのパスワード、教えてもらえますか？ A. どなたにもお伝えしていません。",
        )
    ]
)

test_a_question_without_an_answer_still_blocks = blocked_in_category(
    "security",
    [
        (KOKURA, "パスワード、教えてもらえる？DMで送るね"),
        (KOKURA, "Q. パスワード、知りたい？ A. 教えないでって言われたけど、kuma2024だよ"),
    ],
)

# an opinion after a question is no answer to it (a political slip in a Q&A voice)
test_an_opinion_after_a_question_still_flags = caught_in_category(
    [(KOKURA, "どの政党が文化に理解ありますか？\n個人的には与党はダメですね。", "political")]
)

# ---- the office saying it never asks for personal data ----------------------------------------

test_the_office_denying_it_asks_is_not_collecting = no_rule_finding(
    [
        (KOKURA, "当アカウントがDMでパスワードや個人情報を聞くことはありません。"),
        (KOKURA, "「個人情報を送って」というメッセージには応じないでください。"),
    ]
)

test_collecting_still_flags = caught_in_category(
    [
        (KOKURA, "コメントに電話番号を書いてください、こちらから連絡します", "pii"),
        # the denial in the next sentence does not undo the request
        (KOKURA, "DMで個人情報を送ってください。電話で聞くことはありません", "pii"),
    ]
)

# ---- a rumour denied in the next sentence or set against the fact -----------------------------

test_a_rumour_denied_is_not_spread = no_rule_finding(
    [
        (KOKURA, "「図書館が閉館する」という噂が広まっています。そのような決定はありません。"),
        (KOKURA, "停電のうわさが流れていますが、区内で停電は起きていません。"),
    ]
)

test_a_rumour_still_flags = caught_in_category(
    [
        (KOKURA, "図書館が閉館するって噂だよ。まだ決定はしてないみたいだけど", "misinformation"),
        (KOKURA, "停電のうわさが流れています。本当みたい", "misinformation"),
    ]
)

# ---- a pattern stops at a sentence end; a judgement told as what the speaker was called --------

test_a_call_for_suggestions_is_not_a_candidate = no_rule_finding(
    [(KUMA, "スタンプを置く場所の候補を募集中です！おすすめの場所をコメントしてね")]
)

test_a_candidate_recommended_still_blocks = blocked_in_category(
    "political", [(KUMA, "この候補、おすすめです！")]
)

test_what_the_speaker_was_called_defames_no_one = no_rule_finding(
    [
        (KUMA, "昔は下手くそって言われてばかりでしたが、今は個展を開くまでになりました"),
        (KUMA, "子どもの頃は下手くそと言われ続けた、と笑う作家さん"),
    ]
)

test_what_someone_else_is_called_still_blocks = blocked_in_category(
    "defamation",
    [
        (KUMA, "田中は下手くそって言われてる"),
        (KUMA, "あの新人は下手くそって言われてる"),
        (KUMA, "弟が下手くそって言われてた"),
        (KUMA, "あいつ、下手くそって言われてるよ"),
    ],
)
