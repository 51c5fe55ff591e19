"""Every card the bot sends validates against the official Adaptive Card 1.5 schema (what Teams renders)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from dialogs import cards
from tests.dialogs.harness import Conversation, brain
from tests.dialogs.harness import cards as cards_of

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "ac-schema-1.5.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft6Validator(SCHEMA)


def assert_valid(card: dict) -> None:
    errors = list(VALIDATOR.iter_errors(card))
    assert not errors, errors[0].message
    assert card.get("fallbackText"), "clients that cannot render cards need fallback text"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_entry_card_is_valid(lang: str) -> None:
    kb = brain().kb
    for entry in kb.entries.values():
        follow = [kb.entries[f] for f in entry.followups]
        assert_valid(cards.answer_card(entry, lang, follow))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_menu_clarify_and_emergency_cards_are_valid(lang: str) -> None:
    entries = list(brain().kb.entries.values())[:3]
    assert_valid(cards.menu_card(lang, "intro"))
    assert_valid(cards.clarify_card(entries, lang))
    assert_valid(cards.emergency_card("danger", lang))
    assert_valid(cards.emergency_card("self_harm", lang))
    assert_valid(cards.sensitive_fallback_card(lang))


async def test_cards_sent_in_conversation_are_valid() -> None:
    chat = Conversation()
    sent = []
    for text in ("hoi", "waar kan ik melden", "ik word gepest", "xyz onzin", "help"):
        sent += cards_of(await chat.say(text))
    for area in ("language", "quietroom", "report", "alderman", "human"):
        sent += cards_of(await chat.click({"action": "menu", "area": area}))
    assert sent
    for card in sent:
        assert_valid(card)
