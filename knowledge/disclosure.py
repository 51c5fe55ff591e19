"""Recognise a disclosure: someone telling that they (or a colleague) are being mistreated.

Used as a safety net while another flow runs: the bot then answers with care, offers the
route guide, and never keeps the text. It looks for who-does-what-to-whom shapes, not for
single words, so a question *about* a word ("is 'pesten' een goed woord?") is no disclosure.
"""

from __future__ import annotations

import re

from knowledge.normalize import fold, strip_markup

MAX_CHARS = 4000


def _any(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


# fmt: off
# Dutch participles and English past forms of being mistreated.
NL_DONE = _any(
    "gepest", "gediscrimineerd", "geintimideerd", "bedreigd", "uitgescholden", "lastig ?gevallen",
    "aangerand", "verkracht", "vernederd", "gekleineerd", "buitengesloten", "uitgesloten", "genegeerd",
    "geslagen", "mishandeld", "betast", "gestalkt", "achtervolgd", "misbruikt", "uitgelachen",
    "belachelijk gemaakt", "beledigd", "getreiterd", "gechanteerd", "bespot", "geschopt", "geduwd",
    "aangevallen", "seksueel lastiggevallen", "gepasseerd", "benadeeld",
)
EN_DONE = _any(
    "bullied", "harassed", "discriminated", "threatened", "intimidated", "humiliated", "excluded",
    "assaulted", "groped", "abused", "insulted", "mocked", "yelled at", "shouted at", "belittled", "ignored",
    "stalked", "attacked", "hit", "touched", "raped", "targeted", "victimi[sz]ed", "picked on",
    "sexually harassed", "passed over", "treated differently", "treated unfairly",
)
# Dutch finite verbs of mistreating someone, present and past.
NL_DOES = _any(
    "pest", "pesten", "pestte", "pestten", "discrimineert", "discrimineren", "discrimineerde", "intimideert",
    "intimideren", "intimideerde", "bedreigt", "bedreigen", "bedreigde", "scheldt", "schelden", "schold",
    "scholden", "kleineert", "kleineren", "kleineerde", "vernedert", "vernederen", "vernederde", "treitert",
    "treiteren", "treiterde", "beledigt", "beledigen", "beledigde", "betast", "betastte", "slaat", "sloeg",
    "schopt", "schopte", "stalkt", "chanteert", "negeert", "negeren", "passeert", "passeerde", "sluit",
    "sluiten", "sloot", "sloten",
)
EN_DOES = _any(
    "bullies", "bullying", "harasses", "harassing", "discriminates against", "discriminating against",
    "threatens", "threatening", "intimidates", "intimidating", "humiliates", "humiliating", "insults",
    "insulting", "mocks", "mocking", "gropes", "groping", "touches", "touching", "assaults", "hits",
    "hitting", "yells at", "yelling at", "shouts at", "shouting at", "belittles", "belittling", "excludes",
    "excluding", "stalks", "stalking", "picks on", "picking on", "keeps ignoring", "ignores",
)
PEOPLE = _any(
    "manager", "leidinggevende", "baas", "chef", "teamleider", "teamleidster", "afdelingshoofd", "directeur",
    "collega", "collegas", "collega's", "teamgenoot", "teamgenoten", "klant", "inwoner", "burger",
    "bezoeker", "boss", "colleague", "colleagues", "coworker", "co-worker", "team leader", "team lead",
    "supervisor", "director", "teammate", "client", "customer", "resident", "visitor",
)
_HURTFUL = _any(
    "racistische", "seksistische", "seksuele", "discriminerende", "kwetsende", "homofobe", "vernederende",
    "beledigende", "ongepaste", "denigrerende", "racist", "sexist", "sexual", "homophobic", "discriminatory",
    "offensive", "inappropriate", "demeaning", "derogatory",
)
_SAYINGS = _any(
    "opmerkingen", "opmerking", "grappen", "grapjes", "grap", "berichten", "toespelingen", "jokes", "joke",
    "comments", "comment", "remarks", "remark", "messages",
)
REMARKS = f"{_HURTFUL} {_SAYINGS}"
GROUNDS = _any(
    "afkomst", "huidskleur", "kleur", "hoofddoek", "geloof", "religie", "leeftijd", "geaardheid", "handicap",
    "beperking", "accent", "achternaam", "naam", "geslacht", "zwangerschap", "background", "skin colou?r",
    "colou?r", "headscarf", "religion", "faith", "age", "sexuality", "orientation", "disability", "name",
    "gender", "pregnancy", "race", "ethnicity",
)
TREATED = _any(
    "anders behandeld", "anders behandelt", "gepasseerd", "passeert", "afgewezen", "uitgesloten",
    "buitengesloten", "genegeerd", "grappen", "grapjes", "opmerkingen", "gediscrimineerd", "gepest",
    "benadeeld", "niet aangenomen", "geen promotie", "treated differently", "passed over", "rejected",
    "excluded", "bullied", "jokes", "comments", "remarks", "discriminated", "harassed", "not promoted",
    "not hired",
)
_WORDS = r"(?: \S+)"  # a few words in between: `_WORDS{0,3}`
_NL_WE = r"\b(?:ik|wij|we)\b"
_NL_BE = _any("word", "wordt", "worden", "werd", "werden", "ben", "zijn", "was", "waren", "voel", "voelde")
_BE = _any("wordt", "werd", "worden", "werden", "is", "was", "are", "were", "got", "gets", "being")
_EN_I = _any(
    "i am", "i'm", "im", "i was", "i've been", "ive been", "i have been", "we are", "we're", "we were",
    "i keep being", "i get", "i got", "i feel", "i felt",
)
# fmt: on
_SOMEONE = rf"(?:(?:mijn|onze|een|my|our|a) {PEOPLE}|iemand|someone|hij|zij|ze|they)"

_PATTERNS = [
    # "ik word al maanden gepest", "ik voel me gediscrimineerd", "wij werden uitgescholden"
    rf"{_NL_WE}{_WORDS}{{0,3}} {_NL_BE}\b{_WORDS}{{0,4}} {NL_DONE}\b",
    # "mijn manager intimideert me", "ze schelden me uit"
    rf"\b{NL_DOES} (?:\S+ ){{0,2}}(?:me|mij|ons|mijn collega)\b",
    # "... dat hij me steeds pest" (not "help me niet te discrimineren")
    rf"\b(?:me|mij|ons) (?:\S+ ){{0,2}}(?<!\bte ){NL_DOES}\b",
    # "een klant heeft me gisteren bedreigd"
    rf"\b(?:heeft|hebben|had|hadden) (?:\S+ ){{0,2}}(?:me|mij|ons) (?:\S+ ){{0,2}}{NL_DONE}\b",
    # someone else: "mijn collega wordt gepest", "I saw a colleague being harassed"
    rf"\b{_SOMEONE}\b{_WORDS}{{0,3}} {_BE}\b{_WORDS}{{0,3}} (?:being )?"
    rf"(?:{NL_DONE}|{EN_DONE}|agressief|handtastelijk|gewelddadig)\b",
    # "mijn leidinggevende schreeuwt tegen me", "een collega raakt me aan"
    r"\b(?:schreeuwt|schreeuwde|schreeuwen|valt|viel|raakt|raakte) "
    r"(?:\S+ ){0,2}(?:tegen |naar )?(?:me|mij|ons)\b",
    # "my boss makes racist jokes", "racistische opmerkingen tegen mij", "grapjes over mijn huidskleur"
    rf"\b{PEOPLE}\b{_WORDS}{{0,6}} "
    rf"(?:maakt|maken|maakte|maakten|stuurt|stuurde|doet|deed|makes|made|making|sends|sent|tells|told)\b"
    rf"{_WORDS}{{0,2}} {REMARKS}",
    rf"\b{REMARKS} (?:tegen|naar|over|about|to|towards|at) (?:me|mij|ons|us)\b",
    rf"\b{_SAYINGS} over mijn {GROUNDS}\b",
    rf"\b(?:ik|wij|we|i) (?:krijg|krijgen|kreeg|kregen|get|got|receive|received|keep getting) "
    rf"(?:\S+ ){{0,2}}{REMARKS}",
    # "ik heb last van racisme", "I experience discrimination", "ik was getuige van …"
    r"\bik (?:heb|had) (?:al \S+ )?last van "
    r"(?:pesten|racisme|discriminatie|intimidatie|seksuele intimidatie|agressie|ongewenst gedrag|mijn"
    r"|een collega)",
    r"\bik (?:ervaar|ervaarde|ervoer) (?:\S+ )?"
    r"(?:racisme|discriminatie|intimidatie|pesterijen|ongewenst gedrag)\b",
    r"\bi (?:experience|experienced|face|faced|am facing|suffer from|suffered|witnessed|saw) (?:\S+ )?"
    r"(?:racism|discrimination|harassment|bullying|intimidation|sexual harassment)\b",
    rf"\bik (?:was|ben) getuige van (?:\S+ )?"
    rf"(?:racisme|discriminatie|pesten|intimidatie|ongewenst gedrag|geweld|{REMARKS})\b",
    r"\bik voel me (?:niet (?:meer )?veilig|onveilig) (?:op|in|bij)\b",
    # "I'm being bullied", "I feel discriminated against"
    rf"\b{_EN_I}\b{_WORDS}{{0,3}} (?:being )?(?:{EN_DONE}|unsafe)\b",
    # "my manager keeps yelling at me", "a colleague intimidates me", "a client hit me"
    rf"\b(?:{EN_DOES}|{EN_DONE}) (?:me|us|my {GROUNDS})\b",
    r"\b(?:dreigt|dreigde|dreigden) (?:me|mij|ons)\b",
    # "mijn teamleider behandelt me anders", "she treats me unfairly"
    r"\b(?:behandelt|behandelde|behandelen|behandelden|treats|treated) (?:me|mij|ons|us) (?:\S+ )?"
    r"(?:anders|slechter|oneerlijk|differently|unfairly|worse)\b",
    # "een burger noemde mij een vies woord", "he called me names"
    r"\b(?:noemt|noemde|noemen|noemden|calls|called) (?:me|mij|ons|us) (?:een |a |an )?(?:\S+ )?"
    r"(?:woord|scheldwoord|scheldnaam|names|slur|slurs)\b",
    r"\b(?:maakt|maken|maakte|maakten) (?:\S+ ){0,2}(?:me|mij|ons) (?:\S+ ){0,2}belachelijk\b",
    rf"\b(?:grensoverschrijdend|ongewenst|ongewenste|unwanted|inappropriate) (?:\S+ )?"
    rf"(?:gedrag|behaviou?r|advances|aanrakingen|touching) (?:van|from|door|by) "
    rf"(?:mijn|een|my|a|de|the) {PEOPLE}\b",
    # "ik werd afgewezen vanwege mijn achternaam", "passed over because of my headscarf"
    rf"\b{TREATED}\b.{{0,60}}\b(?:vanwege|om|door|omdat|wegens|because of|due to|for) "
    rf"(?:mijn|my) {GROUNDS}\b",
    r"\b(?:dreigt|dreigde|threatens|threatened) (?:me |mij |us )?(?:met|with) "
    r"(?:ontslag|een slechte beoordeling|represailles|gevolgen|geweld|dismissal|a bad review|violence)",
]
_DISCLOSURE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
# Quoted words are talked about, not told: "is 'gepest worden' een goede term?"
_QUOTED = re.compile(r"(?<![\w'])'[^'\n]{1,80}'(?![\w'])|[\"“”„«»][^\"“”„«»\n]{1,80}[\"“”„«»]")
# (Not the bare English "word": Dutch "ik word" is "I am".)
_ABOUT_WORDS = re.compile(
    r"\b(?:woord|woorden|term|uitdrukking|begrip|(?:the|a|this|that) word|phrase|wording)\b"
)


def _clean(text: str) -> str:
    folded = fold(strip_markup(text[:MAX_CHARS])).replace("’", "'").replace("‘", "'")
    folded = _QUOTED.sub(" ", folded).replace("m'n", "mijn")
    return " ".join(re.sub(r"[^\w'\- ]+", " ", folded).split())


def looks_like_disclosure(text: object) -> bool:
    """True when the text tells of mistreatment happening to the writer or someone they saw."""
    if not isinstance(text, str) or not text.strip():
        return False
    clean = _clean(text)
    if not _DISCLOSURE.search(clean):
        return False
    return not ("?" in text and _ABOUT_WORDS.search(clean))
