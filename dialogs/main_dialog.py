"""The root flow: every message passes here first."""

from __future__ import annotations

from typing import Any

from dialogs import cards
from dialogs._sdk import (
    CardFactory,
    ComponentDialog,
    DialogTurnResult,
    MessageFactory,
    TurnContext,
    WaterfallDialog,
    WaterfallStepContext,
)
from dialogs.services import Services
from dialogs.texts import t
from dialogs.turn import record_match
from knowledge.answering import Decision
from knowledge.language import detect_lang, locale_lang
from knowledge.models import Entry, Lang
from knowledge.ports import Gap
from knowledge.privacy import mask_personal_data

MAX_QUESTION_CHARS = 4000
SOCIAL_TOPICS = {"bot.greeting", "bot.help"}


async def send_card(context: TurnContext, card: dict[str, Any]) -> None:
    await context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))


class MainDialog(ComponentDialog):
    """Routes one message: card actions, safety first, then an answer, a 'Bedoel je…?' or the fallback.

    Steps: route_step. Exits: ends after replying; longer flows run as child dialogs.
    """

    ID = "main"
    ROUTE = "main.route"

    def __init__(self, services: Services) -> None:
        super().__init__(MainDialog.ID)
        self.services = services
        self.add_dialog(WaterfallDialog(MainDialog.ROUTE, [self.route_step]))
        self.initial_dialog_id = MainDialog.ROUTE

    async def route_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        activity = step.context.activity
        value = activity.value if isinstance(activity.value, dict) else None
        if value and isinstance(value.get("action"), str):
            await self.on_action(step.context, value)
        else:
            await self.on_text(step.context, (activity.text or "").strip())
        return await step.end_dialog()

    async def on_text(self, context: TurnContext, text: str) -> None:
        lang = detect_lang(text, context.activity.locale)
        if not text or len(text) > MAX_QUESTION_CHARS:
            record_match(context, "fallback", 0)
            await send_card(context, cards.menu_card(lang, t("empty" if not text else "too_long", lang)))
            return
        decision = self.services.brain.answerer.decide(text, context.activity.locale)
        record_match(context, decision.topic, decision.score)
        await self.reply(context, decision, text)

    async def reply(self, context: TurnContext, decision: Decision, text: str) -> None:
        lang = decision.lang
        if decision.kind == "emergency":
            await send_card(context, cards.emergency_card(decision.signal or "danger", lang))
        elif decision.kind == "answer" and decision.entry is not None:
            await self.answer(context, decision.entry, lang)
        elif decision.kind == "clarify":
            await send_card(context, cards.clarify_card(decision.choices, lang))
        elif decision.sensitive:
            await send_card(context, cards.sensitive_fallback_card(lang))
        else:
            await send_card(context, cards.menu_card(lang, t("fallback", lang)))
        if decision.keep_text_for_moderators:
            kind = "fallback" if decision.kind == "fallback" else "low_confidence"
            guess = decision.choices[0].topic if decision.choices else None
            await self.services.gaps.record(
                Gap(kind, mask_personal_data(text)[:1000], lang, self.services.today(), guess, decision.score)
            )

    async def answer(self, context: TurnContext, entry: Entry, lang: Lang) -> None:
        if entry.topic in SOCIAL_TOPICS:
            await send_card(context, cards.menu_card(lang, entry.answer.get(lang)))
            return
        kb = self.services.brain.kb
        followups = [kb.entries[f] for f in entry.followups if f in kb.entries]
        await send_card(context, cards.answer_card(entry, lang, followups))

    async def on_action(self, context: TurnContext, value: dict[str, Any]) -> None:
        lang = locale_lang(context.activity.locale)
        kb = self.services.brain.kb
        action = value["action"]
        entry = kb.entries.get(str(value.get("id", ""))) if "id" in value else None
        if action == "entry" and entry is not None:
            record_match(context, entry.topic, 100)
            await self.answer(context, entry, lang)
        elif action == "feedback" and isinstance(value.get("helpful"), bool):
            await self.on_feedback(context, entry, bool(value["helpful"]), lang)
        elif action == "menu" and value.get("area") in (*cards.AREAS, "human"):
            await self.on_menu(context, str(value["area"]), lang)
        elif action == "other":
            record_match(context, "fallback", 0)
            await send_card(context, cards.menu_card(lang, t("rephrase", lang)))
        else:
            record_match(context, "fallback", 0)
            await send_card(context, cards.menu_card(lang, t("unknown_action", lang)))

    async def on_feedback(self, context: TurnContext, entry: Entry | None, helpful: bool, lang: Lang) -> None:
        if entry is None:
            record_match(context, "fallback", 0)
            await context.send_activity(t("feedback_unknown", lang))
            return
        record_match(context, entry.topic, 100)
        await self.services.feedback.record(entry.id, helpful, self.services.today())
        await context.send_activity(t("thanks_feedback", lang))

    async def on_menu(self, context: TurnContext, area: str, lang: Lang) -> None:
        kb = self.services.brain.kb
        if area == "human":
            entry = kb.first_for_topic("bot.human")
            record_match(context, "bot.human", 100)
            if entry is not None:
                await self.answer(context, entry, lang)
            return
        record_match(context, "bot.help", 100)
        firsts = [kb.first_for_topic(topic) for topic in kb.topics if topic.startswith(area + ".")]
        choices = [e for e in firsts if e is not None]
        body = [cards.text_block(t(f"area.{area}", lang), weight="Bolder", size="Medium")]
        actions = [cards.entry_action(e, lang) for e in choices]
        await send_card(context, cards.card(body, actions, fallback=t(f"area.{area}", lang)))
