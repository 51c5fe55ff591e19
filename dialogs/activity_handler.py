"""The thin Bot Framework activity handler: run the dialogs, save state, send the trace."""

from __future__ import annotations

from collections.abc import Sequence

from dialogs import cards
from dialogs._sdk import (
    Activity,
    ActivityHandler,
    ActivityTypes,
    ChannelAccount,
    ConversationState,
    DialogSet,
    DialogTurnStatus,
    Storage,
    TurnContext,
)
from dialogs.flow import Flow
from dialogs.main_dialog import MainDialog, send_card
from dialogs.services import Services
from dialogs.texts import t
from dialogs.turn import recorded_match, turn_lang

GROUP_TYPES = ("groupChat", "channel")


class WegwijzerBot(ActivityHandler):
    """Message turns go through MainDialog; every message turn ends with one knowledge.match trace."""

    def __init__(self, conversation_state: ConversationState, main_dialog: MainDialog) -> None:
        self.conversation_state = conversation_state
        self.dialogs = DialogSet(conversation_state.create_property("DialogState"))
        self.dialogs.add(main_dialog)

    @classmethod
    def create(cls, storage: Storage, services: Services, flows: Sequence[Flow] = ()) -> WegwijzerBot:
        return cls(ConversationState(storage), MainDialog(services, flows))

    async def on_turn(self, turn_context: TurnContext) -> None:
        await super().on_turn(turn_context)
        await self.conversation_state.save_changes(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        mentioned = self._mentions_bot(activity)
        TurnContext.remove_recipient_mention(activity)
        conversation_type = getattr(activity.conversation, "conversation_type", None)
        if conversation_type in GROUP_TYPES and not mentioned and activity.value is None:
            await self._send_trace(turn_context)
            return
        dialog_context = await self.dialogs.create_context(turn_context)
        result = await dialog_context.continue_dialog()
        if result.status == DialogTurnStatus.Empty:
            await dialog_context.begin_dialog(MainDialog.ID)
        await self._send_trace(turn_context)

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContext
    ) -> None:
        bot_id = turn_context.activity.recipient.id if turn_context.activity.recipient else None
        if any(m.id == bot_id for m in members_added if m is not None):
            lang = turn_lang(turn_context)
            await send_card(turn_context, cards.menu_card(lang, t("welcome", lang)))

    @staticmethod
    def _mentions_bot(activity: Activity) -> bool:
        bot_id = activity.recipient.id if activity.recipient else None
        for entity in activity.entities or []:
            props = getattr(entity, "additional_properties", None) or {}
            mentioned = props.get("mentioned") or {}
            if (
                getattr(entity, "type", None) == "mention"
                and isinstance(mentioned, dict)
                and mentioned.get("id") == bot_id
            ):
                return True
        return False

    @staticmethod
    async def _send_trace(turn_context: TurnContext) -> None:
        match = recorded_match(turn_context)
        await turn_context.send_activity(
            Activity(
                type=ActivityTypes.trace,
                name="knowledge.match",
                label="Knowledge match",
                value_type="https://wegwijzer/knowledge.match",
                value={"topic": match.topic, "score": round(match.score, 1)},
            )
        )
