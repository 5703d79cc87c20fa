"""The one aiohttp application of `shonin serve`: health, metrics, and the adapters' routes.

Adapters (Slack, Teams, media hosting) add their routes through ``Component.attach``; this module
knows none of them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

from chatbot.i18n import t
from chatbot.outbox import STUCK_AFTER, Backlog
from chatbot.services.queries import stuck
from handlers.bootstrap import App, configured_platforms
from handlers.metrics import Metrics

log = logging.getLogger(__name__)

APP_KEY: web.AppKey[App] = web.AppKey("shonin_app", App)
METRICS_KEY: web.AppKey[Metrics] = web.AppKey("shonin_metrics", Metrics)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _route_name(request: web.Request) -> str:
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "unmatched"


def metrics_middleware(metrics: Metrics) -> Middleware:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        started = time.perf_counter()
        status = 500
        try:
            response = await handler(request)
            status = response.status
            return response
        except web.HTTPException as error:
            status = error.status
            raise
        finally:
            route = _route_name(request)
            metrics.inc("shonin_http_requests_total", {"route": route, "status": str(status)})
            metrics.observe(
                "shonin_http_request_seconds", time.perf_counter() - started, {"route": route}
            )

    return middleware


async def healthz(request: web.Request) -> web.Response:
    """200 while the database answers (503 otherwise), with the outbox per platform.

    Notifications nobody delivers (a platform whose process is not running) are a warning in
    the body, not a failure: restarting this process would not deliver them.
    """
    app = request.app[APP_KEY]
    if not await app.ping():
        return web.json_response({"status": "database unavailable"}, status=503)
    body: dict[str, object] = {"status": "ok"}
    try:
        backlog = await _backlog(app)
    except Exception:  # the outbox is detail: the health answer stands without it
        log.warning("the outbox could not be read for /healthz", exc_info=True)
        return web.json_response(body)
    now, here = app.deps.clock.now(), sorted(app.core.notifiers)
    body["outbox"] = {
        b.platform: {
            "pending": b.pending,
            "oldest_seconds": round((now - b.oldest).total_seconds()),
            "delivered_here": b.platform in here,
        }
        for b in backlog
    }
    minutes = int(STUCK_AFTER.total_seconds() // 60)
    locale = app.settings.locale
    body["warnings"] = [
        t(
            "health.stuck",
            locale,
            platform=b.platform,
            count=b.pending,
            minutes=minutes,
            here=", ".join(here) or "-",
        )
        for b in stuck(backlog, now)
    ]
    return web.json_response(body)


async def _backlog(app: App) -> list[Backlog]:
    async with app.deps.uow() as uow:
        return await uow.notifications.backlog()


async def metrics_view(request: web.Request) -> web.Response:
    metrics = request.app[METRICS_KEY]
    app = request.app[APP_KEY]
    try:
        backlog = await _backlog(app)
    except Exception:
        log.warning("the outbox could not be read for /metrics", exc_info=True)
    else:
        _outbox_gauges(metrics, backlog, app)
    body = metrics.render()
    return web.Response(text=body, content_type="text/plain", charset="utf-8")


def _outbox_gauges(metrics: Metrics, backlog: list[Backlog], app: App) -> None:
    """Pending rows and the oldest one's age per platform; 0 for a configured platform with
    nothing waiting, so a cleared backlog shows as 0 rather than disappearing."""
    now = app.deps.clock.now()
    platforms = configured_platforms(app.settings) | set(app.core.notifiers)
    pending = {b.platform: float(b.pending) for b in backlog}
    ages = {b.platform: max((now - b.oldest).total_seconds(), 0.0) for b in backlog}
    for platform in platforms:
        pending.setdefault(platform, 0.0)
        ages.setdefault(platform, 0.0)
    metrics.set_gauge("shonin_outbox_pending", {(("platform", p),): n for p, n in pending.items()})
    metrics.set_gauge(
        "shonin_outbox_oldest_pending_seconds",
        {(("platform", p),): age for p, age in ages.items()},
    )


def build_http_app(app: App, metrics: Metrics) -> web.Application:
    """The bare application: `GET /healthz` and `GET /metrics`; components add the rest."""
    http = web.Application(middlewares=[metrics_middleware(metrics)], client_max_size=16 * 1024**2)
    http[APP_KEY] = app
    http[METRICS_KEY] = metrics
    http.router.add_get("/healthz", healthz)
    http.router.add_get("/metrics", metrics_view)
    return http
