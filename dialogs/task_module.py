"""The question form in a Teams dialog window (task/fetch, task/submit), answered by the alderman flow itself.

The window shows one card at a time. Each answer is the card the flow would have sent to the
chat, collected instead of sent, so the form, the checks, the preview, the confirmation and the
withdrawal code stay in the window and out of the chat history; nothing is decided here twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogs._sdk import Activity, ActivityTypes, TurnContext
from dialogs.cards import Card
from dialogs.flow import options_for_action
from dialogs.teams_cards import (
    ACTION_FORM,
    ADAPTIVE,
    dialog_window,
    is_question_form,
    message_card,
    with_window_note,
)
from dialogs.teams_texts import tt
from knowledge.language import locale_lang

if TYPE_CHECKING:
    from dialogs.alderman_dialog import AldermanDialog

# What a launcher button may carry into the form; anything else in the invoke is dropped.
PREFILL = ("question", "addressee", "session")


def invoke_data(value: object) -> dict[str, Any]:
    """The `data` of a task/fetch or task/submit invoke (any JSON may arrive: only a dict counts)."""
    data = value.get("data") if isinstance(value, dict) else None
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k != "msteams"}


class CardCollector(TurnContext):
    """A turn context whose sends are kept, not delivered: the cards become the dialog window's answer."""

    def __init__(self, context: TurnContext) -> None:
        super().__init__(context)
        self.cards: list[Card] = []

    async def send_activities(self, activities: list[Activity]) -> list[Any]:
        for activity in activities:
            if activity.type not in (None, ActivityTypes.message):
                continue  # traces and typing have no place in a window
            shown = [
                a.content
                for a in activity.attachments or []
                if a.content_type == ADAPTIVE and isinstance(a.content, dict)
            ]
            if not shown and activity.text:
                shown = [message_card(activity.text)]
            self.cards.extend(shown)
        return []


class QuestionFormWindow:
    """task/fetch opens the form; task/submit checks, previews, stores and shows the code, as in the chat."""

    def __init__(self, flow: AldermanDialog) -> None:
        self.flow = flow

    async def fetch(self, context: TurnContext) -> dict[str, Any]:
        lang = locale_lang(context.activity.locale)
        data = invoke_data(context.activity.value)
        prefill = {k: data[k] for k in PREFILL if k in data}
        shown = await self._answer(context, {**prefill, "action": ACTION_FORM}, lang)
        if is_question_form(shown):
            shown = with_window_note(shown, lang)
        return dialog_window(tt("form.window_title", lang), shown)

    async def submit(self, context: TurnContext) -> dict[str, Any]:
        lang = locale_lang(context.activity.locale)
        shown = await self._answer(context, invoke_data(context.activity.value), lang)
        return dialog_window(tt("form.window_title", lang), shown)

    async def _answer(self, context: TurnContext, value: dict[str, Any], lang: str) -> Card:
        collector = CardCollector(context)
        await self.flow.respond(collector, options_for_action(value, lang))
        return collector.cards[-1] if collector.cards else message_card(tt("unknown_command", lang))
