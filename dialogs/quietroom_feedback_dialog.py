"""Report a quiet-room problem or shortage: which location, what kind, an optional remark; no identity."""

from __future__ import annotations

from typing import Any

from dialogs._sdk import (
    CardFactory,
    Dialog,
    DialogTurnResult,
    MessageFactory,
    TurnContext,
    WaterfallDialog,
    WaterfallStepContext,
)
from dialogs.flow import options_lang
from dialogs.hand_back import HAND_BACK, HandsBackComponent
from dialogs.quietroom_cards import (
    FEEDBACK_ANSWER,
    FEEDBACK_START,
    feedback_kind_card,
    feedback_location_card,
    feedback_location_text_card,
    feedback_remark_card,
    feedback_thanks_card,
)
from dialogs.quietroom_texts import qt
from dialogs.services import Services
from dialogs.turn import decide, record_match
from knowledge.room_feedback import FeedbackDraft, FeedbackStep, RoomFeedbackLog, advance, finish, prefill
from knowledge.room_guide import elsewhere
from knowledge.rooms import RoomDirectory, buildings

TOPIC = "quietroom.feedback"
TOPICS = frozenset({TOPIC})
ACTIONS = frozenset({FEEDBACK_START, FEEDBACK_ANSWER})
MAX_TEXT = 4000


class QuietRoomFeedbackDialog(HandsBackComponent):
    """Counts a missing or troubled quiet room per location, without asking who or what happened.

    Steps: ask_step (shows the question the form is at: location, location in words, kind,
    optional remark; a first message or button may already have answered some), answer_step
    (reads the answer; 'terug' goes one question back, 'stop' ends without saving).
    Exits: saved with a thank-you; stopped; given up after repeated unclear answers; or a
    message about something else is handed back to MainDialog's routing.
    """

    ID = "quietroom.feedback"
    LOOP = "quietroom.feedback.loop"

    def __init__(self, services: Services, directory: RoomDirectory, log: RoomFeedbackLog) -> None:
        super().__init__(QuietRoomFeedbackDialog.ID)
        self.services = services
        self.directory = directory
        self.log = log
        self.add_dialog(WaterfallDialog(QuietRoomFeedbackDialog.LOOP, [self.ask_step, self.answer_step]))
        self.initial_dialog_id = QuietRoomFeedbackDialog.LOOP

    async def ask_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        options: dict[str, Any] = step.options if isinstance(step.options, dict) else {}
        lang = options_lang(options)
        if "draft" in options:
            draft = FeedbackDraft.from_data(options["draft"])
        else:
            if "value" in options:
                record_match(step.context, TOPIC, 100)
            text = str(options.get("text") or "")[:MAX_TEXT]
            draft = prefill(text, options.get("value"), self.directory.rooms())
        await self.ask(step.context, draft, lang, str(options.get("notice") or ""))
        step.values["draft"], step.values["lang"] = draft.to_data(), lang
        return Dialog.end_of_turn

    async def answer_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = step.values.get("lang", "nl")
        result = self.read_answer(step.context, FeedbackDraft.from_data(step.values.get("draft")))
        if result is None or result.status == "leave":
            return await step.end_dialog(HAND_BACK)
        record_match(step.context, TOPIC, 100)
        if result.status == "ask":
            options = {"lang": lang, "draft": result.draft.to_data(), "notice": result.notice}
            return await step.replace_dialog(QuietRoomFeedbackDialog.LOOP, options)
        if result.status == "done":
            await self.save(step.context, result, lang)
            if result.notice == "elsewhere":  # kept without that text; now answer it
                return await step.end_dialog(HAND_BACK)
        else:
            await step.context.send_activity(qt(f"fb.{result.status}", lang))
        return await step.end_dialog()

    async def save(self, context: TurnContext, result: FeedbackStep, lang: str) -> None:
        await self.log.record(finish(result, self.services.today()))
        fix_now = result.draft.kind in ("broken", "not_clean")
        await _send_card(context, feedback_thanks_card(lang, fix_now, result.notice))

    def read_answer(self, context: TurnContext, draft: FeedbackDraft) -> FeedbackStep | None:
        """The form after this message; None for a button of another card (not ours to answer)."""
        activity = context.activity
        value = activity.value if isinstance(activity.value, dict) else None
        if value is not None and value.get("action") not in ACTIONS:
            return None
        text = (activity.text or "").strip()[:MAX_TEXT] if value is None else ""
        decision = decide(context, self.services.brain.answerer, text) if text else None
        away = decision is not None and elsewhere(decision, TOPICS)
        sensitive = decision is not None and (decision.sensitive or decision.kind == "emergency")
        return advance(draft, text, value, self.directory.rooms(), elsewhere=away, sensitive=sensitive)

    async def ask(self, context: TurnContext, draft: FeedbackDraft, lang: str, notice: str) -> None:
        if draft.stage == "location":
            card = feedback_location_card(buildings(self.directory.rooms()), lang, notice)
        elif draft.stage == "location_text":
            card = feedback_location_text_card(lang, notice)
        elif draft.stage == "kind":
            card = feedback_kind_card(draft, lang, notice)
        else:
            card = feedback_remark_card(draft, lang, notice)
        await _send_card(context, card)


async def _send_card(context: TurnContext, card: dict[str, Any]) -> None:
    await context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))
