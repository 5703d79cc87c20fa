"""Names of private persons, found with SudachiPy (sudachidict-core).

A surname or given name only counts next to an honorific (山田さん, 花子ちゃん) or as a
surname + given-name pair (山田太郎), so place names and common words do not fire.
Sudachi costs about 1 µs per character, so long captions are analysed only in windows around
honorifics and name words; a caption up to ``FULL_TEXT_CHARS`` is analysed whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from chatbot.policy.detectors.hits import Hit, hit_from_text
from chatbot.policy.normalize import NormalizedText

FULL_TEXT_CHARS = 600
# Sudachi refuses input over ~49,000 bytes ("Input is too long"); merged windows are cut into
# pieces of at most this many characters (3 bytes each in UTF-8), overlapping by a name's width.
MAX_CHUNK_CHARS = 4000
_OVERLAP = 16
HONORIFICS = frozenset({"さん", "様", "さま", "君", "くん", "ちゃん", "氏", "殿"})
_CONTEXT_RE = re.compile(r"さん|さま|様|君|くん|ちゃん|氏|殿")
_NAME_WORD_RE = re.compile(r"氏名|名前|担当")
_BEFORE = 12
_AFTER = 12
# A name followed by a public office is that official (大西一史市長); one near these words is a
# historical or public figure (1867年生まれ, 〜の作品, 旧居, 江戸時代), not a private person.
_TITLES = (
    "市長", "副市長", "区長", "知事", "議長", "議員", "大臣", "首相", "総理", "局長", "部長",
    # a speaker or a venue's head by office: 田中一郎教授, 熊本大学 教授 田中一郎, 館長の…
    # (not 会長: 町内会長, 自治会長 are private persons)
    "教授", "准教授", "名誉教授", "館長", "学芸員", "校長", "園長", "博士",
    # the office's own heads by post: 文化政策課長 山田一郎, 支所長の…
    "課長", "所長", "支所長", "室長", "センター長", "副区長",
)  # fmt: skip
_HISTORICAL = (
    "生まれ", "年没", "没後", "生誕", "明治", "大正", "昭和初期", "江戸", "時代", "戦国", "幕末",
    "の作品", "作品", "文豪", "作家", "小説", "画家", "詩人", "俳人", "歌人", "俳句", "句碑",
    "武将", "藩主", "城主", "ゆかり", "旧居", "旧宅", "記念館", "銅像", "史跡", "偉人", "歴史",
    "の像", "像の", "胸像", "石像", "墓", "碑", "生家", "晩年", "決闘", "伝説", "合戦", "戦い",
    "藩", "幕府", "将軍", "大名", "家老", "天皇", "絵師", "思想家", "の句", "の書", "の歌",
    # what a historical figure did, told in the past: 漱石が愛した, 清正が築いた, 八雲が暮らした
    "が愛した", "が過ごした", "が暮らした", "が住んだ", "が詠んだ", "が描いた", "が築いた",
    "が建てた", "が残した", "が遺した", "が訪れた", "が眠る", "を祀る", "が創建", "が開いた",
    "亡くな", "逝去", "没年", "年に没", "が書いた", "が記した", "が著した",
    # 森鷗外が小倉で書いた日記, 山頭火が歩いた道: a life told in the past, and what it left
    "で書いた", "が歩いた", "歩いた道", "が旅した", "が滞在した", "が育った", "が学んだ",
    # 漱石が熊本で暮らした4年, 八雲が松江から熊本に移り住んだ: a life told in the past, with a place
    "で暮らした", "で過ごした", "に暮らした", "に住んだ", "に移り住んだ", "で生まれた",
    "に滞在した", "を訪れた", "で亡くな",
    "日記", "随筆", "歌碑", "文学碑", "記念碑", "文学", "足跡",
    # an author by the work: 石牟礼道子の『苦海浄土』, 上村一夫の漫画 (a bare name, no さん)
    "の『", "の漫画", "の小説", "の絵本", "の詩", "の童話", "の歌集", "の句集", "の映画",
    # 坂本繁二郎の馬の絵は…当時: a painter by the paintings, a time long past
    "の絵", "当時",
)  # fmt: skip
# An artist, performer or speaker introduced by their role right before the name (画家・坂本善三,
# シンガーソングライターのみずのはるかさん, 登録アーティストの中村ゆうきさん): a name they publish
# under, with or without an honorific.
_ROLES = (
    "アーティスト", "作家", "画家", "写真家", "書家", "書道家", "陶芸家", "彫刻家", "版画家",
    "漫画家", "小説家", "詩人", "歌人", "俳人", "歌手", "シンガー", "ソングライター",
    "ミュージシャン",
    "ピアニスト", "ギタリスト", "バイオリニスト", "ヴァイオリニスト", "チェリスト", "演奏家",
    "音楽家", "作曲家", "指揮者", "落語家", "噺家", "俳優", "女優", "声優", "ダンサー", "舞踊家",
    "華道家", "茶道家", "工芸家", "染織家", "建築家", "デザイナー", "イラストレーター",
    "クリエイター", "パフォーマー", "講師", "登録者", "ボーカル", "語り部", "朗読家", "美術家",
    "芸術家", "映画監督", "監督", "脚本家", "絵師", "人形師",
    # a business or a craft featured by its face: オーナーの水野さん, 農家・松本さん, 住職の…
    "オーナー", "店主", "住職", "宮司", "職人", "農家", "生産者", "窯元", "蔵元", "杜氏",
    "学芸員",
    # a player by the instrument: ベースの古閑さん, 三味線の…
    "ピアノ", "ベース", "ドラム", "ギター", "サックス", "トランペット", "バイオリン", "チェロ",
    "フルート", "三味線", "尺八", "和太鼓", "箏",
    # street performers by their act: ジャグラーの…さん, マジシャンの…, 大道芸人の…
    "ジャグラー", "マジシャン", "手品師", "大道芸人", "ビートボクサー", "ラッパー", "芸人",
)  # fmt: skip
_ROLE_BEFORE_RE = re.compile(
    "(?:" + "|".join(_ROLES) + r")(?:の|・|、|\s|　|：|:|\s*[「『])?"
    # a hiragana pen name that the tokenizer splits: みずの|はるか
    r"[\u3041-\u3096\u30a1-\u30fa\u30fc]{0,8}$"
)
# 前市長, 元首相 (built once, not for every name; was "前元市長", which no one writes)
_FORMER_TITLES = tuple(former + t for former in "前元" for t in _TITLES)
_SPACES_RE = re.compile(r"\s+")
# A title just before the name: 熊本市長・大西一史, 市長の大西一史, 北九州市長 武内和久, 前市長
_TITLE_BEFORE_RE = re.compile(r"(?:" + "|".join(_TITLES) + r")(?:の|・|、|\s|　)?$")
_YEARS_RE = re.compile(r"[(（]\s*\d{3,4}\s*[-~〜～]\s*\d{3,4}\s*[)）]|\d{3,4}年")
_HISTORY_REACH = 20
_KANA_RE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]+")

Matcher = Callable[[Any], bool]


@cache
def _analyzer() -> tuple[Any, Matcher, Matcher, Matcher, Matcher, Matcher]:
    """The tokenizer and POS matchers, built once on first use (dictionary load ~0.1 s)."""
    return _dictionary_and_analyzer()[1:]


@cache
def _dictionary_and_analyzer() -> tuple[Any, Any, Matcher, Matcher, Matcher, Matcher, Matcher]:
    """The dictionary (for word look-ups), the tokenizer and the POS matchers."""
    from sudachipy import Dictionary, SplitMode

    dictionary = Dictionary(dict="core")
    # SudachiPy 0.7 renamed create() to tokenizer(); pyproject allows >=0.6.8, so take either.
    factory = getattr(dictionary, "tokenizer", None) or dictionary.create
    tokenizer = factory(mode=SplitMode.C, fields={"pos"})
    surname = dictionary.pos_matcher([("名詞", "固有名詞", "人名", "姓")])
    given = dictionary.pos_matcher([("名詞", "固有名詞", "人名", "名")])
    noun = dictionary.pos_matcher([("名詞",)])
    # 内田さま, 平田様, 葉山くん: surnames the dictionary has only as place names; リナちゃん,
    # カレンさん: names it has as a person's without saying which part.
    place = dictionary.pos_matcher([("名詞", "固有名詞", "地名", "一般")])
    person = dictionary.pos_matcher([("名詞", "固有名詞", "人名", "一般")])
    return dictionary, tokenizer, surname, given, place, person, noun


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged spans of text worth analysing: around honorifics and after name words."""
    if len(text) <= FULL_TEXT_CHARS:
        return [(0, len(text))] if text else []
    spans = [(max(0, m.start() - _BEFORE), m.end()) for m in _CONTEXT_RE.finditer(text)]
    spans += [(m.start(), min(len(text), m.end() + _AFTER)) for m in _NAME_WORD_RE.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [piece for span in merged for piece in _pieces(*span)]


def _pieces(start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut into overlapping pieces short enough for Sudachi."""
    out = []
    while end - start > MAX_CHUNK_CHARS:
        out.append((start, start + MAX_CHUNK_CHARS))
        start += MAX_CHUNK_CHARS - _OVERLAP
    out.append((start, end))
    return out


def _is_unknown_given_name(tokens: list[tuple[int, int, str, str]], i: int) -> bool:
    """高橋ひなたちゃん: a surname, a short noun the dictionary does not know as a name, an
    honorific."""
    if i + 2 >= len(tokens) or tokens[i + 2][2] not in HONORIFICS:
        return False
    _, _, surface, role = tokens[i + 1]
    if tokens[i][3] == "place":
        # 五福小の宮崎れんくん: a surname the tokenizer reads as a place (宮崎), and a kana given
        # name it does not read as a word (れん): both known to the dictionary as names.
        return (
            _is_surname(tokens[i][2])
            and _KANA_RE.fullmatch(surface) is not None
            and _is_given_name(surface)
        )
    return tokens[i][3] == "sei" and role in _NOUN_ROLES and len(surface) <= 4


_HANDLE_CHAR_RE = re.compile(r"[A-Za-z0-9_.@]")
_NOUN_ROLES = frozenset({"noun", "place", "person"})
# 古賀一家, 山口夫妻: a household or a couple named by the surname.
_HOUSEHOLD = frozenset(
    {"一家", "夫妻", "夫婦", "ご夫婦", "ご一家", "家族", "ご家族", "親子", "兄弟", "姉妹"}
)
# A place name read as a surname before an honorific only when it could be one: two or three
# kanji, not a ward, city, temple, shrine, castle or station (水前寺さん, 熊本城さん).
_PLACE_SURNAME_RE = re.compile(
    r"[\u4e00-\u9fff々]{2,3}(?<![区市町村県郡都府道州国島寺宮社院城駅橋])"
)
_MASCOT_HONORIFICS = frozenset({"ちゃん", "くん", "君"})


def _single_name(tokens: list[tuple[int, int, str, str]], i: int) -> bool:
    """A single surname or given name before an honorific (or a surname before 一家, 夫妻)."""
    _, _, surface, role = tokens[i]
    if i + 1 >= len(tokens):
        return False
    following = tokens[i + 1][2]
    if role in ("sei", "place") and following in _HOUSEHOLD:
        return role == "sei" or _PLACE_SURNAME_RE.fullmatch(surface) is not None
    if following not in HONORIFICS:
        return False
    if role in ("sei", "mei"):
        return True
    if role == "person":  # KOTAさん, DAIくん: a name in letters is a stage name
        return not surface.isascii()
    if role != "place" or _PLACE_SURNAME_RE.fullmatch(surface) is None:
        return False
    # 小倉南ちゃん, 八幡西くん: a place that is no one's surname, made a mascot by ちゃん or くん
    # (葉山くん, 宮崎ちゃん: places that are also surnames stay names).
    return following not in _MASCOT_HONORIFICS or _is_surname(surface)


# 佐藤そうたくん, 山田ゆうとくん: a kana given name the tokenizer cuts into other words
# (そう|たくん) between a surname and an honorific; not a particle or お… (田中のおばちゃん).
_SPLIT_KANA_NAME_RE = re.compile(
    r"(?![のがはをにともへやでお])[\u3041-\u3096]{2,4}(?=くん|ちゃん|さん|君)"
)


def _name_spans(
    tokens: list[tuple[int, int, str, str]], text: str
) -> Iterable[tuple[int, int, bool, int]]:
    """(start, end, alone, given) of names in a token list of (start, end, surface, role) over
    ``text``; ``alone`` is a single surname or given name before an honorific, ``given`` where
    the given name of a surname + given-name pair begins (``end`` when there is none)."""
    i = 0
    while i < len(tokens):
        start, end, _, role = tokens[i]
        pair = role == "sei" and i + 1 < len(tokens) and tokens[i + 1][3] == "mei"
        if pair or _is_unknown_given_name(tokens, i):
            yield start, tokens[i + 1][1], False, tokens[i + 1][0]
            i += 2
            continue
        if role in ("sei", "mei", "place", "person") and _single_name(tokens, i):
            # @minami_photo_k さん: the end of an account's handle, not a name.
            if role in ("sei", "mei") or start == 0 or not _HANDLE_CHAR_RE.match(text, start - 1):
                yield start, end, role in ("mei", "person"), end
        elif role == "sei" and (split := _SPLIT_KANA_NAME_RE.match(text, end)) is not None:
            yield start, split.end(), False, end
            while i + 1 < len(tokens) and tokens[i + 1][1] <= split.end():
                i += 1
        i += 1


# A morpheme's role depends only on its part of speech: asked of the matchers once per POS id.
_POS_ROLES: dict[int, str] = {}


def _tokens(text: str, offset: int) -> list[tuple[int, int, str, str]]:
    tokenizer, surname, given, place, person, noun = _analyzer()
    tokens = []
    for m in tokenizer.tokenize(text):
        surface = m.surface()
        if surface.isspace():
            continue  # 山田 太郎: a space between surname and given name keeps them a pair
        pos = m.part_of_speech_id()
        role = _POS_ROLES.get(pos)
        if role is None:
            role = (
                "sei"
                if surname(m)
                else "mei"
                if given(m)
                else "place"
                if place(m)
                else "person"
                if person(m)
                else "noun"
                if noun(m)
                else ""
            )
            _POS_ROLES[pos] = role
        tokens.append((offset + m.begin(), offset + m.end(), surface, role))
    return tokens


# たなか そうたくん, こが りく くん（4さい）: a child's full name in hiragana, spaced for reading,
# before くん or ちゃん (the space is gone from the normalised text, so the caption is read).
_SPACED_KANA_NAME_RE = re.compile(
    r"(?:(?<![\u3041-\u3096])|(?<=[のはがをとに]))"
    r"[\u3041-\u3096]{2,4}(?<![はのをにともでへや])[ \u3000][\u3041-\u3096]{1,4}[ \u3000]?"
    r"(?=くん|ちゃん)"
)
# A first kana that is also a particle (の, に, は, と, も …) starts a name only when the first word
# is a surname (のむら, にしだ, やまだ): otherwise the particle ends the word before it.
_PARTICLE_FIRST = frozenset("のはがをとにもへやで")
# 西原小6年「ひかる」くん, 年中組の「ゆい」ちゃん: a child's name in quotes after a school or class.
_QUOTED_CHILD_RE = re.compile(
    r"(?:小学?\d|中学?\d|\d年生?|年中|年長|年少|組|幼稚園|保育園|こども園|小学校|中学校|児童|園児)"
    r"[^\n。]{0,8}?[「『]([\u3041-\u3096\u30a1-\u30fa\u30fc]{2,6})[」』]\s*(?=くん|ちゃん)"
)


# 城東小学校4年2組の 相良ひなたさん, 帯山中1年の宮崎ひなたちゃん, ひまわり組の石田りこちゃん: a
# pupil named after the class, with a surname the tokenizer reads as a place name.
_CLASS_CHILD_RE = re.compile(
    r"(?:小学?校?\d|中学?校?\d|\d年生?|\d組|年中|年長|年少|組|幼稚園|保育園|こども園|小学校"
    r"|中学校|児童|園児)(?:の|、|\s)?\s*"
    r"((?![組年生園校級部班])[\u4e00-\u9fff々]{1,3}[ \u3000]?(?![のはがをにともへでやお])"
    r"[\u3041-\u3096]{2,4}(?<!たち))(?=くん|ちゃん|さん)"
)


def _written_child_names(text: str) -> list[Hit]:
    """Children's names the tokenizer cannot see, found in the caption itself."""
    hits: list[Hit] = []
    # Every pattern here ends before くん, ちゃん or さん: searched only just before each one.
    anchors = [m.start() for m in _CHILD_HONORIFIC_RE.finditer(text)]
    if not anchors:
        return hits
    for found in _near(_SPACED_KANA_NAME_RE, text, anchors, 16, 3):
        m = found
        first = _SPACES_RE.split(found.group(), 1)[0]
        if found.group()[0] in _PARTICLE_FIRST and not _is_surname(first):
            # 年中組のたなか そうたくん: the particle ends the word before; the name follows it.
            after = _SPACED_KANA_NAME_RE.match(text, found.start() + 1)
            if after is None:
                continue  # 公園では しゅんくん: no name after the particle either
            m = after
            first = _SPACES_RE.split(m.group(), 1)[0]
        age = _age_span(text, m.end(), m.end())
        if age is None and not _is_surname(first):
            continue  # みんなの あいどる くまちゃん: no surname first and no age after
        start, end = m.start(), m.end() - (1 if m.group()[-1] in " \u3000" else 0)
        hits.append(Hit("person_name", start, end, text[start:end], detail=text[start:end]))
        if age is not None:
            hits.append(Hit("age", age[0], age[1], text[age[0] : age[1]], detail=text[start:end]))
    for m in _near(_QUOTED_CHILD_RE, text, anchors, 40, 3):
        hits.append(Hit("person_name", *m.span(1), m.group(1), detail=m.group(1)))
    for m in _near(_CLASS_CHILD_RE, text, anchors, 24, 3):
        name = _SPACES_RE.sub("", m.group(1))
        hits.append(Hit("person_name", *m.span(1), m.group(1), detail=name))
    return hits


def detect_names(nt: NormalizedText, allow_names: frozenset[str]) -> list[Hit]:
    """Hits for names of private persons; names on ``allow_names`` (public persons) pass."""
    allowed = [_SPACES_RE.sub("", n) for n in allow_names]
    hits = _written_child_names(nt.original) + _context_names(nt) + _katakana_names(nt)
    seen: set[tuple[int, int]] = set()
    public: set[str] = set()  # names the caption has already introduced as public persons
    for start, end in _windows(nt.text):
        for s, e, alone, given in _name_spans(_tokens(nt.text[start:end], start), nt.text):
            name = _SPACES_RE.sub("", nt.text[s:e])
            if (s, e) in seen or name in public or any(name in p for p in allowed):
                continue
            if name in WELL_KNOWN_DEAD:
                continue
            # 森さん、コメントありがとうございます: a reply to a commenter by the name they
            # commented under, at the start of a line.
            if _is_reply_to_commenter(nt.text, s, e):
                continue
            # 矢部ジンです。, 小倉南区出身YouTuberのミナミのケンタです: the writer signing in (a
            # guest taking over the account); 区役所さん: the office, not a 役所 family.
            if _is_the_office(nt.text, s, name) or (
                _is_self_introduction(nt.text, s, e) and not _private_detail_near(nt.text, s, e)
            ):
                continue
            # 木村さんの手際のよさに助けられています, ボランティアの山田さん、ありがとう: a helper
            # thanked by one name only; 担当：山本: the member of staff who answers.
            single = given == e  # one name: a surname or a given name alone
            if single and (_is_thanked(nt.text, s, e) or _is_staff_in_charge(nt.text, s, e)):
                continue
            # 水前寺のり, 合馬たけのこ, 天明梨: a place name and produce, read as a name.
            if not alone and given < e and _names_a_thing(nt.text, s, given, e):
                continue
            # 城彩苑, 山田荘: a "name" that a place's ending follows is the place's name.
            if not single and nt.text[e : e + 1] in _PLACE_ENDS:
                continue
            # 保健師さん: the tokenizer splits an occupation (保|健師) into a word and a "name".
            if (
                alone
                and name.endswith(_OCCUPATION_ENDS)
                and _SURNAME_END_RE.search(nt.text, max(0, s - 1), s)
            ):
                continue
            # はるかさん, まりなさん: a given name alone in kana is a stage or pen name, and
            # names no one in particular; not a child's (そうたくん, ゆいちゃん), one with an age
            # beside it, or one right after a surname (佐々木そうたくん).
            if (
                alone
                and _KANA_RE.fullmatch(name)
                and _pen_name_like(nt.text, s, e)
                and not _points_at_person(nt.text, s, e)
            ):
                continue
            # さとうみさきさん, いしいあおいさん（書家）: a whole name in kana with さん or 様 is
            # the name an artist publishes under (a child's is written with くん or ちゃん).
            if (
                not single
                and _KANA_RE.fullmatch(name)
                and nt.text.startswith(("さん", "様", "さま"), e)
                and _age_span(nt.text, s, e) is None
                and not _grade_near(nt.text, e)
                and not _points_at_person(nt.text, s, e)
            ):
                continue
            # 写真家「こもれび堂」さん … こもれび堂さんの在廊は: a name introduced as an artist's
            # or an official's stays public where the caption mentions it again.
            age = _age_span(nt.text, s, e)
            aged = age is not None or _grade_near(nt.text, e)
            if _is_public_figure(nt.text, s, e, aged=aged, alone=alone):
                public.add(name)
                continue
            seen.add((s, e))
            hits.append(hit_from_text(nt, "person_name", s, e, detail=name))
            if age is not None:
                hits.append(hit_from_text(nt, "age", *age, detail=name))
    return _without_consented(nt.original, hits)


# 城彩苑, 水前寺成趣園, 山田荘: a place's ending right after what the tokenizer read as a name.
_PLACE_ENDS = frozenset("苑園館寺院宮社橋池閣亭庵荘")

# Details that point at a private person when told beside a name (in the name's sentence or the
# next one): where they live or stay, a family member's school class, their health, where and
# when they can be found at work, their own phone. A role, a pen name or quotes do not make
# such a person public.
_PRIVATE_DETAIL_RE = re.compile(
    r"(?<!ご)自宅(?!でも|のよう|みたい)|(?<![住帰在旧別邸社])宅(?![配地急建])|住まい|住所は"
    r"|(?<![市県都府国州道本])在住|に住んで|に住む|住んでいる|(?:ひとり|一人|独り)暮らし"
    r"|(?<![\u4e00-\u9fff])家は|実家|アパート|マンション|団地|号室|号棟|に(?:ご)?宿泊|泊まって"
    r"|(?:娘|息子|子ども|子供|孫|お子さん)[^。\n]{0,14}?(?:小|中|高校|幼稚園|保育園)[^。\n]{0,8}?\d年"
    r"|(?:入院|手術を受け|治療を受け|治療中|通院|持病|妊娠|闘病|療養中|休職|病気で|がんで|認知症|うつ病"
    r"|うつで|けがを|怪我を|補導|前科)(?!中?の(?:方|人|皆|子|患者|家族|お子)|者|児)"
    r"|(?:平日|土日|毎日|毎朝|毎晩|毎週|夕方|\d時)[^。\n]{0,20}?(?:働いて|勤務して|バイトして|パートして|で見かけ)"
    r"|(?:本人|個人|私用|自分)の?携帯|携帯番号|ケータイ"
)
_SENTENCE_MARK_RE = re.compile(r"[。！？!?\n]+")
_DETAIL_BEFORE = 40
_DETAIL_AFTER = 80


def _private_detail_near(text: str, start: int, end: int) -> bool:
    """A private detail in the name's sentence or in the next one."""
    before = text[max(0, start - _DETAIL_BEFORE) : start]
    before = _SENTENCE_MARK_RE.split(before)[-1]
    pieces = _SENTENCE_MARK_RE.split(text[end : end + _DETAIL_AFTER], 2)
    after = "。".join(pieces[:2])
    return _PRIVATE_DETAIL_RE.search(before + "・" + after) is not None


# 岩野1234のあやかさん, 北方1丁目の平田様: an address or a home right before the name.
_ADDRESS_BEFORE_RE = re.compile(r"(?:\d|丁目|番地|号|在住|住まい)の?$")
# ながのとしこさん（電話下4桁2281）: a number or a contact in brackets after the name.
_CONTACT_AFTER_RE = re.compile(
    r"(?:さん|様|さま|くん|ちゃん)?\s*[(（][^()（）\n]{0,12}(?:\d{3}|電話|tel|TEL|携帯|連絡)"
)


def _points_at_person(text: str, start: int, end: int) -> bool:
    """Something beside the name says whose it is: an address before it, a number or a contact
    in brackets after it, or a private detail in its sentence or the next."""
    return (
        _ADDRESS_BEFORE_RE.search(text, max(0, start - 8), start) is not None
        or _CONTACT_AFTER_RE.match(text, end) is not None
        or _private_detail_near(text, start, end)
    )


# ご本人の了解を得て掲載, 保護者の同意をいただいています: the person agreed to be named.
_CONSENT_RE = re.compile(
    r"(?:ご?本人|ご家族|保護者|ご両親)(?:の|から|に|様の)?(?:掲載の?)?(?:了解|了承|同意|承諾|許可)"
    r"(?:を|は|も)?(?:得て|得た|いただ|頂|もら|済|取って|とって|取った|とった|を得|あり)"
)
_CONSENT_REACH = 80


def _without_consented(text: str, hits: list[Hit]) -> list[Hit]:
    """Names and ages near a statement that the person agreed to be named are not findings
    (the clauses forbid naming without consent; a contact or an address still is one)."""
    if not hits or (
        "了" not in text and "同意" not in text and "承諾" not in text and "許可" not in text
    ):
        return hits
    spans = [m.span() for m in _CONSENT_RE.finditer(text)]
    if not spans:
        return hits
    return [
        h
        for h in hits
        if not any(s - _CONSENT_REACH <= h.start and h.end <= e + _CONSENT_REACH for s, e in spans)
    ]


# 葉山くん（17・朽網在住）, ミズノカレンさん（16）, ナカタニミツオさん（76サイ・…）: a word with an
# honorific and an age in brackets is a person, whether the dictionary knows the name or not.
_NAME_WITH_AGE_RE = re.compile(
    r"(?P<name>(?<![\u4e00-\u9fff々\u30a1-\u30fa\u30fc])"
    r"(?:[\u4e00-\u9fff々]{1,4}|[\u30a1-\u30fa\u30fc]{2,8}(?:[・･]?[\u30a1-\u30fa\u30fc]{2,8})?)"
    # ひろとくん(小6), S・Tくん(2年): a child's kana given name or initials, with くん or ちゃん
    r"|(?<![\u3041-\u3096])(?![おみ])[\u3041-\u3096]{2,6}(?=くん|ちゃん)"
    r"|(?<![A-Za-z])[A-Z][.・･]?[A-Z]\.?(?=くん|ちゃん|さん))"
    r"(?:さん|くん|ちゃん|君|様|さま)"
    r"\((?:(?P<age>\d{1,3}(?:歳|才|さい|サイ)?)|(?:小|中|高)学?校?\d年?生?|\d年生?)"
    r"(?:[・、,/][^()\n]{1,16})?\)"
)
# しいのみ保育園のゆうとくん, 帯山中2年のこうたくん, 中学生のリナちゃん: a child's given name in
# kana after a nursery, a school grade or a class.
_SCHOOL_CHILD_RE = re.compile(
    r"(?:保育園|幼稚園|こども園|保育所|小学?校?\d年生?|中学?校?\d年生?|高校?\d年生?|\d年生|年[少中長]"
    r"|\d組|組|小学生|中学生|高校生|園児|児童|(?<=[\u4e00-\u9fff])小"
    # 末っ子のあかりちゃん, 娘のりこちゃん: a child named by the family
    r"|末っ子|長男|長女|次男|次女|三男|三女|息子|娘|孫|お孫さん|姪|甥|妹|弟)の?"
    r"(?P<name>(?![おみのはがをにともへでや])[\u3041-\u3096]{2,5}|[\u30a1-\u30fa\u30fc]{2,6})(?=くん|ちゃん|さん|君)"
)
# お名前は「松永ゆかり」さん, 名札「川端」くん, 名前は「はやと」くん、5歳: a name given by a label.
# 「さくら幼稚園ひまわり組あおい」: a class and a child's name in quotes.
_LABELLED_NAME_RE = re.compile(
    r"(?:お?名前|氏名|名札|ネームシール|本名|フルネーム)(?:は|に|が|を|:)?[^「『\n]{0,6}?"
    r"[「『](?P<name>[^」』\n]{1,16})[」』](?=さん|くん|ちゃん|様|さま|君|[^\n]{0,3}\d{1,2}(?:歳|才|さい))"
    r"|(?:名札|ネームシール)に?[「『](?P<tag>[^」』\n]{0,16}?\d{1,2}(?:歳|才|さい)[^」』\n]{0,12})[」』]"
)
_NAME_LABELS = ("名前", "氏名", "名札", "ネームシール", "本名", "フルネーム")
_QUOTED_CLASS_CHILD_RE = re.compile(
    r"[「『][^」』\n]{0,12}(?:組|幼稚園|保育園|\d年)[・]?(?P<child>[\u3041-\u3096\u30a1-\u30fa]{2,4})[」』]"
)
# A pet's, a mascot's or a work's name (看板猫の名前は「こむぎ」ちゃん) is no one's.
_NOT_A_PERSON_BEFORE_RE = re.compile(
    r"猫|ねこ|ネコ|犬|いぬ|イヌ|ワン|ニャン|ペット|うさぎ|ウサギ|インコ|金魚|カメ|ヤギ|ひつじ|羊|馬|牛"
    r"|キャラ|マスコット|ロボット|人形|ぬいぐるみ|作品|愛称|ニックネーム|ペンネーム|芸名|名付け|命名"
    r"|号|船|車|電車|バス"
)
_ANIMAL_AFTER_RE = re.compile(
    r"猫|ねこ|ネコ|犬|いぬ|イヌ|柴|ペット|うさぎ|ウサギ|インコ|金魚|カメ|ヤギ|羊|キャラ|マスコット|オス|メス"
)
# 企救高校1年の @rina_kiku_0412 さん: a pupil's account named with the school grade.
_STUDENT_HANDLE_RE = re.compile(
    r"(?:小学?校?\d年?生?|中学?校?\d年?生?|高校?\d年?生?|小学生|中学生|高校生)の?\s*"
    r"(?P<handle>@[A-Za-z0-9._]{3,30})"
)


_NOT_A_CHILD = frozenset({"みんな", "みな", "あか", "せんせい", "ともだち", "なかま"})
_HIRAGANA_RE = re.compile(r"[\u3041-\u3096]+")


_CHILD_HONORIFIC_RE = re.compile(r"さん|くん|ちゃん|君|様|さま")
# How far before and after an honorific a match of these patterns reaches (name, school, age).
_AGE_BEFORE, _AGE_AFTER = 18, 32
_SCHOOL_BEFORE, _SCHOOL_AFTER = 16, 3


def _near(
    regex: re.Pattern[str], text: str, anchors: list[int], before: int, after: int
) -> list[re.Match[str]]:
    """The matches of ``regex`` in the windows around the anchors (overlapping windows merged,
    so that no character is scanned twice)."""
    found: list[re.Match[str]] = []
    start = end = -1
    for a in anchors:
        lo, hi = max(0, a - before), a + after
        if lo > end:
            if end > start:
                found += regex.finditer(text, start, end)
            start = lo
        end = hi
    if end > start:
        found += regex.finditer(text, start, end)
    return found


# タナカ ハナコさん, カワノ・ユウキクン, タナカハナコさま: a whole name in katakana before an
# honorific (in katakana too, in an all-katakana caption); the tokenizer reads it as loanwords.
_KATAKANA_HONORIFIC_RE = re.compile(r"さん|くん|ちゃん|君|様|さま|サン|クン|チャン|サマ")
_KATAKANA_NAME_CHARS = frozenset(
    [chr(c) for c in range(0x30A1, 0x30FB)] + ["ー", "・", "･", " ", "\u3000"]
)
_KATAKANA_RUN = 14  # a surname and a given name of up to six characters each, and a separator
_NAME_SEPARATORS_RE = re.compile(r"[・･ \u3000]+")


def _katakana_split(run: str, whole: bool, gap: int = 0) -> int | None:
    """Where the name begins in a run of katakana that ends with a surname and a given name
    (written apart or together), or None. Apart, one of the two parts must be a name the
    dictionary knows; together, both must be (so that loanwords are not cut into names).
    ``gap``: where the caption had a space in the run (normalisation drops it), or 0."""
    if gap and not any(c in run for c in "・･ \u3000"):
        run = f"{run[:gap]} {run[gap:]}"  # タナカ ハナコ as written: split where the space was
        begins = _katakana_split(run, whole)
        return None if begins is None else begins - (begins > gap)
    parts = _NAME_SEPARATORS_RE.split(run.strip(" \u3000・･"))
    # オ・カ・ダさん, ヒ・ラ・ヤ・マさん: a name spelled one kana at a time.
    if len(parts) > 2 and all(len(p) == 1 for p in parts):
        joined = "".join(parts)
        return 0 if whole and (_is_surname(joined) or _is_given_name(joined)) else None
    if len(parts) >= 2:
        sei, mei = parts[-2:]
        if not 1 <= len(mei) <= 6:
            return None
        at = run.rfind(sei)  # where the name begins (earlier words are not part of it)
        if 2 <= len(sei) <= 6 and _known_pair(sei, mei):
            return at
        # シュンカンノワタナベ・ハナコ: the spaces of an all-katakana caption are gone, so the
        # surname is the end of the word before the dot, when the given name is one as well.
        if _is_given_name(mei):
            for n in range(min(6, len(sei) - 1), 1, -1):
                if _is_surname(sei[-n:]):
                    return at + len(sei) - n
        return None
    # Written together: five characters at least, and not a word of its own (ボーカル).
    if not whole or len(parts) != 1 or not 5 <= len(run) <= 12 or _is_common_noun(run):
        return None
    for k in range(2, len(run) - 1):
        if run[k] == "ー":
            continue
        if _is_surname(run[:k]) and _is_given_name(run[k:]):
            return 0
    return None


def _last_gap(nt: NormalizedText, start: int, end: int) -> int:
    """Where (relative to ``start``) the caption had whitespace between two characters of
    text[start:end] that normalisation joined, the last such place; 0 when there is none."""
    o_start, o_end = nt.to_original(start, end)
    if not _SPACES_RE.search(nt.original, o_start, o_end):
        return 0
    for k in range(end - 1, start, -1):
        _, previous_end = nt.to_original(k - 1, k)
        here, _ = nt.to_original(k, k + 1)
        if nt.original[previous_end:here].isspace():
            return k - start
    return 0


def _known_pair(sei: str, mei: str) -> bool:
    """Both parts are names the dictionary knows, or one is and is no common word (キムラ
    サクラ, ナカハラ ミエコ; not ヨーロッパ・ツアー, where ツアー is a word before a name)."""
    sei_known, mei_known = _is_surname(sei), _is_given_name(mei)
    return (sei_known and mei_known) or (
        (sei_known and not _is_common_noun(sei)) or (mei_known and not _is_common_noun(mei))
    )


def _katakana_names(nt: NormalizedText) -> list[Hit]:
    """Whole names in katakana before an honorific, unless a title, a role or history makes the
    person public (the same tests as a name the tokenizer finds)."""
    text = nt.text
    hits: list[Hit] = []
    if not any("\u30a1" <= c <= "\u30fa" for c in text):
        return hits
    for m in _KATAKANA_HONORIFIC_RE.finditer(text):
        end = m.start()
        start = end
        while start > max(0, end - _KATAKANA_RUN) and text[start - 1] in _KATAKANA_NAME_CHARS:
            start -= 1
        while start < end and text[start] in " \u3000・･":
            start += 1
        if end - start < 3 or (start > 0 and _HANDLE_CHAR_RE.match(text, start - 1)):
            continue
        run = text[start:end]
        whole = start == 0 or text[start - 1] not in _KATAKANA_NAME_CHARS  # not cut by the cap
        begins = _katakana_split(run, whole, _last_gap(nt, start, end))
        if begins is None:
            continue
        start += begins
        aged = _age_span(text, start, end) is not None or _grade_near(text, end)
        if not aged and _is_public_figure(text, start, end, aged=False, alone=False):
            continue
        name = _SPACES_RE.sub("", text[start:end])
        hits.append(hit_from_text(nt, "person_name", start, end, detail=name))
    return hits


def _context_names(nt: NormalizedText) -> list[Hit]:
    """Names the tokenizer does not see as names, known as a person's by what surrounds them:
    an age in brackets, a school or class before a child's given name, a label (お名前は),
    a school grade before an account."""
    text = nt.text
    hits = []
    # Both patterns end at an honorific: they are searched only just around each one (a scan of
    # the whole caption tries their alternatives at every character).
    anchors = [m.start() for m in _CHILD_HONORIFIC_RE.finditer(text)]
    if "(" in text:
        for m in _near(_NAME_WITH_AGE_RE, text, anchors, _AGE_BEFORE, _AGE_AFTER):
            name, name_start = m.group("name"), m.start("name")
            kana = _HIRAGANA_RE.fullmatch(name) is not None
            # 一等賞のはるまくん: the particle after a kanji word is not the name's first kana.
            if kana and name[0] in _PARTICLES and len(name) > 3:
                name, name_start = name[1:], name_start + 1
            if (
                name.endswith(_TITLES)
                or _NOT_A_PERSON_WORD_RE.fullmatch(name)
                or name in _NOT_A_CHILD
                or (not kana and _is_common_noun(name))
            ):
                continue
            hits.append(hit_from_text(nt, "person_name", name_start, m.end("name"), detail=name))
            if m.group("age"):
                hits.append(hit_from_text(nt, "age", *m.span("age"), detail=name))
    for m in _near(_SCHOOL_CHILD_RE, text, anchors, _SCHOOL_BEFORE, _SCHOOL_AFTER):
        name = m.group("name")
        # (a kana given name may be a common word too: あかり, ひかり)
        if name in _NOT_A_CHILD or (not _HIRAGANA_RE.fullmatch(name) and _is_common_noun(name)):
            continue
        hits.append(hit_from_text(nt, "person_name", *m.span("name"), detail=name))
    quoted: list[re.Match[str]] = []
    if "「" in text or "『" in text:
        if any(w in text for w in _NAME_LABELS):
            quoted += _LABELLED_NAME_RE.finditer(text)
        if "組" in text or "園" in text:
            quoted += _QUOTED_CLASS_CHILD_RE.finditer(text)
        for m in quoted:
            group = next(g for g, value in m.groupdict().items() if value)
            line_start = text.rfind("\n", 0, m.start()) + 1
            if _NOT_A_PERSON_BEFORE_RE.search(text, max(line_start, m.start() - 16), m.start()):
                continue
            # 名前は「こむぎ」ちゃん、3歳の柴犬です: the animal named after the name.
            if _ANIMAL_AFTER_RE.search(text[m.end() : m.end() + 20].split("\n", 1)[0]):
                continue
            hits.append(hit_from_text(nt, "person_name", *m.span(group), detail=m.group(group)))
    if "@" in text:
        for m in _STUDENT_HANDLE_RE.finditer(text):
            hits.append(
                hit_from_text(nt, "person_name", *m.span("handle"), detail=m.group("handle"))
            )
    return hits


_NOT_A_PERSON_WORD_RE = re.compile(
    r"皆|みな|お子|子|お客|利用者|参加者|来場者|出演者|生徒|児童|園児|赤|お母|お父|息子|娘|孫|主人|奥"
)


# Historical figures the two cities' posts are about (their houses, works, statues and
# birthdays are the subject of exhibitions): matched as the whole name, so that a living 森さん
# or 加藤さん is still a private person.
WELL_KNOWN_DEAD = frozenset(
    {"夏目漱石", "小泉八雲", "加藤清正", "細川ガラシャ", "細川忠利", "細川忠興", "細川重賢"}
    | {"宮本武蔵", "佐々木小次郎", "横井小楠", "徳富蘇峰", "徳富蘆花", "種田山頭火", "北里柴三郎"}
    | {"森鷗外", "森鴎外", "松本清張", "杉田久女", "火野葦平", "林芙美子", "小笠原忠真"}
    | {"西郷隆盛", "谷干城", "ラフカディオ・ハーン", "坂本善三", "石牟礼道子"}
)
_SURNAME_END_RE = re.compile(r"[\u4e00-\u9fff々ヶ]$")
_OCCUPATION_ENDS = ("師", "士")


# 森さん、コメントありがとうございます / 三浦さん、いつもご意見ありがとうございます
_REPLY_AFTER_RE = re.compile(
    r"(?:さん|様|さま)\s*[、,!！]?\s*[^\n。]{0,8}?"
    r"(?:コメント|ご意見|ご質問|ご指摘|ご感想|お言葉|メッセージ|ご投稿|お問い合わせ|ご要望)"
    r"[^\n。]{0,8}?ありがと"
)
_LINE_LEAD_CHARS = " \u3000@＠>＞・"


# The name that opens its line (after a greeting, emoji or a role ending in の) and ends its
# first sentence with です: the writer introducing themself. Not 犯人は山田太郎です, nor a
# quoted stranger (「熊本市東区○○町3-21の上野千夏です」), nor one whose private details follow.
_SELF_INTRO_BEFORE_RE = re.compile(
    r"(?:^|\n)[^\w\n「『]*(?:(?:はじめまして|初めまして|こんにちは|こんばんは|おはようございます"
    r"|どうも|はいどーも|押忍|yo|hi|hello)[^\w\n「『]*)?(?:[^。！？!?\n「『\d]{0,20}の)?\Z",
    re.IGNORECASE,
)
_SELF_INTRO_AFTER_RE = re.compile(
    r"(?:です|でーす|でございます|と申します|といいます|だぜ)(?:[。！!、,\s]|$)"
)


def _is_self_introduction(text: str, start: int, end: int) -> bool:
    if _SELF_INTRO_AFTER_RE.match(text, end) is None:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return _SELF_INTRO_BEFORE_RE.search(text[max(0, line_start - 1) : start]) is not None


def _is_the_office(text: str, start: int, name: str) -> bool:
    return name in ("役所", "役場") and text[start - 1 : start] in ("区", "市", "町", "村")


def _is_reply_to_commenter(text: str, start: int, end: int) -> bool:
    """A name that opens its line and is thanked for a comment, opinion or question."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(_LINE_LEAD_CHARS):
        return False
    return _REPLY_AFTER_RE.match(text, end, end + 40) is not None


# さん、ありがとう / さんにも感謝 / さんのおかげで / さんの手際のよさには毎回助けられています
_THANKED_AFTER_RE = re.compile(
    r"(?:さん|様|さま)(?![（(])[^\n。（(]{0,24}?"
    r"(?:ありがと|感謝|お世話にな|おかげ|助けられ|助かり|お疲れ|おつかれ)"
)


def _is_thanked(text: str, start: int, end: int) -> bool:
    """One name with さん or 様, thanked in the same sentence, with nothing in brackets after it
    (an age, a grade, a phone number or a district would point at the person)."""
    line_start = text.rfind("\n", 0, start) + 1
    around = text[max(line_start, start - _CONTACT_REACH) : end + _CONTACT_REACH].split("\n", 1)[0]
    return (
        _THANKED_AFTER_RE.match(text, end, end + 40) is not None
        and text[start - 1 : start] not in ("(", "（")
        and _age_span(text, start, end) is None
        and not _grade_near(text, end)
        and _CONTACT_NEAR_RE.search(around) is None
        and _HOME_OR_SCHOOL_RE.search(around) is None
    )


# 〒862-0950 …14-5 の平田さまから: an address or a number on the line points at the person.
_CONTACT_NEAR_RE = re.compile(r"〒|\d+\s*[-‐−ー－丁番号]|@")
# マンション5階の方（西田様）, 長行小4年の谷口さん, 須藤さんのお宅: a home, a floor, a school
# class or a family matter beside the name points at the person.
_HOME_OR_SCHOOL_RE = re.compile(
    r"自宅|宅|マンション|アパート|団地|号室|号棟|\d+階の|住ま|在住|ご近所|近所の|実家"
    r"|[小中高]\d|\d年生|\d年\d?組|年[少中長]|[一-龥]組の|小学校|中学校|高校|幼稚園|保育園|園児"
    r"|(?:入院|病気)(?!中?の(?:方|人|皆|子|患者|家族|お子)|者|児)|離婚|名義"
)
_HOME_AFTER_REACH = 16
_CONTACT_REACH = 40


# 担当：山本, 担当 森, （担当 山本さん）, 文化政策課 担当の森: who answers at the office.
_IN_CHARGE_BEFORE_RE = re.compile(
    r"担当(?:者|職員)?\s*(?:[:：]|の|は)?\s*(?:[\u4e00-\u9fff]{1,8}課\s*)?$"
)


def _is_staff_in_charge(text: str, start: int, end: int) -> bool:
    return _IN_CHARGE_BEFORE_RE.search(text, max(0, start - 16), start) is not None


def _grade_near(text: str, end: int) -> bool:
    """A school grade in brackets shortly after the name on its line (…の作品（小3）)."""
    window = text[end : end + _GRADE_REACH].split("\n", 1)[0]
    return _GRADE_AFTER_RE.search(window) is not None


def _pen_name_like(text: str, start: int, end: int) -> bool:
    """A kana given name alone that reads as a pen name: さん or 様 after it, no age beside
    it and no surname written right before it."""
    honorific = text[end : end + 2]
    if not honorific.startswith(("さん", "様", "さま")):
        return False
    if _SURNAME_END_RE.search(text, max(0, start - 1), start):
        return False
    return _age_span(text, start, end) is None


# 山田花子さん（34）, 佐藤さん(72歳), 35歳の鈴木一郎さん: a private person's age beside the name.
_AGE_AFTER_RE = re.compile(
    r"(?:さん|さま|様|氏|くん|君|ちゃん|殿|選手)?\s*[(（]\s*(\d{1,3}(?:\s*(?:歳|才|さい))?)"
    # （21歳・熊本大学3年）, （16・高校1年）: the age first, then a school or a place
    r"\s*(?:[・、,/／][^()（）\n]{1,16})?[)）]"
    r"|(?:さん|さま|様|氏|くん|君|ちゃん|殿|選手)?\s*[、,]?\s*(\d{1,3})\s*(?:歳|才)(?!以|未|から|まで|~|〜)"
)
_AGE_BEFORE_RE = re.compile(r"(?<!\d)(\d{1,3})\s*(?:歳|才)の\s*$")


def _age_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of an age written right after or right before the name at text[start:end]."""
    after = _AGE_AFTER_RE.match(text, end, min(len(text), end + 32))
    if after is not None:
        if after.group(1):
            return after.span(1)
        age_end = after.end()
        while text[age_end - 1] in ")） \u3000":
            age_end -= 1
        return after.start(2), age_end
    before = _AGE_BEFORE_RE.search(text, max(0, start - 8), start)
    if before is not None:
        return before.start(1), before.end() - 1
    return None


def _is_public_figure(
    text: str, start: int, end: int, aged: bool = False, alone: bool = False
) -> bool:
    """An official by title, or a historical figure by context (and no honorific or age after:
    田中ゆい（5歳）の作品 is a child's)."""
    after = text[end : end + 4]
    if after.startswith(_TITLES) or after.startswith(_FORMER_TITLES):
        return True
    if _DECEASED_BEFORE_RE.search(text, max(0, start - 3), start):  # 故・山田花子さん
        return True
    # 田中屋さん, こもれび堂さん: a shop's or studio's name, not a person's.
    if text[end - 1 : end] in _SHOP_NAME_ENDS:
        return True
    # 「坂本りょう」さんの個展: a name in quotes with さん is the name an artist publishes under.
    if (
        not aged
        and _QUOTED_NAME_RE.match(text, end)
        and text[start - 1 : start] in "「『"
        and not _NAME_LABEL_BEFORE_RE.search(text, max(0, start - 8), start)
        and not _points_at_person(text, start, end)
    ):
        return True
    if _PERFORMER_BEFORE_RE.search(text, max(0, start - 12), start):  # 演奏は中島さん
        return True
    if _TITLE_BEFORE_RE.search(text, max(0, start - 6), start):
        return True
    # ギターの須藤さんのお宅（…）: a role does not make a home public, nor a person with an age
    # (ストリートミュージシャン、宮田翔太さん（21歳・熊本大学3年）).
    if (
        not aged
        and _ROLE_BEFORE_RE.search(text, max(0, start - 16), start)
        and not _HOME_OR_SCHOOL_RE.search(text, end, end + _HOME_AFTER_REACH)
        and not _private_detail_near(text, start, end)
    ):
        return True
    if aged:
        return False
    # 大谷翔平選手, 坂本善三美術館, 熊本太郎カルテット: an athlete, a namesake, a group.
    if text.startswith(_PUBLIC_AFTER, end):
        return True
    # 出演：山田花子（ピアノ）、田中一郎（バイオリン）: names on a line of credits.
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start <= _CREDIT_REACH and _CREDIT_LINE_RE.match(text, line_start, start):
        return True
    # 高橋尚子さんがゲストランナーとして: a guest, speaker or performer by what they do there.
    if _ROLE_AFTER_RE.match(text, end, end + 16):
        return True
    around = text[max(0, start - _HISTORY_REACH) : end + _HISTORY_REACH]
    # 八雲さんが愛した, 武蔵さんと小次郎さんの決闘: a given name alone with さん is how a
    # historical figure is called fondly; a surname with さん is someone living.
    if after and after[0] in "さ様君く氏殿ち":
        fond = after.startswith(("さん", "さま", "様"))
        return alone and fond and any(w in around for w in _HISTORICAL_FOND)
    return any(w in around for w in _HISTORICAL) or bool(_YEARS_RE.search(around))


_SHOP_NAME_ENDS = frozenset("屋堂庵亭舎")
# (さん only: 「池田さとみ」様名義のカード is a person's name on a card.)
_QUOTED_NAME_RE = re.compile(r"[」』]\s*さん")
# お名前は「…」さん, 名札「…」: a label says the name in quotes is the person's own.
_NAME_LABEL_BEFORE_RE = re.compile(r"(?:名前|氏名|名札|本名|名義)(?:は|に|が|:)?\s*[「『]$")
# ピアノ演奏は中島さん, 司会を務めた森さん: a performer or a host by what they did there.
_PERFORMER_BEFORE_RE = re.compile(
    r"(?:演奏|出演|司会|朗読|指揮|独唱|独奏|伴奏|進行|ナレーション|解説|講演)者?"
    r"(?:は|を務めた|を務めてくれた|を担当した|を担当してくれた|をしてくれた)$"
)
# 故・山田花子, 故 山田花子: someone who has died (the space is gone from the normalised text).
_DECEASED_BEFORE_RE = re.compile(r"(?<![\u4e00-\u9fff])故[・･\s]?$")
# Strong signs of history for a given name with さん (not 作品, 歴史 or a year alone).
_HISTORICAL_FOND = (
    "が愛した", "が過ごした", "が暮らした", "が住んだ", "が詠んだ", "が描いた", "が築いた",
    "が建てた", "が歩いた", "決闘", "合戦", "没後", "生誕", "命日", "旧居", "ゆかり", "藩主",
    "城主",
)  # fmt: skip
# 山田花子の作品（小3）, 田中ゆい（中学2年）: a school grade beside a name is a child's.
_GRADE_AFTER_RE = re.compile(r"[（(]\s*(?:小学?校?|中学?校?|高校?)\s*\d")
_GRADE_REACH = 16
_PUBLIC_AFTER = (
    "選手", "画伯", "名誉市民", "美術館", "記念館", "文学館", "資料館", "賞", "記念", "基金",
    "公の", "公は", "公が", "公と", "公ゆかり",  # 細川忠利公の命日: a lord
    "カルテット", "トリオ", "クインテット", "バンド", "楽団", "合唱団", "オーケストラ",
    "アンサンブル", "一座", "社中",
)  # fmt: skip
_CREDIT_REACH = 60
_CREDIT_LINE_RE = re.compile(
    r"[\s【\[［■□●◆◇・]*(?:出演者?|ゲスト|司会|指揮|演奏|朗読|作|作曲|作詞|編曲|振付|脚本|演出"
    r"|審査員長?|審査委員長?|講師|監修|語り|ナレーション|独唱|独奏|出展者?|出品者?|出演アーティスト)"
    r"(?:\s*[】\]］]\s*[:：]?|\s*[:：]|[ \u3000]+)[^\n。]*$"
)
_ROLE_AFTER_RE = re.compile(
    r"(?:さん|氏|様)?\s*(?:が|は|を|も)?\s*"
    r"(?:ゲスト|講師|出演|登場|トークショー|ナレーション|司会|講演|特別審査)"
)


# A particle right after a word: よしこ + の is a name and a particle, not the word よしこの.
_PARTICLES = frozenset("のがはをにともへやでかね")
_COMPOUND_REACH = 3
_WORD_CHARS_RE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff々]+")
# One-kanji words for produce, food and crafts that the tokenizer may read as a given name
# after a place name: 水前寺茶, 天明梨, 宇土牛, 和水織, 高森菜.
_PRODUCE_KANJI = frozenset("茶米菜梨織柚牛豚鶏栗芋酒麦豆柿瓜餅飴焼塗漬鮎鯛柑塩紙竹藍苺鰻蟹蜜桃")
# What may follow a local product's name in a sentence: a particle, or a kanji word (のり佃煮).
_THING_NEXT_RE = re.compile(r"[のはを、。,！!\s\u4e00-\u9fff]|まつり|フェ|$")
# Kana words for produce and food that the dictionary also has as given names: as a word right
# after a place name they are the product (水前寺のり), not a person. Flowers and other common
# nouns that are common given names too (さくら, ゆり, けいこ) count only before a festival.
_PRODUCE_KANA = frozenset(
    {"のり", "みかん", "なす", "いちご", "すいか", "くり", "なし", "かき", "わかめ", "こんぶ"}
    | {"ひじき", "だご", "もち", "あめ", "しいたけ", "ごぼう", "れんこん", "だいこん", "にんじん"}
    | {"ねぎ", "しょうが", "わさび", "たまご", "ちくわ", "あさり", "のこ", "たけ", "せり", "ゆず"}
)
_FESTIVAL_NEXT_RE = re.compile(r"まつり|祭|フェス|フェア")
# 鈴木はる|と|くん: kana after the given name that reach an honorific are the rest of the name.
_HONORIFIC_SOON_RE = re.compile(r"[\u3041-\u3096]{0,3}(?:くん|ちゃん|さん|さま|君|様)")
_LABEL_BEFORE_RE = re.compile(r"(?:氏名|名前|担当|者|[:：])\s*$")


@cache
def _is_surname(word: str) -> bool:
    """The dictionary has ``word`` as a surname (たなか, こが), in hiragana or in katakana (the
    dictionary has はしもと only as ハシモト, カワノ not at all)."""
    return _has_role(word, "sei") or _has_role(_other_kana(word), "sei")


@cache
def _is_given_name(word: str) -> bool:
    """The dictionary has ``word`` as a given name or a person's name (はなこ, ユウキ, マリア),
    in hiragana or in katakana."""
    return any(_has_role(w, r) for w in (word, _other_kana(word)) for r in ("mei", "person"))


_HIRA_TO_KATA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
_KATA_TO_HIRA_NAMES = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def _other_kana(word: str) -> str:
    """The word in the other kana script (hiragana <-> katakana)."""
    if _HIRAGANA_RE.fullmatch(word):
        return word.translate(_HIRA_TO_KATA)
    return word.translate(_KATA_TO_HIRA_NAMES)


def _has_role(word: str, role: str) -> bool:
    """The dictionary has ``word`` whole with this role (sei, mei, person)."""
    if not word:
        return False
    dictionary, tokenizer, surname, given, _, person, _ = _dictionary_and_analyzer()
    matcher = {"sei": surname, "mei": given, "person": person}[role]
    lookup = getattr(dictionary, "lookup", None)  # SudachiPy 0.7; 0.6.8 tokenizes instead
    morphemes = list(lookup(word) if lookup is not None else tokenizer.tokenize(word))
    return any(m.surface() == word and matcher(m) for m in morphemes)


@cache
def _is_common_noun(word: str) -> bool:
    """The dictionary has ``word`` as a common noun (のり, たけのこ, 花火)."""
    dictionary, tokenizer, *_ = _dictionary_and_analyzer()
    lookup = getattr(dictionary, "lookup", None)  # SudachiPy 0.7; 0.6.8 tokenizes instead
    if lookup is not None:
        return any(tuple(m.part_of_speech()[:2]) == ("名詞", "普通名詞") for m in lookup(word))
    tokens = list(tokenizer.tokenize(word))
    return len(tokens) == 1 and tuple(tokens[0].part_of_speech()[:2]) == ("名詞", "普通名詞")


def _names_a_thing(text: str, start: int, given: int, end: int) -> bool:
    """水前寺のり, 合馬たけのこ, 水前寺花火, 天明梨: a place name the tokenizer reads as a surname
    and a product, dish, flower or festival it reads as a given name, with no honorific or age
    beside it and no label (氏名：, 担当) before it."""
    if text[end : end + 1] in ("さ", "様", "君", "く", "氏", "殿", "ち", "(", "（"):
        return False
    if _age_span(text, start, end) is not None:
        return False
    if _LABEL_BEFORE_RE.search(text, max(0, start - 4), start):
        return False
    if _HONORIFIC_SOON_RE.match(text, end):
        return False
    mei = text[given:end]
    # The given name starts a longer common word: たけ|のこ, 花|火, ゆか|た.
    word = _WORD_CHARS_RE.match(text, end, end + _COMPOUND_REACH)
    if word is not None:
        for n in range(1, len(word.group()) + 1):
            extension = word.group()[:n]
            if not (n == 1 and extension in _PARTICLES) and _is_common_noun(mei + extension):
                return True
    if mei in _PRODUCE_KANJI:
        return True
    if _KANA_RE.fullmatch(mei) is None:
        return False
    # 水前寺のりは…, 水前寺のりの…: a kana word for produce, used as a thing in the sentence.
    if mei in _PRODUCE_KANA and _THING_NEXT_RE.match(text, end) is not None:
        return True
    # 水前寺ゆりまつり, 合馬さくら祭: a kana common noun naming a festival.
    return _FESTIVAL_NEXT_RE.match(text, end) is not None and _is_common_noun(mei)
