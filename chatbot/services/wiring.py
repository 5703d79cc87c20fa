"""Which service handles which command, and the core assembled from ports and configuration.

The bus knows no use case; this is where the use cases are given to it. The bootstrap (and the
service tests, on in-memory storage) call ``build_core``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from chatbot.audit import AuditRecord
from chatbot.domain import commands as cmd
from chatbot.domain.roles import Roles
from chatbot.messagebus import CommandHandler, MessageBus
from chatbot.outbox import RetryPolicy
from chatbot.ports import ChatNotifier, CommitHook, Transactions, UnitOfWork, UnitOfWorkFactory
from chatbot.services import absence, decisions, drafts, publish_actions, publishing, reminders
from chatbot.services.context import CoreConfig, Deps, Ports
from chatbot.services.delivery import DeliveryWorker
from chatbot.services.notifications import Notifications

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
    cmd.PublishNow: publish_actions.publish_now,
    cmd.RetryPublish: publish_actions.retry_publish,
    cmd.ReportProblem: publish_actions.report_problem,
    cmd.IdentifyPost: publish_actions.identify_post,
    cmd.SetAbsence: absence.set_absence,
    cmd.ClearAbsence: absence.clear_absence,
    cmd.SetRole: absence.set_role,
    cmd.Suspend: absence.suspend,
    cmd.Resume: absence.resume,
}


def _in_one_transaction(service: Service, deps: Deps) -> CommandHandler:
    async def handler(command: cmd.Command, tx: Transactions) -> Any:
        work = tx.run(lambda uow: service(command, uow, deps))
        return await decisions.explained(command, deps, work)

    return handler


def command_handlers(deps: Deps) -> dict[type[cmd.Command], CommandHandler]:
    handlers = {kind: _in_one_transaction(service, deps) for kind, service in SERVICES.items()}

    async def run_due(command: cmd.RunDue, tx: Transactions) -> publishing.RunReport:
        return await publishing.run_due(command, tx, deps)

    handlers[cmd.RunDue] = run_due

    async def run_reminders(command: cmd.RunReminders, tx: Transactions) -> Any:
        return await reminders.run_reminders(command, tx, deps)

    handlers[cmd.RunReminders] = run_reminders
    return handlers


@dataclass
class Core:
    """The assembled core: what handlers call (commands through ``handle``, queries on ``deps``).

    With ``deliver_inline`` (the console, the tests) the outbox is delivered before ``handle``
    returns; otherwise the delivery worker is woken and a server runs ``delivery.run(stop)``.
    """

    deps: Deps
    bus: MessageBus
    notifiers: Mapping[str, ChatNotifier]
    delivery: DeliveryWorker
    deliver_inline: bool = True

    async def handle(self, command: cmd.Command) -> Any:
        try:
            return await self.bus.handle(command)
        finally:
            if self.deliver_inline:
                await self.delivery.deliver_due()
            else:
                self.delivery.kick()


class _WithHook:
    """A unit-of-work factory whose units run the hook just before they commit."""

    def __init__(self, inner: UnitOfWorkFactory) -> None:
        self.inner = inner
        self.hook: CommitHook | None = None

    def __call__(self) -> UnitOfWork:
        uow = self.inner()
        uow.before_commit = self.hook
        return uow


def build_core(
    ports: Ports,
    config: CoreConfig,
    notifiers: Mapping[str, ChatNotifier] | None = None,
    *,
    retry: Mapping[str, RetryPolicy] | None = None,
    deliver_inline: bool = True,
) -> Core:
    """The core on the given ports; ``notifiers`` maps a platform name to its ChatNotifier."""
    chat = dict(notifiers or {})
    factory = _WithHook(ports.uow)
    deps = Deps(replace(ports, uow=factory), config)
    factory.hook = Notifications(deps, chat.keys() | config.platforms)
    bus = MessageBus(factory, command_handlers(deps))
    return Core(deps, bus, chat, DeliveryWorker(deps, chat, retry), deliver_inline)


async def seed_roles(deps: Deps, seeds: Mapping[str, Roles]) -> None:
    """Config seeds the roles once; after that they change at run time (and are audited)."""
    async with deps.uow() as uow:
        for account_id, roles in seeds.items():
            if account_id not in deps.accounts or await uow.accounts.get_roles(account_id):
                continue
            await uow.accounts.set_roles(account_id, roles)
            details = {
                "officer": roles.officer,
                "deputy": roles.deputy,
                "admins": sorted(roles.admins),
                "staff": sorted(roles.staff),
            }
            record = AuditRecord(
                deps.clock.now(), "shonin", "roles.seeded", account_id=account_id, details=details
            )
            await uow.audit.append(record)
        await uow.commit()
