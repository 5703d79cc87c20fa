"""PII with context, round 9 (issue 9): personal data the words point at without spelling it.

Kinds fixed, each with its contrast (sentences made up for these tests, not from a corpus):
personal data that an attached list, form, card or photo shows (a roster photographed, an
application form posted as it is, "the numbers are in the photo"); a person's photo posted
without consent or to have them found; where a private person lives or can regularly be found
without a full address (a coloured house on a corner, a room number, "every morning at the
park"); a private person's age, district and sex or job told together; a private person's
identification number; whole names in katakana and kana surnames whose first kana is also a
particle; a phone number spelled out in kana digit words or with letters for digits; a LINE ID
given in English. Not findings: a roster kept safe, a form to fill in, a house rule against
posting faces, wildlife seen every morning, an age band for who may take part, the office's own
number however it is spelled, public and historical persons. The rules alone are checked.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import pii_found, pii_rules

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


# ---- what an attached list, form or photo shows ----------------------------------------------
SHOWN = [
    (KUMA, "陶芸教室の受講者名簿をそのまま写真に撮って載せました。"),
    (KOKURA, "夏祭りボランティアの参加者一覧を添付します（PDF）。"),
    (KUMA, "申込書の写真です。字がきれいだったので記念に！"),
    (KOKURA, "落とし物の保険証、番号は2枚目の写真参照で。"),
    (KUMA, "受付表の写真、皆さんの氏名と連絡先が見えてますが気にしないで。"),
    (KOKURA, "集合写真、名札が写ってるけどそのままアップしちゃいます。"),
    (KUMA, "入賞者の記録表（名前・住所入り）を公開しました。"),
    (KOKURA, "記入済みの申込書は写真のとおりです。"),
]


test_personal_data_shown_in_a_list_form_or_photo_is_a_finding = checks.pii_warnings_only(SHOWN)


NOT_SHOWN = [
    (KOKURA, "参加者名簿は厳重に管理しています。"),
    (KUMA, "申込書は文化政策課の窓口で配布しています。写真のとおり2枚つづりです。"),
    (KOKURA, "お子さんの名札の写真は投稿をご遠慮ください。"),
    (KUMA, "申込書にご記入いただいた住所・電話番号は、連絡のみに使用します。"),
    (KOKURA, "協賛企業の一覧は区のホームページに掲載しています。"),
    (KUMA, "運動会の写真を載せるときは、よその子の名前や学校名が写らないようにご注意を。"),
    (KOKURA, "マイナンバーカードの写真付きの申請書は窓口へ。"),
]


test_a_list_kept_or_a_form_to_fill_in_is_no_finding = checks.no_pii_found(NOT_SHOWN)


# ---- a photo without consent -----------------------------------------------------------------
PORTRAITS = [
    (KUMA, "客席のおじいちゃん、本人の許可はとってないけど良い笑顔なので載せます📸"),
    (KOKURA, "写生会の女の子の横顔。保護者の同意はまだ得ていませんが、素敵なので掲載します。"),
    (KUMA, "ワークショップの写真、参加者の顔がばっちり写ってます。"),
    (KOKURA, "落書きした人の顔写真を載せます。"),
    (KUMA, "防犯カメラに映っていた人物の画像を添付します。お顔に見覚えのある方はご連絡を。"),
]


test_a_photo_without_consent_or_to_find_someone_is_a_finding = checks.pii_rule_found(
    "pii.portrait", PORTRAITS
)


NO_PORTRAIT = [
    (KOKURA, "本人の許可を得ていない写真は掲載しません。"),
    (KUMA, "SNSで他人の顔写真をさらす行為はやめましょう。"),
    (KOKURA, "お顔が写らないよう後ろから撮影しました。"),
    (KUMA, "この写真の場所に見覚えのある方はお知らせください。昔の上通です。"),
    (KOKURA, "写真は出演者の了承を得て掲載しています。"),
]


test_a_house_rule_or_consent_given_is_no_portrait_finding = checks.no_pii_found(NO_PORTRAIT)


# ---- where a private person lives or can be found --------------------------------------------
WHEREABOUTS = [
    (KUMA, "郵便局の角の赤い屋根の家のおじいちゃんが、毎年きれいな菊を育てています。"),
    (KOKURA, "3号棟の402号室にお住まいの方、自転車が倒れていました。"),
    (KUMA, "山口さんのお宅は京町2丁目の緑の屋根です。"),
    (KOKURA, "ぼくの家は小倉南区の徳力なので、ご近所さんはよろしく！"),
    (KUMA, "あの常連のおばちゃん、毎朝6時に白川の橋の上で見かけるよね。"),
    (KOKURA, "バイオリンの彼は放課後はいつも駅前にいるよ。"),
    (KUMA, "毎朝7時ごろ江津湖のほとりにいるおじいちゃん、いつも手を振ってくれます。"),
    (KUMA, "The painter stays at our guesthouse and she lives near the river."),
    (
        KOKURA,
        "迷子の猫を預かっています。飼い主は、青い屋根で庭に物干しがあるお宅のおばあちゃんかも。",
    ),
]


@pytest.mark.parametrize(("pack", "caption"), WHEREABOUTS)
def test_where_a_private_person_lives_or_is_found_is_a_finding(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert pii_rules(engine, pack, caption) & {"pii.whereabouts", "pii.routine"}


NOT_WHEREABOUTS = [
    (KUMA, "市内にお住まいの方は、区役所の窓口でお申し込みください。"),
    (KOKURA, "毎朝7時に公園でカワセミを見かけます。"),
    (KUMA, "夏目漱石の家は内坪井町にあり、今は旧居として公開中です。"),
    (KOKURA, "毎朝7時から区役所の窓口にスタッフがいます。"),
    (KUMA, "不審者を見かけたら110番してください。"),
    (KOKURA, "市民センター2階で、地域の中学生の書道展を開いています。"),
]


test_who_may_take_part_wildlife_and_history_are_no_whereabouts = checks.no_pii_found(
    NOT_WHEREABOUTS
)


# ---- age, district and sex or job together; identification numbers --------------------------
PROFILES = [
    (KOKURA, "苦情を寄せた方（下曽根在住、50代、飲食店の店員の方）とは和解しました。"),
    (KUMA, "倒れた方は南区在住の80代女性で、すぐ回復されました。"),
    (KOKURA, "写真右は課長の娘さん（守恒中2年）です。"),
    (KUMA, "忘れ物の会員証、会員番号 KM20871 の方は受付まで。"),
]


test_a_profile_or_an_id_number_of_a_private_person_is_a_finding = checks.pii_warnings_only(PROFILES)


NO_PROFILE = [
    (KOKURA, "区内在住の60歳以上の方を対象にスマホ教室を開きます。"),
    (KUMA, "会員番号をご記入のうえお申し込みください。"),
    (KOKURA, "合格者は受験番号で発表します。"),
]


test_an_age_band_or_a_number_to_fill_in_is_no_finding = checks.no_pii_found(NO_PROFILE)


# ---- names in katakana, kana surnames that start with a particle ------------------------------
KANA_NAMES = [
    (KUMA, "金賞はスズキ イチロウさんの作品です。"),
    (KOKURA, "ナカムラコウタくん、受賞おめでとう！"),
    (KUMA, "ゴール シュンカン ノ ワタナベ・ハナコチャン"),
    (KOKURA, "のむら ゆいちゃんが一番に来てくれました。"),
    (KUMA, "かけっこで優勝した にしだ かいとくん、おめでとう。"),
]


test_names_in_katakana_and_particle_first_surnames_are_names = checks.pii_rule_found(
    "pii.person_name", KANA_NAMES
)


NO_KANA_NAME = [
    (KUMA, "今日のボーカルさん、声がよく通っていました。"),
    (KOKURA, "公園では みんなちゃん付けで呼び合っていました。"),
    (KUMA, "コーヒーショップさんの新作です。"),
    (KOKURA, "シンガーソングライターのミズノ カレンさんが出演します。"),
    (KUMA, "ラフカディオ・ハーンが愛した町です。"),
]


@pytest.mark.parametrize(("pack", "caption"), NO_KANA_NAME)
def test_loanwords_performers_and_historical_persons_are_no_names(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert "pii.person_name" not in pii_rules(engine, pack, caption)


# ---- phones spelled out or with letters --------------------------------------------------------
SPELLED_MOBILES = [
    "電話はゼロキューゼロ、サンサンヨンヨン、ゴーゴーロクロクまで",
    "けいたいは ぜろはちぜろ の いちいちにに の さんさんよんよん だよ",
    "連絡先 o9o-2233-4455",
    "連絡先 O8O-l234-S6B9",
    # kanji digits (零 too) or plain digits with の between the groups, mixed spellings
    "番号は〇八〇の二二三三の四四五五です",
    "番号は零九零・二二三三・四四五五です",
    "番号は070の2233の4455です",
    "番号はゼロ8ゼロ-22サンサン-4455です",
]


@pytest.mark.parametrize("caption", SPELLED_MOBILES)
def test_a_mobile_number_spelled_out_or_with_letters_is_a_private_contact(
    engine: PolicyEngine, caption: str
) -> None:
    found = pii_found(engine, KUMA, caption)
    assert any(rule == "pii.contact" and severity == "block" for rule, severity, _ in found)


OFFICE_SPELLED = [
    (KUMA, "お問い合わせは文化政策課 ゼロキューロク・サンニーハチ・ニーゼロサンキューへ"),
    (KOKURA, "区役所の電話はぜろきゅうさん きゅうごいち いちぜろにーよんです"),
    (KUMA, "きれいな花がまるで虹のように咲いています"),
    (KUMA, "お問い合わせは文化政策課 〇九六の三二八の二〇三九へ"),
    (KOKURA, "受付は10月10日 10:00から、0120の123の456でも承ります"),
]


test_the_offices_own_number_spelled_out_is_no_finding = checks.no_pii_found(OFFICE_SPELLED)


def test_a_line_id_given_in_english_is_a_contact(engine: PolicyEngine) -> None:
    found = pii_found(engine, KOKURA, "Her LINE ID is yuka_k2026, say hi!")
    assert ("pii.contact", "block", "yuka_k2026") in found


# ---- second round: the same kinds, said other ways ---------------------------------------------
SECOND_ROUND = [
    # a roster or a schedule shown, fields readable through or left in a form
    (KUMA, "当番のシフト表を貼っておきます。名前・携帯番号・曜日が一覧になっています。"),
    (KOKURA, "応募用紙の写真、裏から前の人の住所が透けて見えてますね。"),
    (KUMA, "申込書の見本写真です（電話欄はそのままです）。"),
    (KOKURA, "出店者の振込先一覧（口座番号入り）をストーリーにあげてしまいました。"),
    # described so that the neighbours know who it is
    (KUMA, "お名前は伏せますが、八百屋さんの隣のお宅のご主人です。"),
    (KOKURA, "川沿いの白いマンション、角部屋の高校生の女の子が届けてくれました。"),
    (KUMA, "作家さんの自宅兼工房は、駅から二本目の路地の突き当たりです。"),
    (KOKURA, "正体は近所の酒屋さんの長男です。"),
    (KUMA, "いつもの常連さん、毎週金曜は自宅前で野菜を売っています。"),
    # an age in brackets with a workplace, a family background, a grandchild's school grade
    (KOKURA, "相談者Bさん（30代・ひとり親・駅前の薬局勤務）の声です。"),
    (KUMA, "Kさん（旧姓：森、里親家庭で育つ）が代表あいさつをしました。"),
    (KOKURA, "お孫さんは城野中の1年生だそうです。"),
    # names spelled one kana at a time, a surname the tokenizer reads as a place
    (KUMA, "持ち主はサ・ト・ウさんでした。"),
    (KOKURA, "優勝は東小の 宮崎ゆいちゃん！"),
    # a mailbox with the at mark and the dot in brackets, a LINE ID in quotes
    (KUMA, "連絡は taro.k (アットマーク) example (ドット) jp まで"),
    (KOKURA, "LINE ID「hana-0123k」へどうぞ"),
    # participants' accounts tagged
    (KUMA, "参加者の皆さんのアカウント、タグ付けしておきました！ @a_b_c @d_e_f"),
]


test_the_kinds_said_other_ways_are_findings = checks.pii_found_somewhere(SECOND_ROUND)


SECOND_ROUND_CLEAN = [
    (KUMA, "応募用紙には住所や電話番号は書かんで、封筒で送ってね。個人情報は守ります。"),
    (KOKURA, "タグ付けして投稿してくださいね！"),
    (KUMA, "二階の展示室は、郵便局の向かいです。"),
    (KOKURA, "ヨーロッパ・ツアーさんの報告会です。"),
]


test_the_kinds_contrasts_are_no_findings = checks.no_pii_found(SECOND_ROUND_CLEAN)
