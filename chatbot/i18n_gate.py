"""Messages of the approval gate (issue 7): hard limits, overrides, acknowledgements."""

from __future__ import annotations

GATE: dict[str, tuple[str, str]] = {
    "gate.limit.caption_too_long": (
        "本文が Instagram の上限（2,200文字）を超えています。短くしてください。",
        "The caption is over Instagram's limit of 2,200 characters; shorten it.",
    ),
    "gate.limit.too_many_hashtags": (
        "ハッシュタグが Instagram の上限（30個）を超えています。",
        "More than 30 hashtags: Instagram refuses the post.",
    ),
    "gate.limit.too_many_mentions": (
        "メンション（@）が Instagram の上限（20件）を超えています。",
        "More than 20 @mentions: Instagram refuses the post.",
    ),
    "gate.limit.no_media": (
        "画像が1枚以上必要です（画像のない投稿は Instagram に公開できません）。画像を添付してください。",
        "At least one image is needed (Instagram cannot publish a post without one); attach an image.",
    ),
    "gate.limit.too_many_items": (
        "画像は Instagram の上限（10枚）までです。",
        "Instagram allows at most 10 images in one post.",
    ),
    "gate.limit.unreadable": (
        "画像として読み込めないファイルです。JPEG か PNG の画像を添付してください。",
        "This file cannot be read as an image; attach a JPEG or PNG image.",
    ),
    "gate.limit.disguised": (
        "画像ではないファイル（文書・圧縮ファイル等）です。Instagram には投稿できません。",
        "This is not an image (a document, archive or similar); Instagram cannot post it.",
    ),
    "gate.limit.animated": (
        "アニメーション画像は画像投稿に使えません。",
        "Animated images cannot be posted as a photo.",
    ),
    "gate.limit.too_large": (
        "画像のファイルサイズが Instagram の上限（8MB）を超えています。",
        "The image is larger than Instagram's 8 MB limit.",
    ),
    "gate.limit.not_jpeg": (
        "JPEG に変換できなかった画像です。Instagram には JPEG のみ投稿できます。",
        "This image could not be converted to JPEG; Instagram only accepts JPEG.",
    ),
    "gate.limit.not_checked": (
        "この版はまだポリシーチェックを受けていません。",
        "This revision has not been checked yet.",
    ),
    "error.gate_hard_limit": (
        "Instagram の制限に反するため承認・公開できません（上書き不可）：{findings}。"
        "投稿案を修正してください。",
        "Instagram's limits forbid this post, and no one can override them: {findings}. "
        "Revise the draft.",
    ),
    "error.gate_override_required": (
        "要修正の指摘があります：{findings}。修正を依頼するか、運用責任者が理由を書いて"
        '承認してください（例：click approve last --override "掲載許可を確認済み"）。',
        "There are must-fix findings: {findings}. Send the draft back, or approve with a "
        'written reason (e.g. click approve last --override "permission confirmed").',
    ),
    "error.gate_ack_required": (
        "要確認の指摘があります：{findings}。内容を確認したうえで承認してください"
        "（例：click approve last --ack）。",
        "There are findings to check: {findings}. Approve once you have checked them "
        "(e.g. click approve last --ack).",
    ),
    "error.gate_revision_changed": (
        "表示していた第{seen}版のあと、投稿案は第{current}版に更新されました。"
        "最新の版を確認してから承認してください。",
        "The draft moved from revision {seen} to revision {current} since you looked; "
        "check the new revision before approving.",
    ),
    "error.publish_refused": (
        "公開を中止しました。Instagram の制限に反します：{findings}",
        "Publishing refused: Instagram's limits are broken: {findings}",
    ),
    "usage.click_approve": (
        "承認の指定が正しくありません。例：click approve last、click approve last --ack、"
        'click approve last --override "掲載許可を確認済み"',
        "The approval is not valid. Examples: click approve last, click approve last --ack, "
        'click approve last --override "permission confirmed"',
    ),
    "gate.overridden": (
        "要修正を理由付きで承認（{actor}）：{reason}（対象：{findings}）",
        "Must-fix findings approved with a reason by {actor}: {reason} (findings: {findings})",
    ),
    "gate.acknowledged": (
        "要確認を確認済みとして承認：{findings}",
        "Findings to check acknowledged on approval: {findings}",
    ),
    "gate.approved_while_absent": (
        "不在登録中に承認されました",
        "approved while absent",
    ),
    "gate.requires": (
        "承認には：{items}",
        "To approve: {items}",
    ),
    "gate.requires.hard": ("修正が必要（上書き不可）", "revise first (cannot be overridden)"),
    "gate.requires.override": ("理由付きの承認（--override）", "a written reason (--override)"),
    "gate.requires.ack": ("要確認の確認（--ack）", "acknowledge the findings (--ack)"),
    "note.wished_moved": (
        "{draft}：希望日時 {wished} は運用時間外です。承認されると運用時間内の {at} に公開されます。",
        "{draft}: the wished time {wished} is outside operating hours; once approved it is "
        "published at {at}, inside hours.",
    ),
    "note.wished_moved_author": (
        "投稿案 {draft} の希望日時 {wished} は運用時間外のため、承認されると {at} に公開されます。"
        "別の日時にする場合は、投稿案を修正して希望日時を変えてください。",
        "The wished time of draft {draft}, {wished}, is outside operating hours: once approved, "
        "it is published at {at}. To choose another time, revise the draft's wished time.",
    ),
    "note.dates_past_at_slot": (
        "⚠️ {draft}：公開予定の {at} には、本文の日付「{dates}」はすでに過ぎています。"
        "このまま公開すると終わった催しの案内になります。本文を修正するか、公開日時を見直してください。",
        '⚠️ {draft}: at the publish time {at}, the date(s) "{dates}" in the caption are already '
        "past. Published as it is, the post announces something that is over: revise the caption "
        "or choose another publish time.",
    ),
    "error.clock_sandbox_only": (
        "時計を動かせるのはお試し環境（shonin demo または shonin shell --sandbox、使い捨ての"
        "データベース）だけです。このセッションは実際の時刻で動いています。",
        "The clock can only be moved in a sandbox (shonin demo or shonin shell --sandbox, a "
        "throw-away database); this session runs on the real time.",
    ),
    "console.sandbox": (
        "お試し環境です：使い捨てのデータベース（終了時に削除）。clock で時計を動かせます。",
        "Sandbox: a throw-away database (deleted at exit); `clock` moves the session's time.",
    ),
    "error.role_user.console": (
        "「{user}」は設定（shonin.toml）にない利用者のため、役割を設定できません。"
        "設定済みの利用者：{known}",
        "{user} is not a user in the configuration (shonin.toml), so it cannot hold a role. "
        "Configured users: {known}",
    ),
    "error.role_user.slack": (
        "「{user}」は Slack の利用者IDではないため、役割を設定できません。@メンションか、slack:U0123ABCD の形"
        "（U または W に英大文字・数字）で指定してください。",
        "{user} is not a Slack user id, so it cannot hold a role: use an @mention or the form slack:U0123ABCD "
        "(U or W, then upper-case letters and digits).",
    ),
    "error.role_user.teams": (
        "「{user}」は Teams の利用者IDではないため、役割を設定できません。@メンションか、Azure AD のオブジェクトID "
        "teams:00000000-0000-0000-0000-000000000000 の形で指定してください。",
        "{user} is not a Teams user id, so it cannot hold a role: use an @mention or the Azure AD object id, in the form "
        "teams:00000000-0000-0000-0000-000000000000.",
    ),
    "db.unavailable": (
        "データベース（{url}）を使えません：{reason}",
        "Cannot use the database ({url}): {reason}",
    ),
    "db.reason.corrupt": (
        "SQLite のデータベースファイルではないか、壊れています（何も書き込んでいません）",
        "the file is not an SQLite database or is damaged (nothing was written)",
    ),
    "db.reason.read_only": (
        "読み取り専用のため書き込めません",
        "it is read-only, so nothing can be written",
    ),
    "db.reason.no_folder": (
        "フォルダー {folder} がありません。作成するか DATABASE_URL を直してください",
        "the folder {folder} does not exist; create it or correct DATABASE_URL",
    ),
    "db.reason.cannot_open": (
        "ファイルを開けません（権限を確認してください）",
        "the file cannot be opened (check its permissions)",
    ),
    "db.reason.unsupported": (
        "対応していない種類です。sqlite+aiosqlite:///… か postgresql+asyncpg://… を指定してください",
        "unsupported kind; use sqlite+aiosqlite:///… or postgresql+asyncpg://…",
    ),
    "db.reason.unreachable": (
        "接続できません（{error}）",
        "cannot connect ({error})",
    ),
    "error.input_not_utf8": (
        "入力が UTF-8 のテキストではないため、この行を読み飛ばしました。UTF-8 で保存してください。",
        "This input line is not UTF-8 text and was skipped; save the text as UTF-8.",
    ),
    "usage.unclosed_quote": (
        "引用符（\" または '）が閉じていません。閉じてから送ってください。例：{example}",
        "A quotation mark (\" or ') is not closed; close it and send again. Example: {example}",
    ),
}
