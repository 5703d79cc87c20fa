"""Personal information in a caption: phone, e-mail, postal code, address, My Number, birthdate.

Digits are searched in ``nt.compact`` (no whitespace, kanji numerals as digits) so that spaced,
full-width, zero-width-split and kanji-numeral evasions are caught; words in ``nt.text``.
Toll-free and other business numbers are still reported unless allow-listed: the checker
cannot tell a shop's number from a person's, and the officer can allow the office's own. A
landline published under a public office's or venue's name (課, センター, 会館 …) is that office's,
and a role mailbox (info@, contact@ …) or one on a government domain (.lg.jp, .go.jp) is not a
person's.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import pairwise

import phonenumbers

from chatbot.policy.detectors.hits import Hit, dedupe_hits, hit_from_compact, hit_from_text
from chatbot.policy.detectors.lexicon import first_chars_regex, scan
from chatbot.policy.detectors.links import has_public_suffix
from chatbot.policy.detectors.names import WELL_KNOWN_DEAD, detect_names
from chatbot.policy.normalize import NormalizedText, normalize

# The look-behind sits after the first character so that the regex engine can skip ahead to a
# "+", "(" or "0" (a leading look-behind disables that and made this scan slow on long text).
_PHONE_RE = re.compile(
    r"(?:\+(?<![\d+\-]\+)81[\-(]*|\((?<![\d+\-]\()0|0(?<![\d+\-]0))"
    r"\d(?:[\d()]|-(?=\d|\())*(?<=\d)(?!\d)"
)
_MY_NUMBER_RE = re.compile(r"\d(?<![\d\-]\d)\d{3}-?\d{4}-?\d{4}(?![\d\-])")
_LOCAL = r"[A-Za-z0-9._%+\-]+"
_LOCAL_END_RE = re.compile(rf"{_LOCAL}$")
_DOMAIN_RE = re.compile(r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_AT_WORD_RE = re.compile(
    r"\[at\]|\(at\)|<at>|\{at\}|\sat\s|アットマーク|あっとまーく", re.IGNORECASE
)
# (アットマーク), (ドット): the words in brackets as well.
_AT = r"\s*(?:\[at\]|\(at\)|<at>|\{at\}|\s+at\s+|[(（]?(?:アットマーク|あっとまーく)[)）]?)\s*"
_DOT = r"(?:\s*(?:\[dot\]|\(dot\)|<dot>|\{dot\}|[(（]?(?:ドット|どっと)[)）]?)\s*|\s+dot\s+|\.)"
_EVASIVE_EMAIL_RE = re.compile(
    rf"({_LOCAL}){_AT}([A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)+)", re.IGNORECASE
)
_DOT_WORD_RE = re.compile(_DOT, re.IGNORECASE)
# Every match of _AT_WORD_RE holds "at" in some case or アットマーク/あっとまーく: a search the
# regex engine can skip ahead in (_AT_WORD_RE's "\sat\s" keeps it from doing so).
_AT_HINT_RE = re.compile("at|aT|At|AT|アットマーク|あっとまーく")

# A personal LINE ID; official accounts start with "@" and are public.
_MESSENGER_RE = re.compile(
    r"(?:LINE|ライン)\s*(?:の)?\s*[（(]?\s*(?:ID|アイディー)\s*(?:は|[:：]|\s+is\s+)?\s*[「『]?\s*(?!@)"
    r"([A-Za-z0-9][A-Za-z0-9._\-]{3,19})",
    re.IGNORECASE,
)
_MESSENGER_STARTS = first_chars_regex(_MESSENGER_RE.pattern, _MESSENGER_RE.flags)
# Bounded: an unbounded run after a 20-character place run made long digit runs quadratic.
_NUM = r"[0-9〇一二三四五六七八九十]{1,6}"
_PLACE_CHAR = "都道府県市区町村郡"
# Kanji/katakana run just before the numbers: a place name (hiragana ends it, so "市で開催" is not).
_RUN = r"[\u4e00-\u9fff々〇ヶケ\u30a1-\u30fa\u30fc]{2,20}"
_STRONG_BLOCK = (
    rf"{_NUM}丁目(?:{_NUM}番地?(?:{_NUM}号)?|{_NUM}号|{_NUM}(?:-{_NUM}){{0,2}})"
    rf"|{_NUM}番地(?:{_NUM}号?)?|{_NUM}番{_NUM}号"
)
# A block number never starts with 0: "文化政策課096-328-2039" is a phone, not an address.
_DASH_BLOCK = rf"(?![0〇]){_NUM}-{_NUM}(?:-{_NUM})?"
_ROOM = rf"(?:-?{_NUM}号室)?"
# "12-13日", "14-15時", "1-2月", "3-4階", "1-50番": a range of days, hours, floors or numbers.
_COUNTERS = "日月時分秒年回階番名人円%％枚件歳才組位部校週限期"
_ADDRESS_RE = re.compile(
    rf"(?P<run>{_RUN})(?:(?P<strong>{_STRONG_BLOCK}){_ROOM}"
    rf"|(?P<dash>{_DASH_BLOCK}{_ROOM})(?![0-9\-/{_COUNTERS}]))"
)
# A place character followed by one of these is a word like 町内会, 市民, 区役所, 県立.
_NOT_PLACE_NEXT = "内民役長議営立政外庁会場税域制"
# Public venues and offices publish their address; a private person's home does not.
_VENUE_REACH = 40
_VENUE_CUES = (
    "センター", "会館", "ホール", "公民館", "図書館", "美術館", "博物館", "資料館", "体育館",
    "公園", "広場", "役所", "役場", "庁舎", "学校", "施設", "会場", "所在地", "場所", "ギャラリー",
    "劇場", "市場", "駅", "神社", "寺", "城", "記念館", "プラザ", "アリーナ", "スタジアム",
    "交流", "文化", "市民", "区民", "県立", "市立", "区立", "事務所", "窓口", "集合",
    "アクセス", "📍", "会館", "館", "庁", "本庁", "支所", "出張所", "まちづくりセンター",
    "大社", "教会", "ビル", "ホテル", "開催地", "開催場所",
    # a shop or farm publishes where it is: お店「まるや」さん（…）, 直売所（…）
    "お店", "店舗", "カフェ", "工房", "農園", "直売所", "商店", "食堂",
    # access and opening information is a venue's: 電停から徒歩3分, 駐車場, 入館料, 休館日
    "徒歩", "電停", "バス停", "駐車場", "入園料", "入館料", "開館", "休館",
    # a historic house open to visitors, a showroom: 漱石内坪井旧居, 旧細川刑部邸, 住宅展示場
    "旧居", "旧宅", "邸", "生家", "屋敷", "展示場",
    # a spot on a road or a public facility of the ward: 工事区間, 通行止め, 避難所, 投票所
    "工事", "通行止", "交通規制", "区間", "道路", "国道", "県道", "市道", "踏切", "停留所",
    "避難所", "避難場所", "投票所", "集積所", "掲示場",
)  # fmt: skip
# 八旛宮（…, 動植物園（…, 幼稚園の…: 宮 and 園 end a venue's name; not 宮崎, 園田, 田園風景.
_VENUE_END_RE = re.compile(r"[\u4e00-\u9fff](?:宮|園)(?![\u4e00-\u9fff])")
_BUILDINGS = (
    "センター", "会館", "ホール", "公民館", "図書館", "美術館", "博物館", "資料館", "体育館",
    "役所", "役場", "庁舎", "学校", "劇場", "記念館", "プラザ", "アリーナ", "スタジアム",
    "ギャラリー", "公園", "広場", "神社", "八幡宮", "八旛宮", "天満宮", "大社", "県庁", "動物園",
    "植物園", "保育園", "幼稚園", "教会", "投票所", "避難所",
    # a historic house open to visitors and other named places (漱石内坪井旧居, 道の駅, 緑地)
    "旧居", "旧宅", "生家", "道の駅", "緑地", "自然の郷",
)  # fmt: skip
# A label at the start of the place-name run (normalisation drops the space in "場所　北九州市…").
_RUN_LABELS = ("場所", "会場", "所在地", "開催地", "開催場所", "集合場所", "アクセス", "本庁舎")
# "…新町2-3-4で開催", "…にて実施": where an event takes place is a venue.
_VENUE_AFTER = (
    "の広場", "の公園", "にある", "の会場", "の施設", "の建物", "（会場", "(会場", "で開催", "にて",
    "で行い", "で行われ", "で実施", "で開か", "へお越し", "にお越し", "に集合", "で受付", "で展示",
    # a spot on a street, not a home: …3-4付近の交差点, …の角, …周辺
    "付近", "周辺", "一帯", "の交差点", "交差点", "の角", "沿い",
)  # fmt: skip
# "…上葛原2-14-1 小倉南体育館にて", "…上通町2-3 びぷれす熊日会館7階の美術館", "…1号の志井公園",
# "（…2番3号）熊本市現代美術館": a building's name right after the address (same line).
_VENUE_NAME_AFTER_RE = re.compile(
    r"[ \u3000、,)）」』】（(]*の?"
    r"[\u3040-\u309f\u4e00-\u9fff\u30a1-\u30fa\u30fc々ヶA-Za-z0-9 \u3000・\-○〇◯]{0,20}?"
    r"(?:センター|館|ホール|役所|役場|庁|学校|劇場|プラザ|アリーナ|スタジアム|ギャラリー|公園"
    r"|広場|神社|宮|大社|寺|教会|園|城|駅|ビル|ホテル|会場|施設|市場|緑地|旧居|旧宅)"
)
# "…4番8号の国際交流会館で": the address's own building, named with の right after it.
_VENUE_OF_AFTER_RE = re.compile(
    r"の[\u4e00-\u9fff\u30a1-\u30fa\u30fc々ヶ]{0,16}?"
    r"(?:センター|会館|館|ホール|役所|役場|庁舎|学校|劇場|プラザ|アリーナ|スタジアム|ギャラリー"
    r"|公園|広場|神社|市場)(?:で|に|へ|の|は|$|[、。\s(（])"
)
# A home: 自宅, 山田さん宅, 住所は, …に住んでいる. Not the same characters inside other words (住宅,
# 帰宅, 在宅, 宅配, 旧宅, マンション管理) or telling who may take part (市内在住の方, お住まいの方,
# 市内に住んでいる方).
# Nor ご自宅 (the reader's home in general), nor a likeness (実家のような温かさのカフェ).
_PRIVATE_CUE_RE = re.compile(
    r"(?<!ご)自宅(?!のよう|みたい)|(?<![住帰在旧別邸社])宅(?![配地急建])"
    r"|住んで(?!いる方|いる人|いない)|住所は"
    r"|お住まい(?!の方|でない)|在住(?!の方|・|者|、|の皆|の人)|実家(?!のよう|みたい)|家は"
    r"|の家(?![族具電庭]|のよう|みたい)"
    r"|マンション(?!管理)|アパート|号室|(?<!お)住まい|引っ越|転居"
)
# Where a sentence ends: a home named in an earlier sentence is not this address's.
_SENTENCE_END_RE = re.compile(r"[。！？!?\n][^。！？!?\n]*$")
# A historic house or site open to visitors (夏目漱石が住んでいた旧居, 八雲が暮らした家は今も
# 公開中): the home of someone long dead is a venue.
_HISTORIC_PLACE_RE = re.compile(
    r"(?:旧居|旧宅|旧邸|生家|記念館|ゆかりの|史跡|文化財|跡地|公開中|一般公開|見学でき)"
    r"(?!のよう|みたい)"
)


def _has_private_cue(text: str) -> bool:
    return _PRIVATE_CUE_RE.search(text) is not None


_VENUE_ADDRESS_WORDS = ("会場の住所", "施設の住所", "館の住所", "会場住所", "施設住所")
_ADDRESS_NUMBER_RE = re.compile(r"(\d+)(?:丁目|番地の?|番|号)")
_POSTAL_MARK_RE = re.compile(r"(?:〒|郵便番号[:：]?)\s*\d{3}-?\d{4}(?!\d)")
# Not after ")": "(093)951-1024" is a phone with its area code in brackets, not a postal code.
_POSTAL_BARE_RE = re.compile(
    rf"(?<![\d\-/)])\d{{3}}-\d{{4}}(?![\d\-])(?=\s?[\u4e00-\u9fff]{{0,6}}[{_PLACE_CHAR}])"
)
# _POSTAL_BARE_RE without its look-behind (which keeps the regex engine from skipping ahead to a
# digit): where it matches is where _POSTAL_BARE_RE may.
_POSTAL_BARE_STARTS = re.compile(
    rf"\d{{3}}-\d{{4}}(?![\d\-])(?=\s?[\u4e00-\u9fff]{{0,6}}[{_PLACE_CHAR}])"
)

_YEAR = r"(?:(?:19|20)\d{2}|(?:昭和|平成|令和|[SHRshr])\s*(?:\d{1,2}|元))"
_DATE = rf"(?:{_YEAR}\s*[年./\-]\s*)?\d{{1,2}}\s*[月./\-]\s*\d{{1,2}}\s*日?"
_BIRTH_RE = re.compile(
    rf"(?:生年月日|誕生日)\s*(?:は|[:：]|\s)?\s*{_DATE}"
    rf"|{_YEAR}\s*[年./\-]\s*\d{{1,2}}\s*[月./\-]\s*\d{{1,2}}\s*日?\s*生(?:まれ|れ)?(?![\u4e00-\u9fff])"
)
# Its alternatives (生年月日, 誕生日, a year) keep the regex engine from skipping ahead by itself.
_BIRTH_STARTS = first_chars_regex(_BIRTH_RE.pattern, _BIRTH_RE.flags)


@dataclass(frozen=True)
class PiiConfig:
    """What the office publishes on purpose: its own phone, e-mail, address; public names."""

    allow_phones: frozenset[str] = frozenset()
    allow_emails: frozenset[str] = frozenset()
    allow_addresses: tuple[str, ...] = ()
    allow_names: frozenset[str] = frozenset()
    detect_names: bool = True
    # Addresses on these domains (and any subdomain) belong to offices: the pack's own domains.
    allow_email_domains: tuple[str, ...] = ()


# Only local and national government bodies can register these: an office's mailbox.
_GOVERNMENT_SUFFIXES = (".lg.jp", ".go.jp")


# A role mailbox (info@, contact@ …) is an organisation's, not a person's.
_ROLE_MAILBOXES = frozenset(
    {"info", "contact", "support", "office", "event", "events", "mail", "webmaster", "ticket"}
    | {"tickets", "inquiry", "inquiries", "toiawase", "otoiawase", "jimukyoku", "press", "pr"}
    | {"koho", "kouhou", "reception", "uketsuke", "shop", "store", "admin", "hello", "staff"}
)


def _is_office_email(address: str, cfg: PiiConfig) -> bool:
    local, _, domain = address.lower().rpartition("@")
    domain = domain.rstrip(".")
    if domain.endswith(_GOVERNMENT_SUFFIXES) or local in _ROLE_MAILBOXES:
        return True
    return any(domain == d or domain.endswith("." + d) for d in cfg.allow_email_domains)


_NON_DIGIT_RE = re.compile(r"\D")


def phone_digits(raw: str) -> str:
    """National-format digits of a Japanese number: "+81 96-328-2039" -> "0963282039"."""
    digits = _NON_DIGIT_RE.sub("", raw)
    if raw.lstrip().startswith("+81"):
        digits = "0" + digits[2:].lstrip("0")
    return digits


@lru_cache(maxsize=4096)
def is_japanese_phone(digits: str) -> bool:
    """A valid Japanese number in national format (cached: pii and accuracy both ask)."""
    # 010 is Japan's international call prefix: phonenumbers reads 010-210-0000 as a call abroad
    # and raises for a country code that does not exist. No national number begins with it.
    if not 10 <= len(digits) <= 11 or not digits.startswith("0") or digits.startswith("010"):
        return False
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(digits, "JP")))
    except phonenumbers.NumberParseException:
        return False


def _digit_matches(
    nt: NormalizedText, regex: re.Pattern[str], keep: Callable[[str], bool] | None = None
) -> list[tuple[str, Hit]]:
    """Matches in the compact view (evasions) and in the text (numbers the compact view glues
    to a neighbour, as in "2026 090-…"), as (matched text, hit); only those ``keep`` accepts
    when it is given (the others are never mapped back to the caption)."""
    found = []
    for view, hit_from in ((nt.compact, hit_from_compact), (nt.text, hit_from_text)):
        for m in regex.finditer(view):
            raw = m.group()
            if keep is None or keep(raw):
                found.append((raw, hit_from(nt, "", m.start(), m.end())))
    return found


# A landline published under a public office's or venue's name (熊本市観光政策課 096-…,
# 熊本城ホール（電話096-…）, 096-…（美術館代表）) is that office's number, not a person's. Mobile,
# IP-phone and pager numbers are always someone's own.
_PERSONAL_PREFIXES = ("070", "080", "090", "050", "020")
# Toll-free and shared-cost numbers (0120, 0800, ナビダイヤル 0570, 0180) are businesses' and
# offices' lines: no private person has one.
_BUSINESS_PREFIXES = ("0120", "0800", "0570", "0180")
_OFFICE_WORDS = (
    r"(?:課|係|室|局|署|事務所|出張所|支所|センター|会館|館|ホール|役所|役場|窓口|事務局|庁舎"
    r"|公園|施設|協会|財団|学校|園|組合|本部|市|区|町|村|県|代表|受付|劇場|アリーナ|プラザ"
    r"|委員会|協議会)"
)
_PHONE_LABEL = r"(?:代表|直通)?\s*(?:電話|tel|fax|☎|℡|でんわ)?\s*(?:番号)?\s*[:：.．]?"
# 熊本市コールセンター（ひごまる）096-…: a nickname in brackets may follow the office's name.
_OFFICE_BEFORE_RE = re.compile(
    rf"{_OFFICE_WORDS}\s*(?:[（(][^()（）\n]{{1,12}}[)）])?\s*[（(、,/]?\s*{_PHONE_LABEL}\s*[（(]?\s*$",
    re.IGNORECASE,
)
# (小倉南区役所), (美術館代表), (西原村役場); not (木村), (中村), (中園): surnames end in 村, 町,
# 園, 室, so those words need two characters before them.
_OFFICE_AFTER_RE = re.compile(
    r"^\s*[）)]?\s*[（(]\s*[^()（）\n]{0,16}"
    rf"(?:(?<=[^()（）\n]{{2}})(?:村|町|園|室)|{_OFFICE_WORDS}(?<![村町園室]))"
    r"[^()（）\n]{0,4}[）)]"
)
# "096-… 文化政策課まで", "093-… 小倉南区役所へ": the office named right after, without brackets.
_OFFICE_NEXT_RE = re.compile(
    r"^\s*[\u4e00-\u9fff\u30a1-\u30fa\u30fc々ヶ]{0,16}"
    rf"(?:{_OFFICE_WORDS})(?<![村町園室])(?:まで|へ|に|の|[（(]|\s|$)"
)
# 096-…（木村）, 093-…(中村): a surname in brackets after a number is whose number it is.
_NAME_AFTER_RE = re.compile(r"^\s*[（(]\s*[\u4e00-\u9fff々]{1,4}\s*(?:様|さん)?\s*[)）]")
# Another number of the same office on its line: "TEL 093-951-1024 FAX 093-951-4014".
_BETWEEN_OFFICE_NUMBERS_RE = re.compile(
    r"^[\s、,/／・|｜]*(?:[（(]?\s*(?:内線|代表)[^()（）\n]{0,8}[)）]?)?[\s、,/／・|｜]*"
    r"(?:fax|tel|ファクス|ファックス|ファクシミリ|電話|☎|℡|直通)?\s*(?:番号)?\s*[:：.．]?\s*$",
    re.IGNORECASE,
)
_PERSON_NEAR = ("自宅", "携帯", "個人", "さん", "様", "くん", "ちゃん", "宅")
# Words with さん/様/携帯/宅 in them that name no one in particular: the public addressed as a
# whole (皆様, みなさん, お客様センター, お子様連れ, ご家族様), the reader's phone (携帯電話から
# もご利用いただけます, ※携帯からも可) or home in general (ご自宅で).
_NOT_A_PERSON_RE = re.compile(
    r"(?:皆|みな|みんな|お客|お子|お連れ|ご家族|家族|お得意|ご利用者|利用者|参加者|来場者"
    r"|出演者|各位|お取引先|ご依頼主|お届け先)(?:さん|様|さま)"
    r"|携帯(?:電話)?(?:・スマホ)?(?:から|でも|・スマートフォン|やスマ)|ご自宅"
)


def _person_near(before: str, after: str) -> bool:
    """A person named or pointed at within a few characters of a number."""
    before = _NOT_A_PERSON_RE.sub("・", before[-16:])[-12:]
    after = _NOT_A_PERSON_RE.sub("・", after[:16])[:12]
    return any(w in before or w in after for w in _PERSON_NEAR)


# 受付番号 080-…, 整理券番号 090-…, 作品番号：…, 品番 …: a number with a label that says it is not
# a phone number (a ticket, an order, a lot, a work) is nobody's contact. Labels of a phone or of
# a My Number (電話番号, 携帯番号, 連絡先番号, FAX番号, 個人番号) are not such labels.
_NUMBER_LABEL_RE = re.compile(
    r"(?P<word>[\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z]{1,8})\s*(?:番号|No\.?|ナンバー|コード)"
    r"\s*[:：は]?\s*[「『（(]?\s*$"
    r"|(?:ロット|品番|型番|isbn|issn|jan|No\.)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_PHONE_LABEL_WORDS = re.compile(
    r"(?:電話|でんわ|携帯|ケータイ|連絡先|連絡|fax|ファクス|ファックス|ファクシミリ|直通|代表|内線"
    r"|個人|マイ|問い?合わ?せ|問合|お問|ダイヤル|tel|緊急)$",
    re.IGNORECASE,
)
# 09012345678円, 0901人: a count or a price, not a number to call.
_COUNTER_AFTER_RE = re.compile(r"円|人(?![\u4e00-\u9fff])")


# 090-1234-5678 as people write a mobile number: someone's own line even when the numbering plan
# has no such number (a typo, or 080-0… which the plan gives to toll-free 0800): the accuracy
# check says it cannot exist, and it is still a private contact.
_MOBILE_SHAPE_RE = re.compile(r"[(（]?0[789]0[)）]?[-‐−ー\s]?\d{4}[-‐−ー\s]?\d{4}")


def _mobile_shaped(raw: str) -> bool:
    return _MOBILE_SHAPE_RE.fullmatch(raw.strip()) is not None


def _business(raw: str, digits: str) -> bool:
    """A toll-free or shared-cost number (0120, 0570, 0180, and 0800 written as such)."""
    return digits.startswith(_BUSINESS_PREFIXES) and not _mobile_shaped(raw)


def _near_miss(digits: str, allowed: set[str]) -> bool:
    """One digit off one of the office's own numbers: a typo of it, not another office line."""
    return any(
        len(a) == len(digits) and sum(x != y for x, y in zip(a, digits, strict=True)) == 1
        for a in allowed
    )


