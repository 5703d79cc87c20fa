"""`shonin serve`: one aiohttp application, the delivery worker and the adapters' components.

Each adapter (Slack, Teams, media hosting, the scheduler) is a *component*: a factory decides from
the settings whether it runs (and raises :class:`StartupError` with one clear line when it is
configured but cannot start, e.g. a missing secret); its notifier, if any, is given to the core;
``attach`` adds its routes and background tasks. This module knows none of them by name beyond the
list in :data:`COMPONENTS`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from aiohttp import web

from chatbot.domain import commands as cmd
from chatbot.i18n import t
from chatbot.ports import ChatNotifier, Clock, InstagramPublisher
from handlers.bootstrap import App, build_app
from handlers.http import build_http_app
from handlers.metrics import Metrics, standard_metrics
from handlers.settings import Settings
from handlers.teams.component import TeamsStartupError
from handlers.teams.component import teams_component as build_teams

log = logging.getLogger(__name__)

BackgroundTask = Callable[[asyncio.Event], Awaitable[None]]


class StartupError(Exception):
    """A component cannot start; the message is one line in each language, never a secret."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en

    def message(self, locale: str) -> str:
        return self.en if locale == "en" else self.ja


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    socket_mode: bool = False  # Slack over Socket Mode instead of the public Events URL
    teams_dev_no_auth: bool = False  # Teams endpoint without JWT validation (development only)
    scheduler: bool = True  # publish due posts in this process (off when `shonin worker` runs)
    scheduler_interval: float = 30.0


@dataclass
class ServerContext:
    settings: Settings
    options: ServeOptions
    env: Mapping[str, str]
    app: App
    http: web.Application
    metrics: Metrics
    tasks: list[BackgroundTask] = field(default_factory=list)


class Component(Protocol):
    name: str

    @property
    def notifier(self) -> ChatNotifier | None:
        """Given to the core before it is built (None for components that do not chat)."""
        ...

    async def attach(self, ctx: ServerContext) -> None:
        """Add routes to ``ctx.http`` and background tasks to ``ctx.tasks``."""
        ...

    async def close(self) -> None: ...


ComponentFactory = Callable[[Settings, ServeOptions, Mapping[str, str]], Component | None]


class SchedulerComponent:
    """Runs the due posts every ``interval`` seconds (RunDue); replaced by a lease runner later."""

    name = "scheduler"
    notifier = None

    def __init__(self, interval: float) -> None:
        self.interval = interval

    async def attach(self, ctx: ServerContext) -> None:
        core = ctx.app.core

        async def loop(stop: asyncio.Event) -> None:
            while not stop.is_set():
                try:
                    await core.handle(cmd.RunDue("shonin"))
                except Exception:
                    log.exception("scheduler pass failed")
                try:  # after publishing: reminders and escalation (chatbot.services.reminders)
                    await core.handle(cmd.RunReminders("shonin"))
                except Exception:
                    log.exception("reminder pass failed")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.interval)

        ctx.tasks.append(loop)

    async def close(self) -> None:
        return None


def scheduler_component(
    settings: Settings, options: ServeOptions, env: Mapping[str, str]
) -> Component | None:
    return SchedulerComponent(options.scheduler_interval) if options.scheduler else None


def slack_component(
    settings: Settings, options: ServeOptions, env: Mapping[str, str]
) -> Component | None:
    # Imported here: the Slack component is built against this module's types.
    from handlers.slack.component import SlackStartupError
    from handlers.slack.component import slack_component as build

    try:
        return build(settings, options, env)
    except SlackStartupError as error:
        raise StartupError(error.ja, error.en) from None


def teams_component(
    settings: Settings, options: ServeOptions, env: Mapping[str, str]
) -> Component | None:
    """POST /api/messages (Microsoft Teams), when Teams is configured."""
    try:
        return build_teams(settings, dev_no_auth=options.teams_dev_no_auth)
    except TeamsStartupError as error:
        raise StartupError(error.ja, error.en) from None


# The adapters that may run in `shonin serve`, in start order. Each stream adds its factory here.
COMPONENTS: list[ComponentFactory] = [scheduler_component, slack_component, teams_component]


@dataclass
class Server:
    ctx: ServerContext
    components: list[Component]

    @property
    def http(self) -> web.Application:
        return self.ctx.http

    @property
    def app(self) -> App:
        return self.ctx.app

    async def close(self) -> None:
        for component in reversed(self.components):
            with contextlib.suppress(Exception):
                await component.close()
        await self.ctx.app.close()


async def build_server(
    settings: Settings,
    options: ServeOptions,
    env: Mapping[str, str],
    *,
    factories: Sequence[ComponentFactory] | None = None,
    clock: Clock | None = None,
    publisher: InstagramPublisher | None = None,
    metrics: Metrics | None = None,
) -> Server:
    """Everything `shonin serve` runs, not yet listening (tests drive ``server.http`` directly)."""
    components = [
        component
        for factory in (COMPONENTS if factories is None else factories)
        if (component := factory(settings, options, env)) is not None
    ]
    notifiers: dict[str, ChatNotifier] = {}
    for component in components:
        if component.notifier is not None:
            notifiers[component.notifier.platform] = component.notifier
    app = await build_app(
        settings, clock=clock, notifiers=notifiers, publisher=publisher, deliver_inline=False
    )
    metrics = metrics or standard_metrics()
    ctx = ServerContext(settings, options, env, app, build_http_app(app, metrics), metrics)
    ctx.tasks.append(app.core.delivery.run)
    for component in components:
        await component.attach(ctx)
    return Server(ctx, components)


async def run_background(tasks: Sequence[BackgroundTask], stop: asyncio.Event) -> None:
    """Run the tasks until ``stop``; a task that crashes is logged and restarted after a pause."""

    async def guarded(task: BackgroundTask) -> None:
        while not stop.is_set():
            try:
                await task(stop)
            except Exception:
                log.exception("background task crashed; restarting in 5 s")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 5.0)

    await asyncio.gather(*(guarded(task) for task in tasks))


def settle_heap() -> None:
    """Move what start-up built out of the collector's way (``gc.freeze``).

    Full collections otherwise walk every module, table and model object on each pass, which
    showed as 100-200 ms pauses in the ack latency tail (benchmarks/ack_bench.py).
    """
    gc.collect()
    gc.freeze()


async def serve(server: Server, stop: asyncio.Event | None = None) -> None:
    """Listen on the configured address until SIGINT/SIGTERM (or ``stop``)."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    runner = web.AppRunner(server.http, access_log=None)
    await runner.setup()
    settle_heap()
    try:
        site = web.TCPSite(runner, server.ctx.options.host, server.ctx.options.port)
        await site.start()
        names = ", ".join(c.name for c in server.components) or "-"
        log.info(
            t(
                "serve.listening",
                server.ctx.settings.locale,
                host=server.ctx.options.host,
                port=server.ctx.options.port,
                components=names,
            )
        )
        await run_background(server.ctx.tasks, stop)
    finally:
        await runner.cleanup()
        await server.close()
