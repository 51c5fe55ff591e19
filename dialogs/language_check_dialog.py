"""Check a pasted text for words to look out for; the text is read once and never kept."""

from __future__ import annotations

from typing import Any

from dialogs import language_cards as lc
from dialogs._sdk import (
    CardFactory,
    DialogTurnResult,
    MessageFactory,
    PromptOptions,
    PromptValidatorContext,
    TextPrompt,
    TurnContext,
    WaterfallDialog,
    WaterfallStepContext,
)
from dialogs.flow import options_lang
from dialogs.hand_back import HAND_BACK, HandsBackComponent
from dialogs.language_texts import lt
from dialogs.services import Services
from dialogs.turn import record_match, recorded_match
from knowledge.check_request import pasted_text
from knowledge.checker import MAX_CHARS, Checker, TextTooLongError
from knowledge.normalize import tokens
from knowledge.replies import command

TOPIC = "language.check"
ACTION = lc.ACTION_CHECK
MAX_COMMAND_WORDS = 2  # 'stop', 'annuleer', 'cancel please'; a longer text with 'stop' in it is a text


def is_stop(text: str) -> bool:
    return len(tokens(text[:200])) <= MAX_COMMAND_WORDS and command(text) in ("stop", "back")


def limit_text(lang: str) -> str:
    return f"{MAX_CHARS:,}".replace(",", "." if lang == "nl" else ",")


def forget_options(options: dict[str, Any]) -> tuple[str, bool, str]:
    """Language, whether this is the second ask, and the opening message; options keep only the first two.

    The waterfall keeps its options in dialog state until the flow ends, so the opening message and any
    card value (which can be any JSON) are taken out of them before the flow waits for the text.
    """
    lang = options_lang(options)
    retry = options.get("retry") is True
    opening = options.get("text") if isinstance(options.get("text"), str) else ""
    options.clear()
    options.update({"lang": lang, "retry": retry})
    return lang, retry, opening


async def accept_anything(prompt: PromptValidatorContext) -> bool:
    """Every reply goes to check_step, which decides (empty, stop, another card's button)."""
    return True


class LanguageCheckDialog(HandsBackComponent):
    """Asks for a text, checks it with the glossary checker and shows the findings card.

    Steps: ask_step (checks at once when the opening message carries the text; else asks to
    paste it), check_step (stop/annuleer/cancel end kindly; an empty reply is asked again once;
    over 20,000 characters gets a kind 'split it' and ends; else the findings card). The text is
    only ever a local variable of the turn it arrives in: it never enters dialog state, and the
    dialog ends in that same turn. Exits: after the findings or a kind message; a button of
    another card is handed back to MainDialog's routing.
    """

    ID = "language.check"
    STEPS = "language.check.steps"
    PROMPT = "language.check.prompt"

    def __init__(self, services: Services, checker: Checker) -> None:
        super().__init__(LanguageCheckDialog.ID)
        self.services = services
        self.checker = checker
        self.add_dialog(TextPrompt(LanguageCheckDialog.PROMPT, accept_anything))
        self.add_dialog(WaterfallDialog(LanguageCheckDialog.STEPS, [self.ask_step, self.check_step]))
        self.initial_dialog_id = LanguageCheckDialog.STEPS

    async def ask_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        options: dict[str, Any] = step.options if isinstance(step.options, dict) else {}
        lang, retry, opening = forget_options(options)
        match = recorded_match(step.context)  # MainDialog's score for the opening message, if it was one
        record_match(step.context, TOPIC, match.score if opening and match.topic == TOPIC else 100)
        pasted = pasted_text(opening) if opening else None
        if pasted is not None:
            await self.check(step.context, pasted, lang)
            return await step.end_dialog()
        step.values["lang"], step.values["retried"] = lang, retry
        ask = MessageFactory.text(lt("paste_again" if retry else "paste", lang))
        return await step.prompt(LanguageCheckDialog.PROMPT, PromptOptions(prompt=ask))

    async def check_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = "en" if step.values.get("lang") == "en" else "nl"
        record_match(step.context, TOPIC, 100)
        activity = step.context.activity
        text = step.result if isinstance(step.result, str) else ""
        if isinstance(activity.value, dict) and not text.strip():
            return await step.end_dialog(HAND_BACK)  # a button of another card: route it afresh
        if is_stop(text):
            await step.context.send_activity(lt("stopped", lang))
        elif not text.strip() and not step.values.get("retried"):
            return await step.replace_dialog(LanguageCheckDialog.STEPS, {"lang": lang, "retry": True})
        elif not text.strip():
            await step.context.send_activity(lt("still_empty", lang))
        else:
            await self.check(step.context, text, lang)
        return await step.end_dialog()

    async def check(self, context: TurnContext, text: str, lang: str) -> None:
        try:
            findings = self.checker.check(text)
        except TextTooLongError:
            await context.send_activity(lt("too_long", lang, limit=limit_text(lang)))
            return
        card = lc.findings_card(text, findings, lang)
        await context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))
