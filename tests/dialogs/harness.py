"""The one conversation harness: the real bot over the SDK's TestAdapter, with Teams-shaped activities."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from botbuilder.core import MemoryStorage, Storage
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, Entity

from adapters.persistence.memory import InMemoryFeedbackLog, InMemoryGapLog
from bot.app import build_brain
from dialogs.activity_handler import WegwijzerBot
from dialogs.services import Services

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "knowledge" / "content"
BOT = ChannelAccount(id="28:wegwijzer-bot", name="Wegwijzer")
_BRAIN = None


def brain():
    """Content is loaded once per test session: it is immutable."""
    global _BRAIN
    if _BRAIN is None:
        _BRAIN = build_brain(CONTENT)
    return _BRAIN


def make_services(today: date = date(2026, 11, 22)) -> Services:
    return Services(brain=brain(), gaps=InMemoryGapLog(), feedback=InMemoryFeedbackLog(), today=lambda: today)


class Conversation:
    """One Teams conversation with one user; say() returns what the bot sent back."""

    def __init__(
        self,
        services: Services | None = None,
        storage: Storage | None = None,
        locale: str = "nl-NL",
        conversation_type: str = "personal",
        flows: tuple = (),
    ) -> None:
        self.services = services or make_services()
        self.storage = storage or MemoryStorage()
        self.bot = WegwijzerBot.create(self.storage, self.services, flows)
        self.locale = locale
        self.user = ChannelAccount(
            id=f"29:{uuid.uuid4().hex}", name="Test Medewerker", aad_object_id=str(uuid.uuid4())
        )
        self.conversation = ConversationAccount(
            id=f"a:{uuid.uuid4().hex}", conversation_type=conversation_type, tenant_id=str(uuid.uuid4())
        )
        template = Activity(
            channel_id="msteams",
            service_url="https://smba.trafficmanager.net/emea/",
            conversation=self.conversation,
            from_property=self.user,
            recipient=BOT,
        )
        self.adapter = TestAdapter(template_or_conversation=template, send_trace_activities=True)

    async def send(self, activity: Activity) -> list[Activity]:
        self.adapter.activity_buffer.clear()
        await self.adapter.process_activity(activity, self.bot.on_turn)
        return list(self.adapter.activity_buffer)

    async def say(self, text: str | None = None, value: Any = None, mention: bool = False) -> list[Activity]:
        entities = None
        if mention:
            text = f"<at>{BOT.name}</at> {text or ''}"
            entities = [
                Entity().deserialize(
                    {
                        "type": "mention",
                        "text": f"<at>{BOT.name}</at>",
                        "mentioned": {"id": BOT.id, "name": BOT.name},
                    }
                )
            ]
        activity = Activity(
            type="message",
            id=uuid.uuid4().hex,
            text=text,
            value=value,
            locale=self.locale,
            entities=entities,
            channel_data={"tenant": {"id": self.conversation.tenant_id}},
        )
        return await self.send(activity)

    async def install(self) -> list[Activity]:
        return await self.send(Activity(type="conversationUpdate", members_added=[BOT], locale=self.locale))

    async def click(self, data: dict[str, Any]) -> list[Activity]:
        return await self.say(value=data)


def cards(replies: list[Activity]) -> list[dict[str, Any]]:
    return [
        att.content
        for a in replies
        for att in (a.attachments or [])
        if att.content_type == "application/vnd.microsoft.card.adaptive"
    ]


def texts(replies: list[Activity]) -> str:
    """Everything a person would read: message texts and card text blocks, joined."""
    parts = [a.text for a in replies if a.type == "message" and a.text]
    for card in cards(replies):
        for block in _walk(card.get("body", [])):
            if block.get("type") == "TextBlock":
                parts.append(block["text"])
    return "\n".join(parts)


def buttons(replies: list[Activity]) -> list[dict[str, Any]]:
    found = []
    for card in cards(replies):
        found.extend(card.get("actions", []))
        for block in _walk(card.get("body", [])):
            if block.get("type") == "ActionSet":
                found.extend(block["actions"])
    return found


def traces(replies: list[Activity], name: str = "knowledge.match") -> list[dict[str, Any]]:
    return [a.value for a in replies if a.type == "trace" and a.name == name]


def _walk(items: list[dict[str, Any]]):
    for item in items:
        yield item
        for key in ("items", "columns", "body"):
            if isinstance(item.get(key), list):
                yield from _walk(item[key])
