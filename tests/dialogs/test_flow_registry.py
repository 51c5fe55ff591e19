"""Flows plug into MainDialog by topic or card action, and safety interrupts any flow."""

from __future__ import annotations

from botbuilder.dialogs import ComponentDialog, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptOptions, TextPrompt

from dialogs.flow import Flow
from dialogs.turn import record_match
from tests.dialogs.harness import Conversation, texts, traces


class AskTwiceFlow(ComponentDialog):
    """A minimal two-step flow: asks for something, then echoes its length."""

    def __init__(self) -> None:
        super().__init__("test.ask_twice")
        self.add_dialog(TextPrompt("test.prompt"))
        self.add_dialog(WaterfallDialog("test.steps", [self.ask_step, self.done_step]))
        self.initial_dialog_id = "test.steps"

    async def ask_step(self, step: WaterfallStepContext):
        if "value" in step.options:
            record_match(step.context, "language.check", 100)
        return await step.prompt("test.prompt", PromptOptions(prompt=_msg("Plak je tekst.")))

    async def done_step(self, step: WaterfallStepContext):
        record_match(step.context, "language.check", 100)
        await step.context.send_activity(f"{len(step.result)} tekens ontvangen")
        return await step.end_dialog()


def _msg(text: str):
    from botbuilder.core import MessageFactory

    return MessageFactory.text(text)


def flows() -> tuple[Flow, ...]:
    return (Flow(AskTwiceFlow(), topics=frozenset({"language.check"}), actions=frozenset({"test.start"})),)


async def test_a_topic_starts_the_flow_and_the_next_message_continues_it() -> None:
    chat = Conversation(flows=flows())
    first = await chat.say("kun je mijn tekst controleren op inclusieve taal?")
    assert "Plak je tekst" in texts(first)
    assert traces(first)[0]["topic"] == "language.check"
    second = await chat.say("Dit is mijn tekst.")
    assert "18 tekens ontvangen" in texts(second)
    assert len(traces(second)) == 1


async def test_a_card_action_starts_the_flow() -> None:
    chat = Conversation(flows=flows())
    replies = await chat.click({"action": "test.start"})
    assert "Plak je tekst" in texts(replies)


async def test_danger_interrupts_a_running_flow_and_ends_it() -> None:
    chat = Conversation(flows=flows())
    await chat.say("kun je mijn tekst controleren op inclusieve taal?")
    replies = await chat.say("help, iemand bedreigt me met een mes")
    assert traces(replies)[0]["topic"] == "report.emergency"
    assert "112" in texts(replies)
    after = await chat.say("waar is een stilteruimte?")
    assert traces(after)[0]["topic"].startswith("quietroom.")
