"""Every fixed sentence of the alderman-question flows, in Dutch and English."""

from __future__ import annotations

from typing import Final

from dialogs.texts import pick

TEXTS: Final[dict[str, dict[str, str]]] = {
    "private_only": {
        "nl": "In een groepsgesprek of kanaal lezen anderen mee. Stel je vraag voor de wethouder daarom "
        "in een chat met alleen mij.",
        "en": "In a group chat or channel, others can read along. So please ask your question for the "
        "alderman in a chat with just me.",
    },
    "kept_title": {"nl": "Wat bewaren we?", "en": "What do we keep?"},
    "kept": {
        "nl": "We bewaren je vraag, voor wie hij is, voor welke sessie, en de datum. Niet je naam, niet je "
        "Teams-gegevens en niet het tijdstip. Tot je op Versturen klikt, bewaren we niets.",
        "en": "We keep your question, who it is for, which session, and the date. Not your name, not "
        "your Teams "
        "details and not the time. Until you click Send, we keep nothing.",
    },
    "chat_kept": {
        "nl": "Hier staat het formulier in de chat. Je vraag kan dus in je chatgeschiedenis blijven "
        "staan. Tot je "
        "op Versturen klikt, bewaart de bot niets.",
        "en": "Here the form is in the chat, so your question may stay in your chat history. Until you click "
        "Send, the bot keeps nothing.",
    },
    "not_reporting": {
        "nl": "Dit is geen meldpunt. Wil je iets melden wat er gebeurd is? Kijk dan bij de meldroutes.",
        "en": "This is not a reporting channel. Want to report something that happened? See the "
        "reporting routes.",
    },
    "routes": {"nl": "Meldroutes", "en": "Reporting routes"},
    "form_title": {"nl": "Je vraag", "en": "Your question"},
    "form_hint": {
        "nl": "Houd namen, je team, data en plekken algemeen. Tussen 10 en 1.000 tekens.",
        "en": "Keep names, your team, dates and places general. Between 10 and 1,000 characters.",
    },
    "question_label": {"nl": "Je vraag", "en": "Your question"},
    "question_placeholder": {
        "nl": "Bijvoorbeeld: Hoe zorgt de gemeente dat iedereen een stille ruimte kan vinden?",
        "en": "For example: How does the municipality make sure everyone can find a quiet room?",
    },
    "addressee_label": {"nl": "Voor wie?", "en": "For whom?"},
    "addressee.wethouder": {"nl": "De wethouder", "en": "The alderman (wethouder)"},
    "addressee.gemeentesecretaris": {"nl": "De gemeentesecretaris", "en": "The municipal secretary"},
    "addressee.beide": {"nl": "Allebei", "en": "Both"},
    "session_label": {"nl": "Voor welke sessie?", "en": "For which session?"},
    "session.next": {"nl": "De eerstvolgende", "en": "The next one"},
    "session.standing": {
        "nl": "Geen vaste sessie: bewaren voor later",
        "en": "No particular session: keep it for later",
    },
    "check": {"nl": "Controleren", "en": "Check"},
    "send": {"nl": "Versturen", "en": "Send"},
    "send_anyway": {"nl": "Zo versturen", "en": "Send as it is"},
    "edit": {"nl": "Aanpassen", "en": "Edit"},
    "cancel": {"nl": "Niet versturen", "en": "Don't send"},
    "cancelled": {
        "nl": "Oké, ik heb niets verstuurd en niets bewaard.",
        "en": "Okay, I have not sent or kept anything.",
    },
    "problem.empty": {
        "nl": "Ik zie nog geen vraag. Typ je vraag in het vak.",
        "en": "I don't see a question yet. Type it in the box.",
    },
    "problem.too_short": {
        "nl": "Je vraag is wat kort. Schrijf minstens 10 tekens.",
        "en": "Your question is a bit short. Please write at least 10 characters.",
    },
    "problem.too_long": {
        "nl": "Je vraag is te lang. Houd hem onder de 1.000 tekens.",
        "en": "Your question is too long. Please keep it under 1,000 characters.",
    },
    "problem.bad_addressee": {
        "nl": "Kies voor wie je vraag is.",
        "en": "Please choose who your question is for.",
    },
    "problem.unknown_session": {
        "nl": "Die sessie ken ik niet (meer). Kies een andere.",
        "en": "I don't know that session (any more). Please pick another.",
    },
    "problem.closed_session": {
        "nl": "Voor die sessie kun je geen vragen meer sturen. Kies een andere.",
        "en": "That session no longer takes questions. Please pick another.",
    },
    "preview_title": {"nl": "Klopt dit?", "en": "Is this right?"},
    "preview_for": {
        "nl": "Voor: {addressee}. Sessie: {session}.",
        "en": "For: {addressee}. Session: {session}.",
    },
    "findings_title": {
        "nl": "Dit kan laten zien wie je bent:",
        "en": "This might show who you are:",
    },
    "findings_advice": {
        "nl": "Wil je het algemener maken? Dat mag, maar het hoeft niet: jij beslist.",
        "en": "Would you like to make it more general? You may, but you don't have to: it's up to you.",
    },
    "kind.name": {
        "nl": "een naam (schrijf bijvoorbeeld 'een collega')",
        "en": "a name (write 'a colleague', for example)",
    },
    "kind.email": {"nl": "een e-mailadres", "en": "an e-mail address"},
    "kind.phone": {"nl": "een telefoonnummer", "en": "a phone number"},
    "kind.number": {
        "nl": "een nummer, zoals een personeelsnummer",
        "en": "a number, such as an employee number",
    },
    "kind.team": {
        "nl": "een team of afdeling (schrijf bijvoorbeeld 'mijn team')",
        "en": "a team or department (write 'my team', for example)",
    },
    "kind.date": {
        "nl": "een datum of tijdstip (schrijf bijvoorbeeld 'onlangs')",
        "en": "a date or time (write 'recently', for example)",
    },
    "kind.place": {"nl": "een plek, zoals een kamer of adres", "en": "a place, such as a room or address"},
    "no_findings": {
        "nl": "Ik zie geen namen, teams, data of plekken. Lees hem nog even na: ook een voorval kan "
        "laten zien wie je bent.",
        "en": "I see no names, teams, dates or places. Read it once more: an incident can also show who "
        "you are.",
    },
    "receipt_title": {"nl": "Verstuurd. Dank je wel!", "en": "Sent. Thank you!"},
    "receipt": {
        "nl": "Je vraag is opgeslagen zonder je naam. Dit is je intrekcode: **{code}**. Je ziet hem maar één "
        "keer, dus schrijf hem op als je je vraag later wilt intrekken of aanpassen.",
        "en": "Your question is stored without your name. This is your withdrawal code: **{code}**. You "
        "see it "
        "only once, so write it down if you may want to withdraw or change your question later.",
    },
    "receipt_answer": {
        "nl": "Het Bureau bundelt de vragen voor de sessie. Het antwoord hoor je in de sessie, niet "
        "persoonlijk.",
        "en": "The Bureau bundles the questions for the session. You hear the answer in the session, "
        "not personally.",
    },
    "duplicate": {
        "nl": "Deze vraag had ik al ontvangen; ik heb hem niet nog een keer opgeslagen.",
        "en": "I had already received this question; I did not store it again.",
    },
    "too_many": {
        "nl": "Je hebt vandaag al een paar vragen gestuurd. Probeer het morgen weer.",
        "en": "You have already sent a few questions today. Please try again tomorrow.",
    },
    "save_failed": {
        "nl": "Het opslaan is niet gelukt, dus je vraag is niet verstuurd. Probeer het over een paar "
        "minuten opnieuw.",
        "en": "Saving did not work, so your question was not sent. Please try again in a few minutes.",
    },
    "session_standing": {"nl": "vaste verzameling", "en": "standing collection"},
    "sessions_title": {"nl": "Komende kennissessies", "en": "Upcoming knowledge sessions"},
    "sessions_none": {
        "nl": "Er staat nu geen kennissessie open. Stuur je toch een vraag? Dan bewaren we hem voor de "
        "volgende.",
        "en": "No knowledge session is open right now. Send a question anyway? We keep it for the next one.",
    },
    "sessions_deadline": {"nl": "Vragen tot en met {day}.", "en": "Questions until {day}."},
    "ask": {"nl": "Stel een vraag", "en": "Ask a question"},
    # Withdrawing or changing with the code.
    "code_title": {"nl": "Heb je je intrekcode?", "en": "Do you have your withdrawal code?"},
    "code_label": {"nl": "Je intrekcode", "en": "Your withdrawal code"},
    "withdraw": {"nl": "Intrekken", "en": "Withdraw"},
    "change": {"nl": "Aanpassen", "en": "Change"},
    "code_unknown": {
        "nl": "Met deze code kan ik niets vinden. Kijk of je hem goed hebt overgenomen, bijvoorbeeld het "
        "verschil tussen letters en cijfers.",
        "en": "I can't find anything with this code. Check that you copied it correctly, for example letters "
        "versus digits.",
    },
    "code_too_many": {
        "nl": "Je hebt vandaag al vaak een code geprobeerd. Probeer het morgen weer.",
        "en": "You have tried a code many times today. Please try again tomorrow.",
    },
    "withdrawn": {
        "nl": "Je vraag is ingetrokken en verwijderd.",
        "en": "Your question has been withdrawn and deleted.",
    },
    "change_title": {"nl": "Pas je vraag aan", "en": "Change your question"},
    "save_change": {"nl": "Opslaan", "en": "Save"},
    "changed": {
        "nl": "Je vraag is aangepast. Je intrekcode blijft hetzelfde. Het Bureau leest hem opnieuw.",
        "en": "Your question has been changed. Your withdrawal code stays the same. The Bureau will "
        "read it again.",
    },
}


def t(key: str, lang: str, **values: str) -> str:
    """The text for key in lang (Dutch when the language is unknown), with {placeholders} filled."""
    return pick(TEXTS, key, lang, **values)
