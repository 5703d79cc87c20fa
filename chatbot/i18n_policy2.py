"""Catalogue entries for the policy2 work: key -> (Japanese, English). Words follow shared/GLOSSARY.md."""

from __future__ import annotations

POLICY2: dict[str, tuple[str, str]] = {
    "policy.check_failed": (
        "ポリシーチェックを完了できませんでした（内部エラー: {error}）。投稿案は未チェックのままです。管理者に連絡してください。",
        "The policy check could not be completed (internal error: {error}). The draft stays unchecked; contact the administrator.",
    ),
    "policy.accuracy.weekday": (
        "{date} は{weekday}曜日です（「{written}」と書かれています）。",
        "{date} is a {weekday} (the caption says \u201c({written})\u201d).",
    ),
    "policy.accuracy.past": (
        "{date} は投稿予定日（{ref}）より前です。開催済みの日付ではありませんか。",
        "{date} is before the scheduled publish date ({ref}); has the event already taken place?",
    ),
    "policy.accuracy.impossible_date": (
        "{month}月{day}日という日付は存在しません。",
        "There is no such date as month {month}, day {day}.",
    ),
    "policy.accuracy.not_leap": (
        "{year}年はうるう年ではないため、2月29日はありません。",
        "{year} is not a leap year: it has no 29 February.",
    ),
    "policy.accuracy.phone": (
        "{number} は存在し得ない電話番号です（{digits}桁、番号の形が日本の電話番号に合いません）。",
        "{number} cannot be a real phone number ({digits} digits; not a valid Japanese number).",
    ),
    "policy.model.note": (
        "（学習モデルによる判定: 確信度 {confidence}、判断に強く効いた語: {words}）",
        "(from the learned model: confidence {confidence}; words that weighed most: {words})",
    ),
}
