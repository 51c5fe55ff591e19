"""A Teams conversation whose bot also answers invokes: dialog windows and the compose-box check."""

from __future__ import annotations

import json
import uuid
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from botbuilder.schema import Activity

from adapters.persistence.question_memory import InMemoryQuestionRepository, InMemorySessionRepository
from bot.app import build_language
from dialogs.activity_handler import WegwijzerBot
from dialogs.alderman_desk import QuestionDesk
from dialogs.alderman_dialog import alderman_flow
from dialogs.alderman_withdraw_dialog import alderman_withdraw_flow
from knowledge.sessions import Session
from knowledge.withdrawal import CodeHasher
from tests.dialogs.harness import CONTENT, Conversation, make_services

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "ac-schema-1.5.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft6Validator(SCHEMA)
FAST = CodeHasher(n=2**4)
TODAY = date(2026, 11, 22)
ADAPTIVE = "application/vnd.microsoft.card.adaptive"


@cache
def checker():
    return build_language(CONTENT)[1]


def assert_valid(card: dict[str, Any]) -> None:
    errors = list(VALIDATOR.iter_errors(card))
    assert not errors, errors[0].message
    assert card.get("fallbackText"), "clients that cannot render cards need fallback text"


class Teams:
    """The alderman flows and the checker wired as bot/app.py wires them; invoke() returns the response."""

    def __init__(
        self,
        locale: str = "nl-NL",
        conversation_type: str = "personal",
        sessions: tuple[Session, ...] = (),
        with_checker: bool = True,
        typing_after: float | None = None,
        flows: tuple = (),
    ) -> None:
        self.services = make_services(TODAY)
        self.desk = QuestionDesk(
            InMemoryQuestionRepository(), InMemorySessionRepository(sessions), hasher=FAST
        )
        self.flows = flows or (
            alderman_flow(self.services, self.desk),
            alderman_withdraw_flow(self.services, self.desk),
        )
        self.chat = Conversation(
            services=self.services, locale=locale, conversation_type=conversation_type, flows=self.flows
        )
        self.chat.bot = WegwijzerBot.create(
            self.chat.storage,
            self.services,
            self.flows,
            checker=checker() if with_checker else None,
            typing_after=typing_after,
        )

    async def invoke(
        self, name: str, value: Any, activity_id: str | None = None
    ) -> tuple[Any, list[Activity]]:
        """The invoke response and whatever else the bot sent (the chat must stay empty)."""
        adapter = self.chat.adapter
        template = adapter.template
        activity = Activity(
            type="invoke",
            name=name,
            value=value,
            id=activity_id or uuid.uuid4().hex,
            locale=self.chat.locale,
            channel_id=template.channel_id,
            from_property=template.from_property,
            recipient=template.recipient,
            conversation=template.conversation,
            service_url=template.service_url,
        )
        adapter.activity_buffer.clear()
        # Not process_activity: it renumbers activity ids, and a retried delivery keeps its id.
        await adapter.run_pipeline(adapter.create_turn_context(activity), self.chat.bot.on_turn)
        replies = list(adapter.activity_buffer)
        responses = [a.value for a in replies if a.type == "invokeResponse"]
        assert len(responses) == 1, "every invoke gets exactly one response"
        return responses[0], [a for a in replies if a.type != "invokeResponse"]


def window(response: Any) -> tuple[str, dict[str, Any]]:
    """The title and card of a dialog-window answer; the card must be valid Adaptive Card 1.5."""
    assert response.status == 200
    task = response.body["task"]
    assert task["type"] == "continue"
    value = task["value"]
    assert value["card"]["contentType"] == ADAPTIVE
    assert value["height"] and value["width"]
    card = value["card"]["content"]
    assert_valid(card)
    return value["title"], card


def walk(items: list[dict[str, Any]]):
    for item in items:
        yield item
        for key in ("items", "columns"):
            if isinstance(item.get(key), list):
                yield from walk(item[key])


def card_text(card: dict[str, Any]) -> str:
    parts = []
    for block in walk(card.get("body", [])):
        if block.get("type") == "TextBlock":
            parts.append(block["text"])
        if block.get("type") == "RichTextBlock":
            parts.append("".join(run["text"] for run in block["inlines"]))
    return "\n".join(parts)


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in walk(card.get("body", [])) if i.get("type", "").startswith("Input.")}


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return list(card.get("actions", []))
