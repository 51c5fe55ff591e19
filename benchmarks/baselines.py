"""The other servers of benchmarks/load.py, each run as its own process.

  sdk-echo   a plain botbuilder CloudAdapter echo bot, as the SDK's samples write it (the baseline)
  bare       a bare aiohttp JSON handler doing the protocol's minimum (this machine's ceiling)
  connector  a fake Bot Connector that accepts every reply (for the normal, non-expectReplies path)

Run: .venv/bin/python benchmarks/baselines.py {sdk-echo|bare|connector} --port N
"""

from __future__ import annotations

import argparse
import json
import uuid
from typing import Any

from aiohttp import ClientSession, web


def sdk_echo_app() -> web.Application:
    from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
    from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
    from botbuilder.schema import Activity

    class Config:
        APP_ID = ""
        APP_PASSWORD = ""

    class EchoBot(ActivityHandler):
        async def on_message_activity(self, turn_context: TurnContext) -> None:
            await turn_context.send_activity(MessageFactory.text(f"Echo: {turn_context.activity.text}"))

    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(Config()))
    bot = EchoBot()

    async def messages(request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("deliveryMode") != "expectReplies":
            return await adapter.process(request, bot)
        # adapter.process() answers 500 for expectReplies (botbuilder-python #2156: it serialises
        # an already-serialised body); the same SDK calls, minus that one bug.
        activity = Activity().deserialize(body)
        response = await adapter.process_activity(
            request.headers.get("Authorization", ""), activity, bot.on_turn
        )
        return web.json_response(response.body, status=int(response.status))

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    return app


def bare_app() -> web.Application:
    """Parse the activity, answer it: in the response (expectReplies) or with one POST to the serviceUrl."""
    sessions: list[ClientSession] = []

    async def messages(request: web.Request) -> web.Response:
        body: dict[str, Any] = await request.json()
        reply = {"type": "message", "text": f"Echo: {body.get('text')}", "replyToId": body.get("id")}
        if body.get("deliveryMode") == "expectReplies":
            return web.json_response({"activities": [reply]})
        if not sessions:
            sessions.append(ClientSession())
        conversation = body["conversation"]["id"]
        url = f"{body['serviceUrl'].rstrip('/')}/v3/conversations/{conversation}/activities/{body['id']}"
        async with sessions[0].post(url, json=reply) as answer:
            await answer.read()
        return web.Response(status=201)

    async def close(_: web.Application) -> None:
        for session in sessions:
            await session.close()

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    app.on_cleanup.append(close)
    return app


def connector_app() -> web.Application:
    """Accepts POST /v3/conversations/{id}/activities[/{replyToId}] and answers a resource id."""
    received = [0]

    async def activity(request: web.Request) -> web.Response:
        await request.read()
        received[0] += 1
        return web.json_response({"id": uuid.uuid4().hex})

    async def count(_: web.Request) -> web.Response:
        return web.Response(text=json.dumps({"received": received[0]}), content_type="application/json")

    app = web.Application()
    app.router.add_post("/v3/conversations/{conversation}/activities", activity)
    app.router.add_post("/v3/conversations/{conversation}/activities/{reply}", activity)
    app.router.add_get("/count", count)
    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("which", choices=["sdk-echo", "bare", "connector"])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = {"sdk-echo": sdk_echo_app, "bare": bare_app, "connector": connector_app}[args.which]()
    web.run_app(app, host="127.0.0.1", port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
