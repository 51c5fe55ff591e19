"""Every fixed sentence of the reporting flows (route guide, route cards, safety net), Dutch and English."""

from __future__ import annotations

from typing import Final

from dialogs.texts import pick

TEXTS: Final[dict[str, dict[str, str]]] = {
    # --- the guide
    "guide.intro": {
        "nl": "Ik stel je een paar korte vragen om te kijken welke route bij je past. Je hoeft niet te "
        "vertellen wat er gebeurde. Met 'terug' ga je een vraag terug, met 'stop' houd je op. Ik "
        "bewaar je antwoorden niet.",
        "en": "I'll ask you a few short questions to see which route fits you. You don't have to tell me "
        "what happened. Say 'back' to go one question back, or 'stop' to end. I don't keep your "
        "answers.",
    },
    "guide.question_no": {"nl": "Vraag {n}", "en": "Question {n}"},
    "guide.back": {"nl": "Terug", "en": "Back"},
    "guide.stop": {"nl": "Stop", "en": "Stop"},
    "guide.restart": {"nl": "Opnieuw beginnen", "en": "Start again"},
    "guide.start_button": {"nl": "Welke route past bij mij?", "en": "Which route fits me?"},
    "guide.unclear": {
        "nl": "Dat begreep ik niet helemaal. Kies een van de knoppen, of typ 'stop' om te stoppen.",
        "en": "I didn't quite get that. Please choose one of the buttons, or type 'stop' to end.",
    },
    "guide.no_story_needed": {
        "nl": "Dank je dat je het vertelt. Je hoeft mij niet te vertellen wat er gebeurde. Kies wat het "
        "best past:",
        "en": "Thank you for telling me. You don't have to tell me what happened. Choose what fits best:",
    },
    "guide.first_question": {
        "nl": "Dit is de eerste vraag; verder terug kan niet.",
        "en": "This is the first question; you can't go back further.",
    },
    "guide.stale": {
        "nl": "Die knop hoort bij een eerdere ronde. Ik bewaar geen antwoorden, dus we beginnen opnieuw.",
        "en": "That button belongs to an earlier round. I don't keep answers, so let's start again.",
    },
    "guide.stopped": {
        "nl": "Oké, we stoppen. Ik heb niets bewaard van wat je koos. Wil je later verder kijken? Kies "
        "'Iets melden' in het menu of typ 'waar kan ik iets melden'. Bij acuut gevaar: bel 112.",
        "en": "Okay, we'll stop. I kept nothing of what you chose. Want to look again later? Choose "
        "'Reporting something' in the menu or type 'where can I report something'. In acute danger:"
        " call 112.",
    },
    "guide.outcome": {
        "nl": "Dank je. Deze routes passen het best bij wat je koos. Jij beslist wat je doet, en je mag "
        "ook meer routes tegelijk gebruiken.",
        "en": "Thank you. These routes fit best with what you chose. You decide what to do, and you may "
        "also use more than one route.",
    },
    "guide.emergency": {
        "nl": "Bel nu 112. Zoek een veilige plek en waarschuw de beveiliging of de receptie van je "
        "gebouw. Als je veilig bent, kun je de vragen opnieuw doorlopen.",
        "en": "Call 112 now. Get to a safe place and alert security or reception in your building. Once "
        "you are safe, you can go through the questions again.",
    },
    "guide.wants_anonymity": {
        "nl": "Je wilt anoniem kunnen blijven. Bij elke route staat wie wat te weten komt. Let op: "
        "details in je verhaal kunnen laten zien wie je bent.",
        "en": "You want to be able to stay anonymous. Each route says who will know what. Note: details "
        "in your story can show who you are.",
    },
    "guide.forgotten": {"nl": "Ik heb je antwoorden niet bewaard.", "en": "I have not kept your answers."},
    # --- route cards
    "route.internal": {"nl": "Binnen de gemeente", "en": "Inside the municipality"},
    "route.external": {"nl": "Buiten de gemeente", "en": "Outside the municipality"},
    "route.emergency": {"nl": "Bij acuut gevaar", "en": "In acute danger"},
    "route.does": {"nl": "Wat doet het?", "en": "What does it do?"},
    "route.does_not": {"nl": "Wat niet?", "en": "What doesn't it do?"},
    "route.who_knows": {"nl": "Wie weet wat?", "en": "Who will know what?"},
    "route.reach": {"nl": "Zo bereik je het", "en": "How to reach it"},
    "route.timelines": {"nl": "Hoe lang duurt het?", "en": "How long does it take?"},
    "route.prepare": {"nl": "Wat kun je voorbereiden?", "en": "What can you prepare?"},
    "route.more": {"nl": "Termijnen en voorbereiden", "en": "Time limits and preparing"},
    "route.others": {"nl": "Andere routes", "en": "Other routes"},
    "route.others_intro": {
        "nl": "Er zijn meer plekken waar je terecht kunt, binnen en buiten de gemeente:",
        "en": "There are more places you can go, inside and outside the municipality:",
    },
    "route.pick": {"nl": "Meer over deze route", "en": "More about this route"},
    "route.also": {"nl": "Ook mogelijk", "en": "Also possible"},
    "route.unknown": {
        "nl": "Die route ken ik niet (meer). Hier zijn de routes die ik wel ken.",
        "en": "I don't know that route (any more). Here are the routes I do know.",
    },
    # --- overviews for direct questions
    "overview.anonymity": {
        "nl": "Anoniem betekent: niemand weet wie je bent. Vertrouwelijk betekent: iemand kent je naam, "
        "maar geeft die niet zonder jouw toestemming door. Zo zit het per route:",
        "en": "Anonymous means: nobody knows who you are. Confidential means: someone knows your name but"
        " does not pass it on without your consent. This is how it works per route:",
    },
    "overview.anonymous": {"nl": "Anoniem melden kan bij", "en": "You can report anonymously to"},
    "overview.nameless": {"nl": "Zonder je naam", "en": "Without your name"},
    "overview.confidential": {"nl": "Vertrouwelijk, niet anoniem", "en": "Confidential, not anonymous"},
    "overview.named": {"nl": "Niet anoniem", "en": "Not anonymous"},
    "overview.unknown": {"nl": "Nog niet bekend", "en": "Not known yet"},
    "overview.details": {
        "nl": "Let op: details in je melding kunnen laten zien wie je bent. En anoniem maakt doorvragen "
        "en terugkoppelen lastiger.",
        "en": "Note: details in your report can show who you are. And anonymity makes follow-up questions"
        " and feedback harder.",
    },
    "overview.timelines": {
        "nl": "Hoe lang het duurt, hangt af van de route:",
        "en": "How long it takes depends on the route:",
    },
    "overview.list": {"nl": "Hier kun je terecht:", "en": "Where you can go:"},
    # --- safety net
    "net.care": {
        "nl": "Het klinkt alsof er iets vervelends speelt. Wat naar. Je hoeft mij niet te vertellen wat "
        "er gebeurde. Wil je zien welke route bij je past? Wil je liever verder met waar je mee "
        "bezig was? Stuur je bericht dan nog een keer.",
        "en": "It sounds like something difficult is going on. I'm sorry. You don't have to tell me what "
        "happened. Would you like to see which route fits you? Would you rather carry on with what "
        "you were doing? Then send your message once more.",
    },
    "net.all_routes": {"nl": "Alle meldroutes", "en": "All reporting routes"},
}


def rt(key: str, lang: str, **values: object) -> str:
    """The reporting text for key in lang (Dutch when the language is unknown)."""
    return pick(TEXTS, key, lang, **values)
