"""The message bus: runs one service per command in a unit of work, then dispatches its events.

Events are dispatched only once the change that raised them is committed, so a notification never
announces something that was rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from chatbot.domain import commands as cmd
from chatbot.domain.errors import ConcurrentUpdate, IllegalTransition
from chatbot.domain.events import Event
from chatbot.ports import UnitOfWork
from chatbot.services import absence, decisions, drafts, publishing
from chatbot.services.context import Deps

log = logging.getLogger(__name__)
T = TypeVar("T")
EventHandler = Callable[[Event], Awaitable[None]]
Service = Callable[[Any, UnitOfWork, Deps], Awaitable[Any]]

SERVICES: Mapping[type[cmd.Command], Service] = {
    cmd.SubmitDraft: drafts.submit,
    cmd.ReviseDraft: drafts.revise,
    cmd.Withdraw: drafts.withdraw,
    cmd.Approve: decisions.approve,
    cmd.RequestChanges: decisions.request_changes,
    cmd.Decline: decisions.decline,
    cmd.Schedule: decisions.schedule,
    cmd.Confirm: decisions.confirm,
    cmd.SetAbsence: absence.set_absence,
    cmd.ClearAbsence: absence.clear_absence,
    cmd.SetRole: absence.set_role,
    cmd.Suspend: absence.suspend,
    cmd.Resume: absence.resume,
}
DECISIONS = (cmd.Approve, cmd.RequestChanges, cmd.Decline, cmd.Schedule, cmd.Confirm, cmd.Withdraw)


class _CommitTracker:
    """Wraps a unit of work and keeps the events of each successful commit."""

    def __init__(self, inner: UnitOfWork) -> None:
        self.inner = inner
        self.committed: list[Event] = []

    async def __aenter__(self) -> _CommitTracker:
        # The repositories exist only once the inner unit of work has begun.
        await self.inner.__aenter__()
        self.drafts = self.inner.drafts
        self.absences = self.inner.absences
        self.accounts = self.inner.accounts
        self.audit = self.inner.audit
        self.cards = self.inner.cards
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.inner.__aexit__(*exc)

    async def commit(self) -> None:
        await self.inner.commit()
        self.committed.extend(self.inner.collect_events())

    async def rollback(self) -> None:
        await self.inner.rollback()
        self.inner.collect_events()

    def collect_events(self) -> list[Any]:
        return self.inner.collect_events()


class MessageBus:
    def __init__(
        self, deps: Deps, event_handlers: Mapping[type[Event], Sequence[EventHandler]] | None = None
    ) -> None:
        self.deps = deps
        self.event_handlers: dict[type[Event], list[EventHandler]] = {
            kind: list(handlers) for kind, handlers in (event_handlers or {}).items()
        }

    def subscribe(self, kind: type[Event], handler: EventHandler) -> None:
        self.event_handlers.setdefault(kind, []).append(handler)

    async def handle(self, command: cmd.Command) -> Any:
        """Run the command's service; DomainErrors reach the caller to be shown to the user."""
        if isinstance(command, cmd.RunDue):
            return await publishing.run_due(command, self)
        service = SERVICES[type(command)]
        try:
            return await self.in_uow(lambda uow: service(command, uow, self.deps))
        except (ConcurrentUpdate, IllegalTransition) as error:
            if isinstance(command, DECISIONS) and error.key != "error.expired":
                explained = await decisions.explain_conflict(
                    self.deps, getattr(command, "draft_id", ""), error
                )
                if explained is not error:
                    raise explained from error
            raise

    async def in_uow(self, work: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        tracker = _CommitTracker(self.deps.uow())
        try:
            async with tracker:
                return await work(tracker)
        finally:
            await self.dispatch(tracker.committed)

    async def dispatch(self, events: Sequence[Event]) -> None:
        for event in events:
            for handler in self.event_handlers.get(type(event), ()):
                try:
                    await handler(event)
                except Exception:
                    # A chat outage must not undo or block a committed decision; it is logged.
                    log.exception("event handler failed for %s", type(event).__name__)