def _phone_owner(nt: NormalizedText, hit: Hit, digits: str, allowed: set[str]) -> str:
    """Whose landline or mobile number this is: "office", "private" or "unsure".

    Mobile, IP-phone and pager numbers are always someone's own; a landline is an office's when
    an office or venue is named beside it, a person's when a person is, and unsure otherwise.
    """
    if _near_miss(digits, allowed):
        return "private"
    text = nt.original
    line_start = text.rfind("\n", 0, hit.start) + 1
    before = unicodedata.normalize("NFKC", text[max(line_start, hit.start - 30) : hit.start])
    after = unicodedata.normalize("NFKC", text[hit.end : hit.end + 24].split("\n", 1)[0])
    if digits.startswith(_PERSONAL_PREFIXES):
        return _mobile_owner(before, after)
    if _person_near(before, after):
        return "private"
    if _office_before(before) or _OFFICE_AFTER_RE.match(after) or _OFFICE_NEXT_RE.match(after):
        return "office"
    if _NAME_AFTER_RE.match(after) or _HONORIFIC_RE.search(before[-16:]):
        return "private"
    # 窓口または電話（…）, 申込み・問合せ 093-…, 予約はお電話で …: a landline given as where to ask
    # or apply, with no person named beside it, is the office's or the organiser's.
    if (_ASK_CUE_RE.search(before) or _ASK_AFTER_RE.match(after)) and not _bare_word_before(before):
        return "office"
    if _office_block_above(text, line_start, before):
        return "office"
    return "unsure"


