"""Personal information: both sides (evasions caught, ordinary municipal text left alone)."""

from __future__ import annotations

import pytest

from chatbot.policy import normalize as normalize_module
from chatbot.policy.detectors import names
from chatbot.policy.detectors.hits import Hit
from chatbot.policy.detectors.pii import PiiConfig, detect_pii, my_number_is_valid, phone_digits
from chatbot.policy.normalize import normalize

OFFICE = PiiConfig(
    allow_phones=frozenset({"0963282039"}),
    allow_emails=frozenset({"info@city.kumamoto.lg.jp"}),
    allow_addresses=("〒860-8601 熊本市中央区手取本町1-1",),
    allow_names=frozenset({"大西一史"}),
)


def found(text: str, cfg: PiiConfig = OFFICE) -> list[tuple[str, str]]:
    hits = detect_pii(normalize(text), cfg)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.excerpt
    return [(h.kind, h.excerpt) for h in hits]


# A number or address nothing says is a person's or an office's is reported as "…_unsure" (a
# warning, not a block): these tests are about finding it at all, so both kinds count.
_FAMILY = {
    "phone": ("phone", "phone_unsure"),
    "address": ("address", "address_unsure"),
    "postal_code": ("postal_code", "address_unsure"),
}


def only(text: str, kind: str, cfg: PiiConfig = OFFICE) -> list[Hit]:
    kinds = _FAMILY.get(kind, (kind,))
    return [h for h in detect_pii(normalize(text), cfg) if h.kind in kinds]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("携帯は090-1234-5678です", "090-1234-5678"),
        ("携帯は０９０－１２３４－５６７８です", "０９０－１２３４－５６７８"),
        ("携帯は〇九〇ー一二三四ー五六七八です", "〇九〇ー一二三四ー五六七八"),
        ("携帯は0 9 0 - 1 2 3 4 - 5 6 7 8です", "0 9 0 - 1 2 3 4 - 5 6 7 8"),
        ("携帯は09\u200b0-12\u200c34-5678です", "09\u200b0-12\u200c34-5678"),
        ("電話 +81 90-1234-5678", "+81 90-1234-5678"),
        ("電話 (03)1234-5678", "(03)1234-5678"),
        ("電話 0312345678", "0312345678"),
        ("電話 03-1234-5678", "03-1234-5678"),
        ("店 0965-12-3456", "0965-12-3456"),
    ],
)
def test_phone_numbers_and_their_evasions(text: str, excerpt: str) -> None:
    hits = only(text, "phone")
    assert [h.excerpt for h in hits] == [excerpt]
    assert text[hits[0].start : hits[0].end] == excerpt


def test_toll_free_and_shared_cost_numbers_are_no_one_s_private_line() -> None:
    assert only("フリーダイヤル0120-123-456", "phone") == []
    assert only("ナビダイヤル 0570-064-370", "phone") == []
    assert only("0800-123-4567", "phone") == []


def test_office_phone_on_the_allow_list_passes_in_any_spelling() -> None:
    assert only("お問い合わせ 096-328-2039", "phone") == []
    assert only("お問い合わせ ０９６（３２８）２０３９", "phone") == []
    assert only("お問い合わせ +81-96-328-2039", "phone") == []
    assert phone_digits("+81 96-328-2039") == "0963282039"


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("連絡先 taro.yamada@example.com まで", "taro.yamada@example.com"),
        ("連絡先 ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ まで", "taro@example.jp"),
        ("連絡先 taro at example dot jp まで", "taro@example.jp"),
        ("連絡先 taro[at]example.jp まで", "taro@example.jp"),
        ("連絡先 taro(at)example(dot)co(dot)jp まで", "taro@example.co.jp"),
        ("連絡先 t a r o @ e x a m p l e . j p まで", "taro@example.jp"),
        ("連絡先 taro\u200b@example.jp まで", "taro@example.jp"),
    ],
)
def test_email_addresses_and_their_evasions(text: str, address: str) -> None:
    hits = only(text, "email")
    assert [h.detail for h in hits] == [address]


def test_email_non_matches() -> None:
    assert only("info@city.kumamoto.lg.jp へどうぞ", "email") == []
    assert only("meet at the station dot com", "email") == []
    assert only("@kumamoto_city をフォロー", "email") == []


