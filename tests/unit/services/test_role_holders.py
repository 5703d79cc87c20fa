"""Only known, well-formed users of a platform may hold a role (issue 7)."""

from __future__ import annotations

import pytest

from chatbot.domain import commands as cmd
from chatbot.domain.errors import InvalidInput
from chatbot.i18n import t
from chatbot.mentions import role_holder_problem
from chatbot.services.slash import run_slash
from tests.unit.services.conftest import ACCOUNT, ADMIN, SEED, World

GUID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("garbage", "error.role_user.console"),  # a bare name is a console user: not configured
        ("console:garbage", "error.role_user.console"),
        ("slack:garbage", "error.role_user.slack"),
        ("slack:u0123abcd", "error.role_user.slack"),
        ("slack:X0123ABCD", "error.role_user.slack"),
        ("slack:U0123-ABCD", "error.role_user.slack"),
        ("teams:29:1abcdef", "error.role_user.teams"),
        ("teams:officer", "error.role_user.teams"),
        ("teams:3f2504e0-4f89-11d3-9a0c-0305e82c330", "error.role_user.teams"),
        ("mail:someone", "error.bad_user.console"),  # in the console form (a console admin)
    ],
)
async def test_unknown_or_malformed_users_get_no_role(world: World, word: str, key: str) -> None:
    async with world.deps.uow() as uow:
        before = len(await uow.audit.entries())
    reply = await run_slash(world.bus, ADMIN, ACCOUNT, f"roles set deputy {word}")
    assert reply.error and reply.texts[0].key == key
    async with world.deps.uow() as uow:
        assert await uow.accounts.get_roles(ACCOUNT) == SEED  # nothing changed
        assert len(await uow.audit.entries()) == before  # nothing audited either


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("error.role_user.console", ("shonin.toml", "console:officer")),
        ("error.role_user.slack", ("slack:U0123ABCD", "slack:U0123ABCD")),
        ("error.role_user.teams", ("teams:00000000-0000", "teams:00000000-0000")),
    ],
)
async def test_the_refusal_names_the_expected_form_in_both_languages(
    world: World, key: str, expected: tuple[str, str]
) -> None:
    word = {"error.role_user.console": "garbage", "error.role_user.slack": "slack:x"}.get(
        key, "teams:x"
    )
    reply = await run_slash(world.bus, ADMIN, ACCOUNT, f"roles set deputy {word}")
    text = reply.texts[0]
    assert text.key == key
    ja, en = t(text.key, "ja", **text.args), t(text.key, "en", **text.args)
    assert expected[0] in ja and expected[1] in en
    assert "役割" in ja and "role" in en


@pytest.mark.parametrize("user", ["slack:U0123ABCD", "slack:W012A3CDE", f"teams:{GUID}"])
async def test_well_formed_platform_users_may_hold_a_role(world: World, user: str) -> None:
    reply = await run_slash(world.bus, ADMIN, ACCOUNT, f"roles set deputy {user}")
    assert not reply.error, reply.texts
    async with world.deps.uow() as uow:
        roles = await uow.accounts.get_roles(ACCOUNT)
    assert roles is not None and roles.deputy == user


async def test_configured_console_users_may_hold_a_role_and_anyone_may_be_removed(
    world: World,
) -> None:
    await world.bus.handle(cmd.SetRole(ADMIN, ACCOUNT, "officer", "console:newboss"))
    # Removing never needs the user to be valid today: a stale holder can always be taken off.
    await world.bus.handle(cmd.SetRole(ADMIN, ACCOUNT, "staff", "console:staff", remove=True))
    with pytest.raises(InvalidInput):
        await world.bus.handle(cmd.SetRole(ADMIN, ACCOUNT, "staff", "console:nobody"))


def test_role_holder_problem_needs_no_configuration_for_chat_platforms() -> None:
    assert role_holder_problem("slack:U0123ABCD", frozenset()) is None
    assert role_holder_problem(f"teams:{GUID.upper()}", frozenset()) is None
    problem = role_holder_problem("console:officer", frozenset())
    assert problem is not None and problem.key == "error.role_user.console"
