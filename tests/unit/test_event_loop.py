"""`shonin serve` / `shonin worker` run on uvloop where installed; the setting can turn it off."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest

from handlers import cli
from handlers.event_loop import loop_factory, loop_name
from handlers.settings import ConfigError, load_settings

uvloop = pytest.importorskip("uvloop")  # declared for every platform but Windows


def _without_uvloop(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine where uvloop is not installed (None in sys.modules: import fails)."""
    monkeypatch.setitem(sys.modules, "uvloop", None)
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None)


def test_the_setting_defaults_to_auto_and_reads_env_over_file(tmp_path: Path) -> None:
    path = tmp_path / "shonin.toml"
    path.write_text('[server]\nevent_loop = "asyncio"\n', encoding="utf-8")
    assert load_settings({}, path=None).event_loop == "auto"
    assert load_settings({}, path=path).event_loop == "asyncio"
    assert load_settings({"SHONIN_EVENT_LOOP": "UVLOOP"}, path=path).event_loop == "uvloop"


def test_a_bad_value_names_its_source_and_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings({"SHONIN_EVENT_LOOP": "trio"})
    text = str(raised.value)
    assert "SHONIN_EVENT_LOOP" in text and "auto / uvloop / asyncio" in text
    path = tmp_path / "shonin.toml"
    path.write_text("[server]\nevent_loop = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings({}, path=path)
    assert "event_loop" in str(raised.value)


def test_uvloop_asked_for_but_not_installed_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _without_uvloop(monkeypatch)
    with pytest.raises(ConfigError) as raised:
        load_settings({"SHONIN_EVENT_LOOP": "uvloop"})
    assert "uvloop is not installed" in str(raised.value)
    assert load_settings({"SHONIN_EVENT_LOOP": "auto"}).event_loop == "auto"


def test_the_factory_per_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert loop_factory("asyncio") is None
    for choice in ("auto", "uvloop"):
        factory = loop_factory(choice)
        assert factory is not None
        loop = factory()
        try:
            assert isinstance(loop, uvloop.Loop) and loop_name(loop) == "uvloop"
        finally:
            loop.close()
    _without_uvloop(monkeypatch)
    assert loop_factory("auto") is None  # falls back to asyncio's own loop
    with pytest.raises(ImportError):
        loop_factory("uvloop")


@pytest.mark.parametrize(
    ("command", "env", "expected"),
    [
        (["worker"], {}, "uvloop"),
        (["worker"], {"SHONIN_EVENT_LOOP": "asyncio"}, "asyncio"),
        (["serve"], {}, "uvloop"),
        (["db", "upgrade"], {}, "asyncio"),  # one-shot commands keep asyncio's loop
    ],
)
def test_the_cli_runs_serve_and_worker_on_the_chosen_loop(
    monkeypatch: pytest.MonkeyPatch, command: list[str], env: dict[str, str], expected: str
) -> None:
    seen: list[str] = []

    async def fake_main(args: Any, settings: Any) -> int:
        seen.append(loop_name(asyncio.get_running_loop()))
        return 0

    monkeypatch.setattr(cli, "_async_main", fake_main)
    monkeypatch.delenv("SHONIN_EVENT_LOOP", raising=False)
    monkeypatch.delenv("SHONIN_CONFIG", raising=False)
    monkeypatch.chdir(Path(__file__).parent)  # no shonin.toml here: built-in defaults
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli.main(command) == 0
    assert seen == [expected]
