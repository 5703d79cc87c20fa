"""`GET /media/{token}`: the images Instagram fetches, behind signed, expiring tokens.

Anything but a valid, unexpired token for an image that exists gets the same bare 404, so the
route says nothing about which files exist.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

from aiohttp import web

from chatbot.adapters.media_store import LocalMediaStore
from chatbot.domain.errors import DomainError
from chatbot.ports import Clock
from handlers.settings import Settings

if TYPE_CHECKING:  # serve.py lists this component: no import cycle at run time
    from handlers.serve import ServeOptions, ServerContext

log = logging.getLogger(__name__)


def add_media_route(http: web.Application, store: LocalMediaStore, clock: Clock) -> None:
    async def serve_media(request: web.Request) -> web.StreamResponse:
        links = store.links
        key = links.verify(request.match_info["token"], clock.now()) if links else None
        if key is None:
            raise web.HTTPNotFound()
        try:
            data = await store.instagram_copy(key)
        except (DomainError, OSError, ValueError):
            raise web.HTTPNotFound() from None
        headers = {"Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff"}
        return web.Response(body=data, content_type="image/jpeg", headers=headers)

    http.router.add_get("/media/{token}", serve_media)


class MediaComponent:
    """Serves the media route when media hosting is configured (a signing secret is set)."""

    name = "media"
    notifier = None

    async def attach(self, ctx: ServerContext) -> None:
        store = ctx.app.deps.media
        if isinstance(store, LocalMediaStore) and store.links is not None:
            add_media_route(ctx.http, store, ctx.app.deps.clock)

    async def close(self) -> None:
        return None


def media_component(
    settings: Settings, options: ServeOptions, env: Mapping[str, str]
) -> MediaComponent | None:
    return MediaComponent() if settings.media_secret is not None else None
