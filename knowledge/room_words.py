"""The words the quiet-room search and feedback form understand, Dutch and English, folded.

Forms are '|'-separated; a form may be a phrase ('prayer mat'). The search allows typos
on top of these (knowledge.room_search.same_word); the feedback kinds match word starts
('vergader' fits 'vergaderen'). Add words here, not in the code that uses them.
"""

from __future__ import annotations

from knowledge.rooms import AccessFeature, Facility


def _forms(text: str) -> tuple[str, ...]:
    return tuple(form.strip() for form in text.split("|") if form.strip())


DISTRICT_ALIASES: dict[str, tuple[str, ...]] = {
    "centrum": _forms("centrum|binnenstad|city centre|city center|centre|center"),
    "nieuw-west": _forms("nieuw west|nieuwwest|new west|osdorp|slotervaart|geuzenveld"),
    "noord": _forms("noord|north|amsterdam noord"),
    "oost": _forms("oost|east|watergraafsmeer|ijburg"),
    "west": _forms("west|bos en lommer|westerpark|oud west|de baarsjes"),
    "zuid": _forms("zuid|south|oud zuid|buitenveldert|zuidas|rivierenbuurt"),
    "zuidoost": _forms("zuidoost|zuid oost|south east|southeast|bijlmer|gaasperdam"),
    "weesp": _forms("weesp"),
}
FACILITY_WORDS: dict[Facility, tuple[str, ...]] = {
    "wudu": _forms(
        "wudu|wudhu|woedoe|abdest|wassen|wassing|wasgelegenheid|wasplek|wasruimte|voetenbad|voetwasplek|kraan|"
        "wastafel|ablution|ablutions|wash|washing"
    ),
    "prayer_mats": _forms(
        "gebedskleed|gebedskleden|gebedskleedje|gebedskleedjes|gebedsmat|gebedsmatten|gebedsmatje|kleedjes|"
        "prayer mat|prayer mats|prayer rug|prayer rugs"
    ),
    "qibla": _forms("qibla|kibla|qiblah|kiblah|gebedsrichting|richting mekka|richting mecca"),
    "chairs": _forms("stoel|stoelen|chair|chairs|zittend|seated"),
    "lockable": _forms("afsluitbaar|afsluitbare|slot|lock|lockable|locked"),
    "separated": _forms(
        "gescheiden|afgeschermd|afgeschermde|scheiding|gordijn|separate|separated|vrouwen|women"
    ),
}
ACCESS_WORDS: dict[AccessFeature, tuple[str, ...]] = {
    "wheelchair_space": _forms(
        "rolstoel|rolstoelen|rolstoeltoegankelijk|rolstoelvriendelijk|rolstoelgebruiker|wheelchair|wheelchairs|"
        "mindervalide"
    ),
    "step_free": _forms("drempelvrij|drempelloos|traploos|gelijkvloers|step free|stepfree"),
    "lift": _forms("lift|liften|elevator|elevators"),
}
OPEN_WORDS = frozenset(_forms("open|geopend|dicht|gesloten|closed|openingstijden|openingstijd|opening"))
MORE_WORDS = frozenset(_forms("meer|more|volgende|next|verder"))
ALL_WORDS = frozenset(_forms("alle|alles|overal|allemaal|all|everything|everywhere|lijst|list"))
STOP_WORDS = frozenset(_forms("stop|stoppen|annuleer|annuleren|cancel|klaar|quit|exit|laat maar"))
BACK_WORDS = frozenset(_forms("terug|back|vorige|previous|ga terug|go back"))

# A question about expressing breast milk: the directory lists quiet rooms, the knowledge entry answers this.
LACTATION_WORDS = frozenset(
    _forms("kolven|kolf|kolfruimte|kolfruimtes|kolfkamer|afkolven|lactation|pump|pumping")
)

# Words that say nothing beyond "a quiet room, please": left over, they are no sign of another question.
_GENERIC_WORDS = """
de het een en of ik je jij u we wij mijn ons onze is ben zijn er daar hier wat hoe welke waar wanneer
waarom kan kun kunt mag moet wil wilt zou word wordt worden te van voor aan in op met bij naar uit als ook
nog wel even graag dan die dat dit deze zit ligt staat heeft hebben hebt gaat ga doe laat zien toon geef
nu nou vandaag morgen ergens dichtbij dichtstbijzijnde buurt the a an are there where which what when can
could i my me to at of for with near nearest any some show give please now today also stilteruimte
stilteruimtes stilteruimten stille stilte ruimte ruimtes ruimten gebedsruimte gebedsruimtes gebedsplek
bidruimte meditatieruimte rustruimte bezinningsruimte room rooms quiet prayer silent space place plek
plaats gebouw gebouwen pand kantoor kantoren locatie locaties vestiging stadsdeel stadsdelen
stadsdeelkantoor building buildings office offices location locations district amsterdam bidden bid
gebed pray praying mediteren meditatie meditate rust rustig tijden uur hours tot ja nee oke ok dank
bedankt thanks thank you alstublieft alsjeblieft pls aub
"""
GENERIC = frozenset(_GENERIC_WORDS.split())

# Per feedback kind (knowledge.room_feedback.FEEDBACK_KINDS).
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "no_room": _forms(
        "geen stilteruimte|geen gebedsruimte|geen ruimte|geen plek|ontbreekt|missen|mist|no room|"
        "no quiet room|no prayer room|no place|missing|suggest|wens|wish"
    ),
    "occupied": _forms("bezet|altijd vol|te vol|te druk|occupied|busy|always full|taken"),
    "meetings": _forms("vergader|overleg|meeting|lunch|werkplek|werken|bellen|used for|gebruikt als"),
    "broken": _forms("kapot|stuk|defect|werkt niet|broken|doesn't work|does not work|not working"),
    "not_clean": _forms("vies|smerig|vuil|niet schoon|stinkt|rommel|dirty|not clean|smells|mess"),
    "other": _forms("iets anders|anders|other|something else"),
}