def test_postal_codes() -> None:
    assert [h.excerpt for h in only("〒862-0950 熊本市", "postal_code")] == ["〒862-0950"]
    assert [h.excerpt for h in only("郵便番号8620950", "postal_code")] == ["郵便番号8620950"]
    assert [h.excerpt for h in only("862-0950 熊本市中央区", "postal_code")] == ["862-0950"]
    assert only("〒8608601", "postal_code") == []  # the office's own, allow-listed
    assert only("参加費 500-1000円", "postal_code") == []
    assert only("受付 123-4567番", "postal_code") == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("自宅は桜町1丁目2番3号です", "桜町1丁目2番3号"),
        ("熊本市中央区水前寺6丁目18番1号", "熊本市中央区水前寺6丁目18番1号"),
        ("中央区花畑町4-1にお住まい", "中央区花畑町4-1"),
        ("熊本市東区新南部3-4-5-101号室", "熊本市東区新南部3-4-5-101号室"),
        ("自宅は花畑町2番地", "花畑町2番地"),
        ("〇〇町一丁目二番三号", "〇〇町一丁目二番三号"),
    ],
)
def test_street_addresses(text: str, excerpt: str) -> None:
    assert [h.excerpt for h in only(text, "address")] == [excerpt]


def test_allow_listed_office_address_and_room_pass() -> None:
    assert found("会場：熊本市中央区手取本町1-1 市役所本庁舎14階") == []
    assert found("中央区手取本町1-1") == []


def test_my_number_requires_a_valid_check_digit() -> None:
    assert my_number_is_valid("123456789018")
    assert not my_number_is_valid("123456789012")
    assert [h.excerpt for h in only("番号 1234 5678 9018", "my_number")] == ["1234 5678 9018"]
    assert [h.excerpt for h in only("番号１２３４－５６７８－９０１８", "my_number")] == [
        "１２３４－５６７８－９０１８"
    ]
    assert only("番号 123456789012", "my_number") == []
    assert only("番号 1234567890180", "my_number") == []


@pytest.mark.parametrize(
    "text",
    [
        "生年月日：2001年4月1日",
        "2001年4月1日生まれ",
        "H13.4.1生",
        "誕生日は4月1日です",
        "平成13年4月1日生",
    ],
)
def test_birthdates(text: str) -> None:
    assert [h.kind for h in detect_pii(normalize(text), OFFICE)] == ["birthdate"]


def test_birthdate_non_matches() -> None:
    assert found("2026年4月1日生涯学習センターで") == []
    assert found("応募用紙に生年月日を記入してください") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("山田太郎さんが来ました", "山田太郎"),
        ("佐藤様が来られました", "佐藤"),
        ("鈴木くんが優勝", "鈴木"),
        ("優勝は山田 太郎でした", "山田 太郎"),
    ],
)
def test_private_person_names(text: str, name: str) -> None:
    assert [h.excerpt for h in only(text, "person_name")] == [name]


def test_public_names_places_and_greetings_are_not_names() -> None:
    assert found("大西一史市長があいさつしました") == []
    assert found("水前寺公園で、皆様のご来場をお待ちしています。みなさん、こんにちは") == []
    assert found("山田さん", PiiConfig(detect_names=False)) == []


def test_names_in_long_captions_are_found_near_honorifics() -> None:
    filler = "市役所からのお知らせです。" * 60
    text = filler + "受賞者の田中花子さんに拍手を。" + filler
    hits = only(text, "person_name")
    assert [h.excerpt for h in hits] == ["田中花子"]
    assert hits[0].start == len(filler) + len("受賞者の")


ORDINARY = (
    "【イベントのお知らせ】12/7(土)10:00～12:00、市役所1階ロビーで開催します。"
    "参加費500円、先着30名。2026年(令和8年)12月の予定です。第3-2会議室、町内会12-1。"
    "会場：熊本市中央区手取本町1-1 本庁舎101号室。お問い合わせは096-328-2039、"
    "info@city.kumamoto.lg.jp まで。詳しくは市ホームページをご覧ください。#熊本市"
)


def test_ordinary_municipal_post_has_no_pii() -> None:
    assert found(ORDINARY) == []


