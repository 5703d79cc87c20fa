"""The confirm-the-live-post request goes to the officer, or the deputy while the officer is away;
failing publishing tells the officer and the admins with the reason."""

from __future__ import annotations

from datetime import timedelta

from chatbot.domain import commands as cmd
from chatbot.i18n import t
from tests.unit.services.conftest import ADMIN, DEPUTY, OFFICER, START, World, jst


async def test_confirm_request_goes_to_the_deputy_while_the_officer_is_absent(
    world: World,
) -> None:
    draft = await world.submit(wished_at=jst(12, 1, 11))
    await world.handle(cmd.Approve(OFFICER, draft.id))
    await world.absent(OFFICER, START, START + timedelta(days=2))
    world.at(jst(12, 1, 11))
    await world.handle(cmd.RunDue(OFFICER))
    assert "note.confirm_request" in world.notifier.direct_keys(DEPUTY)
    assert "note.confirm_request" not in world.notifier.direct_keys(OFFICER)
    [published] = [
        c.text for c in world.notifier.of("post_text") if c.text and c.text.key == "note.published"
    ]
    assert DEPUTY in t(published.key, "ja", **published.args)


async def test_publish_failure_tells_officer_and_admins_with_the_reason(world: World) -> None:
    world.publisher.default = "permanent"
    draft = await world.submit(wished_at=jst(12, 1, 11))
    await world.handle(cmd.Approve(OFFICER, draft.id))
    world.at(jst(12, 1, 11))
    await world.handle(cmd.RunDue(OFFICER))
    for person in (OFFICER, ADMIN):
        [text] = [m for m in world.notifier.directs(person) if m.key == "note.publish_failed"]
        assert text.args["error"] == "publish.error.media_format"
