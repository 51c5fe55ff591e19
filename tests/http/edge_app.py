"""The Teams edge alone (adapter, auth, connector) around a tiny echo bot, for transport tests."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from botbuilder.core import ActivityHandler, TurnContext

from adapters.teams.adapter import create_adapter
from adapters.teams.http import MessagesEndpoint
from adapters.teams.retries import TURN_BUDGET_SECONDS

from .bot_service import APP_ID, APP_PASSWORD, FakeBotService


class EchoBot(ActivityHandler):
    async def on_message_activity(self, turn_context: TurnContext) -> None:
        await turn_context.send_activity(f"echo {turn_context.activity.text}")


def teams_activity(service: FakeBotService, text: str = "hoi", **extra: Any) -> dict[str, Any]:
    """A message as Teams delivers it: replies go back to the serviceUrl, not in the response."""
    return {
        "type": "message",
        "id": uuid.uuid4().hex,
        "channelId": "msteams",
        "serviceUrl": service.service_url,
        "conversation": {"id": "a:" + uuid.uuid4().hex, "conversationType": "personal"},
        "from": {"id": "29:" + uuid.uuid4().hex},
        "recipient": {"id": "28:" + APP_ID},
        "locale": "nl-NL",
        "text": text,
        **extra,
    }


@asynccontextmanager
async def edge_client(
    service: FakeBotService,
    app_id: str = APP_ID,
    turn_seconds: float = TURN_BUDGET_SECONDS,
    **endpoints: Any,
) -> AsyncIterator[tuple[TestClient, MessagesEndpoint]]:
    password = APP_PASSWORD if app_id else ""
    adapter = create_adapter(app_id, password, "MultiTenant", "", **{**service.endpoints(), **endpoints})
    messages = MessagesEndpoint(adapter, EchoBot(), 256 * 1024, turn_seconds=turn_seconds)
    app = web.Application()
    app.router.add_post("/api/messages", messages.handle)
    app.on_cleanup.append(messages.close)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        yield client, messages
