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
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


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


test_public_addresses_numbers_and_dates_are_not_blocked = checks.not_blocked(NOT_BLOCKED)
test_public_persons_and_eligibility_ages_are_not_flagged = checks.no_rule_finding(
    NOT_FLAGGED_PERSONS
)
test_a_private_person_s_contact_or_address_is_blocked = checks.blocked_in_category(
    "pii", PRIVATE_BLOCKED
)


@pytest.mark.parametrize(("pack", "caption"), PRIVATE_FLAGGED)
def test_a_private_person_s_details_are_flagged(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    result = engine.check(pack, caption)
    assert any(f.category == "pii" for f in result.findings), rule_findings(result)


@pytest.mark.parametrize(
    ("pack", "caption", "rule"),
    [
        (KUMA, "送り先は熊本市中央区大江5丁目1-1です。", "pii.address_unsure"),
        (KOKURA, "〒802-0801 北九州市小倉南区富士見", "pii.address_unsure"),
        (KUMA, "電話 096-355-1234 まで", "pii.contact_unsure"),
        # was "お申し込みは 093-962-0000 へ": a number given as where to apply is the office's
        # (issue 9, test_pii_context_v6); a bare 連絡先 still says nothing of whose it is.
        (KOKURA, "連絡先は 093-962-1234 です", "pii.contact_unsure"),
    ],
)
def test_an_address_or_landline_nothing_attributes_is_a_warning(
    engine: PolicyEngine, pack: str, caption: str, rule: str
) -> None:
    result = engine.check(pack, caption)
    assert rule in {r for r, _, _ in rule_findings(result)}
    assert result.verdict == "warn"


def test_a_venue_s_address_is_no_finding_at_all(engine: PolicyEngine) -> None:
    caption = "熊本県立劇場（熊本市中央区大江2丁目7番1号）演劇ホール"
    assert rule_findings(engine.check(KUMA, caption)) == []
    caption = "会場　小倉南生涯学習センター　小倉南区若園三丁目２番５号"
    assert rule_findings(engine.check(KOKURA, caption)) == []


def test_the_same_address_is_blocked_beside_a_person_and_not_beside_a_venue(
    engine: PolicyEngine,
) -> None:
    venue = engine.check(KOKURA, "長行市民センター（小倉南区長行東2丁目1番地）で開催")
    person = engine.check(KOKURA, "長尾花子さん（小倉南区長行東2丁目1番地）が受賞")
    assert venue.verdict != "block"
    assert checks.blocked_in(person, "pii")


def test_a_fax_number_after_the_office_s_phone_is_the_office_s(engine: PolicyEngine) -> None:
    result = engine.check(KOKURA, "小倉南区総務企画課 TEL 093-951-1024 FAX 093-951-4014")
    assert [r for r, _, _ in rule_findings(result) if r.startswith("pii")] == []
    result = engine.check(KOKURA, "FAX 093-951-4014")
    assert result.verdict != "block"


# Warnings, prohibitions, corrections, election notices, contests, らしい, festivals, city
# markets, and flag words in an everyday sense: no rule finding at all.
NOT_FLAGGED = [
    (KOKURA, "不法投棄は犯罪です。見かけたら110番へ通報してください。"),
    (KUMA, "飲酒運転防止キャンペーンを実施します。"),
    (KUMA, "20歳未満の飲酒・喫煙は法律で禁止されています。"),
    (KOKURA, "ドローンを許可なく飛行させることは禁止されています。"),
    (KOKURA, "河川敷へのごみの投げ捨てはやめましょう。"),
    (KUMA, "「市電が無料になる」という情報はデマです。公式発表をご確認ください。"),
    (KOKURA, "SNS上のうわさに惑わされず、市の公式情報をご確認ください。"),
    (KUMA, "偽ブランド品の購入はやめましょう。"),
    (KOKURA, "特殊詐欺にご注意ください。市職員がキャッシュカードを預かることはありません。"),
    (KUMA, "差別のない社会を目指して、人権啓発講座を開きます。"),
    (KOKURA, "ヘイトスピーチは許されません。"),
    (KUMA, "海賊版サイトの利用は違法です。正規の配信サービスを利用しましょう。"),
    (KOKURA, "盗撮は犯罪です。不審な行為を見かけたら駅員にお知らせください。"),
    (KUMA, "先日の投稿に誤りがありました。正しくは12月5日です。お詫びして訂正します。"),
    (KOKURA, "区の名前をかたるなりすましアカウントにご注意ください。"),
    (KOKURA, "河川敷でのバーベキュー後のごみの放置は条例違反です。"),
    (KUMA, "未成年者への酒類の販売・提供は禁止されています。"),
    (KOKURA, "大麻の乱用防止を呼びかける啓発パネル展を開催中です。"),
    (KUMA, "「熊本城が閉鎖される」といううわさが広がっていますが、事実ではありません。"),
    (KOKURA, "万引きは犯罪です。青少年の非行防止にご協力ください。"),
    (KUMA, "会場内での無断撮影・録音はご遠慮ください。"),
    (KOKURA, "自転車の飲酒運転も罰則の対象です。"),
    (
        KUMA,
        "熊本市選挙管理委員会からのお知らせです。12月14日は投票日です。期日前投票もご利用ください。",
    ),
    (KOKURA, "明るい選挙推進ポスターコンクールの作品を募集します。"),
    (KUMA, "18歳になったら選挙へ。あなたの一票がまちの未来をつくります（選挙管理委員会）"),
    (KOKURA, "投票所入場券は各世帯に郵送します。"),
    (KUMA, "模擬投票で中学生が選挙の仕組みを学びました。"),
    (KOKURA, "北九州市議会議員選挙の投票時間は午前7時から午後8時までです。"),
    (KUMA, "フォトコンテストの一般投票を受け付けています。お気に入りの一枚に投票してください。"),
    (KOKURA, "人気投票の結果、グランプリが決まりました。"),
    (KUMA, "来場者の投票で最優秀賞を選びます。ぜひ会場で投票してくださいね。"),
    (KOKURA, "オーディエンス賞の投票は今週末まで！"),
    (KUMA, "ストリートピアノ演奏動画コンテスト、あなたの推しの演奏に投票しよう！"),
    (KUMA, "春らしい色合いの作品が並びました。"),
    (KUMA, "熊本らしい風景を描いた絵画展です。"),
    (KOKURA, "小倉らしさあふれる写真が集まりました。"),
    (KUMA, "子どもらしい自由な発想の作品ばかりです。"),
    (KUMA, "素晴らしい演奏をありがとうございました。"),
    (KOKURA, "可愛らしいイラストのポスターが完成しました。"),
    (KUMA, "秋らしい澄んだ空の下でのライブでした。"),
    (KOKURA, "北九州らしい工業地帯の夜景を撮影しました。"),
    (KUMA, "彼女らしい力強い筆づかいが魅力です。"),
    (KUMA, "すばらしい作品がそろいました。"),
    (KUMA, "藤崎八旛宮秋季例大祭の飾り馬を紹介します。"),
    (KOKURA, "地域の神社の夏祭りで、子ども神輿が練り歩きました。"),
    (KUMA, "お寺の境内で写生会を開きました。"),
    (KUMA, "初詣の参拝客でにぎわう加藤神社の様子です。"),
    (KOKURA, "教会で開かれるクリスマスコンサート（入場無料）のお知らせ"),
    (KUMA, "除夜の鐘をつく体験ができます。"),
    (KOKURA, "合馬の竹灯籠まつりは地域の伝統行事です。"),
    (KUMA, "神楽の奉納が行われ、多くの人が見守りました。"),
    (KOKURA, "お寺で座禅体験ができるワークショップを開きます。"),
    (KUMA, "市主催の軽トラ市で、地元農家さんが野菜を販売します。"),
    (KOKURA, "区役所前で福祉施設の手作り品を販売します。"),
    (KUMA, "熊本市主催の物産展では、特産品の販売も行います。"),
    (KOKURA, "フリーマーケットの出店者を募集します。"),
    (KUMA, "地産地消フェアでは、生産者が直接販売します。"),
    (KUMA, "チケットは一般1,000円（税込）、プレイガイドで販売中です。"),
    (KOKURA, "区役所の売店で地域のお菓子を販売しています。"),
    (KUMA, "会場では登録アーティストのCDも販売します。"),
    (KUMA, "来年度の開催日は決まり次第お知らせします。"),
    (KUMA, "新庁舎の基本計画（案）について、パブリックコメントを募集しています。"),
    (KOKURA, "外国人観光客向けの多言語案内を始めました。"),
    (KUMA, "障がいのある方もない方も一緒に楽しめるダンス教室です。"),
    (KUMA, "車いすの方はエレベーターで2階へお越しください。"),
    (KOKURA, "LGBTQについて学ぶ講座を開きます。"),
    (KUMA, "馬鹿囃子の演奏が響きました。"),
    (KUMA, "最低気温が5度を下回る寒い朝でした。"),
    (KOKURA, "審査員の講評を掲載しました。"),
    (KUMA, "作品に込めた思いをアーティストが語ります。"),
    (KUMA, "会場の候補を市民の皆さんと一緒に見学しました。"),
    (KOKURA, "昔話「はだかの王様」の人形劇を上演します。"),
    (KUMA, "お祭りの模様は、熊本市の公式サイトでも紹介されています。"),
    (KOKURA, "ごみの分別にご協力をお願いします。"),
    (KUMA, "ご来場いただいた皆さま、本当にありがとうございました。"),
    (KUMA, "大人も子どもも楽しめる夜の美術館イベントです。"),
    (KOKURA, "防犯カメラを設置しました。"),
    (KUMA, "熊本地震から10年、復興の歩みを振り返る写真展です。"),
    (KOKURA, "台風の接近に伴い、イベントは中止となりました。"),
    (KUMA, "今後の予定は決まり次第、改めてお知らせします。"),
    (KOKURA, "区長が地域の方々と意見交換を行いました。"),
    (KUMA, "日本人のみならず、海外からのお客様にも楽しんでいただけます。"),
    (KOKURA, "日本人だけでなく外国人の参加者も大歓迎です。"),
    (KUMA, "国籍を問わずご参加いただけます。"),
    (KOKURA, "障がいのある方もご参加いただけます。手話通訳があります。"),
    (KOKURA, "障害物のあるコースのため、車いすではご参加いただけません。"),
    (KUMA, "アイヌ文様の展示室内での撮影はお控えください。"),
    (KOKURA, "海外の方向けの案内ブースでは、写真撮影はお控えください。"),
    (KUMA, "子ども議会で、市長に質問しよう！"),
    (KUMA, "あなたの一票を大切に。選挙管理委員会"),
    (KUMA, "下半身を鍛える体操教室を開きます。"),
    (KOKURA, "はだか祭りで男衆が水をかぶりました。"),
    (KUMA, "まるで絵本の中にいるみたい！"),
    (KOKURA, "雨が降りそう。傘を忘れずに。"),
    (KUMA, "参加した子どもたちは「楽しかった」って言ってくれました。"),
    (KOKURA, "「森の都」って言われてる熊本の緑を描きました。"),
    (KUMA, "地元の人の話では、昔はここに川が流れていたそうです。"),
    (KOKURA, "舞台の最終調整を行いました。本番をお楽しみに！"),
    (KOKURA, "少し練習すれば誰でも運転できる電動カート体験です。"),
    (KUMA, "昔話の紙芝居：おじいさんが盗んだ宝物を鬼が取り返しに来る？"),
    (KOKURA, "お酒を飲んだら運転しない。飲酒運転は犯罪です。"),
    (KUMA, "彼らしい繊細なタッチの作品です。"),
    (KOKURA, "夢の中にいるみたいな幻想的な光の演出です。"),
    (KUMA, "公園の整備について、市民の皆さんの意見を募集します。"),
    (KOKURA, "見どころは、職人の手仕事です。"),
    (KOKURA, "区役所1階で、福祉施設のパンを販売しています。"),
    (KUMA, "残業ゼロを目指す働き方改革セミナーを開きます。"),
    (KOKURA, "熊本城の再建は2037年度完了の見込みです。"),
    (KOKURA, "車いすの方もご来場いただけます。"),
    (KUMA, "外国籍の方も参加いただけます。"),
    (KOKURA, "同性パートナーシップ制度について学ぶ講座です。"),
    (KUMA, "社長が語る、伝統工芸の魅力。"),
    (KOKURA, "店主が丹精込めて育てた野菜です。"),
    (KOKURA, "市議会議員選挙の候補者の届出は12月1日です（選挙管理委員会）"),
]

# The same words in a sense a person should look at, but not a certain violation.
NOT_BLOCKED_WORDS = [
    (KUMA, "性的な表現を含む作品の展示はお控えください。"),
    (KOKURA, "お茶を入れるのは山田さんの担当です。"),
    (KOKURA, "熊本弁丸出しで話す落語家さんの高座です。"),
    (KUMA, "議会で施設の廃止案が可決されました。"),
    (KUMA, "登録アーティストの新しいCDが発売中です！"),
    (KUMA, "イベントの最新情報は、公式サイトで確認できるみたい！"),
]

# Violating kinds a rule is the right tool for (caught without the learned model).
CAUGHT_BY_RULES = [
    (KUMA, "今日の衣装、ちょっとえっちでドキドキ", "obscenity"),
    (KOKURA, "はだかで踊るダンサーさん、最高でした。", "obscenity"),
    (KUMA, "このポーズ、すけべすぎる笑", "obscenity"),
    (KUMA, "いやらしい目で見ちゃう写真です", "obscenity"),
    (KOKURA, "えっろい雰囲気のステージでした", "obscenity"),
    (KUMA, "ぱんつ見えそうでドキドキ", "obscenity"),
    (KOKURA, "全裸でパフォーマンスする人が現れました", "obscenity"),
    (KUMA, "むらむらしちゃうライブ", "obscenity"),
    (KOKURA, "すっぽんぽんで川に飛び込む動画", "obscenity"),
    (KOKURA, "駅前のビルが取り壊されるって話題になってるよ。", "misinformation"),
    (KUMA, "来月から市電が無料になるらしいよ！", "misinformation"),
    (KUMA, "あのお店、来月で閉店するらしいです。", "misinformation"),
    (KOKURA, "友達から聞いたんだけど、小倉南区に大型モールができるみたい。", "misinformation"),
    (KUMA, "ネットで見たけど、熊本城の天守閣がまた閉鎖されるとか。", "misinformation"),
    (KOKURA, "市長が辞めるって噂、本当かな？", "misinformation"),
    (KUMA, "知り合いが言ってたけど、あの公園は夜に出るらしい", "misinformation"),
    (KOKURA, "近所の人の話では、あの橋はもうすぐ通行止めになるそうだよ", "misinformation"),
    (KUMA, "来年は花火大会がなくなるってみんな言ってる", "misinformation"),
    (KUMA, "当会場は外国籍の方の入場をお断りしています。", "discrimination"),
    (KOKURA, "障がいのある方はご入場いただけません。", "discrimination"),
    (KUMA, "本イベントは日本人のみ参加できます。", "discrimination"),
    (KOKURA, "○○地区出身の方のご参加はご遠慮ください。", "discrimination"),
    (KUMA, "同性カップルのご来場はお断りします。", "discrimination"),
    (KOKURA, "外国の方はご利用いただけません。", "discrimination"),
    (KUMA, "性的マイノリティの方の参加はお控えください。", "discrimination"),
    (KOKURA, "車いすの方は他のお客様の迷惑になるため入店できません。", "discrimination"),
    (KUMA, "日本人以外は入店不可です。", "discrimination"),
    (KOKURA, "精神障害のある方のご利用はお断りしております。", "discrimination"),
    (KOKURA, "新しい体育館の候補地は、庁内では○○公園が有力です。", "undecided"),
    (KUMA, "次の文化ホールの建設地は、南区が有力視されています。", "undecided"),
    (KUMA, "まだ正式発表前ですが、来年度から施設の利用料が上がる見込みです。", "undecided"),
    (KOKURA, "区役所の移転先は○○地区でほぼ決まりです。", "undecided"),
    (KUMA, "美術館の統合は最終調整の段階に入っています。", "undecided"),
    (KOKURA, "市民センターの廃止案が内々に示されました。", "undecided"),
    (KUMA, "今度の市長選は○○さんを応援しよう！まちを変えられるのはこの人だけ。", "political"),
    (KOKURA, "みんなセンキョ行こうね、入れるのはもちろん△△党！", "political"),
    (KUMA, "次の市長には○○さんがふさわしいと思います。", "political"),
    (KOKURA, "○○先生に市政を任せましょう！", "political"),
    (KUMA, "○○党の政策は素晴らしい。ぜひ応援してください。", "political"),
    (KOKURA, "△△議員の国政報告会にみなさんでぜひ参加しましょう。", "political"),
    (KUMA, "イッピョウを○○さんに！", "political"),
    (KOKURA, "○○候補の個人演説会、会場はこちらです。", "political"),
    (KUMA, "○○さんを県議会へ送り出そう！", "political"),
    (KUMA, "日曜日は教会の礼拝に来ませんか。神様があなたを待っています。", "religious"),
    (KOKURA, "私たちの会では信者募集中です。一緒に祈りましょう。", "religious"),
    (KUMA, "この教えを信じれば、あなたの悩みも必ず解決します。", "religious"),
    (KOKURA, "聖書の学び会にどなたでもお越しください。", "religious"),
    (KUMA, "打ち上げで飲んだ後でも、車で帰れば大丈夫です。", "illegal"),
    (KOKURA, "古い冷蔵庫は河川敷に捨てちゃえばいいよ。", "illegal"),
    (KUMA, "高校生のみんなもお酒で乾杯しよう！", "illegal"),
    (KOKURA, "お祭りの人混みの上をドローンで撮影しちゃおう、許可はいらないよ。", "illegal"),
    (KUMA, "ビール1杯くらいなら運転しても平気平気！", "illegal"),
    (KOKURA, "粗大ごみは山の中に置いてくればタダです。", "illegal"),
    (KUMA, "正直この仕事もう嫌です。残業ばっかりで疲れました。", "personal_opinion"),
    (KOKURA, "こんなイベント、やる意味あるのかなと正直思います。", "personal_opinion"),
    (KUMA, "上の判断で急に企画が変わって、現場はもうヘトヘトです。", "personal_opinion"),
    (KOKURA, "担当としては、この予算削減には反対です。", "personal_opinion"),
    (KUMA, "今日も休日出勤です。早く帰りたい…", "personal_opinion"),
    (KUMA, "近所に住む山口さんは町内会のお金を盗んでいます。", "defamation"),
    (KOKURA, "○○商店の店主は客をだましているので気をつけて。", "defamation"),
    (KUMA, "田中さんは嘘ばかりついている人です。", "defamation"),
]


test_allowed_senses_are_not_flagged_by_the_rules = checks.no_rule_finding(NOT_FLAGGED)
test_uncertain_senses_are_not_blocked = checks.not_blocked(NOT_BLOCKED_WORDS)
test_violating_kinds_are_caught_by_the_rules = checks.caught_in_category_by_a_non_model_finding(
    CAUGHT_BY_RULES
)


def test_selling_alone_is_a_warning_and_a_shop_advert_still_blocks(engine: PolicyEngine) -> None:
    selling = engine.check(KUMA, "新しい画集を販売中です。")
    assert "commercial.selling" in {r for r, _, _ in rule_findings(selling)}
    assert selling.verdict == "warn"
    advert = engine.check(KUMA, "当店の新商品、送料無料でお届けします。ご購入はこちら")
    assert checks.blocked_in(advert, "commercial")


def test_a_warning_about_a_named_person_is_still_defamation(engine: PolicyEngine) -> None:
    accusation = engine.check(KOKURA, "○○商店の店主は客をだましているので気をつけて。")
    assert checks.blocked_in(accusation, "defamation")
    campaign = engine.check(KOKURA, "SNSでの誹謗中傷や悪口の書き込みはやめましょう。")
    assert rule_findings(campaign) == []


# More written forms: the office's own address and numbers, venues, ticket and room numbers,
# officials' and historical persons' ages and years: no finding at all.
NO_FINDING_FORMS = [
    (KUMA, "熊本市中央区手取本町1番1号（熊本市役所）"),
    (KUMA, "〒860-8601熊本市中央区手取本町1-1 熊本市役所文化政策課"),
    (KUMA, "ホール：熊本市中央区桜町3-40（熊本城ホール）"),
    (KOKURA, "小倉南区大字長野1006番地 長野公民館"),
    (KOKURA, "北九州市小倉南区若園5-1-2"),
    (KOKURA, "北九州市小倉南区大字新道寺1105-1（北九州市立総合農事センター）"),
    (
        KOKURA,
        "小倉南区役所総務企画課　電話：０９３－９５１－１０２４　FAX：０９３－９２３－０００５",
    ),
    (KOKURA, "(代表)093-951-1024"),
    (KUMA, "熊本市役所（代表）096-328-2111"),
    (KUMA, "会場：熊本市中央区上通町2-3 びぷれす熊日会館7階"),
    (KOKURA, "📍北九州市小倉南区志井1丁目"),
    (KUMA, "整理券番号 1-120 の方から順に"),
    (KUMA, "第3回 12月19日（土）13:30〜15:00 中央公民館2階"),
    (KOKURA, "受付番号0120番〜0150番の方"),
    (KUMA, "チケット番号：A-12-34"),
    (KUMA, "大西一史熊本市長（58）"),
    (KOKURA, "横綱・北の湖（1953年生まれ）"),
    (KUMA, "江戸時代の絵師、雪舟は…"),
    (KUMA, "加藤清正公（1562年〜1611年）"),
]

# A private person's details in more written forms: blocked, or flagged as pii.
PRIVATE_FORMS = [
    (KOKURA, "山田様 熊本市北区植木町岩野123 TEL096-272-1234", True),
    (KUMA, "鈴木花子（72）さんが金賞に輝きました", False),
    (KOKURA, "○○小学校3年の山本太郎くんの作品です", False),
    (KUMA, "申込者：田中一郎　連絡先：096-381-2345", True),
    (KOKURA, "落とし物の持ち主は小倉南区守恒2丁目3-4の中村さんです", True),
    (KUMA, "出演者の自宅住所：熊本市東区健軍本町5-6", True),
    (KOKURA, "佐藤さんの携帯 ０８０ー１２３４ー５６７８", True),
]


test_more_public_forms_give_no_finding = checks.no_rule_finding(NO_FINDING_FORMS)


@pytest.mark.parametrize(("pack", "caption", "blocked"), PRIVATE_FORMS)
def test_more_private_forms_are_caught(
    engine: PolicyEngine, pack: str, caption: str, blocked: bool
) -> None:
    result = engine.check(pack, caption)
    assert any(f.category == "pii" for f in result.findings), rule_findings(result)
    if blocked:
        assert checks.blocked_in(result, "pii"), rule_findings(result)


# Secrecy words as hype, an artist's unpublished work, predictions and polite wishes (〜になると
# 思います, 〜いただけたらと思います): no rule finding, or at most a warning.
EVERYDAY_SENSES = [
    (KUMA, "未発表の新曲を初披露します！", True),
    (KUMA, "作家の未公開作品を特別公開します。", True),
    (KOKURA, "ここだけの話が聞けるトークショーです。", False),
    (KUMA, "シェフの極秘レシピを公開！", False),
    (KUMA, "オフレコトークも飛び出すかも？", False),
    (KOKURA, "当日は市長も来場される予定です。きっと素敵な一日になると思います。", True),
    (KUMA, "新しい文化振興計画のもと、楽しいイベントになると思います。", True),
    (KOKURA, "区の制度を利用して、多くの方に参加いただけたらと思います。", True),
    (KUMA, "忘年会シーズン、飲酒運転は絶対にやめましょう。", True),
    (KOKURA, "地域の清掃活動で、道端に捨てられたごみを拾いました。", True),
    (KUMA, "作品のテーマは「うわさ」。人の声が広がる様子を表現しています。", False),
    (KOKURA, "演劇「12人の怒れる男」の上演です。", True),
    (KUMA, "ホラー映画の上映会、血まみれの演出に注意！", False),
    (KOKURA, "参加者の声：「とても楽しかったです。また参加したいと思います」", True),
    (KUMA, "熊本の魅力を発信したいと思います。", True),
    (KOKURA, "予算の範囲内で、できるだけ多くの方に楽しんでいただけるよう工夫しました。", True),
    (KUMA, "作品展の審査結果を発表します。審査員の評価ポイントも掲載しています。", False),
    (KOKURA, "選挙の投票日は12月14日です。必ず投票に行きましょう（北九州市選挙管理委員会）", True),
    (KUMA, "市長の定例記者会見で、アーティストスポット事業が紹介されました。", True),
    (KOKURA, "区役所の窓口で、ごみ指定袋を販売しています。", True),
    (KUMA, "ピアノの先生に「センスがある」と褒められました。", True),
    (KOKURA, "無料で参加できます。お気軽にどうぞ。", True),
    (KUMA, "アーティストの個人的な体験から生まれた作品です。", True),
    (KOKURA, "家族連れでにぎわいました。", True),
    (KUMA, "昨年度の来場者数は約1万人でした。", True),
]


test_everyday_senses_are_not_blocked = checks.not_blocked_and_clean_where_marked(EVERYDAY_SENSES)


def test_a_real_leak_is_still_caught(engine: PolicyEngine) -> None:
    leak = engine.check(KUMA, "ここだけの話ですが、来年度の補助金は半分になります。")
    assert "confidential" in {f.category for f in leak.findings}
    marked = engine.check(KUMA, "【部外秘】審査会の内部資料を共有します。")
    assert checks.blocked_in(marked, "confidential")


# Party talk, choreography, an organisation's mailbox, performers, officials by title, a zoo
# animal's age: not blocked (and, where marked, no rule finding).
PUBLIC_TALK = [
    (KUMA, "忘年会シーズンです。飲み過ぎに注意しましょう。", True),
    (KOKURA, "まつりの夜は無礼講！…ではなく、マナーを守って楽しみましょう。", False),
    (KUMA, "バンジージャンプのように飛び降りるダンスの振り付けが圧巻でした。", False),
    (KOKURA, "子どもたちが思い切り騒いでいい音楽イベントです。", False),
    (KUMA, "朝まで飲み明かしてしまいそうな楽しいジャズの夜です。", False),
    (KOKURA, "パチンコ店跡地を活用した新しい交流拠点がオープンしました。", False),
    (KOKURA, "実行委員会事務局 sakura.matsuri.kokura@gmail.com", False),
    (KUMA, "熊本城マラソン実行委員会（info@kumamoto-marathon.jp）", True),
    (
        KOKURA,
        "お問い合わせ：北九州市小倉南区役所 総務企画課 kokuraminami@city.kitakyushu.lg.jp",
        True,
    ),
    (KUMA, "ワークショップの講師は、陶芸家の山下さんです。", True),
    (KOKURA, "出演：小倉南吹奏楽団、ダンスチーム「そよかぜ」", True),
    (KUMA, "熊本市動植物園のキリン「リンリン」は今年5歳になりました。", True),
    (KOKURA, "区長の○○が、受賞者に記念品を手渡しました。", True),
    (KUMA, "副市長が開会のあいさつを行いました。", True),
    (KOKURA, "江戸時代の商人、○○屋の帳簿を展示しています。", True),
]


test_public_talk_is_not_blocked = checks.not_blocked_and_clean_where_marked(PUBLIC_TALK)


def test_a_threat_and_a_person_s_mailbox_still_block(engine: PolicyEngine) -> None:
    assert checks.blocked_in(engine.check(KOKURA, "あいつの店、爆破しようぜ"), "public_order")
    mailbox = engine.check(KOKURA, "山田さん yamada.hanako@gmail.com まで")
    assert checks.blocked_in(mailbox, "pii")
    organiser = engine.check(KOKURA, "実行委員会事務局 sakura.matsuri.kokura@gmail.com")
    assert "pii.contact_unsure" in {r for r, _, _ in rule_findings(organiser)}


# The office's own publications reprinted, a place next to a police or fire station, ID at the
# reception, 全員, 支那そば, scam warnings, a partner's official event: not blocked.
OFFICE_LIFE = [
    (KUMA, "市政だより12月号から転載しています。", False),
    (KOKURA, "区報「こくらみなみ」1月号から転載しました。", False),
    (KUMA, "会場は市役所本庁舎の1階ロビーです。", True),
    (KOKURA, "集合場所は小倉南消防署の隣です。", True),
    (KUMA, "本人確認のため、受付で身分証をご提示ください。", True),
    (KOKURA, "参加者全員に記念品をプレゼントします。", True),
    (KUMA, "出演者全員で最後に合唱しました。", True),
    (KOKURA, "老舗の支那そば屋さんが出店します。", False),
    (KUMA, "アプリをインストールすると、スタンプラリーに参加できます（熊本市公式アプリ）。", True),
    (KOKURA, "Wi-Fiのパスワードは受付でお伝えします。", True),
    (KUMA, "悪徳商法の手口を紹介する出前講座です。", True),
    (KOKURA, "クレーマー対応に悩む店舗向けのセミナーを開催します。", False),
    (KUMA, "【公式】熊本城マラソンの記録証は大会サイトで発行しています。", False),
    (KOKURA, "ぼったくり被害に注意しましょう。", True),
    (KUMA, "作品の無断転載はご遠慮ください。", True),
    (KOKURA, "無断使用を禁じます。", True),
    (KUMA, "著作権者の許可を得て、歌詞の一部を掲載しています。", True),
    (KOKURA, "小倉祇園太鼓の起源は江戸時代にさかのぼるといわれています。", True),
    (KUMA, "熊本の伝統工芸「肥後象がん」の職人技を間近で。", True),
    (KOKURA, "市長と語る会を開催します。どなたでも参加できます。", True),
    (KUMA, "ポスターの最優秀作品は、来場者の投票で決まります。", True),
]


test_office_life_is_not_blocked = checks.not_blocked_and_clean_where_marked(OFFICE_LIFE)


def test_claims_to_be_another_office_still_block(engine: PolicyEngine) -> None:
    claim = engine.check(KOKURA, "こちらは小倉南警察署生活安全課です。")
    assert checks.blocked_in(claim, "impersonation")
    phishing = engine.check(KUMA, "本人確認のため、こちらのリンクからログインしてください。")
    assert checks.blocked_in(phishing, "security")


test_a_mascot_s_or_animal_s_birthday_is_not_personal = checks.no_rule_finding(
    [
        (KUMA, "くまモンの誕生日は3月12日です。お祝いイベントを開きます。"),
        (KOKURA, "マスコットキャラクターの誕生日は2月10日！"),
        (KUMA, "動物園のゾウの誕生日は5月5日です。"),
    ]
)


def test_a_person_s_birthday_still_blocks(engine: PolicyEngine) -> None:
    result = engine.check(KUMA, "山田さんの誕生日は4月1日です。")
    assert checks.blocked_in(result, "pii")


def test_place_names_with_venue_characters_are_not_venues(engine: PolicyEngine) -> None:
    result = engine.check(KOKURA, "宮崎県出身の佐藤花子（小倉南区北方3-4-5）")
    assert checks.blocked_in(result, "pii")
    result = engine.check(KOKURA, "田園風景の広がる小倉南区北方3-4-5")
    assert "pii" in {f.category for f in result.findings}


# The same violating kinds, phrased another way.
CAUGHT_BY_RULES_TOO = [
    (KUMA, "このダンス、えちえちで最高💕", "obscenity"),
    (KOKURA, "ぬーど写真集の撮影会やります", "obscenity"),
    (KUMA, "おっぱい大きいモデルさん募集中", "obscenity"),
    (KOKURA, "エッチな衣装のコスプレ大会", "obscenity"),
    (KUMA, "せくしーすぎる踊りに会場騒然", "obscenity"),
    (KOKURA, "噂だと、来年あの図書館なくなるんだって。", "misinformation"),
    (KUMA, "知り合いの職員さんから聞いたんだけど、市民会館が閉館するらしい。", "misinformation"),
    (KOKURA, "○○スーパーが撤退するって、もっぱらの噂です。", "misinformation"),
    (KUMA, "SNSで見たんだけど、今年のお祭りは中止っぽいです。", "misinformation"),
    (KOKURA, "聞いた話だと、市電の運賃が倍になるみたいだよ。", "misinformation"),
    (KUMA, "当スタジオは障がい者の方の利用をお断りしています。", "discrimination"),
    (KOKURA, "同和地区出身の方は申し込みできません。", "discrimination"),
    (KUMA, "外国人の方のご入店はご遠慮いただいております。", "discrimination"),
    (KOKURA, "LGBTの方の参加はご遠慮ください。", "discrimination"),
    (KUMA, "日本国籍の方に限り参加できます。", "discrimination"),
    (KOKURA, "新しい図書館の建設候補地として、○○小学校跡地が有力です。", "undecided"),
    (KUMA, "来年度から入館料を値上げする方向で調整しています。", "undecided"),
    (KOKURA, "区役所の統合案について、庁内で議論が進んでいます。", "undecided"),
    (KUMA, "正式決定前ですが、ホールの閉館が検討されています。", "undecided"),
    (KOKURA, "○○さんこそ次の区長にふさわしい！", "political"),
    (KUMA, "△△党の□□さんの演説会にみんなで行こう！", "political"),
    (KOKURA, "○○議員を応援しています！", "political"),
    (KUMA, "次の市長には○○さんになってほしいです。", "political"),
    (KOKURA, "市政を○○さんに託しましょう。", "political"),
]


test_violating_kinds_phrased_another_way_are_caught = (
    checks.caught_in_category_by_a_non_model_finding(CAUGHT_BY_RULES_TOO)
)
test_neutrality_notices_catalogues_and_everyday_words_are_not_blocked = checks.not_blocked(
    [
        (KOKURA, "選挙運動期間中は、区役所のアカウントで候補者に関する投稿は行いません。"),
        (KUMA, "展覧会の図録は、会場受付で2,000円で販売しています。"),
        (KOKURA, "沐浴教室では、はだかの赤ちゃんの支え方を練習します。"),
        (KOKURA, "えっちらおっちら坂道をのぼって展望台へ。"),
        (KUMA, "職務上知り得た秘密を守ることは、職員の大切な義務です。"),
    ]
)


@pytest.mark.parametrize(
    "caption",
    ["はるかさんの弾き語りです。", "まりなさんの作品が並びます。", "出演：あおいさん、こうきさん"],
)
def test_a_given_name_alone_in_kana_is_a_stage_name(engine: PolicyEngine, caption: str) -> None:
    assert rule_findings(engine.check(KUMA, caption)) == []


def test_a_surname_with_an_honorific_is_still_a_name(engine: PolicyEngine) -> None:
    result = engine.check(KUMA, "山田さんの作品が並びます。")
    assert [r for r, _, _ in rule_findings(result)] == ["pii.person_name"]


def test_where_an_event_takes_place_is_a_venue(engine: PolicyEngine) -> None:
    assert rule_findings(engine.check(KUMA, "12月19日、熊本市中央区新町2-3-4で開催します。")) == []
    assert rule_findings(engine.check(KOKURA, "小倉南区北方3-4-5にて実施します。")) == []
    home = engine.check(KOKURA, "自宅（小倉南区北方3-4-5）で開催します。")
    assert checks.blocked_in(home, "pii")
