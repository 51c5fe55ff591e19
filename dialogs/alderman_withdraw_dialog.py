"""Withdraw or change a question for the alderman with its withdrawal code."""

from __future__ import annotations

from typing import Any

from dialogs import alderman_cards as ac
from dialogs import cards
from dialogs._sdk import ComponentDialog, DialogTurnResult, TurnContext, WaterfallDialog, WaterfallStepContext
from dialogs.alderman_desk import (
    QuestionDesk,
    card_value,
    in_group,
    personal_chat_actions,
    send_card,
    sender_key,
)
from dialogs.alderman_texts import t
from dialogs.flow import Flow, options_lang
from dialogs.services import Services
from dialogs.turn import record_match
from knowledge.identifiability import find_identifying
from knowledge.questions import Question, check_text, find_by_code
from knowledge.sessions import STANDING

TOPICS = frozenset({"alderman.withdraw"})
ACTIONS = frozenset({"alderman.code", "alderman.change"})


class AldermanWithdrawDialog(ComponentDialog):
    """Code card → withdraw (deleted at once) or change (edit → check → confirm → saved).

    Steps: act_step, once per turn; like the question flow it keeps nothing between
    turns (the code rides in the card data). A wrong code gets one kind answer that
    does not say whether a question exists; wrong guesses are limited per person per day.
    Exits: after every reply.
    """

    ID = "alderman.withdraw"
    TURN = "alderman.withdraw.turn"

    def __init__(self, services: Services, desk: QuestionDesk) -> None:
        super().__init__(AldermanWithdrawDialog.ID)
        self.services = services
        self.desk = desk
        self.add_dialog(WaterfallDialog(AldermanWithdrawDialog.TURN, [self.act_step]))
        self.initial_dialog_id = AldermanWithdrawDialog.TURN

    async def act_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        options = step.options if isinstance(step.options, dict) else {}
        lang = options_lang(options, step.context.activity.locale)
        value = card_value(options)
        if value is None:
            await self.show_answer(step.context, options, lang)
        elif in_group(step.context):
            record_match(step.context, "alderman.withdraw", 100)
            actions = personal_chat_actions(step.context, lang)
            await send_card(step.context, ac.message_card(t("private_only", lang), actions))
        else:
            record_match(step.context, "alderman.withdraw", 100)
            question = await self.question_for(step.context, value.get("code"), lang)
            if question is not None:
                await self.act_on(step.context, question, value, lang)
        return await step.end_dialog()

    async def act_on(
        self, context: TurnContext, question: Question, value: dict[str, Any], lang: str
    ) -> None:
        """The code was right: withdraw, show the text to change, or check and save a change."""
        if value.get("action") == "alderman.change":
            await self.change(context, question, value, lang)
        elif value.get("op") == "change":
            edited = value.get("question") if isinstance(value.get("question"), str) else question.text
            await send_card(context, ac.change_card(edited, str(value.get("code")), lang))
        elif value.get("op") == "withdraw":
            await self.desk.questions.withdraw(question.id)
            await send_card(context, ac.message_card(t("withdrawn", lang)))
        else:
            await send_card(context, ac.code_card(lang))

    async def show_answer(self, context: TurnContext, options: dict[str, Any], lang: str) -> None:
        kb = self.services.brain.kb
        entry = kb.entries.get(str(options.get("entry"))) or kb.first_for_topic("alderman.withdraw")
        if entry is not None:
            followups = [kb.entries[f] for f in entry.followups if f in kb.entries]
            await send_card(context, cards.answer_card(entry, "en" if lang == "en" else "nl", followups))
        await send_card(context, ac.code_card(lang))

    async def question_for(self, context: TurnContext, code: object, lang: str) -> Question | None:
        """The question for this code; otherwise the code card again with one kind, uninformative message."""
        who = sender_key(context)
        if not self.desk.guesses.allows(who):
            await send_card(context, ac.message_card(t("code_too_many", lang)))
            return None
        question = await find_by_code(self.desk.questions, code, self.desk.hasher)
        if question is None:
            self.desk.guesses.hit(who)
            await send_card(context, ac.code_card(lang, problem=t("code_unknown", lang)))
        return question

    async def change(
        self, context: TurnContext, question: Question, value: dict[str, Any], lang: str
    ) -> None:
        """New text: checked like a new question, previewed, then saved once confirmed."""
        code = str(value.get("code"))
        text = check_text(value.get("question"))
        if text in ("empty", "too_short", "too_long"):
            raw = value.get("question") if isinstance(value.get("question"), str) else ""
            await send_card(context, ac.change_card(raw, code, lang, t(f"problem.{text}", lang)))
        elif value.get("confirmed") is not True:
            confirm = {"action": "alderman.change", "code": code, "question": text, "confirmed": True}
            edit = {"action": "alderman.code", "op": "change", "code": code, "question": text}
            session = await self.desk.sessions.get(question.session_id) or STANDING
            review = ac.review_card(
                text, question.addressee, session, find_identifying(text), lang, confirm, edit
            )
            await send_card(context, review)
        else:
            await self.desk.questions.change_text(question.id, text)
            await send_card(context, ac.message_card(t("changed", lang)))


def alderman_withdraw_flow(services: Services, desk: QuestionDesk) -> Flow:
    return Flow(AldermanWithdrawDialog(services, desk), topics=TOPICS, actions=ACTIONS)
