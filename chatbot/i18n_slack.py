"""Catalogue entries for the slack work: key -> (Japanese, English). Words follow shared/GLOSSARY.md."""

from __future__ import annotations

SLACK: dict[str, tuple[str, str]] = {
    # --- cards and check results ---------------------------------------------------------------
    "slack.caption_cut": (
        "_（本文 {total} 字のうち最初の {shown} 字を表示しています）_",
        "_(showing the first {shown} of {total} characters)_",
    ),
    "slack.findings_cut": (
        "ほかに {hidden} 件の指摘があります（最初の {shown} 件を表示）。全件は `/shonin check` で確認できます。",
        "{hidden} more findings are not shown (first {shown} shown); `/shonin check` lists them all.",
    ),
    "slack.more_hidden": ("…ほか {hidden} 件", "…and {hidden} more"),
    "slack.gate_hard": (
        ":no_entry: Instagram の制限を超える指摘があるため承認できません。修正した版を投稿してください。",
        ":no_entry: A finding breaks an Instagram limit, so this cannot be approved; post a fixed revision.",
    ),
    "slack.gate_override": (
        ":warning: 要修正の指摘があります。承認するには理由の記入が必要です（監査ログに記録されます）。",
        ":warning: There are must-fix findings; approving needs a written reason (recorded in the audit log).",
    ),
    "slack.submitted": (
        "投稿案 {draft} を受け付けました。チェック結果：",
        "Draft {draft} received. Check result:",
    ),
    "slack.revised": (
        "投稿案 {draft} を第{revision}版に更新しました。チェック結果：",
        "Draft {draft} updated to revision {revision}. Check result:",
    ),
    "slack.unchecked": (
        "投稿案 {draft} を受け付けましたが、チェックを実行できませんでした。管理者に連絡してください。",
        "Draft {draft} was received but could not be checked; please tell an admin.",
    ),
    # --- confirm dialogs -------------------------------------------------------------------------
    "slack.confirm.approve.title": ("承認しますか？", "Approve this draft?"),
    "slack.confirm.approve": (
        "投稿案 {draft} を承認します。希望日時があれば予約されます（時間外なら次の運用時間）。",
        "Draft {draft} will be approved and scheduled for its wished time (or the next operating slot).",
    ),
    "slack.confirm.warn": (
        "要確認の指摘が {count} 件あります。確認したうえで承認します：",
        "There are {count} findings to check; approving acknowledges them:",
    ),
    "slack.confirm.withdraw.title": ("取り下げますか？", "Withdraw this draft?"),
    "slack.confirm.withdraw": (
        "投稿案 {draft} を取り下げます。元に戻せません。",
        "Draft {draft} will be withdrawn; this cannot be undone.",
    ),
    "slack.confirm.yes": ("はい", "Yes"),
    "slack.confirm.no": ("やめる", "Cancel"),
    "slack.home.post": ("投稿案を作成", "New draft"),
    # --- modals ------------------------------------------------------------------------------------
    "slack.modal.submit": ("送信", "Submit"),
    "slack.modal.cancel": ("キャンセル", "Cancel"),
    "slack.modal.request_changes.title": ("差し戻し", "Send back"),
    "slack.modal.decline.title": ("却下", "Decline"),
    "slack.modal.approve.title": ("理由を付けて承認", "Approve with a reason"),
    "slack.modal.schedule.title": ("投稿予約", "Schedule"),
    "slack.modal.post.title": ("投稿案を作成", "New draft"),
    "slack.modal.reason.request_changes": (
        "差し戻しの理由（作成者にスレッドで伝えます）",
        "Why it is sent back (told to the author in the thread)",
    ),
    "slack.modal.reason.decline": (
        "却下の理由（作成者にスレッドで伝えます）",
        "Why it is declined (told to the author in the thread)",
    ),
    "slack.modal.reason.approve": (
        "要修正の指摘を承知で承認する理由（監査ログに記録）",
        "Why it may go out despite the must-fix findings (audit log)",
    ),
    "slack.modal.override_intro": (
        "要修正の指摘が {count} 件あります：",
        "There are {count} must-fix findings:",
    ),
    "slack.modal.clause": ("関連する条項（任意）", "Related clause (optional)"),
    "slack.modal.at": ("投稿日時", "Publish at"),
    "slack.modal.at_hint": (
        "空欄なら希望日時（運用時間外なら次の運用時間）に予約します。閉庁日・時間外は指定できません。",
        "Leave empty for the wished time (or the next operating slot). Closed days and hours outside operation are refused.",
    ),
    "slack.modal.account": ("アカウント", "Account"),
    "slack.modal.caption": ("本文", "Caption"),
    "slack.modal.files": ("画像（10枚まで）", "Images (up to 10)"),
    "slack.modal.wished": ("希望日時（任意）", "Wished time (optional)"),
    "slack.post_failed": (
        "Slack への投稿に失敗しました（{error}）。not_in_channel のときは、チャンネルで `/invite @shonin` としてボットを招待してください。",
        "Posting in Slack failed ({error}). For not_in_channel, invite the bot in the channel with `/invite @shonin`.",
    ),
    "slack.channel_unreachable": (
        ":warning: shonin がチャンネル <#{channel}> に投稿できません（Slack の応答：{code}）。"
        "そのチャンネルで `/invite @shonin` と入力してボットを招待してください"
        "（見つからないと言われる場合は、設定 `[accounts.channels] slack` のチャンネル ID も確認してください）。"
        "届かなかったお知らせは自動で再送されます。状況は `/shonin queue` で確認できます。",
        ":warning: shonin cannot post in <#{channel}> (Slack said: {code}). "
        "Invite the bot by typing `/invite @shonin` in that channel "
        "(if the channel is not found, also check its id in `[accounts.channels] slack`). "
        "Notices that did not arrive are sent again automatically; `/shonin queue` shows them.",
    ),
    "slack.account_choose": (
        "ここはどのアカウントの投稿チャンネルでもなく、あなたは複数のアカウントに役割があります。"
        "コマンドの後に `--account <ID>` を付けてアカウントを選ぶか（例：`/shonin queue --account <ID>`）、"
        "そのアカウントの投稿チャンネルで実行してください。",
        "This is not an account's drafts channel and you hold a role in several accounts. "
        "Add `--account <id>` to the command (e.g. `/shonin queue --account <id>`), "
        "or run it in that account's drafts channel.",
    ),
    "slack.help_account": (
        "投稿チャンネル以外（DM など）では、役割のあるアカウントが一つならそのアカウント、"
        "複数ならコマンドの後に `--account <ID>` を付けて選びます（例：`/shonin queue --account <ID>`）。",
        "Outside a drafts channel (a DM, another channel) the command is for the one account you "
        "hold a role in; with several, add `--account <id>` (e.g. `/shonin queue --account <id>`).",
    ),
    "slack.account_list": ("アカウント：{accounts}", "Accounts: {accounts}"),
    "slack.account_none": (
        "あなたはどのアカウントにも役割がありません。管理者に役割の設定を依頼してください"
        "（管理者は `/shonin roles set staff @あなた`）。",
        "You hold no role in any account. Ask an admin to give you one "
        "(an admin types `/shonin roles set staff @you`).",
    ),
    # --- mistakes --------------------------------------------------------------------------------
    "slack.bad_button": (
        "このボタンは古いか壊れています。最新のカードから操作してください。",
        "This button is stale or broken; please use the latest card.",
    ),
    "slack.reason_required": ("理由を入力してください。", "Please write a reason."),
    "slack.caption_required": ("本文を入力してください。", "Please write the caption."),
    "slack.post_again": (
        "直してから、もう一度 `/shonin post` で投稿してください。",
        "Fix it and post again with `/shonin post`.",
    ),
    "slack.too_many_files": (
        "画像は {limit} 枚までです。枚数を減らしてもう一度投稿してください。",
        "At most {limit} images; remove some and post again.",
    ),
    "slack.file_not_image": (
        "「{file}」は画像ではありません。JPEG・PNG・GIF・WebP の画像を添付してください。",
        "{file} is not an image; attach JPEG, PNG, GIF or WebP images.",
    ),
    "slack.file_unreachable": (
        "「{file}」をダウンロードできませんでした。もう一度添付してください。",
        "{file} could not be downloaded; please attach it again.",
    ),
    # --- clauses cited by 差し戻し / 却下 (every front end) ---------------------------------------
    "error.unknown_clause": (
        "条項「{clause}」はこのアカウントのガイドラインにありません。使える条項：{clauses}",
        "Clause {clause} is not in this account's guideline. Clauses: {clauses}",
    ),
    "note.changes_requested_clause": (
        "差し戻しました（理由：{reason}）。該当：条項 {clause} {clause_title}。修正して再提出してください。",
        "Sent back (reason: {reason}). Clause {clause}: {clause_title}. Please revise and resubmit.",
    ),
    "note.declined_clause": (
        "却下しました（理由：{reason}）。該当：条項 {clause} {clause_title}。",
        "Declined (reason: {reason}). Clause {clause}: {clause_title}.",
    ),
    "note.sent_back_author_clause": (
        "投稿案 {draft} が差し戻されました（理由：{reason}）。該当：条項 {clause} {clause_title}",
        "Draft {draft} was sent back (reason: {reason}). Clause {clause}: {clause_title}",
    ),
    "note.declined_author_clause": (
        "投稿案 {draft} は却下されました（理由：{reason}）。該当：条項 {clause} {clause_title}",
        "Draft {draft} was declined (reason: {reason}). Clause {clause}: {clause_title}",
    ),
    "usage.click_clause": (
        "条項を指定してください。例：click reject d7k3fxm --clause 3(7) 個人名が入っています",
        "Name the clause. Example: click reject d7k3fxm --clause 3(7) A person's name is shown",
    ),
    "card.clause": ("該当する条項：{clause} {clause_title}", "Clause: {clause} {clause_title}"),
}
