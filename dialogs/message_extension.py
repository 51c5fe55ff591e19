"""The compose-box check 'Controleer op inclusieve taal': an action-based message extension.

Teams does not hand a draft to an extension, so the dialog window asks for the text (pasted or
typed), checks it with the same checker as the chat and shows the findings in the window, with
the text to edit and check again. Nothing is kept, nothing is posted, and the draft in Teams
stays the writer's own.
"""

from __future__ import annotations

from typing import Any

from dialogs.language_check_dialog import limit_text
from dialogs.language_texts import lt
from dialogs.teams_cards import (
    CHECK_DONE,
    TEXT_INPUT,
    check_form_card,
    check_result_card,
    dialog_window,
    message_card,
)
from dialogs.teams_texts import tt
from knowledge.checker import MAX_CHARS, Checker
from knowledge.language import detect_lang, locale_lang

# The command id in manifest/manifest.json (composeExtensions[0].commands[0].id): never rename.
COMMAND_ID = "checkInclusiveLanguage"
LANG_SAMPLE = 2000  # characters of the text that decide the reply language


class ComposeCheck:
    """composeExtension/fetchTask shows the form; composeExtension/submitAction shows the findings."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker

    def fetch_task(self, value: object, locale: str | None) -> dict[str, Any]:
        lang = locale_lang(locale)
        if not _ours(value):
            return dialog_window(tt("check.window_title", lang), message_card(tt("unknown_command", lang)))
        return dialog_window(tt("check.window_title", lang), check_form_card(lang))

    def submit_action(self, value: object, locale: str | None) -> dict[str, Any]:
        """The next window, or an empty answer when the writer is done (that closes the window)."""
        lang = locale_lang(locale)
        if not _ours(value):
            return dialog_window(tt("check.window_title", lang), message_card(tt("unknown_command", lang)))
        data = value.get("data") if isinstance(value, dict) else None
        data = data if isinstance(data, dict) else {}
        if data.get("action") == CHECK_DONE:
            return {}
        text = data.get(TEXT_INPUT) if isinstance(data.get(TEXT_INPUT), str) else ""
        lang = detect_lang(text[:LANG_SAMPLE], locale)
        if not text.strip():
            shown = check_form_card(lang, problem=tt("check.empty", lang))
        elif len(text) > MAX_CHARS:
            shown = check_form_card(lang, problem=lt("too_long", lang, limit=limit_text(lang)))
        else:
            shown = check_result_card(text, self.checker.check(text), lang)
        return dialog_window(tt("check.window_title", lang), shown)


def _ours(value: object) -> bool:
    return isinstance(value, dict) and value.get("commandId") == COMMAND_ID
