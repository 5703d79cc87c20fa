"""Help and usage texts follow the platform of the person typing: `@shonin …` and `teams:` ids
on Teams, `/shonin …` and `slack:` ids on Slack, console names on the console; both languages."""

from __future__ import annotations

import pytest

from chatbot.i18n import CATALOGUE, t
from chatbot.services.slash import run_slash
from tests.unit.services.conftest import ACCOUNT, World

MISTAKES = ["help", "frobnicate", "check", "absent", "absent 13/45 12/3", "absent x:y 12/1 12/3",
            "suspend", "roles set officer", "roles set officer bad\x00user"]  # fmt: skip


async def _read(world: World, actor: str, line: str, locale: str) -> str:
    reply = await run_slash(world.bus, actor, ACCOUNT, line)
    assert reply.texts, line
    return "\n".join(t(text.key, locale, **text.args) for text in reply.texts)


@pytest.mark.parametrize("locale", ["ja", "en"])
@pytest.mark.parametrize("line", MISTAKES)
async def test_on_teams_the_examples_are_teams_ones(world: World, line: str, locale: str) -> None:
    said = await _read(world, "teams:0f3c6a2e-5b1d-4c8e-9a7f-1d2e3f4a5b6c", line, locale)
    assert "/shonin" not in said and "slack:" not in said, said
    if line not in ("frobnicate",) and not line.startswith("absent 13"):
        assert "@shonin" in said or "teams:" in said, said


@pytest.mark.parametrize("locale", ["ja", "en"])
@pytest.mark.parametrize("line", MISTAKES)
async def test_on_slack_the_examples_are_slack_ones(world: World, line: str, locale: str) -> None:
    said = await _read(world, "slack:U0123ABCD", line, locale)
    assert "@shonin" not in said and "teams:" not in said and "console:" not in said, said
    assert "/shonin" in said or "slack:" in said, said


@pytest.mark.parametrize("locale", ["ja", "en"])
@pytest.mark.parametrize("line", MISTAKES)
async def test_on_the_console_no_slack_or_teams_ids(world: World, line: str, locale: str) -> None:
    said = await _read(world, "console:officer", line, locale)
    assert "slack:" not in said and "teams:" not in said and "@shonin" not in said, said


async def test_the_teams_absence_usage_gives_the_forms_the_brief_names(world: World) -> None:
    actor = "teams:0f3c6a2e-5b1d-4c8e-9a7f-1d2e3f4a5b6c"
    said = await _read(world, actor, "absent", "ja")
    assert "@shonin absent 12/1 12/3" in said and "teams:00000000-" in said
    english = await _read(world, actor, "absent", "en")
    assert "@shonin absent 12/1 12/3 trip" in english and "「" not in english


def test_every_platform_form_has_its_base_text_and_the_same_placeholders() -> None:
    import string

    for key, (ja, en) in CATALOGUE.items():
        base, _, platform = key.rpartition(".")
        if platform not in ("teams", "slack", "console") or base not in CATALOGUE:
            continue
        names = {name for _, name, _, _ in string.Formatter().parse(CATALOGUE[base][0]) if name}
        for text in (ja, en):
            assert {n for _, n, _, _ in string.Formatter().parse(text) if n} == names, key
