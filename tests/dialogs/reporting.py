"""Shared set-up for the reporting conversations: the real flows over the one harness, cards checked."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from botbuilder.core import MemoryStorage, Storage

from dialogs.report_flows import report_flows
from knowledge.guide import ACTION_ANSWER, Guide, load_guide
from knowledge.routes import load_routes
from tests.dialogs.harness import CONTENT, Conversation, cards, make_services

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "ac-schema-1.5.json").read_text(encoding="utf-8")
)


@lru_cache(maxsize=1)
def guide() -> Guide:
    return load_guide(CONTENT / "guide.yaml", load_routes(CONTENT / "routes.yaml"))


def reporting_chat(storage: Storage | None = None, locale: str = "nl-NL", **kwargs: Any) -> Conversation:
    """A conversation with the two reporting flows registered, as bot/app.py wires them."""
    storage = storage if storage is not None else MemoryStorage()
    services = make_services()
    return Conversation(
        services=services,
        storage=storage,
        locale=locale,
        flows=report_flows(services, guide(), storage),
        **kwargs,
    )


def valid_cards(replies: list) -> list[dict[str, Any]]:
    """Every card in the replies, each checked against the Adaptive Card 1.5 schema."""
    found = cards(replies)
    validator = jsonschema.Draft6Validator(SCHEMA)
    for card in found:
        errors = sorted(validator.iter_errors(card), key=str)
        assert not errors, f"invalid card: {errors[0].message} at {list(errors[0].absolute_path)}"
    return found


def answer(question_id: str, option_id: str) -> dict[str, str]:
    """The data of an option's button, as the question card sends it."""
    return {"action": ACTION_ANSWER, "question": question_id, "option": option_id}