def test_offsets_point_into_the_original_caption() -> None:
    text = "【募集】\u3000担当：０９０－１２３４－５６７８（山田）"
    hits = only(text, "phone")
    assert (hits[0].start, hits[0].end) == (text.index("０"), text.index("（"))


def test_pii_on_a_long_caption_is_the_same_cold_and_warm() -> None:
    # Speed is measured in benchmarks/policy_bench.py, never timed here (shared, noisy machines).
    caption = (ORDINARY * 10)[:2200]
    # A cold start: the Sudachi dictionary and the invisible-char table load lazily.
    names._analyzer.cache_clear()
    normalize_module._invisible_chars.cache_clear()
    cold = detect_pii(normalize(caption), OFFICE)
    warm = [detect_pii(normalize(caption), OFFICE) for _ in range(3)]
    assert all(run == cold for run in warm)


def test_contact_block_on_separate_lines_is_not_glued_into_one_address() -> None:
    text = "TEL 096-328-2039\nMAIL bunkaseisaku@example.com\nFAX 096-111-2222"
    hits = detect_pii(normalize(text), PiiConfig(allow_phones=frozenset({"0963282039"})))
    assert [(h.kind, h.excerpt) for h in hits] == [
        ("email", "bunkaseisaku@example.com"),
        ("phone_unsure", "096-111-2222"),  # a landline nothing says is an office's or a person's
    ]
    allowed = PiiConfig(
        allow_phones=frozenset({"0963282039", "0961112222"}),
        allow_emails=frozenset({"bunkaseisaku@example.com"}),
    )
    assert detect_pii(normalize(text), allowed) == []


def test_numbers_next_to_other_numbers_are_still_found() -> None:
    assert [h.excerpt for h in only("2026 090-1234-5678", "phone")] == ["090-1234-5678"]
    text = "TEL 096-111-2222 096-111-2223"
    assert [h.excerpt for h in only(text, "phone")] == ["096-111-2222", "096-111-2223"]


def test_public_address_written_with_ban_and_go_matches_the_dashed_allow_entry() -> None:
    assert found("〒860-8601 熊本市中央区手取本町1番1号") == []
    assert (
        [
            h.kind
            for h in detect_pii(normalize("〒860-8601 熊本市中央区手取本町1番1号"), PiiConfig())
        ]
        == []
    )  # 〒860-8601 is an organisation's own postal code (85-87 after the area), never a home's


def test_surname_with_a_given_name_the_dictionary_does_not_know() -> None:
    text = "曽根小学校3年2組の高橋ひなたちゃん"
    assert [h.excerpt for h in only(text, "person_name")] == ["高橋ひなた"]
    assert found("森の中さんぽ") == []


def test_personal_line_id_but_not_an_official_account() -> None:
    hits = only("担当：木村（個人LINE ID: kimura_0312）", "messenger_id")
    assert [(h.excerpt, h.detail) for h in hits] == [("kimura_0312", "kimura_0312")]
    assert [h.excerpt for h in only("ＬＩＮＥ ＩＤは ｔａｒｏ１２３", "messenger_id")] == [
        "ｔａｒｏ１２３"
    ]
    assert only("公式LINE ID：@kokuraminami を友だち追加", "messenger_id") == []


def test_phone_in_brackets_does_not_take_the_opening_bracket() -> None:
    caption = "山田さん（090-1234-5678）が出演します。"
    hits = [
        h
        for h in detect_pii(normalize(caption), PiiConfig(detect_names=False))
        if h.kind == "phone"
    ]
    assert [caption[h.start : h.end] for h in hits] == ["090-1234-5678"]


@pytest.mark.parametrize(
    "caption",
    ["ありがとうございました！ @sora_days @hana.kokura", "写真：@sora_days @hana.kokura さん"],
)
def test_two_handles_in_a_row_are_not_an_email_address(caption: str) -> None:
    hits = detect_pii(normalize(caption), PiiConfig(detect_names=False))
    assert [h for h in hits if h.kind == "email"] == []


def test_an_address_after_a_handle_is_still_found() -> None:
    caption = "@artistspot_kumamoto お問い合わせ taro.yamada@example.jp まで"
    hits = [
        h
        for h in detect_pii(normalize(caption), PiiConfig(detect_names=False))
        if h.kind == "email"
    ]
    assert [caption[h.start : h.end] for h in hits] == ["taro.yamada@example.jp"]
