"""Staff's playful asides (ここだけの話, 個人的に, 中の人的には … about lunch or the view) and
speakers running down their own work (昔の自分の絵は下手くそで).

The account's own voice jokes in the words of a leak or an opinion (ここだけの話、食堂のカレーは
金曜が一番おいしい説, 中の人的には耳から描くのがコツ, 個人的にいちばん好きなのは青い版画).
Such a confidential, undecided or personal-opinion finding is dropped when its sentence and the
next one talk about a harmless thing (food, the view, a hobby, a work on show) and name no
matter of the office (a budget, a post, a plan, a deal, a person's job, a complaint) and no
judgement against anyone: ここだけの話 before an undecided plan, 個人的には before a policy or a
boss still flags.
"""

from __future__ import annotations

import re

from chatbot.policy.detectors.lexicon import fold

ASIDE_CATEGORIES = frozenset({"confidential", "undecided", "personal_opinion"})
# What a harmless aside is about: food, the view and the season, a hobby, a work on show, the
# account's own small news.
_HARMLESS = (
    "ランチ", "お昼", "昼ご飯", "昼ごはん", "弁当", "カレー", "うどん", "ラーメン", "食堂",
    "おいしい", "美味しい", "うまい", "スイーツ", "おやつ", "コーヒー", "夕焼け", "朝焼け", "夜景",
    "星空", "景色", "眺め", "絶景", "名所", "紅葉", "桜が", "書道", "趣味", "描き方", "描くのが",
    "版画", "展示で", "作品で", "ガッツポーズ",
)  # fmt: skip
# What makes it a real leak or a real opinion: a matter of the office or a person's job, or a
# judgement against something.
_MATTERS = (
    "予算", "人事", "異動", "内示", "内定", "課長", "係長", "部長", "局長", "区長", "市長", "上司",
    "監査", "入札", "契約", "委託", "業者", "審査", "選考", "候補", "決裁", "調整中", "協議",
    "交渉", "議会", "庁内", "課内", "職員の", "処分", "苦情", "相談", "鍵", "金庫", "パスワード",
    "暗証", "防犯", "方針", "政策", "事業", "廃止", "移転", "計画", "予定価格", "万円", "億円",
    "会場", "予定地", "跡地", "改修", "通行止め", "報告書", "事故", "補助金", "評価", "点数",
    "料金", "有料", "税", "選挙", "党", "住所", "発表", "公表", "受賞", "まだ", "決まっ",
    "指摘", "検査", "保健所",
    # the job itself (仕事辞めたい, 残業, 休日出勤, 転職, やる気), a business or a person ranked
    # (一番おいしいラーメン屋は, 断トツで…さん, ほかの方はまあまあ)
    "仕事", "辞め", "転職", "残業", "出勤", "やる気", "屋", "店", "ほかの", "他の",
    "断トツ", "断然", "まあまあ", "まだまだ",
    # a judgement against something (あんまり興味ない, 何がいいのかわからない, 飽きる, 🙄)
    "より", "ほうが", "方が", "よくない", "良くない", "いまいち", "微妙", "残念", "ひどい", "嫌い",
    "きらい", "不満", "おかしい", "反対", "賛成", "長すぎ", "すぎて", "つまらな", "ダメ", "だめ",
    "センス", "正直", "好きじゃな", "興味な", "興味ない", "わからな", "分からな", "飽き", "なぜ",
    "白目", "🙄", "😒", "😩",
)  # fmt: skip
_HARMLESS_RE = re.compile("|".join(re.escape(fold(w)) for w in _HARMLESS))
_MATTERS_RE = re.compile("|".join(re.escape(fold(w)) for w in _MATTERS))
_ENDS_RE = re.compile("[。!?\n]")
_REACH = 80


def _span(kana: str, start: int, end: int) -> tuple[int, int]:
    """From the start of the sentence around kana[start:end] to the end of the next one."""
    lo = max(0, start - _REACH)
    left = max((m.end() for m in _ENDS_RE.finditer(kana, lo, start)), default=lo)
    hi = min(len(kana), end + _REACH)
    first = _ENDS_RE.search(kana, end, hi)
    if first is None:
        return left, hi
    at = first.end()
    while at < hi and kana[at] in "。!?\n":
        at += 1
    second = _ENDS_RE.search(kana, at, hi)
    return left, second.start() if second else hi


def harmless_aside(kana: str, start: int, end: int, category: str) -> bool:
    """True if the finding at kana[start:end] is a playful aside about a harmless thing."""
    if category not in ASIDE_CATEGORIES:
        return False
    lo, hi = _span(kana, start, end)
    if _HARMLESS_RE.search(kana, lo, hi) is None:
        return False
    return _MATTERS_RE.search(kana, lo, hi) is None


# A speaker's own work just before a judgement of skill (昔の自分の絵は下手くそで, 私の字は
# ヘタクソ, 中の人が作ったやつだけ明らかに下手): self-deprecation defames no one. Another person
# named between them (自分の先生の絵は) makes it about that person.
_SELF_RE = re.compile(
    "(?:自分|わたし|私|僕|ぼく|俺|おれ)の(?:[^。!?\\n「」、]{0,10})\\Z"
    "|中の人が(?:作っ|描い|書い|撮っ)(?:[^。!?\\n「」、]{0,10})\\Z"
)
_OTHER_RE = re.compile("さん|様|氏|先生|店|あの|この人|くん|ちゃん|職員|課長|上司")
_SKILL_RE = re.compile("下手|へた|センスがな")


# v13: the judgement told as what the speaker was called (若い頃は下手くそって言われ続けた): said
# to them, so long as no one else stands before it in the sentence (あの新人は, 田中さんは, 弟が).
_TOLD_RE = re.compile("(?:って|と)(?:言われ|いわれ)")
_SUBJECT_RE = re.compile("[はが]")
_THIRD_RE = re.compile("あいつ|こいつ|そいつ|奴|やつ|彼|かれ|あの|その")


def self_deprecating(kana: str, start: int, end: int, category: str) -> bool:
    """True if the defamation finding at kana[start:end] runs down the speaker's own skill."""
    if category != "defamation" or _SKILL_RE.search(kana, start, end) is None:
        return False
    found = _SELF_RE.search(kana[max(0, start - 20) : start])
    if found is not None:
        return _OTHER_RE.search(found.group()) is None
    return _told_to_the_speaker(kana, start, end)


def _told_to_the_speaker(kana: str, start: int, end: int) -> bool:
    """True if the judgement at kana[start:end] is what the speaker was called (って言われ
    right after it, or inside a finding that takes it in: 下手くそって言われ), with no one else
    before it."""
    if _TOLD_RE.search(kana, start, min(len(kana), end + 8)) is None:
        return False
    lo = max(0, start - 20)
    left = max((m.end() for m in _ENDS_RE.finditer(kana, lo, start)), default=lo)
    before = kana[left:start]
    if _OTHER_RE.search(before) or _THIRD_RE.search(before):
        return False
    # a time may be the topic (若い頃は, 昔は); a person as the subject may not
    topic = _SUBJECT_RE.search(before)
    return topic is None or before[: topic.start()].endswith(_TIMES)


_TIMES = ("頃", "ころ", "昔", "時", "とき", "時代", "当時", "最初", "はじめ", "初め")
