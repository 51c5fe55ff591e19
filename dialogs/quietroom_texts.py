"""Every fixed sentence of the quiet-room flows (search and feedback), in Dutch and English."""

from __future__ import annotations

from typing import Final

from dialogs.texts import pick

TEXTS: Final[dict[str, dict[str, str]]] = {
    # --- search ---
    "ask_place": {
        "nl": "In welk gebouw of stadsdeel zoek je een stilteruimte? Kies hieronder, of typ een gebouw of "
        "adres.",
        "en": "In which building or district are you looking for a quiet room? Choose below, or type a "
        "building "
        "or address.",
    },
    "all_rooms": {"nl": "Alle ruimtes", "en": "All rooms"},
    "found": {
        "nl": "Dit vond ik{where}{what}: {count}.",
        "en": "This is what I found{where}{what}: {count}.",
    },
    "count_one": {"nl": "1 ruimte", "en": "1 room"},
    "count_many": {"nl": "{n} ruimtes", "en": "{n} rooms"},
    "where": {"nl": " in {place}", "en": " in {place}"},
    "what": {"nl": " met {filters}", "en": " with {filters}"},
    "relaxed": {
        "nl": "Een ruimte met {filters} staat niet in mijn lijst voor {place}. Dit zijn de ruimtes die er "
        "wel staan.",
        "en": "My list has no room with {filters} for {place}. These are the rooms it does have.",
    },
    "list_unverified": {
        "nl": "Let op: deze gegevens zijn nog niet gecontroleerd. Vraag het voor de zekerheid bij de "
        "receptie.",
        "en": "Note: these details have not been checked yet. Check with reception to be sure.",
    },
    "not_found": {
        "nl": "Daarvoor heb ik geen stilteruimte in mijn lijst. Dat wil niet zeggen dat er geen is: vraag "
        "het bij de "
        "receptie of facilitair beheer van het gebouw. Is er echt geen? Laat het me weten, dan tel ik het "
        "mee.",
        "en": "I have no quiet room for that in my list. That does not mean there is none: ask reception or "
        "facility management of the building. Is there really none? Let me know and I will count it.",
    },
    "not_found_retry": {
        "nl": "Je kunt ook een ander gebouw, adres of stadsdeel typen.",
        "en": "You can also type another building, address or district.",
    },
    "more": {"nl": "Meer", "en": "More"},
    "more_left": {"nl": "Er zijn nog {n} ruimtes.", "en": "There are {n} more rooms."},
    "no_more": {"nl": "Meer ruimtes heb ik hier niet.", "en": "I have no more rooms for this."},
    "report_missing": {"nl": "Meld: hier is geen ruimte", "en": "Report: no room here"},
    "report_problem": {"nl": "Meld een probleem", "en": "Report a problem"},
    "stopped": {"nl": "Oké. Vraag gerust later nog eens.", "en": "Okay. Feel free to ask again later."},
    # --- one room ---
    "open_until": {"nl": "Nu open, tot {time}", "en": "Open now, until {time}"},
    "open_always": {"nl": "Nu open, dag en nacht", "en": "Open now, day and night"},
    "closed_next": {"nl": "Nu dicht. Weer open {when}", "en": "Closed now. Opens again {when}"},
    "closed": {"nl": "Nu dicht", "en": "Closed now"},
    "holiday": {
        "nl": "Vandaag dicht ({holiday}). Weer open {when}",
        "en": "Closed today ({holiday}). Opens {when}",
    },
    "temporarily_closed": {"nl": "Tijdelijk gesloten", "en": "Temporarily closed"},
    "no_hours": {
        "nl": "Openingstijden onbekend: vraag de receptie",
        "en": "Opening hours unknown: ask reception",
    },
    "today_at": {"nl": "vandaag om {time}", "en": "today at {time}"},
    "tomorrow_at": {"nl": "morgen om {time}", "en": "tomorrow at {time}"},
    "day_at": {"nl": "{day} om {time}", "en": "on {day} at {time}"},
    "open_now_line": {"nl": "{name}: {state}.", "en": "{name}: {state}."},
    "hours_note": {
        "nl": "Dit volgt uit de openingstijden in mijn lijst (Amsterdamse tijd, feestdagen meegerekend).",
        "en": "This follows from the opening hours in my list (Amsterdam time, public holidays included).",
    },
    "fact.address": {"nl": "Adres", "en": "Address"},
    "fact.floor": {"nl": "Verdieping", "en": "Floor"},
    "fact.room": {"nl": "Ruimte", "en": "Room"},
    "fact.route": {"nl": "Route", "en": "Directions"},
    "fact.kind": {"nl": "Soort", "en": "Kind"},
    "fact.facilities": {"nl": "Voorzieningen", "en": "Facilities"},
    "fact.accessibility": {"nl": "Toegankelijk", "en": "Accessibility"},
    "fact.access": {"nl": "Toegang", "en": "Access"},
    "fact.hours": {"nl": "Open", "en": "Hours"},
    "fact.contact": {"nl": "Contact", "en": "Contact"},
    "none_listed": {"nl": "niets bekend", "en": "none listed"},
    "closed_day": {"nl": "dicht", "en": "closed"},
    "holidays_closed": {"nl": "feestdagen dicht", "en": "closed on public holidays"},
    "shared.kolfruimte": {
        "nl": "Let op: dit is ook de kolfruimte. Het kan dus bezet zijn.",
        "en": "Note: this is also the lactation room, so it may be in use.",
    },
    "shared.ehbo": {
        "nl": "Let op: deze ruimte wordt ook voor EHBO gebruikt.",
        "en": "Note: this room is also used for first aid.",
    },
    "room_example": {
        "nl": "Voorbeeldgegevens, niet gecontroleerd. Vraag de receptie of er echt een ruimte is.",
        "en": "Example data, not checked. Ask reception whether there really is a room.",
    },
    "room_unverified": {
        "nl": "Nog niet gecontroleerd. Vraag het voor de zekerheid bij de receptie.",
        "en": "Not checked yet. Ask reception to be sure.",
    },
    "room_verified": {"nl": "Gecontroleerd op {day}.", "en": "Checked on {day}."},
    "kind.stilteruimte": {"nl": "stilteruimte", "en": "quiet room"},
    "kind.gebedsruimte": {"nl": "gebedsruimte", "en": "prayer room"},
    "kind.meditatie": {"nl": "meditatieruimte", "en": "meditation room"},
    "kind.rustruimte": {"nl": "rustruimte (prikkelarm)", "en": "rest room (low stimulus)"},
    "facility.wudu": {"nl": "wasgelegenheid (wudu)", "en": "washing facilities (wudu)"},
    "facility.prayer_mats": {"nl": "gebedskleden", "en": "prayer mats"},
    "facility.qibla": {"nl": "qibla aangegeven", "en": "qibla marked"},
    "facility.chairs": {"nl": "stoelen", "en": "chairs"},
    "facility.lockable": {"nl": "af te sluiten", "en": "lockable"},
    "facility.separated": {"nl": "afgeschermd deel", "en": "separated area"},
    "facility.step_free": {"nl": "drempelvrij", "en": "step-free"},
    "facility.lift": {"nl": "met de lift", "en": "lift access"},
    "facility.wheelchair_space": {"nl": "ruimte voor een rolstoel", "en": "wheelchair space"},
    "access.free": {"nl": "vrij toegankelijk", "en": "open access"},
    "access.key_at_reception": {"nl": "sleutel bij de receptie", "en": "key at reception"},
    "access.booking": {"nl": "eerst reserveren", "en": "book first"},
    "day.mon": {"nl": "ma", "en": "Mon"},
    "day.tue": {"nl": "di", "en": "Tue"},
    "day.wed": {"nl": "wo", "en": "Wed"},
    "day.thu": {"nl": "do", "en": "Thu"},
    "day.fri": {"nl": "vr", "en": "Fri"},
    "day.sat": {"nl": "za", "en": "Sat"},
    "day.sun": {"nl": "zo", "en": "Sun"},
    "dayname.mon": {"nl": "maandag", "en": "Monday"},
    "dayname.tue": {"nl": "dinsdag", "en": "Tuesday"},
    "dayname.wed": {"nl": "woensdag", "en": "Wednesday"},
    "dayname.thu": {"nl": "donderdag", "en": "Thursday"},
    "dayname.fri": {"nl": "vrijdag", "en": "Friday"},
    "dayname.sat": {"nl": "zaterdag", "en": "Saturday"},
    "dayname.sun": {"nl": "zondag", "en": "Sunday"},
    # --- feedback ---
    "fb.location": {"nl": "Om welke locatie gaat het?", "en": "Which location is it about?"},
    "fb.other_location": {"nl": "Andere locatie", "en": "Another location"},
    "fb.location_text": {
        "nl": "Welke locatie? Typ het gebouw of adres. Noem geen namen van mensen.",
        "en": "Which location? Type the building or address. Please don't name people.",
    },
    "fb.kind": {"nl": "Wat is er aan de hand bij {location}?", "en": "What is the matter at {location}?"},
    "fb.kind.no_room": {"nl": "Er is hier geen ruimte", "en": "There is no room here"},
    "fb.kind.occupied": {"nl": "Altijd bezet", "en": "Always occupied"},
    "fb.kind.meetings": {"nl": "Gebruikt om te vergaderen", "en": "Used for meetings"},
    "fb.kind.broken": {"nl": "Iets is kapot", "en": "Something is broken"},
    "fb.kind.not_clean": {"nl": "Niet schoon", "en": "Not clean"},
    "fb.kind.other": {"nl": "Iets anders", "en": "Something else"},
    "fb.remark": {
        "nl": "Ik noteer: {location}, {kind}. Wil je er nog iets bij zeggen? Kort graag, hooguit 500 tekens, "
        "en "
        "zonder namen. Of kies Overslaan.",
        "en": "I'm noting: {location}, {kind}. Anything to add? Briefly please, at most 500 characters, and "
        "without names. Or choose Skip.",
    },
    "fb.skip": {"nl": "Overslaan", "en": "Skip"},
    "fb.back": {"nl": "Terug", "en": "Back"},
    "fb.stop": {"nl": "Stop", "en": "Stop"},
    "fb.not_understood": {
        "nl": "Dat begreep ik niet helemaal. Kies een knop, of typ 'stop' om te stoppen.",
        "en": "I didn't quite get that. Choose a button, or type 'stop' to stop.",
    },
    "fb.thanks": {
        "nl": "Dank je, ik heb het genoteerd, zonder je naam. Ik tel meldingen per locatie voor het Bureau "
        "Inclusie "
        "en Diversiteit, zodat zichtbaar wordt waar ruimtes ontbreken of niet goed werken. Het is geen "
        "aanvraag die "
        "iemand meteen oppakt.",
        "en": "Thank you, I've noted it, without your name. I count reports per location for the Bureau "
        "Inclusie "
        "en Diversiteit, so it becomes clear where rooms are missing or not working well. It is not a "
        "request that "
        "someone picks up straight away.",
    },
    "fb.fix_now": {
        "nl": "Is er iets kapot of vies? Meld het ook bij de receptie of facilitair beheer: zij kunnen het "
        "meteen "
        "oplossen.",
        "en": "Is something broken or dirty? Also tell reception or facility management: they can fix it "
        "right away.",
    },
    "fb.trimmed": {
        "nl": "Je opmerking was lang; ik heb de eerste 500 tekens bewaard.",
        "en": "Your remark was long; I kept the first 500 characters.",
    },
    "fb.sensitive": {
        "nl": "Je opmerking heb ik niet bewaard: het klonk alsof het over iets persoonlijks gaat. Je hoeft "
        "mij niet "
        "te vertellen wat er is gebeurd. Wil je zien waar je terecht kunt?",
        "en": "I did not keep your remark: it sounded like something personal. You don't have to tell me "
        "what "
        "happened. Would you like to see where you can go?",
    },
    "fb.routes": {"nl": "Waar kan ik terecht?", "en": "Where can I go?"},
    "fb.stopped": {"nl": "Oké, ik heb niets opgeslagen.", "en": "Okay, I haven't saved anything."},
    "fb.gave_up": {
        "nl": "Het lukt nu even niet. Ik heb niets opgeslagen. Probeer het later gerust opnieuw.",
        "en": "That isn't working right now. I haven't saved anything. Feel free to try again later.",
    },
}


def qt(key: str, lang: str, **values: object) -> str:
    """The text for key in lang (Dutch when the language is unknown), with {placeholders} filled."""
    return pick(TEXTS, key, lang, **values)
