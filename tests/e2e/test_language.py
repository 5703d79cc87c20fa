"""Everything a person reads follows the chosen language (issue 7): the console and the CLI are
driven under English and Japanese, and no text of the other language leaks into what they print.

The only Japanese allowed in English output is data the user gave (captions, account names from
the configuration); English text in Japanese output is checked against the catalogue's English.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
import sqlite3
from pathlib import Path

import pytest

from chatbot.i18n import CATALOGUE
from handlers.cli import console, main
from handlers.settings import load_settings
from tests.fakes.images import image_bytes, jpeg

JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")

SESSION = """\
clock 2026-12-01T09:00+09:00
as staff
post --at "2026-12-07 10:00" --media @photo.jpg -- {clean}
post --media @gps.jpg -- {risky}
as officer
click approve last
click approve dnotthere
click reject last please fix the contact
as staff
post --at "12/8 3:00" --media @photo.jpg -- {clean}
as officer
click approve last
/shonin queue
/shonin absent 12/3 12/4 {reason}
/shonin absent status
/shonin absent 11/30
/shonin roles
/shonin check {risky}
/shonin suspend {reason}
/shonin resume
frobnicate
clock 2026-12-07T10:00+09:00
run-due
/shonin home
show last
"""
TEXTS = {
    "en": {
        "clean": "Art exhibition on 7 December at the city museum. Free entry.",
        "risky": "Call 090-1234-5678 for tickets",
        "reason": "training",
    },
    "ja": {
        "clean": "12月7日(月)10:00から作品展を開催します。入場無料です。",
        "risky": "チケットは090-1234-5678まで",
        "reason": "研修",
    },
}


def _env(tmp_path: Path, locale: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/shonin.db",
        "SHONIN_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SHONIN_MEDIA_DIR": str(tmp_path / "media"),
        "SHONIN_LOCALE": locale,
    }


def _session(tmp_path: Path, locale: str) -> tuple[str, list[str]]:
    """Run the piped session; returns what the bot printed and the data that may be echoed."""
    (tmp_path / "photo.jpg").write_bytes(jpeg())
    (tmp_path / "gps.jpg").write_bytes(image_bytes("JPEG", gps=True))
    texts = TEXTS[locale]
    script = SESSION.format(**texts).replace("@", f"{tmp_path}/")
    settings = load_settings(environ=_env(tmp_path, locale), path=None)
    out = io.StringIO()
    asyncio.run(console(settings, io.StringIO(script), out, sandbox=True))
    printed = [line for line in out.getvalue().splitlines() if not line.startswith("> ")]
    data = [a.display_name for a in settings.accounts]
    return "\n".join(printed), data


def _without(text: str, data: list[str]) -> str:
    for item in data:
        text = text.replace(item, "")
    return text


def _english_sentences() -> list[str]:
    """Fixed English pieces of the catalogue (before the first placeholder), long enough to be
    words a person reads rather than a label shared by both languages."""
    pieces = []
    for ja, en in CATALOGUE.values():
        head = en.split("{", 1)[0].strip()
        if len(head) >= 12 and " " in head and head not in ja:
            pieces.append(head)
    return pieces


def test_an_english_console_session_prints_no_japanese(tmp_path: Path) -> None:
    printed, data = _session(tmp_path, "en")
    leaks = [line for line in _without(printed, data).splitlines() if JAPANESE.search(line)]
    assert leaks == [], "\n".join(leaks)
    # and it did say things: the session went through the whole flow
    assert "please review draft" in printed and "Absence set for" in printed
    assert "outside operating hours" in printed  # the 3:00 wished time was told at posting
    assert "has already passed this year" in printed
    assert "state=changes_requested (sent back)" in printed


def test_a_japanese_console_session_prints_no_english_sentences(tmp_path: Path) -> None:
    printed, _ = _session(tmp_path, "ja")
    leaks = [piece for piece in _english_sentences() if piece in printed]
    assert leaks == []
    assert "承認をお願いします" in printed and "不在を登録しました" in printed
    assert "state=changes_requested（差し戻し）" in printed


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SHONIN_CONFIG", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/shonin.db")
    monkeypatch.setenv("SHONIN_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setenv("SHONIN_MEDIA_DIR", str(tmp_path / "media"))
    (tmp_path / "photo.jpg").write_bytes(jpeg())
    (tmp_path / "caption.txt").write_text("Call 090-1234-5678 for tickets\n", "utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "bad.yml").write_text("name: bad\nextends: kokuraminami\ncolour: red\n", "utf-8")
    (tmp_path / "folder").mkdir()
    return tmp_path


COMMANDS = [
    ["db", "upgrade"],
    ["run-due"],
    ["audit", "verify"],
    ["check", "caption.txt"],
    ["check", "missing.txt"],
    ["check", "latin1.txt"],
    ["check", "folder"],
    ["check", "caption.txt", "--media", "missing.jpg"],
    ["check", "--account", "nowhere", "caption.txt"],
    ["check", "--pack", "nope", "caption.txt"],
    ["policy", "lint", "bad.yml"],
    ["policy", "lint", "nope"],
    ["policy", "lint", "kokuraminami"],
    ["policy", "list"],
]


def _run_all(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    said = {}
    for argv in COMMANDS:
        with contextlib.suppress(SystemExit):
            main(argv)
        out, err = capsys.readouterr()
        said[" ".join(argv)] = out + err
    return said


def test_the_cli_follows_an_english_locale(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHONIN_LOCALE", "en")
    said = _run_all(capsys)
    for command, text in said.items():
        if command == "policy list":
            continue  # pack titles are the packs' own (Japanese) names
        assert not JAPANESE.search(text), f"{command}: {text}"
    assert said["db upgrade"].startswith("Database upgraded: ")
    assert said["run-due"].splitlines() == [
        "published 0, failed 0, expired 0, rerouted 0, held 0",
        "reminders sent: 0, escalated: 0",
    ]
    assert said["check missing.txt"].strip() == "Cannot read missing.txt: no such file"
    assert "it is a folder" in said["check folder"]
    assert "missing.jpg: no such file" in said["check caption.txt --media missing.jpg"]
    assert "is not UTF-8 text" in said["check latin1.txt"]
    assert "colour: unknown key" in said["policy lint bad.yml"]
    assert "unknown pack: nope" in said["policy lint nope"]
    assert "Verdict" in said["check caption.txt"]


def test_the_cli_follows_a_japanese_locale(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHONIN_LOCALE", "ja")
    said = _run_all(capsys)
    english = _english_sentences()
    for command, text in said.items():
        assert not [p for p in english if p in text], f"{command}: {text}"
    assert said["db upgrade"].startswith("データベースを更新しました")
    assert said["run-due"].startswith("公開 0件")
    assert "ファイルがありません" in said["check missing.txt"]
    assert "colour: 不明なキーです" in said["policy lint bad.yml"]
    assert "パック nope はありません" in said["policy lint nope"]
    assert "No such file" not in "".join(said.values())  # no Python exception text


def test_an_explicit_lang_wins_over_the_locale(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHONIN_LOCALE", "en")
    main(["check", "missing.txt", "--lang", "ja"])
    assert "ファイルがありません" in capsys.readouterr().err


def test_audit_problems_in_english(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHONIN_LOCALE", "en")
    main(["db", "upgrade"])
    settings = load_settings()
    out = io.StringIO()
    script = "as staff\npost --media photo.jpg -- Our December exhibition\n"
    asyncio.run(console(settings, io.StringIO(script), out))
    with sqlite3.connect(cli_env / "shonin.db") as db:
        db.execute("UPDATE audit_entries SET actor = 'console:someone' WHERE seq = 2")
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1
    printed = capsys.readouterr().out
    assert "(1 problem)." in printed
    assert "seq 2: content changed after it was written" in printed
    assert not JAPANESE.search(printed)
