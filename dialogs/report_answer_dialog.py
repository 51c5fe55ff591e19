"""Direct questions about reporting routes, answered from the route data in one turn."""

from __future__ import annotations

from typing import Any

from dialogs._sdk import ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext
from dialogs.cards import Card, answer_card
from dialogs.flow import options_lang
from dialogs.report_cards import ROUTE_INPUT, direct_cards, guide_button, route_card, route_list_card
from dialogs.report_guide_dialog import send_cards
from dialogs.services import Services
from dialogs.turn import Said, record_match
from knowledge.answering import Decision
from knowledge.models import Lang
from knowledge.routes import Routes

# The report.* topics answered here; report.start walks the guide, report.emergency is MainDialog's.
DIRECT_TOPICS = frozenset(
    {
        "report.confidential-advisor",
        "report.integrity",
        "report.external",
        "report.second-opinion",
        "report.anonymous",
        "report.after",
        "report.witness",
    }
)


class ReportAnswerDialog(ComponentDialog):
    """A route card (what it does, does not, who knows what, how to reach it) and the guide on offer.

    Steps: answer_step. Exits: ends in the same turn, so nothing of it is kept.
    Begun by a 'route.show' button; a DIRECT_TOPICS message is answered by at_once.
    """

    ID = "report.answer"  # stored in conversation state: never rename
    STEPS = "report.answer.steps"

    def __init__(self, services: Services, routes: Routes) -> None:
        super().__init__(ReportAnswerDialog.ID)
        self.services = services
        self._routes = routes
        self.add_dialog(WaterfallDialog(self.STEPS, [self.answer_step]))
        self.initial_dialog_id = self.STEPS

    @property
    def routes(self) -> Routes:
        """The published routes (the workspace may republish them), else the ones this flow was built with."""
        guide = self.services.brain.guide
        return guide.routes if guide is not None else self._routes

    async def answer_step(self, step: WaterfallStepContext) -> DialogTurnResult:
        options = step.options if isinstance(step.options, dict) else {}
        lang = options_lang(options, step.context.activity.locale)
        value = options.get("value")
        if isinstance(value, dict):
            await send_cards(step.context, self._shown_route(step, value, lang))
        else:
            await send_cards(step.context, self._answer(options, lang))
        return await step.end_dialog()

    async def at_once(self, decision: Decision, options: dict[str, Any]) -> Said:
        """The answer to a message MainDialog decided is ours (a Flow's at_once)."""
        lang = options_lang(options)
        return Said().record(decision.topic, decision.score).cards(self._answer(options, lang))

    def _shown_route(self, step: WaterfallStepContext, value: dict[str, Any], lang: Lang) -> list[Card]:
        route_id = value.get(ROUTE_INPUT)
        route = self.routes.get(route_id[:100]) if isinstance(route_id, str) else None
        if route is None:
            record_match(step.context, "fallback", 0)
            return [route_list_card(self.routes.all(), lang)]
        record_match(step.context, route.topic, 100)
        return [route_card(route, lang, [guide_button(lang)])]

    def _answer(self, options: dict[str, Any], lang: Lang) -> list[Card]:
        entry_id = options.get("entry") if isinstance(options.get("entry"), str) else None
        topic = options.get("topic") if isinstance(options.get("topic"), str) else None
        entry = self.services.brain.kb.entries.get(entry_id or "")
        direct = self.routes.answer_for(entry_id, topic)
        if direct is not None:
            return direct_cards(direct, self.routes, entry, lang)
        if entry is not None:  # content without a route mapping still gets its own answer
            return [answer_card(entry, lang, [])]
        return [route_list_card(self.routes.all(), lang)]
