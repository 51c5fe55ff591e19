"""`python -m bot chat`: talk to the bot in a terminal, over the same HTTP protocol Teams uses."""

from __future__ import annotations

import asyncio
import sys
import uuid
from typing import Any

import aiohttp
from aiohttp import web

from bot.settings import Settings

PROMPT = "jij> "


def render(activities: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Lines to print and the clickable buttons (numbered in order) of the bot's replies."""
    lines: list[str] = []
    buttons: list[dict[str, Any]] = []
    for act in activities:
        if act.get("type") != "message":
            continue
        if act.get("text"):
            lines.append(act["text"])
        for att in act.get("attachments") or []:
            content = att.get("content") or {}
            for item in _walk(content.get("body") or []):
                if item.get("type") == "TextBlock":
                    lines.append(item.get("text", ""))
                elif item.get("type") == "ActionSet":
                    buttons.extend(item.get("actions") or [])
                elif item.get("type") == "FactSet":
                    lines.extend(f"  {f.get('title')}: {f.get('value')}" for f in item.get("facts") or [])
            buttons.extend(content.get("actions") or [])
    for number, button in enumerate(buttons, 1):
        target = f" ({button['url']})" if button.get("type") == "Action.OpenUrl" else ""
        lines.append(f"  [{number}] {button.get('title', '')}{target}")
    return lines, buttons


def _walk(items: list[dict[str, Any]]):
    for item in items:
        yield item
        for key in ("items", "columns"):
            if isinstance(item.get(key), list):
                yield from _walk(item[key])


class ChatSession:
    """One conversation id, one pretend user; the bot answers with expectReplies."""

    def __init__(self, base_url: str, locale: str = "nl-NL") -> None:
        self.url = base_url.rstrip("/") + "/api/messages"
        self.conversation = "terminal-" + uuid.uuid4().hex
        self.user = "terminal-user-" + uuid.uuid4().hex[:8]
        self.locale = locale

    def activity(self, text: str | None = None, value: Any = None, kind: str = "message") -> dict[str, Any]:
        act: dict[str, Any] = {
            "type": kind,
            "id": uuid.uuid4().hex,
            "channelId": "emulator",
            "serviceUrl": "http://127.0.0.1:9/",
            "conversation": {"id": self.conversation, "conversationType": "personal"},
            "from": {"id": self.user, "name": "Jij"},
            "recipient": {"id": "wegwijzer", "name": "Wegwijzer"},
            "locale": self.locale,
            "deliveryMode": "expectReplies",
        }
        if text is not None:
            act["text"] = text
        if value is not None:
            act["value"] = value
        if kind == "conversationUpdate":
            act["membersAdded"] = [{"id": "wegwijzer"}]
        return act

    async def send(self, http: aiohttp.ClientSession, act: dict[str, Any]) -> list[dict[str, Any]]:
        async with http.post(self.url, json=act) as resp:
            if resp.status != 200:
                return [{"type": "message", "text": f"(server answered {resp.status})"}]
            return list((await resp.json()).get("activities") or [])


async def _loop(base_url: str) -> None:
    session = ChatSession(base_url)
    buttons: list[dict[str, Any]] = []
    async with aiohttp.ClientSession() as http:
        lines, buttons = render(await session.send(http, session.activity(kind="conversationUpdate")))
        print("\n".join(f"bot> {line}" for line in lines))
        print("(typ een nummer om op een knop te drukken; 'exit' stopt)")
        while True:
            try:
                said = await asyncio.to_thread(input, PROMPT)
            except (EOFError, KeyboardInterrupt):
                break
            said = said.strip()
            if said.lower() in ("exit", "quit"):
                break
            if said.isdigit() and 1 <= int(said) <= len(buttons):
                button = buttons[int(said) - 1]
                if button.get("type") != "Action.Submit":
                    print(f"bot> open: {button.get('url')}")
                    continue
                act = session.activity(value=button.get("data"))
            else:
                act = session.activity(text=said)
            lines, buttons = render(await session.send(http, act))
            print("\n".join(f"bot> {line}" for line in lines))


async def _in_process(settings: Settings) -> None:
    from adapters.persistence.migrate import upgrade
    from bot.app import create_app

    await asyncio.to_thread(upgrade, settings.database_url)
    runner = web.AppRunner(create_app(settings), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        await _loop(f"http://127.0.0.1:{port}")
    finally:
        await runner.cleanup()


def run_terminal_chat(settings: Settings, url: str | None = None) -> int:
    try:
        asyncio.run(_loop(url) if url else _in_process(settings))
    except aiohttp.ClientError as exc:
        print(f"error: cannot reach the bot: {exc}", file=sys.stderr)
        return 1
    return 0
