"""The keys that sign the channel's tokens, fetched without blocking and refreshed when they rotate."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import aiohttp
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor
from jwt.algorithms import RSAAlgorithm

log = logging.getLogger("wegwijzer.auth")

# A token naming an unknown key refreshes the key set, at most this often (an
# attacker's random key ids must not turn into a flood of metadata requests).
KEY_REFRESH_MIN_SECONDS = 300.0
KEY_MAX_AGE_SECONDS = 24 * 3600.0
KEY_RETRY_SECONDS = 60.0


class AuthUnavailable(Exception):
    """The signing keys could not be fetched: the request may be fine, we cannot tell (503, not 401)."""


class _SigningKey:
    """What the SDK's token extractor reads from its metadata: a public key and endorsements."""

    def __init__(self, public_key: Any, endorsements: list[str]) -> None:
        self.public_key = public_key
        self.endorsements = endorsements


class KeySet:
    """The signing keys behind one OpenID metadata URL, fetched without blocking the event loop."""

    # It takes the place of the SDK's _OpenIdMetadata in JwtTokenExtractor's
    # per-URL cache, so the SDK's validation keeps working unchanged around it.

    def __init__(self, metadata_url: str, min_refresh_seconds: float = KEY_REFRESH_MIN_SECONDS) -> None:
        self.url = metadata_url
        self.min_refresh_seconds = min_refresh_seconds
        self.refreshes = 0
        self._keys: dict[str, _SigningKey] = {}
        self._due = -float("inf")  # when the keys are old enough to fetch again
        self._last_try = -float("inf")
        self._locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    async def get(self, key_id: str | None) -> _SigningKey:
        if not key_id:
            raise PermissionError("the token names no signing key")
        if time.monotonic() >= self._due:
            await self._refresh(keep_old=bool(self._keys))
        key = self._keys.get(key_id)
        if key is None and time.monotonic() - self._last_try >= self.min_refresh_seconds:
            await self._refresh(keep_old=False)  # keys rotate: look again before refusing
            key = self._keys.get(key_id)
        if key is None:
            raise PermissionError("the token is signed with an unknown key")
        return key

    async def _refresh(self, keep_old: bool) -> None:
        tried = self._last_try
        async with self._locks.setdefault(asyncio.get_running_loop(), asyncio.Lock()):
            if self._last_try != tried:
                if not self._keys:
                    raise AuthUnavailable("the signing keys could not be fetched")
                return  # another request fetched (or failed to) while this one waited
            self._last_try = time.monotonic()
            try:
                self._keys = await self._fetch()
            except AuthUnavailable:
                if not keep_old:
                    raise
                self._due = time.monotonic() + KEY_RETRY_SECONDS  # yesterday's keys beat none
                return
            self._due = time.monotonic() + KEY_MAX_AGE_SECONDS
            self.refreshes += 1

    async def _fetch(self) -> dict[str, _SigningKey]:
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
                async with session.get(self.url) as response:
                    response.raise_for_status()
                    jwks_uri = (await response.json(content_type=None))["jwks_uri"]
                async with session.get(jwks_uri) as response:
                    response.raise_for_status()
                    document = await response.json(content_type=None)
            keys = {}
            for jwk in document["keys"]:
                if isinstance(jwk, dict) and jwk.get("kid") and jwk.get("kty") == "RSA":
                    public_key = RSAAlgorithm.from_jwk(json.dumps(jwk))
                    keys[str(jwk["kid"])] = _SigningKey(public_key, list(jwk.get("endorsements") or []))
        except (aiohttp.ClientError, TimeoutError, ValueError, KeyError, TypeError) as error:
            log.warning(
                "signing keys unavailable", extra={"event": "keys_failed", "error_type": type(error).__name__}
            )
            raise AuthUnavailable("the signing keys could not be fetched") from error
        return keys


def install_key_set(metadata_url: str, min_refresh_seconds: float) -> KeySet:
    """Put our key set where the SDK looks for the keys of this metadata URL (once per process)."""
    current = JwtTokenExtractor.metadataCache.get(metadata_url)
    if isinstance(current, KeySet):
        current.min_refresh_seconds = min_refresh_seconds
        return current
    keys = KeySet(metadata_url, min_refresh_seconds)
    JwtTokenExtractor.metadataCache[metadata_url] = keys
    return keys
