"""A notifier that says the bot may not post in a channel: admins are told once per office day."""

from __future__ import annotations

from typing import Any

from chatbot.ports import MessageRef
from chatbot.services.delivery import ChannelUnreachable
from tests.fakes import RecordingNotifier
from tests.unit.services.conftest import ADMIN, CHANNEL, OFFICER, World, make_world


class LockedOut(RecordingNotifier):
    """Posts in the drafts channel fail as Slack's not_in_channel would; DMs work."""

    def __init__(self) -> None:
        super().__init__("console")
        self.locked = True

    async def post_card(self, channel: str, card: Any, thread_id: str = "") -> MessageRef:
        if self.locked:
            raise ChannelUnreachable("not_in_channel", channel, "not_in_channel", "alert.key")
        return await super().post_card(channel, card, thread_id)


async def _world() -> tuple[World, LockedOut]:
    notifier = LockedOut()
    world = await make_world(notifiers={"console": notifier})
    return world, notifier


async def _deliver(world: World) -> None:
    for _ in range(3):
        await world.bus.delivery.deliver_due()


async def test_admins_are_told_once_a_day_and_the_card_goes_out_once_possible() -> None:
    world, notifier = await _world()
    await world.submit()
    await _deliver(world)
    [alert] = [c for c in notifier.of("send_direct") if c.target == ADMIN]
    assert alert.text is not None and alert.text.key == "alert.key"
    assert alert.text.args == {"channel": CHANNEL, "code": "not_in_channel", "account": "kumamoto"}
    assert notifier.direct_keys(OFFICER)  # the approver's DM needs no channel
    # more failures the same day (a retry, another draft): no second alert
    world.advance(minutes=5)
    await world.submit("別の投稿案です")
    await _deliver(world)
    assert len([c for c in notifier.of("send_direct") if c.target == ADMIN]) == 1
    # the next office day: told again
    world.advance(days=1)
    await world.submit("三つ目の投稿案です")
    await _deliver(world)
    assert len([c for c in notifier.of("send_direct") if c.target == ADMIN]) == 2
    # invited: the waiting cards go out on their retry
    notifier.locked = False
    world.advance(minutes=40)
    await _deliver(world)
    assert notifier.of("post_card")


async def test_other_failures_tell_no_admin() -> None:
    world, notifier = await _world()

    async def broken(channel: str, card: Any, thread_id: str = "") -> MessageRef:
        raise RuntimeError("timeout")

    notifier.post_card = broken  # type: ignore[method-assign]
    await world.submit()
    await _deliver(world)
    assert not [c for c in notifier.of("send_direct") if c.target == ADMIN]
    assert notifier.direct_keys(OFFICER)
