"""The bot commands in the app package are commands the bot really understands, and cover its help menu.

Teams sends a command's title as the message text, so each title goes through the real bot
(the one conversation harness) and must land on a topic, the same one in Dutch and English.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from adapters.persistence.question_memory import InMemoryQuestionRepository, InMemorySessionRepository
from bot.app import build_language
from dialogs import cards
from dialogs.alderman_desk import QuestionDesk
from dialogs.alderman_dialog import alderman_flow
from dialogs.alderman_withdraw_dialog import alderman_withdraw_flow
from dialogs.language_flows import language_flows
from tests.dialogs.harness import CONTENT, Conversation, make_services, traces

MANIFEST = Path(__file__).resolve().parent.parent / "manifest"
PERSONAL, GROUP = 0, 1  # the order of bots[0].commandLists in manifest/manifest.json
LOCALES = {"nl": "nl-NL", "en": "en-GB"}


def strings(lang: str) -> dict[str, str]:
    return json.loads((MANIFEST / f"{lang}.json").read_text(encoding="utf-8"))


def manifest() -> dict:
    return json.loads((MANIFEST / "manifest.json").read_text(encoding="utf-8"))


def titles(lang: str, which: int) -> list[str]:
    count = len(manifest()["bots"][0]["commandLists"][which]["commands"])
    return [strings(lang)[f"bots[0].commandLists[{which}].commands[{j}].title"] for j in range(count)]


@cache
def _language():
    return build_language(CONTENT)


def conversation(lang: str, conversation_type: str = "personal") -> Conversation:
    """The bot with its real flows for these areas (rooms need a database; their topic is decided first)."""
    services = make_services()
    desk = QuestionDesk(InMemoryQuestionRepository(), InMemorySessionRepository(()))
    _, checker, lookup = _language()
    flows = (
        alderman_flow(services, desk),
        alderman_withdraw_flow(services, desk),
        *language_flows(services, checker, lookup),
    )
    return Conversation(
        services=services, locale=LOCALES[lang], conversation_type=conversation_type, flows=flows
    )


async def topic_of(title: str, lang: str, conversation_type: str = "personal") -> str:
    in_group = conversation_type != "personal"
    replies = await conversation(lang, conversation_type).say(title, mention=in_group)
    return traces(replies)[0]["topic"]


def test_the_lists_are_for_personal_chat_and_for_groups() -> None:
    lists = manifest()["bots"][0]["commandLists"]
    assert [cl["scopes"] for cl in lists] == [["personal"], ["team", "groupChat"]]
    assert set(titles("nl", GROUP)) <= set(titles("nl", PERSONAL))


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_every_command_is_understood(lang: str) -> None:
    for title in titles(lang, PERSONAL):
        assert await topic_of(title, lang) != "fallback", f"the bot does not understand {title!r}"


async def test_a_command_means_the_same_in_dutch_and_english() -> None:
    for dutch, english in zip(titles("nl", PERSONAL), titles("en", PERSONAL), strict=True):
        assert await topic_of(dutch, "nl") == await topic_of(english, "en"), (dutch, english)


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_the_commands_cover_every_area_of_the_help_menu(lang: str) -> None:
    """The menu card's buttons (the areas and 'talk to a person') each have a command, and 'help' opens it."""
    topics = {await topic_of(title, lang) for title in titles(lang, PERSONAL)}
    areas = {topic.split(".")[0] for topic in topics}
    menu = [b["data"]["area"] for b in cards.menu_card(lang)["actions"]]
    for area in menu:
        assert ("bot.human" in topics) if area == "human" else (area in areas), f"no command for {area}"
    assert "bot.help" in topics


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_group_commands_work_with_a_mention_and_leave_out_the_private_ones(lang: str) -> None:
    """In a channel a question for the alderman is refused, and a pasted draft is read by everyone
    (the compose-box check does that privately): neither is offered there."""
    for title in titles(lang, GROUP):
        topic = await topic_of(title, lang, "channel")
        assert topic != "fallback", title
        assert not topic.startswith("alderman.") and topic != "language.check", title
