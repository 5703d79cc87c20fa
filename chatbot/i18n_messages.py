"""Catalogue entries for notifications, cards and command replies: key -> (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- cards -------------------------------------------------------------------------------
    "card.title": ("投稿案 {draft}（第{revision}版）", "Draft {draft} (revision {revision})"),
    "card.account": ("アカウント：{account}", "Account: {account}"),
    "card.author": ("作成：{author}", "Author: {author}"),
    "card.state": ("状態：{state}", "State: {state}"),
    "card.wished_at": ("希望日時：{at}", "Wished time: {at}"),
    "card.scheduled_at": ("投稿予定日時：{at}", "Scheduled time: {at}"),
    "card.approver": ("承認者：{approver}（{role}）", "Approver: {approver} ({role})"),
    "card.delegated": ("代理承認", "delegated approval"),
    "card.waiting": ("保留の理由：{reason_code}", "Waiting because {reason_code}"),
    "card.media": ("画像：{count}枚", "Images: {count}"),
    "card.no_media": ("画像：なし", "Images: none"),
    "card.check": (
        "ポリシーチェック：{verdict}（{pack} {version}）",
        "Policy check: {verdict} ({pack} {version})",
    ),
    "card.finding": ("［{severity}］{clause} {message}", "[{severity}] {clause} {message}"),
    "card.finding_excerpt": ("該当箇所：「{excerpt}」", "Excerpt: \u201c{excerpt}\u201d"),
    "card.finding_suggestion": ("修正案：{suggestion}", "Suggestion: {suggestion}"),
    "card.finding_media": ("画像{index}枚目", "image {index}"),
    "card.decided": ("{decision}：{actor}（{role}） {at}", "{decision}: {actor} ({role}) {at}"),
    "card.reason": ("理由：{reason}", "Reason: {reason}"),
    "card.permalink": ("公開先：{permalink}", "Published at: {permalink}"),
    "card.error": ("エラー：{error}", "Error: {error}"),
    "card.buttons": ("操作：{buttons}", "Actions: {buttons}"),
    "decision.approve": ("承認", "Approved"),
    "decision.request_changes": ("差し戻し", "Sent back"),
    "decision.decline": ("却下", "Declined"),
    "decision.confirm": ("公開内容の確認", "Confirmed"),
    "button.approve": ("承認", "Approve"),
    "button.request_changes": ("差し戻し", "Send back"),
    "button.decline": ("却下", "Decline"),
    "button.schedule": ("投稿予約", "Schedule"),
    "button.confirm": ("公開内容を確認", "Confirm"),
    "button.withdraw": ("取り下げ", "Withdraw"),
    # --- notifications -----------------------------------------------------------------------
    "note.approval_requested": (
        "{approver} さん、投稿案 {draft} の承認をお願いします（{role}として）。",
        "{approver}, please review draft {draft} (as {role}).",
    ),
    "note.approver_changed": (
        "承認者が {previous} から {approver}（{role}）に変わりました。",
        "The approver changed from {previous} to {approver} ({role}).",
    ),
    "note.fyi_moved": (
        "ご参考：投稿案 {draft} の承認は不在期間中のため {approver}（{role}）に移りました。",
        "FYI: draft {draft} moved to {approver} ({role}) during the absence.",
    ),
    "note.approver_unavailable": (
        "投稿案 {draft} は承認できる人がいないため保留中です：{reason_code}。",
        "Draft {draft} is waiting: {reason_code}.",
    ),
    "note.approved": ("承認しました（{actor}、{role}）。", "Approved by {actor} ({role})."),
    "note.approved_delegated": (
        "代理承認しました（{actor}、{role}）。",
        "Approved by {actor} ({role}, delegated).",
    ),
    "note.changes_requested": (
        "差し戻しました（理由：{reason}）。修正して再提出してください。",
        "Sent back (reason: {reason}). Please revise and resubmit.",
    ),
    "note.declined": ("却下しました（理由：{reason}）。", "Declined (reason: {reason})."),
    "note.revised": (
        "第{revision}版に更新されました。改めて承認が必要です。",
        "Updated to revision {revision}; it needs a new approval.",
    ),
    "note.scheduled": ("{at} に投稿予約しました。", "Scheduled for {at}."),
    "note.published": (
        "公開しました：{permalink}\n{confirmer} さん、公開内容を確認してください。",
        "Published: {permalink}\n{confirmer}, please confirm the live post.",
    ),
    "note.confirm_request": (
        "投稿案 {draft} を公開しました。公開内容を確認し「公開内容を確認」を押してください：{permalink}",
        "Draft {draft} is live. Please check it and press Confirm: {permalink}",
    ),
    "note.publish_failed": ("公開に失敗しました：{error}", "Publishing failed: {error}"),
    "note.confirmed": ("公開内容を確認しました（{actor}）。", "Live post confirmed by {actor}."),
    "note.withdrawn": ("取り下げました（{actor}）。", "Withdrawn by {actor}."),
    "note.expired": (
        "投稿予定日時（{at}）までに承認されなかったため、期限切れになりました。公開はされません。",
        "Not approved before its wished time ({at}): the draft expired and will not be published.",
    ),
    "note.expired_author": (
        "投稿案 {draft} は期限切れになりました（希望日時 {at}）。必要なら新しい日時で出し直してください。",
        "Draft {draft} expired (wished time {at}). Post it again with a new time if needed.",
    ),
    "note.sent_back_author": (
        "投稿案 {draft} が差し戻されました（理由：{reason}）。",
        "Draft {draft} was sent back (reason: {reason}).",
    ),
    "note.declined_author": (
        "投稿案 {draft} は却下されました（理由：{reason}）。",
        "Draft {draft} was declined (reason: {reason}).",
    ),
    "note.admins_waiting": (
        "管理者の方へ：投稿案 {draft} は承認者がいないため保留中です（{reason_code}）。"
        "役割または不在の設定をご確認ください。",
        "Admins: draft {draft} is waiting for an approver ({reason_code}). "
        "Please check the roles or absences.",
    ),
    # --- command replies -----------------------------------------------------------------------
    "reply.submitted": ("投稿案 {draft} を受け付けました。", "Draft {draft} received."),
    "reply.done.approve": ("{draft} を承認しました。", "Approved {draft}."),
    "reply.done.request_changes": ("{draft} を差し戻しました。", "Sent {draft} back."),
    "reply.done.decline": ("{draft} を却下しました。", "Declined {draft}."),
    "reply.done.schedule": ("{draft} を投稿予約しました。", "Scheduled {draft}."),
    "reply.done.confirm": (
        "{draft} の公開内容を確認しました。",
        "Confirmed the live post of {draft}.",
    ),
    "reply.done.withdraw": ("{draft} を取り下げました。", "Withdrew {draft}."),
    "reply.absence_set": (
        "{user} の不在を登録しました：{start} 〜 {end}",
        "Absence set for {user}: {start} – {end}",
    ),
    "reply.absence_cleared": ("{user} の不在を解除しました。", "Absence cleared for {user}."),
    "reply.absence_none": ("登録されている不在はありません。", "No absences are set."),
    "reply.absence_line": (
        "・{user}：{start} 〜 {end} {reason}",
        "- {user}: {start} – {end} {reason}",
    ),
    "reply.acting": ("現在の承認者：{approver}（{role}）", "Deciding now: {approver} ({role})"),
    "reply.acting_none": (
        "現在承認できる人はいません：{reason_code}",
        "Nobody can decide now: {reason_code}",
    ),
    "reply.suspended": (
        "運用停止しました（理由：{reason}）。再開するまで公開しません。",
        "Publishing suspended (reason: {reason}) until resumed.",
    ),
    "reply.resumed": ("運用を再開しました。", "Publishing resumed."),
    "reply.suspended_status": (
        "運用停止中：{reason}（{by}、{at}）",
        "Suspended: {reason} ({by}, {at})",
    ),
    "reply.roles": (
        "運用責任者：{officer}\n運用責任者補佐：{deputy}\n管理者：{admins}\n管理人：{staff}",
        "Officer: {officer}\nDeputy: {deputy}\nAdmins: {admins}\nStaff: {staff}",
    ),
    "reply.role_set": ("{user} を{role}に設定しました。", "{user} is now {role}."),
    "reply.notify_failed": (
        "⚠ {target}（{platform}）に {draft} の通知を届けられませんでした（{attempts}回試行）。",
        "⚠ Could not notify {target} ({platform}) about {draft} ({attempts} attempts).",
    ),
    "reply.queue_empty": (
        "待機中・予約中の投稿案はありません。",
        "No drafts are waiting or scheduled.",
    ),
    "reply.queue_line": (
        "・{draft} {state} {when} {excerpt}",
        "- {draft} {state} {when} {excerpt}",
    ),
    "reply.nobody": ("（なし）", "(none)"),
    "reply.run_due": (
        "公開 {published}件、失敗 {failed}件、期限切れ {expired}件、承認者の変更 {rerouted}件、保留 {held}件",
        "published {published}, failed {failed}, expired {expired}, rerouted {rerouted}, held {held}",
    ),
    "reply.check_header": (
        "ポリシーチェック（下書き、あなたにだけ表示）：{verdict}",
        "Policy check (dry run, only you see this): {verdict}",
    ),
    "hold.suspended": ("運用停止中", "suspended"),
    "hold.outside_hours": ("運用時間外", "outside operating hours"),
}
