"""The route guide: a few routing questions as buttons, then the routes that fit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from dialogs._sdk import (
    CardFactory,
    ConversationState,
    Dialog,
    DialogTurnResult,
    MessageFactory,
    Storage,
    TurnContext,
    WaterfallDialog,
    WaterfallStepContext,
)
from dialogs.cards import Card
from dialogs.flow import options_lang
from dialogs.hand_back import HAND_BACK, HandsBackComponent
from dialogs.report_cards import outcome_cards, question_card, stopped_card
from dialogs.report_texts import rt
from dialogs.services import Services
from dialogs.turn import record_match
from knowledge.guide import ACTION_ANSWER, ACTION_BACK, ACTION_STOP, Guide, Outcome, walk
from knowledge.models import Lang
from knowledge.replies import reply

Forget = Callable[[TurnContext], Awaitable[None]]
GUIDE_TOPIC = "report.start"
_NOTICES = {
    "unclear": "guide.unclear",
    "first_question": "guide.first_question",
    "no_story_needed": "guide.no_story_needed",
}


async def send_cards(context: TurnContext, cards: Sequence[Card]) -> None:
    """Several cards as one message (a vertical list in Teams)."""
    attachments = [CardFactory.adaptive_card(c) for c in cards]
    await context.send_activity(MessageFactory.list(attachments))


def forget_conversation(storage: Storage) -> Forget:
    """Delete this conversation's state now, and this turn's copy, so nothing is written back at the end."""

    async def forget(context: TurnContext) -> None:
        state = ConversationState(storage)
        if state.get_cached_state(context) is not None:
            await state.delete(context)
        else:
            await storage.delete([state.get_storage_key(context)])

    return forget


class ReportGuideDialog(HandsBackComponent):
    """Walks the decision tree of knowledge/content/guide.yaml; never asks what happened.

    Steps: open_step (care text when a message started it, or a fresh start from a button),
    then ask_step (the question the answers lead to, or the outcome) and answer_step
    (a button, a typed option, 'terug', 'stop'), looped with replace_dialog.
    Exits: the outcome (1–3 route cards and the other routes), 'stop', or 112 when in danger.
    On every exit, also a cancel by MainDialog, the conversation state is deleted: the answers
    lived only there. Being a top-level flow, it takes nothing else with it.
    """

    ID = "report.guide"  # stored in conversation state: never rename
    OPEN = "report.guide.open"
    LOOP = "report.guide.loop"

    def __init__(self, services: Services, guide: Guide, forget: Forget) -> None:
        super().__init__(ReportGuideDialog.ID)
        self.services = services
        self._guide = guide
        self.forget = forget
        self.add_dialog(WaterfallDialog(self.OPEN, [self.open_step]))
        self.add_dialog(WaterfallDialog(self.LOOP, [self.ask_step, self.answer_step]))
        self.initial_dialog_id = self.OPEN

    @property
    def guide(self) -> Guide:
        """The published tree (the workspace may republish it), else the one this flow was built with."""
        return self.services.brain.guide or self._guide

    async def on_end_dialog(self, context: TurnContext, instance: Any, reason: Any) -> None:
        await super().on_end_dialog(context, instance, reason)
        await self.forget(context)

    async def open_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        options = step.options if isinstance(step.options, dict) else {}
        lang = options_lang(options, step.context.activity.locale)
        value = options.get("value") if isinstance(options.get("value"), dict) else None
        if value is not None:
            record_match(step.context, GUIDE_TOPIC, 100)
        if value is not None and value.get("action") == ACTION_STOP:
            await send_cards(step.context, [stopped_card(lang)])
            return await step.end_dialog()
        stale = value is not None and value.get("action") in (ACTION_ANSWER, ACTION_BACK)
        intro = self._care_text(options, lang)
        return await step.replace_dialog(
            self.LOOP, {"answers": [], "lang": lang, "intro": intro, "stale": stale}
        )

    async def ask_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        options = step.options
        lang = options["lang"]
        position = walk(self.guide, options["answers"])
        if isinstance(position, Outcome):
            await send_cards(step.context, outcome_cards(position, lang))
            return await step.end_dialog()
        notice = rt("guide.stale", lang) if options.get("stale") else None
        notice = rt(_NOTICES[options["notice"]], lang) if options.get("notice") else notice
        await send_cards(step.context, [question_card(position, lang, notice, options.get("intro"))])
        return Dialog.end_of_turn

    async def answer_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        record_match(step.context, GUIDE_TOPIC, 100)
        lang = step.options["lang"]
        activity = step.context.activity
        move = reply(self.guide, step.options["answers"], activity.value, activity.text)
        unclear = move.notice in ("unclear", "no_story_needed")
        if unclear and self._other_question(activity.text, activity.locale):
            # A new question on another subject: answer that instead of repeating the question.
            return await step.end_dialog(HAND_BACK)
        if move.stop:
            await send_cards(step.context, [stopped_card(lang)])
            return await step.end_dialog()
        return await step.replace_dialog(
            self.LOOP, {"answers": list(move.answers), "lang": lang, "notice": move.notice}
        )

    def _other_question(self, text: str | None, locale: str | None) -> bool:
        """A typed message the knowledge base answers confidently, outside reporting."""
        if not text or not text.strip():
            return False
        decision = self.services.brain.answerer.decide(text, locale)
        return decision.kind == "answer" and not decision.topic.startswith("report.")

    def _care_text(self, options: dict[str, Any], lang: Lang) -> str:
        """Started from a message: first the caring answer it matched, then how the guide works."""
        entry = self.services.brain.kb.entries.get(str(options.get("entry") or ""))
        if options.get("topic") and entry is not None:
            return f"{entry.answer.get(lang)}\n\n{rt('guide.intro', lang)}"
        return rt("guide.intro", lang)