# みなみ朝市実行委員会 090-…, 直売所（090-…）: a group or a shop that publishes a mobile number.
_GROUP_WORDS = (
    r"(?:実行委員会|委員会|事務局|協議会|自治会|保存会|振興会|連合会|組合|協会|団体|サークル"
    r"|クラブ|楽団|農園|直売所|商店|店|工房|教室)"
)
_GROUP_BEFORE_RE = re.compile(
    rf"{_GROUP_WORDS}\s*(?:[（(][^()（）\n]{{1,12}}[)）])?\s*[（(、,/]?\s*{_PHONE_LABEL}\s*[（(]?\s*$",
    re.IGNORECASE,
)
_GROUP_AFTER_RE = re.compile(rf"^\s*[)）]?\s*[（(][^()（）\n]{{0,16}}{_GROUP_WORDS}[）)]")


def _mobile_owner(before: str, after: str) -> str:
    """A mobile, IP-phone or pager number is someone's own: "private", or "unsure" when it is
    given under a group's or a shop's name with no person named beside it (a person looks)."""
    if _person_near(before, after):
        return "private"
    if _NAME_AFTER_RE.match(after) or _HONORIFIC_RE.search(before[-16:]):
        return "private"
    if _GROUP_BEFORE_RE.search(before) or _GROUP_AFTER_RE.match(after):
        return "unsure"
    return "private"


# Words that present a number as where to ask, apply or book (after NFKC).
_ASK_CUE_RE = re.compile(
    r"(?:問い?合わ?せ|問合|お問|問[:/：／]|申込み?|申し込み?|予約|相談|受付|窓口)(?![者人])"
    r"|電話で|お電話|または電話|ダイヤル|詳細は|詳しくは"
    r"|ご連絡は|連絡は|下記まで|まで[:：]"
)
# 問い合わせは実行委員の山田 096-…: a bare kanji word right before the number may be whose it is.
_BARE_WORD_BEFORE_RE = re.compile(
    r"(?:^|[^\u4e00-\u9fff々])([\u4e00-\u9fff々]{1,4})[\s:：]*[（(]?\s*$"
)
_LABEL_WORDS = ("電話", "代表", "直通", "番号", "携帯", "連絡先", "内線", "専用", "番")
_OFFICE_WORD_END_RE = re.compile(rf"{_OFFICE_WORDS}$")


def _bare_word_before(before: str) -> bool:
    """A short kanji word, not a label or an office's name, right before the number."""
    m = _BARE_WORD_BEFORE_RE.search(before)
    if m is None:
        return False
    word = m.group(1)
    return not (
        any(w in word for w in _LABEL_WORDS)
        or _ASK_CUE_RE.search(word)
        or (_OFFICE_WORD_END_RE.search(word) and _SURNAME_LIKE_RE.search(word) is None)
    )


# 木村, 中村, 中園 end as a village, a town or a garden does: one of those words names an office
# only after two more characters (西原村, 美里町).
_SURNAME_LIKE_RE = re.compile(r"(?:^|[^\u4e00-\u9fff々])[\u4e00-\u9fff々]?[村町園室]$")


def _office_before(before: str) -> bool:
    m = _OFFICE_BEFORE_RE.search(before)
    if m is None:
        return False
    return _SURNAME_LIKE_RE.search(before, 0, m.start() + 1) is None


