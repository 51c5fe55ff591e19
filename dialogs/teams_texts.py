"""Every fixed sentence of the Teams extras (dialog windows, the compose-box check), in Dutch and English."""

from __future__ import annotations

from typing import Final

from dialogs.texts import pick

TEXTS: Final[dict[str, dict[str, str]]] = {
    # --- the question form in a Teams dialog window ---
    "form.window_title": {"nl": "Vraag aan de wethouder of GS", "en": "Question for the alderman or GS"},
    "form.open": {"nl": "Open het formulier apart", "en": "Open the form separately"},
    "form.separate": {
        "nl": "Dit venster staat los van de chat: wat je hier typt, blijft niet in je chatgeschiedenis "
        "staan. Tot je op Versturen klikt, bewaart de bot niets.",
        "en": "This window is separate from the chat: what you type here does not stay in your chat "
        "history. Until you click Send, the bot keeps nothing.",
    },
    "private.open_chat": {"nl": "Open een chat met mij", "en": "Open a chat with me"},
    # --- the compose-box check ("Controleer op inclusieve taal") ---
    "check.window_title": {"nl": "Controleer op inclusieve taal", "en": "Check for inclusive language"},
    "check.intro": {
        "nl": "Plak of typ hier de tekst van je bericht. Ik kijk naar woorden om op te letten. Ik bewaar "
        "je tekst niet en verstuur niets.",
        "en": "Paste or type the text of your message here. I look for words to look out for. I don't "
        "keep your text and I don't send anything.",
    },
    "check.label": {"nl": "Je tekst", "en": "Your text"},
    "check.placeholder": {
        "nl": "Bijvoorbeeld: Beste collega's, volgende week ...",
        "en": "For example: Dear colleagues, next week ...",
    },
    "check.run": {"nl": "Controleren", "en": "Check"},
    "check.again": {"nl": "Opnieuw controleren", "en": "Check again"},
    "check.done": {"nl": "Klaar", "en": "Done"},
    "check.empty": {
        "nl": "Ik zie nog geen tekst. Plak of typ je tekst in het vak.",
        "en": "I don't see any text yet. Paste or type your text in the box.",
    },
    "check.own_draft": {
        "nl": "Je bericht in Teams verandert hierdoor niet: pas het daar zelf aan als je dat wilt. "
        "Hieronder kun je de tekst aanpassen en opnieuw laten controleren.",
        "en": "This does not change your message in Teams: edit it there yourself if you want to. "
        "Below you can change the text and check it again.",
    },
    "unknown_command": {
        "nl": "Dit venster werkt niet meer. Sluit het en probeer het opnieuw.",
        "en": "This window no longer works. Please close it and try again.",
    },
}


def tt(key: str, lang: str, **values: object) -> str:
    """The text for key in lang (Dutch when the language is unknown), with {placeholders} filled."""
    return pick(TEXTS, key, lang, **values)
