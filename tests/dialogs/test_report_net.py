"""The safety net in every flow: a disclosure mid-flow gets care and the guide, and is never kept.

MainDialog wires catch_disclosure into on_continue_dialog right after its safety check;
NetMainDialog below does the same, so these tests hold for the wired bot as well.
"""

from __future__ import annotations

from botbuilder.core import ConversationState, MemoryStorage, MessageFactory
from botbuilder.dialogs import (
    ComponentDialog,
    DialogContext,
    DialogTurnResult,
    WaterfallDialog,
    WaterfallStepContext,
)
from botbuilder.dialogs.prompts import PromptOptions, TextPrompt

from dialogs.activity_handler import WegwijzerBot
from dialogs.flow import Flow
from dialogs.main_dialog import MainDialog
from dialogs.report_flows import catch_disclosure, report_flows
from dialogs.turn import record_match
from knowledge.guide import ACTION_START
from knowledge.ports import Gap
from knowledge.safety import check_safety
from tests.dialogs.harness import Conversation, buttons, make_services, texts, traces
from tests.dialogs.reporting import guide, valid_cards


class NetMainDialog(MainDialog):
    """MainDialog with the safety net wired in after the safety check."""

    async def on_continue_dialog(self, inner_dc: DialogContext) -> DialogTurnResult:
        text = (inner_dc.context.activity.text or "").strip()
        if not (text and check_safety(text).urgent):
            caught = await catch_disclosure(inner_dc)
            if caught is not None:
                return caught
        return await super().on_continue_dialog(inner_dc)


class WordLookupFlow(ComponentDialog):
    """A stand-in for another flow: asks for a word and keeps what it cannot answer (like a term look-up)."""

    def __init__(self, gaps) -> None:
        super().__init__("test.word_lookup")
        self.gaps = gaps
        self.add_dialog(TextPrompt("test.word_prompt"))
        self.add_dialog(WaterfallDialog("test.word_steps", [self.ask_step, self.look_up_step]))
        self.initial_dialog_id = "test.word_steps"

    async def ask_step(self, step: WaterfallStepContext):
        return await step.prompt("test.word_prompt", PromptOptions(prompt=MessageFactory.text("Welk woord?")))

    async def look_up_step(self, step: WaterfallStepContext):
        record_match(step.context, "language.term", 100)
        await self.gaps.record(Gap("unknown_term", step.result, "nl", make_services().today()))
        await step.context.send_activity("Dat woord ken ik niet; ik geef het door.")
        return await step.end_dialog()


def _chat() -> Conversation:
    storage = MemoryStorage()
    services = make_services()
    flows = (
        Flow(WordLookupFlow(services.gaps), topics=frozenset({"language.term"})),
        *report_flows(services, guide(), storage),
    )
    chat = Conversation(services=services, storage=storage, flows=flows)
    chat.bot = WegwijzerBot(ConversationState(storage), NetMainDialog(services, flows))
    return chat


async def _in_word_lookup(chat: Conversation) -> None:
    replies = await chat.say("mag ik nog allochtoon zeggen?")
    assert "Welk woord?" in texts(replies)


async def test_a_disclosure_in_another_flow_gets_care_and_the_guide_and_is_not_kept() -> None:
    chat = _chat()
    await _in_word_lookup(chat)
    replies = await chat.say("mijn manager intimideert me")
    said = texts(replies)
    assert "Je hoeft mij niet te vertellen wat er gebeurde" in said
    assert any(b["data"] == {"action": ACTION_START} for b in buttons(replies))
    assert traces(replies) == [{"topic": "report.start", "score": 100.0}]
    valid_cards(replies)
    assert await chat.services.gaps.recent() == []
    # the word look-up still waits, and gets the next message
    after = await chat.say("blanke")
    assert "Dat woord ken ik niet" in texts(after)
    assert [g.text for g in await chat.services.gaps.recent()] == ["blanke"]


async def test_sent_again_the_same_text_goes_to_the_running_flow() -> None:
    """Once per flow: a text to check may look like a disclosure; the person can send it on."""
    chat = _chat()
    await _in_word_lookup(chat)
    await chat.say("mijn collega wordt gepest")
    replies = await chat.say("mijn collega wordt gepest")
    assert "Dat woord ken ik niet" in texts(replies)


async def test_the_guide_button_replaces_the_running_flow_with_the_guide() -> None:
    chat = _chat()
    await _in_word_lookup(chat)
    await chat.say("ik word gepest door mijn teamleider")
    replies = await chat.click({"action": ACTION_START})
    assert "ben je nu in gevaar" in texts(replies)
    after = await chat.say("stop")
    assert "we stoppen" in texts(after)
    assert await chat.services.gaps.recent() == []


async def test_an_ordinary_message_reaches_the_running_flow() -> None:
    chat = _chat()
    await _in_word_lookup(chat)
    replies = await chat.say("is 'gepest worden' een goede term?")
    assert "Dat woord ken ik niet" in texts(replies)


async def test_danger_still_comes_first() -> None:
    chat = _chat()
    await _in_word_lookup(chat)
    replies = await chat.say("iemand bedreigt me nu met een mes")
    assert traces(replies)[0]["topic"] == "report.emergency"
    assert await chat.services.gaps.recent() == []


async def test_the_guide_itself_handles_a_disclosure_without_the_net() -> None:
    chat = _chat()
    await chat.click({"action": ACTION_START})
    replies = await chat.say("mijn manager intimideert me")
    said = texts(replies)
    assert "Je hoeft mij niet te vertellen wat er gebeurde" in said
    assert "Vraag 1" in said  # the guide asks its question again; the net stayed out
