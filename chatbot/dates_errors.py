"""The bilingual errors of date parsing; each example is written in the form the user typed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Literal

MAX_INPUT = 64

Form = Literal["iso", "slash", "kanji", "era", "english", "relative", "any"]
_ENGLISH_MONTH = re.compile(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")

# form -> (Japanese example, English example), per kind of value
_DATE_EXAMPLES: dict[Form, tuple[str, str]] = {
    "iso": ("2026-12-01", "2026-12-01"),
    "slash": ("12/1、2026/12/1", "12/1, 2026/12/1"),
    "kanji": ("12月1日、2026年12月1日", "12月1日, 2026年12月1日"),
    "era": ("令和8年12月1日、R8.12.1", "令和8年12月1日, R8.12.1"),
    "english": ("1 Dec 2026、Tue 1 Dec", "1 Dec 2026, Tue 1 Dec"),
    "relative": ("明日、来週月曜", "tomorrow, 明日, 来週月曜"),
    "any": ("2026-12-01、12/1、12月1日", "2026-12-01, 12/1, 12月1日"),
}
_DATETIME_EXAMPLES: dict[Form, tuple[str, str]] = {
    "iso": ("2026-12-01 9:00、2026-12-01T09:00", "2026-12-01 9:00, 2026-12-01T09:00"),
    "slash": ("12/1 9:00、12/1(火) 15:00", "12/1 9:00, 12/1(火) 15:00"),
    "kanji": ("12月1日 9時、12月1日(火) 午後3時", "12月1日 9時, 12月1日(火) 午後3時"),
    "era": ("R8.12.1 9:00、令和8年12月1日 午後3時", "R8.12.1 9:00, 令和8年12月1日 午後3時"),
    "english": ("Tue 1 Dec 2026 09:00", "Tue 1 Dec 2026 09:00, 1 Dec 3pm"),
    "relative": ("明日 9:00、来週月曜 午後3時", "tomorrow 9:00, 来週月曜 15:00"),
    "any": (
        "2026-12-01 9:00、12/1 9:00、12月1日 9時",
        "2026-12-01 9:00, 12/1 9:00, 12月1日 9時",
    ),
}
_PERIOD_EXAMPLES: dict[Form, tuple[str, str]] = {
    "iso": ("2026-12-01 2026-12-03", "2026-12-01 2026-12-03"),
    "slash": (
        "12/1 12/3、12/1 9:00 12/3 17:00、12/1〜12/3",
        "12/1 12/3, 12/1 9:00 12/3 17:00, 12/1~12/3",
    ),
    "kanji": ("12月1日 12月3日、12月1日〜12月3日", "12月1日 12月3日, 12月1日〜12月3日"),
    "era": ("R8.12.1 R8.12.3、令和8年12月1日 令和8年12月3日", "R8.12.1 R8.12.3"),
    "english": ("1 Dec〜3 Dec", "1 Dec~3 Dec"),
    "relative": ("来週月曜 来週金曜", "来週月曜 来週金曜"),
    "any": (
        "12/1 12/3、12/1 9:00 12/3 17:00、12/1〜12/3",
        "12/1 12/3, 12/1 9:00 12/3 17:00, 12/1~12/3",
    ),
}
_ORDER_EXAMPLES: dict[Form, tuple[str, str]] = {
    "iso": ("2026-12-01 2026-12-03（12月1日から3日まで）", "2026-12-01 2026-12-03 (1 to 3 Dec)"),
    "slash": ("12/1 12/3（12月1日から3日まで）", "12/1 12/3 (from 1 Dec to 3 Dec)"),
    "kanji": ("12月1日 12月3日（1日から3日まで）", "12月1日 12月3日 (from 1 Dec to 3 Dec)"),
    "era": ("R8.12.1 R8.12.3（12月1日から3日まで）", "R8.12.1 R8.12.3 (1 to 3 Dec)"),
    "english": ("1 Dec〜3 Dec", "1 Dec~3 Dec (from 1 to 3 Dec)"),
    "any": ("12/1 12/3（12月1日から3日まで）", "12/1 12/3 (from 1 Dec to 3 Dec)"),
}
_TIME_KANJI = ("9時、9時30分、午後3時", "9時, 9時30分, 午後3時, 15:00")
_TIME_COLON = ("9:00、17:15", "9:00, 17:15, 3pm")
_NO_TIME = {
    "iso": ("2026-12-01 9:00", "2026-12-01 9:00"),
    "kanji": ("12月1日 9時", "12月1日 9時"),
    "era": ("R8.12.1 9:00", "R8.12.1 9:00"),
    "english": ("1 Dec 09:00", "1 Dec 09:00"),
}

# kind -> (Japanese template, English template); {shown} is the input, {example} in its form
_SIMPLE = {
    "date": ("日付の形式が正しくありません", "Invalid date"),
    "no_such_date": ("存在しない日付です", "No such date"),
    "time": ("時刻の形式が正しくありません", "Invalid time"),
    "no_time": ("時刻が指定されていません", "The time is missing"),
    "datetime": ("日時の形式が正しくありません", "Invalid date and time"),
    "period": ("期間の形式が正しくありません", "Invalid period"),
    "order": ("終了が開始より後になっていません", "The end is not after the start"),
}
_TEMPLATES: dict[str, tuple[str, str]] = {
    **{
        kind: (f"{ja}：『{{shown}}』。例：{{example}}", f"{en}: '{{shown}}'. Example: {{example}}")
        for kind, (ja, en) in _SIMPLE.items()
    },
    "ambiguous_year": (
        "『{shown}』は今年はもう過ぎています。{past_ja}と{future_ja}のどちらですか。"
        "年も入力してください。例：{example}",
        "'{shown}' has already passed this year: {past_en} or {future_en}? "
        "Type the year too. Example: {example}",
    ),
    "weekday_mismatch": (
        "曜日が合いません：『{shown}』。{day_ja}は{weekday_ja}曜日です。例：{example}",
        "The weekday does not match: '{shown}'. {day_en} is a {weekday_en}. Example: {example}",
    ),
    "past": (
        "『{shown}』（{day_ja}）はもう過ぎています。これからの日付を入力してください。例：{example}",
        "'{shown}' ({day_en}) has already passed; give a date to come. Example: {example}",
    ),
    "ambiguous_hour": (
        "『{shown}』は午前か午後か分かりません。午前{hour}時（{hour}:00）なら「午前{hour}時」、"
        "午後{hour}時（{pm}:00）なら「午後{hour}時」か「{pm}:00」と入力してください。",
        "'{shown}': morning or afternoon? Type 午前{hour}時 for {hour}:00, "
        "or 午後{hour}時 / {pm}:00 for {pm}:00.",
    ),
}


def form_of(text: str) -> Form:
    """Which way of writing a date the text uses, so that examples can follow it."""
    s = unicodedata.normalize("NFKC", text).strip()
    if s.lower().startswith(
        ("今日", "本日", "明日", "明後日", "今週", "来週", "再来週", "tomorrow")
    ):
        return "relative"
    if "令和" in s or re.match(r"(?i)r\d", s):
        return "era"
    if "月" in s and re.search(r"\d\s*月", s):
        return "kanji"
    if re.search(r"\d{4}-\d{1,2}-\d{1,2}", s):
        return "iso"
    if "/" in s or re.search(r"\d{1,2}-\d{1,2}", s):
        return "slash"
    if _ENGLISH_MONTH.search(s):
        return "english"
    return "any"


def _time_example(text: str) -> tuple[str, str]:
    s = unicodedata.normalize("NFKC", text)
    return _TIME_KANJI if ("時" in s or "午" in s) else _TIME_COLON


def _example(kind: str, text: str) -> tuple[str, str]:
    form = form_of(text)
    if kind in ("date", "no_such_date", "ambiguous_year", "weekday_mismatch", "past"):
        return _DATE_EXAMPLES.get(form, _DATE_EXAMPLES["any"])
    if kind == "time":
        return _time_example(text)
    if kind == "no_time":
        return _NO_TIME.get(form, ("12/1 9:00", "12/1 9:00"))
    if kind == "datetime":
        return _DATETIME_EXAMPLES.get(form, _DATETIME_EXAMPLES["any"])
    if kind == "period":
        return _PERIOD_EXAMPLES.get(form, _PERIOD_EXAMPLES["any"])
    return _ORDER_EXAMPLES.get(form, _ORDER_EXAMPLES["any"])


class DateParseError(ValueError):
    """Typed text that is not a date/time we understand; the messages show the right form.

    ``example_ja`` / ``example_en`` replace the default examples (e.g. the two readings of a
    year-less date written with their years, in the user's own form).
    """

    def __init__(
        self,
        kind: str,
        text: str,
        *,
        example: tuple[str, str] | None = None,
        args: Mapping[str, object] | None = None,
    ) -> None:
        ja_template, en_template = _TEMPLATES[kind]
        shown = text.strip()
        if len(shown) > MAX_INPUT:
            shown = shown[:MAX_INPUT] + "…"
        ja_example, en_example = example or _example(kind, text)
        self.kind = kind
        self.args_map = dict(args or {})
        self.message_ja = ja_template.format(shown=shown, example=ja_example, **self.args_map)
        self.message_en = en_template.format(shown=shown, example=en_example, **self.args_map)
        super().__init__(self.message_en)

    def message(self, locale: str) -> str:
        """The message in the user's locale (Japanese unless the locale is English)."""
        return self.message_en if is_english(locale) else self.message_ja


def is_english(locale: str) -> bool:
    return locale.lower().startswith("en")
