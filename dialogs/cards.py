"""Adaptive Cards (schema 1.5, what Teams renders) built by pure functions returning dicts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialogs.texts import t
from knowledge.models import Entry, Lang

Card = dict[str, Any]
AREAS = ("language", "quietroom", "report", "alderman")


def card(body: list[dict[str, Any]], actions: Sequence[dict[str, Any]] = (), fallback: str = "") -> Card:
    result: Card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": body,
    }
    if actions:
        result["actions"] = list(actions)
    if fallback:
        result["fallbackText"] = fallback
    return result


def text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def submit(title: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Action.Submit", "title": title, "data": data}


def open_url(title: str, url: str) -> dict[str, Any]:
    return {"type": "Action.OpenUrl", "title": title, "url": url}


def entry_action(entry: Entry, lang: Lang) -> dict[str, Any]:
    return submit(entry.title.get(lang), {"action": "entry", "id": entry.id})


def feedback_row(entry_id: str, lang: Lang) -> list[dict[str, Any]]:
    return [
        text_block(t("helpful_q", lang), isSubtle=True, size="Small", spacing="Medium"),
        {
            "type": "ActionSet",
            "actions": [
                submit("👍", {"action": "feedback", "id": entry_id, "helpful": True}),
                submit("👎", {"action": "feedback", "id": entry_id, "helpful": False}),
            ],
        },
    ]


def answer_card(entry: Entry, lang: Lang, followups: Sequence[Entry]) -> Card:
    """One knowledge entry: title, answer, an honest note when unverified, links, follow-ups, 👍/👎."""
    answer = entry.answer.get(lang)
    body = [text_block(entry.title.get(lang), weight="Bolder", size="Medium"), text_block(answer)]
    if not entry.verified:
        body.append(text_block(t("unverified", lang), isSubtle=True, size="Small", color="Warning"))
    body.extend(feedback_row(entry.id, lang))
    actions = [open_url(link.title.get(lang), link.url) for link in entry.links]
    actions += [entry_action(f, lang) for f in followups]
    return card(body, actions, fallback=answer)


def menu_card(lang: Lang, intro: str | None = None) -> Card:
    """The four areas as buttons, plus a way to reach a person."""
    body = [text_block(intro, spacing="None")] if intro else []
    body.append(text_block(t("menu_title", lang), weight="Bolder"))
    actions = [submit(t(f"area.{area}", lang), {"action": "menu", "area": area}) for area in AREAS]
    actions.append(submit(t("area.human", lang), {"action": "menu", "area": "human"}))
    fallback = (intro + " " if intro else "") + t("menu_title", lang)
    return card(body, actions, fallback=fallback)


def clarify_card(choices: Sequence[Entry], lang: Lang) -> Card:
    """'Bedoel je…?' with up to three entries and 'something else'."""
    actions = [entry_action(e, lang) for e in choices[:3]]
    actions.append(submit(t("something_else", lang), {"action": "other"}))
    titles = ", ".join(e.title.get(lang) for e in choices[:3])
    return card(
        [text_block(t("clarify", lang), weight="Bolder")], actions, fallback=f"{t('clarify', lang)} {titles}"
    )


def emergency_card(signal: str, lang: Lang) -> Card:
    """112 first; 113 as well for suicidal thoughts. Phone links work in Teams on every device."""
    key = "self_harm" if signal == "self_harm" else "danger"
    actions = [open_url(t("call_112", lang), "tel:112")]
    if key == "self_harm":
        actions = [
            open_url(t("call_113", lang), "tel:113"),
            open_url(t("chat_113", lang), "https://www.113.nl"),
            *actions,
        ]
    body = [text_block(t(key, lang), weight="Bolder", size="Medium", color="Attention")]
    return card(body, actions, fallback=t(key, lang))


def sensitive_fallback_card(lang: Lang) -> Card:
    text = t("fallback_sensitive", lang)
    return card(
        [text_block(text)],
        [submit(t("show_routes", lang), {"action": "menu", "area": "report"})],
        fallback=text,
    )