# "096-… までお電話ください", "（096-…）へお問い合わせを": where to ask, said after the number.
_ASK_AFTER_RE = re.compile(
    r"^\s*[)）]?\s*(?:まで|へ|に)\s*(?:お電話|ご連絡|お問い?合|お申し?込|ご相談|ご予約|お気軽)"
)
# A number alone on its line after a label (電話：, TEL, ☎) belongs to what the lines above
# name: 【問い合わせ】, 熊本市現代美術館, 北九州市小倉南区役所 総務企画課.
_LABEL_ONLY_RE = re.compile(
    r"^[\s・◆◇■□●○▶►▷→\-*＊【】\[\]]*(?:代表|直通)?\s*(?:電話|tel|☎|℡|でんわ|phone)?"
    r"\s*(?:番号)?\s*[:：.．]?\s*$",
    re.IGNORECASE,
)
_BLOCK_LINES = 4
_BLOCK_REACH = 120
# The end of a line naming an office or venue: 熊本市現代美術館, 小倉南区役所 総務企画課.
_OFFICE_LINE_END_RE = re.compile(rf"{_OFFICE_WORDS}\s*(?:[（(][^()（）\n]{{1,12}}[)）])?\s*$")


def _office_block_above(text: str, line_start: int, before: str) -> bool:
    """A number that starts its line (after a label only) under an inquiry heading or an
    office's name on the lines just above, with no person named there."""
    if not _LABEL_ONLY_RE.match(before):
        return False
    block_start = max(0, line_start - _BLOCK_REACH)
    lines = unicodedata.normalize("NFKC", text[block_start:line_start]).split("\n")
    lines = [line.strip() for line in lines if line.strip()][-_BLOCK_LINES:]
    if not lines:
        return False
    if any(_HONORIFIC_RE.search(line) or any(w in line for w in _PERSON_NEAR) for line in lines):
        return False
    return _OFFICE_LINE_END_RE.search(lines[-1]) is not None or any(
        _ASK_CUE_RE.search(line) or any(w in line for w in _VENUE_BLOCK_WORDS) for line in lines
    )


# A venue's or an office's guide above the number: its name, or its opening hours.
_VENUE_BLOCK_WORDS = (
    "センター", "会館", "ホール", "公民館", "図書館", "美術館", "博物館", "資料館", "体育館",
    "役所", "役場", "庁舎", "劇場", "記念館", "プラザ", "ギャラリー", "公園", "動物園", "植物園",
    "事務局", "事務所", "協会", "委員会", "協議会", "開館", "休館", "営業時間", "定休日",
)  # fmt: skip


# 090-0000-0000, 093-000-0000: every digit after the first group is 0 — a placeholder.
_DIGIT_GROUPS_RE = re.compile(r"\d+")


def is_dummy_number(raw: str) -> bool:
    """A made-up number: a group after the first is all zeros (096-000-4455, 090-0000-3471).
    No exchange or line number is 000, so captions and examples write one to stand for a real
    number (as 555 is in the United States)."""
    groups = _DIGIT_GROUPS_RE.findall(raw)
    return len(groups) >= 3 and any(not g.strip("0") for g in groups[1:])


def is_placeholder_number(raw: str) -> bool:
    """A number written as a placeholder: every group after the first (or every digit after the
    first three, when there are no separators) is zeros (090-0000-0000, 0120-000-000)."""
    groups = _DIGIT_GROUPS_RE.findall(raw)
    if len(groups) >= 2:
        rest = "".join(groups[1:])
    else:
        digits = phone_digits(raw)
        rest = digits[4:] if digits.startswith(("0120", "0800", "0570")) else digits[3:]
    return bool(rest) and not rest.strip("0")


# 例：090-1234-5678, 記入例 (090-…), 入力例 …: a number shown as an example of the format.
_EXAMPLE_BEFORE_RE = re.compile(r"(?:例|れい|e\.g\.|ex\.)\s*[)）]?\s*[:：]?\s*[（(]?\s*$", re.I)


def is_example_number(text: str, start: int) -> bool:
    """A number right after 例, 記入例, (例： …: an example of how to write one."""
    before = unicodedata.normalize("NFKC", text[max(0, start - 8) : start])
    return _EXAMPLE_BEFORE_RE.search(before) is not None


# 096-000-1234: ten digits in three groups, the way a landline is written.
_LANDLINE_SHAPE_RE = re.compile(r"[(（]?0\d{1,4}[)）\-]+\d{1,4}[)）\-]+\d{4}")


def _is_phone_or_dummy(raw: str) -> bool:
    """A phone, or a made-up number in a landline's shape (096-000-1234), whose owner decides
    whether it is reported."""
    if _is_phone(raw):
        return True
    return (
        len(phone_digits(raw)) == 10
        and _LANDLINE_SHAPE_RE.fullmatch(raw.strip()) is not None
        and is_dummy_number(raw)
        and not is_placeholder_number(raw)
    )


def _is_phone(raw: str) -> bool:
    """A mobile-shaped or valid Japanese number that is not toll-free or shared-cost, and not a
    placeholder (090-0000-0000)."""
    if len(raw) < 10:  # fewer than ten digits: neither a number nor mobile-shaped
        return False
    if is_placeholder_number(raw):
        return False
    digits = phone_digits(raw)
    return _mobile_shaped(raw) or (is_japanese_phone(digits) and not _business(raw, digits))


def _phones(nt: NormalizedText, cfg: PiiConfig) -> list[Hit]:
    allowed = {phone_digits(p) for p in cfg.allow_phones}
    hits = []
    office_ends: list[int] = []  # where an office's (or an allow-listed) number ends
    found_numbers = []
    for raw, hit in _digit_matches(nt, _PHONE_RE, _is_phone_or_dummy):
        found_numbers.append((_unbracket(hit), phone_digits(raw), _is_phone(raw)))
    if _LETTER_FOR_DIGIT_RE.search(nt.text):
        hits += _lettered_mobiles(nt)
    if _may_spell_number(nt) and _spelled_start(nt.kana, 0) is not None:
        hits += _spelled_phones(nt, cfg, [f for f, _, _ in found_numbers])
    for found, digits, real in sorted(found_numbers, key=lambda f: f[0].start):
        if is_example_number(nt.original, found.start) or _labelled_not_phone(nt, found):
            continue
        owner = "office" if digits in allowed else _phone_owner(nt, found, digits, allowed)
        if not real and owner != "private":  # a made-up number counts only as a person's
            if owner == "office":
                office_ends.append(found.end)
            continue
        if (
            owner == "unsure"
            and not digits.startswith(_PERSONAL_PREFIXES)  # a mobile is never an office's
            and any(
                end <= found.start
                and _BETWEEN_OFFICE_NUMBERS_RE.match(
                    unicodedata.normalize("NFKC", nt.original[end : found.start])
                )
                for end in office_ends[-2:]
                if found.start - end <= _VENUE_REACH
            )
        ):
            owner = "office"
        if owner == "office":
            office_ends.append(found.end)
        else:
            kind = "phone" if owner == "private" else "phone_unsure"
            hits.append(replace(found, kind=kind, detail=digits))
    return hits


# O9O-2214-778I: a mobile number with the letters O and I (or o, l) for 0 and 1, written so that
# a check for digits passes it by. Someone's own line, like any mobile number.
# Also o9o (a small o) and S, B, Z for 5, 8 and 2 (O9O-l234-S678).
_LETTERED_MOBILE_RE = re.compile(
    r"(?<![A-Za-z0-9])[0Oo][789][0Oo][-‐ー－\s]?[0-9OoIlSBZ]{4}[-‐ー－\s]?[0-9OoIlSBZ]{4}"
    r"(?![A-Za-z0-9])"
)
_LETTER_DIGITS = str.maketrans("OoIlSBZ", "0011582")
# A letter that may stand for a digit beside a digit or a dash (scanned from the rare letter).
_LETTER_FOR_DIGIT_RE = re.compile(r"[OoIlSBZ](?=[\d\-])|[OoIlSBZ](?<=[\d\-][OoIlSBZ])")


def _lettered_mobiles(nt: NormalizedText) -> list[Hit]:
    hits = []
    for m in _LETTERED_MOBILE_RE.finditer(nt.text):
        raw = m.group()
        if not any(c in raw for c in "OoIlSBZ"):
            continue  # digits only: the ordinary scan finds it
        hit = hit_from_text(nt, "phone", m.start(), m.end())
        if is_example_number(nt.original, hit.start) or _labelled_not_phone(nt, hit):
            continue
        text = nt.original
        line_start = text.rfind("\n", 0, hit.start) + 1
        before = unicodedata.normalize("NFKC", text[max(line_start, hit.start - 30) : hit.start])
        after = unicodedata.normalize("NFKC", text[hit.end : hit.end + 24].split("\n", 1)[0])
        digits = phone_digits(raw.translate(_LETTER_DIGITS))
        kind = "phone" if _mobile_owner(before, after) == "private" else "phone_unsure"
        hits.append(replace(hit, kind=kind, detail=digits))
    return hits


