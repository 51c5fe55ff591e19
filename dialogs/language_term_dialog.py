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
from dialogs.flow import options_lang
from dialogs.language_texts import lt
from dialogs.services import Services
from dialogs.turn import Said, record_match, recorded_match
from knowledge.answering import Decision
from knowledge.glossary import GlossaryEntry
from knowledge.ports import Gap
from knowledge.privacy import mask_personal_data
from knowledge.term_lookup import TermLookup

TOPIC = "language.term"
ACTION = lc.ACTION_TERM
MAX_QUESTION = 4000  # MainDialog answers longer messages itself; a guard all the same
MAX_GAP_TERM = 80


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
        lang = options_lang(options)
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
        match = recorded_match(context)
        said = self.answer_text(text, lang, match.score if match.topic == TOPIC else 100)
        await said.send(context, self.services.gaps)

    async def at_once(self, decision: Decision, options: dict[str, Any]) -> Said:
        """The answer to a message MainDialog decided is ours (a Flow's at_once)."""
        text = options.get("text")
        question = text[:MAX_QUESTION] if isinstance(text, str) else ""
        return self.answer_text(question, options_lang(options), decision.score)

    def answer_text(self, text: str, lang: str, decided: float) -> Said:
        """The word's card, 'Bedoel je…?', 'not in my list' (kept as a gap) or the general answer."""
        result = self.lookup.lookup(text)
        said = Said().record(TOPIC, result.score or decided)
        if result.outcome == "found" and result.entry is not None:
            return said.card(self.term_card(result.entry, lang))
        if result.outcome == "ambiguous" and result.choices:
            return said.card(lc.did_you_mean_card(result.choices, lang))
        if result.term:
            term = result.term
            said.card(lc.unknown_term_card(term, lang, self.services.brain.kb.first_for_topic(TOPIC)))
            said.gaps.append(
                Gap("unknown_term", gap_term(term), lang, self.services.today(), TOPIC, result.score)
            )
            return said
        return self.general_answer(said, lang)

    def term_card(self, entry: GlossaryEntry, lang: str) -> dict[str, Any]:
        entries = self.lookup.glossary.entries
        return lc.term_card(entry, lang, [entries[r] for r in entry.related if r in entries])

    def general_answer(self, said: Said, lang: str) -> Said:
        kb = self.services.brain.kb
        entry = kb.first_for_topic(TOPIC)
        if entry is None:
            return said.text(lt("type_again", lang))
        followups = [kb.entries[f] for f in entry.followups if f in kb.entries]
        return said.card(cards.answer_card(entry, "en" if lang == "en" else "nl", followups))
