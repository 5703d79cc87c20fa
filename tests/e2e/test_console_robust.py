"""Bad input through the real `shonin` command, as a person or a script drives it (issue 7)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def shonin(
    args: list[str], cwd: Path, stdin: bytes | str = b"", **env: str
) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SHONIN_", "DATABASE_URL"))}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "handlers.cli", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env={**base, **env},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("word", "ja", "en"),
    [
        ("garbage", "設定（shonin.toml）にない利用者", "is not a user in the configuration"),
        ("slack:garbage", "Slack の利用者IDではない", "slack:U0123ABCD"),
        ("teams:29:abc", "Teams の利用者IDではない", "teams:00000000-0000-0000-0000-000000000000"),
    ],
)
def test_roles_set_refuses_unknown_users_and_changes_nothing(
    tmp_path: Path, word: str, ja: str, en: str
) -> None:
    for locale, expected in (("ja", ja), ("en", en)):
        script = f"as admin\n/shonin roles set deputy {word}\n/shonin roles\n"
        result = shonin(["shell"], tmp_path, script, SHONIN_LOCALE=locale)
        out = result.stdout.decode()
        assert result.returncode == 1, out  # a refused command: the script can tell
        assert expected in out and "Traceback" not in out + result.stderr.decode()
        assert f"deputy {word}" not in out.split("> /shonin roles\n")[1]
    with sqlite3.connect(tmp_path / "shonin.db") as db:
        assert not [
            r for r in db.execute("SELECT 1 FROM audit_entries WHERE action = 'roles.changed'")
        ]


def test_roles_set_accepts_a_slack_id(tmp_path: Path) -> None:
    script = "as admin\n/shonin roles set deputy slack:U0123ABCD\n"
    result = shonin(["shell"], tmp_path, script)
    assert result.returncode == 0, result.stdout.decode()
    with sqlite3.connect(tmp_path / "shonin.db") as db:
        changed = list(db.execute("SELECT details FROM audit_entries WHERE action='roles.changed'"))
    assert len(changed) == 1 and "slack:U0123ABCD" in changed[0][0]


STRICT_LOCALES = [{}, {"LC_ALL": "C"}, {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"}]


@pytest.mark.parametrize("env", STRICT_LOCALES)
def test_bytes_that_are_not_utf8_are_refused_and_the_session_goes_on(
    tmp_path: Path, env: dict[str, str]
) -> None:
    script = "\ufeffas officer\n".encode() + b"post \xff\xfe\x81 caption\n" + b"/shonin queue\n"
    result = shonin(["shell"], tmp_path, script, SHONIN_LOCALE="en", **env)
    out, err = result.stdout.decode("ascii", "replace"), result.stderr.decode("ascii", "replace")
    assert result.returncode == 1, out + err  # one line was refused: a script can tell
    assert "Traceback" not in out + err
    assert "> as officer\n(as console:officer)" in out  # the BOM did not spoil the first command
    assert "is not UTF-8 text and was skipped" in out
    assert "> /shonin queue" in out  # the session went on
    with sqlite3.connect(tmp_path / "shonin.db") as db:
        assert list(db.execute("SELECT count(*) FROM drafts")) == [(0,)]


def test_escapes_and_controls_never_reach_the_terminal(tmp_path: Path) -> None:
    script = (
        "as staff\n"
        "post \x1b[2J\x1b]0;owned\x07見出し\x08\x00 \u202eevil\n"
        "frobnicate\x1b[31m\n"
        "post \u200b\u200d\u2060\ufeff\u00ad\n"
    )
    result = shonin(["shell"], tmp_path, script)
    out = result.stdout.decode()
    assert result.returncode == 1, out
    for control in ("\x1b", "\x07", "\x08", "\x00", "\u202e", "\u200b"):
        assert control not in out, repr(control)
    assert "見出し evil" in out
    assert "本文か画像のどちらかが必要です" in out  # only invisible characters: an empty caption
    with sqlite3.connect(tmp_path / "shonin.db") as db:
        captions = [row[0] for row in db.execute("SELECT caption FROM revisions")]
    assert captions == ["見出し evil"]


@pytest.mark.parametrize(
    ("line", "example"),
    [
        ('post --media "a photo.jpg -- 展示', "post --media"),
        ('post --at "12/1 10:00 -- 展示', "post --media"),
    ],
)
def test_an_unclosed_quote_is_named(tmp_path: Path, line: str, example: str) -> None:
    for locale, said in (("ja", "引用符"), ("en", "quotation mark")):
        result = shonin(["shell"], tmp_path, line + "\n", SHONIN_LOCALE=locale)
        out = result.stdout.decode()
        assert result.returncode == 1 and said in out and example in out, out


@pytest.mark.parametrize("env", STRICT_LOCALES)
def test_shonin_check_refuses_bytes_that_are_not_utf8(tmp_path: Path, env: dict[str, str]) -> None:
    bad = tmp_path / "caption.txt"
    bad.write_bytes(b"\x93\xfa\x96\x7b\x8c\xea")  # Shift_JIS, not UTF-8
    by_file = shonin(["check", "--lang", "en", str(bad)], tmp_path, **env)
    by_stdin = shonin(["check", "--lang", "en", "-"], tmp_path, bad.read_bytes(), **env)
    for result, name in ((by_file, str(bad)), (by_stdin, "standard input")):
        err = result.stderr.decode()
        assert result.returncode == 65, err
        assert f"{name} is not UTF-8 text; save it as UTF-8." in err
        assert "Traceback" not in err and not result.stdout


@pytest.mark.parametrize("env", STRICT_LOCALES)
def test_shonin_check_reads_utf8_with_a_bom_under_any_locale(
    tmp_path: Path, env: dict[str, str]
) -> None:
    caption = "展示のお知らせです。お問い合わせは090-1234-5678まで"
    text = ("\ufeff" + caption).encode()
    result = shonin(["check", "--lang", "en", "--format", "json", "-"], tmp_path, text, **env)
    assert result.returncode == 2, result.stderr.decode()
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["start"] == caption.index("090")  # offsets count from after the BOM


def test_shonin_check_prints_no_escape_from_the_caption(tmp_path: Path) -> None:
    caption = tmp_path / "caption.txt"
    caption.write_text(
        "\x1b[2Jお問い合わせは090-1234-5678\u202e\x1b[31mまで\x07\n注意\x1b]0;owned\x07", "utf-8"
    )
    result = shonin(["check", "--lang", "en", str(caption)], tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 2, out + result.stderr.decode()
    assert "[[090-1234-5678]]まで" in out
    for control in ("\x1b", "\x07", "\u202e"):
        assert control not in out, repr(control)


def test_console_users_named_in_the_config_may_hold_a_role(tmp_path: Path) -> None:
    (tmp_path / "shonin.toml").write_text(
        '[users."console:alice"]\nlocale = "en"\n'
        '[[accounts]]\nid = "office"\n'
        '[accounts.roles]\nofficer = "console:boss"\nadmins = ["console:admin"]\n'
        'staff = ["console:bob"]\n',
        "utf-8",
    )
    script = (
        "as admin\n"
        "/shonin roles set deputy alice\n"
        "/shonin roles set admin console:bob\n"
        "/shonin roles set staff console:carol\n"
    )
    result = shonin(["shell"], tmp_path, script, SHONIN_LOCALE="en")
    out = result.stdout.decode()
    assert result.returncode == 1, out  # carol is nowhere in the configuration
    assert out.count("! ") == 1 and "console:carol is not a user in the configuration" in out
    assert "console:admin, console:alice, console:bob, console:boss" in out  # who is configured
    with sqlite3.connect(tmp_path / "shonin.db") as db:
        changed = [
            r[0]
            for r in db.execute("SELECT details FROM audit_entries WHERE action='roles.changed'")
        ]
    assert len(changed) == 2 and "console:alice" in changed[0] and "console:bob" in changed[1]
