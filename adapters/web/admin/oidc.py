"""OpenID Connect sign-in (authorization code flow with PKCE) for the workspace.

Authlib does the protocol's security work: PKCE values, the ID-token claims checks (issuer,
audience, expiry, issued-at, nonce, azp, at_hash) via `CodeIDToken`, and its JOSE companion
joserfc checks the RS256 signature against the provider's published keys. The HTTP calls
(discovery, token, keys) go through aiohttp, which the server already uses.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlencode

import aiohttp
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from adapters.web.admin.settings import ROLES

ALGORITHMS: Final = ("RS256",)
METADATA_SECONDS: Final = 3600.0
HTTP_TIMEOUT: Final = aiohttp.ClientTimeout(total=10)
LEEWAY_SECONDS: Final = 60


class SignInError(Exception):
    """The sign-in could not be completed; the message is safe to log (no tokens, no claims)."""


@dataclass(frozen=True)
class Identity:
    """The staff member as the provider vouches for them; `name` is for the audit log only."""

    subject: str
    name: str
    roles: frozenset[str]


@dataclass(frozen=True)
class AuthorizationRequest:
    url: str
    state: str
    nonce: str
    verifier: str


def roles_from_claim(value: object) -> frozenset[str]:
    """'editor', 'Wegwijzer.Editor' or 'wegwijzer-moderator' all count; anything else is ignored."""
    raw = value.split() if isinstance(value, str) else value if isinstance(value, list) else []
    found = set()
    for item in raw:
        if not isinstance(item, str):
            continue
        last = item.replace("-", ".").replace("_", ".").split(".")[-1].strip().casefold()
        if last in ROLES:
            found.add(last)
    return frozenset(found)


class OidcClient:
    """One relying party: discovery and keys cached for an hour, keys refetched once on an unknown kid."""

    def __init__(self, issuer: str, client_id: str, client_secret: str, scopes: str, role_claim: str) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.scopes = scopes if "openid" in scopes.split() else f"openid {scopes}".strip()
        self.role_claim = role_claim
        self._metadata: dict[str, Any] | None = None
        self._metadata_at = 0.0
        self._jwks: dict[str, Any] | None = None

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            async with aiohttp.ClientSession(timeout=HTTP_TIMEOUT) as http, http.get(url) as response:
                if response.status != 200:
                    raise SignInError(f"{url} answered {response.status}")
                data = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise SignInError(f"{url} could not be read: {type(exc).__name__}") from exc
        if not isinstance(data, dict):
            raise SignInError(f"{url} did not return a JSON object")
        return data

    async def metadata(self) -> dict[str, Any]:
        if self._metadata is None or time.monotonic() - self._metadata_at > METADATA_SECONDS:
            found = await self._get_json(self.issuer + "/.well-known/openid-configuration")
            if str(found.get("issuer", "")).rstrip("/") != self.issuer:
                raise SignInError("the provider's metadata names another issuer")
            for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
                if not isinstance(found.get(key), str):
                    raise SignInError(f"the provider's metadata lacks {key}")
            self._metadata, self._metadata_at, self._jwks = found, time.monotonic(), None
        return self._metadata

    async def authorization_request(self, redirect_uri: str) -> AuthorizationRequest:
        metadata = await self.metadata()
        state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "scope": self.scopes,
                "state": state,
                "nonce": nonce,
                "code_challenge": create_s256_code_challenge(verifier),
                "code_challenge_method": "S256",
            }
        )
        endpoint = metadata["authorization_endpoint"]
        return AuthorizationRequest(
            f"{endpoint}{'&' if '?' in endpoint else '?'}{query}", state, nonce, verifier
        )

    async def _keys(self, refresh: bool = False) -> KeySet:
        if self._jwks is None or refresh:
            self._jwks = await self._get_json((await self.metadata())["jwks_uri"])
        try:
            return KeySet.import_key_set(self._jwks)  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            raise SignInError("the provider's keys could not be read") from exc

    async def _token(self, code: str, redirect_uri: str, verifier: str) -> dict[str, Any]:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "code_verifier": verifier,
        }
        url = (await self.metadata())["token_endpoint"]
        try:
            async with (
                aiohttp.ClientSession(timeout=HTTP_TIMEOUT) as http,
                http.post(url, data=form) as response,
            ):
                data = await response.json(content_type=None)
                status = response.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise SignInError(f"the token endpoint could not be reached: {type(exc).__name__}") from exc
        if status != 200 or not isinstance(data, dict) or not isinstance(data.get("id_token"), str):
            raise SignInError(f"the token endpoint refused the code ({status})")
        return data

    async def finish(self, code: str, redirect_uri: str, nonce: str, verifier: str) -> Identity:
        """Exchange the code, check the ID token's signature and claims, read the roles."""
        token = await self._token(code, redirect_uri, verifier)
        decoded = None
        for refresh in (False, True):
            try:
                decoded = jwt.decode(
                    token["id_token"], await self._keys(refresh), algorithms=list(ALGORITHMS)
                )
                break
            except JoseError as exc:
                if refresh:
                    raise SignInError(f"the ID token's signature is not valid: {type(exc).__name__}") from exc
        assert decoded is not None
        params = {"nonce": nonce, "client_id": self.client_id}
        if isinstance(token.get("access_token"), str):
            params["access_token"] = token["access_token"]
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            options={
                "iss": {"essential": True, "value": self.issuer},
                "aud": {"essential": True, "value": self.client_id},
                "nonce": {"essential": True},
            },
            params=params,
        )
        try:
            claims.validate(leeway=LEEWAY_SECONDS)
        except JoseError as exc:
            raise SignInError(f"the ID token was refused: {type(exc).__name__}") from exc
        name = next(
            (str(claims[k]) for k in ("name", "preferred_username") if isinstance(claims.get(k), str)),
            "onbekend",
        )
        return Identity(str(claims["sub"]), name, roles_from_claim(claims.get(self.role_claim)))
