"""Dialog state written by ConversationState must resume a waterfall, even after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from botbuilder.core import ConversationState, MemoryStorage, MessageFactory, Storage, TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.dialogs import (
    Dialog,
    DialogSet,
    DialogTurnStatus,
    PromptOptions,
    PromptValidatorContext,
    TextPrompt,
    WaterfallDialog,
    WaterfallStepContext,
)
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount

from adapters.persistence.db import Database
from adapters.persistence.state import SqlStateStore
from adapters.teams.state_storage import SqlBotStorage

# Distinctive identifiers, so a grep of the database file cannot match by accident.
CONVERSATION_ID = "19:conv-7f3a91c2e5@thread.tacv2"
USER_ID = "29:aad-user-5be0c7d1"


def _template() -> Activity:
    return Activity(
        channel_id="msteams",
        service_url="https://smba.example",
        from_property=ChannelAccount(id=USER_ID, name="Ada Lovelace"),
        recipient=ChannelAccount(id="bot", name="Wegwijzer"),
        conversation=ConversationAccount(id=CONVERSATION_ID),
    )


def _two_step_bot(storage: Storage) -> TestAdapter:
    """A fresh bot (new state objects, new dialogs) over the given storage, like after a restart."""
    conversation_state = ConversationState(storage)
    dialogs = DialogSet(conversation_state.create_property("DialogState"))

    async def ask(step: WaterfallStepContext) -> DialogTurnStatus:
        await step.context.send_activity("which topic?")
        return Dialog.end_of_turn

    async def answer(step: WaterfallStepContext) -> DialogTurnStatus:
        await step.context.send_activity(f"resumed at step {step.index}: {step.context.activity.text}")
        return await step.end_dialog()

    dialogs.add(WaterfallDialog("two_steps", [ask, answer]))

    async def logic(turn_context: TurnContext) -> None:
        dialog_context = await dialogs.create_context(turn_context)
        result = await dialog_context.continue_dialog()
        if result.status == DialogTurnStatus.Empty:
            await dialog_context.begin_dialog("two_steps")
        await conversation_state.save_changes(turn_context)

    return TestAdapter(logic, template_or_conversation=_template())


async def test_second_turn_resumes_after_restart(sqlite_db: Database, sqlite_url: str) -> None:
    first = await _two_step_bot(SqlBotStorage(SqlStateStore(sqlite_db))).send("hello")
    await first.assert_reply("which topic?")
    await sqlite_db.dispose()

    # A new process: new engine, new storage, nothing cached.
    restarted = Database(sqlite_url)
    try:
        second = await _two_step_bot(SqlBotStorage(SqlStateStore(restarted))).send("leave")
        await second.assert_reply("resumed at step 1: leave")
    finally:
        await restarted.dispose()


async def test_dialog_state_never_stores_who_or_where(sqlite_db: Database, sqlite_url: str) -> None:
    adapter = _two_step_bot(SqlBotStorage(SqlStateStore(sqlite_db)))
    await (await adapter.send("hello")).assert_reply("which topic?")
    db_file = Path(sqlite_url.removeprefix("sqlite+aiosqlite:///"))
    stored = b"".join(path.read_bytes() for path in db_file.parent.glob("bot.db*"))
    assert b"which" in stored or b"two_steps" in stored, "state was not written at all"
    for identifier in (CONVERSATION_ID, USER_ID, "Ada Lovelace", "conv-7f3a91c2e5", "aad-user-5be0c7d1"):
        assert identifier.encode() not in stored


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def storage(request: pytest.FixtureRequest) -> Storage:
    if request.param == "memory":
        return MemoryStorage()
    return SqlBotStorage(SqlStateStore(request.getfixturevalue(f"{request.param}_db")))


async def test_proceeds_through_waterfall_with_prompt_retries(storage: Storage) -> None:
    """StorageBaseTests.proceeds_through_waterfall: prompt state survives several turns."""
    conversation_state = ConversationState(storage)
    dialogs = DialogSet(conversation_state.create_property("dialogState"))

    async def logic(turn_context: TurnContext) -> None:
        dialog_context = await dialogs.create_context(turn_context)
        await dialog_context.continue_dialog()
        if not turn_context.responded:
            await dialog_context.begin_dialog(WaterfallDialog.__name__)
        await conversation_state.save_changes(turn_context)

    async def validator(prompt_context: PromptValidatorContext) -> bool:
        attempts = prompt_context.options.number_of_attempts
        if len(prompt_context.recognized.value) > 3:
            await prompt_context.context.send_activity(f"You got it at the {attempts}rd try!")
            return True
        await prompt_context.context.send_activity(f"Please send a name longer than 3 characters. {attempts}")
        return False

    async def step_1(step: WaterfallStepContext) -> DialogTurnStatus:
        assert isinstance(step.active_dialog.state["stepIndex"], int)
        await step.context.send_activity("step1")
        return Dialog.end_of_turn

    async def step_2(step: WaterfallStepContext) -> DialogTurnStatus:
        assert isinstance(step.active_dialog.state["stepIndex"], int)
        return await step.prompt(
            TextPrompt.__name__, PromptOptions(prompt=MessageFactory.text("Please type your name"))
        )

    async def step_3(step: WaterfallStepContext) -> DialogTurnStatus:
        assert isinstance(step.active_dialog.state["stepIndex"], int)
        await step.context.send_activity("step3")
        return Dialog.end_of_turn

    dialogs.add(WaterfallDialog(WaterfallDialog.__name__, [step_1, step_2, step_3]))
    dialogs.add(TextPrompt(TextPrompt.__name__, validator))
    adapter = TestAdapter(logic)

    flow = await (await adapter.send("hello")).assert_reply("step1")
    flow = await (await flow.send("hello")).assert_reply("Please type your name")
    for attempt in range(3):
        flow = await (await flow.send("hi")).assert_reply(
            f"Please send a name longer than 3 characters. {attempt}"
        )
    flow = await (await flow.send("Kyle")).assert_reply("You got it at the 3rd try!")
    await flow.assert_reply("step3")
