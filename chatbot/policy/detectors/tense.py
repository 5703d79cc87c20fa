"""Whether a date is told as an event to come or as one that took place (the past-date check).

Read on the caption's text view (NFKC: ！ and ？ are ASCII, katakana kept).
"""

from __future__ import annotations

import re

_SENTENCE_END = "。！!？?\n"
# What tells a date's event as past (a report: 〜を開催しました, 〜が行われました, ご来場
# ありがとうございました, 〜の様子をお届け, 〜でした, 先日の, 開催報告, 〜に開催した…), and what
# announces it (〜を開催します, 〜までにお申し込みください, 次回は). 開催, から and まで alone are
# said of either (a date line such as 開催日：…, 10時から15時まで): a date told only with those is
# judged by the sentences around it.
_PAST_RE = re.compile(
    "ました|でした|だった|された|の様子|の模様|行われ(?!ます|る)|終了(?!し?ます|予定|とな|いた|する)"
    "|ありがとうございました|(?:ご来場|ご参加|ご来館|ご観覧|お越しいただ|ご覧いただ)[^。\n]{0,12}ありがとう"
    "|(?:開催|実施|参加|撮影|来場|出演|披露|展示|開幕|閉幕|体験|見学|訪問|完成|受賞|入賞|出展|出店)"
    "(?:し|され|いただい|してくれ|してもらっ)た(?!ら)"
    "|(?:行っ|開い|訪れ|集まっ|届い|描い|作っ|楽しん|盛り上がっ|にぎわっ|賑わっ|始まっ|終わっ)た(?!ら)"
    "|(?:開催|活動|実施|イベント|体験|取材|当日の?)(?:報告|れぽーと|レポート)(?!会|書)|ご報告(?!会)"
    "|報告です"
    "|レポートです|レポートをお届け|【(?:報告|レポート)】|先日|去る|過日|前回|振り返|盛況|無事に?終"
)
_FUTURE_RE = re.compile(
    "ます|予定|募集|締切|〆切|お待ち|(?:くだ|下)さい(?!まし)|受付|ぜひ|次回|お楽しみに|開催決定"
)
# A date in brackets after an event (区民まつり（11月8日(日)）会場での落とし物は…お預かりして
# います) only says when that event is; the sentence's verb may be about something else (売上は
# …に使われます, お電話ください), so only words that announce an event count.
_EVENT_FUTURE_RE = re.compile(
    "(?:開催|実施|開き|行い|開演|開場)(?:し|いたし)?ます|お越し(?:くだ|を|の際)|ご来場(?:を|くだ|お待)"
    "|ご参加(?:を|くだ)"
    "|お待ち|募集|受付(?:中|開始|期間|します|いたします)|締切|〆切|申込|申し込|予定|次回|ぜひ|お楽しみに|開催決定"
)
_WEAK_FUTURE_RE = re.compile("開催|から|まで")
# A paragraph ends at a blank line; the sentences around a date are read this far at most.
_BLANK_LINE_RE = re.compile(r"\n[ \t\u3000]*\n")
_PARAGRAPH_REACH = 300
_SENTENCE_RE = re.compile("[^" + re.escape(_SENTENCE_END) + "]+")


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((text.rfind(c, max(0, start - 80), start) for c in _SENTENCE_END), default=-1)
    his = [i for c in _SENTENCE_END if (i := text.find(c, end, end + 80)) != -1]
    return lo + 1, min(his) if his else min(len(text), end + 80)


def _tense(
    text: str, lo: int, hi: int, last: bool = False, cues: re.Pattern[str] = _FUTURE_RE
) -> bool | None:
    """True if text[lo:hi] announces (a future cue comes first, or last when ``last``), False if
    it reports (a past cue), None if it holds neither."""
    past = [m.start() for m in _PAST_RE.finditer(text, lo, hi)]
    future = [m.start() for m in cues.finditer(text, lo, hi)]
    if not past and not future:
        return None
    pick = max if last else min
    if not past or not future:
        return not past
    return pick(future) > pick(past) if last else pick(future) < pick(past)


def announces_future(text: str, start: int, end: int) -> bool:
    """True if the date at text[start:end] is told as an event to come. The words after it in
    its sentence decide first (its verb follows it: 12月5日(土)に開催したライブ / 12月5日(土)まで
    延長します), then those before it (次回は / 前回の); a date told only with 開催, から or まで is
    judged by the nearest sentence of its paragraph that tells a tense, then by the caption."""
    lo, hi = _sentence_span(text, start, end)
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return _bracketed(text, lo, hi)
    for told in (_tense(text, end, hi), _tense(text, lo, start, last=True)):
        if told is not None:
            return told
    if not _WEAK_FUTURE_RE.search(text, lo, hi):
        return False
    around = _paragraph_tense(text, lo, hi)
    if around is not None:
        return around
    # nothing around it tells: a caption that reports and announces nothing is a report
    return not (_PAST_RE.search(text) and not _FUTURE_RE.search(text))


def _bracketed(text: str, lo: int, hi: int) -> bool:
    """A bracketed date's event is announced if its sentence, or else the nearest sentence of
    its paragraph that tells a tense, announces an event (not merely ends in ます)."""
    told = _tense(text, lo, hi, cues=_EVENT_FUTURE_RE)
    if told is None:
        told = _paragraph_tense(text, lo, hi, _EVENT_FUTURE_RE)
    return bool(told)


def _paragraph_tense(
    text: str, lo: int, hi: int, cues: re.Pattern[str] = _FUTURE_RE
) -> bool | None:
    """The tense of the sentence nearest to text[lo:hi] in its paragraph that tells one (the
    sentence after it first: a report's date lines come before its story)."""
    top = max(0, lo - _PARAGRAPH_REACH)
    blank = [m.end() for m in _BLANK_LINE_RE.finditer(text, top, lo)]
    start = blank[-1] if blank else top
    after = _BLANK_LINE_RE.search(text, hi, hi + _PARAGRAPH_REACH)
    stop = after.start() if after else min(len(text), hi + _PARAGRAPH_REACH)
    before = [m.span() for m in _SENTENCE_RE.finditer(text, start, lo)][::-1]
    later = [m.span() for m in _SENTENCE_RE.finditer(text, hi, stop)]
    for i in range(max(len(before), len(later))):
        for a, b in later[i : i + 1] + before[i : i + 1]:
            told = _tense(text, a, b, cues=cues)
            if told is not None:
                return told
    return None
