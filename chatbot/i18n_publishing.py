"""Catalogue entries for the publishing work: key -> (Japanese, English). Words follow shared/GLOSSARY.md.

``publish.error.*`` say what went wrong and what to do; a failed draft keeps the key (and its
arguments) so that everyone reads it in their own language.
"""

from __future__ import annotations

PUBLISHING: dict[str, tuple[str, str]] = {
    # --- errors (each with the action to take) ---
    "publish.error.media_unfetchable": (
        "Instagram が画像を取得できませんでした。public_base_url がインターネットから https で開けるか確認してください。自動で再試行します。",
        "Instagram could not fetch the image. Check that public_base_url is reachable from the internet over https; it will be retried.",
    ),
    "publish.error.media_format": (
        "Instagram が画像を受け付けませんでした（形式または縦横比）。JPEG で縦横比 4:5〜1.91:1 の画像に差し替えて、もう一度予約してください。",
        "Instagram refused the image (format or aspect ratio). Replace it with a JPEG between 4:5 and 1.91:1 and schedule again.",
    ),
    "publish.error.limit_reached": (
        "Instagram の24時間の投稿上限に達しています。枠が空き次第、自動で公開します。",
        "Instagram's 24-hour publishing limit is reached; the post goes out as soon as it frees.",
    ),
    "publish.error.token_invalid": (
        "アクセストークンが期限切れか無効です。管理人が新しい長期トークンを発行し、環境変数 {env} に設定してから「再試行」を押してください。",
        "The access token has expired or was revoked. An admin must issue a new long-lived token, set it in {env}, then press Retry.",
    ),
    "publish.error.permission": (
        "この投稿に必要な権限（instagram_content_publish など）がアプリにありません。Meta の設定で権限を付与してから「再試行」を押してください。",
        "The app lacks a permission this needs (e.g. instagram_content_publish). Grant it in Meta's settings, then press Retry.",
    ),
    "publish.error.rate_limited": (
        "Instagram の API 呼び出し制限に達しました。しばらく待って自動で再試行します。",
        "Instagram's API rate limit was hit; it will be retried automatically after a pause.",
    ),
    "publish.error.transient": (
        "Instagram が一時的に応答しませんでした。公開済みでないことを確認のうえ、自動で再試行します。",
        "Instagram did not answer for now; after checking the post did not go live, it will be retried.",
    ),
    "publish.error.container_failed": (
        "Instagram が画像の準備に繰り返し失敗しました。画像を差し替えて、もう一度予約してください。",
        "Instagram failed to prepare the media several times. Replace the image and schedule again.",
    ),
    "publish.error.container_expired": (
        "準備した投稿の有効期限が切れました。作り直して公開します。",
        "The prepared post expired; it is prepared again.",
    ),
    "publish.error.not_ready": (
        "Instagram の画像処理が終わりませんでした。自動で再試行します。",
        "Instagram did not finish processing the media; it will be retried.",
    ),
    "publish.error.live_not_found": (
        "投稿は公開されたようですが、まだ確認できません。自動で再確認します（二重投稿はしません）。",
        "The post seems live but cannot be found yet; it is checked again (it will not be posted twice).",
    ),
    "publish.error.outbox_unwritable": (
        "送信フォルダに書き込めません（{reason}）。outbox_dir の場所と権限を確認してください。自動で再試行します。",
        "The outbox folder is not writable ({reason}). Check outbox_dir and its permissions; it will be retried.",
    ),
    "publish.error.media_unavailable": (
        "画像 {file} が保存場所にありません。画像を添付し直して再提出してください。",
        "The image {file} is missing from the media store. Attach it again and resubmit.",
    ),
    "publish.error.no_token": (
        "アクセストークンが設定されていません。環境変数 {env} に設定してから「再試行」を押してください。",
        "No access token is set. Set it in {env}, then press Retry.",
    ),
    "publish.error.other": (
        "Instagram がエラーを返しました（コード {code}）。管理人に連絡してください。",
        "Instagram returned an error (code {code}). Please tell an admin.",
    ),
    "worker.started": (
        "shonin worker を開始しました（{worker}、{interval} 秒ごと、イベントループ {loop}）",
        "shonin worker started ({worker}, every {interval} s, event loop {loop})",
    ),
    # --- buttons and replies ---
    "button.report_problem": ("問題あり", "Problem"),
    "button.retry_publish": ("再試行", "Retry"),
    "button.publish_now": ("今すぐ公開", "Publish now"),
    "reply.done.report_problem": (
        "問題を記録し、管理人に知らせました。",
        "The problem is recorded and the admins are told.",
    ),
    "reply.done.retry_publish": ("再度公開を予約しました。", "Scheduled to publish again."),
    "reply.done.publish_now": (
        "理由を記録しました。次の実行で公開します（運用時間外でも公開します）。",
        "The reason is recorded; it goes out at the next run (outside operating hours too).",
    ),
    "action.publish_now": ("今すぐ公開", "publish now"),
    "action.retry_publish": ("再試行", "retry"),
    "action.report_problem": ("問題あり", "report a problem"),
    "button.identify_post": ("投稿を指定", "Identify post"),
    "action.identify_post": ("公開された投稿の指定", "identify the live post"),
    "reply.done.identify_post": (
        "どの投稿かを記録しました。",
        "Which post it is has been recorded.",
    ),
    "note.post_identified": (
        "{actor} さんが、公開された投稿を {post} と記録しました。",
        "{actor} recorded the live post as {post}.",
    ),
    "error.bad_post_ref": (
        "投稿の URL（https://www.instagram.com/p/…）またはメディア ID（数字）を入力してください",
        "give the post's URL (https://www.instagram.com/p/…) or its media id (digits)",
    ),
    "note.published_ambiguous": (
        "Instagram はこの投稿を公開済みと報告していますが、同じ本文の投稿が複数あり、どれがこの投稿か特定できませんでした。二重投稿を防ぐため、もう一度は公開しません。{confirmer} さん、アカウントの投稿を確認し「公開内容を確認」を押してください（不要な重複があれば「問題あり」）。",
        "Instagram reports this post as live, but several posts have the same caption, so shonin cannot tell which one it is. It will not be posted again (no duplicates). {confirmer}, please check the account's posts and press Confirm (or Report a problem if there is an unwanted duplicate).",
    ),
    "note.published_not_found": (
        "Instagram はこの投稿を公開済みと報告していますが、同じ本文の投稿が見つからず、どの投稿か特定できませんでした。二重投稿を防ぐため、もう一度は公開しません。{confirmer} さん、アカウントの投稿を確認し「公開内容を確認」を押してください（見当たらなければ「問題あり」）。",
        "Instagram reports this post as live, but no post with its caption was found, so shonin cannot tell which one it is. It will not be posted again (no duplicates). {confirmer}, please check the account's posts and press Confirm (or Report a problem if it is not there).",
    ),
    "note.confirm_unidentified": (
        "投稿案 {draft} は Instagram で公開済みと報告されましたが、どの投稿か特定できませんでした。アカウントの投稿を確認し「公開内容を確認」を押してください。",
        "Draft {draft} is reported live by Instagram, but shonin could not tell which post it is. Please check the account's posts and press Confirm.",
    ),
    "note.token_expiring": (
        "⚠ {account} の Instagram アクセストークンは {at} に期限切れになります。新しい長期トークンを発行し、環境変数 {env} に設定してください。",
        "⚠ The Instagram access token of {account} expires on {at}. Issue a new long-lived token and set it in {env}.",
    ),
    "note.token_invalid": (
        "⚠ {account} の Instagram アクセストークンが無効です（期限切れか取り消し）。新しいトークンを環境変数 {env} に設定するまで公開できません。",
        "⚠ The Instagram access token of {account} is no longer valid (expired or revoked). Nothing can be published until a new one is set in {env}.",
    ),
    "reply.resumed_waiting": (
        "停止中に公開を待っていた投稿 {count}件（{drafts}）を、次の実行で公開します。",
        "{count} posts waited while suspended ({drafts}); they go out at the next run.",
    ),
    # --- notes in the thread and direct messages ---
    "note.publish_failed_retrying": (
        "公開に失敗しました（{attempt}回目）：{error}",
        "Publishing failed (attempt {attempt}): {error}",
    ),
    "note.publish_gave_up": (
        "{attempt}回試行しましたが公開できませんでした：{error}\n運用責任者は「再試行」で再度公開できます。",
        "Publishing failed after {attempt} attempts: {error}\nThe officer can press Retry to try again.",
    ),
    "note.problem_reported": (
        "公開内容に問題あり（{actor}）：{reason}",
        "Problem with the live post ({actor}): {reason}",
    ),
    "note.problem_reported_admins": (
        "⚠ 投稿案 {draft} の公開内容に問題があると報告されました（{actor}）：{reason}\n{permalink}",
        "⚠ A problem was reported with the live post of draft {draft} ({actor}): {reason}\n{permalink}",
    ),
    "note.publish_waiting_limit": (
        "Instagram の24時間の投稿上限に達したため、{at} に公開します。",
        "Instagram's 24-hour publishing limit is reached; the post goes out at {at}.",
    ),
}
