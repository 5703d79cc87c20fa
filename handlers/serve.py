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
import time
import weakref
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from aiohttp import web

from chatbot.domain import commands as cmd
from chatbot.i18n import t
from chatbot.ports import ChatNotifier, Clock, InstagramPublisher
from chatbot.scheduling.runner import SchedulerRunner
from chatbot.services.leader import leads, step_down
from chatbot.services.publishing import drain_publishing
from chatbot.services.token_health import TokenWatch
from handlers.bootstrap import App, build_app, configured_platforms
from handlers.http import build_http_app
from handlers.media_http import media_component
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


SchedulerPass = Callable[[App], Awaitable[bool]]


MAINTAIN_EVERY = 30.0  # seconds between expiry / re-routing runs of one process
# While posts queue for publishing, the passes that read every account (expiry and re-routing,
# reminders) wait longer: run by every replica, they cost more than the posts they delayed.
BUSY_EVERY = 120.0
_maintained: weakref.WeakKeyDictionary[App, float] = weakref.WeakKeyDictionary()
_publishing_busy: weakref.WeakKeyDictionary[App, bool] = weakref.WeakKeyDictionary()


def _due(
    last: dict[App, float] | weakref.WeakKeyDictionary[App, float], app: App, every: float
) -> bool:
    """Whether a periodic pass is due now (recording it when it is)."""
    now = time.monotonic()
    if _publishing_busy.get(app, False):
        every = max(every, BUSY_EVERY)
    if now - last.get(app, -every) < every:
        return False
    last[app] = now
    return True


async def publish_pass(app: App) -> bool:
    """Publish what is due (leases make replicas safe), expiring and re-routing at most every
    30 s (120 s while posts queue); True when the loop should go round again at once."""
    # Expiry and re-routing read every account: one replica at a time (chatbot.services.leader).
    maintain = await leads(app.core.deps) and _due(_maintained, app, MAINTAIN_EVERY)
    # A full batch (claim_batch) makes the loop go round at once: claims follow each other while
    # the posts already claimed are being published.
    batch = app.core.deps.publishing.claim_batch
    run = cmd.RunDue("shonin", limit=batch, maintain=maintain, background=True)
    report = await app.core.handle(run)
    _publishing_busy[app] = bool(report.more)
    return bool(report.more)


REMIND_EVERY = 15.0  # seconds between reminder passes of one process (reminders are per minute)
_reminded: weakref.WeakKeyDictionary[App, float] = weakref.WeakKeyDictionary()


async def reminders_pass(app: App) -> bool:
    """After publishing: reminders and escalation (chatbot.services.reminders), at most every
    15 s per process (120 s while posts queue): a loop going round at once while publishing is
    busy does not re-read every account's roles and absences each time."""
    if not await leads(app.core.deps) or not _due(_reminded, app, REMIND_EVERY):
        return False
    await app.core.handle(cmd.RunReminders("shonin"))
    return False


_token_watches: weakref.WeakKeyDictionary[App, TokenWatch] = weakref.WeakKeyDictionary()


async def token_health_pass(app: App) -> bool:
    """Warn the admins 7 days before a token expires, and when it is invalid (every 6 hours)."""
    if not await leads(app.core.deps):
        return False
    watch = _token_watches.setdefault(app, TokenWatch())
    await watch.run(app.core.deps)
    return False


# The scheduler's passes, in order; other streams add theirs (reminders, escalations) here.
SCHEDULER_PASSES: list[tuple[str, SchedulerPass]] = [
    ("publish", publish_pass),
    ("reminders", reminders_pass),
    ("token_health", token_health_pass),
]


def scheduler_runner(app: App, interval: float) -> SchedulerRunner:
    """The loop `shonin serve` and `shonin worker` both run."""

    def bind(run: SchedulerPass) -> Callable[[], Awaitable[bool]]:
        return lambda: run(app)

    async def finish() -> None:
        # Publishes in flight end before the process does (else their leases lapse first).
        lease = app.core.deps.publishing.lease.total_seconds()
        await drain_publishing(app.core.deps, within=max(lease / 2, 1.0))
        await step_down(app.core.deps)

    passes = [(name, bind(run)) for name, run in SCHEDULER_PASSES]
    return SchedulerRunner(passes, interval, finish=finish)


class SchedulerComponent:
    """Runs the scheduler passes every ``interval`` seconds (at once again while busy)."""

    name = "scheduler"
    notifier = None

    def __init__(self, interval: float) -> None:
        self.interval = interval

    async def attach(self, ctx: ServerContext) -> None:
        ctx.tasks.append(scheduler_runner(ctx.app, self.interval).run)

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
COMPONENTS: list[ComponentFactory] = [
    scheduler_component,
    media_component,
    slack_component,
    teams_component,
]


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
    warn_undelivered_platforms(settings, notifiers)
    metrics = metrics or standard_metrics()
    ctx = ServerContext(settings, options, env, app, build_http_app(app, metrics), metrics)
    ctx.tasks.append(app.core.delivery.run)
    for component in components:
        await component.attach(ctx)
    return Server(ctx, components)


def warn_undelivered_platforms(settings: Settings, notifiers: Mapping[str, ChatNotifier]) -> None:
    """One line when the configuration names a platform no component of this process delivers:
    its notifications are written and wait (see /healthz, /metrics, /shonin queue)."""
    missing = sorted(configured_platforms(settings) - set(notifiers))
    if missing:
        log.warning(t("serve.platform_not_running", settings.locale, platforms=", ".join(missing)))


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


YOUNG_THRESHOLD = 10_000  # allocations between young collections (Python's default: 700)


def settle_heap() -> None:
    """Move what start-up built out of the collector's way (``gc.freeze``), and collect the
    young generation less often.

    Full collections otherwise walk every module, table and model object on each pass, which
    showed as 100-200 ms pauses in the ack latency tail (benchmarks/ack_bench.py). With
    hundreds of posts in flight, each young collection walks the live state of every one of
    them (and promotes it, for the middle generation to walk again): at 700 a worker spent 0.35
    of its 2.6 CPU-s for 1,000 posts in the collector, at 10,000 0.09 (scheduler_bench.py).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])


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
