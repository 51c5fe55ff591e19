"""The quick path: a question typed in an idle personal chat, answered without the dialog machinery.

Most turns are a question in a conversation where no flow is running. For those the
SDK's per-turn machinery (activity models, turn context, dialog stack, state pickling)
costs several times what deciding the answer does. QuickTurn answers them from the raw
activity with MainDialog's own answer (MainDialog.said_at_once), so both doors say the
same. Anything else takes the full path: a card click, a group chat, a mention, an
attachment, an empty or over-long text, a running flow, or an answer that begins a flow
which may ask back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from dialogs._sdk import Activity
from dialogs.main_dialog import MAX_QUESTION_CHARS, MainDialog
from dialogs.turn import Said, TurnMatch, match_trace
from knowledge.ports import GapLog

# Whether the conversation under this Bot Framework storage key has no flow running.
Idle = Callable[[str], Awaitable[bool]]


@dataclass(frozen=True)
class QuickReply:
    """The turn's replies, trace last, and what to keep once they are delivered."""

    activities: list[Activity]
    said: Said
    gaps: GapLog

    async def delivered(self) -> None:
        await self.said.keep_gaps(self.gaps)


class QuickTurn:
    """Answers a plain question in an idle personal chat, or returns None for the full path."""

    def __init__(self, main: MainDialog, idle: Idle) -> None:
        self.main = main
        self.idle = idle

    async def answer(self, body: dict[str, Any]) -> QuickReply | None:
        text, key = _plain_question(body)
        if text is None or key is None or not await self.idle(key):
            return None
        locale = body.get("locale")
        decision = self.main.services.brain.answerer.decide(text, locale if isinstance(locale, str) else None)
        said = await self.main.said_at_once(decision, text)
        if said is None:
            return None
        match = said.match or TurnMatch.of(decision.topic, decision.score)
        return QuickReply([*said.activities, match_trace(match)], said, self.main.services.gaps)


def storage_key(channel_id: str, conversation_id: str) -> str:
    """ConversationState's storage key for the conversation (botbuilder-core's get_storage_key)."""
    return f"{channel_id}/conversations/{conversation_id}"


def _plain_question(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """The question's text and the conversation's storage key, when the quick path may answer it."""
    if body.get("type") != "message" or body.get("value") is not None or body.get("attachments"):
        return None, None
    text, channel, conversation = body.get("text"), body.get("channelId"), body.get("conversation")
    if not isinstance(text, str) or not isinstance(channel, str) or not isinstance(conversation, dict):
        return None, None
    conversation_id = conversation.get("id")
    if conversation.get("conversationType") not in (None, "personal") or not conversation_id:
        return None, None  # group chats answer only when mentioned: the handler's rule
    text = text.strip()
    if not text or len(text) > MAX_QUESTION_CHARS or "<at" in text.lower():
        return None, None
    entities = body.get("entities") or []
    if not isinstance(entities, list) or any(
        not isinstance(e, dict) or e.get("type") == "mention" for e in entities
    ):
        return None, None
    if not channel or not isinstance(conversation_id, str):
        return None, None
    return text, storage_key(channel, conversation_id)
