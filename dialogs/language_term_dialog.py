"""Look up one word in the inclusive-language glossary: its card, 'Bedoel je…?', or an honest 'unknown'."""

from __future__ import annotations

from typing import Any

from dialogs import cards
from dialogs import language_cards as lc
from dialogs._sdk import (
    CardFactory,
    ComponentDialog,
    DialogTurnResult,
    MessageFactory,
    TurnContext,
    WaterfallDialog,
    WaterfallStepContext,
)
from dialogs.language_texts import lt
from dialogs.services import Services
from dialogs.turn import record_match, recorded_match
from knowledge.glossary import GlossaryEntry
from knowledge.ports import Gap
from knowledge.privacy import mask_personal_data
from knowledge.term_lookup import LookupResult, TermLookup

TOPIC = "language.term"
ACTION = lc.ACTION_TERM
MAX_QUESTION = 4000  # MainDialog answers longer messages itself; a guard all the same
MAX_GAP_TERM = 80


def flow_lang(options: dict[str, Any]) -> str:
    return "en" if options.get("lang") == "en" else "nl"


def gap_term(term: str) -> str:
    """What moderators see of an unknown word: the word only, personal data masked, short."""
    return mask_personal_data(" ".join(term.split()))[:MAX_GAP_TERM]


async def send_card(context: TurnContext, card: dict[str, Any]) -> None:
    await context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))


class LanguageTermDialog(ComponentDialog):
    """Answers 'mag ik X nog zeggen?' from the glossary only; never invents advice for a word it lacks.

    Steps: answer_step, once per turn. Begun with a message (options "text"): look the word up
    and answer with its card, 'Bedoel je…?', or 'not in my list' (recorded as an unknown_term gap,
    the word only); with no word to go on, the general language.term answer. Begun with a card
    action (options "value"): the clicked entry's card, or 'type it again' for 'iets anders'.
    Exits: after every reply.
    """

    ID = "language.term"
    TURN = "language.term.turn"

    def __init__(self, services: Services, lookup: TermLookup) -> None:
        super().__init__(LanguageTermDialog.ID)
        self.services = services
        self.lookup = lookup
        self.add_dialog(WaterfallDialog(LanguageTermDialog.TURN, [self.answer_step]))
        self.initial_dialog_id = LanguageTermDialog.TURN

    async def answer_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        options: dict[str, Any] = step.options if isinstance(step.options, dict) else {}
        lang = flow_lang(options)
        value = options.get("value")
        if isinstance(value, dict):
            record_match(step.context, TOPIC, 100)
            await self.on_click(step.context, value, lang)
        else:
            text = options.get("text")
            await self.on_question(step.context, text[:MAX_QUESTION] if isinstance(text, str) else "", lang)
        return await step.end_dialog()

    async def on_click(self, context: TurnContext, value: dict[str, Any], lang: str) -> None:
        entry_id = value.get("id")
        entry = self.lookup.glossary.entries.get(entry_id) if isinstance(entry_id, str) else None
        if entry is not None:
            await send_card(context, self.term_card(entry, lang))
        elif value.get("other") is True:
            await context.send_activity(lt("type_again", lang))
        else:
            await context.send_activity(lt("gone", lang))

    async def on_question(self, context: TurnContext, text: str, lang: str) -> None:
        result = self.lookup.lookup(text)
        match = recorded_match(context)
        record_match(context, TOPIC, result.score or (match.score if match.topic == TOPIC else 100))
        if result.outcome == "found" and result.entry is not None:
            await send_card(context, self.term_card(result.entry, lang))
        elif result.outcome == "ambiguous" and result.choices:
            await send_card(context, lc.did_you_mean_card(result.choices, lang))
        elif result.term:
            await self.unknown(context, result, lang)
        else:
            await self.general_answer(context, lang)

    def term_card(self, entry: GlossaryEntry, lang: str) -> dict[str, Any]:
        entries = self.lookup.glossary.entries
        return lc.term_card(entry, lang, [entries[r] for r in entry.related if r in entries])

    async def unknown(self, context: TurnContext, result: LookupResult, lang: str) -> None:
        term = result.term or ""
        help_entry = self.services.brain.kb.first_for_topic(TOPIC)
        await send_card(context, lc.unknown_term_card(term, lang, help_entry))
        gap = Gap("unknown_term", gap_term(term), lang, self.services.today(), TOPIC, result.score)
        await self.services.gaps.record(gap)

    async def general_answer(self, context: TurnContext, lang: str) -> None:
        kb = self.services.brain.kb
        entry = kb.first_for_topic(TOPIC)
        if entry is None:
            await context.send_activity(lt("type_again", lang))
            return
        followups = [kb.entries[f] for f in entry.followups if f in kb.entries]
        await send_card(context, cards.answer_card(entry, "en" if lang == "en" else "nl", followups))
