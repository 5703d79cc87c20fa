"""Issue 9's deliver list, rule side: captions written fresh for this file, one group per kind.

None of these captions comes from a corpus file; they were written from the issue's list of kinds
(public venue addresses in every written form, the office's own numbers however written, public
and historical persons, stance across categories, a city-run market) and check that the rules
neither block the office's own notices nor let the private data and real calls through.
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CheckResult

KUMAMOTO = "kumamoto-artistspot"
KOKURA = "kokuraminami"


def _pii(result: CheckResult) -> list[tuple[str, str]]:
    return [(f.rule, f.excerpt) for f in result.findings if f.category == "pii"]


def _flagged(result: CheckResult) -> dict[str, str]:
    return {f.category: f.rule for f in result.findings if f.severity != "info"}


# ---- public venue and office addresses ------------------------------------------------------
VENUE_ADDRESSES = [
    (KUMAMOTO, "熊本城ホール（熊本市中央区桜町3番40号）で公演があります。"),
    (KUMAMOTO, "会場：熊本市中央区上通町２－３ びぷれす熊日会館７階"),
    (KUMAMOTO, "熊本市中央区上通町2-3 びぷれす熊日会館7階の現代美術館で開催します。"),
    (KUMAMOTO, "（熊本市中央区上通町2番3号）熊本市現代美術館にて。"),
    (KUMAMOTO, "【会場】\n熊本市民会館\n熊本市中央区桜町1番3号"),
    (KUMAMOTO, "◆場所\n熊本市中央区桜町1-3"),
    (KUMAMOTO, "📍熊本市中央区花畑町7-10"),
    (KUMAMOTO, "所在地 熊本市中央区二の丸1番1号"),
    (KUMAMOTO, "アクセス：熊本市中央区桜町3-40（サクラマチクマモト内）"),
    (KUMAMOTO, "熊本市役所は熊本市中央区手取本町1番1号にあります。"),
    (KUMAMOTO, "熊本市中央区手取本町１番１号（本庁舎）"),
    (KUMAMOTO, "〒860-8601 熊本市中央区手取本町一番一号"),
    (KUMAMOTO, "熊本市中央区手取本町1-1"),
    (KUMAMOTO, "〒８６０－８６０１　熊本市中央区手取本町１－１"),
    (KOKURA, "北九州市小倉南区若園五丁目1番2号"),
    (KOKURA, "小倉南区若園5-1-2"),
    (KOKURA, "小倉南区若園５丁目１－２"),
    (KOKURA, "北九州市小倉南区若園五丁目一番二号"),
    (KOKURA, "〒802-8510 北九州市小倉南区若園5丁目1番2号 小倉南区役所"),
    (KOKURA, "平尾台自然観察センター（北九州市小倉南区平尾台一丁目1番1号）"),
    (KOKURA, "小倉南区志井1丁目1番1号の志井公園で開催します。"),
    (KOKURA, "集合場所：北九州市小倉南区大字新道寺222番地"),
    (KUMAMOTO, "熊本市国際交流会館 中央区花畑町4番8号"),  # the space is normalised away
    (KOKURA, "北九州市立小倉南図書館 北九州市小倉南区若園五丁目1番2号"),
    (KUMAMOTO, "🏛会場🏛 熊本市中央区桜町3番40号 熊本城ホール"),
    (KUMAMOTO, "イベント会場 ▶ 熊本市中央区上通町2-3"),
]


@pytest.mark.parametrize(("pack", "caption"), VENUE_ADDRESSES)
def test_a_public_venue_or_office_address_is_not_pii(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    result = engine.check(pack, caption)
    assert _pii(result) == [], caption
    assert result.verdict != "block"


PRIVATE_ADDRESSES = [
    "当選した山田花子さんの自宅は熊本市東区健軍3丁目5番8号です。",
    "住所は熊本市北区植木町岩野123番地の2です。",
    "出演者の佐藤さん（熊本市中央区上通町2-3-405号室）",
    "田中さんのお宅（中央区黒髪5丁目10-3）に集合してください。",
    "熊本市西区春日２丁目３番４号に住んでいる鈴木さん",
    "山田宅 中央区花畑町4番8号",
]


@pytest.mark.parametrize("caption", PRIVATE_ADDRESSES)
def test_a_private_address_still_blocks(engine: PolicyEngine, caption: str) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert "pii.address" in {rule for rule, _ in _pii(result)}, _pii(result)
    assert result.verdict == "block"


# ---- the office's own phone numbers --------------------------------------------------------
OWN_PHONES = [
    (KUMAMOTO, "熊本市文化政策課096-328-2039"),
    (KUMAMOTO, "文化市民局文化創造部文化政策課（096-328-2039）"),
    (KUMAMOTO, "TEL：０９６－３２８－２０３９"),
    (KUMAMOTO, "電話 096 328 2039"),
    (KUMAMOTO, "お問い合わせ 096(328)2039"),
    (KUMAMOTO, "(096)328-2039 文化政策課"),
    (KUMAMOTO, "電話：096-328-2039（内線5678）"),
    (KUMAMOTO, "TEL.096-328-2039 ext.123"),
    (KUMAMOTO, "電話096-328-2039内線1234"),
    (KUMAMOTO, "☎０９６ー３２８ー２０３９"),
    (KUMAMOTO, "〇九六-三二八-二〇三九"),
    (KUMAMOTO, "+81 96 328 2039"),
    (KOKURA, "小倉南区総務企画課093-951-1024"),
    (KOKURA, "電話：093-951-1024、ＦＡＸ：093-951-5553"),
    (KOKURA, "TEL093-951-1024FAX093-951-5553"),
    (KOKURA, "093-951-1024／093-951-5553"),
    (KOKURA, "北九州市小倉南区役所(093)951-1024"),
]


@pytest.mark.parametrize(("pack", "caption"), OWN_PHONES)
def test_the_office_s_own_number_however_written(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    result = engine.check(pack, caption)
    assert _pii(result) == [], caption
    assert "accuracy.phone" not in {f.rule for f in result.findings}


PRIVATE_PHONES = [
    "出演者の携帯 080-1234-5678 まで",
    "申込は佐藤（090-1111-2222）へ",
    "文化政策課096-328-2038",  # one digit off the office's number: never silently accepted
    "０９０ー１２３４ー５６７８",
    "TEL 096-328-2039 または 080 2222 3333",
]


@pytest.mark.parametrize("caption", PRIVATE_PHONES)
def test_a_private_number_is_still_caught(engine: PolicyEngine, caption: str) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert "pii.contact" in {rule for rule, _ in _pii(result)}, _pii(result)


# ---- a private person's age ----------------------------------------------------------------
PRIVATE_AGES = [
    "優勝した山田花子さん（34）は",
    "最優秀賞は佐藤健一さん（72歳）の作品です。",
    "35歳の鈴木一郎さんが",
]


@pytest.mark.parametrize("caption", PRIVATE_AGES)
def test_a_private_person_s_age_is_still_caught(engine: PolicyEngine, caption: str) -> None:
    found = _pii(engine.check(KUMAMOTO, caption))
    assert {"pii.person_name", "pii.age"} <= {rule for rule, _ in found}, found
    assert any(rule == "pii.age" and excerpt[:2].isdigit() for rule, excerpt in found)


@pytest.mark.parametrize(
    "caption",
    [
        "対象は小学生（6歳以上）です。",
        "5歳以下のお子さまは無料です。",
        "開館30周年を迎えました。",
        "宮本武蔵（1584年〜1645年）の二天一流。",
    ],
)
def test_an_age_range_of_an_audience_is_not_pii(engine: PolicyEngine, caption: str) -> None:
    assert _pii(engine.check(KUMAMOTO, caption)) == []


# ---- public and historical persons ---------------------------------------------------------
PUBLIC_PERSONS = [
    (KUMAMOTO, "大西一史前市長が式典に出席しました。"),
    (KUMAMOTO, "熊本市長・大西一史があいさつしました。"),
    (KUMAMOTO, "市長の大西一史からのメッセージです。"),
    (KOKURA, "北九州市長 武内和久が表彰しました。"),
    (KUMAMOTO, "加藤清正の像の前で記念撮影をしました。"),
    (KUMAMOTO, "小泉八雲ゆかりの地を巡るツアーです。"),
    (KUMAMOTO, "宮本武蔵（1584年〜1645年）が晩年を過ごした霊巌洞。"),
    (KUMAMOTO, "1868年生まれの徳冨蘆花は熊本出身です。"),
    (KUMAMOTO, "江戸時代の絵師、矢野良勝の作品を展示します。"),
    (KUMAMOTO, "横井小楠の旧居、四時軒を公開します。"),
    (KUMAMOTO, "明治の文豪、夏目漱石の句碑があります。"),
    (KOKURA, "宮本武蔵と佐々木小次郎の決闘の地、巌流島。"),
    (KUMAMOTO, "夏目漱石が愛した熊本の風景を写真でたどります。"),
    (KUMAMOTO, "加藤清正が築いた石垣を間近で見学できます。"),
]


@pytest.mark.parametrize(("pack", "caption"), PUBLIC_PERSONS)
def test_public_and_historical_persons_are_not_private(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    assert _pii(engine.check(pack, caption)) == [], caption


@pytest.mark.parametrize(
    "caption",
    [
        "受付は山田太郎さんが担当します。",
        "今日のゲストは鈴木花子さんです。",
        "2024年に入庁した田中健一さんが案内します。",
    ],
)
def test_a_private_person_is_still_named(engine: PolicyEngine, caption: str) -> None:
    assert "pii.person_name" in {rule for rule, _ in _pii(engine.check(KUMAMOTO, caption))}


# ---- a city-run market ---------------------------------------------------------------------
MARKETS = [
    (KOKURA, "区役所前の朝市では、地元の生産者が野菜や果物を販売します。"),
    (KOKURA, "市が主催するマルシェに農家さんが出店し、採れたて野菜を販売しています。"),
    (KUMAMOTO, "熊本市主催のクラフト市では、登録アーティストが作品を販売します。"),
    (KOKURA, "地産地消フェアでは、生産者による直売を行います。"),
    (KOKURA, "地元商店街のクーポン付きスタンプラリーを開催します。"),
    (KOKURA, "市内の文房具店で、市の指定ごみ袋を販売しています。"),
    (KUMAMOTO, "前売券は1,000円で販売中です。"),
]


@pytest.mark.parametrize(("pack", "caption"), MARKETS)
def test_a_city_run_market_is_not_the_office_advertising(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    result = engine.check(pack, caption)
    assert result.verdict != "block", [(f.rule, f.excerpt) for f in result.findings]
    assert "commercial.sales" not in {f.rule for f in result.findings}


@pytest.mark.parametrize(
    "caption",
    [
        "当店の新商品、今なら20%オフで販売中！ご購入はこちら",
        "弊社の商品を特別価格で販売しています。",
    ],
)
def test_real_advertising_still_blocks(engine: PolicyEngine, caption: str) -> None:
    assert engine.check(KOKURA, caption).verdict == "block"


# ---- other public offices' and venues' contacts ---------------------------------------------
PUBLIC_CONTACTS = [
    (KUMAMOTO, "熊本市現代美術館（電話096-278-7500）"),
    (KUMAMOTO, "お問い合わせ：熊本市観光政策課 096-328-2393"),
    (KUMAMOTO, "熊本城ホール　ＴＥＬ：０９６－２２３－１２３４"),
    (KUMAMOTO, "096-223-1234（熊本城ホール代表）"),
    (KOKURA, "平尾台自然観察センター 電話 093-453-3737"),
    (KUMAMOTO, "メール kankouseisaku@city.kumamoto.lg.jp（観光政策課）"),
    (KOKURA, "minami-soumu@city.kitakyushu.lg.jp までお送りください。"),
    (KUMAMOTO, "info@kumamoto-craft.jp までお問い合わせください。"),  # a role mailbox
    (KUMAMOTO, "お問い合わせ：〇〇まつり実行委員会 096-222-3333"),
    (KUMAMOTO, "〒862-0971 熊本市中央区大江5丁目1-1 熊本市民会館"),
    (KUMAMOTO, "会場の住所は熊本市中央区桜町3-40です。"),
]


@pytest.mark.parametrize(("pack", "caption"), PUBLIC_CONTACTS)
def test_a_public_office_s_contact_is_not_pii(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    result = engine.check(pack, caption)
    assert _pii(result) == [], caption
    assert result.verdict != "block"


PRIVATE_CONTACTS = [
    ("pii.contact", "熊本城ホール 担当 090-1234-5678"),  # a mobile is always someone's own
    ("pii.contact", "山田さん 096-223-1234"),
    ("pii.contact", "申込は taro.yamada@gmail.com まで"),
    ("pii.contact", "LINE ID：yamada_taro1985 まで連絡ください"),
]
# A shop's landline or an address with nothing beside it saying whose it is: a person must look
# (a warning), but it is not certainly a private person's (not a block).
UNSURE_CONTACTS = [
    ("pii.contact_unsure", "パン工房こむぎ（096-111-2222）も出店します。"),
    ("pii.address_unsure", "〒862-0971 熊本市中央区大江5丁目1-1"),
]


@pytest.mark.parametrize(("rule", "caption"), UNSURE_CONTACTS)
def test_a_contact_nothing_attributes_is_a_warning(
    engine: PolicyEngine, rule: str, caption: str
) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert rule in {r for r, _ in _pii(result)}, _pii(result)
    assert result.verdict == "warn"


@pytest.mark.parametrize(("rule", "caption"), PRIVATE_CONTACTS)
def test_a_private_contact_still_blocks(engine: PolicyEngine, rule: str, caption: str) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert rule in {r for r, _ in _pii(result)}, _pii(result)
    assert result.verdict == "block"


@pytest.mark.parametrize(
    "caption",
    [
        "1867年2月9日生まれの夏目漱石",  # a historical birth date, the name last in the caption
        "熊本ゆかりの文豪 夏目漱石",
    ],
)
def test_a_historical_person_at_the_end_of_a_caption(engine: PolicyEngine, caption: str) -> None:
    assert _pii(engine.check(KUMAMOTO, caption)) == []


# ---- office notices that only sound internal -----------------------------------------------
@pytest.mark.parametrize(
    "caption",
    [
        "避難行動要支援者の登録制度についてご案内します。",
        "次回の日程は決まったらお知らせします。",
        "来年の開催に向けて会場を調整中です。",
        "講師の先生は現在調整中です。決まり次第お知らせします。",
        "「熊本市文化振興計画（素案）」へのご意見を募集します。",
        "パブリックコメント：図書館再編計画の原案を公表しました。ご意見をお寄せください。",
        "来年の参加を検討中の方は、お気軽にご相談ください。",
        "出店をご検討中の方向けの説明会を開きます。",
        "内示会（展示会の一般公開前日）にご招待します。",
    ],
)
def test_office_notices_that_sound_internal_are_not_blocked(
    engine: PolicyEngine, caption: str
) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert result.verdict != "block", [(f.rule, f.excerpt) for f in result.findings]


@pytest.mark.parametrize(
    ("rule", "caption"),
    [
        ("undecided.internal", "新しい体育館の候補地は、庁内では○○公園が有力です。"),
        ("confidential.marking", "要支援者名簿を公開します。"),
    ],
)
def test_internal_matters_still_block(engine: PolicyEngine, rule: str, caption: str) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert rule in {f.rule for f in result.findings} and result.verdict == "block"


def test_a_matter_under_consideration_is_a_warning(engine: PolicyEngine) -> None:
    # The office may say in public that it is considering something: a person looks, no block.
    result = engine.check(KUMAMOTO, "市民病院の移転先は現在検討中です。")
    assert "undecided.policy" in {f.rule for f in result.findings}
    assert result.verdict == "warn"


# ---- everyday office notices that shared a word with a rule -----------------------------------
EVERYDAY_NOTICES = [
    "前売券は1,000円で販売中です。",
    "チケットは各プレイガイドで販売しています。",
    "布を日に晒して乾かします。",
    "蝉の声がうるさかったですね。",
    "作ったお皿はその日に持って帰れます。",
    "タイマーで記念撮影をしました。",
    "たいまつ行列が夜の町を照らします。",
    "住みたいまち熊本を目指して",
    "市長が公用車で会場に到着しました。",
    "落とし物の持ち主が見つかりません。お心当たりの方はご連絡ください。",
    "本物と偽物を見比べるクイズコーナーもあります。",
    "会場内での許可なく撮影はご遠慮ください。",
    "平和への祈りの集いを開きます。",
    "運気が上がるパワースポットとして知られています。",
    "鎌倉幕府の政権が成立した時代の資料です。",
    "次の選挙に向けて、期日前投票所を設置します。",
    "熊本市防災アプリをインストールしてください。",
    "学業成就のご利益を求めて、多くの参拝者が訪れます。",
    "サプライズの内容はまだバレないように準備中です。",
    "写真の無断転載・無断使用はお断りします。",
    "インスタグラムID：artistspot_kumamoto をフォローしてね",
    "会員ID:12345の方は受付へお越しください。",
    "整理券は当日配布します。パスワードは不要です。",
    "地域のお年寄りが集うサロンで、子どもたちが歌を披露しました。",
    "男の人には少し難しいかもしれませんが、刺しゅう体験にぜひ挑戦を！",
    "あの国の料理を紹介するワークショップです。",
    "会場にはエレベーターがないため、車いすでは2階に入れません。ご了承ください。",
    "長崎の外人墓地をテーマにした写真展です。",
    "血筋をたどる家系図講座を開きます。",
    "ハーフの子どもたちによる国際交流ステージ",
    "映画「釣りバカ日誌」の上映会を開きます。",
    "動物園のアホロートルに赤ちゃんが生まれました。",
    "天気は最悪でしたが、たくさんの方にご来場いただきました。",
    "雨がひどすぎて、屋外ステージは中止になりました。",
    "絵が下手くそでも大丈夫！初心者向けの絵画教室です。",
    "「死にたい」と思ったら、一人で悩まず相談してください。こころの相談ダイヤルはこちら。",
    "大人の夜のミュージアムツアーを開催します。",
    "きわどい判定が続いた熱戦でした。",
    "賭博の歴史を紹介する企画展（江戸時代の資料）。",
    "「爆破予告」があったため、本日の講座は中止しました。",
    "この作品には、作家の「もう限界」という叫びが込められています。",
    "名画の模写に挑戦するワークショップを開きます。",
    "本物そっくりの食品サンプル作り体験",
    "写真提供：熊本市観光政策課",
]


@pytest.mark.parametrize("caption", EVERYDAY_NOTICES)
def test_everyday_notices_are_not_blocked(engine: PolicyEngine, caption: str) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert result.verdict != "block", [(f.rule, f.excerpt) for f in result.findings]
    rules = [f.rule for f in result.findings if f.severity != "info"]
    assert not [r for r in rules if not r.startswith("model.")], rules  # no rule fires


STILL_BLOCKED = [
    ("illegal.acts", "バレないよ、夜中に捨てれば。"),
    ("illegal.acts", "偽物のブランドバッグが安く手に入るよ"),
    ("illegal.acts", "市の公用車で家族と買い物に行きました。"),
    ("illegal.acts", "勝手に持って帰っていいよ、公園の花。"),
    ("political.campaign", "次の選挙はぜひ〇〇さんを応援してください"),
    ("commercial.sales", "当店オリジナルグッズ、今なら20%オフで販売中！"),
    ("security.malware", "アカウントが停止されます。こちらのアプリをインストールしてください。"),
    ("security.credentials", "ID: artistspot_kumamoto パスワード: kuma2039"),
    ("security.credentials", "ログインID：bunka01 PW：xxxx"),
    ("discrimination.slur", "お年寄りが増えて本当に迷惑です。"),
    ("discrimination.slur", "あの国の人はお断りです。"),
    ("discrimination.slur", "車いすの方はご遠慮ください。"),
    ("defamation.insult", "あの店の料理は最悪でした。二度と行かない。"),
    ("defamation.insult", "受付の職員の対応がひどすぎる。"),
    ("public_order.violence", "明日、市役所を爆破する。"),
    ("obscenity.sexual", "大人の夜のお楽しみ、セクシーな衣装で待ってるよ"),
]


@pytest.mark.parametrize(("rule", "caption"), STILL_BLOCKED)
def test_the_real_thing_still_blocks(engine: PolicyEngine, rule: str, caption: str) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert rule in {f.rule for f in result.findings}, [(f.rule, f.excerpt) for f in result.findings]
    assert result.verdict == "block"


# ---- birth dates ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "caption",
    [
        "対象：平成17年4月2日〜平成18年4月1日生まれの方",  # 二十歳のつどい: a criterion
        "令和2年4月1日生まれ以降のお子さまが対象です。",
        "2025年5月10日生まれのキリンの赤ちゃんの名前が決まりました。",
    ],
)
def test_a_birth_date_criterion_or_an_animal_s_is_not_pii(
    engine: PolicyEngine, caption: str
) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert _pii(result) == [] and result.verdict != "block"


@pytest.mark.parametrize(
    "caption",
    [
        "山田太郎さん（2001年5月3日生まれ）",
        "生年月日：1990年1月1日",
        "2001年5月3日生まれの鈴木さん",
    ],
)
def test_a_person_s_birth_date_still_blocks(engine: PolicyEngine, caption: str) -> None:
    result = engine.check(KUMAMOTO, caption)
    assert "pii.birthdate" in {rule for rule, _ in _pii(result)} and result.verdict == "block"
