"""Who may talk to the bot, and with which token it answers: the SDK's checks, our caches.

Incoming tokens are still checked by the SDK's own validation (issuer, audience,
expiry, service URL, endorsements). What changes is around it: the signing keys
come from an async key set that refreshes when a token names a key it does not
know (the SDK raises IndexError there, a 500), any malformed token is a 401, and
outbound clients and tokens are built once instead of on every turn.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import jwt
from botbuilder.integration.aiohttp import (
    ConfigurationBotFrameworkAuthentication,
    ConfigurationServiceClientCredentialFactory,
)
from botbuilder.schema import Activity
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)
from botframework.connector.skills import BotFrameworkClient

from adapters.teams.connector import CachedConnectorFactory
from adapters.teams.keys import KEY_REFRESH_MIN_SECONDS, AuthUnavailable, install_key_set
from adapters.teams.retries import HttpPool
from adapters.teams.tokens import TokenFetch, TokenRequest, TokenSource

# Managed-identity tokens come from the SDK's credentials, which cache them; ask again this often
# (plus the renewal margin), which costs nothing while their token is still good.
MANAGED_IDENTITY_RECHECK_SECONDS = 600.0
_TOKEN_PATH = "/oauth2/v2.0/token"  # noqa: S105  (a URL path, not a secret)


@dataclass(frozen=True)
class BotCredentials:
    """The configuration object the SDK's ConfigurationBotFrameworkAuthentication reads (its names).

    Left at None, the endpoints are the public Azure cloud's. Setting any of them
    switches the SDK to its 'parameterized' mode, in which all of them count; the
    tests point them at loopback services.
    """

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str = "MultiTenant"
    APP_TENANTID: str = ""
    TO_CHANNEL_FROM_BOT_LOGIN_URL: str | None = None
    TO_CHANNEL_FROM_BOT_OAUTH_SCOPE: str | None = None
    TO_BOT_FROM_CHANNEL_TOKEN_ISSUER: str | None = None
    TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: str | None = None
    TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL: str | None = None
    OAUTH_URL: str | None = None
    CALLER_ID: str | None = None
    KEY_REFRESH_MIN_SECONDS: float = KEY_REFRESH_MIN_SECONDS

    def channel_metadata_url(self) -> str:
        return (
            self.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
            or AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
        )

    def emulator_metadata_url(self) -> str:
        return (
            self.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL
            or AuthenticationConstants.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL
        )

    def token_url(self) -> str:
        """Where the bot gets its own token, as the SDK's app credentials would compute it."""
        login = (self.TO_CHANNEL_FROM_BOT_LOGIN_URL or "").rstrip("/")
        prefix = AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX
        if not login or login.lower().startswith(prefix):
            tenant = self.APP_TENANTID if self.APP_TYPE.lower() == "singletenant" else ""
            login = prefix + (tenant or AuthenticationConstants.DEFAULT_CHANNEL_AUTH_TENANT)
        return login + _TOKEN_PATH

    def default_scope(self) -> str:
        return self.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE or AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE


ALLOWED_ALGORITHMS = frozenset(AuthenticationConstants.ALLOWED_SIGNING_ALGORITHMS)


def check_token_shape(auth_header: str) -> None:
    """Refuse what cannot be a signed Bot Framework token before the SDK parses it."""
    scheme, _, token = auth_header.partition(" ")
    if scheme != "Bearer" or not token or " " in token:
        raise PermissionError("expected 'Bearer <token>'")
    try:
        header = jwt.get_unverified_header(token)
        jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise PermissionError("not a JSON web token") from error
    if header.get("alg") not in ALLOWED_ALGORITHMS:
        raise PermissionError("the token is not signed with an allowed algorithm")
    if not header.get("kid"):
        raise PermissionError("the token names no signing key")


