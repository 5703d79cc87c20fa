"""PII with context, round 7 (issue 9): kinds of clean caption the rules blocked or flagged, and
the private-person slips in the same shapes that must still be caught.

Kinds fixed: the public addressed as a whole or the reader's phone beside a number (お客様
センター, お子様連れの方, ※携帯からも可); a number with a label that says it is no phone
(受付番号, 整理券番号, 注文番号); a home named in another sentence than a venue's address, the
reader's home in general (ご自宅でも), a likeness (実家のような); a historic house open to
visitors (漱石が住んでいた旧居); a building named in the place-name run (藤崎八旛宮 熊本市…);
a birth-date criterion ending in まで; someone who has died (故・); one name thanked or the member
of staff in charge (木村さんの手際に助けられています, 担当：山本さん); a name in quotes with さん,
a shop's name, a performer by what they did; a katakana-only lexicon word inside a hiragana
word (やばかった, りんちゃん). The rules alone are checked (the learned model has its own tests).
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import pii_found, rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


def rules_found(engine: PolicyEngine, pack: str, caption: str) -> set[str]:
    return {rule for rule, _, _ in rule_findings(engine.check(pack, caption))}


# ---- numbers: the public beside them, labels that say they are no phone ----------------------
CLEAN_NUMBERS = [
    (KUMA, "お客様センター 096-278-7500"),
    (KOKURA, "お客様センター 093-951-4125"),
    (KUMA, "熊本市現代美術館（096-278-7500）※携帯からも可"),
    (KOKURA, "小倉南区役所 保健福祉課（093-951-4125）携帯電話からもつながります"),
    (KUMA, "受付番号：080-2345-6789 をお控えください"),
    (KOKURA, "整理券番号 090-1234-5678 の方は窓口へ"),
    (KUMA, "注文番号 080-1111-2222 の商品は発送済みです"),
    (KOKURA, "抽選番号 080-1234-5678 の方が当選です"),
    (KOKURA, "ロット番号：090-1234-5678 の製品は回収対象です"),
    (KUMA, "作品番号 080-1234-5678 の作品は売約済みです"),
    (KOKURA, "会員No. 090-1234-5678 の方"),
    (KUMA, "予算は09012345678円です"),
]


test_numbers_beside_the_public_or_labelled_as_no_phone_are_clean = checks.no_pii_found(
    CLEAN_NUMBERS
)


# The public addressed as a whole is no person: a number with no office named is looked at
# (a warning), not blocked as a person's.
NOT_BLOCKED_NUMBERS = [
    (KUMA, "みなさん、お問い合わせは 096-278-7500 まで"),
    (KUMA, "お子様連れの方は事前にご連絡を（096-278-7500）"),
    (KOKURA, "ご家族様でのご参加も歓迎です。093-951-4125"),
]


@pytest.mark.parametrize(("pack", "caption"), NOT_BLOCKED_NUMBERS)
def test_the_public_addressed_as_a_whole_does_not_make_a_number_a_person_s(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert "pii.contact" not in checks.rule_blocks(engine, pack, caption)


PRIVATE_NUMBERS = [
    (KUMA, "山田さんの携帯 090-1234-5678 に連絡してください"),
    (KOKURA, "佐藤様 096-278-7501 へ折り返しを"),
    (KUMA, "携帯番号：080-2345-6789（田中）"),
    (KOKURA, "電話番号 090-1234-5678 の方、落とし物です"),
    (KUMA, "お客様の森さん（096-278-7501）から連絡がありました"),
    (KOKURA, "自宅 093-921-3456 にお電話ください"),
    # labels of a phone are not labels of something else
    (KUMA, "携帯番号：090-1234-5678"),
    (KOKURA, "緊急連絡先番号 090-1234-5678"),
    (KUMA, "お問い合わせ番号 080-1234-5678"),
    (KOKURA, "FAX番号 096-123-4567（田中）"),
]


test_a_private_person_s_number_is_still_blocked = checks.blocked_by("pii.contact", PRIVATE_NUMBERS)


# ---- addresses: a home in another sentence, historic houses, buildings in the run -----------
CLEAN_ADDRESSES = [
    (KUMA, "ご自宅でも楽しめるワークショップ。会場：熊本市中央区上通町2-3 現代美術館"),
    (KOKURA, "自宅でできる体操を紹介します。\n会場：曽根市民センター（小倉南区上吉田1-2-3）"),
    (KUMA, "実家のような温かさの古民家カフェ（中央区新町3-2-1）"),
    (KUMA, "夏目漱石が住んでいた旧居　熊本市中央区内坪井町4-22"),
    (KUMA, "漱石が住んだ家（中央区内坪井町4-22）は今も公開中"),
    (KOKURA, "森鷗外が住んでいた旧居（小倉北区鍛冶町1-7-2）を訪ねました"),
    (KUMA, "藤崎八旛宮 熊本市中央区井川淵町8-1"),
    (KUMA, "小泉八雲熊本旧居 熊本市中央区安政町2-6"),
    (KOKURA, "小倉南区長野3丁目10-1 長野緑地"),
    (KOKURA, "区役所（若園五丁目1番2号）で転居届を受け付けます"),
    (KOKURA, "期日前投票所 小倉南区若園5-1-2"),  # the pack's own address after a ward name
    (KUMA, "本庁舎 中央区手取本町１－１"),
    (KOKURA, "工事区間：小倉南区北方2-3-1から2-5-8まで"),
    (KOKURA, "ごみ集積所（小倉南区北方2-3-1）の位置が変わります"),
]


test_venue_and_historic_addresses_are_clean = checks.no_pii_found(CLEAN_ADDRESSES)


PRIVATE_ADDRESSES = [
    (KUMA, "山田さんの自宅は中央区新町3-2-1です"),
    (KOKURA, "自宅：小倉南区北方3-4-5"),
    (KOKURA, "実家は小倉南区北方3丁目4番5号です"),
    (KUMA, "自宅で作品を作っています。住所は中央区新町3-2-1です"),
    (KOKURA, "田中さんの自宅です。\n北九州市小倉南区北方3-4-5"),
    (KUMA, "旧居のような古い家に住んでいます（中央区新町3-2-1）"),
    (KOKURA, "山田さんの自宅 小倉南区若園5-1-3"),  # one number off the office's own
    (KOKURA, "工事の音がうるさいと、自宅（小倉南区北方3-4-5）の山田さんから苦情"),
]


@pytest.mark.parametrize(("pack", "caption"), PRIVATE_ADDRESSES)
def test_a_home_address_is_still_found(engine: PolicyEngine, pack: str, caption: str) -> None:
    assert {rule for rule, _, _ in pii_found(engine, pack, caption)} & {
        "pii.address",
        "pii.address_unsure",
    }


test_a_home_with_no_venue_in_sight_is_blocked = checks.blocked_by(
    "pii.address",
    [
        (KUMA, "山田さんの自宅は中央区新町3-2-1です"),
        (KOKURA, "田中さんの自宅です。\n北九州市小倉南区北方3-4-5"),
        (KUMA, "自宅で作品を作っています。住所は中央区新町3-2-1です"),
    ],
)


# ---- birth dates: criteria and the dead --------------------------------------------------------
CLEAN_BIRTHDATES = [
    (KOKURA, "平成31年4月1日生まれまでのお子さまが対象です"),
    (KUMA, "令和2年4月1日生まれまでの方"),
    (KUMA, "昭和30年4月1日生まれの作家、故・山田花子さんの回顧展"),
]


test_criteria_and_the_dead_are_not_birth_dates = checks.no_pii_found(CLEAN_BIRTHDATES)
test_a_living_person_s_birth_date_is_still_blocked = checks.blocked_by(
    "pii.birthdate",
    [
        (KUMA, "山田花子さん（平成2年4月1日生まれ）が入賞しました"),
        (KOKURA, "生年月日：平成15年6月2日"),
        (KOKURA, "まれちゃんは令和2年4月1日生まれです"),
    ],
)


# ---- names: thanks by one name, staff in charge, quoted artists, shops, performers -------------
CLEAN_NAMES = [
    (KOKURA, "木村さんの手際のよさには毎回助けられています！"),
    (KUMA, "ボランティアの田中さん、中村さん、ありがとうございました！"),
    (KOKURA, "受付を担当してくれた山本さんと、設営の鈴木さんに感謝です。"),
    (KUMA, "受付の森さん、ありがとう"),
    (KUMA, "担当：文化政策課 山本さん 096-328-2039"),
    (KUMA, "熊本市文化政策課 096-328-2039（担当 山本さん）"),
    (KUMA, "「坂本りょう」さんによるワークショップ"),
    (KUMA, "「山田太郎」さんの個展が始まりました"),
    (KUMA, "今日のおやつは田中屋さんのどら焼き"),
    (KUMA, "写真家「こもれび堂」さんの写真展"),
    (KUMA, "ピアノ演奏は中島さんでした！"),
    (KUMA, "夏目漱石が熊本で暮らした4年3か月をたどる展示です。"),
    (KOKURA, "合馬たけのこ、小倉牛、曽根のり"),
    (KUMA, "ギターの吉永コウさん、今日もすてきな演奏でした🎸"),
    (KOKURA, "猫の飼い主さんへ🐈 室内飼いと不妊・去勢手術で迷子を防ぎましょう。助成もあります"),
    (KUMA, "故・山田花子さんの作品を展示します"),
    (KUMA, "上通の「ギャラリーみずほ」へ。オーナーの水野さんが迎えてくれました"),
    (KOKURA, "曽根の農家・松本さんちのトマトは甘い🍅"),
    (KUMA, "さとうみさきさんの原画展"),
    (KUMA, "いしいあおいさん（書家）の作品展"),
    (KOKURA, "えがしらみほさんの朗読会"),
    (KUMA, "ジャズピアニストの松下さんと、ベースの古閑さんのデュオでした🎹"),
    (KUMA, "熊本市文化政策課長 山田一郎があいさつしました"),
]


test_public_thanked_and_staff_names_are_clean = checks.no_pii_found(CLEAN_NAMES)


PRIVATE_NAMES = [
    (KUMA, "山田太郎さん、ありがとうございました"),  # a full name
    (KOKURA, "田中さん（72）、ありがとうございました"),  # with an age
    (
        KUMA,
        "〒862-0950 熊本市中央区水前寺三丁目14-5 の平田さまから、お手紙をいただきました。ありがとう",
    ),
    (KOKURA, "中島さんが会場の備品を持ち帰っていました"),  # not thanked
    (KUMA, "担当の田中一郎さんの自宅へどうぞ"),
    (KOKURA, "写真は森さん。コメントありがとう"),  # thanked in another sentence
    (KUMA, "たなかゆいちゃん（5さい）が描きました"),  # a child in kana, with an age
    (KOKURA, "さとうみさきさん（34）が優勝"),  # a kana name with an age
    (KUMA, "落とし物です。「池田さとみ」様名義のカードを預かっています"),  # quoted, but 様名義
    (KUMA, "通町筋のマンション5階の方（西田様）、ご意見ありがとうございました"),  # a home
    (KOKURA, "通報してくれた長行小4年の谷口さん、ありがとう！"),  # a school class
    (KUMA, "ギターの須藤さんのお宅で次回練習会🎸"),  # a role, but their home
    (KUMA, "ストリートミュージシャン、宮田翔太さん（21歳・熊本大学3年）"),  # a role, but an age
]


test_a_private_person_is_still_named = checks.pii_found_somewhere(PRIVATE_NAMES)


# ---- katakana-only lexicon words inside hiragana words ---------------------------------------
INSIDE_A_WORD = [
    (KUMA, "秋の花がやばかったです。", "defamation.insult"),
    (KOKURA, "紅葉がほんとにやばかった！", "defamation.insult"),
    (KUMA, "りんちゃんが描いた絵（小学生の部）", "public_order.violence"),
    (KOKURA, "ちょっとあほらしいほど可愛い猫のオブジェ", "defamation.insult"),
]


@pytest.mark.parametrize(("pack", "caption", "rule"), INSIDE_A_WORD)
def test_a_katakana_word_does_not_match_inside_a_hiragana_word(
    engine: PolicyEngine, pack: str, caption: str, rule: str
) -> None:
    assert rule not in rules_found(engine, pack, caption)


AS_A_WORD = [
    (KUMA, "バカじゃないの", "defamation.insult"),
    (KOKURA, "ばかじゃないの？", "defamation.insult"),
    (KUMA, "ほんとばか。", "defamation.insult"),
    (KOKURA, "あいつらリンチだ", "public_order.violence"),
    (KUMA, "カップルがいちゃいちゃしすぎ", "obscenity.innuendo"),
    (KOKURA, "「せっくす」がテーマの講座", "obscenity.sexual"),
]


@pytest.mark.parametrize(("pack", "caption", "rule"), AS_A_WORD)
def test_the_word_in_katakana_or_as_a_hiragana_word_still_matches(
    engine: PolicyEngine, pack: str, caption: str, rule: str
) -> None:
    assert rule in rules_found(engine, pack, caption)


# ---- birthdays of places and the region's historical figures; ranges; labelled My Numbers -----
CLEAN_DATES_AND_NUMBERS = [
    (KOKURA, "小倉南区は1974年4月1日生まれ（区制施行）"),
    (KUMA, "2020年4月2日生〜2021年4月1日生のお子さんが対象"),
    (KOKURA, "森鷗外の誕生日 2月17日に記念の朗読会"),
    (KUMA, "夏目漱石の誕生日（2月9日）に朗読会を開きます"),
    (KUMA, "細川ガラシャの生涯をたどる展示"),
    (KUMA, "受付番号 123456789018 をお控えください"),
    (KUMA, "熊本市の誕生日 4月1日に記念式典"),
    (KOKURA, "図書館のお誕生日 11月3日に特別おはなし会"),
    (KUMA, "誕生日 12月20日の方は入場無料！"),
    (KOKURA, "誕生日：2月14日の方、先着10名にプレゼント"),
]


test_places_historical_figures_ranges_and_labelled_numbers_are_clean = checks.no_pii_found(
    CLEAN_DATES_AND_NUMBERS
)


@pytest.mark.parametrize(
    ("pack", "caption", "rule"),
    [
        (KOKURA, "森さんの誕生日は2月17日です", "pii.birthdate"),  # a living 森さん
        (KUMA, "今日は中村の誕生日 4月1日です", "pii.birthdate"),  # 中村 is a surname
        (KOKURA, "誕生日：2月14日の山田さん", "pii.birthdate"),
        (KUMA, "加藤さん（72）が来てくれました", "pii.age"),  # a living 加藤さん
        (KUMA, "山田さん（2000年4月1日生まれ - 会社員）", "pii.birthdate"),  # not a range
        (KUMA, "マイナンバー 1234 5678 9018", "pii.my_number"),
        (KOKURA, "個人番号 1234 5678 9018", "pii.my_number"),
        (KUMA, "マイナンバー：123456789018", "pii.my_number"),
    ],
)
def test_living_persons_and_unlabelled_numbers_are_still_found(
    engine: PolicyEngine, pack: str, caption: str, rule: str
) -> None:
    assert rule in {r for r, _, _ in pii_found(engine, pack, caption)}


# ---- links to sites only public bodies can register ---------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "https://www.pref.kumamoto.jp/site/bunka/",
        "https://www.city.fukuoka.lg.jp/",
        "https://www.bunka.go.jp/",
        "https://www.kumamoto-u.ac.jp/",
        "https://www.city.kitakyushu.jp/",
    ],
)
@pytest.mark.parametrize("pack", [KUMA, KOKURA])
def test_a_public_body_s_site_is_not_off_the_allow_list(
    engine: PolicyEngine, pack: str, url: str
) -> None:
    assert "links.not_allowed" not in rules_found(engine, pack, f"詳しくは {url} をご覧ください")


@pytest.mark.parametrize(
    "url",
    ["https://city.kumamoto.jp.example.com/", "https://evil-lg.jp/", "https://go.jp.example/"],
)
@pytest.mark.parametrize("pack", [KUMA, KOKURA])
def test_a_look_alike_of_a_public_body_s_site_is_still_reported(
    engine: PolicyEngine, pack: str, url: str
) -> None:
    assert "links.not_allowed" in rules_found(engine, pack, f"詳しくは {url} をご覧ください")


@pytest.mark.parametrize("pack", [KUMA, KOKURA])
def test_a_labelled_number_is_not_an_impossible_phone(engine: PolicyEngine, pack: str) -> None:
    assert "accuracy.phone" not in rules_found(engine, pack, "ロット番号 012-345-67890 の製品")
    assert "accuracy.phone" in rules_found(engine, pack, "お問い合わせ 012-345-67890")


@pytest.mark.parametrize(
    ("pack", "caption", "age"),
    [
        (KUMA, "宮田翔太さん（21歳・熊本大学3年）が歌いました", "21歳"),
        (KOKURA, "原田莉子さん（16・高校1年）が初ステージ", "16"),
        (KUMA, "田中花子さん（34）が優勝しました", "34"),
    ],
)
def test_an_age_before_a_school_in_brackets_is_an_age(
    engine: PolicyEngine, pack: str, caption: str, age: str
) -> None:
    assert ("pii.age", "warn", age) in pii_found(engine, pack, caption)


@pytest.mark.parametrize(
    ("pack", "caption", "name"),
    [
        (KUMA, "描いたのは城東小学校4年2組の 相良ひなたさん（10歳）です", "相良ひなた"),
        (KOKURA, "センターは帯山中1年の宮崎ひなたちゃん！", "宮崎ひなた"),
        (KUMA, "ひまわり組の石田りこちゃん、食物アレルギーがあります", "石田りこ"),
    ],
)
def test_a_pupil_named_after_the_class_is_a_private_person(
    engine: PolicyEngine, pack: str, caption: str, name: str
) -> None:
    assert ("pii.person_name", "warn", name) in pii_found(engine, pack, caption)


test_a_class_addressed_as_a_whole_is_no_one = checks.no_pii_found(
    [
        (KUMA, "年長組のみなさん、ありがとう"),
        (KOKURA, "1年生の皆さん、入学おめでとう"),
        (KUMA, "年中組の先生たちさん、ありがとう"),
    ]
)
