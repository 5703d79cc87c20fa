"""The notifications of one commit read the outbox once for all its drafts, and still see the
channel cards that the same commit planned a moment earlier."""

from __future__ import annotations

import itertools
from collections.abc import Collection
from typing import Any

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain import events as ev
from chatbot.outbox import NotifyOp
from chatbot.ports import ChatNotifier
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.notifications import Notifications
from chatbot.services.wiring import Core, build_core, seed_roles
from storage.memory import InMemoryStore
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.fakes.images import photo
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, CHANNEL, SEED, STAFF, START


async def _core(notifiers: dict[str, ChatNotifier]) -> Core:
    counter = itertools.count(1)
    ports = Ports(
        InMemoryStore().unit_of_work,
        ManualClock(START),
        FakeChecker(),
        InMemoryMediaStore(),
        FakePublisher(),
    )
    core = build_core(ports, CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}"), notifiers)
    await seed_roles(core.deps, {ACCOUNT: SEED})
    return core


class CountingOutbox:
    """The unit of work's outbox, counting its reads of pending rows."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.reads = inner, 0

    async def pending_many(self, draft_ids: Collection[str]) -> Any:
        self.reads += 1
        return await self.inner.pending_many(draft_ids)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


async def test_a_batch_of_published_posts_reads_the_outbox_once() -> None:
    core = await _core({"console": RecordingNotifier("console")})
    drafts = [
        (await core.handle(cmd.SubmitDraft(STAFF, ACCOUNT, f"お知らせ{n}", media=(photo(),)))).id
        for n in range(4)
    ]  # each one's channel card is planned, not delivered (pending)
    hook = Notifications(core.deps, {"console"})
    async with core.deps.uow() as uow:
        counting = CountingOutbox(uow.notifications)
        uow.notifications = counting
        events = [
            ev.Published(d, f"m{n}", f"https://instagram.test/p/m{n}/")
            for n, d in enumerate(drafts)
        ]
        await hook(uow, events)
        assert counting.reads == 1
        found = await counting.inner.pending_many(drafts)
    for draft_id in drafts:  # each thread is told (its card is on its way), once
        said = [r.text_key for r in found[draft_id] if r.op is NotifyOp.THREAD_TEXT]
        assert said == ["note.published"], draft_id


async def test_a_card_planned_earlier_in_the_same_commit_is_seen_by_the_next_event() -> None:
    quiet = await _core({})  # no platform: nothing is planned while the draft is made
    draft = await quiet.handle(cmd.SubmitDraft(STAFF, ACCOUNT, "お知らせ", media=(photo(),)))
    hook = Notifications(quiet.deps, {"console"})
    async with quiet.deps.uow() as uow:
        assert (await uow.notifications.pending_many([draft.id]))[draft.id] == []
        requested = ev.ApprovalRequested(draft.id, "console:officer", "officer")
        said = ev.Scheduled(draft.id, "console:officer", START)
        await hook(uow, [requested, said, requested])
        rows = (await uow.notifications.pending_many([draft.id]))[draft.id]
    ops = [(r.op, r.target if r.op is NotifyOp.POST_CARD else r.text_key) for r in rows]
    assert ops.count((NotifyOp.POST_CARD, CHANNEL)) == 1  # planned once, not again
    assert (NotifyOp.THREAD_TEXT, "note.scheduled") in ops  # said in the card's thread