class EdgeAuthentication(BotFrameworkAuthentication):
    """The SDK's authentication with cached outbound clients, and every token fault a PermissionError."""

    def __init__(self, credentials: BotCredentials, http: HttpPool) -> None:
        self.credentials = credentials
        self.http = http
        self.disabled = not credentials.APP_ID
        self._inner = ConfigurationBotFrameworkAuthentication(credentials)
        self.key_sets = [
            install_key_set(url, credentials.KEY_REFRESH_MIN_SECONDS)
            for url in (credentials.channel_metadata_url(), credentials.emulator_metadata_url())
        ]
        self._tokens: dict[str, TokenSource] = {}
        self.connectors = CachedConnectorFactory(self.tokens_for, http)
        self._user_token_clients: dict[str, UserTokenClient] = {}

    def tokens_for(self, audience: str) -> TokenSource:
        """One token source per audience; none of them asks for anything in development mode."""
        scope = audience or self.credentials.default_scope()
        source = self._tokens.get(scope)
        if source is None:
            source = self._tokens[scope] = TokenSource(self._fetcher(scope))
        return source

    def _fetcher(self, scope: str) -> TokenFetch | None:
        creds = self.credentials
        if self.disabled:
            return None
        if creds.APP_TYPE.lower() != "userassignedmsi":
            return TokenRequest(creds.token_url(), creds.APP_ID, creds.APP_PASSWORD, scope).fetcher(self.http)
        sdk_credentials: list[Any] = []

        async def managed_identity() -> tuple[str, float]:
            # The SDK's managed-identity credentials, built once (they keep their own token
            # cache); their blocking call runs in a thread, never on the event loop.
            if not sdk_credentials:
                factory = ConfigurationServiceClientCredentialFactory(creds)
                login = (
                    creds.TO_CHANNEL_FROM_BOT_LOGIN_URL
                    or AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL
                )
                sdk_credentials.append(await factory.create_credentials(creds.APP_ID, scope, login, True))
            token = await asyncio.to_thread(sdk_credentials[0].get_access_token)
            return token, MANAGED_IDENTITY_RECHECK_SECONDS

        return managed_identity

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        if self.disabled:
            auth_header = ""  # development mode: whatever was sent, the request is anonymous
        elif auth_header:
            check_token_shape(auth_header)
        try:
            result = await self._inner.authenticate_request(activity, auth_header or None)
        except (PermissionError, AuthUnavailable):
            raise
        except Exception as error:  # jwt and SDK internals raise assorted errors for bad tokens
            raise PermissionError("the token could not be validated") from error
        result.connector_factory = self.connectors
        return result

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        raise PermissionError("streaming connections are not supported")

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return self.connectors

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        """Built on first use (sign-in prompts), not on every turn as the SDK does."""
        return _LazyUserTokenClient(self, claims_identity)

    def build_user_token_client(self, claims_identity: ClaimsIdentity) -> Any:
        return self._inner.create_user_token_client(claims_identity)

    def create_bot_framework_client(self) -> BotFrameworkClient:
        return self._inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        return self._inner.get_originating_audience()

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        if not self.disabled:
            check_token_shape(auth_header or "")
        try:
            return await self._inner.authenticate_channel_request(auth_header)
        except (PermissionError, AuthUnavailable):
            raise
        except Exception as error:
            raise PermissionError("the token could not be validated") from error


class _LazyUserTokenClient(UserTokenClient):
    """Stands in for the SDK's user-token client until a dialog actually needs one."""

    def __init__(self, auth: EdgeAuthentication, claims_identity: ClaimsIdentity) -> None:
        self._auth = auth
        self._claims = claims_identity
        self._client: UserTokenClient | None = None

    async def _real(self) -> UserTokenClient:
        if self._client is None:
            self._client = await self._auth.build_user_token_client(self._claims)
        return self._client

    async def get_user_token(self, *args: Any, **kwargs: Any) -> Any:
        return await (await self._real()).get_user_token(*args, **kwargs)

    async def get_sign_in_resource(self, *args: Any, **kwargs: Any) -> Any:
        return await (await self._real()).get_sign_in_resource(*args, **kwargs)

    async def sign_out_user(self, *args: Any, **kwargs: Any) -> Any:
        return await (await self._real()).sign_out_user(*args, **kwargs)

    async def get_token_status(self, *args: Any, **kwargs: Any) -> Any:
        return await (await self._real()).get_token_status(*args, **kwargs)

    async def get_aad_tokens(self, *args: Any, **kwargs: Any) -> Any:
        return await (await self._real()).get_aad_tokens(*args, **kwargs)

    async def exchange_token(self, *args: Any, **kwargs: Any) -> Any:
        return await (await self._real()).exchange_token(*args, **kwargs)
