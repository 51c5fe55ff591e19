"""The root flow: every message passes here first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialogs import cards
from dialogs._sdk import (
    CardFactory,
    ComponentDialog,
    DialogContext,
    DialogTurnResult,
    DialogTurnStatus,
    MessageFactory,
    TurnContext,
    WaterfallDialog,
    WaterfallStepContext,
)
from dialogs.flow import ROUTE_DIALOG_ID, Flow, options_for_action, options_for_text
from dialogs.report_flows import catch_disclosure
from dialogs.services import Services
from dialogs.texts import t
from dialogs.turn import Said, decide, record_match
from knowledge.answering import Decision
from knowledge.check_request import pasted_text
from knowledge.checker import MAX_CHARS
from knowledge.language import detect_lang, locale_lang
from knowledge.models import Entry, Lang
from knowledge.ports import Gap
from knowledge.privacy import mask_personal_data
from knowledge.safety import check_safety

MAX_QUESTION_CHARS = 4000
SOCIAL_TOPICS = {"bot.greeting", "bot.help"}


async def send_card(context: TurnContext, card: dict[str, Any]) -> None:
    await context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))


class MainDialog(ComponentDialog):
    """Routes one message: card actions, safety first, then an answer, a 'Bedoel je…?' or the fallback.

    Steps: route_step. Exits: ends after replying, or runs a registered Flow as a
    child dialog and ends with it. While a flow runs, an urgent safety signal
    interrupts it: the flow is cancelled and 112/113 come first.
    """

    ID = "main"
    ROUTE = ROUTE_DIALOG_ID

    def __init__(self, services: Services, flows: Sequence[Flow] = ()) -> None:
        super().__init__(MainDialog.ID)
        self.services = services
        self.flows = tuple(flows)
        self._self_caring = frozenset(f.dialog.id for f in self.flows if f.handles_disclosure)
        self.add_dialog(WaterfallDialog(MainDialog.ROUTE, [self.route_step]))
        for flow in self.flows:
            self.add_dialog(flow.dialog)
        self.initial_dialog_id = MainDialog.ROUTE

    async def on_continue_dialog(self, inner_dc: DialogContext) -> DialogTurnResult:
        text = (inner_dc.context.activity.text or "").strip()
        safety = check_safety(text) if text else None
        if safety is not None and safety.urgent:
            await inner_dc.cancel_all_dialogs()
            lang = detect_lang(text, inner_dc.context.activity.locale)
            record_match(inner_dc.context, "report.emergency", 100)
            await send_card(inner_dc.context, cards.emergency_card(safety.signal or "danger", lang))
            return DialogTurnResult(DialogTurnStatus.Complete)
        active = inner_dc.active_dialog
        if active is None or active.id not in self._self_caring:
            caught = await catch_disclosure(inner_dc)
            if caught is not None:
                return caught
        return await super().on_continue_dialog(inner_dc)

    async def route_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        activity = step.context.activity
        value = activity.value if isinstance(activity.value, dict) else None
        if value and isinstance(value.get("action"), str):
            lang = locale_lang(activity.locale)
            flow = next((f for f in self.flows if value["action"] in f.actions), None)
            if flow is not None:
                return await step.begin_dialog(flow.dialog.id, options_for_action(value, lang))
            entry = (
                self.services.brain.kb.entries.get(str(value.get("id")))
                if value["action"] == "entry"
                else None
            )
            flow = next((f for f in self.flows if entry is not None and entry.topic in f.topics), None)
            if flow is not None and entry is not None:
                # A menu or follow-up button for a topic a flow owns starts that flow, as asking would.
                record_match(step.context, entry.topic, 100)
                return await step.begin_dialog(
                    flow.dialog.id, options_for_text(entry.topic, entry.id, "", lang)
                )
            await self.on_action(step.context, value)
            return await step.end_dialog()
        text = (activity.text or "").strip()
        decision = await self.on_text(step.context, text)
        if decision is not None:
            said = await self.said_at_once(decision, text)
            if said is not None:
                await said.send(step.context, self.services.gaps)
                return await step.end_dialog()
            flow = self.flow_for(decision.topic)
            assert flow is not None  # said_at_once answers every decision no flow owns
            entry_id = decision.entry.id if decision.entry else None
            return await step.begin_dialog(
                flow.dialog.id, options_for_text(decision.topic, entry_id, text, decision.lang)
            )
        return await step.end_dialog()

    def flow_for(self, topic: str) -> Flow | None:
        return next((f for f in self.flows if topic in f.topics), None)

    async def said_at_once(self, decision: Decision, text: str) -> Said | None:
        """The whole answer to a decided message, or None when a flow must run (it may ask back)."""
        flow = self.flow_for(decision.topic) if decision.kind == "answer" else None
        if flow is None:
            return self.said_for(decision, text)
        if flow.at_once is None:
            return None
        entry_id = decision.entry.id if decision.entry else None
        return await flow.at_once(decision, options_for_text(decision.topic, entry_id, text, decision.lang))

    async def on_text(self, context: TurnContext, text: str) -> Decision | None:
        """The decision for a text message, or None when it was empty or too long (answered already)."""
        # A pasted text for the checker may be longer than a question (the Answerer looks again).
        too_long = len(text) > MAX_QUESTION_CHARS and (len(text) > MAX_CHARS or pasted_text(text) is None)
        if not text or too_long:
            lang = detect_lang(text, context.activity.locale)
            record_match(context, "fallback", 0)
            await send_card(context, cards.menu_card(lang, t("empty" if not text else "too_long", lang)))
            return None
        decision = decide(context, self.services.brain.answerer, text)
        record_match(context, decision.topic, decision.score)
        return decision

    def said_for(self, decision: Decision, text: str) -> Said:
        """MainDialog's own answer: the entry, the emergency card, 'Bedoel je…?' or the fallback."""
        lang = decision.lang
        said = Said().record(decision.topic, decision.score)
        if decision.kind == "emergency":
            said.card(cards.emergency_card(decision.signal or "danger", lang))
        elif decision.kind == "answer" and decision.entry is not None:
            said.card(self.answer_card(decision.entry, lang))
        elif decision.kind == "clarify":
            said.card(cards.clarify_card(decision.choices, lang))
        elif decision.sensitive:
            said.card(cards.sensitive_fallback_card(lang))
        else:
            said.card(cards.menu_card(lang, t("fallback", lang)))
        if decision.keep_text_for_moderators:
            kind = "fallback" if decision.kind == "fallback" else "low_confidence"
            guess = decision.choices[0].topic if decision.choices else None
            said.gaps.append(
                Gap(kind, mask_personal_data(text)[:1000], lang, self.services.today(), guess, decision.score)
            )
        return said

    def answer_card(self, entry: Entry, lang: Lang) -> dict[str, Any]:
        if entry.topic in SOCIAL_TOPICS:
            return cards.menu_card(lang, entry.answer.get(lang))
        kb = self.services.brain.kb
        followups = [kb.entries[f] for f in entry.followups if f in kb.entries]
        return cards.answer_card(entry, lang, followups)

    async def answer(self, context: TurnContext, entry: Entry, lang: Lang) -> None:
        await send_card(context, self.answer_card(entry, lang))

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
