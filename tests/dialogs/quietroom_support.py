"""Shared set-up for the quiet-room conversation tests: a directory, a fixed clock, schema checks."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema

from adapters.persistence.room_memory import InMemoryRoomFeedbackLog
from bot.rooms_setup import room_flows
from knowledge.rooms import QuietRoom, RoomCatalog
from tests.dialogs.harness import Conversation, cards, make_services, traces
from tests.knowledge.rooms_factory import directory

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "ac-schema-1.5.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft6Validator(SCHEMA)
MONDAY_10 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam


class RoomChat(Conversation):
    """A conversation with both quiet-room flows; each reply is checked for the card schema and one trace."""

    def __init__(self, rooms: list[QuietRoom] | None = None, now: datetime = MONDAY_10, **kwargs) -> None:
        services = make_services()
        self.catalog = RoomCatalog(directory() if rooms is None else rooms)
        self.room_feedback = InMemoryRoomFeedbackLog()
        flows = room_flows(services, self.catalog, self.room_feedback, lambda: now)
        super().__init__(services=services, flows=flows, **kwargs)

    async def say(self, text=None, value=None, mention=False):
        replies = await super().say(text, value, mention)
        for card in cards(replies):
            errors = list(VALIDATOR.iter_errors(card))
            assert not errors, errors[0].message
            assert card.get("fallbackText"), "clients that cannot render cards need fallback text"
        assert len(traces(replies)) == 1, "every message turn ends with exactly one knowledge.match trace"
        return replies


def button(replies: list, title: str) -> dict:
    from tests.dialogs.harness import buttons

    found = [b for b in buttons(replies) if b["title"] == title]
    assert found, f"no button {title!r} in {[b['title'] for b in buttons(replies)]}"
    return found[0]["data"]
