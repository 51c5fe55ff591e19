"""Replies to the Bot Connector: one client per service URL, one token per validity period, bounded retries.

The SDK builds two msrest clients for every turn (msrest's ClientRetryPolicy
alone costs ~4 ms each) and a new MSAL confidential client per reply, whose
empty token cache means a blocking token request on the event loop for every
reply. Here the hot calls (send, reply, update, delete) are plain aiohttp
requests over one shared session; anything else a caller asks of the client
falls through to a real SDK ConnectorClient, built once per service URL.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from botbuilder.schema import Activity, ResourceResponse
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import ConnectorFactory

from adapters.teams.retries import USER_AGENT, ConnectorError, HttpPool, request_timeout, send_with_retries
from adapters.teams.tokens import TokenCredentials, TokenSource
from adapters.teams.wire import to_wire

# Service URLs are a handful of regional endpoints; the bound only stops a flood of odd ones.
MAX_CLIENTS = 64


class BotConnector:
    """A ConnectorClient look-alike: the hot calls are ours, everything else is the SDK's own client."""

    def __init__(self, base_url: str | None, tokens: TokenSource, http: HttpPool) -> None:
        self.base_url = (base_url or "").rstrip("/")
        self.tokens = tokens
        self.http = http
        self.conversations = _Conversations(self)
        self._sdk: ConnectorClient | None = None

    def sdk_client(self) -> ConnectorClient:
        if self._sdk is None:
            self._sdk = ConnectorClient(TokenCredentials(self.tokens), base_url=self.base_url)
            self._sdk.config.add_user_agent(USER_AGENT)
        return self._sdk

    def __getattr__(self, name: str) -> Any:
        # attachments, config (TeamsInfo reads config.credentials), ...
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.sdk_client(), name)

    async def call(self, method: str, path: str, what: str, body: Any = None) -> dict[str, Any]:
        url = self.base_url + path
        payload = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        renewed = False
        while True:
            token = await self.tokens.token()
            headers = {"Content-Type": "application/json; charset=utf-8"} if payload is not None else {}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            status, answer = await send_with_retries(
                what,
                lambda h=headers: self.http.session().request(
                    method, url, data=payload, headers=h, timeout=request_timeout()
                ),
            )
            if status == 401 and token and not renewed:
                self.tokens.invalidate()  # revoked or rotated early: one fresh token, then give up
                renewed = True
                continue
            if not 200 <= status < 300:
                raise ConnectorError(status, what)
            return _json_object(answer)


class _Conversations:
    def __init__(self, connector: BotConnector) -> None:
        self._connector = connector

    async def send_to_conversation(
        self, conversation_id: str, activity: Activity, **_: Any
    ) -> ResourceResponse:
        path = f"/v3/conversations/{_segment(conversation_id)}/activities"
        answer = await self._connector.call("POST", path, "send", to_wire(activity))
        return ResourceResponse(id=answer.get("id"))

    async def reply_to_activity(
        self, conversation_id: str, activity_id: str, activity: Activity, **_: Any
    ) -> ResourceResponse:
        path = f"/v3/conversations/{_segment(conversation_id)}/activities/{_segment(activity_id)}"
        answer = await self._connector.call("POST", path, "reply", to_wire(activity))
        return ResourceResponse(id=answer.get("id"))

    async def update_activity(
        self, conversation_id: str, activity_id: str, activity: Activity, **_: Any
    ) -> ResourceResponse:
        path = f"/v3/conversations/{_segment(conversation_id)}/activities/{_segment(activity_id)}"
        answer = await self._connector.call("PUT", path, "update", to_wire(activity))
        return ResourceResponse(id=answer.get("id"))

    async def delete_activity(self, conversation_id: str, activity_id: str, **_: Any) -> None:
        path = f"/v3/conversations/{_segment(conversation_id)}/activities/{_segment(activity_id)}"
        await self._connector.call("DELETE", path, "delete")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        operation = getattr(self._connector.sdk_client().conversations, name)
        tokens = self._connector.tokens

        async def with_token(*args: Any, **kwargs: Any) -> Any:
            await tokens.token()  # msrest signs synchronously: have the token ready first
            return await operation(*args, **kwargs)

        return with_token


def _segment(value: object) -> str:
    return quote(str(value or ""), safe="")


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body) if body else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class CachedConnectorFactory(ConnectorFactory):
    """Hands every turn the same client for its service URL and audience, and one token per audience."""

    def __init__(self, tokens_for: Callable[[str], TokenSource], http: HttpPool) -> None:
        self._tokens_for = tokens_for
        self._http = http
        self._clients: OrderedDict[tuple[str, str], BotConnector] = OrderedDict()

    async def create(self, service_url: str, audience: str | None = None) -> BotConnector:
        key = (service_url or "", audience or "")
        client = self._clients.get(key)
        if client is None:
            client = BotConnector(service_url, self._tokens_for(audience or ""), self._http)
            self._clients[key] = client
            if len(self._clients) > MAX_CLIENTS:
                self._clients.popitem(last=False)
        else:
            self._clients.move_to_end(key)
        return client
