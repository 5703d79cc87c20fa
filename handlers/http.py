"""The one aiohttp application of `shonin serve`: health, metrics, and the adapters' routes.

Adapters (Slack, Teams, media hosting) add their routes through ``Component.attach``; this module
knows none of them.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

from handlers.bootstrap import App
from handlers.metrics import Metrics

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
    app = request.app[APP_KEY]
    if await app.ping():
        return web.json_response({"status": "ok"})
    return web.json_response({"status": "database unavailable"}, status=503)


async def metrics_view(request: web.Request) -> web.Response:
    body = request.app[METRICS_KEY].render()
    return web.Response(text=body, content_type="text/plain", charset="utf-8")


def build_http_app(app: App, metrics: Metrics) -> web.Application:
    """The bare application: `GET /healthz` and `GET /metrics`; components add the rest."""
    http = web.Application(middlewares=[metrics_middleware(metrics)], client_max_size=16 * 1024**2)
    http[APP_KEY] = app
    http[METRICS_KEY] = metrics
    http.router.add_get("/healthz", healthz)
    http.router.add_get("/metrics", metrics_view)
    return http
