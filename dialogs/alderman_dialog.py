"""Ask the alderman or the municipal secretary a question, stored with nothing that points to the sender."""

from __future__ import annotations

import logging
from typing import Any

from dialogs import alderman_cards as ac
from dialogs import cards
from dialogs._sdk import (
    Activity,
    ActivityTypes,
    ComponentDialog,
    DialogTurnResult,
    TurnContext,
    WaterfallDialog,
    WaterfallStepContext,
)
from dialogs.alderman_desk import (
    QuestionDesk,
    card_value,
    delivery_id,
    dialog_actions,
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
from knowledge.questions import Draft, check_submission, submit_question
from knowledge.sessions import open_sessions

log = logging.getLogger("wegwijzer.alderman")

TOPICS = frozenset({"alderman.ask", "alderman.sessions"})
ACTIONS = frozenset({"alderman.start", "alderman.submit", "alderman.cancel"})
SUBMITTED_TRACE = "alderman.submitted"


class AldermanDialog(ComponentDialog):
    """The question flow: 'Wat bewaren we?' and the form → check and preview → confirm → store → code.

    Steps: act_step, once per turn. Every turn ends the dialog: the draft rides in the
    card's data (the preview's Send button carries it with "confirmed": true, as the
    form contract says), so no dialog state ever holds a question and nothing is left
    to delete after submission. Exits: after every reply.
    """

    ID = "alderman"
    TURN = "alderman.turn"

    def __init__(self, services: Services, desk: QuestionDesk) -> None:
        super().__init__(AldermanDialog.ID)
        self.services = services
        self.desk = desk
        self.add_dialog(WaterfallDialog(AldermanDialog.TURN, [self.act_step]))
        self.initial_dialog_id = AldermanDialog.TURN

    async def act_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        options = step.options if isinstance(step.options, dict) else {}
        await self.respond(step.context, options)
        return await step.end_dialog()

    async def respond(self, context: TurnContext, options: dict[str, Any]) -> None:
        """One turn of the flow, whoever carries it: a message, a card click or a Teams dialog window."""
        lang = options_lang(options, context.activity.locale)
        value = card_value(options)
        if value is not None:  # a card action: MainDialog recorded nothing for this turn
            record_match(context, "alderman.ask", 100)
        if value is None and options.get("topic") == "alderman.sessions":
            await self.show_sessions(context, options, lang)
        elif in_group(context):
            await send_card(
                context, ac.message_card(t("private_only", lang), personal_chat_actions(context, lang))
            )
        elif value is None or value.get("action") == "alderman.start":
            await self.show_form(context, value, lang, intro=value is None)
        elif value.get("action") == "alderman.submit":
            await self.submit(context, value, lang)
        else:
            await send_card(context, ac.message_card(t("cancelled", lang)))

    async def show_form(
        self, context: TurnContext, value: dict[str, Any] | None, lang: str, intro: bool
    ) -> None:
        if intro:
            await send_card(context, ac.intro_card(self.facts(lang), lang, dialog_actions(context, lang)))
        sessions = open_sessions(await self.desk.sessions.list(), self.services.today())
        await send_card(context, ac.form_card(lang, sessions, value))

    def facts(self, lang: str) -> str:
        """The same facts as the alderman.anonymity answer, so the two can never disagree."""
        entry = self.services.brain.kb.entries.get("alderman.anonymity")
        return entry.answer.get("en" if lang == "en" else "nl") if entry else t("kept", lang)

    async def show_sessions(self, context: TurnContext, options: dict[str, Any], lang: str) -> None:
        kb = self.services.brain.kb
        entry = kb.entries.get(str(options.get("entry"))) or kb.first_for_topic("alderman.sessions")
        if entry is not None:
            followups = [kb.entries[f] for f in entry.followups if f in kb.entries]
            await send_card(context, cards.answer_card(entry, "en" if lang == "en" else "nl", followups))
        sessions = open_sessions(await self.desk.sessions.list(), self.services.today())
        await send_card(context, ac.sessions_card(sessions, lang))

    async def submit(self, context: TurnContext, value: dict[str, Any], lang: str) -> None:
        """Check, then preview; a confirmed submission is stored at once and answered after the commit."""
        sessions = await self.desk.sessions.list()
        draft = check_submission(value, sessions, self.services.today())
        if isinstance(draft, str):
            open_now = open_sessions(sessions, self.services.today())
            await send_card(context, ac.form_card(lang, open_now, value, t(f"problem.{draft}", lang)))
        elif value.get("confirmed") is not True:
            await send_card(context, self.review(draft, value, lang))
        else:
            await self.store(context, draft, lang)

    @staticmethod
    def review(draft: Draft, value: dict[str, Any], lang: str) -> dict[str, Any]:
        fields = {"question": draft.text, "addressee": draft.addressee, "session": value.get("session")}
        if not isinstance(fields["session"], str):
            fields["session"] = None
        confirm = {"action": "alderman.submit", **fields, "confirmed": True}
        edit = {"action": "alderman.start", **fields}
        findings = find_identifying(draft.text)
        return ac.review_card(draft.text, draft.addressee, draft.session, findings, lang, confirm, edit)

    async def store(self, context: TurnContext, draft: Draft, lang: str) -> None:
        who = sender_key(context)
        if not self.desk.submissions.allows(who):
            await send_card(context, ac.message_card(t("too_many", lang)))
            return
        try:
            receipt = await submit_question(
                self.desk.questions, draft, self.services.today(), delivery_id(context), self.desk.hasher
            )
        except Exception as error:  # the store is away: say so, keep nothing, log no content
            log.warning(
                "question not stored",
                extra={"event": "question_store_failed", "error_type": type(error).__name__},
            )
            await send_card(context, ac.message_card(t("save_failed", lang)))
            return
        if receipt is None:
            await send_card(context, ac.message_card(t("duplicate", lang)))
            return
        self.desk.submissions.hit(who)
        await send_card(context, ac.receipt_card(receipt.code, lang))
        if context.activity.type == ActivityTypes.message:
            await context.send_activity(
                Activity(
                    type=ActivityTypes.trace,
                    name=SUBMITTED_TRACE,
                    label="Question stored",
                    value_type="https://wegwijzer/alderman.submitted",
                    value={"receipt": receipt.code},
                )
            )


def alderman_flow(services: Services, desk: QuestionDesk) -> Flow:
    return Flow(AldermanDialog(services, desk), topics=TOPICS, actions=ACTIONS)
