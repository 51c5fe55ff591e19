"""`python -m bot chat`: the terminal client renders cards and talks the real protocol to the real app."""

from __future__ import annotations

import aiohttp
from aiohttp.test_utils import TestClient

from bot.terminal_chat import ChatSession, render


def test_render_shows_texts_facts_and_numbered_buttons() -> None:
    card = {
        "type": "AdaptiveCard",
        "body": [
            {"type": "TextBlock", "text": "Titel"},
            {
                "type": "Container",
                "items": [{"type": "FactSet", "facts": [{"title": "Open", "value": "8-18"}]}],
            },
            {"type": "ActionSet", "actions": [{"type": "Action.Submit", "title": "👍", "data": {"a": 1}}]},
        ],
        "actions": [{"type": "Action.OpenUrl", "title": "Bel 112", "url": "tel:112"}],
    }
    activities = [
        {"type": "trace", "name": "knowledge.match"},
        {"type": "message", "text": "hallo", "attachments": [{"content": card}]},
    ]
    lines, buttons = render(activities)
    assert lines[:3] == ["hallo", "Titel", "  Open: 8-18"]
    assert "  [1] 👍" in lines
    assert "  [2] Bel 112 (tel:112)" in lines
    assert [b["title"] for b in buttons] == ["👍", "Bel 112"]


async def test_a_session_gets_the_welcome_and_an_answer(client: TestClient) -> None:
    session = ChatSession(str(client.make_url("/")))
    async with aiohttp.ClientSession() as http:
        welcome = await session.send(http, session.activity(kind="conversationUpdate"))
        lines, buttons = render(welcome)
        assert any("Wegwijzer" in line for line in lines)
        assert len(buttons) >= 4
        answer = await session.send(http, session.activity(value=buttons[2]["data"]))
        assert render(answer)[0]
