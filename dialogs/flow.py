"""How a multi-step flow plugs into MainDialog: the topics and card actions that start it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from dialogs._sdk import Dialog
from dialogs.turn import Said
from knowledge.answering import Decision
from knowledge.language import locale_lang
from knowledge.models import Lang

# The whole answer of a flow that needs one turn for a message: (decision, options) -> Said.
AtOnce = Callable[[Decision, dict[str, Any]], Awaitable[Said]]

# MainDialog's routing waterfall; a flow that hands a message back begins it again.
# Stored in conversation state: never rename.
ROUTE_DIALOG_ID = "main.route"


@dataclass(frozen=True)
class Flow:
    """A ComponentDialog plus what starts it.

    MainDialog begins `dialog` with options {"topic", "entry", "text", "lang"} when a
    message is answered with one of `topics`, or {"value", "lang"} when a card action
    named in `actions` arrives outside the flow. The flow records the turn's
    knowledge.match itself (dialogs.turn.record_match) when it handles a card action.
    """

    dialog: Dialog
    topics: frozenset[str] = field(default_factory=frozenset)
    actions: frozenset[str] = field(default_factory=frozenset)
    # True when the flow itself answers a disclosure typed into it with care (and keeps
    # nothing of it); MainDialog's safety net then leaves its input alone.
    handles_disclosure: bool = False
    # Set when the flow answers every message that begins it in that same turn: MainDialog
    # then sends this answer instead of beginning the dialog (which stays for card actions).
    at_once: AtOnce | None = None


def options_lang(options: dict[str, Any], locale: str | None = None) -> Lang:
    """The language MainDialog chose for this turn (options "lang"), else the client's locale."""
    lang = options.get("lang")
    return lang if lang in ("nl", "en") else locale_lang(locale)


def options_for_text(topic: str, entry_id: str | None, text: str, lang: str) -> dict[str, Any]:
    return {"topic": topic, "entry": entry_id, "text": text, "lang": lang}


def options_for_action(value: dict[str, Any], lang: str) -> dict[str, Any]:
    return {"value": value, "lang": lang}
