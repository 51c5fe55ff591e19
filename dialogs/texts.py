"""Every fixed sentence the bot says, in Dutch and English, in one place."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "welcome": {
        "nl": "Hoi! Ik ben Wegwijzer van het Bureau Inclusie en Diversiteit. Ik help je met inclusieve taal, "
        "stilteruimtes, waar je iets kunt melden en vragen aan de wethouder. Je hoeft je naam nergens te noemen. "
        "Waar kan ik je mee helpen?",
        "en": "Hi! I'm Wegwijzer from the Bureau for Inclusion and Diversity. I can help with inclusive language, "
        "quiet rooms, where to report something, and questions for the alderman. You never need to give your name. "
        "What can I help you with?",
    },
    "menu_title": {"nl": "Waar wil je meer over weten?", "en": "What would you like to know about?"},
    "area.language": {"nl": "Inclusieve taal", "en": "Inclusive language"},
    "area.quietroom": {"nl": "Stilteruimtes", "en": "Quiet rooms"},
    "area.report": {"nl": "Iets melden", "en": "Reporting something"},
    "area.alderman": {"nl": "Vraag aan de wethouder", "en": "Question for the alderman"},
    "area.human": {"nl": "Praten met een mens", "en": "Talk to a person"},
    "clarify": {
        "nl": "Ik weet niet zeker wat je bedoelt. Bedoel je…?",
        "en": "I'm not sure what you mean. Did you mean…?",
    },
    "something_else": {"nl": "Iets anders", "en": "Something else"},
    "rephrase": {
        "nl": "Oké. Wil je je vraag in andere woorden stellen? Of kies hieronder een onderwerp.",
        "en": "Okay. Could you put your question in other words? Or pick a topic below.",
    },
    "fallback": {
        "nl": "Dat weet ik helaas niet. Ik help met inclusieve taal, stilteruimtes, melden en vragen aan de "
        "wethouder. Voor andere vragen kun je het best op TamTam of bij je leidinggevende kijken. "
        "Ik geef je vraag (zonder je naam) door aan het Bureau, zodat ik beter word.",
        "en": "I'm sorry, I don't know that one. I help with inclusive language, quiet rooms, reporting and "
        "questions for the alderman. For other questions, TamTam or your manager is the best place. "
        "I'll pass your question on to the Bureau (without your name) so I can improve.",
    },
    "fallback_sensitive": {
        "nl": "Ik weet niet zeker of ik je goed begrijp, maar het klinkt alsof er iets vervelends speelt. "
        "Dat spijt me. Je hoeft mij niet te vertellen wat er gebeurd is. Wil je zien waar je terecht kunt?",
        "en": "I'm not sure I understand you, but it sounds like something difficult is going on. I'm sorry. "
        "You don't have to tell me what happened. Would you like to see where you can go?",
    },
    "show_routes": {"nl": "Waar kan ik terecht?", "en": "Where can I go?"},
    "unverified": {
        "nl": "Let op: dit is nog niet bevestigd door de eigenaar van deze informatie. Check het voor je erop vertrouwt.",
        "en": "Note: this has not yet been confirmed by the owner of this information. Please check before relying on it.",
    },
    "more": {"nl": "Meer hierover", "en": "More on this"},
    "helpful_q": {"nl": "Had je hier iets aan?", "en": "Was this helpful?"},
    "thanks_feedback": {
        "nl": "Dank je voor je reactie! Daar word ik beter van.",
        "en": "Thanks for letting me know! It helps me improve.",
    },
    "feedback_unknown": {
        "nl": "Dat antwoord ken ik niet meer, maar dank je wel.",
        "en": "I no longer know that answer, but thank you.",
    },
    "danger": {
        "nl": "Ben je nu in gevaar? Bel direct 112. Zoek een veilige plek en waarschuw de beveiliging of de receptie "
        "van je gebouw. Als je veilig bent, help ik je graag verder: je hoeft niet te vertellen wat er gebeurd is.",
        "en": "Are you in danger right now? Call 112 immediately. Get to a safe place and alert security or reception "
        "in your building. Once you are safe, I'm glad to help further: you don't have to tell me what happened.",
    },
    "self_harm": {
        "nl": "Wat fijn dat je het zegt. Je staat er niet alleen voor. Praat er nu over met 113 Zelfmoordpreventie: "
        "bel 113 of gratis 0800-0113, of chat via 113.nl. Dag en nacht, anoniem. Ben je in direct gevaar? Bel 112.",
        "en": "Thank you for telling me. You are not alone. Talk to 113 Suicide Prevention now: call 113 or free "
        "0800-0113, or chat at 113.nl. Day and night, anonymously. In immediate danger? Call 112.",
    },
    "call_112": {"nl": "Bel 112", "en": "Call 112"},
    "call_113": {"nl": "Bel 113 Zelfmoordpreventie", "en": "Call 113 Suicide Prevention"},
    "chat_113": {"nl": "Chat met 113", "en": "Chat with 113"},
    "too_long": {
        "nl": "Dat is een lang bericht; ik lees berichten tot ongeveer 4.000 tekens. Wil je je vraag korter stellen?",
        "en": "That's a long message; I read messages of up to about 4,000 characters. Could you ask it more briefly?",
    },
    "empty": {
        "nl": "Ik zie geen tekst in je bericht. Typ je vraag, of kies een onderwerp.",
        "en": "I don't see any text in your message. Type your question, or pick a topic.",
    },
    "unknown_action": {
        "nl": "Die knop werkt niet meer. Kies opnieuw, of typ je vraag.",
        "en": "That button no longer works. Please choose again, or type your question.",
    },
}


def pick(table: dict[str, dict[str, str]], key: str, lang: str, **values: object) -> str:
    """The text for key in lang from one area's table (Dutch when the language is unknown), {placeholders} filled.

    Every area keeps its sentences in its own *_texts.py table; they all look up through here.
    """
    texts = table[key]
    text = texts.get(lang) or texts["nl"]
    return text.format(**values) if values else text


def t(key: str, lang: str) -> str:
    """The text for key in lang (Dutch when the language is unknown)."""
    return pick(TEXTS, key, lang)
