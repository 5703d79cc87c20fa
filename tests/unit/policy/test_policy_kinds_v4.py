"""Policy kinds, v4: fresh captions written by kind for this file (not taken from any corpus).

Each case asserts one outcome. Only the rules are judged (findings of the learned model, always
warnings, are another stream's and are retrained on their own): ``_rule_flags`` leaves them out.

- Public venues' addresses in every written form, the office's own numbers however written, dates
  and ranges that look like block numbers, public and historical persons, eligibility ages: never
  blocked (and, for persons and ages, not flagged at all).
- A private person's address, phone, e-mail, birth date, or name with age or school: still caught
  (blocked when it is certainly a private person's; a warning when nothing says whose it is).
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CheckResult

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine()


def _rule_findings(result: CheckResult) -> list[tuple[str, str, str]]:
    return [
        (f.rule, f.severity, f.excerpt)
        for f in result.findings
        if f.severity != "info" and not f.rule.startswith("model.")
    ]


def _blocked_in(result: CheckResult, category: str) -> bool:
    return any(f.category == category and f.severity == "block" for f in result.findings)


# Public venues' and offices' addresses and numbers, dates and ranges: not blocked.
NOT_BLOCKED = [
    (KUMA, "会場：〒862-0971 熊本市中央区大江五丁目1番1号 熊本市民会館"),
    (KUMA, "熊本市立図書館（熊本市中央区大江6丁目1番50号）でおはなし会を開きます。"),
    (KOKURA, "場所\u3000北九州市小倉南区横代東町一丁目4番1号（横代市民センター）"),
    (KUMA, "会場は熊本城ホール（熊本市中央区桜町3-40）です。"),
    (KOKURA, "小倉南区役所（若園5-1-2）1階ロビーで作品を展示しています。"),
    (KUMA, "熊本市役所本庁舎（手取本町1-1）14階で受付します。"),
    (KUMA, "本庁舎：熊本市中央区手取本町１番１号"),
    (KUMA, "熊本市中央区手取本町一番一号にて"),
    (KUMA, "【会場】\n水前寺成趣園\n熊本市中央区水前寺公園8-1"),
    (KUMA, "熊本市現代美術館\n〒860-0845\n熊本市中央区上通町2番3号"),
    (KOKURA, "集合場所は北九州市小倉南区大字山本1-2の駐車場です。"),
    (KUMA, "熊本市中央区花畑町7-10 辛島公園にて開催します。"),
    (KUMA, "ギャラリーかわせみ 熊本市中央区新市街8−1 2F"),
    (KUMA, "熊本市中央区南坪井町4-16 ○○ビル3階のスタジオで収録しました。"),
    (KUMA, "熊本市国際交流会館／熊本市中央区花畑町4-8"),
    (KUMA, "藤崎八旛宮（熊本市中央区井川淵町3-1）の例大祭を紹介します。"),
    (KUMA, "加藤神社 熊本市中央区本丸2-1"),
    (KOKURA, "北九州市立○○小学校（小倉南区北方四丁目1-1）で交通安全教室がありました。"),
    (KUMA, "熊本市動植物園（熊本市東区健軍5丁目14-2）で写生大会を行います。"),
    (KUMA, "会場：熊本市南区城南町宮地1030-1 城南町保健福祉センター"),
    (KOKURA, "小倉南区富士見一丁目の歩道で清掃活動を行いました。"),
    (KOKURA, "〒803-8510 北九州市小倉北区城内1番1号 北九州市役所"),
    (KUMA, "〒860-8601 熊本市中央区手取本町1-1"),
    (KOKURA, "〒802-8510 北九州市小倉南区若園5丁目1番2号"),
    (KOKURA, "小倉南区若園五丁目１－２（区役所）"),
    (KUMA, "所在地：熊本市中央区古京町3-2（熊本市立熊本博物館）"),
    (KUMA, "熊本県立劇場（熊本市中央区大江2丁目7番1号）演劇ホール"),
    (KOKURA, "まちの図書館は小倉南区徳力新町2丁目1-11にあります。"),
    (KUMA, "上通町2番3号にある美術館で"),
    (KOKURA, "北九州市小倉南区長行東2丁目1番地の長行市民センターで開催"),
    (KUMA, "熊本市中央区水前寺6丁目18-1 熊本県庁 本館地下"),
    (KOKURA, "会場\u3000小倉南生涯学習センター\u3000小倉南区若園三丁目２番５号"),
    (KUMA, "出水神社（熊本市中央区水前寺公園8-1）で奉納"),
    (KUMA, "熊本市中央区桜町3番40号 熊本城ホール 3階"),
    (KOKURA, "北九州市小倉南区大字新道寺451番地 新道寺市民センター"),
    (KUMA, "城彩苑（熊本市中央区二の丸1-1）の前の広場"),
    (KOKURA, "小倉南区大会 12-13日に開催します"),
    (KUMA, "市役所本庁舎14-15時は混み合います"),
    (KUMA, "熊本市中央区1-2月のイベント予定をお知らせします"),
    (KOKURA, "整理番号1-50番の方から入場できます。"),
    (KUMA, "熊本市民会館 第2-3会議室"),
    (KOKURA, "北九州市小倉南区 2026-12-19（土）開催"),
    (KUMA, "熊本市役所 12/19 10:00-12:00"),
    (KUMA, "中央区役所 3-4階で受付"),
    (KOKURA, "小倉南区内 全12-15会場で開催"),
    (KUMA, "熊本市文化政策課（電話：096-328-2039）"),
    (KUMA, "問合せ\u3000文化政策課\u3000☎096-328-2039"),
    (KUMA, "TEL 096 (328) 2039"),
    (KUMA, "お問い合わせ ０９６ー３２８ー２０３９"),
    (KUMA, "電話096−328−2039（平日8:30〜17:15）"),
    (KUMA, "096‐328‐2039まで"),
    (KOKURA, "小倉南区役所 総務企画課 093-951-1024（内線2201）"),
    (KOKURA, "093-951-1024 内線234"),
    (KOKURA, "電話番号は093.951.1024です"),
    (KOKURA, "お問い合わせ：093-951-1024（小倉南区役所）"),
    (KOKURA, "小倉南区総務企画課 TEL 093-951-1024 FAX 093-951-4014"),
    (KUMA, "熊本市コールセンター（ひごまる）096-334-1500"),
    (KOKURA, "北九州市 小倉南区役所 保健福祉課 (093)951-4111"),
    (KUMA, "フリーダイヤル 0120-123-456 （受付センター）"),
    (KUMA, "消費者ホットライン0570-064-370へご相談ください"),
    (KUMA, "熊本市文化政策課 ℡ 096-328-2039 / ✉ bunkaseisaku@city.kumamoto.lg.jp"),
    (KOKURA, "小倉南区役所(093)951-1024"),
    (KOKURA, "☎ 093 951 1024（小倉南区総務企画課）"),
    (KUMA, "熊本市 096-328-2039"),
    (KOKURA, "松本清張は1909年12月21日生まれの作家です。"),
]

# Public and historical persons, artists by role, eligibility ages: not flagged at all.
NOT_FLAGGED_PERSONS = [
    (KUMA, "熊本市長 大西一史があいさつしました。"),
    (KUMA, "大西市長が来場者を歓迎しました。"),
    (KUMA, "宮本武蔵（1584〜1645）ゆかりの地を巡ります。"),
    (KUMA, "小泉八雲が暮らした旧居を公開しています。"),
    (KOKURA, "森鷗外は明治32年から小倉に住んでいました。"),
    (KOKURA, "松本清張（1909年生まれ）の代表作を朗読します。"),
    (KUMA, "夏目漱石の作品を朗読するイベントです。"),
    (KUMA, "画家・坂本善三の作品展を開催中です。"),
    (KUMA, "シンガーソングライターのみずのはるかさんが出演します。"),
    (KUMA, "絵本作家のたかはしみなみさんによる読み聞かせ"),
    (KUMA, "登録アーティストの中村ゆうきさんがライブを行います。"),
    (KUMA, "葛飾北斎は90歳で亡くなるまで描き続けました。"),
    (KUMA, "徳富蘇峰（文久3年生まれ）の書を展示します。"),
    (KUMA, "熊本出身の画家、海老原喜之助の作品。"),
    (KOKURA, "北九州市長の武内和久が開会のあいさつを行いました。"),
    (KUMA, "65歳以上の方は観覧無料です。"),
    (KOKURA, "対象：小学生以上（7歳以上）"),
    (KUMA, "満20歳以上の熊本市在住の方が対象です。"),
    (KUMA, "70歳を迎えた作家の記念展です。"),
]

# A private person's contact, address or birth date: blocked.
PRIVATE_BLOCKED = [
    (KUMA, "山田花子さんのご自宅（熊本市東区健軍2丁目8-15）にお邪魔しました。"),
    (KOKURA, "受賞者の佐藤一郎さん（小倉南区北方3-4-5）"),
    (KUMA, "田中さんは熊本市北区清水本町12-3に住んでいます。"),
    (KOKURA, "住所：北九州市小倉南区守恒一丁目5番7号 鈴木様"),
    (KUMA, "連絡先は山本さんの携帯 090-1234-5678 です。"),
    (KOKURA, "ご質問は担当の高橋（080-2345-6789）まで"),
    (KUMA, "申込は\u3000０９０ー８７６５ー４３２１（中村）"),
    (KOKURA, "詳しくは井上さん宅 093-962-1234 へ"),
    (KUMA, "ご連絡は yamada.hanako@gmail.com まで"),
    (KOKURA, "作品の応募は sato_ichiro1985@yahoo.co.jp へ"),
    (KUMA, "生年月日：1988年4月12日の方です"),
    (KUMA, "応募者の鈴木花子さん、2001年3月3日生まれ。"),
    (KOKURA, "〒802-0974 北九州市小倉南区徳力1-2-3 田中方"),
    (KUMA, "自宅は熊本市中央区黒髪五丁目3番2号です。"),
    (KOKURA, "山口さんの家は小倉南区湯川新町2-3-4のアパート"),
    (KUMA, "LINE ID: hanako_0412 まで気軽にどうぞ"),
    (KOKURA, "中村さん 093-921-5678"),
    (KUMA, "お届け先：熊本市西区島崎4-5-6 森田様方"),
    (KUMA, "電話 096-355-1234（木村）"),
    (KOKURA, "小倉南区葛原本町6-7-8 202号室"),
    (KUMA, "連絡先 080 1111 2222"),
]

# A name with an age, a school or a My Number: flagged as personal information.
PRIVATE_FLAGGED = [
    (KUMA, "山田太郎さん（34）が優勝しました。"),
    (KOKURA, "小倉南中学校2年の木村さくらさんが入賞しました。"),
    (KUMA, "マイナンバー 1234-5678-9018"),
]


@pytest.mark.parametrize(("pack", "caption"), NOT_BLOCKED)
def test_public_addresses_numbers_and_dates_are_not_blocked(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    result = engine.check(pack, caption)
    assert result.verdict != "block", _rule_findings(result)


@pytest.mark.parametrize(("pack", "caption"), NOT_FLAGGED_PERSONS)
def test_public_persons_and_eligibility_ages_are_not_flagged(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert _rule_findings(engine.check(pack, caption)) == []


@pytest.mark.parametrize(("pack", "caption"), PRIVATE_BLOCKED)
def test_a_private_person_s_contact_or_address_is_blocked(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    result = engine.check(pack, caption)
    assert _blocked_in(result, "pii"), _rule_findings(result)


@pytest.mark.parametrize(("pack", "caption"), PRIVATE_FLAGGED)
def test_a_private_person_s_details_are_flagged(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    result = engine.check(pack, caption)
    assert any(f.category == "pii" for f in result.findings), _rule_findings(result)


@pytest.mark.parametrize(
    ("pack", "caption", "rule"),
    [
        (KUMA, "熊本市中央区大江5丁目1-1で開催します。", "pii.address_unsure"),
        (KOKURA, "〒802-0801 北九州市小倉南区富士見", "pii.address_unsure"),
        (KUMA, "電話 096-355-1234 まで", "pii.contact_unsure"),
        (KOKURA, "お申し込みは 093-962-0000 へ", "pii.contact_unsure"),
    ],
)
def test_an_address_or_landline_nothing_attributes_is_a_warning(
    engine: PolicyEngine, pack: str, caption: str, rule: str
) -> None:
    result = engine.check(pack, caption)
    assert rule in {r for r, _, _ in _rule_findings(result)}
    assert result.verdict == "warn"


def test_a_venue_s_address_is_no_finding_at_all(engine: PolicyEngine) -> None:
    caption = "熊本県立劇場（熊本市中央区大江2丁目7番1号）演劇ホール"
    assert _rule_findings(engine.check(KUMA, caption)) == []
    caption = "会場　小倉南生涯学習センター　小倉南区若園三丁目２番５号"
    assert _rule_findings(engine.check(KOKURA, caption)) == []


def test_the_same_address_is_blocked_beside_a_person_and_not_beside_a_venue(
    engine: PolicyEngine,
) -> None:
    venue = engine.check(KOKURA, "長行市民センター（小倉南区長行東2丁目1番地）で開催")
    person = engine.check(KOKURA, "長尾花子さん（小倉南区長行東2丁目1番地）が受賞")
    assert venue.verdict != "block"
    assert _blocked_in(person, "pii")


def test_a_fax_number_after_the_office_s_phone_is_the_office_s(engine: PolicyEngine) -> None:
    result = engine.check(KOKURA, "小倉南区総務企画課 TEL 093-951-1024 FAX 093-951-4014")
    assert [r for r, _, _ in _rule_findings(result) if r.startswith("pii")] == []
    result = engine.check(KOKURA, "FAX 093-951-4014")
    assert result.verdict != "block"
