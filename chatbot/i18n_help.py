"""Catalogue entries for help and usage messages: key -> (Japanese, English).

A key with a platform suffix (``usage.absent.teams``) is that platform's form of the base key: the
slash command swaps it in for people on that platform (``chatbot.services.slash``). The base form
is Slack's (``/shonin …``, ``slack:`` ids).
"""

from __future__ import annotations

HELP: dict[str, tuple[str, str]] = {
    "raw": ("{ja}", "{en}"),
    "help.slash": (
        "shonin（承認）の使い方\n"
        "・/shonin post — 投稿案を出す\n"
        "・/shonin check <本文> — 本文をポリシーチェック（あなたにだけ表示）\n"
        "・/shonin absent <開始> <終了> [理由] — 自分の不在を登録（例：/shonin absent 12/1 12/3 出張）\n"
        "・/shonin absent <ユーザー> <開始> <終了> [理由] — 運用責任者の代わりに不在を登録\n"
        "・/shonin absent off [ユーザー] — 不在を解除　・/shonin absent status — 不在の一覧\n"
        "・/shonin queue — 承認待ち・予約中の投稿案\n"
        "・/shonin home — あなたのホーム（判断待ち・自分の投稿案・予約・不在・運用停止）\n"
        "・/shonin suspend <理由> / /shonin resume — 運用停止・再開（運用責任者のみ）\n"
        "・/shonin roles — 役割の表示　・/shonin roles set <officer|deputy|admin|staff> <ユーザー>\n"
        "日本語でも使えます：不在、一覧、確認、停止、再開、役割、ホーム、ヘルプ。"
        "日付は 2026-12-01、12/1、12月1日、R8.12.1、来週月曜、時刻は 9:00、午後3時 の形で入力できます。",
        "How to use shonin\n"
        "- /shonin post — post a draft\n"
        "- /shonin check <caption> — dry-run policy check (only you see it)\n"
        "- /shonin absent <from> <until> [reason] — set your absence (e.g. /shonin absent 12/1 12/3 trip)\n"
        "- /shonin absent <user> <from> <until> [reason] — set the officer's absence for them\n"
        "- /shonin absent off [user] — end an absence; /shonin absent status — list absences\n"
        "- /shonin queue — drafts waiting or scheduled\n"
        "- /shonin home — your home (waiting for you, your drafts, schedule, absences, suspension)\n"
        "- /shonin suspend <reason> / /shonin resume — stop or resume publishing (officer only)\n"
        "- /shonin roles — show roles; /shonin roles set <officer|deputy|admin|staff> <user>\n"
        "Japanese aliases work too: 不在, 一覧, 確認, 停止, 再開, 役割, ホーム, ヘルプ. "
        "Dates: 2026-12-01, 12/1, 12月1日, R8.12.1, 来週月曜; times: 9:00, 3pm, 午後3時.",
    ),
    "help.console": (
        "コンソールのコマンド\n"
        "・as <ユーザー> — そのユーザーとして操作（例：as officer）\n"
        "・account <ID> — アカウントを選ぶ（{accounts}）\n"
        "・post <本文> / post --media <ファイル> … [--strip-location] -- <本文> / post --at <日時> -- <本文> — 投稿案を出す（--strip-location で画像の位置情報を削除）\n"
        "・revise <ID> <本文> — 投稿案を修正して再提出\n"
        "・/shonin <サブコマンド> — Slack と同じスラッシュコマンド（/shonin help）\n"
        "・click <approve|reject|decline|schedule|confirm|withdraw> <ID|last> [理由・日時] — ボタンを押す"
        '（要確認があれば click approve last --ack、要修正を理由付きで通すなら --override "理由"、'
        "差し戻し・却下に条項を添えるなら click reject last --clause 3(7) 理由）\n"
        "・show <ID|last> — カードを表示　・clock <日時> / clock +30m — 時計を進める（試用・テスト用）\n"
        "・run-due — 予約投稿を今の時計で一度実行　・lang <ja|en> — 表示言語　・quit — 終了",
        "Console commands\n"
        "- as <user> — act as that user (e.g. as officer)\n"
        "- account <id> — pick the account ({accounts})\n"
        "- post <caption> / post --media <file> … [--strip-location] -- <caption> / post --at <time> -- <caption> — post a draft (--strip-location removes GPS data from images)\n"
        "- revise <id> <caption> — revise a draft and resubmit it\n"
        "- /shonin <subcommand> — the same slash command as Slack (/shonin help)\n"
        "- click <approve|reject|decline|schedule|confirm|withdraw> <id|last> [reason/time] — press a button"
        ' (findings to check: click approve last --ack; must-fix findings let through with a reason: --override "reason";'
        " cite a clause when sending back or declining: click reject last --clause 3(7) reason)\n"
        "- show <id|last> — show a card; clock <time> / clock +30m — move the clock (demo and testing)\n"
        "- run-due — run the scheduler once at the clock; lang <ja|en> — language; quit — leave",
    ),
    "usage.unknown": (
        "「{word}」というコマンドはありません。/shonin help で一覧を表示します。",
        "There is no command {word}. /shonin help lists them.",
    ),
    "usage.check": (
        "チェックする本文を続けて入力してください。例：/shonin check 12月7日に展示を開催します",
        "Give the caption to check. Example: /shonin check Exhibition on 7 December",
    ),
    "usage.absent": (
        "不在の指定が正しくありません。例：/shonin absent 12/1 12/3 出張、"
        "/shonin absent slack:U0123 12/1 9:00 12/3 17:00、/shonin absent off、/shonin absent status",
        "The absence is not valid. Examples: /shonin absent 12/1 12/3 trip, "
        "/shonin absent slack:U0123 12/1 9:00 12/3 17:00, /shonin absent off, /shonin absent status",
    ),
    "usage.suspend": (
        "停止の理由を入力してください。例：/shonin suspend 災害対応のため",
        "Give a reason. Example: /shonin suspend disaster response",
    ),
    "usage.roles": (
        "役割の指定が正しくありません。例：/shonin roles set officer slack:U0123ABCD",
        "The role command is not valid. Example: /shonin roles set officer slack:U0123ABCD",
    ),
    "usage.post": (
        "コンソールでは post <本文> で投稿案を出します。例：post 12月の展示のお知らせです",
        "In the console, use post <caption>. Example: post Our December exhibition",
    ),
    "usage.too_long": (
        "入力が長すぎます（{limit}文字まで）。",
        "The input is too long (at most {limit} characters).",
    ),
    "usage.click": (
        "ボタンの指定が正しくありません。例：click approve d7k3fxm、click reject d7k3fxm 日付を直してください、"
        "click schedule d7k3fxm 2026-12-07T10:00",
        "The click is not valid. Examples: click approve d7k3fxm, click reject d7k3fxm Please fix the date, "
        "click schedule d7k3fxm 2026-12-07T10:00",
    ),
    "reply.clock": ("時計：{at}", "Clock: {at}"),
    "reply.held": ("・{draft} は保留：{reason_code}", "- {draft} held: {reason_code}"),
    "error.media_unreadable": (
        "画像ファイル「{file}」を読めません。パスを確認してください。",
        "Cannot read the image file {file}; check the path.",
    ),
    "cli.audit_ok": (
        "OK：監査ログ {count} 件、改ざん・削除は検出されませんでした。",
        "OK: {count} audit entries, no edit or deletion detected.",
    ),
    "cli.audit_bad": (
        "NG：監査ログに改ざんまたは削除があります（{count} 件の問題）。",
        "FAILED: the audit log was edited or entries were deleted ({count} problems).",
    ),
}

