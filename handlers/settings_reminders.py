"""The [reminders] table and each account's [accounts.reminders]: reminders and escalation."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from chatbot.scheduling.reminders import ReminderPolicy
from handlers.settings_values import Table

KEYS = ("before_wished_hours", "at_opening", "escalate_after_hours", "escalate_before_wished_hours")
MAX_HOURS = 720  # 30 days of round-the-clock office time: anything above is a typo


def _hours(table: Table, name: str, default: float) -> float:
    value = table.data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise table.fail(
            name, "数値（業務時間の時間数）を指定してください", "must be a number of office hours"
        )
    if not 0 <= value <= MAX_HOURS:
        raise table.fail(
            name,
            f"0 から {MAX_HOURS} の間で指定してください（0 で無効）",
            f"must be between 0 and {MAX_HOURS} (0 turns it off)",
        )
    return float(value)


def _policy(table: Table, base: ReminderPolicy) -> ReminderPolicy:
    table.only(KEYS)
    return replace(
        base,
        before_wished_hours=_hours(table, "before_wished_hours", base.before_wished_hours),
        at_opening=table.flag("at_opening", base.at_opening),
        escalate_after_hours=_hours(table, "escalate_after_hours", base.escalate_after_hours),
        escalate_before_wished_hours=_hours(
            table, "escalate_before_wished_hours", base.escalate_before_wished_hours
        ),
    )


def parse_reminders(root: Table) -> tuple[ReminderPolicy, dict[str, ReminderPolicy]]:
    """The global policy and, per account id, the account's own (global keys it leaves out)."""
    default = _policy(root.sub("reminders"), ReminderPolicy())
    per_account: dict[str, ReminderPolicy] = {}
    raw = root.data.get("accounts", [])
    if not isinstance(raw, list):
        return default, per_account  # parse_accounts explains what is wrong
    for index, item in enumerate(cast(list[object], raw)):
        if not isinstance(item, dict) or "reminders" not in item:
            continue
        account = Table(cast(dict[str, object], item), f"accounts[{index}].", root.file)
        per_account[str(item.get("id", ""))] = _policy(account.sub("reminders"), default)
    return default, per_account
