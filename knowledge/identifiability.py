"""Details in a question that could point to the person asking (Dutch and English), and their redaction.

A gentle check, not a gate: it shows what might identify someone and the sender decides.
It errs on the side of mentioning a detail; the export's --redact uses only the personal
data kinds (names, contact details, numbers), the mark being Woo art. 5.1(2)(e).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["name", "email", "phone", "number", "team", "date", "place"]
# The order a reader is told about them.
KINDS: Final[tuple[Kind, ...]] = ("name", "email", "phone", "number", "team", "date", "place")
# Which one wins when two equally long spans overlap: the precise patterns before the name guess.
_PRIORITY: Final[tuple[Kind, ...]] = ("email", "phone", "number", "date", "place", "team", "name")
PERSONAL_KINDS: Final[frozenset[Kind]] = frozenset({"name", "email", "phone", "number"})
REDACTION_MARK: Final = "[5.1.2.e]"


@dataclass(frozen=True)
class Finding:
    """A span of the text that might point to someone: text[start:end] == match."""

    kind: Kind
    start: int
    end: int
    match: str


_I = re.IGNORECASE
_MONTHS = (
    r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|maart|march|mrt|mar|apr(?:il)?|mei|may|jun[ie]?|jul[iy]?|"
    r"aug(?:ustus|ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = (
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_ORDINAL = r"(?:e|ste|de|st|nd|rd|th)"

_PATTERNS: Final[tuple[tuple[Kind, re.Pattern[str]], ...]] = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("phone", re.compile(r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?|0)(?:\d[\s.-]?){8}\d(?!\d)")),
    ("phone", re.compile(r"(?<![\w+])\+\d{2,3}(?:[\s.-]?\d){7,12}(?!\d)")),
    (
        "number",
        re.compile(
            r"\b(?:personeels?(?:nummer|nr\.?)|medewerkers?nummer|werknemersnummer|bsn|kenmerk|zaaknummer|"
            r"dossiernummer|employee\s+(?:number|id|no\.?)|staff\s+(?:number|id)|id)[\s:#.]*[a-z]{0,3}\d[\d\s-]{1,14}\d",
            _I,
        ),
    ),
    ("number", re.compile(r"\b[a-z]{0,3}\d{5,}\b", _I)),
    ("date", re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?\b")),
    (
        "date",
        re.compile(
            rf"\b(?:(?:{_WEEKDAYS})\s+)?\d{{1,2}}{_ORDINAL}?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:\s+\d{{4}})?",
            _I,
        ),
    ),
    ("date", re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}}{_ORDINAL}?\b(?:,?\s+\d{{4}})?", _I)),
    (
        "date",
        re.compile(
            rf"\b(?:gisteren|eergisteren|gisteravond|gistermiddag|vanochtend|vanmorgen|vanmiddag|yesterday|"
            rf"this\s+morning|(?:vorige\s+week\s+|afgelopen\s+|vorige\s+|last\s+)(?:{_WEEKDAYS}))\b",
            _I,
        ),
    ),
    ("date", re.compile(r"\b(?:om|at)\s+\d{1,2}[:.]\d{2}\b|\b\d{1,2}[:.]\d{2}\s*(?:uur|u\b|am\b|pm\b)", _I)),
    (
        "place",
        re.compile(
            r"\b(?:kamer|ruimte|zaal|vergaderruimte|vergaderzaal|room|meeting\s+room|verdieping|etage|floor|"
            r"gebouw|building|locatie|location|vestiging|pand|bureau)\s+(?:nummer\s+|nr\.?\s*)?[a-z]?\d[\w.-]*",
            _I,
        ),
    ),
    ("place", re.compile(rf"\b\d{{1,2}}{_ORDINAL}\s+(?:verdieping|etage|floor)\b", _I)),
    (
        "place",
        re.compile(
            r"\b[A-Z][a-zà-ÿ]*(?:straat|weg|plein|gracht|kade|laan|dijk|dreef|singel|plantsoen|steeg|hof)\b"
            r"(?:\s+\d+[a-z]?\b)?"
        ),
    ),
    ("team", re.compile(r"\b[\w&]+-(?:team|afdeling|directie|cluster)\b", _I)),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words after which the next word names a unit: "team Inkoop", "afdeling Sociaal Domein".
_UNIT_WORDS: Final = _words(
    "team afdeling directie cluster stadsdeel dienst sector unit department directorate division"
)
# Honorifics: the next word is a person even when typed in lower case ("meneer jansen").
_HONORIFICS: Final = _words("meneer mevrouw mevr mw dhr heer mr mrs ms miss dr")
_NAME_PARTICLES: Final = _words("van der den de ter ten te el al bin ben da di du le la 't")
_CONJUNCTIONS: Final = _words("en & and")

# Words that may be capitalised mid-sentence without naming anyone: function words (for
# texts typed in capitals), the organisation and its roles, holidays, months and days.
_COMMON: Final = _words(
    """
    de het een en of maar want dus dat die dit deze daar hier er wat wie waar wanneer waarom hoe welke welk
    ik jij je u hij zij ze wij we jullie mij me hem haar ons onze mijn jouw uw hun zijn is was wordt worden
    werd heeft hebben had kan kunnen kon mag mogen moet moeten wil willen zou zouden gaat gaan komt komen
    niet geen wel ook nog al als dan toen omdat zodat terwijl voor na naar van met op aan bij in uit over
    onder tussen door tegen zonder tot sinds om per via volgens tijdens graag hoeveel klopt vind vindt
    denk denkt weet iemand niemand iedereen alle alles veel weinig meer minder elke ieder
    the a an and or but so that this these those there here what who where when why how which
    i i'm i've i'd i'll you he she we they me him her us them my your his our their is are was were be been
    has have had can could may might must will would shall should do does did not no yes also still
    if then because for from with on at in out about under between by against without until since per
    amsterdam amsterdamse amsterdammer amsterdammers nederland nederlandse nederlands netherlands dutch
    english engels europa europe eu gemeente municipality city bureau inclusie diversiteit integriteit
    wegwijzer teams microsoft outlook tamtam woo avg gdpr wethouder wethouders gemeentesecretaris
    alderman secretary municipal council college raad gemeenteraad burgemeester mayor stadhuis stopera
    kennissessie sessie hr ict p&o or vp bi mdra
    pride ramadan keti koti suikerfeest offerfeest kerst kerstmis christmas pasen easter diwali chanoeka
    hanukkah holi eid islam god allah juneteenth black lives matter lhbti lhbtiq lhbtiq+ lgbt lgbtq lgbtqia
    moslim moslims muslim muslims joods jewish christelijk christian hindoe hindu
    marokkaans marokkaanse turks turkse surinaams surinaamse antilliaans antilliaanse moroccan turkish
    surinamese antillean african asian european afrikaans aziatisch
    januari februari maart april mei juni juli augustus september oktober november december
    january february march may june july august october
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    monday tuesday wednesday thursday friday saturday sunday
    """
)

_WORD = re.compile(r"[^\W\d_][\w'’&+-]*")
_OPENERS: Final = frozenset('.!?:;"“”([•*')
_POSSESSIVE = re.compile(r"['’]s$")


def _key(word: str) -> str:
    return _POSSESSIVE.sub("", word).casefold()


def _capitalised(word: str) -> bool:
    # All-capital words are abbreviations (HR, GS) or shouting, not names; so are compounds (HR-afdeling).
    head = word.split("-")[0]
    return word[:1].isupper() and not head.isupper()


def _plain(word: str) -> bool:
    return _key(word) in _COMMON or _key(word) in _NAME_PARTICLES


def _at_sentence_start(text: str, position: int) -> bool:
    before = text[:position]
    stripped = before.rstrip()
    if not stripped or "\n" in before[len(stripped) :]:
        return True
    return stripped[-1] in _OPENERS or stripped.endswith(" -")


def _starts_name(text: str, words: list[re.Match[str]], i: int, previous: str) -> bool:
    word = words[i].group()
    if _capitalised(word) and _key(word) in _NAME_PARTICLES:
        return _followed_by_surname(words, i)  # "Van Dijk", "El Amrani"
    if _plain(word):
        return False
    if previous in _UNIT_WORDS or previous in _HONORIFICS:
        return True
    if not _capitalised(word):
        return False
    return not _at_sentence_start(text, words[i].start()) or _followed_by_surname(words, i)


def _name_findings(text: str) -> list[Finding]:
    words = list(_WORD.finditer(text))
    found: list[Finding] = []
    i = 0
    while i < len(words):
        previous = words[i - 1].group().casefold().rstrip(".") if i else ""
        if not _starts_name(text, words, i, previous):
            i += 1
            continue
        after_unit = previous in _UNIT_WORDS
        j = _extend(words, i, allow_conjunction=after_unit)
        kind: Kind = "team" if after_unit or _unit_follows(words, j) else "name"
        start = words[i - 1].start() if after_unit else words[i].start()
        end = words[j + 1].end() if kind == "team" and not after_unit else words[j].end()
        found.append(Finding(kind, start, end, text[start:end]))
        i = j + 1
    return found


def _followed_by_surname(words: list[re.Match[str]], i: int) -> bool:
    """'Jan de Vries ...' or 'Fatima El Amrani ...' at the start of a sentence."""
    j = i + 1
    while j < len(words) and _key(words[j].group()) in _NAME_PARTICLES:
        j += 1
    return j < len(words) and j - i <= 3 and _capitalised(words[j].group()) and not _plain(words[j].group())


def _extend(words: list[re.Match[str]], i: int, allow_conjunction: bool) -> int:
    """The last word of the name or unit that starts at words[i]."""
    last = i
    j = i + 1
    while j < len(words) and words[j].start() - words[j - 1].end() <= 2:
        word = words[j].group()
        if _capitalised(word) and not _plain(word):
            last = j
        elif not (_key(word) in _NAME_PARTICLES or (allow_conjunction and _key(word) in _CONJUNCTIONS)):
            break
        j += 1
    return last


def _unit_follows(words: list[re.Match[str]], j: int) -> bool:
    """'the Finance team', 'de Inkoop afdeling'."""
    return j + 1 < len(words) and _key(words[j + 1].group()) in _UNIT_WORDS


def find_identifying(text: str) -> list[Finding]:
    """Spans that might point to the sender, in text order, never overlapping (the longest wins)."""
    if not isinstance(text, str) or not text:
        return []
    candidates = [
        Finding(kind, m.start(), m.end(), m.group())
        for kind, pattern in _PATTERNS
        for m in pattern.finditer(text)
    ]
    candidates += _name_findings(text)
    candidates.sort(key=lambda f: (-(f.end - f.start), _PRIORITY.index(f.kind), f.start))
    kept: list[Finding] = []
    for finding in candidates:
        if finding.end > finding.start and all(
            finding.end <= k.start or finding.start >= k.end for k in kept
        ):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def kinds_found(findings: list[Finding]) -> list[Kind]:
    """The kinds present, in the order a reader is told about them."""
    present = {f.kind for f in findings}
    return [kind for kind in KINDS if kind in present]


def redact(text: str, kinds: frozenset[Kind] = PERSONAL_KINDS) -> str:
    """Personal data replaced by the Woo mark, as the municipality publishes documents."""
    for finding in reversed(find_identifying(text)):
        if finding.kind in kinds:
            text = text[: finding.start] + REDACTION_MARK + text[finding.end :]
    return text
