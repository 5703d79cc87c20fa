"""Catalogue entries for absence notices, rerouted cards and undelivered notifications:
key -> (Japanese, English)."""

from __future__ import annotations

ABSENCE: dict[str, tuple[str, str]] = {
    # --- absence notices to the officer, the deputy and the admins (chatbot.services.notifications)
    "note.absence_set_deputy": (
        "【不在のお知らせ】{user}（{role}）は {start} から {end} まで不在です"
        "（理由：{reason}／登録：{by}）。その間の承認は運用責任者補佐（{approver}）が行います。"
        "送り直した判断待ちの投稿案：{count}件",
        "[Absence] {user} ({role}) is absent from {start} until {end} "
        "(reason: {reason}; set by {by}). Meanwhile approvals go to the deputy ({approver}). "
        "Waiting drafts re-sent: {count}",
    ),
    "note.absence_set_officer": (
        "【不在のお知らせ】{user}（{role}）は {start} から {end} まで不在です"
        "（理由：{reason}／登録：{by}）。承認は引き続き運用責任者（{approver}）が行います。"
        "送り直した判断待ちの投稿案：{count}件",
        "[Absence] {user} ({role}) is absent from {start} until {end} "
        "(reason: {reason}; set by {by}). Approvals stay with the officer ({approver}). "
        "Waiting drafts re-sent: {count}",
    ),
    "note.absence_set_nobody": (
        "【不在のお知らせ】{user}（{role}）は {start} から {end} まで不在です"
        "（理由：{reason}／登録：{by}）。その間は承認できる人がいないため、投稿案は承認待ちのまま"
        "保留されます。役割または不在を見直してください。送り直した判断待ちの投稿案：{count}件",
        "[Absence] {user} ({role}) is absent from {start} until {end} "
        "(reason: {reason}; set by {by}). Nobody can approve meanwhile: drafts wait. "
        "Please check the roles or absences. Waiting drafts re-sent: {count}",
    ),
    "note.absence_cleared_officer": (
        "【不在解除のお知らせ】{user}（{role}）の不在が解除されました（解除：{by}）。"
        "承認は運用責任者（{approver}）に戻ります。送り直した判断待ちの投稿案：{count}件",
        "[Absence ended] {user} ({role}) is back (cleared by {by}). "
        "Approvals return to the officer ({approver}). Waiting drafts re-sent: {count}",
    ),
    "note.absence_cleared_deputy": (
        "【不在解除のお知らせ】{user}（{role}）の不在が解除されました（解除：{by}）。"
        "承認は運用責任者補佐（{approver}）が行います。送り直した判断待ちの投稿案：{count}件",
        "[Absence ended] {user} ({role}) is back (cleared by {by}). "
        "Approvals go to the deputy ({approver}). Waiting drafts re-sent: {count}",
    ),
    "note.absence_cleared_nobody": (
        "【不在解除のお知らせ】{user}（{role}）の不在が解除されました（解除：{by}）。"
        "ただし現在承認できる人がいません。役割または不在を見直してください。"
        "送り直した判断待ちの投稿案：{count}件",
        "[Absence ended] {user} ({role}) is back (cleared by {by}), but nobody can approve now. "
        "Please check the roles or absences. Waiting drafts re-sent: {count}",
    ),
    # --- the cards that move with an absence ---------------------------------------------------
    "note.approval_delegated": (
        "{approver} さん、運用責任者（{previous}）が {until} まで不在のため、投稿案 {draft} の"
        "承認をお願いします（{role}として代理承認）。",
        "{approver}, the officer ({previous}) is absent until {until}: please review draft "
        "{draft} (as {role}, delegated).",
    ),
    "note.fyi_moved_copy": (
        "ご参考：不在期間中のため、投稿案 {draft} の承認は {approver}（{role}）に移りました。"
        "このカードは控えです（操作は不要です）。",
        "FYI: while you are absent, draft {draft} is with {approver} ({role}). "
        "This card is a copy for your information (nothing to do).",
    ),
    "note.approval_returned": (
        "{approver} さん、投稿案 {draft} の承認があなた（{role}）に戻りました"
        "（これまでの担当：{previous}）。承認をお願いします。",
        "{approver}, draft {draft} is back with you ({role}; it was with {previous}). "
        "Please review it.",
    ),
    "note.fyi_returned": (
        "ご参考：投稿案 {draft} の承認は {approver}（{role}）に戻りました。"
        "あなたのカードからは承認の操作がなくなります。",
        "FYI: draft {draft} is back with {approver} ({role}); your copy no longer has the "
        "decision buttons.",
    ),
    # --- notifications nobody delivers (chatbot.services.queries, handlers.http, handlers.serve)
    "reply.queue_stuck": (
        "⚠ {platform} への通知 {count} 件が {since} から届いていません。"
        "{platform} を配信する shonin serve が動いているか確認してください。",
        "⚠ {count} notifications for {platform} have been waiting since {since}. "
        "Please check that a shonin serve that delivers {platform} is running.",
    ),
    "reply.queue_stuck_console": (
        "⚠ コンソールへの通知 {count} 件が {since} から届いていません"
        "（shonin shell を開くと表示されます）。",
        "⚠ {count} notifications for the console have been waiting since {since} "
        "(shown when shonin shell is opened).",
    ),
    "serve.platform_not_running": (
        "注意：設定は {platforms} を使っていますが、このプロセスでは動いていません。"
        "これらへの通知は、配信するプロセス（slack・teams は shonin serve、console は "
        "shonin shell）が動くまで送られません。",
        "Note: the configuration uses {platforms}, which this process does not run. "
        "Notifications for them wait until a process delivers them (slack and teams: shonin "
        "serve; console: shonin shell).",
    ),
    "health.stuck": (
        "{platform} への通知 {count} 件が {minutes} 分以上未配信です（このプロセスの配信対象：{here}）",
        "{count} notifications for {platform} undelivered for over {minutes} min "
        "(delivered by this process: {here})",
    ),
}
