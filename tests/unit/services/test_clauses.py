"""差し戻し / 却下 may cite a clause of the account's pack: checked, recorded, told, shown."""

from __future__ import annotations

import pytest

from chatbot import actions
from chatbot.cards import build_card, cited_clause
from chatbot.domain import commands as cmd
from chatbot.domain.errors import InvalidInput
from chatbot.services.decisions import cited_clause as resolve_clause
from chatbot.services.decisions import pack_clauses
from tests.unit.services.conftest import ACCOUNT, OFFICER, STAFF, World


async def _rows(world: World, draft_id: str) -> list[tuple[str, str, str, dict[str, object]]]:
    """What was sent (delivered inline by the world): (kind, target, text key, its arguments)."""
    return [
        (c.kind, c.target, c.text.key, c.text.args)
        for c in world.notifier.calls
        if c.text is not None
    ]


@pytest.mark.parametrize(
    ("command", "action", "key"),
    [
        (cmd.RequestChanges, "draft.changes_requested", "note.sent_back_author_clause"),
        (cmd.Decline, "draft.declined", "note.declined_author_clause"),
    ],
)
async def test_a_cited_clause_is_recorded_audited_and_told(
    world: World, command: type, action: str, key: str
) -> None:
    world.checker.clause_texts = {
        "3(7)": "本人の承諾なく個人情報を特定・開示・漏えいするなど、個人のプライバシーに関わる内容"
    }
    draft = await world.submit()
    await world.handle(command(OFFICER, draft.id, "氏名が写っています", "３（７）"))
    stored = await world.draft(draft.id)
    decision = stored.decisions[-1]
    assert (decision.clause, decision.reason) == ("3(7)", "氏名が写っています")
    assert decision.clause_text.startswith("本人の承諾なく")
    [entry] = [e for e in await world.audit() if e.record.action == action]
    assert entry.record.details["clause"] == "3(7)"
    assert str(entry.record.details["clause_text"]).startswith("本人の承諾なく")
    assert entry.record.details["reason"] == "氏名が写っています"
    # the author's message names the clause with a short title; the thread text too
    rows = await _rows(world, draft.id)
    [told] = [args for op, target, k, args in rows if op == "send_direct" and target == STAFF]
    assert told["clause"] == "3(7)"
    assert str(told["clause_title"]).startswith("本人の承諾なく")
    assert len(str(told["clause_title"])) <= 40
    assert any(k == key for _, _, k, _ in rows)
    [thread] = [args for op, _, k, args in rows if op == "post_text" and "clause" in args]
    assert thread["clause"] == "3(7)" and thread["reason"] == "氏名が写っています"
    # and the card shows it
    card = build_card(stored, world.deps.account(ACCOUNT))
    assert card.last_decision is not None and card.last_decision.clause == "3(7)"


@pytest.mark.parametrize("command", [cmd.RequestChanges, cmd.Decline])
async def test_an_unknown_clause_is_refused_and_nothing_changes(
    world: World, command: type
) -> None:
    draft = await world.submit()
    before = await world.actions(draft.id)
    with pytest.raises(InvalidInput) as refused:
        await world.handle(command(OFFICER, draft.id, "理由", "99(9)"))
    assert refused.value.key == "error.unknown_clause"
    assert refused.value.args_map["clauses"] == "5(1), 5(3)"
    assert await world.actions(draft.id) == before
    assert (await world.draft(draft.id)).state.value == "awaiting_approval"


async def test_no_clause_keeps_the_plain_texts(world: World) -> None:
    draft = await world.submit()
    await world.handle(cmd.RequestChanges(OFFICER, draft.id, "日付を直してください"))
    keys = {k for _, _, k, _ in await _rows(world, draft.id)}
    assert "note.sent_back_author" in keys and "note.sent_back_author_clause" not in keys
    assert (await world.draft(draft.id)).decisions[-1].clause == ""


async def test_the_action_table_passes_the_clause(world: World) -> None:
    given = actions.ActionInput(reason="r", clause=" 5(3) ")
    built = actions.to_command("decline", OFFICER, "d1", given)
    assert isinstance(built, cmd.Decline) and built.clause == "5(3)"
    built = actions.to_command("request_changes", OFFICER, "d1", given)
    assert isinstance(built, cmd.RequestChanges) and built.clause == "5(3)"


async def test_clauses_come_in_the_guidelines_order(world: World) -> None:
    world.checker.clause_texts = {"3(10)": "c", "3(2)": "b", "4(1)": "d", "3(1)": "a"}
    assert [c for c, _ in pack_clauses(world.deps, ACCOUNT)] == ["3(1)", "3(2)", "3(10)", "4(1)"]
    assert resolve_clause(world.deps, ACCOUNT, " 3 (10) ") == ("3(10)", "c")
    assert resolve_clause(world.deps, ACCOUNT, "") == ("", "")


def test_a_long_clause_text_is_shortened_on_one_line() -> None:
    args = cited_clause("3(7)", "あ" * 30 + "\n" + "い" * 30)
    assert args["clause"] == "3(7)" and len(args["clause_title"]) == 40
    assert "\n" not in args["clause_title"] and args["clause_title"].endswith("…")
    assert cited_clause("", "text") == {}


async def test_the_real_pack_lists_its_clauses() -> None:
    from chatbot.policy.engine import PolicyEngine

    clauses = PolicyEngine(()).clauses("kokuraminami")
    assert clauses["3(7)"].startswith("本人の承諾なく")
    assert STAFF not in clauses
