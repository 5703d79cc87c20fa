"""Admins are warned 7 days before a token expires and when it is invalid, once a day."""

from __future__ import annotations

from datetime import timedelta

from chatbot.ports import TokenHealth
from chatbot.services.token_health import TokenWatch, warning_for
from tests.unit.services.conftest import ACCOUNT, ADMIN, OFFICER, World, jst


def test_warning_rules() -> None:
    now = jst(12, 1, 10)
    assert warning_for(None, now) is None
    assert warning_for(TokenHealth(True, now + timedelta(days=8)), now) is None
    assert warning_for(TokenHealth(True, now + timedelta(days=7)), now) == (
        "note.token_expiring",
        {"at": now + timedelta(days=7)},
    )
    assert warning_for(TokenHealth(True, None), now) is None
    assert warning_for(TokenHealth(False), now) == ("note.token_invalid", {})


async def test_admins_are_warned_once_a_day(world: World) -> None:
    expires = jst(12, 6, 10)
    world.publisher.health[ACCOUNT] = TokenHealth(True, expires)
    watch = TokenWatch(every=timedelta(hours=6))
    world.notifier.clear()
    assert await watch.run(world.deps) == [ACCOUNT]
    await world.bus.delivery.deliver_due()
    [warning] = world.notifier.directs(ADMIN)
    assert (warning.key, warning.args["at"]) == ("note.token_expiring", expires)
    assert world.notifier.directs(OFFICER) == []
    assert await watch.run(world.deps) == []  # not checked again within 6 hours
    world.advance(hours=7)
    assert await watch.run(world.deps) == []  # checked, but already warned today
    world.advance(days=1)
    world.publisher.health[ACCOUNT] = TokenHealth(False)
    assert await watch.run(world.deps) == [ACCOUNT]
    await world.bus.delivery.deliver_due()
    assert [t.key for t in world.notifier.directs(ADMIN)][-1] == "note.token_invalid"
    assert "account.token_warning" in await world.actions()


async def test_resume_reports_the_posts_that_waited(world: World) -> None:
    from chatbot.domain import commands as cmd
    from chatbot.services.slash import run_slash

    draft = await world.submit("お知らせ", wished_at=jst(12, 1, 11))
    await world.handle(cmd.Approve(OFFICER, draft.id))
    await world.handle(cmd.Suspend(OFFICER, ACCOUNT, "災害対応のため"))
    world.at(jst(12, 1, 11, 30))
    report = await world.handle(cmd.RunDue("shonin"))
    assert report.held == {draft.id: "suspended"}
    reply = await run_slash(world.bus, OFFICER, ACCOUNT, "再開")
    assert [t.key for t in reply.texts] == ["reply.resumed", "reply.resumed_waiting"]
    assert reply.texts[1].args == {"count": 1, "drafts": draft.id}
    assert (await world.handle(cmd.RunDue("shonin"))).published == [draft.id]


async def test_the_scheduler_passes_run_on_a_real_app(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each pass keeps per-app state (weak maps keyed by the App): it must run, not raise."""
    from handlers.bootstrap import build_app
    from handlers.serve import SCHEDULER_PASSES
    from handlers.settings import load_settings

    env = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}",
        "HOME": str(tmp_path),
        "SHONIN_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SHONIN_MEDIA_DIR": str(tmp_path / "media"),
    }
    settings = load_settings(env, None)
    app = await build_app(settings)
    try:
        for _name, run in SCHEDULER_PASSES:
            assert await run(app) in (True, False)
    finally:
        await app.close()
