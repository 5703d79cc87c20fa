"""Display names across platforms (handlers.people): recorded once, read by any replica, shown
for people of the other platform only, never as markup."""

from __future__ import annotations

from datetime import UTC, datetime

from chatbot.ports import ConversationRef, Text
from handlers.people import PLATFORM, Directory, Shown
from storage.memory import InMemoryStore

NOW = datetime(2026, 12, 7, tzinfo=UTC)
GUID = "teams:0f3c6a2e-5b1d-4c8e-9a7f-1d2e3f4a5b6c"


def _directory(store: InMemoryStore | None = None) -> Directory:
    return Directory((store or InMemoryStore()).unit_of_work, lambda: NOW)


async def test_a_recorded_name_is_read_by_another_process() -> None:
    store = InMemoryStore()
    await _directory(store).remember("slack:U1", "  <b>佐藤</b>\n一郎 ")
    assert await _directory(store).name("slack:U1") == "佐藤 一郎"  # a fresh cache: the database
    assert await _directory(store).name("slack:U2") == ""


async def test_a_name_learnt_later_is_seen_by_a_process_that_missed_it() -> None:
    store = InMemoryStore()
    reader = _directory(store)
    assert await reader.name("teams:aad-1") == ""
    await _directory(store).remember("teams:aad-1", "Officer Sato")
    assert await reader.name("teams:aad-1") == "Officer Sato"  # a miss is not remembered


async def test_a_blank_name_records_nothing_and_a_broken_record_reads_as_none() -> None:
    store = InMemoryStore()
    await _directory(store).remember("slack:U1", " \n ")
    async with store.unit_of_work() as uow:
        assert await uow.conversations.get(PLATFORM, "slack:U1") is None
        await uow.conversations.save(ConversationRef(PLATFORM, "slack:U2", "not json", NOW))
        await uow.conversations.save(ConversationRef(PLATFORM, "slack:U3", "[1, 2]", NOW))
        await uow.commit()
    assert await _directory(store).name("slack:U2") == ""
    assert await _directory(store).name("slack:U3") == ""


async def test_slack_names_only_the_other_platform_s_people() -> None:
    directory = _directory()
    await directory.remember("teams:aad-1", "Officer Sato")
    await directory.remember("slack:U1", "田中 花子")
    shown = Shown(directory, own="slack")
    assert await shown.of(["teams:aad-1", "slack:U1", GUID, "console:alice"]) == {
        "teams:aad-1": "Officer Sato",
        GUID: "teams:0f3c6a2e…",  # no name known: shortened
    }
    text = await shown.text(
        Text("reply.roles", {"officer": "teams:aad-1", "admins": "slack:U1, teams:aad-1", "n": 2})
    )
    assert text.args == {"officer": "Officer Sato", "admins": "slack:U1, Officer Sato", "n": 2}


async def test_everyone_is_named_where_no_platform_is_one_s_own() -> None:
    directory = _directory()
    await directory.remember("slack:U1", "田中 花子")
    assert await Shown(directory).of(["slack:U1", "teams:aad-9"]) == {
        "slack:U1": "田中 花子",
        "teams:aad-9": "teams:aad-9",
    }


async def test_ids_inside_other_words_are_left_alone() -> None:
    shown = Shown(_directory(), own="slack")
    text = await shown.text(Text("k", {"a": "xteams:abc", "b": "12:30", "c": "mailto:teams:"}))
    assert text.args == {"a": "xteams:abc", "b": "12:30", "c": "mailto:teams:"}
