"""The message catalogue: both languages, matching placeholders, and every key the code uses."""

from __future__ import annotations

import inspect
import re
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chatbot import routing
from chatbot.domain.roles import Role
from chatbot.domain.states import Action, DraftState
from chatbot.i18n import CATALOGUE, label, t
from chatbot.i18n_catalogue import LABELS_AND_ERRORS
from chatbot.i18n_gate import GATE
from chatbot.i18n_help import HELP
from chatbot.i18n_messages import MESSAGES
from chatbot.i18n_policy2 import POLICY2
from chatbot.scheduling import planner

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p for d in ("chatbot", "handlers", "storage") for p in (ROOT / d).rglob("*.py")]
KEYS = sorted(CATALOGUE)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def literals(pattern: str) -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        if path.name.startswith("i18n"):
            continue
        found.update(re.findall(pattern, path.read_text(encoding="utf-8")))
    return found


def test_parts_do_not_silently_override_each_other() -> None:
    from chatbot.i18n_absence import ABSENCE
    from chatbot.i18n_language import LANGUAGE
    from chatbot.i18n_publishing import PUBLISHING
    from chatbot.i18n_reminders import REMINDERS
    from chatbot.i18n_serve import SERVE
    from chatbot.i18n_slack import SLACK
    from chatbot.i18n_teams import TEAMS

    parts = [set(LABELS_AND_ERRORS), set(MESSAGES), set(HELP), set(GATE), set(POLICY2)]
    others = (PUBLISHING, SLACK, TEAMS, SERVE, REMINDERS, LANGUAGE, ABSENCE)
    parts.extend(set(part) for part in others)
    assert sum(len(p) for p in parts) == len(CATALOGUE)


@pytest.mark.parametrize("key", KEYS)
def test_both_languages_present_and_non_empty(key: str) -> None:
    entry = CATALOGUE[key]
    assert len(entry) == 2
    ja, en = entry
    assert ja.strip() and en.strip()


@pytest.mark.parametrize("key", [k for k in KEYS if k != "raw"])  # raw: {ja} / {en} by design
def test_placeholders_match_between_languages(key: str) -> None:
    ja, en = CATALOGUE[key]
    assert placeholders(ja) == placeholders(en)


@pytest.mark.parametrize("key", [k for k in KEYS if k != "raw"])
def test_japanese_text_is_japanese(key: str) -> None:
    ja, en = CATALOGUE[key]
    # full-width punctuation counts: some templates are only placeholders and 「」（）：
    assert re.search(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]", ja), ja
    assert not re.search(r"[\u3040-\u309f]", en), en  # no hiragana in English text


def test_every_error_key_in_the_code_exists() -> None:
    used = literals(r"[\"'](error\.[a-z_]+)[\"']")
    assert "error.own_draft" in used  # the scan itself works
    assert sorted(used - set(CATALOGUE)) == []


def test_every_message_key_in_the_code_exists() -> None:
    pattern = r"[\"']((?:note|reply|usage|help|card|button|hold)\.[a-z_]+)[\"']"
    used = literals(pattern)
    assert "note.fyi_moved" in used
    assert sorted(used - set(CATALOGUE)) == []


@pytest.mark.parametrize("state", list(DraftState))
def test_every_state_has_a_label(state: DraftState) -> None:
    assert label("state", state.value, "ja") != state.value
    assert label("state", state.value, "en")


def test_every_action_role_and_severity_has_a_label() -> None:
    for kind, values in (
        ("action", [a.value for a in Action]),
        ("role", [r.value for r in Role]),
        ("severity", ["block", "warn", "info"]),
        ("verdict", ["pass", "warn", "block"]),
        ("decision", ["approve", "request_changes", "decline", "confirm"]),
    ):
        for value in values:
            assert f"{kind}.{value}" in CATALOGUE, (kind, value)


def test_every_routing_reason_has_a_label() -> None:
    reasons = set(re.findall(r'"([a-z_]+)"', inspect.getsource(routing._why_nobody)))
    assert "both_absent" in reasons and len(reasons) >= 7
    assert sorted(r for r in reasons if f"reason.{r}" not in CATALOGUE) == []


def test_every_hold_reason_has_labels() -> None:
    reasons = set(re.findall(r'return "([a-z_]+)"', inspect.getsource(planner.hold_reason)))
    assert reasons == {"suspended", "outside_hours"}
    for reason in reasons:
        assert f"hold.{reason}" in CATALOGUE


def test_button_labels_for_every_card_button() -> None:
    from chatbot.actions import ACTIONS, done_key

    for action in ACTIONS.values():
        assert action.label_key == f"button.{action.id}" and action.label_key in CATALOGUE
        assert done_key(action.id) in CATALOGUE


# --- rendering ----------------------------------------------------------------------------------


def test_render_localises_labels_and_dates() -> None:
    at = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
    ja = t("error.illegal_transition", "ja", draft="d2", state="approved", action="approve")
    assert ja == "この投稿案（d2）は「承認済み」のため、承認できません。"
    en = t("error.illegal_transition", "en", draft="d2", state="approved", action="approve")
    assert en == "Draft d2 is approved; it cannot approve now."
    assert "12月7日(月) 10:00" in t("note.scheduled", "ja", at=at)
    assert "7 Dec" in t("note.scheduled", "en", at=at)


def test_render_reason_codes() -> None:
    text = t("note.approver_unavailable", "en", draft="d1", reason_code="both_absent")
    assert text == "Draft d1 is waiting: the officer and deputy are both absent."


def test_render_verdict_given_as_key_or_value() -> None:
    assert t("reply.check_header", "ja", verdict="verdict.block").endswith("要修正の指摘あり")
    assert t("reply.check_header", "en", verdict="pass").endswith("no findings")


def test_unknown_error_key_falls_back_to_the_generic_error() -> None:
    assert t("error.never_defined", "ja") == CATALOGUE["error.domain"][0]
    assert t("error.never_defined", "en") == CATALOGUE["error.domain"][1]


def test_missing_argument_does_not_raise() -> None:
    assert t("note.withdrawn", "en") == CATALOGUE["note.withdrawn"][1]
