"""The thin Bot Framework activity handler: run the dialogs, save state, send the trace, answer invokes."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from dialogs import cards
from dialogs._sdk import (
    Activity,
    ActivityHandler,
    ChannelAccount,
    ConversationState,
    DialogSet,
    DialogTurnStatus,
    InvokeResponse,
    Storage,
    TurnContext,
)
from dialogs.alderman_dialog import AldermanDialog
from dialogs.flow import Flow
from dialogs.main_dialog import MainDialog, send_card
from dialogs.message_extension import ComposeCheck
from dialogs.services import Services
from dialogs.task_module import QuestionFormWindow
from dialogs.texts import t
from dialogs.turn import match_trace, recorded_match, turn_lang
from dialogs.typing_indicator import TypingWhileSlow
from knowledge.checker import Checker

GROUP_TYPES = ("groupChat", "channel")
# Someone else @-mentioned in the same message: the name is not ours to read, match or keep.
OTHER_MENTION = re.compile(r"<at\b[^>]{0,200}>.{0,200}?</at>", re.IGNORECASE | re.DOTALL)
Invoke = Callable[[TurnContext], Awaitable["dict[str, Any] | None"]]


class WegwijzerBot(ActivityHandler):
    """Message turns go through MainDialog; every message turn ends with one knowledge.match trace.

    Invokes: the question form in a dialog window (task/fetch, task/submit) when the alderman
    flow is registered, and the compose-box check (composeExtension/fetchTask, .../submitAction)
    when a checker is given. In group chats and channels only messages that mention the bot
    (or card clicks) are answered.
    """

    def __init__(
        self,
        conversation_state: ConversationState,
        main_dialog: MainDialog,
        question_window: QuestionFormWindow | None = None,
        compose_check: ComposeCheck | None = None,
        typing_after: float | None = None,
    ) -> None:
        self.conversation_state = conversation_state
        self.main_dialog = main_dialog
        self.dialogs = DialogSet(conversation_state.create_property("DialogState"))
        self.dialogs.add(main_dialog)
        self.typing_after = typing_after
        self.invokes: dict[str, Invoke] = {}
        if question_window is not None:
            self.invokes["task/fetch"] = question_window.fetch
            self.invokes["task/submit"] = question_window.submit
        if compose_check is not None:
            self.invokes["composeExtension/fetchTask"] = _pure(compose_check.fetch_task)
            self.invokes["composeExtension/submitAction"] = _pure(compose_check.submit_action)

    @classmethod
    def create(
        cls,
        storage: Storage,
        services: Services,
        flows: Sequence[Flow] = (),
        checker: Checker | None = None,
        typing_after: float | None = None,
    ) -> WegwijzerBot:
        form = next((f.dialog for f in flows if isinstance(f.dialog, AldermanDialog)), None)
        return cls(
            ConversationState(storage),
            MainDialog(services, flows),
            question_window=QuestionFormWindow(form) if form is not None else None,
            compose_check=ComposeCheck(checker) if checker is not None else None,
            typing_after=typing_after,
        )

    async def on_turn(self, turn_context: TurnContext) -> None:
        await super().on_turn(turn_context)
        await self.conversation_state.save_changes(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        mentioned = self._mentions_bot(activity)
        TurnContext.remove_recipient_mention(activity)
        if activity.text:
            activity.text = OTHER_MENTION.sub("@", activity.text)
        conversation_type = getattr(activity.conversation, "conversation_type", None)
        if conversation_type in GROUP_TYPES and not mentioned and activity.value is None:
            await self._send_trace(turn_context)
            return
        async with TypingWhileSlow(turn_context, self.typing_after):
            dialog_context = await self.dialogs.create_context(turn_context)
            result = await dialog_context.continue_dialog()
            if result.status == DialogTurnStatus.Empty:
                await dialog_context.begin_dialog(MainDialog.ID)
        await self._send_trace(turn_context)

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse | None:
        answer = self.invokes.get(turn_context.activity.name or "")
        if answer is None:
            return await super().on_invoke_activity(turn_context)
        return InvokeResponse(status=200, body=await answer(turn_context))

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
        await turn_context.send_activity(match_trace(recorded_match(turn_context)))


def _pure(answer: Callable[[object, str | None], dict[str, Any] | None]) -> Invoke:
    """An invoke answered from the activity's value and locale alone."""

    async def run(turn_context: TurnContext) -> dict[str, Any] | None:
        return answer(turn_context.activity.value, turn_context.activity.locale)

    return run
