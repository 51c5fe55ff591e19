"""Our ConversationState keeps the SDK contract with less work: one read a turn, one write per change."""

from __future__ import annotations

from typing import Any

from botbuilder.core import MemoryStorage, TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationAccount

from dialogs._sdk import ConversationState


class CountingStorage(MemoryStorage):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0
        self.writes = 0

    async def read(self, keys: list[str], **kwargs: Any) -> dict[str, Any]:
        self.reads += 1
        return await super().read(keys, **kwargs)

    async def write(self, changes: dict[str, Any]) -> None:
        self.writes += 1
        await super().write(changes)


def turn() -> TurnContext:
    activity = Activity(
        type=ActivityTypes.message,
        text="hoi",
        channel_id="test",
        conversation=ConversationAccount(id="conv-1"),
        from_property=ChannelAccount(id="user-1"),
        recipient=ChannelAccount(id="bot"),
    )
    return TurnContext(TestAdapter(), activity)


async def test_an_empty_state_is_read_once_per_turn_however_often_it_is_asked() -> None:
    storage = CountingStorage()
    state = ConversationState(storage)
    prop = state.create_property("DialogState")
    context = turn()
    assert await prop.get(context) is None
    assert await prop.get(context) is None
    await state.load(context)
    assert storage.reads == 1
    await state.load(context, force=True)  # force still goes to storage
    assert storage.reads == 2


async def test_a_turn_writes_only_what_changed_and_the_next_turn_reads_it_back() -> None:
    storage = CountingStorage()
    state = ConversationState(storage)
    prop = state.create_property("Count")

    context = turn()
    await prop.get(context)
    await state.save_changes(context)
    assert storage.writes == 0, "nothing changed: nothing written"

    await prop.set(context, {"n": 1})
    await state.save_changes(context)
    await state.save_changes(context)
    assert storage.writes == 1, "one change: one write, however often saved"

    again = turn()
    assert await prop.get(again) == {"n": 1}
    await state.save_changes(again, force=True)
    assert storage.writes == 2
