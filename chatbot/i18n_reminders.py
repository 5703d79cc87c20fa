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
    # --- reminders and escalation (chatbot.services.reminders) ---------------------------------
    "note.reminder": (
        "{approver} さん、投稿案 {draft} があなたの判断を待っています（{role}として）。",
        "{approver}, draft {draft} is waiting for your decision (as {role}).",
    ),
    "note.reminder_before_wished": (
        "{approver} さん、投稿案 {draft} の公開希望日時（{at}）が近づいています。"
        "承認・差し戻し・却下のいずれかをお願いします（{role}として）。",
        "{approver}, draft {draft} is wished to go out at {at}, soon: "
        "please approve, send back or decline it (as {role}).",
    ),
    "note.escalated": (
        "{deputy} さん、投稿案 {draft} は期限までに運用責任者（{officer}）の判断がなかったため、"
        "運用責任者補佐として判断をお願いします。",
        "{deputy}, the officer ({officer}) has not decided draft {draft} in time: "
        "please decide it as deputy.",
    ),
    "note.escalated_fyi": (
        "ご参考：投稿案 {draft} は期限までに判断がなかったため、運用責任者補佐（{deputy}）にも"
        "依頼しました。あなたも引き続き判断できます。",
        "FYI: draft {draft} was not decided in time, so the deputy ({deputy}) has been asked "
        "too. You can still decide it.",
    ),
    "note.escalated_thread": (
        "期限までに運用責任者（{officer}）の判断がなかったため、運用責任者補佐（{deputy}）に"
        "エスカレーションしました。",
        "Not decided by the officer ({officer}) in time: escalated to the deputy ({deputy}).",
    ),
    "reply.reminders_run": (
        "リマインド {reminded} 件、エスカレーション {escalated} 件",
        "reminders sent: {reminded}, escalated: {escalated}",
    ),
}
