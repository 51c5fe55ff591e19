"""The bot's own access token for the Bot Connector: fetched once per validity period, never per reply."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from msrest.authentication import Authentication

from adapters.teams.retries import HttpPool, request_timeout, send_with_retries

# A token is renewed this long before it expires, so a reply never carries a stale one.
TOKEN_REFRESH_MARGIN_SECONDS = 300.0


class TokenError(Exception):
    """No access token could be had for the Bot Connector."""


# Fetches a token: (the token, seconds it stays valid).
TokenFetch = Callable[[], Awaitable[tuple[str, float]]]


@dataclass(frozen=True)
class TokenRequest:
    """Client-credentials grant for one app and one audience (scope)."""

    token_url: str
    app_id: str
    password: str
    scope: str

    def fetcher(self, http: HttpPool) -> TokenFetch:
        async def fetch() -> tuple[str, float]:
            form = {
                "grant_type": "client_credentials",
                "client_id": self.app_id,
                "client_secret": self.password,
                "scope": self.scope.rstrip("/") + "/.default",
            }
            status, body = await send_with_retries(
                "token request",
                lambda: http.session().post(self.token_url, data=form, timeout=request_timeout()),
            )
            try:
                answer = json.loads(body) if status == 200 else {}
                return str(answer["access_token"]), float(answer.get("expires_in", 3600))
            except (ValueError, KeyError, TypeError):
                # The body can name the app; the status is enough to act on.
                raise TokenError(f"token endpoint answered {status} without a usable token") from None

        return fetch


class TokenSource:
    """An access token fetched once per validity period and shared by every reply."""

    def __init__(
        self,
        fetch: TokenFetch | TokenRequest | None,
        http: HttpPool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if isinstance(fetch, TokenRequest):
            assert http is not None, "a token request needs the HTTP pool"
            fetch = fetch.fetcher(http)
        self._fetch = fetch
        self._clock = clock
        self._token: str | None = None
        self._renew_at = 0.0
        self._lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None
        self.fetches = 0

    def cached(self) -> str | None:
        return self._token if self._clock() < self._renew_at else None

    def invalidate(self) -> None:
        self._renew_at = 0.0

    async def token(self) -> str | None:
        """None when the bot has no app id (development mode: replies go unauthenticated)."""
        if self._fetch is None:
            return None
        token = self.cached()
        if token is not None:
            return token
        async with self._loop_lock():  # one fetch for many replies waiting on it
            return self.cached() or await self._renew(self._fetch)

    def _loop_lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._lock is None or self._lock_loop is not loop:
            self._lock, self._lock_loop = asyncio.Lock(), loop
        return self._lock

    async def _renew(self, fetch: TokenFetch) -> str:
        self.fetches += 1
        token, lifetime = await fetch()
        self._token = token
        self._renew_at = self._clock() + max(30.0, lifetime - TOKEN_REFRESH_MARGIN_SECONDS)
        return token


class TokenCredentials(Authentication):
    """msrest credentials over the shared token, for the rare calls that go through the SDK client."""

    def __init__(self, tokens: TokenSource) -> None:
        self._tokens = tokens

    def signed_session(self, session: Any = None) -> Any:
        session = super().signed_session(session)
        token = self._tokens.cached()
        if token:
            session.headers["Authorization"] = f"Bearer {token}"
        return session
