"""Usage errors of the `shonin` command line: exit 64, in the language the user chose."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from handlers.cli_usage import translate, usage_locale

JAPANESE = {
    ("frob",): "は選べません",
    ("check", "--format", "xml"): "'xml' は選べません（'text', 'json' のいずれか）",
    ("serve", "--port", "abc"): "'abc' は整数として読めません",
    ("check", "--account", "a", "--pack", "b"): "同時に指定できません",
    ("check", "--publish-at", "nope"): "日時として読めません：nope",
    ("audit",): "次の引数が必要です：{verify,export}",
    ("policy",): "次の引数が必要です：{lint,list}",
    ("--bogus",): "解釈できない引数です：--bogus",
    ("check", "--media"): "--media：値を1つ以上指定してください",
}


def shonin(args: tuple[str, ...], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-m", "handlers.cli", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environ,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.parametrize(("args", "expected"), list(JAPANESE.items()))
def test_usage_errors_are_japanese_by_default(
    args: tuple[str, ...], expected: str, tmp_path: Path
) -> None:
    done = shonin(args, tmp_path)
    assert done.returncode == 64
    assert done.stderr.startswith("使い方: shonin")
    assert "エラー: " in done.stderr and expected in done.stderr
    assert "error:" not in done.stderr and "usage:" not in done.stderr


def test_english_when_the_locale_says_so(tmp_path: Path) -> None:
    done = shonin(("serve", "--port", "abc"), tmp_path, SHONIN_LOCALE="en")
    assert done.returncode == 64
    assert done.stderr.startswith("usage: shonin serve")
    assert "shonin serve: error: argument --port: invalid int value: 'abc'" in done.stderr
    assert "エラー" not in done.stderr and "使い方" not in done.stderr


def test_the_config_file_and_lang_flag_choose_the_language(tmp_path: Path) -> None:
    (tmp_path / "shonin.toml").write_text('[ui]\nlocale = "en"\n', encoding="utf-8")
    assert "error: unrecognized arguments: --bogus" in shonin(("--bogus",), tmp_path).stderr
    done = shonin(("check", "--lang", "ja", "--format", "xml"), tmp_path)
    assert "'xml' は選べません" in done.stderr


def test_usage_locale_never_fails_on_a_bad_config(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_bytes(b"\xff\xfe[ui\n")
    assert usage_locale(["--config", str(broken)], {}) == "ja"
    assert usage_locale(["--config", str(tmp_path)], {}) == "ja"  # a folder
    assert usage_locale([], {"SHONIN_LOCALE": "en_US"}) == "en"
    assert usage_locale([], {"SHONIN_LOCALE": "fr"}) == "ja"
    assert usage_locale(["--lang=en"], {"SHONIN_LOCALE": "ja"}) == "en"


def test_an_unknown_message_is_shown_as_argparse_wrote_it() -> None:
    assert translate("something new happened", "ja") == "something new happened"
    assert translate("argument --x: something new", "ja") == "--x：something new"
    assert translate("unrecognized arguments: --y", "en") == "unrecognized arguments: --y"


def test_help_follows_the_language_too(tmp_path: Path) -> None:
    japanese = shonin(("check", "--help"), tmp_path)
    assert japanese.returncode == 0 and japanese.stdout.startswith("使い方: shonin check")
    assert "オプション / options" in japanese.stdout
    english = shonin(("check", "--help"), tmp_path, SHONIN_LOCALE="en")
    assert english.stdout.startswith("usage: shonin check")
