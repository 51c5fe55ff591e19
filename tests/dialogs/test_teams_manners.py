"""Good manners in Teams: personal chat first, mentions in groups, no questions for the alderman there,
other people's names left alone, and a typing indicator for slow turns only."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from botbuilder.schema import Activity, Entity

from dialogs._sdk import ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext
from dialogs.flow import Flow
from tests.dialogs.harness import BOT, buttons, cards, texts, traces
from tests.dialogs.teams_support import Teams, assert_valid

CHAT_LINK = "https://teams.microsoft.com/l/chat/0/0?users=28:wegwijzer-bot"
QUESTION = "Hoe gaat het met de stilteruimtes op alle locaties?"


def open_chat_links(replies: list[Activity]) -> list[str]:
    return [b["url"] for b in buttons(replies) if b["type"] == "Action.OpenUrl" and "l/chat" in b["url"]]


@pytest.mark.parametrize("conversation_type", ["groupChat", "channel"])
async def test_without_a_mention_the_bot_stays_quiet_but_with_one_it_answers(conversation_type: str) -> None:
    teams = Teams(conversation_type=conversation_type)
    quiet = await teams.chat.say("waar is de stilteruimte?")
    assert [a.type for a in quiet] == ["trace"]  # only the trace, which Teams never shows
    answered = await teams.chat.say("waar is de stilteruimte?", mention=True)
    assert traces(answered)[0]["topic"].startswith("quietroom.")
    assert "Wegwijzer" not in "".join(a.text or "" for a in answered if a.type == "message")


async def test_a_button_click_in_a_channel_needs_no_mention() -> None:
    teams = Teams(conversation_type="channel")
    replies = await teams.chat.click({"action": "menu", "area": "language"})
    assert cards(replies), "a click on the bot's own card is addressed to the bot"


@pytest.mark.parametrize("conversation_type", ["groupChat", "channel"])
@pytest.mark.parametrize(
    ("say", "click"),
    [
        ("ik wil een vraag stellen aan de wethouder", None),
        (None, {"action": "alderman.start"}),
        (None, {"action": "alderman.submit", "question": QUESTION, "addressee": "beide", "confirmed": True}),
        (None, {"action": "alderman.code", "op": "withdraw", "code": "BCDFG-HJKMN"}),
    ],
)
async def test_no_question_for_the_alderman_in_a_group_but_a_way_to_a_personal_chat(
    conversation_type: str, say: str | None, click: dict[str, Any] | None
) -> None:
    teams = Teams(conversation_type=conversation_type)
    replies = await (teams.chat.say(say, mention=True) if say else teams.chat.click(click))
    assert "chat met alleen mij" in texts(replies)
    assert open_chat_links(replies) == [CHAT_LINK]
    assert not any(i.get("id") in ("question", "code") for c in cards(replies) for i in c["body"])
    assert not any(b.get("data", {}).get("msteams") for b in buttons(replies)), "no form window in a group"
    for card in cards(replies):
        assert_valid(card)
    assert await teams.desk.questions.list() == []


async def test_outside_teams_there_is_no_teams_link() -> None:
    teams = Teams(conversation_type="groupChat")
    teams.chat.adapter.template.channel_id = "webchat"
    replies = await teams.chat.say("ik wil een vraag stellen aan de wethouder", mention=True)
    assert "chat met alleen mij" in texts(replies)
    assert open_chat_links(replies) == []


async def test_other_peoples_mentions_are_not_read_matched_or_kept() -> None:
    teams = Teams(conversation_type="groupChat")
    sanne = Entity().deserialize(
        {"type": "mention", "text": "<at>Sanne de Vries</at>", "mentioned": {"id": "29:s", "name": "Sanne"}}
    )
    bot = Entity().deserialize(
        {"type": "mention", "text": f"<at>{BOT.name}</at>", "mentioned": {"id": BOT.id, "name": BOT.name}}
    )
    activity = Activity(
        type="message",
        text=f"<at>{BOT.name}</at> kan <at>Sanne de Vries</at> blorf wuppel zonk?",
        entities=[bot, sanne],
        locale="nl-NL",
    )
    replies = await teams.chat.send(activity)
    assert traces(replies)[0]["topic"] == "fallback"
    kept = " ".join(gap.text for gap in teams.services.gaps.gaps)
    assert kept and "Sanne" not in kept and "<at>" not in kept


async def test_personal_chat_needs_no_mention() -> None:
    replies = await Teams().chat.say("waar is de stilteruimte?")
    assert traces(replies)[0]["topic"].startswith("quietroom.")


# ---------------------------------------------------------------- the typing indicator
class SlowDialog(ComponentDialog):
    """Stands in for a turn that waits on something slow; it goes on when the test says so."""

    def __init__(self, gate: asyncio.Event) -> None:
        super().__init__("test.slow")
        self.gate = gate
        self.add_dialog(WaterfallDialog("test.slow.steps", [self.wait_step]))
        self.initial_dialog_id = "test.slow.steps"

    async def wait_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        await self.gate.wait()
        await step.context.send_activity("klaar")
        return await step.end_dialog()


def slow_teams(gate: asyncio.Event, typing_after: float | None, **kwargs: Any) -> Teams:
    flow = Flow(SlowDialog(gate), actions=frozenset({"test.slow"}))
    return Teams(flows=(flow,), typing_after=typing_after, **kwargs)


async def until(condition: Any, turns: int = 10_000) -> None:
    """Let the event loop run until condition() holds (no clock involved)."""
    for _ in range(turns):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("the condition never held")


async def test_a_slow_turn_shows_typing_once_before_the_reply() -> None:
    gate = asyncio.Event()
    teams = slow_teams(gate, typing_after=0.0)
    turn = asyncio.create_task(teams.chat.click({"action": "test.slow"}))
    await until(lambda: any(a.type == "typing" for a in teams.chat.adapter.activity_buffer))
    gate.set()
    replies = await turn
    assert [a.type for a in replies] == ["typing", "message", "trace"]


async def test_a_fast_turn_shows_no_typing_and_leaves_nothing_running() -> None:
    gate = asyncio.Event()
    gate.set()
    teams = slow_teams(gate, typing_after=60.0)
    before = asyncio.all_tasks()
    replies = await teams.chat.click({"action": "test.slow"})
    assert [a.type for a in replies] == ["message", "trace"]
    assert asyncio.all_tasks() == before


async def test_no_typing_after_the_reply() -> None:
    """Once the answer is out, a late timer sends nothing."""
    gate = asyncio.Event()
    gate.set()
    teams = slow_teams(gate, typing_after=0.0)
    replies = await teams.chat.click({"action": "test.slow"})
    assert [a.type for a in replies].count("typing") <= 1
    assert [a.type for a in replies if a.type != "typing"] == ["message", "trace"]
    assert replies[-1].type == "trace" and all(a.type != "typing" for a in replies[1:])


async def test_expect_replies_callers_get_no_typing() -> None:
    gate = asyncio.Event()
    teams = slow_teams(gate, typing_after=0.0)
    contexts: list[Any] = []
    handle = teams.chat.bot.on_turn

    async def on_turn(context: Any) -> None:
        contexts.append(context)
        await handle(context)

    teams.chat.bot.on_turn = on_turn  # type: ignore[method-assign]
    activity = Activity(type="message", value={"action": "test.slow"}, delivery_mode="expectReplies")
    turn = asyncio.create_task(teams.chat.send(activity))
    await until(lambda: bool(contexts))
    for _ in range(100):  # the turn waits at the gate: a typing timer would fire now
        await asyncio.sleep(0)
    gate.set()
    await turn
    replies = [a.type for a in contexts[0].buffered_reply_activities]
    assert replies == ["message", "trace"], "the caller reads the replies at once: no typing among them"


async def test_an_unmentioned_group_message_gets_no_typing() -> None:
    gate = asyncio.Event()
    teams = slow_teams(gate, typing_after=0.0, conversation_type="channel")
    replies = await teams.chat.say("gewoon een gesprek tussen collega's")
    assert [a.type for a in replies] == ["trace"]
