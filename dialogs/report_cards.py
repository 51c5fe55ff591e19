"""Adaptive Cards (1.5) of the reporting flows: route cards, guide questions, outcomes, the safety net."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialogs.cards import Card, card, feedback_row, open_url, submit, text_block
from dialogs.report_texts import rt
from dialogs.texts import t
from knowledge.guide import ACTION_ANSWER, ACTION_BACK, ACTION_START, ACTION_STOP, Ask, Outcome
from knowledge.models import Entry, Lang
from knowledge.routes import DirectAnswer, Route, Routes

ACTION_SHOW_ROUTE = "route.show"
ROUTE_INPUT = "route"
_GROUPS = ("anonymous", "nameless", "confidential", "named", "unknown")


def _heading(text: str) -> dict[str, Any]:
    return text_block(text, weight="Bolder", spacing="Medium")


def _kind(route: Route, lang: Lang) -> str:
    return rt(f"route.{route.kind}", lang)


def route_card(
    route: Route, lang: Lang, actions: Sequence[dict[str, Any]] = (), intro: str | None = None
) -> Card:
    """One route: what it does and does not, who will know what, how to reach it; the rest behind a button."""
    body = [text_block(intro)] if intro else []
    body += [
        text_block(route.label(lang), weight="Bolder", size="Medium"),
        text_block(_kind(route, lang), isSubtle=True, size="Small", spacing="None"),
    ]
    if not route.verified:
        body.append(text_block(t("unverified", lang), isSubtle=True, size="Small", color="Warning"))
    body.append(text_block(route.summary.get(lang)))
    for key in ("does", "does_not", "who_knows", "reach"):
        body += [_heading(rt(f"route.{key}", lang)), text_block(getattr(route, key).get(lang))]
    if route.contacts:
        links = [open_url(c.title.get(lang), c.url) for c in route.contacts]
        body.append({"type": "ActionSet", "actions": links})
    more = card(
        [
            _heading(rt("route.timelines", lang)),
            text_block(route.timelines.get(lang)),
            _heading(rt("route.prepare", lang)),
            text_block(route.prepare.get(lang)),
        ]
    )
    show_more = {"type": "Action.ShowCard", "title": rt("route.more", lang), "card": more}
    return card(body, [show_more, *actions], fallback=f"{route.label(lang)}: {route.summary.get(lang)}")


def route_picker(routes: Sequence[Route], lang: Lang) -> list[dict[str, Any]]:
    """A compact list of routes to choose from, and one button to read about the chosen one."""
    choices = [{"title": r.label(lang), "value": r.id} for r in routes]
    return [
        {
            "type": "Input.ChoiceSet",
            "id": ROUTE_INPUT,
            "style": "compact",
            "value": routes[0].id,
            "choices": choices,
        },
        {"type": "ActionSet", "actions": [submit(rt("route.pick", lang), {"action": ACTION_SHOW_ROUTE})]},
    ]


def show_route_button(route: Route, lang: Lang) -> dict[str, Any]:
    return submit(route.label(lang), {"action": ACTION_SHOW_ROUTE, ROUTE_INPUT: route.id})


def guide_button(lang: Lang) -> dict[str, Any]:
    return submit(rt("guide.start_button", lang), {"action": ACTION_START})


# ----------------------------------------------------------------------------- the guide


def question_card(ask: Ask, lang: Lang, notice: str | None = None, intro: str | None = None) -> Card:
    """One routing question: a full-width button per option, then 'terug' and 'stop'."""
    body = [text_block(intro)] if intro else []
    if notice:
        body.append(text_block(notice, color="Accent"))
    body += [
        text_block(rt("guide.question_no", lang, n=ask.number), isSubtle=True, size="Small"),
        text_block(ask.question.text.get(lang), weight="Bolder"),
    ]
    for option in ask.question.options:
        data = {"action": ACTION_ANSWER, "question": ask.question_id, "option": option.id}
        body.append({"type": "ActionSet", "actions": [submit(option.label.get(lang), data)]})
    controls = [
        submit(rt("guide.back", lang), {"action": ACTION_BACK}),
        submit(rt("guide.stop", lang), {"action": ACTION_STOP}),
    ]
    body.append({"type": "ActionSet", "spacing": "Large", "actions": controls})
    labels = " / ".join(o.label.get(lang) for o in ask.question.options)
    return card(body, fallback=f"{ask.question.text.get(lang)} {labels}")


def outcome_cards(outcome: Outcome, lang: Lang) -> list[Card]:
    """The guide's end: why these routes, a card per recommended route, the other routes."""
    restart = submit(rt("guide.restart", lang), {"action": ACTION_START})
    if outcome.result.emergency:
        return [
            route_card(r, lang, [restart], intro=rt("guide.emergency", lang)) for r in outcome.recommended
        ]
    body = [text_block(rt("guide.outcome", lang))]
    if outcome.result.note is not None:
        body.append(text_block(outcome.result.note.get(lang)))
    if "anonymous" in outcome.prefers:
        body.append(text_block(rt("guide.wants_anonymity", lang)))
    body.append(text_block(rt("guide.forgotten", lang), isSubtle=True, size="Small"))
    cards = [card(body, fallback=rt("guide.outcome", lang))]
    cards += [route_card(r, lang) for r in outcome.recommended]
    cards.append(others_card(outcome.others, lang, [restart]))
    return cards


