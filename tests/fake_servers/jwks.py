"""A fake signing-key endpoint (JWKS) for incoming Teams tokens: aiohttp on a loopback port.

The test makes RSA keys, signs tokens with them and publishes the public halves here; the Teams
component's validator is pointed at ``url`` instead of Microsoft's key endpoints.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.fake_servers.loopback import on_loopback

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"


@dataclass
class Signer:
    """An RSA key pair with a key id; signs tokens as the Bot Framework token service does."""

    kid: str
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    def jwk(self) -> dict[str, Any]:
        public: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {**public, "kid": self.kid, "use": "sig", "alg": "RS256"}

    def token(self, audience: str, *, lifetime: int = 3600, **claims: Any) -> str:
        now = int(time.time())
        body = {
            "iss": BOT_FRAMEWORK_ISSUER,
            "aud": audience,
            "iat": now - 60,
            "nbf": now - 60,
            "exp": now + lifetime,
            **claims,
        }
        return jwt.encode(body, self.key, algorithm="RS256", headers={"kid": self.kid})


@dataclass
class FakeJwks:
    published: list[Signer] = field(default_factory=list)
    requests: int = 0
    url: str = ""

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/keys", self._keys)
        return app

    async def _keys(self, request: web.Request) -> web.Response:
        self.requests += 1
        return web.json_response({"keys": [signer.jwk() for signer in self.published]})


@asynccontextmanager
async def jwks_server(*published: Signer) -> AsyncIterator[FakeJwks]:
    fake = FakeJwks(list(published))
    async with on_loopback(fake.app()) as server:
        fake.url = str(server.make_url("/keys"))
        yield fake
