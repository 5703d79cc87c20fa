"""`shonin check` and `shonin policy`, run in-process with StringIO."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CheckResult
from handlers import cli
from handlers.cli_policy import (
    add_check_parser,
    add_policy_parser,
    run_check,
    run_policy,
)
from handlers.cli_usage import UsageErrorParser, set_usage_locale

ACCOUNTS = {"artistspot": "kumamoto-artistspot", "kokuraminami": "kokuraminami"}


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def parser() -> argparse.ArgumentParser:
    top = UsageErrorParser(prog="shonin")
    sub = top.add_subparsers(dest="command", required=True, parser_class=UsageErrorParser)
    add_check_parser(sub)
    add_policy_parser(sub)
    return top


def check(
    argv: list[str],
    stdin: str = "",
    stdout: io.StringIO | None = None,
    no_color: bool | None = None,
) -> tuple[int, str, str]:
    out, err = stdout or io.StringIO(), io.StringIO()
    args = parser().parse_args(["check", *argv])
    code = run_check(
        args, ACCOUNTS, "kumamoto-artistspot", io.StringIO(stdin), out, err, no_color=no_color
    )
    return code, out.getvalue(), err.getvalue()


def test_clean_caption_from_stdin_passes() -> None:
    code, out, _ = check([], stdin="12月5日、花畑広場でミニライブを開催します。入場無料です。")
    assert code == 0
    assert "問題なし" in out and "kumamoto-artistspot" in out


def test_json_output_has_the_documented_shape_and_exit_2_for_block(tmp_path: Path) -> None:
    caption = tmp_path / "draft.txt"
    caption.write_text("この資料は部外秘です。", "utf-8")
    code, out, _ = check(["--account", "kokuraminami", "--format", "json", str(caption)])
    assert code == 2
    body = json.loads(out)
    assert body["verdict"] == "block"
    assert set(body["pack"]) == {"name", "version"} and body["pack"]["name"] == "kokuraminami"
    [finding] = body["findings"]
    assert set(finding) == {
        "category", "rule", "severity", "clause", "start", "end", "excerpt", "message"
    }  # fmt: skip
    assert (finding["category"], finding["clause"], finding["excerpt"]) == (
        "confidential",
        "3(12)",
        "部外秘",
    )


def test_text_output_shows_severity_word_clause_and_highlighted_excerpt() -> None:
    code, out, _ = check(["--lang", "en"], stdin="Hello. 個人的には反対です。")
    assert code == 1
    assert "[please check]" in out and "clause 2(1)" in out
    assert "[[個人的には]]" in out and "\033[" not in out


def test_colour_only_on_a_terminal_without_no_color() -> None:
    _, out, _ = check([], stdin="部外秘", stdout=Tty())
    assert "\033[7m部外秘\033[0m" in out and "要修正" in out
    _, out, _ = check([], stdin="部外秘", stdout=Tty(), no_color=False)
    assert "\033[7m部外秘\033[0m" in out
    _, out, _ = check([], stdin="部外秘", stdout=Tty(), no_color=True)
    assert "\033[" not in out and "[[部外秘]]" in out


@pytest.mark.parametrize(("no_color", "coloured"), [("", True), ("1", False)])
def test_shonin_check_takes_no_color_from_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_color: str, coloured: bool
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./shonin.toml: the demo accounts
    monkeypatch.delenv("SHONIN_CONFIG", raising=False)
    monkeypatch.setenv("NO_COLOR", no_color)
    out = Tty()
    monkeypatch.setattr("sys.stdin", io.StringIO("部外秘"))
    monkeypatch.setattr("sys.stdout", out)
    assert cli.main(["check"]) == 2
    assert ("\033[7m部外秘\033[0m" in out.getvalue()) is coloured


def test_pack_path_and_media(tmp_path: Path) -> None:
    image = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (32.0, 48.0, 1.0)})
    Image.new("RGB", (1080, 1080)).save(image, "JPEG", exif=exif.tobytes())
    pack = Path(__file__).parents[2] / "chatbot/policy/packs/kokuraminami.yml"
    code, out, _ = check(
        ["--pack", str(pack), "--format", "json", "--media", str(image), "--", "-"], "写真展"
    )
    assert code == 2
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["media.location"]


@pytest.mark.parametrize(
    "argv",
    [["--account", "nobody"], ["--pack", "no-such-pack"], ["--pack", "/nowhere/x.yml"]],
)
def test_unknown_account_or_pack_is_a_usage_error(argv: list[str]) -> None:
    code, out, err = check(argv, stdin="x")
    assert code == 64 and out == "" and err


def test_bad_flags_exit_64_not_argparse_s_2(capsys: pytest.CaptureFixture[str]) -> None:
    set_usage_locale("ja")
    for argv in (["check", "--format", "xml"], ["check", "--nope"], ["policy"]):
        with pytest.raises(SystemExit) as exc:
            parser().parse_args(argv)
        assert exc.value.code == 64
    assert "使い方" in capsys.readouterr().err


def test_unreadable_inputs_exit_65(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\xe9".encode("latin-1"))
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"PK\x03\x04" + bytes(40))
    assert check([str(tmp_path / "missing.txt")])[0] == 65
    code, _, err = check([str(latin1)])
    assert code == 65 and "UTF-8" in err
    code, _, err = check(["--media", str(fake), "--", "-"], stdin="x")
    assert code == 65 and "zip" in err


def test_policy_lint_and_list(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_policy(parser().parse_args(["policy", "lint", "kokuraminami"]), out, err) == 0
    assert "kokuraminami" in out.getvalue()
    bad = tmp_path / "bad.yml"
    bad.write_text("name: bad\nextends: kokuraminami\ncolour: red\n", "utf-8")
    out = io.StringIO()
    assert run_policy(parser().parse_args(["policy", "lint", str(bad)]), out, err) == 1
    assert f"{bad}:3: colour: 不明なキーです" in out.getvalue()
    out = io.StringIO()
    english = parser().parse_args(["policy", "lint", str(bad), "--lang", "en"])
    assert run_policy(english, out, err) == 1
    assert f"{bad}:3: colour: unknown key" in out.getvalue()
    assert run_policy(parser().parse_args(["policy", "lint", "nope"]), io.StringIO(), err) == 64
    out = io.StringIO()
    assert run_policy(parser().parse_args(["policy", "list"]), out, err) == 0
    names = [line.split("\t")[0] for line in out.getvalue().splitlines()]
    assert names == ["kokuraminami", "kumamoto-artistspot"]


class _BrokenEngine(PolicyEngine):
    def check(self, *args: object, **kwargs: object) -> CheckResult:  # type: ignore[override]
        raise RuntimeError("Input is too long")


def test_an_internal_error_exits_70_with_a_message_never_a_verdict() -> None:
    out, err = io.StringIO(), io.StringIO()
    args = parser().parse_args(["check", "--lang", "en"])
    code = run_check(
        args, ACCOUNTS, "kumamoto-artistspot", io.StringIO("x"), out, err, engine=_BrokenEngine()
    )
    assert code == 70 and out.getvalue() == ""
    assert "internal error: RuntimeError" in err.getvalue() and "unchecked" in err.getvalue()


def test_publish_at_makes_a_past_event_date_a_warning() -> None:
    caption = "12月5日(土)に花畑広場でライブを開催します。"
    assert check([], stdin=caption)[0] == 0
    code, out, _ = check(["--publish-at", "2026-12-10T09:00", "--lang", "en"], stdin=caption)
    assert code == 1 and "2026-12-05 is before the scheduled publish date (2026-12-10)" in out


def test_a_bad_publish_at_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        parser().parse_args(["check", "--publish-at", "next friday"])
    assert exc.value.code == 64