# ゼロキューゼロ・イチニーサンヨン・…, ぜろはちぜろの…, 〇九〇の一二三四の…, 零九零, 090の1234の…:
# a number spelled out in kana digit words, in kanji (零 too), with o for 0, or with の between
# the groups (read in the kana view, katakana folded to hiragana, letters lower-cased), so that
# a check for digits passes it by. Plain digits with dashes, brackets or spaces are the ordinary
# scan's.
_SPELLED_DIGITS = (
    ("ぜろ", "0"), ("れい", "0"), ("まる", "0"), ("いち", "1"), ("にー", "2"), ("にい", "2"),
    ("さん", "3"), ("よん", "4"), ("ごー", "5"), ("ごお", "5"), ("ろく", "6"), ("なな", "7"),
    ("しち", "7"), ("はち", "8"), ("きゅう", "9"), ("きゅー", "9"), ("に", "2"), ("し", "4"),
    ("ご", "5"), ("く", "9"), ("〇", "0"), ("零", "0"), ("一", "1"), ("二", "2"), ("三", "3"),
    ("四", "4"), ("五", "5"), ("六", "6"), ("七", "7"), ("八", "8"), ("九", "9"), ("o", "0"),
    *((str(d), str(d)) for d in range(10)),
)  # fmt: skip
_SPELLED_SEP = r"[\s、,・\-ーの()]{0,3}"
_SPELLED_DIGIT_RE = re.compile(_SPELLED_SEP + "(" + "|".join(w for w, _ in _SPELLED_DIGITS) + ")")
_SPELLED_VALUE = dict(_SPELLED_DIGITS)
# A number starts with zero (every Japanese number does): a zero spelled out, or a digit 0 that
# a spelled digit or の follows within its first group (0九0, 090の…).
# The look-behinds sit after the first character, so that the regex engine can skip ahead to
# one of ぜ, れ, ま, 〇, 零, o or 0 (a leading look-behind made this search cost 0.1 ms a caption).
_SPELLED_START_RE = re.compile(
    r"(?:ぜろ|れい|まる|〇|零|o(?<![a-z0-9]o))"
    r"(?=[\s、,・\-ー]{0,3}(?:ぜろ|れい|まる|な|は|きゅ|く|ろ|[〇零七八九0o789]))"
    r"|0(?<![0-9〇零一二三四五六七八九]0)"
    r"(?=[0-9]{0,3}[\s、,・\-ー]{0,2}(?:の|[〇零一二三四五六七八九]|ぜろ|れい|まる|きゅ|はち|なな|o))"
)
# Where a match of _SPELLED_START_RE can begin: searched first (a plain character class the
# regex engine scans fast), the start pattern then tried there only.
_SPELLED_FIRST_RE = re.compile("[ぜれま〇零o0]")
_SPELLED_MAX = 11


_KANJI_DIGITS = "〇零一二三四五六七八九"
# Bigrams one of which every spelled number holds (ぜろ…, 〇…, o9…, 0九…, 0の…): looked up in the
# caption's bigram set, so that a caption without one is not searched at all.
_SPELLED_BIGRAMS = frozenset(
    ["ぜろ", "れい", "まる"]
    + [k + c for k in "〇零" for c in "0123456789" + _KANJI_DIGITS + "ぜれまなはきくろ-ー・、, の"]
    + ["o" + c for c in "0789o七八九〇零"]
    + [d + c for d in "0123456789" for c in "の" + _KANJI_DIGITS]
    + ["0" + c for c in "ぜきo"]
)


def _may_spell_number(nt: NormalizedText) -> bool:
    return not _SPELLED_BIGRAMS.isdisjoint(nt.bigrams)


def _spelled_start(kana: str, at: int) -> re.Match[str] | None:
    """The first match of _SPELLED_START_RE in kana[at:], found from its first characters."""
    while (first := _SPELLED_FIRST_RE.search(kana, at)) is not None:
        m = _SPELLED_START_RE.match(kana, first.start())
        if m is not None:
            return m
        at = first.start() + 1
    return None


# Plain digits with the separators the ordinary scan reads: not reported twice.
_PLAIN_NUMBER_RE = re.compile(r"[0-9()\-\s]+")


def _spelled_phones(nt: NormalizedText, cfg: PiiConfig, found: list[Hit]) -> list[Hit]:
    """Phone numbers spelled out: a mobile number is someone's own; a landline only when a
    person is named beside it (the office's own is never reported). ``found``: the numbers the
    ordinary scan found (not reported again).

    Each chain of digit words is read once, then every zero in it is tried as a number's start
    on the digits already read (a long run of zeros is not read again from each of them)."""
    kana = nt.kana
    allowed = {phone_digits(p) for p in cfg.allow_phones}
    hits: list[Hit] = []
    at = 0
    while (start := _spelled_start(kana, at)) is not None:
        chain = [("0", start.start(), start.end())]  # (digit, where its word starts, ends)
        pos = start.end()
        while (m := _SPELLED_DIGIT_RE.match(kana, pos)) is not None:
            chain.append((_SPELLED_VALUE[m.group(1)], m.start(1), m.end()))
            pos = m.end()
        at = pos
        i = 0
        while i < len(chain):
            span = _chain_number(nt, chain, i)
            if span is None:
                i += 1
                continue
            number, end = span
            i += len(number)
            hit = hit_from_text(nt, "phone", chain[i - len(number)][1], end)
            if number in allowed or any(f.start < hit.end and hit.start < f.end for f in found):
                continue
            if is_example_number(nt.original, hit.start) or _labelled_not_phone(nt, hit):
                continue
            owner = _phone_owner(nt, hit, number, allowed)
            if owner != "office":
                kind = "phone" if owner == "private" else "phone_unsure"
                hits.append(replace(hit, kind=kind, detail=number))
    return hits


def _chain_number(
    nt: NormalizedText, chain: list[tuple[str, int, int]], i: int
) -> tuple[str, int] | None:
    """The number (and where it ends) that starts at the i-th digit of a chain, if it is a zero
    that may start one and the digits from it make a phone number written other than in plain
    digits."""
    digit, begins, _ = chain[i]
    if digit != "0" or (begins > 0 and nt.kana[begins - 1] in _DIGIT_BEFORE):
        return None
    number = _spelled_number("".join(d for d, _, _ in chain[i : i + _SPELLED_MAX]))
    if number is None:
        return None
    end = chain[i + len(number) - 1][2]
    if _PLAIN_NUMBER_RE.fullmatch(nt.text, begins, end):
        return None
    return number, end


# A zero right after another digit (or a letter, for o) is inside a number, not its start.
_DIGIT_BEFORE = frozenset("0123456789〇零一二三四五六七八九abcdefghijklmnopqrstuvwxyz")


def _spelled_number(digits: str) -> str | None:
    """The phone number the spelled digits begin with: a mobile's eleven or a landline's ten."""
    if len(digits) >= 11 and digits[1] in "789" and digits[2] == "0":
        return digits[:11]
    if len(digits) >= 10 and is_japanese_phone(digits[:10]) and not _business(digits, digits):
        return digits[:10]
    return None


def _labelled_not_phone(nt: NormalizedText, hit: Hit) -> bool:
    """The number follows a label such as 受付番号 or 注文番号 on its line, or a counter (円, 人)
    follows it."""
    return is_labelled_number(nt.original, hit.start) or bool(
        _COUNTER_AFTER_RE.match(nt.original, hit.end)
    )


