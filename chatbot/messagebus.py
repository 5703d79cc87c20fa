"""The message bus: one handler per command, subscribers per event, both given at bootstrap.

The bus knows no use case. A command handler receives the command and the bus (as
``Transactions``); each ``run(work)`` opens a unit of work, and the events of whatever it
committed are dispatched once it is closed, so a subscriber never hears of a rolled-back change.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from chatbot.domain.commands import Command
from chatbot.domain.events import Event
from chatbot.ports import Transactions, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
T = TypeVar("T")
EventHandler = Callable[[Event], Awaitable[None]]


CommandHandler = Callable[[Any, Transactions], Awaitable[Any]]


class MessageBus:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        commands: Mapping[type[Command], CommandHandler],
        events: Mapping[type[Event], Sequence[EventHandler]] | None = None,
    ) -> None:
        self._uow = uow
        self._commands = dict(commands)
        self._events = {kind: list(handlers) for kind, handlers in (events or {}).items()}

    async def handle(self, command: Command) -> Any:
        """Run the command's handler; DomainErrors reach the caller to be shown to the user."""
        try:
            handler = self._commands[type(command)]
        except KeyError:
            raise LookupError(f"no handler for {type(command).__name__}") from None
        return await handler(command, self)

    async def run(self, work: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        uow = self._uow()
        try:
            async with uow:
                return await work(uow)
        finally:
            await self.dispatch(uow.committed_events())

    async def dispatch(self, events: Sequence[Event]) -> None:
        for event in events:
            for handler in self._events.get(type(event), ()):
                try:
                    await handler(event)
                except Exception:
                    # A subscriber's failure must not undo or block a committed change; logged.
                    log.exception("event handler failed for %s", type(event).__name__)
