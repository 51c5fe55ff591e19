"""The only door from dialogs/ to the Bot Framework SDK: a move to its successor changes this file."""

from botbuilder.core import (
    ActivityHandler,
    BotState,
    CardFactory,
    ConversationState,
    InvokeResponse,
    MessageFactory,
    Storage,
    TurnContext,
)
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