def is_labelled_number(text: str, start: int) -> bool:
    """A label that says the number at ``start`` is not a phone number (受付番号, ロット番号)
    right before it on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    before = unicodedata.normalize("NFKC", text[max(line_start, start - 16) : start])
    m = _NUMBER_LABEL_RE.search(before)
    return m is not None and not (m.group("word") and _PHONE_LABEL_WORDS.search(m.group("word")))


def _unbracket(hit: Hit) -> Hit:
    """``(0`` opens an area code only when the bracket closes inside the number."""
    if hit.excerpt[:1] in "(（" and not any(c in hit.excerpt for c in ")）"):
        return replace(hit, start=hit.start + 1, excerpt=hit.excerpt[1:])
    return hit


def my_number_is_valid(digits: str) -> bool:
    """Check digit of a 12-digit My Number (個人番号), per the official algorithm."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    base = digits[:11]
    # P_n is the n-th digit from the right of the first 11; weight Q_n = n+1 (n<=6) or n-5.
    total = sum(int(base[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return int(digits[11]) == check


def _my_numbers(nt: NormalizedText) -> list[Hit]:
    return [
        replace(hit, kind="my_number")
        for raw, hit in _digit_matches(nt, _MY_NUMBER_RE)
        if my_number_is_valid(raw.replace("-", "")) and not _labelled_not_phone(nt, hit)
    ]


def _gap_before(nt: NormalizedText, k: int) -> bool:
    """True if whitespace separated compact[k - 1] and compact[k] in the original caption."""
    _, previous_end = nt.compact_to_original(k - 1, k)
    start, _ = nt.compact_to_original(k, k + 1)
    return any(c.isspace() for c in nt.original[previous_end:start])


def _chunks(nt: NormalizedText, lo: int, hi: int) -> list[tuple[int, int]]:
    """compact[lo:hi] split where the original had whitespace."""
    first, _ = nt.compact_to_original(lo, lo + 1)
    _, last = nt.compact_to_original(hi - 1, hi)
    if not _SPACE_RE.search(nt.original, first, last):
        return [(lo, hi)]  # no whitespace anywhere in the span: one chunk
    # _gap_before for each k, with each character's original span looked up once.
    spans = [nt.compact_to_original(k, k + 1) for k in range(lo, hi)]
    gaps = [
        lo + i
        for i in range(1, hi - lo)
        if _SPACE_RE.search(nt.original, spans[i - 1][1], spans[i][0])
    ]
    return list(pairwise([lo, *gaps, hi]))


_SPACE_RE = re.compile(r"\s")  # what str.isspace() accepts


def _plain_email_span(nt: NormalizedText, at: int) -> tuple[int, int] | None:
    """Span in ``nt.compact`` of the address around the "@" at ``at``, if there is one.

    The compact view glues lines together ("TEL 096…\nMAIL taro@…"), so beyond the word that
    touches the "@" only spaced-out single characters ("t a r o @ …") are taken in.
    """
    compact = nt.compact
    local = _LOCAL_END_RE.search(compact, max(0, at - 64), at)
    domain = _DOMAIN_RE.match(compact, at + 1)
    if not local or not domain:
        return None
    left = _chunks(nt, local.start(), at)
    start = left[-1][0]
    for cs, ce in reversed(left[:-1]):
        if ce - cs > 1:
            break
        start = cs
    if start == local.start() and start > 0 and compact[start - 1] == "@":
        return None  # "@sora_days @hana.kokura": two Instagram handles, not an address
    right = _chunks(nt, at + 1, domain.end())
    end = right[0][1]
    for cs, ce in right[1:]:
        if ce - cs > 1 and compact[end - 1] != "." and compact[cs] != ".":
            break
        end = ce
    trimmed = _DOMAIN_RE.match(compact, at + 1, end)
    return (start, trimmed.end()) if trimmed else None


def _plain_emails(nt: NormalizedText) -> list[tuple[int, int, str]]:
    """(start, end, address) of e-mail addresses in the compact view, found from each "@"."""
    found = []
    at = nt.compact.find("@")
    while at >= 0:
        span = _plain_email_span(nt, at)
        if span:
            found.append((span[0], span[1], nt.compact[span[0] : span[1]]))
        at = nt.compact.find("@", at + 1)
    return found


# 実行委員会事務局 sakura.matsuri@gmail.com: an organisation named right before the address on
# its line; it may still be someone's own mailbox, so a person looks (a warning, not a block).
_ORGANISATION_BEFORE_RE = re.compile(
    rf"(?:{_OFFICE_WORDS}|実行委員会|事務局|団体|サークル|クラブ|楽団|連合会|振興会)"
    r"\s*(?:[（(][^()（）\n]{1,12}[)）])?\s*[（(、,/]?\s*"
    r"(?:e-?mail|mail|メール|メールアドレス|✉|📧)?\s*[:：]?\s*[（(]?\s*$",
    re.IGNORECASE,
)


def _email_kind(nt: NormalizedText, hit: Hit) -> str:
    text = nt.original
    line_start = text.rfind("\n", 0, hit.start) + 1
    before = unicodedata.normalize("NFKC", text[max(line_start, hit.start - 30) : hit.start])
    if any(w in before[-12:] for w in _PERSON_NEAR) or _HONORIFIC_RE.search(before[-16:]):
        return "email"
    after = unicodedata.normalize("NFKC", text[hit.end : hit.end + 24].split("\n", 1)[0])
    if _NAME_AFTER_RE.match(after) or any(w in after[:16] for w in (*_PERSON_NEAR, "在住")):
        return "email"
    # …@example.jp（アートフェス実行委員会）: an organiser's; it may still be someone's own
    # mailbox, so a person looks (a warning).
    if _ORGANISATION_BEFORE_RE.search(before) or _ORGANISATION_AFTER_RE.match(after):
        return "email_unsure"
    return "email"


_ORGANISATION_AFTER_RE = re.compile(
    r"^\s*[（(][^()（）\n]{0,16}"
    rf"(?:{_OFFICE_WORDS}|実行委員会|事務局|団体|サークル|クラブ|楽団|連合会|振興会)[）)]"
)


def _emails(nt: NormalizedText, cfg: PiiConfig) -> list[Hit]:
    allowed = {e.lower() for e in cfg.allow_emails}
    hits = [
        hit_from_compact(nt, "email", start, end, detail=address.lower())
        for start, end, address in _plain_emails(nt)
        if address.lower() not in allowed and not _is_office_email(address, cfg)
    ]
    hits = [replace(h, kind=_email_kind(nt, h)) for h in hits]
    if not _AT_HINT_RE.search(nt.text) or not _AT_WORD_RE.search(nt.text):
        return hits
    for m in _EVASIVE_EMAIL_RE.finditer(nt.text):
        domain = _DOT_WORD_RE.sub(".", m.group(2)).lower()
        address = f"{m.group(1).lower()}@{domain}"
        if has_public_suffix(domain) and address not in allowed:
            if _is_office_email(address, cfg):
                continue
            hits.append(hit_from_text(nt, "email", m.start(), m.end(), detail=address))
    return hits


@lru_cache(maxsize=1024)
def _compact_key(text: str) -> str:
    # 1番1号 and 1-1, 〒8608601 and 〒860-8601 are the same address.
    return _ADDRESS_NUMBER_RE.sub(r"\1", normalize(text).compact).replace("-", "")


def _is_allowed_address(excerpt: str, allowed: list[str]) -> bool:
    """An excerpt inside a public address, or a public address plus no further numbers, or the
    same town and numbers after a city or ward name (期日前投票所 小倉南区若園5-1-2)."""
    key = _compact_key(excerpt)
    for public in allowed:
        if key in public:
            return True
        at = key.find(public)
        if at >= 0 and not re.search(r"\d", key[at + len(public) :]):
            return True
        tail = _town_and_numbers(public)
        if tail and _town_and_numbers(key) == tail:
            return True
    return False


# What follows the last city, ward or county name: the town and its numbers (若園512, 手取本町11).
_AFTER_CITY_RE = re.compile(r"[市区郡]([^市区郡\d]+\d[\d]*)$")


def _town_and_numbers(key: str) -> str:
    m = _AFTER_CITY_RE.search(key)
    return m.group(1) if m else ""


_RUN_CHARS = frozenset(
    [chr(c) for c in range(0x4E00, 0xA000)] + list("々〇ヶケ")
    + [chr(c) for c in range(0x30A1, 0x30FB)] + ["\u30fc"]
)  # fmt: skip
# A place-name character right before the first character of a block number.
_RUN_END_RE = re.compile(
    r"[\u4e00-\u9fff々〇ヶケ\u30a1-\u30fa\u30fc](?=[0-9〇一二三四五六七八九十])"
)


# Every match holds 丁 (丁目), 番 (番地, 番…号) or "-" right after its block number's first
# 1-6 characters, so within this many characters of its start (a run of at most 20 first).
_BLOCK_MARK_RE = re.compile("[丁番-]")
_MARK_REACH = 20 + 6


def _address_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches ``_ADDRESS_RE.finditer(text)`` would give, found faster.

    A match is a place-name run of 2-20 characters ending right before a block number, so it can
    only start within 20 characters before a place character that a number follows. Only those
    start positions are tried, each once and in increasing order, with ``_ADDRESS_RE.match``:
    the same leftmost matches as a scan of every position, without trying a 20-character run at
    each character of ordinary text. Starts with no 丁, 番 or "-" within reach are skipped, and
    the candidates before the next one that has are passed over at once (a long run of kanji
    numerals, every character of which is a candidate, was the slowest input of all).
    """
    end = 0  # where the last match ended: matches never overlap
    tried = 0  # every start position below this one has been tried (or cannot match)
    mark = -1  # the first 丁, 番 or "-" at or after max(end, tried)
    at = 0  # where the next candidate is looked for
    while (candidate := _RUN_END_RE.search(text, at)) is not None:
        at = candidate.end()
        number = candidate.end()  # where the block number would begin
        if number <= end:
            continue
        if mark < max(end, tried):
            found = _BLOCK_MARK_RE.search(text, max(end, tried))
            if found is None:
                return  # no start from here on can match
            mark = found.start()
        # A start below this has no mark within reach: it cannot match.
        tried = max(tried, mark - _MARK_REACH)
        if tried >= number - 1:
            at = max(at, tried)  # no candidate before this one has a start left to try
            continue
        # Walk back over the run only as far as the first start not tried yet.
        floor = max(end, tried, number - 20, 0)
        run_start = number - 1
        while run_start > floor and text[run_start - 1] in _RUN_CHARS:
            run_start -= 1
        for start in range(max(end, tried, run_start), number - 1):
            m = _ADDRESS_RE.match(text, start)
            if m is not None:
                yield m
                end = m.end()
                break
        tried = max(tried, number - 1)


_ISO_DATE_RE = re.compile(r"(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])")


def holds_contact(text: str) -> bool:
    """True if the normalised ``text`` holds what the PII patterns judge, whoever's it is: a
    postal code, a street address, a phone number or an e-mail address. The patterns tell a
    venue's or the office's own from a private person's (the learned model cannot); the model
    leaves a sentence holding one to them."""
    if "@" in text or _POSTAL_MARK_RE.search(text) or _PHONE_RE.search(text):
        return True
    return next(_address_matches(text), None) is not None


def _address_match_ok(m: re.Match[str]) -> bool:
    if m.group("strong"):
        return True
    if _ISO_DATE_RE.fullmatch(m.group("dash")):  # 2026-12-19 is a date, not a block number
        return False
    run = m.group("run") + "-"
    # "中央区手取本町1-1" has a place character after the first one; "町内会12-1" does not.
    return any(
        c in _PLACE_CHAR and run[i + 1] not in _NOT_PLACE_NEXT for i, c in enumerate(run) if i
    )


# What may stand between a line's start and an address that the line begins with.
_LINE_LEAD_RE = re.compile(
    r"[\s・◆◇■□●○▶►▷→\-*＊「『【（(〒]*(?:住所\s*[】)）]?\s*[:：]?)?(?:〒?\s*\d{3}-?\d{4})?[\s　]*$"
)


def _context_start(text: str, start: int) -> int:
    """Where the venue context before an address begins: its own line, or, when the address
    starts its line (a venue or a heading such as 【会場】 on the lines above), the lines above
    within reach."""
    line_start = text.rfind("\n", 0, start) + 1
    near_start = start - line_start <= _VENUE_REACH  # bounded: never rescan a long line
    if not near_start or _LINE_LEAD_RE.match(text, line_start, start) is None:
        return max(line_start, start - _VENUE_REACH)
    return max(0, start - _VENUE_REACH)


# Someone named near the address: 佐藤一郎さん（小倉南区北方3-4-5）, 住所：…5番7号 鈴木様.
# Not the public addressed as a whole (皆さん, 皆様, お客様, 各位).
# Nor a kind of person (お子様連れ, ご家族様, 参加者様).
_HONORIFIC_RE = re.compile(
    r"(?<!皆)(?<!お客)(?<!みな)(?<!みんな)(?<!お子)(?<!家族)(?<!お連れ)(?<!者)"
    r"(?:さん|様|さま|くん|ちゃん|氏)"
)
# "…1-2-3 田中方", "…森田様方": in care of a household.
# お店「まるや」さん, カフェ「ひだまり」さん, 農園『みどり』さん: a business named in quotes; さん
# after it is politeness to the shop, not a private person.
_SHOP_IN_QUOTES_RE = re.compile(
    r"(?:店|カフェ|食堂|農園|工房|商店|ベーカリー|ショップ|窯元|酒造|旅館|レストラン|屋|直売所)"
    r"の?\s*[「『][^」』\n]{1,20}[」』]$"
)
_CARE_OF_RE = re.compile(
    r"[\s\u3000]*[\u4e00-\u9fff]{1,4}[\s\u3000]*(?:様|さん)?方(?![面法向針式々])"
)
_PERSON_REACH = 30
# "…4番8号の山田です", "…2-3 山田家": the household the address belongs to, right after it.
_SELF_AFTER_RE = re.compile(
    r"[\s\u3000]*の?(?!角|前|横|隣|先|付近|近く|辺|周辺|交差点|裏|奥|向か|一帯|方面|手前|北|南|東|西)"
    r"[\u4e00-\u9fff]{1,4}(?:です|でした|と申します|家(?![具電族庭])|宅(?![配地]))"
)


def _owner(text: str, start: int, end: int, run: str = "") -> str:
    """Whose address text[start:end] is: "public" (a venue or office named just before or after
    it, and nothing private near), "private" (a home, or a person named beside it) or "unsure".

    ``run`` is the place-name run the address match begins with: normalisation drops the space
    in "熊本市国際交流会館 中央区花畑町4番8号", so the venue's name can be inside it.
    """
    before = text[_context_start(text, start) : start]
    # Inside the run only a building's name counts (水前寺, 城南町 are place names), or a label
    # the run starts with (場所　北九州市…); a home (山田宅 中央区…) counts too.
    if _has_private_cue(run):
        return "private"
    if any(w in run for w in _BUILDINGS) or run.startswith(_RUN_LABELS):
        before += run
    after = text[end : end + 20].split("\n", 1)[0]
    if _CARE_OF_RE.match(after):
        return "private"
    if _private_home(before, after):
        return "private"
    line_start = text.rfind("\n", 0, start) + 1
    person_before = text[max(line_start, start - _PERSON_REACH) : start]
    named = [
        m.end()
        for m in _HONORIFIC_RE.finditer(person_before)
        if not _SHOP_IN_QUOTES_RE.search(person_before, 0, m.start())
    ]
    # 山口さんの住所：…: a person named before, and no venue between the name and the address
    # or named as the address's own right after it (講師の田中さんと、…4番8号の国際交流会館で).
    if (
        named
        and not any(w in person_before[named[-1] :] for w in _VENUE_CUES)
        and not after.startswith(_VENUE_AFTER)
        and _VENUE_OF_AFTER_RE.match(after) is None
    ):
        return "private"
    if (
        any(w in before for w in _VENUE_CUES)
        or any(w in before for w in _BUILDINGS)
        or _HISTORIC_PLACE_RE.search(before + after) is not None
        or _VENUE_END_RE.search(before) is not None
        or after.startswith(_VENUE_AFTER)
        or _VENUE_NAME_AFTER_RE.match(after) is not None
    ):
        return "public"
    if _SELF_AFTER_RE.match(after):
        return "private"
    person_after = text[end : end + _PERSON_REACH].split("\n", 1)[0]
    if _HONORIFIC_RE.search(person_after) or "氏名" in person_before or "名前" in person_before:
        return "private"
    return "unsure"


def _venue_cue(before: str, after: str) -> bool:
    """A venue or office named just before the address or as its own right after it."""
    return (
        any(w in before for w in _VENUE_CUES)
        or any(w in before for w in _BUILDINGS)
        or after.startswith(_VENUE_AFTER)
        or _VENUE_NAME_AFTER_RE.match(after) is not None
    )


def _private_home(before: str, after: str) -> bool:
    """A home (自宅, 〜さん宅, 住んでいる) named near the address: in the address's own sentence,
    or in an earlier one when the address's sentence names no venue; not a historic house."""
    near = before + after[:12]
    for public in _VENUE_ADDRESS_WORDS:  # 会場の住所は…: the venue's, not a home's
        near = near.replace(public, "")
    if not _has_private_cue(near):
        return False
    if _HISTORIC_PLACE_RE.search(before + after):
        return False
    end = _SENTENCE_END_RE.search(before)
    if end is None:
        return True
    sentence = before[end.start() + 1 :]
    return _has_private_cue(sentence + after[:12]) or not _venue_cue(sentence, after)


def _addresses(nt: NormalizedText, allowed: list[str]) -> list[Hit]:
    """Street addresses and postal codes: "address"/"postal_code" when they are a private
    person's, "address_unsure" when nothing says whose they are, nothing for a public venue's."""
    hits = []
    public_starts = []  # where a public venue's address begins
    postal_codes = [
        m
        for regex, starts in ((_POSTAL_MARK_RE, None), (_POSTAL_BARE_RE, _POSTAL_BARE_STARTS))
        for m in scan(regex, starts, nt.text)
    ]
    # Where an organisation's own postal code (〒802-8510) ends: the address after it is theirs.
    office_codes = sorted(m.end() for m in postal_codes if _is_individual_postal_code(m.group()))
    for m in _address_matches(nt.text):
        if not _address_match_ok(m):
            continue
        # Only the last such code before the address can have nothing but spaces after it.
        last = bisect_right(office_codes, m.start()) - 1
        if last >= 0 and _SPACES_ONLY_RE.fullmatch(nt.text, office_codes[last], m.start()):
            public_starts.append(m.start())
            continue
        owner = _owner(nt.text, m.start(), m.end(), m.group("run"))
        if owner == "public":
            public_starts.append(m.start())
        else:
            kind = "address" if owner == "private" else "address_unsure"
            hits.append(hit_from_text(nt, kind, m.start(), m.end()))
    for m in postal_codes:
        # 〒862-0971 熊本市中央区大江5丁目1-1 熊本市民会館 (on one line or the next): the
        # venue's postal code.
        follows = nt.text[m.end() : m.end() + 24]
        if _is_individual_postal_code(m.group()) or any(
            m.end() <= p <= m.end() + len(follows) and _RUN_ONLY_RE.fullmatch(nt.text, m.end(), p)
            for p in public_starts
        ):
            continue
        owner = _owner(nt.text, m.start(), m.end())
        if owner != "public":
            kind = "postal_code" if owner == "private" else "address_unsure"
            hits.append(hit_from_text(nt, kind, *m.span()))
    return [h for h in hits if not _is_allowed_address(h.excerpt, allowed)]


_SPACES_ONLY_RE = re.compile(r"[\s\u3000]*")
_POSTAL_DIGITS_RE = re.compile(r"(\d{3})-?(\d{4})$")


def _is_individual_postal_code(found: str) -> bool:
    """A postal code of an organisation, never of a home: where the old code had three digits,
    Japan Post gives areas the fourth and fifth digits 00, 08, 09, 80-84, 88 and 89, and large
    offices, post-office boxes and business-reply mail their own numbers in 85-87 (〒860-8601
    Kumamoto City Hall, 〒802-8510 Kokuraminami Ward Office, 〒xxx-8691 post-office boxes)."""
    m = _POSTAL_DIGITS_RE.search(found)
    return m is not None and m.group(2)[0] == "8" and m.group(2)[1] in "567"


# Between a postal code and the address it belongs to: spaces and the place names before the
# address match's own run (都道府県 and 市区町村 words).
_RUN_ONLY_RE = re.compile(r"[\s\u3000]*[\u4e00-\u9fff々ヶケ\u30a1-\u30fa\u30fc]{0,20}")


def _messenger_ids(nt: NormalizedText) -> list[Hit]:
    return [
        hit_from_text(nt, "messenger_id", *m.span(1), detail=m.group(1))
        for m in scan(_MESSENGER_RE, _MESSENGER_STARTS, nt.text)
    ]


# A birth date that bounds who may take part (平成17年4月2日〜平成18年4月1日生まれの方,
# 令和2年4月1日生まれ以降) is a criterion, not someone's date of birth; nor is a zoo animal's.
_CRITERION_AFTER = (
    "の方", "以降", "以前", "以後", "まで", "から", "の人", "のお子", "の子", "の赤ちゃん", "の皆",
    "のみな", "の児童", "の生徒", "の市民", "の区民",
)  # fmt: skip
_CRITERION_BEFORE = ("〜", "~", "～", "から", "-", "–")
# 2020年4月2日生〜2021年4月1日生: the first end of a range of birth dates.
_CRITERION_RANGE_AFTER_RE = re.compile(r"\s*[〜~～\-–]\s*(?:\d|昭和|平成|令和)")
_ANIMALS = (
    "動物園", "動植物園", "キリン", "ゾウ", "パンダ", "ライオン", "ペンギン", "シマウマ",
    "チンパンジー", "オランウータン", "ヒツジ", "アザラシ", "カピバラ", "フラミンゴ",
    # a mascot's or character's birthday (くまモンの誕生日は3月12日) is part of its story
    "くまモン", "ゆるキャラ", "マスコット", "キャラクター", "公式キャラ", "ひごまる", "ていたん",
    # a city's, a ward's or a building's birthday (小倉南区は1974年4月1日生まれ（区制施行）)
    "市制", "区制", "町制", "村制", "施行", "開館", "開園", "開庁", "創立", "創業", "設立",
)  # fmt: skip


def _is_animal(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    sentence = text[max(line_start, start - 30) : end + 30].split("\n", 1)[0]
    return any(a in sentence for a in _ANIMALS)


def _is_criterion_or_animal(text: str, start: int, end: int) -> bool:
    after = text[end : end + 6].removeprefix("まれ")
    before = text[max(0, start - 3) : start].rstrip()
    if after.startswith(_CRITERION_AFTER) or before.endswith(_CRITERION_BEFORE):
        return True
    if _CRITERION_RANGE_AFTER_RE.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    sentence = text[max(line_start, start - 30) : end + 30].split("\n", 1)[0]
    return any(a in sentence for a in _ANIMALS)


# Personal information is about living persons: a birth date a century back, or one told with the
# person's death or a memorial (松本清張は1909年12月21日生まれ, 生誕100年, 没後), is history.
_ERA_START = {"昭和": 1925, "平成": 1988, "令和": 2018, "s": 1925, "h": 1988, "r": 2018}
_WESTERN_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_ERA_YEAR_RE = re.compile(r"(昭和|平成|令和|[SHRshr])\s*(\d{1,2}|元)")
# 故・山田花子, 山田花子（故人）: someone who has died.
_DEATH_WORDS = (
    "没", "亡くな", "逝去", "生誕", "回忌", "周年", "偉人", "記念館", "ゆかり", "故・", "故人",
    "（故）", "(故)", "物故",
)  # fmt: skip
_CENTURY = 100
# With no publish time to read dates against, the year this rule shipped: every check runs on or
# after it, so a birth a century before it is history whenever the check runs (the machine's date
# never decides a verdict).
SHIPPED_YEAR = 2026


def _birth_year(found: str) -> int | None:
    western = _WESTERN_YEAR_RE.search(found)
    if western is not None:
        return int(western.group())
    era = _ERA_YEAR_RE.search(found)
    if era is None:
        return None
    number = 1 if era.group(2) == "元" else int(era.group(2))
    return _ERA_START[era.group(1).lower() if len(era.group(1)) == 1 else era.group(1)] + number


def _is_historical_birth(text: str, start: int, end: int, reference_year: int) -> bool:
    year = _birth_year(text[start:end])
    if year is not None and year <= reference_year - _CENTURY:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    sentence = text[max(line_start, start - 30) : end + 30].split("\n", 1)[0]
    return any(w in sentence for w in _DEATH_WORDS) or any(n in sentence for n in WELL_KNOWN_DEAD)


def _birthdates(nt: NormalizedText, reference_year: int) -> list[Hit]:
    if "生" not in nt.text:
        return []  # every match holds 生 (生年月日, 誕生日, 〜生まれ): skip the scan
    return [
        hit_from_text(nt, "birthdate", *m.span())
        for m in scan(_BIRTH_RE, _BIRTH_STARTS, nt.text)
        if not _is_historical_birth(nt.text, m.start(), m.end(), reference_year)
        and (
            not _is_animal(nt.text, m.start(), m.end())
            and not _is_birthday_criterion_or_thing(nt.text, m.start(), m.end())
            if m.group().startswith(("生年月日", "誕生日"))
            else not _is_criterion_or_animal(nt.text, m.start(), m.end())
        )
    ]


# 熊本市の誕生日 4月1日, 図書館のお誕生日, 花博の誕生日: a city's, a building's or an event's
# birthday (村, 町, 園 only after two more characters: 中村の誕生日 is a person's).
_THING_BIRTHDAY_RE = re.compile(
    r"(?:(?<=[\u4e00-\u9fff]{2})[村町園]|[市区県国館城駅校祭博橋]|センター|ホール|施設|まつり"
    r"|公園|商店街|通り|協会|劇場|プラザ|アリーナ|ミュージアム|ライブラリー)の\s*お?$"
)


def _is_birthday_criterion_or_thing(text: str, start: int, end: int) -> bool:
    """誕生日 12月20日の方 (who may take part: a birthday with no year) or a place's,
    building's or event's birthday."""
    found = text[start:end]
    if (
        found.startswith("誕生日")
        and _birth_year(found) is None
        and text.startswith(_CRITERION_AFTER, end)
    ):
        return True
    return _THING_BIRTHDAY_RE.search(text, max(0, start - 12), start) is not None


def detect_pii(nt: NormalizedText, cfg: PiiConfig, reference: date | None = None) -> list[Hit]:
    """Every piece of personal information in the caption that no allow list covers.

    ``reference`` is the date the caption is read at (its publish time): a birth a century before
    it is history, not a living person's. Without one, ``SHIPPED_YEAR`` stands in for it.
    """
    reference_year = reference.year if reference is not None else SHIPPED_YEAR
    allowed_addresses = [_compact_key(a) for a in cfg.allow_addresses]
    detectors: list[Callable[[], list[Hit]]] = [
        lambda: _my_numbers(nt),
        lambda: _phones(nt, cfg),
        lambda: _emails(nt, cfg),
        lambda: _addresses(nt, allowed_addresses),
        lambda: _birthdates(nt, reference_year),
        lambda: _messenger_ids(nt),
    ]
    if cfg.detect_names:
        detectors.append(lambda: detect_names(nt, cfg.allow_names))
    hits: list[Hit] = []
    for detector in detectors:
        hits += detector()
    hits = [h for h in hits if not _is_example(nt.original, h)]
    return dedupe_hits(_attribute_to_persons(nt.original, hits))


# 記入例：熊本市中央区〇〇町1-2-3 熊本太郎, （例）〒860-0000 …, 「090-1234-5678」のような番号: a
# form's filled-in example or a number quoted as an example of a kind is no one's information.
_EXAMPLE_MARK_RE = re.compile(
    r"記入例|入力例|記載例|見本|サンプル|[（(]\s*例\s*[)）]|(?<![a-zA-Z])例\s*[)）:：]"
)
_EXAMPLE_AFTER_RE = re.compile(r"[」』\s]*(?:のような|などの|といった)")
_EXAMPLE_REACH = 40


def _is_example(text: str, hit: Hit) -> bool:
    """The hit sits after an example mark on its line or the line above (within reach), or is
    quoted as an example of a kind right after it."""
    if _EXAMPLE_AFTER_RE.match(text, hit.end, hit.end + 8):
        return True
    line_rest = text[hit.end : hit.end + _EXAMPLE_REACH].split("\n", 1)[0]
    if "記入例" in line_rest or "見本" in line_rest:  # 熊本太郎 様　※記入例
        return True
    start = max(0, hit.start - _EXAMPLE_REACH)
    before = text[start : hit.start]
    if before.count("\n") > 1:
        before = before[before.rfind("\n", 0, before.rfind("\n")) + 1 :]
    return _EXAMPLE_MARK_RE.search(before) is not None


_SURE = {"address_unsure": "address", "phone_unsure": "phone", "email_unsure": "email"}


def _attribute_to_persons(text: str, hits: list[Hit]) -> list[Hit]:
    """An address or landline on the line of a private person's name, close to it (申込者：田中一郎
    連絡先：096-…), is that person's: certain, not unsure."""
    names = [h for h in hits if h.kind == "person_name"]
    if not names or not any(h.kind in _SURE for h in hits):
        return hits
    out = []
    for hit in hits:
        if hit.kind in _SURE and any(_same_line_near(text, n, hit) for n in names):
            hit = replace(hit, kind=_SURE[hit.kind])
        out.append(hit)
    return out


def _same_line_near(text: str, name: Hit, hit: Hit) -> bool:
    lo, hi = (name.end, hit.start) if name.end <= hit.start else (hit.end, name.start)
    return 0 <= hi - lo <= _PERSON_REACH and "\n" not in text[lo:hi]
