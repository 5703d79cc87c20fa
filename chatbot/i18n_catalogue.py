"""Catalogue entries: key -> (Japanese, English). Words follow shared/GLOSSARY.md."""

from __future__ import annotations

LABELS_AND_ERRORS: dict[str, tuple[str, str]] = {
    # --- states, actions, roles, severities --------------------------------------------------
    "state.submitted": ("受付", "submitted"),
    "state.checked": ("チェック済み", "checked"),
    "state.awaiting_approval": ("承認待ち", "awaiting approval"),
    "state.awaiting_approver": ("承認者不在のため保留", "waiting for an approver"),
    "state.changes_requested": ("差し戻し", "sent back"),
    "state.approved": ("承認済み", "approved"),
    "state.scheduled": ("投稿予約済み", "scheduled"),
    "state.publishing": ("公開処理中", "publishing"),
    "state.published": ("公開済み（確認待ち）", "published (to confirm)"),
    "state.confirmed": ("公開内容の確認済み", "confirmed"),
    "state.rejected": ("却下", "declined"),
    "state.withdrawn": ("取り下げ", "withdrawn"),
    "state.expired": ("期限切れ", "expired"),
    "state.failed": ("公開失敗", "publishing failed"),
    "action.check": ("ポリシーチェック", "check"),
    "action.request_approval": ("承認依頼", "request approval"),
    "action.wait_for_approver": ("保留", "wait"),
    "action.approve": ("承認", "approve"),
    "action.request_changes": ("差し戻し", "send back"),
    "action.decline": ("却下", "decline"),
    "action.revise": ("修正", "revise"),
    "action.schedule": ("投稿予約", "schedule"),
    "action.start_publishing": ("公開", "publish"),
    "action.publish_succeeded": ("公開", "publish"),
    "action.publish_failed": ("公開", "publish"),
    "action.confirm": ("公開内容の確認", "confirm"),
    "action.withdraw": ("取り下げ", "withdraw"),
    "action.expire": ("期限切れ処理", "expire"),
    "role.officer": ("運用責任者", "officer"),
    "role.deputy": ("運用責任者補佐", "deputy"),
    "role.admin": ("管理者", "admin"),
    "role.staff": ("管理人", "staff"),
    "severity.block": ("要修正", "must fix"),
    "severity.warn": ("要確認", "please check"),
    "severity.info": ("参考", "note"),
    "verdict.pass": ("指摘なし", "no findings"),
    "verdict.warn": ("要確認の指摘あり", "findings to check"),
    "verdict.block": ("要修正の指摘あり", "findings that must be fixed"),
    # --- why nobody can approve ---------------------------------------------------------------
    "reason.suspended": ("運用停止中", "publishing is suspended"),
    "reason.outside_hours": ("運用時間外", "outside operating hours"),
    "reason.no_approvers": (
        "運用責任者・補佐が設定されていません",
        "no officer or deputy is set",
    ),
    "reason.officer_absent_no_deputy": (
        "運用責任者が不在で、補佐が設定されていません",
        "the officer is absent and no deputy is set",
    ),
    "reason.both_absent": (
        "運用責任者と補佐がともに不在です",
        "the officer and deputy are both absent",
    ),
    "reason.author_is_officer_no_deputy": (
        "運用責任者本人の投稿案で、補佐が設定されていません",
        "the officer wrote this draft and no deputy is set",
    ),
    "reason.author_is_officer_deputy_absent": (
        "運用責任者本人の投稿案で、補佐が不在です",
        "the officer wrote this draft and the deputy is absent",
    ),
    "reason.officer_absent_deputy_is_author": (
        "補佐本人の投稿案で、運用責任者が不在です",
        "the deputy wrote this draft and the officer is absent",
    ),
    "reason.no_officer_deputy_is_author": (
        "補佐本人の投稿案で、運用責任者が設定されていません",
        "the deputy wrote this draft and no officer is set",
    ),
    "reason.no_officer_deputy_absent": (
        "運用責任者が設定されておらず、補佐が不在です",
        "no officer is set and the deputy is absent",
    ),
    # --- errors ----------------------------------------------------------------------------------
    "error.domain": ("この操作はできません。", "This cannot be done."),
    "error.internal": (
        "処理中にエラーが発生しました。内容は記録されました。時間をおいて再度お試しください。",
        "Something went wrong; it has been logged. Please try again later.",
    ),
    "error.illegal_transition": (
        "この投稿案（{draft}）は「{state}」のため、{action}できません。",
        "Draft {draft} is {state}; it cannot {action} now.",
    ),
    "error.expired": (
        "この投稿案（{draft}）は投稿予定日時を過ぎたため期限切れになりました。",
        "Draft {draft} has expired: its wished time has passed.",
    ),
    "error.already_decided": (
        "この投稿案（{draft}）は {by} によりすでに「{state}」になっています。",
        "Draft {draft} is already {state} (by {by}).",
    ),
    "error.already_changed": (
        "この投稿案（{draft}）はすでに「{state}」になっています。",
        "Draft {draft} is already {state}.",
    ),
    "error.concurrent_update": (
        "ほかの人が同時に操作しました。もう一度お試しください。",
        "Someone else changed this at the same time; please try again.",
    ),
    "error.not_permitted": ("この操作の権限がありません。", "You may not do this."),
    "error.only_author": (
        "この操作は投稿案の作成者のみ行えます。",
        "Only the author of the draft can do this.",
    ),
    "error.own_draft": (
        "ご自身の投稿案は承認・差し戻しできません。",
        "You cannot decide on your own draft.",
    ),
    "error.only_approver": (
        "この操作は運用責任者（不在時は補佐）のみ行えます。",
        "Only the officer (or the deputy while the officer is absent) can do this.",
    ),
    "error.deputy_while_officer_present": (
        "運用責任者が在席中のため、補佐は承認できません。",
        "The officer is present, so the deputy cannot decide.",
    ),
    "error.only_officer": ("この操作は運用責任者のみ行えます。", "Only the officer can do this."),
    "error.only_manager": (
        "役割の変更は運用責任者または管理者のみ行えます。",
        "Only the officer or an admin can change roles.",
    ),
    "error.not_staff": (
        "このアカウントに投稿案を出す権限がありません。管理者に役割の登録を依頼してください。",
        "You may not post drafts for this account; ask an admin to give you a role.",
    ),
    "error.not_found": ("見つかりません。", "Not found."),
    "error.unknown_draft": (
        "投稿案「{draft}」が見つかりません。IDをご確認ください（例：d7k3fxm）。",
        "No draft {draft}; check the id (e.g. d7k3fxm).",
    ),
    "error.unknown_account": (
        "アカウント「{account}」は登録されていません。",
        "No account {account}.",
    ),
    "error.invalid_input": ("入力内容が正しくありません。", "The input is not valid."),
    "error.empty_draft": (
        "本文か画像のどちらかが必要です。例：post 12月の展示のお知らせです",
        "A draft needs a caption or an image. Example: post Our December exhibition",
    ),
    "error.caption_too_long_input": (
        "本文が長すぎます（{limit}文字まで）。",
        "The caption is too long (at most {limit} characters).",
    ),
    "error.too_many_media": ("画像は{limit}枚までです。", "At most {limit} images."),
    "error.media_too_large": (
        "画像「{file}」が大きすぎます（30MBまで）。",
        "Image {file} is too large (30 MB at most).",
    ),
    "error.media_missing": ("画像が見つかりません。", "An image is missing."),
    "error.bad_media_key": ("画像の指定が正しくありません。", "That image reference is not valid."),
    "error.reason_required": (
        "理由を入力してください。例：click reject d7k3fxm 日付の誤りを直してください",
        "Please give a reason. Example: click reject d7k3fxm Please fix the date",
    ),
    "error.reason_too_long": (
        "理由は{limit}文字までです。",
        "The reason is too long ({limit} max).",
    ),
    "error.schedule_in_past": (
        "投稿予定日時は現在より後を指定してください。",
        "The scheduled time must be in the future.",
    ),
    "error.wished_in_past": (
        "希望日時が過去です。これからの日時を指定してください。",
        "The wished time is in the past; give a future time.",
    ),
    "error.outside_hours": (
        "{at} は運用時間外です（開庁日の8:30〜17:15）。{suggestion} はいかがですか。",
        "{at} is outside operating hours (opening days 8:30–17:15). How about {suggestion}?",
    ),
    "error.suspended": ("運用停止中のため公開できません。", "Publishing is suspended."),
    "error.not_suspended": ("運用停止中ではありません。", "Publishing is not suspended."),
    "error.absence_order": (
        "終了日時は開始日時より後にしてください。例：/shonin absent 12/1 12/3 出張",
        "The end must be after the start. Example: /shonin absent 12/1 12/3 trip",
    ),
    "error.absence_in_past": (
        "過去の期間は不在に設定できません。",
        "An absence in the past cannot be set.",
    ),
    "error.absence_too_long": (
        "不在期間は{days}日以内にしてください。",
        "An absence may last at most {days} days.",
    ),
    "error.no_absence": ("{user} の不在予定はありません。", "{user} has no absence set."),
    "error.absence_not_approver": (
        "不在を設定できるのは運用責任者・補佐についてのみです（{user}）。",
        "Absences are for the officer or the deputy ({user}).",
    ),
    "error.absence_not_permitted": (
        "ほかの人の不在を設定できるのは補佐・運用責任者・管理者のみです。",
        "Only the deputy, the officer or an admin may set someone else's absence.",
    ),
    "error.unknown_action": (
        "操作「{action}」はありません。カードを開き直してください。",
        "There is no action {action}; please reopen the card.",
    ),
    "error.unknown_role": (
        "役割「{role}」はありません。officer / deputy / admin / staff のいずれかです。",
        "No role {role}; use officer, deputy, admin or staff.",
    ),
    "error.bad_user": (
        "ユーザー「{user}」の形式が正しくありません。例：slack:U0123ABCD、console:officer",
        "User {user} is not valid. Example: slack:U0123ABCD, console:officer",
    ),
}
