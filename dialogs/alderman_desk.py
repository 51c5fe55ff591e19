"""What the alderman-question flows need, handed in by the composition root (bot/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dialogs._sdk import CardFactory, MessageFactory, TurnContext
from dialogs.rate_limit import DailyLimiter
from dialogs.teams_cards import launcher_action, open_chat_action
from knowledge.questions import QuestionRepository, SessionRepository
from knowledge.withdrawal import CodeHasher

# A few questions per person per day; a few wrong codes per person per day.
SUBMISSIONS_PER_DAY = 5
CODE_GUESSES_PER_DAY = 5


@dataclass
class QuestionDesk:
    """The stores, the code hasher and the in-memory limits of the alderman flows."""

    questions: QuestionRepository
    sessions: SessionRepository
    hasher: CodeHasher = field(default_factory=CodeHasher)
    submissions: DailyLimiter = field(default_factory=lambda: DailyLimiter(SUBMISSIONS_PER_DAY))
    guesses: DailyLimiter = field(default_factory=lambda: DailyLimiter(CODE_GUESSES_PER_DAY))


def sender_key(context: TurnContext) -> str:
    """Who sent the turn, only for the in-memory limiter (which hashes it under a key it never writes)."""
    sender = context.activity.from_property
    if sender is None:
        return ""
    return str(getattr(sender, "aad_object_id", None) or sender.id or "")


def delivery_id(context: TurnContext) -> str | None:
    """What identifies this delivery: activity ids are unique per conversation, not across them.

    Only an HMAC of it is ever stored (see the question repository), never the ids themselves.
    """
    activity = context.activity
    if not activity.id:
        return None
    conversation = activity.conversation.id if activity.conversation else ""
    return f"{activity.channel_id}|{conversation}|{activity.id}"


GROUP_TYPES = ("groupChat", "channel")


def in_group(context: TurnContext) -> bool:
    """A group chat or channel: a question or a code typed here is read by others."""
    conversation = context.activity.conversation
    return getattr(conversation, "conversation_type", None) in GROUP_TYPES


def opens_dialogs(context: TurnContext) -> bool:
    """Teams opens the question form in a dialog window (task/fetch); other clients show it in the chat."""
    return context.activity.channel_id == "msteams" and not in_group(context)


def dialog_actions(context: TurnContext, lang: str) -> list[dict[str, Any]]:
    """The button that opens the form in a dialog window, where the client can."""
    return [launcher_action(lang)] if opens_dialogs(context) else []


def personal_chat_actions(context: TurnContext, lang: str) -> list[dict[str, Any]]:
    """In Teams, a button that moves the person from a group chat or channel to a chat with the bot."""
    bot = context.activity.recipient
    bot_id = str(getattr(bot, "id", None) or "")
    if context.activity.channel_id != "msteams" or not bot_id.startswith("28:"):
        return []
    return [open_chat_action(bot_id, lang)]


def card_value(options: object) -> dict[str, Any] | None:
    """The card submission a flow was begun with, if any (any JSON may arrive: only a dict counts)."""
    if not isinstance(options, dict):
        return None
    value = options.get("value")
    return value if isinstance(value, dict) else None


async def send_card(context: TurnContext, card: dict[str, Any]) -> None:
    await context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))
