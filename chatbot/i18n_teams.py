"""Catalogue entries for the teams work: key -> (Japanese, English). Words follow shared/GLOSSARY.md."""

from __future__ import annotations

TEAMS: dict[str, tuple[str, str]] = {
    # --- the card's inputs (Action.ShowCard forms) -------------------------------------------
    "teams.input.reason": ("理由（必須）", "Reason (required)"),
    "teams.input.reason_placeholder": ("理由を書いてください", "Write the reason"),
    "teams.input.reason_missing": ("理由を書いてください。", "Please write a reason."),
    "teams.input.override": (
        "要修正の指摘を承知で承認する理由（必須）",
        "Why approve despite the must-fix findings (required)",
    ),
    "teams.input.date": (
        "投稿日（空欄なら希望日時か次の運用時間）",
        "Date (empty: the wished time or the next slot)",
    ),
    "teams.input.time": ("時刻", "Time"),
    "teams.input.confirm": ("注意の指摘を確認しました", "I have read the warnings"),
    "teams.input.confirm_missing": (
        "注意の指摘を確認してからチェックを入れてください。",
        "Please read the warnings and tick the box.",
    ),
    "teams.input.clause": ("該当する条項（任意）", "Clause (optional)"),
    "teams.submit": ("送信", "Send"),
    "teams.card.viewer_only": (
        "この投稿案に対して、あなたが今できる操作はありません。",
        "There is nothing you can do on this draft now.",
    ),
    # --- messages ----------------------------------------------------------------------------
    "teams.not_a_drafts_channel": (
        "このチャネルはどのアカウントの投稿案チャネルにも設定されていません（設定のチャネルID：{channel}）。",
        "This channel is not the drafts channel of any account (its id: {channel}).",
    ),
    "teams.usage.post": (
        "投稿案は post <本文> と書くか、投稿案チャネルで shonin にメンションして本文を書いてください（画像は添付）。",
        "Write post <caption>, or mention shonin in the drafts channel with the caption (attach the images).",
    ),
    "teams.empty_caption": ("本文がありません。", "The caption is empty."),
    "teams.unknown_card": (
        "このカードは古いか壊れています。最新のカードから操作してください。",
        "This card is out of date or damaged; please use the latest card.",
    ),
    "teams.attachment.too_large": (
        "添付「{name}」は大きすぎます（上限 {limit_mb} MB）。",
        "Attachment {name} is too large (limit {limit_mb} MB).",
    ),
    "teams.attachment.bad_type": (
        "添付「{name}」は画像（JPEG・PNG）ではありません。",
        "Attachment {name} is not an image (JPEG or PNG).",
    ),
    "teams.attachment.unreadable": (
        "添付「{name}」を取得できませんでした。もう一度添付してください。",
        "Could not download attachment {name}; please attach it again.",
    ),
    "teams.attachment.too_many": (
        "画像は {limit} 枚までです。",
        "At most {limit} images.",
    ),
    "teams.welcome": (
        "shonin（承認）です。投稿案チャネルで @shonin に本文を送ると投稿案になります。help で使い方を表示します。",
        "This is shonin. Mention @shonin with a caption in the drafts channel to submit a draft; help lists the commands.",
    ),
    # --- start-up and delivery ---------------------------------------------------------------
    "teams.startup.no_credentials": (
        "Teams の認証情報（{kind}）が足りません：{missing} を環境変数で設定してください（CONNECTIONS__SERVICE_CONNECTION__SETTINGS__ の後に続く名前、かっこ内は別名）。開発中だけ認証なしで動かすには SHONIN_TEAMS_DEV_NO_AUTH=1 を指定してください",
        "Teams credentials ({kind}) are incomplete: set {missing} in the environment (after CONNECTIONS__SERVICE_CONNECTION__SETTINGS__, or the name in brackets); to run without authentication during development only, set SHONIN_TEAMS_DEV_NO_AUTH=1",
    ),
    "teams.startup.cert_unreadable": (
        "Teams の証明書ファイル {path} を読めません。パスと読み取り権限を確認してください",
        "Cannot read the Teams certificate file {path}; check the path and its permissions",
    ),
    "teams.startup.cert_invalid": (
        "Teams の証明書ファイル {path} を開けません。鍵と証明書を含む PFX（PKCS#12）か、パスワード（SHONIN_TEAMS_CERT_PASSWORD）を確認してください",
        "Cannot open the Teams certificate file {path}; it must be a PFX (PKCS#12) with the key and the certificate, and the password (SHONIN_TEAMS_CERT_PASSWORD) must match",
    ),
    "teams.dev_no_auth": (
        "注意：Teams のエンドポイントは認証なし（開発用）で動いています。本番では使わないでください",
        "Warning: the Teams endpoint runs without authentication (development only); never use this in production",
    ),
    "teams.delivery.no_reference": (
        "{target} への会話がまだありません（その人か channel がボットに話しかけると届くようになります）",
        "no conversation with {target} yet (it becomes reachable once they message the bot)",
    ),
    "teams.delivery.forbidden": (
        "ボットが会話 {conversation} に参加していません（403）",
        "the bot is not a member of conversation {conversation} (403)",
    ),
    "teams.delivery.throttled": (
        "Bot Connector が混雑しています（429、{after} 秒後に再試行）",
        "the Bot Connector is throttling (429, retry after {after} s)",
    ),
    # --- the app package -----------------------------------------------------------------
    "teams.package.written": (
        "Teams アプリパッケージを作成しました：{path}",
        "Teams app package written: {path}",
    ),
    "teams.package.no_app_id": (
        "アプリID（MICROSOFT_APP_ID か [teams] app_id）がありません",
        "no app id (MICROSOFT_APP_ID or [teams] app_id)",
    ),
}
