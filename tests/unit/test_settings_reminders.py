"""[reminders] and [accounts.reminders]: defaults, overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.scheduling.reminders import ReminderPolicy
from handlers.bootstrap import build_app
from tests.unit.test_settings import REPO, config_error, load_text

TWO = '[[accounts]]\nid = "a"\n[[accounts]]\nid = "b"\n'


def test_defaults_without_the_tables(tmp_path: Path) -> None:
    settings = load_text(tmp_path, TWO)
    assert settings.default_reminders == ReminderPolicy()
    assert settings.default_reminders.before_wished_hours == 2
    assert settings.default_reminders.at_opening
    assert dict(settings.reminders) == {}


def test_global_and_per_account(tmp_path: Path) -> None:
    text = (
        "[reminders]\nbefore_wished_hours = 3\nat_opening = false\n"
        "escalate_after_hours = 6.5\nescalate_before_wished_hours = 0\n"
        '[[accounts]]\nid = "a"\n[accounts.reminders]\nescalate_after_hours = 2\n'
        '[[accounts]]\nid = "b"\n'
    )
    settings = load_text(tmp_path, text)
    glob = ReminderPolicy(3, False, 6.5, 0)
    assert settings.default_reminders == glob
    assert dict(settings.reminders) == {"a": ReminderPolicy(3, False, 2, 0)}


def test_the_example_file_documents_the_keys() -> None:
    from handlers.settings import load_settings

    settings = load_settings({}, REPO / "shonin.example.toml")
    assert settings.default_reminders == ReminderPolicy(2, True, 8, 1)
    assert dict(settings.reminders) == {"kokuraminami": ReminderPolicy(2, True, 4, 1)}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[reminders]\nbefore_wished = 2\n" + TWO, "reminders.before_wished"),
        ("[reminders]\nbefore_wished_hours = -1\n" + TWO, "reminders.before_wished_hours"),
        ("[reminders]\nbefore_wished_hours = 'two'\n" + TWO, "reminders.before_wished_hours"),
        ("[reminders]\nescalate_after_hours = true\n" + TWO, "reminders.escalate_after_hours"),
        ("[reminders]\nescalate_after_hours = 721\n" + TWO, "reminders.escalate_after_hours"),
        ("[reminders]\nat_opening = 1\n" + TWO, "reminders.at_opening"),
        (
            '[[accounts]]\nid = "a"\n[accounts.reminders]\nnope = 1\n',
            "accounts[0].reminders.nope",
        ),
        ("reminders = 3\n" + TWO, "reminders"),
    ],
)
def test_mistakes_name_the_key_in_both_languages(tmp_path: Path, text: str, key: str) -> None:
    error = config_error(tmp_path, text)
    assert error.key == key
    assert error.message_ja and error.message_en and error.message_ja != error.message_en


async def test_the_core_gets_the_policies(tmp_path: Path) -> None:
    text = (
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "db.sqlite"}"\n'
        "[reminders]\nescalate_after_hours = 3\n"
        '[[accounts]]\nid = "a"\n[accounts.reminders]\nat_opening = false\n'
    )
    settings = load_text(tmp_path, text)
    app = await build_app(settings)
    try:
        config = app.core.deps.config
        assert config.default_reminders.escalate_after_hours == 3
        assert config.reminders["a"] == ReminderPolicy(2, False, 3, 1)
    finally:
        await app.close()
