"""`shonin audit verify` finds edits and deletions; `shonin audit export` writes Excel-ready CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import sqlite3
from pathlib import Path

import pytest

from handlers.cli import console, main
from handlers.settings import load_settings
from tests.fakes.images import jpeg

JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
SCRIPT = """\
clock 2026-12-01T09:00+09:00
as staff
post --media photo.jpg -- 12月の展示のお知らせです
as officer
click approve last
/shonin absent 12/3 12/4 出張
"""


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with a few days of history, made through the console as a person would."""
    path = tmp_path / "shonin.db"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "photo.jpg").write_bytes(jpeg())
    monkeypatch.delenv("SHONIN_CONFIG", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    # The clock is moved, so the history is written through the sandbox's console on this file.
    out = io.StringIO()
    code = asyncio.run(console(load_settings(), io.StringIO(SCRIPT), out, sandbox=True))
    assert code == 0, out.getvalue()
    return path


def _verify(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["audit", "verify"])
    return code, capsys.readouterr().out


def test_intact_log_verifies(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code, out = _verify(capsys)
    assert code == 0, out
    assert "改ざん・削除は検出されませんでした" in out


def test_an_edited_entry_is_detected(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(database) as db:
        db.execute("UPDATE audit_entries SET actor = 'console:someone' WHERE seq = 3")
    capsys.readouterr()
    code, out = _verify(capsys)
    assert code == 1
    assert "連番 3：書き込まれた後に内容が変更されています" in out
    assert "（1 件の問題）" in out


def test_verify_follows_the_configured_language(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHONIN_LOCALE", "en")
    capsys.readouterr()
    code, out = _verify(capsys)
    assert code == 0 and out.startswith("OK: ") and "audit entries" in out
    with sqlite3.connect(database) as db:
        db.execute("UPDATE audit_entries SET actor = 'console:someone' WHERE seq = 3")
        db.execute("UPDATE revisions SET caption = 'edited'")
    code, out = _verify(capsys)
    assert code == 1
    assert "(2 problems)" in out
    assert "seq 3: content changed after it was written" in out
    assert "caption, images or wished time changed" in out
    assert not JAPANESE.search(out), out
    with sqlite3.connect(database) as db:
        db.execute("UPDATE revisions SET caption = '12月の展示のお知らせです'")
    code, out = _verify(capsys)
    assert "(1 problem)." in out  # singular


def test_a_deleted_last_entry_is_detected(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM audit_entries WHERE seq = (SELECT max(seq) FROM audit_entries)")
    capsys.readouterr()
    code, out = _verify(capsys)
    assert code == 1
    assert "記録上は" in out and "（記録の削除または追加）" in out


def test_a_deleted_middle_entry_is_detected(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM audit_entries WHERE seq = 2")
    capsys.readouterr()
    code, out = _verify(capsys)
    assert code == 1
    assert "連番 3" in out  # the entry after the gap no longer chains


def test_export_csv_for_excel(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    assert main(["audit", "export", "--format", "csv", "-o", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    actions = [row["action"] for row in rows]
    assert "draft.submitted" in actions and "draft.approved" in actions
    assert "absence.set" in actions
    assert any("出張" in row["details"] for row in rows)
    approved = next(row for row in rows if row["action"] == "draft.approved")
    assert approved["actor"] == "console:officer"
    assert len(approved["revision_hash"]) == 64 and approved["pack_version"]


def test_unknown_audit_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["audit", "shred"])
    assert raised.value.code == 64


def test_an_edited_caption_is_named(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(database) as db:
        (draft,) = db.execute("SELECT draft_id FROM revisions").fetchone()
        db.execute("UPDATE revisions SET caption = '別の本文です'")
    capsys.readouterr()
    code, out = _verify(capsys)
    assert code == 1
    assert f"投稿案 {draft} の第1版" in out


def test_a_swapped_image_is_named(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [stored] = [p for p in (tmp_path / "media").rglob("*.jpg")]
    stored.write_bytes(jpeg((1080, 1350)))
    capsys.readouterr()
    code, out = _verify(capsys)
    assert code == 1
    assert "が画像の保存先で変更されています" in out
