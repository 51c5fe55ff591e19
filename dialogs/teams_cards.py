"""Adaptive Cards (1.5) and invoke answers of the Teams extras: dialog windows and the compose-box check.

A Teams dialog (task module) shows one card; its buttons answer with `task/submit` or, for the
message extension, `composeExtension/submitAction`. Cards stay pure functions returning dicts.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from dialogs.cards import Card, card, open_url, submit, text_block
from dialogs.language_cards import findings_card
from dialogs.teams_texts import tt
from knowledge.checker import MAX_CHARS, Finding

ADAPTIVE = "application/vnd.microsoft.card.adaptive"
ACTION_FORM = "alderman.start"
CHECK_RUN = "compose.check"
CHECK_DONE = "compose.done"
TEXT_INPUT = "text"
CHAT_LINK = "https://teams.microsoft.com/l/chat/0/0?users="


def launcher_action(lang: str) -> dict[str, Any]:
    """Opens the question form in a Teams dialog window (task/fetch).

    Where the client cannot open dialogs it arrives as an ordinary click on alderman.start,
    which shows the form in the chat: the fallback needs no second button.
    """
    return submit(tt("form.open", lang), {"action": ACTION_FORM, "msteams": {"type": "task/fetch"}})


def open_chat_action(bot_id: str, lang: str) -> dict[str, Any]:
    """A Teams deep link that opens the personal chat with the bot (its id is '28:<app id>')."""
    return open_url(tt("private.open_chat", lang), CHAT_LINK + quote(bot_id, safe=":"))


def with_window_note(form: Card, lang: str) -> Card:
    """The question form as the dialog window shows it: the same form, saying the window is apart."""
    shown = copy.deepcopy(form)
    body = shown.setdefault("body", [])
    body.insert(1 if body else 0, text_block(tt("form.separate", lang), isSubtle=True))
    return shown


def is_question_form(shown: Card) -> bool:
    return any(item.get("id") == "question" for item in shown.get("body", []) if isinstance(item, dict))


# ---------------------------------------------------------------- the compose-box check
def _text_input(text: str, lang: str) -> dict[str, Any]:
    return {
        "type": "Input.Text",
        "id": TEXT_INPUT,
        "label": tt("check.label", lang),
        "isMultiline": True,
        "maxLength": MAX_CHARS,
        "placeholder": tt("check.placeholder", lang),
        "value": text[:MAX_CHARS],
    }


def check_form_card(lang: str, text: str = "", problem: str | None = None) -> Card:
    """Paste or type the draft; nothing is kept and nothing is sent."""
    body: list[dict[str, Any]] = [
        text_block(tt("check.window_title", lang), weight="Bolder", size="Medium"),
        text_block(tt("check.intro", lang), isSubtle=True),
    ]
    if problem:
        body.append(text_block(problem, color="Attention", weight="Bolder"))
    body.append(_text_input(text, lang))
    return card(
        body,
        [submit(tt("check.run", lang), {"action": CHECK_RUN})],
        fallback=tt("check.window_title", lang),
    )


def check_result_card(text: str, findings: Sequence[Finding], lang: str) -> Card:
    """The findings of the chat's text check, then the text to edit and check again, or done."""
    shown = findings_card(text, findings, lang)
    body = [
        *shown["body"],
        text_block(tt("check.own_draft", lang), isSubtle=True, size="Small", spacing="Medium"),
        _text_input(text, lang),
    ]
    actions = [
        submit(tt("check.again", lang), {"action": CHECK_RUN}),
        submit(tt("check.done", lang), {"action": CHECK_DONE}),
    ]
    return card(body, actions, fallback=shown.get("fallbackText", ""))


def message_card(text: str) -> Card:
    return card([text_block(text)], fallback=text)


# ---------------------------------------------------------------- invoke answers
def dialog_window(title: str, shown: Card, height: str = "large", width: str = "medium") -> dict[str, Any]:
    """The body of an invoke response that shows (or keeps showing) a dialog window with one card."""
    return {
        "task": {
            "type": "continue",
            "value": {
                "title": title,
                "height": height,
                "width": width,
                "card": {"contentType": ADAPTIVE, "content": shown},
            },
        }
    }