# Each platform's own words: how a command is typed there and what a user id looks like.
HELP.update(
    {
        "help.slash.teams": (
            "shonin（承認）の使い方（チャネルでは @shonin に続けて、ボットとの個人チャットではそのまま入力）\n"
            "・投稿案チャネルで @shonin <本文>（画像は添付）、個人チャットで post <本文> — 投稿案を出す\n"
            "・@shonin check <本文> — 本文をポリシーチェック\n"
            "・@shonin absent <開始> <終了> [理由] — 自分の不在を登録（例：@shonin absent 12/1 12/3 出張）\n"
            "・@shonin absent <@メンション> <開始> <終了> [理由] — 運用責任者の代わりに不在を登録\n"
            "・@shonin absent off [@メンション] — 不在を解除　・@shonin absent status — 不在の一覧\n"
            "・@shonin queue — 承認待ち・予約中の投稿案\n"
            "・@shonin home — あなたのホーム（判断待ち・自分の投稿案・予約・不在・運用停止）\n"
            "・@shonin suspend <理由> / @shonin resume — 運用停止・再開（運用責任者のみ）\n"
            "・@shonin roles — 役割の表示　・@shonin roles set <officer|deputy|admin|staff> <@メンション>\n"
            "人は @メンションか、Azure AD のオブジェクトID（teams:00000000-0000-0000-0000-000000000000）で指定します。"
            "日本語でも使えます：不在、一覧、確認、停止、再開、役割、ホーム、ヘルプ。"
            "日付は 2026-12-01、12/1、12月1日、R8.12.1、来週月曜、時刻は 9:00、午後3時 の形で入力できます。",
            "How to use shonin (in a channel, after @shonin; in your personal chat with the bot, as is)\n"
            "- @shonin <caption> in the drafts channel (attach the images), or post <caption> in the personal chat — post a draft\n"
            "- @shonin check <caption> — dry-run policy check\n"
            "- @shonin absent <from> <until> [reason] — set your absence (e.g. @shonin absent 12/1 12/3 trip)\n"
            "- @shonin absent <@mention> <from> <until> [reason] — set the officer's absence for them\n"
            "- @shonin absent off [@mention] — end an absence; @shonin absent status — list absences\n"
            "- @shonin queue — drafts waiting or scheduled\n"
            "- @shonin home — your home (waiting for you, your drafts, schedule, absences, suspension)\n"
            "- @shonin suspend <reason> / @shonin resume — stop or resume publishing (officer only)\n"
            "- @shonin roles — show roles; @shonin roles set <officer|deputy|admin|staff> <@mention>\n"
            "Name people with an @mention or their Azure AD object id (teams:00000000-0000-0000-0000-000000000000). "
            "Japanese aliases work too: 不在, 一覧, 確認, 停止, 再開, 役割, ホーム, ヘルプ. "
            "Dates: 2026-12-01, 12/1, 12月1日, R8.12.1, 来週月曜; times: 9:00, 3pm, 午後3時.",
        ),
        "usage.unknown.teams": (
            "「{word}」というコマンドはありません。help（チャネルでは @shonin help）で一覧を表示します。",
            "There is no command {word}. help (in a channel: @shonin help) lists them.",
        ),
        "usage.check.teams": (
            "チェックする本文を続けて入力してください。例：@shonin check 12月7日に展示を開催します",
            "Give the caption to check. Example: @shonin check Exhibition on 7 December",
        ),
        "usage.absent.teams": (
            "不在の指定が正しくありません。例：@shonin absent 12/1 12/3 出張、"
            "@shonin absent @佐藤 12/1 9:00 12/3 17:00、"
            "@shonin absent teams:00000000-0000-0000-0000-000000000000 12/1 12/3、"
            "@shonin absent off、@shonin absent status",
            "The absence is not valid. Examples: @shonin absent 12/1 12/3 trip, "
            "@shonin absent @Sato 12/1 9:00 12/3 17:00, "
            "@shonin absent teams:00000000-0000-0000-0000-000000000000 12/1 12/3, "
            "@shonin absent off, @shonin absent status",
        ),
        "usage.suspend.teams": (
            "停止の理由を入力してください。例：@shonin suspend 災害対応のため",
            "Give a reason. Example: @shonin suspend disaster response",
        ),
        "usage.roles.teams": (
            "役割の指定が正しくありません。例：@shonin roles set officer @佐藤、"
            "@shonin roles set deputy teams:00000000-0000-0000-0000-000000000000",
            "The role command is not valid. Examples: @shonin roles set officer @Sato, "
            "@shonin roles set deputy teams:00000000-0000-0000-0000-000000000000",
        ),
        "error.bad_user.teams": (
            "ユーザー「{user}」の形式が正しくありません。@メンションか、"
            "teams:00000000-0000-0000-0000-000000000000（Azure AD のオブジェクトID）の形で指定してください。",
            "User {user} is not valid. Use an @mention or the form "
            "teams:00000000-0000-0000-0000-000000000000 (the Azure AD object id).",
        ),
        "error.bad_user.slack": (
            "ユーザー「{user}」の形式が正しくありません。@メンションか、slack:U0123ABCD の形で指定してください。",
            "User {user} is not valid. Use an @mention or the form slack:U0123ABCD.",
        ),
        "usage.absent.console": (
            "不在の指定が正しくありません。例：/shonin absent 12/1 12/3 出張、"
            "/shonin absent officer 12/1 9:00 12/3 17:00、/shonin absent off、/shonin absent status",
            "The absence is not valid. Examples: /shonin absent 12/1 12/3 trip, "
            "/shonin absent officer 12/1 9:00 12/3 17:00, /shonin absent off, /shonin absent status",
        ),
        "usage.roles.console": (
            "役割の指定が正しくありません。例：/shonin roles set deputy deputy"
            "（利用者は設定にある名前、または console:名前）",
            "The role command is not valid. Example: /shonin roles set deputy deputy "
            "(the user is a name from the configuration, or console:name)",
        ),
        "error.bad_user.console": (
            "ユーザー「{user}」の形式が正しくありません。設定にある利用者の名前（例：officer）で指定してください。",
            "User {user} is not valid. Give the name of a user in the configuration (e.g. officer).",
        ),
    }
)
