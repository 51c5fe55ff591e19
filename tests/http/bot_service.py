"""A local stand-in for Azure Bot Service on loopback: Bot Connector REST, token endpoint, OpenID keys.

It speaks the real protocols: replies arrive as POST /v3/conversations/{id}/activities[/{replyToId}],
the bot's own token comes from POST /{tenant}/oauth2/v2.0/token (client-credentials grant), and the
keys that sign incoming tokens are served from an OpenID metadata document and its JWKS.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jwt
from aiohttp import web
from aiohttp.test_utils import TestServer
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

APP_ID = "00000000-0000-0000-0000-00000000b07a"
APP_PASSWORD = "not-a-real-secret"
CHANNEL_ISSUER = "https://api.botframework.com"
SCOPE = "https://api.botframework.com"
TENANT = "botframework.com"


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private: Any

    def jwk(self, endorsements: Sequence[str] = ("msteams", "emulator")) -> dict[str, Any]:
        public = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        return {**public, "kid": self.kid, "use": "sig", "endorsements": list(endorsements)}


@cache
def signing_key(kid: str) -> SigningKey:
    """RSA keys are slow to make: one per key id per test run."""
    return SigningKey(kid, rsa.generate_private_key(public_exponent=65537, key_size=2048))


@dataclass
class Received:
    method: str
    path: str
    authorization: str | None
    body: Any


@dataclass
class FakeBotService:
    """Scripted answers: `connector_script` holds (status, headers) pairs used before answering 200."""

    published: list[SigningKey] = field(default_factory=lambda: [signing_key("key-1")])
    token_lifetime: int = 3600
    connector_script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    attempts: list[Received] = field(default_factory=list)
    delivered: list[Received] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    metadata_fetches: int = 0
    key_fetches: int = 0
    metadata_down: bool = False
    server: TestServer | None = None

    async def start(self) -> FakeBotService:
        app = web.Application()
        app.router.add_route("*", "/v3/conversations/{conversation}/activities", self._activities)
        app.router.add_route("*", "/v3/conversations/{conversation}/activities/{activity}", self._activities)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_get("/openid", self._metadata)
        app.router.add_get("/keys", self._keys)
        self.server = TestServer(app, host="127.0.0.1")
        await self.server.start_server()
        return self

    async def close(self) -> None:
        if self.server is not None:
            await self.server.close()

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("")).rstrip("/")

    @property
    def service_url(self) -> str:
        return self.url + "/"

    def endpoints(self, **extra: Any) -> dict[str, Any]:
        """BotCredentials' endpoint fields pointing here (the SDK's parameterized configuration)."""
        return {
            "TO_CHANNEL_FROM_BOT_LOGIN_URL": f"{self.url}/{TENANT}",
            "TO_CHANNEL_FROM_BOT_OAUTH_SCOPE": SCOPE,
            "TO_BOT_FROM_CHANNEL_TOKEN_ISSUER": CHANNEL_ISSUER,
            "TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL": f"{self.url}/openid",
            "TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL": f"{self.url}/openid",
            **extra,
        }

    def token(self, key: SigningKey | None = None, kid: str | None = None, **claims: Any) -> str:
        """A channel token as Azure Bot Service signs it; claims override the defaults."""
        key = key or self.published[0]
        now = int(time.time())
        body = {
            "iss": CHANNEL_ISSUER,
            "aud": APP_ID,
            "serviceurl": self.service_url,
            "nbf": now - 60,
            "exp": now + 3600,
            **claims,
        }
        body = {k: v for k, v in body.items() if v is not None}
        return jwt.encode(body, key.private, algorithm="RS256", headers={"kid": kid or key.kid})

    async def _activities(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else None
        seen = Received(request.method, request.path, request.headers.get("Authorization"), body)
        self.attempts.append(seen)
        if self.connector_script:
            status, headers = self.connector_script.pop(0)
            if status >= 300:
                return web.json_response({"error": {"code": "busy"}}, status=status, headers=headers)
        self.delivered.append(seen)
        return web.json_response({"id": uuid.uuid4().hex})

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.token_requests.append({k: str(v) for k, v in form.items()})
        if form.get("client_id") != APP_ID or form.get("client_secret") != APP_PASSWORD:
            return web.json_response({"error": "invalid_client"}, status=401)
        return web.json_response(
            {
                "token_type": "Bearer",
                "expires_in": self.token_lifetime,
                "access_token": f"bot-token-{len(self.token_requests)}",
            }
        )

    async def _metadata(self, request: web.Request) -> web.Response:
        self.metadata_fetches += 1
        if self.metadata_down:
            return web.json_response({"error": "down"}, status=503)
        return web.json_response({"issuer": CHANNEL_ISSUER, "jwks_uri": f"{self.url}/keys"})

    async def _keys(self, request: web.Request) -> web.Response:
        self.key_fetches += 1
        return web.json_response({"keys": [key.jwk() for key in self.published]})
