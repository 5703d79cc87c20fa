"""Texts of the command line and the console that used to be English only (issue 7, Language).

Keys ending in ``.one`` are the English singular of the key without it (``t`` picks them when
``count`` is 1); Japanese has no plural, so both entries carry the same Japanese text.
"""

from __future__ import annotations

LANGUAGE: dict[str, tuple[str, str]] = {
    "cli.db_upgraded": ("データベースを更新しました：{url}", "Database upgraded: {url}"),
    "cli.audit_ok.one": (
        "OK：監査ログ {count} 件、改ざん・削除は検出されませんでした。",
        "OK: {count} audit entry, no edit or deletion detected.",
    ),
    "cli.audit_bad.one": (
        "NG：監査ログに改ざんまたは削除があります（{count} 件の問題）。",
        "FAILED: the audit log was edited or entries were deleted ({count} problem).",
    ),
    # `shonin audit verify`: what is wrong, entry by entry
    "audit.problem.time_back": (
        "連番 {seq}：時刻 {at} が直前の記録（{previous}）より前です。時計が戻されたか、"
        "記録が移動されています",
        "seq {seq}: time {at} is earlier than the entry before it ({previous}): the clock went "
        "back or entries were moved",
    ),
    "audit.problem.seq": (
        "連番 {seq}：{expected} のはずです（記録の欠落または移動）",
        "seq {seq}: expected {expected} (entry missing or moved)",
    ),
    "audit.problem.prev_hash": (
        "連番 {seq}：直前の記録のハッシュと一致しません（チェーンが切れています）",
        "seq {seq}: previous hash does not match (chain broken)",
    ),
    "audit.problem.changed": (
        "連番 {seq}：書き込まれた後に内容が変更されています",
        "seq {seq}: content changed after it was written",
    ),
    "audit.problem.head": (
        "記録上は {head_count} 件（末尾 {head_hash}）のはずが、実際は {count} 件"
        "（末尾 {last_hash}）です（記録の削除または追加）",
        "head records {head_count} entries ending in {head_hash}, found {count} ending in "
        "{last_hash} (entries deleted or added)",
    ),
    "audit.problem.revision_missing": (
        "連番 {seq}：投稿案 {draft} の第{revision}版がデータベースにありません",
        "seq {seq}: draft {draft} revision {revision}: missing from the database",
    ),
    "audit.problem.revision_changed": (
        "連番 {seq}：投稿案 {draft} の第{revision}版の本文・画像・希望日時が、記録の後で"
        "変更されています",
        "seq {seq}: draft {draft} revision {revision}: caption, images or wished time changed "
        "after approval records",
    ),
    "audit.problem.image_missing": (
        "連番 {seq}：投稿案 {draft} の第{revision}版の画像 {file} が画像の保存先にありません",
        "seq {seq}: draft {draft} revision {revision}: image {file} missing from the media store",
    ),
    "audit.problem.image_changed": (
        "連番 {seq}：投稿案 {draft} の第{revision}版の画像 {file} が画像の保存先で変更されています",
        "seq {seq}: draft {draft} revision {revision}: image {file} changed in the media store",
    ),
    # reading a file named on the command line
    "io.not_found": ("ファイルがありません", "no such file"),
    "io.permission": ("読み取りの権限がありません", "permission denied"),
    "io.is_directory": (
        "フォルダーです（ファイルを指定してください）",
        "it is a folder, not a file",
    ),
    "io.other": ("読み込めませんでした（{error}）", "it could not be read ({error})"),
    # `shonin policy lint`: one message per kind of problem in a pack file
    "lint.unknown_key": ("不明なキーです", "unknown key"),
    "lint.mapping": ("キーと値の組（マッピング）で書いてください", "must be a mapping"),
    "lint.list": ("リストで書いてください", "must be a list"),
    "lint.rule_mapping": ("ルールはキーと値の組で書いてください", "rule must be a mapping"),
    "lint.duplicate_id": ("ルールID {value} が重複しています", "duplicate rule id {value}"),
    "lint.needs_texts": ("ja と en の両方の文が必要です", "needs ja and en texts"),
    "lint.missing_text": ("文がありません", "missing text"),
    "lint.bad_regex": (
        "正規表現 {value} が正しくありません：{detail}",
        "bad regex {value}: {detail}",
    ),
    "lint.needs_phrases": (
        "lexicon ルールには phrases か patterns が必要です",
        "a lexicon rule needs phrases or patterns",
    ),
    "lint.non_negative": ("0 以上の整数にしてください", "must be a non-negative integer"),
    "lint.unknown_detector": ("不明な検出器 {value} です", "unknown detector {value}"),
    "lint.needs_kind": ("kinds を1つ以上指定してください", "needs at least one kind"),
    "lint.unknown_kind": (
        "検出器 {detector} に種類 {value} はありません",
        "unknown {detector} kind {value}",
    ),
    "lint.unknown_category": ("不明なカテゴリ {value} です", "unknown category {value}"),
    "lint.one_of": ("{value} のいずれかにしてください", "must be one of {value}"),
    "lint.missing": ("ありません（必須）", "missing"),
    "lint.circular": ("extends が循環しています", "circular extends"),
    "lint.missing_name": ("パックの名前（name）がありません", "missing pack name"),
    "lint.file_not_found": ("パックファイルがありません：{value}", "pack file not found: {value}"),
    "lint.unknown_pack": ("パック {value} はありません", "unknown pack: {value}"),
    "lint.invalid_pack": ("パック {value} に問題があります", "invalid pack: {value}"),
    # argparse's usage errors (handlers/cli_usage.py matches argparse's English and says it here)
    "argparse.usage": ("使い方: ", "usage: "),
    "argparse.error": ("{prog}: エラー: {message}", "{prog}: error: {message}"),
    "argparse.required": (
        "次の引数が必要です：{value}",
        "the following arguments are required: {value}",
    ),
    "argparse.unrecognized": ("解釈できない引数です：{value}", "unrecognized arguments: {value}"),
    "argparse.invalid_choice": (
        "{argument}：{value} は選べません（{choices} のいずれか）",
        "argument {argument}: invalid choice: {value} (choose from {choices})",
    ),
    "argparse.invalid_value": (
        "{argument}：{value} は{type}として読めません",
        "argument {argument}: invalid {type} value: {value}",
    ),
    "argparse.expected_one": (
        "{argument}：値を1つ指定してください",
        "argument {argument}: expected one argument",
    ),
    "argparse.expected_some": (
        "{argument}：値を1つ以上指定してください",
        "argument {argument}: expected at least one argument",
    ),
    "argparse.not_allowed_with": (
        "{argument} と {other} は同時に指定できません",
        "argument {argument}: not allowed with argument {other}",
    ),
    "argparse.one_of_required": (
        "{value} のいずれかを指定してください",
        "one of the arguments {value} is required",
    ),
    "argparse.ambiguous": (
        "{option} は {matches} のどれか分かりません（もっと長く書いてください）",
        "ambiguous option: {option} could match {matches}",
    ),
    "argparse.type.int": ("整数", "int"),
    "argparse.type.float": ("数値", "float"),
    "argparse.other": ("{argument}：{message}", "argument {argument}: {message}"),
    "argparse.bad_datetime": (
        "日時として読めません：{value}（例：2026-12-10T09:00）",
        "not an ISO date-time: {value} (e.g. 2026-12-10T09:00)",
    ),
    # the console's own lines
    "console.state": ("state={code}（{name}）", "state={code} ({name})"),
    "console.check_head": ("{verdict}（{pack} {version}）", "{verdict} ({pack} {version})"),
}
