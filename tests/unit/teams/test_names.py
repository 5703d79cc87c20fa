"""Display names for Teams: what the bot has seen, a short form otherwise, never a markup name."""

from __future__ import annotations

from datetime import UTC, datetime

from chatbot.ports import Text
from handlers.teams.names import Names, clean, short
from handlers.teams.references import Reference, ReferenceBook
from storage.memory import InMemoryStore

GUID = "teams:0f3c6a2e-5b1d-4c8e-9a7f-1d2e3f4a5b6c"


def _book() -> ReferenceBook:
    return ReferenceBook(InMemoryStore().unit_of_work, lambda: datetime(2026, 12, 7, tzinfo=UTC))


def test_short_and_clean() -> None:
    assert short(GUID) == "teams:0f3c6a2e…"
    assert short("teams:aad-x") == "teams:aad-x"
    assert clean("  <at>Sato</at>\n\x00 Taro ") == "Sato Taro"
    assert len(clean("名" * 500)) == 80


async def test_names_replace_ids_in_text_arguments() -> None:
    book = _book()
    await book.remember("teams:aad-sato", Reference("https://smba", name="佐藤 花子"))
    names = Names(book)
    text = await names.text(
        Text("reply.roles", {"officer": "teams:aad-sato", "admins": f"slack:U1, {GUID}", "n": 3})
    )
    assert text.args == {"officer": "佐藤 花子", "admins": "slack:U1, teams:0f3c6a2e…", "n": 3}


async def test_a_mention_names_someone_only_until_a_better_name_is_known() -> None:
    book = _book()
    await book.remember("teams:aad-sato", Reference("https://smba", name="Sato"), weak_name=True)
    assert (await Names(book).of(["teams:aad-sato"])) == {"teams:aad-sato": "Sato"}
    await book.remember("teams:aad-sato", Reference("https://smba", name="佐藤 花子"))
    await book.remember("teams:aad-sato", Reference("https://smba", name="Hana"), weak_name=True)
    assert (await Names(book).of(["teams:aad-sato"])) == {"teams:aad-sato": "佐藤 花子"}


async def test_the_client_language_is_kept_until_the_person_is_heard_from_again() -> None:
    book = _book()
    await book.remember("teams:a1", Reference("https://svc", "t", "", "29:a", "Sato", "en"))
    # a mention or a new personal chat says nothing about the language: it stays
    await book.remember("teams:a1", Reference("https://svc", name="Sato"), weak_name=True)
    await book.remember("teams:a1", Reference("https://svc", conversation_id="a:1"))
    stored = await book.get("teams:a1")
    assert stored is not None and stored.locale == "en" and stored.conversation_id == "a:1"
    await book.remember("teams:a1", Reference("https://svc", "t", "", "29:a", "Sato", "ja"))
    again = await book.get("teams:a1")
    assert again is not None and again.locale == "ja"


def test_a_reference_stored_before_languages_were_kept_reads_without_one() -> None:
    old = '{"conversation_id": "a:1", "name": "Sato", "service_url": "https://svc"}'
    ref = Reference.decode(old)
    assert ref.locale == "" and ref.name == "Sato" and Reference.decode(ref.encode()) == ref
