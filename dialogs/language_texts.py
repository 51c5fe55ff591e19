"""Every fixed sentence of the inclusive-language flows (look-up and text check), in Dutch and English."""

from __future__ import annotations

from typing import Final

from dialogs.texts import pick

TEXTS: Final[dict[str, dict[str, str]]] = {
    # --- levels: plain and kind; advice, never a verdict ---
    "level.avoid": {"nl": "Vermijd", "en": "Avoid"},
    "level.reconsider": {"nl": "Heroverweeg", "en": "Reconsider"},
    "level.info": {"nl": "Ter info", "en": "For your information"},
    "level_note.avoid": {
        "nl": "Dit woord kan mensen raken. Kies liever een ander woord.",
        "en": "This word can hurt people. It is better to choose another one.",
    },
    "level_note.reconsider": {
        "nl": "Dit woord kan gevoelig liggen. Kijk even of een ander woord beter past.",
        "en": "This word can be sensitive. See whether another word fits better.",
    },
    "level_note.info": {
        "nl": "Goed om te weten. Vaak hangt het af van de zin of van wie je het hebt.",
        "en": "Good to know. It often depends on the sentence or on who you are talking about.",
    },
    # --- the term card ---
    "alternatives": {"nl": "Je kunt ook zeggen", "en": "You could also say"},
    "why": {"nl": "Waarom?", "en": "Why?"},
    "source": {"nl": "Bron: {source}", "en": "Source: {source}"},
    "debated": {
        "nl": "Eerlijk is eerlijk: hierover verschillen de meningen en taal verandert. "
        "Volg vooral hoe mensen zichzelf noemen.",
        "en": "To be honest: people disagree about this, and language changes. "
        "Above all, follow how people describe themselves.",
    },
    "advice": {
        "nl": "Dit is advies, geen verbod: jij beslist.",
        "en": "This is advice, not a ban: you decide.",
    },
    "other_lang": {
        "nl": "Dit is een Engels woord; de uitleg hieronder is in het Engels.",
        "en": "This is a Dutch word; the explanation below is in Dutch.",
    },
    "see_also": {"nl": "Zie ook: {term}", "en": "See also: {term}"},
    "check_text": {"nl": "Tekst laten checken", "en": "Check a text"},
    # --- Bedoel je…? ---
    "did_you_mean": {
        "nl": "Ik ken een paar woorden die erop lijken. Welk woord bedoel je?",
        "en": "I know a few words that look like this. Which one do you mean?",
    },
    "something_else": {"nl": "Iets anders", "en": "Something else"},
    "type_again": {
        "nl": "Oké. Typ het woord nog eens, dan zoek ik het op.",
        "en": "Okay. Type the word again and I will look it up.",
    },
    "gone": {
        "nl": "Dat woord kan ik niet (meer) vinden. Typ het woord, dan zoek ik het op.",
        "en": "I can't find that word (any more). Type the word and I will look it up.",
    },
    # --- a word that is not in the list ---
    "unknown_title": {"nl": "Dit woord staat niet in mijn lijst", "en": "This word is not in my list"},
    "unknown": {
        "nl": "Ik weet er daarom niets over te zeggen, en ik ga geen advies verzinnen. "
        "Ik geef het woord (zonder je naam) door aan het Bureau Inclusie en Diversiteit, "
        "zodat zij kunnen kijken of het in de lijst moet.",
        "en": "So I can't tell you anything about it, and I won't make advice up. "
        "I'll pass the word on to the Bureau for Inclusion and Diversity (without your name), "
        "so they can see whether it belongs in the list.",
    },
    "how_lookup": {"nl": "Hoe werkt opzoeken?", "en": "How does look-up work?"},
    # --- the text check ---
    "paste": {
        "nl": "Plak je tekst hieronder, dan kijk ik mee. Zet er liever geen namen of andere persoonsgegevens "
        "in. Ik bewaar je tekst niet. Wil je toch iets anders? Typ dan stop.",
        "en": "Paste your text below and I will take a look. Please leave out names and other personal data. "
        "I don't keep your text. Want something else after all? Type stop.",
    },
    "paste_again": {
        "nl": "Ik zie nog geen tekst. Plak je tekst hieronder, of typ stop.",
        "en": "I don't see any text yet. Paste your text below, or type stop.",
    },
    "still_empty": {
        "nl": "Ik zie nog steeds geen tekst. Geen probleem: vraag het gerust opnieuw als je zover bent.",
        "en": "I still don't see any text. No problem: just ask again when you are ready.",
    },
    "stopped": {
        "nl": "Oké, ik check niets. Vraag het gerust later nog eens.",
        "en": "Okay, I won't check anything. Feel free to ask again later.",
    },
    "too_long": {
        "nl": "Dat is meer dan {limit} tekens; zoveel kan ik niet in één keer lezen. Wil je de tekst in "
        "stukken knippen en die een voor een laten checken? Ik heb niets bewaard.",
        "en": "That is more than {limit} characters, which is more than I can read at once. Could you split "
        "the text into parts and have them checked one by one? I haven't kept anything.",
    },
    "clean": {
        "nl": "Klaar: ik vond geen woorden om op te letten.",
        "en": "Done: I found no words to look out for.",
    },
    "found_one": {
        "nl": "Ik vond 1 plek om even naar te kijken.",
        "en": "I found 1 place worth a second look.",
    },
    "found_many": {
        "nl": "Ik vond {n} plekken om even naar te kijken.",
        "en": "I found {n} places worth a second look.",
    },
    "instead": {"nl": "Liever: {alternatives}", "en": "Perhaps: {alternatives}"},
    "more_found": {
        "nl": "En nog {n} andere plekken. Check kortere stukken tekst om ze allemaal te zien.",
        "en": "And {n} more places. Check shorter parts of the text to see them all.",
    },
    "word_check": {
        "nl": "Dit is een woordcheck, geen oordeel over jou of je tekst. Ik kijk naar woorden, niet naar je "
        "bedoeling, en mijn lijst is niet compleet: jij beslist wat je aanpast.",
        "en": "This is a word check, not a judgement of you or your text. I look at words, not at what you "
        "mean, and my list is not complete: you decide what to change.",
    },
    "check_another": {"nl": "Nog een tekst checken", "en": "Check another text"},
}


def lt(key: str, lang: str, **values: object) -> str:
    """The text for key in lang (Dutch when the language is unknown), with {placeholders} filled."""
    return pick(TEXTS, key, lang, **values)
