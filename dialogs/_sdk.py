"""The only door from dialogs/ to the Bot Framework SDK: a move to its successor changes this file."""

from botbuilder.core import (
    ActivityHandler,
    BotState,
    CardFactory,
    InvokeResponse,
    MessageFactory,
    Storage,
    TurnContext,
)
from botbuilder.core import ConversationState as _SdkConversationState
from botbuilder.dialogs import (
    ComponentDialog,
    Dialog,
    DialogContext,
    DialogSet,
    DialogTurnResult,
    DialogTurnStatus,
    WaterfallDialog,
    WaterfallStepContext,
)
from botbuilder.dialogs.prompts import PromptOptions, PromptValidatorContext, TextPrompt
from botbuilder.schema import Activity, ActivityTypes, Attachment, ChannelAccount


class ConversationState(_SdkConversationState):
    """The SDK's ConversationState, reading storage once per turn and serialising once per save.

    The SDK re-reads storage on every property access while the conversation's state is
    empty (a new or idle conversation: two reads a turn), writes an empty state for every
    new conversation, and serialises the state with jsonpickle three times a turn to
    detect changes. Same contract, less work.
    """

    async def load(self, turn_context: TurnContext, force: bool = False) -> None:
        if force or self.get_cached_state(turn_context) is None:
            await super().load(turn_context, force=True)
            cached = self.get_cached_state(turn_context)
            if not cached.state:  # nothing stored yet: an untouched empty state is no change
                cached.hash = cached.compute_hash(cached.state)

    async def save_changes(self, turn_context: TurnContext, force: bool = False) -> None:
        cached = self.get_cached_state(turn_context)
        if cached is None:
            return
        current = cached.compute_hash(cached.state)
        if force or current != cached.hash:
            await self._storage.write({self.get_storage_key(turn_context): cached.state})
            cached.hash = current


__all__ = [
    "Activity",
    "ActivityHandler",
    "ActivityTypes",
    "Attachment",
    "BotState",
    "CardFactory",
    "ChannelAccount",
    "ComponentDialog",
    "ConversationState",
    "Dialog",
    "DialogContext",
    "DialogSet",
    "DialogTurnResult",
    "DialogTurnStatus",
    "InvokeResponse",
    "MessageFactory",
    "PromptOptions",
    "PromptValidatorContext",
    "Storage",
    "TextPrompt",
    "TurnContext",
    "WaterfallDialog",
    "WaterfallStepContext",
]