def others_card(routes: Sequence[Route], lang: Lang, actions: Sequence[dict[str, Any]] = ()) -> Card:
    """The other routes by name, inside and outside the municipality, with a way to read about each."""
    lines = "\n".join(f"- {r.label(lang)} ({_kind(r, lang).lower()})" for r in routes)
    body = [_heading(rt("route.others", lang)), text_block(rt("route.others_intro", lang)), text_block(lines)]
    if routes:
        body += route_picker(routes, lang)
    return card(body, actions, fallback=rt("route.others_intro", lang))


def stopped_card(lang: Lang) -> Card:
    text = rt("guide.stopped", lang)
    return card(
        [text_block(text)],
        [submit(t("area.report", lang), {"action": "menu", "area": "report"})],
        fallback=text,
    )


def disclosure_card(lang: Lang) -> Card:
    """The safety net: care, no questions about what happened, the guide on offer."""
    text = rt("net.care", lang)
    actions = [guide_button(lang), submit(rt("net.all_routes", lang), {"action": "menu", "area": "report"})]
    return card([text_block(text)], actions, fallback=text)


# ----------------------------------------------------------------------------- direct questions


def direct_cards(answer: DirectAnswer, routes: Routes, entry: Entry | None, lang: Lang) -> list[Card]:
    """A direct question answered from the route data, with the guide on offer."""
    shown = [r for r in (routes.get(i) for i in answer.routes) if r is not None]
    also = [show_route_button(r, lang) for r in (routes.get(i) for i in answer.also) if r is not None]
    actions = [*also, guide_button(lang)]
    if answer.show == "cards":
        cards = [route_card(r, lang) for r in shown]
        cards[-1] = route_card(shown[-1], lang, actions)
        return cards
    body = [text_block(entry.answer.get(lang))] if answer.entry_text and entry is not None else []
    if answer.show == "anonymity":
        body += _anonymity_overview(routes.all(), lang)
    elif answer.show == "timelines":
        body.append(text_block(rt("overview.timelines", lang)))
        for route in shown:
            body += [_heading(route.label(lang)), text_block(route.timelines.get(lang))]
    else:
        body.append(text_block(rt("overview.list", lang)))
        for route in shown:
            body += [_heading(route.label(lang)), text_block(route.summary.get(lang))]
    if shown:
        body += route_picker(shown, lang)
    if entry is not None:
        body += feedback_row(entry.id, lang)
    return [card(body, actions, fallback=body[0]["text"])]


def _anonymity_overview(routes: Sequence[Route], lang: Lang) -> list[dict[str, Any]]:
    body = [text_block(rt("overview.anonymity", lang))]
    for group in _GROUPS:
        names = [r.label(lang) for r in routes if r.anonymity == group]
        if names:
            body += [_heading(rt(f"overview.{group}", lang)), text_block(", ".join(names))]
    body.append(text_block(rt("overview.details", lang), isSubtle=True))
    return body


def route_list_card(routes: Sequence[Route], lang: Lang) -> Card:
    """Every route, when a button asked for one that no longer exists."""
    body = [text_block(rt("route.unknown", lang)), *route_picker(routes, lang)]
    return card(body, [guide_button(lang)], fallback=rt("route.unknown", lang))
