"""The notification outbox through the whole core, on memory, SQLite and PostgreSQL.

A notifier that fails twice then succeeds: the message arrives once. One that always fails: the
others still arrive, the failure is visible in /shonin queue and audited. A restart in between:
nothing lost, nothing doubled.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.roles import Roles
from chatbot.outbox import RetryPolicy
from chatbot.ports import ChatNotifier, MessageKind, MessageRef, Text
from chatbot.services import queries
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.wiring import Core, build_core, seed_roles
from tests.conftest import Backend
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.fakes.images import photo
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, OFFICER, SEED, STAFF, START

FAST = RetryPolicy(max_attempts=3, first_delay=timedelta(seconds=10), lease=timedelta(seconds=5))
SLACK_OFFICER = "slack:UOFFICER"


class Flaky(RecordingNotifier):
    """Fails the first ``failures`` calls, then records like the recording notifier."""

    def __init__(self, platform: str, failures: int) -> None:
        super().__init__(platform)
        self.failures = failures

    def _maybe_fail(self) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("chat is down")

    async def post_card(self, channel: str, card: object, thread_id: str = "") -> MessageRef:
        self._maybe_fail()
        return await super().post_card(channel, card, thread_id)

    async def send_direct(self, user: str, text: Text, card: object = None) -> MessageRef:
        self._maybe_fail()
        return await super().send_direct(user, text, card)


def core(backend: Backend, clock: ManualClock, notifiers: dict[str, ChatNotifier]) -> Core:
    counter = itertools.count(1)
    ports = Ports(backend.make_uow, clock, FakeChecker(), InMemoryMediaStore(), FakePublisher())
    config = CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}")
    retry = {platform: FAST for platform in notifiers}
    return build_core(ports, config, notifiers, retry=retry)


async def test_fails_twice_then_arrives_once(db_backend: Backend) -> None:
    clock, chat = ManualClock(START), Flaky("console", failures=2)
    shonin = core(db_backend, clock, {"console": chat})
    await seed_roles(shonin.deps, {ACCOUNT: SEED})
    draft = await shonin.handle(
        cmd.SubmitDraft(STAFF, ACCOUNT, "12月の展示のお知らせです", media=(photo(),))
    )
    assert chat.calls == []  # the card post and the DM to the officer both failed once
    for _ in range(4):
        clock.advance(timedelta(minutes=1))
        await shonin.delivery.deliver_due()
    assert [c.kind for c in chat.calls] == ["post_card", "send_direct"]
    assert chat.direct_keys(OFFICER) == ["note.approval_requested"]
    async with shonin.deps.uow() as uow:
        kinds = [r.kind for r in await uow.cards.list(draft.id)]
        assert await uow.notifications.due(clock.now() + timedelta(days=1)) == []
    assert kinds == [MessageKind.CARD, MessageKind.DM_CARD]


async def test_an_undeliverable_one_blocks_nothing_and_is_shown_and_audited(
    db_backend: Backend,
) -> None:
    clock, console, slack = ManualClock(START), RecordingNotifier("console"), Flaky("slack", 99)
    shonin = core(db_backend, clock, {"console": console, "slack": slack})
    roles = Roles(officer=SLACK_OFFICER, deputy="console:deputy", staff=frozenset({STAFF}))
    await seed_roles(shonin.deps, {ACCOUNT: roles})
    draft = await shonin.handle(
        cmd.SubmitDraft(STAFF, ACCOUNT, "12月の展示のお知らせです", media=(photo(),))
    )
    assert [c.kind for c in console.calls] == ["post_card"]  # not held back by Slack
    for _ in range(5):
        clock.advance(timedelta(minutes=5))
        await shonin.delivery.deliver_due()
    assert slack.calls == []
    lines = await queries.queue(shonin.deps, ACCOUNT)
    failed = [t for t in lines if t.key == "reply.notify_failed"]
    assert [t.args for t in failed] == [
        {"target": SLACK_OFFICER, "platform": "slack", "draft": draft.id, "attempts": 3}
    ]
    async with shonin.deps.uow() as uow:
        entries = [e for e in await uow.audit.entries() if e.record.draft_id == draft.id]
    undeliverable = [e.record for e in entries if e.record.action == "notification.undeliverable"]
    assert len(undeliverable) == 1
    assert undeliverable[0].details["target"] == SLACK_OFFICER
    assert undeliverable[0].details["error"].startswith("ConnectionError")


async def test_a_restart_loses_nothing_and_doubles_nothing(db_backend: Backend) -> None:
    clock, down = ManualClock(START), Flaky("console", failures=99)
    before = core(db_backend, clock, {"console": down})
    await seed_roles(before.deps, {ACCOUNT: SEED})
    draft = await before.handle(
        cmd.SubmitDraft(STAFF, ACCOUNT, "12月の展示のお知らせです", media=(photo(),))
    )
    await before.handle(cmd.Approve(OFFICER, draft.id))
    assert down.calls == []

    up = RecordingNotifier("console")
    after = core(db_backend, clock, {"console": up})  # a new process on the same database
    clock.advance(timedelta(minutes=1))
    await after.delivery.deliver_due()
    clock.advance(timedelta(minutes=1))
    await after.delivery.deliver_due()
    kinds = [c.kind for c in up.calls]
    assert kinds.count("post_card") == 1 and kinds.count("send_direct") == 1
    assert up.thread_keys() == ["note.approved"]
    assert all(c.card.state == "approved" for c in up.calls if c.card is not None)
    await before.delivery.deliver_due()  # the old worker finds nothing left to send
    assert down.calls == []


async def test_two_workers_at_once_send_each_row_once(db_backend: Backend) -> None:
    import asyncio

    clock, down = ManualClock(START), Flaky("console", failures=99)
    writer = core(db_backend, clock, {"console": down})
    await seed_roles(writer.deps, {ACCOUNT: SEED})
    await writer.handle(
        cmd.SubmitDraft(STAFF, ACCOUNT, "12月の展示のお知らせです", media=(photo(),))
    )
    first, second = RecordingNotifier("console"), RecordingNotifier("console")
    workers = [core(db_backend, clock, {"console": n}).delivery for n in (first, second)]
    clock.advance(timedelta(minutes=1))
    await asyncio.gather(*(w.deliver_due() for w in workers))
    kinds = sorted(c.kind for c in first.calls + second.calls)
    assert kinds == ["post_card", "send_direct"]
