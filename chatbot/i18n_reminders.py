"""Catalogue entries for the App Home and for reminders / escalation: key -> (Japanese, English)."""

from __future__ import annotations

REMINDERS: dict[str, tuple[str, str]] = {
    # --- the home (App Home in Slack and Teams; `/shonin home` everywhere) -------------------
    "home.title": ("ホーム（{viewer} さん）", "Home ({viewer})"),
    "home.suspended": (
        "⚠ {account} は運用停止中です（{by}、{at}）：{reason}",
        "⚠ Publishing for {account} is suspended ({by}, {at}): {reason}",
    ),
    "home.waiting_header": (
        "■ あなたの判断を待っている投稿案（{count}件）",
        "■ Drafts waiting for your decision ({count})",
    ),
    "home.waiting_line": (
        "・{draft} [{account}] {when} {excerpt}（投稿者 {author}、{role}として）",
        "- {draft} [{account}] {when} {excerpt} (by {author}; as {role})",
    ),
    "home.mine_header": ("■ あなたの投稿案（{count}件）", "■ Your drafts ({count})"),
    "home.mine_line": (
        "・{draft} [{account}] {state} {when} {excerpt}",
        "- {draft} [{account}] {state} {when} {excerpt}",
    ),
    "home.scheduled_header": (
        "■ {account} の今後14日間の予約投稿（{count}件）",
        "■ {account}: scheduled posts in the next 14 days ({count})",
    ),
    "home.scheduled_line": (
        "・{when} {draft} {excerpt}",
        "- {when} {draft} {excerpt}",
    ),
    "home.absences_header": ("■ 不在", "■ Absences"),
    "home.absence_now": (
        "・[{account}] {user}：{start} 〜 {end}（不在中）{reason}",
        "- [{account}] {user}: {start} – {end} (absent now) {reason}",
    ),
    "home.absence_later": (
        "・[{account}] {user}：{start} 〜 {end}（予定）{reason}",
        "- [{account}] {user}: {start} – {end} (planned) {reason}",
    ),
    "home.nothing": (
        "表示する内容はありません（役割のあるアカウントがありません）。",
        "Nothing to show (you hold no role on any account).",
    ),
}
