"""POST /api/messages: our own HTTP edge in front of the SDK.

The SDK's aiohttp CloudAdapter.process answers 500 for expectReplies
(botbuilder-python #2156: it serialises an already-serialised dict) and for a
missing Content-Type or malformed JSON. This handler validates first, then
hands a well-formed activity to CloudAdapter.process_activity.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from botbuilder.core import Bot
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity

from adapters.teams.activity_schema import check_activity
from adapters.web.json_input import BadRequest, read_json

log = logging.getLogger("wegwijzer.http")


class MessagesEndpoint:
    """Validates, authenticates and runs one Bot Framework activity."""

    def __init__(self, adapter: CloudAdapter, bot: Bot, max_bytes: int) -> None:
        self.adapter = adapter
        self.bot = bot
        self.max_bytes = max_bytes

    async def handle(self, request: web.Request) -> web.StreamResponse:
        try:
            body = await read_json(request, self.max_bytes)
        except BadRequest as bad:
            return bad.response()
        problem = check_activity(body)
        if problem:
            return web.json_response({"error": problem}, status=400)
        try:
            activity = Activity().deserialize(body)
        except Exception:  # msrest raises assorted errors on odd shapes
            return web.json_response({"error": "not a valid activity"}, status=400)
        auth_header = request.headers.get("Authorization", "")
        try:
            response = await self.adapter.process_activity(auth_header, activity, self.bot.on_turn)
        except PermissionError:
            return web.json_response({"error": "unauthorized"}, status=401)
        if response is None:
            return web.Response(status=201)
        return web.json_response(_jsonable(response.body), status=int(response.status or 200))


def _jsonable(body: Any) -> Any:
    """InvokeResponse bodies are dicts already, or SDK models that can serialise themselves."""
    if body is None or isinstance(body, (dict, list, str, int, float, bool)):
        return body
    serialize = getattr(body, "serialize", None)
    return serialize() if callable(serialize) else body
