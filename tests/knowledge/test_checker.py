"""The text checker: table-driven over the whole glossary, plus hand-written cases for what is hard."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from knowledge.checker import MAX_CHARS, Checker, TextTooLongError
from knowledge.glossary import load_glossary

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "knowledge" / "content" / "glossary")
CHECKER = Checker(GLOSSARY)
CHECKED = [e for e in GLOSSARY.entries.values() if e.check]
FRAME = {"nl": "Wij lazen gisteren {} in de krant.", "en": "We read {} in the paper yesterday."}
FRIEND_FRAME = {"nl": "Wij spraken gisteren over {} met elkaar.", "en": "We talked about {} yesterday."}


def flagged(text: str, lang: str | None = None) -> list[str]:
    return [f.match for f in CHECKER.check(text, lang)]


def overlaps(text: str, word: str, lang: str | None = None) -> bool:
    i = text.index(word)
    return any(f.start < i + len(word) and f.end > i for f in CHECKER.check(text, lang))


# ---------------------------------------------------------------- the public dev set
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Wij zoeken allochtone jongeren voor ons nieuwe project.", "allochtone"),  # adjectival -e
        ("Geachte dames en heren, graag nodigen wij u uit.", "dames en heren"),  # phrase in a salutation
        ("De ingang voor invaliden is aan de zijkant.", "invaliden"),  # plural noun
        ("Hij pleegde zelfmoord na een lange ziekte.", "pleegde zelfmoord"),  # verb before its object
        ("We need more manpower before the deadline.", "manpower"),  # English
        ("Add the address to the blacklist.", "blacklist"),  # English tech term
        ("De blanke collega's kregen vaker promotie.", "blanke"),  # 'blank' next to a person noun
    ],
)
def test_dev_set_flags(text: str, word: str) -> None:
    assert overlaps(text, word)


@pytest.mark.parametrize(
    "text",
    [
        "De keuken is op de tweede verdieping.",  # nothing to find
        "Hij besloot de opmerking te negeren.",  # 'negeren' contains 'neger'
        "Zij werkt als beleidsadviseur bij het Bureau Inclusie en Diversiteit.",  # 'zij' alone is fine
        "Tot slaaf gemaakte mensen werden naar Suriname gebracht.",  # the alternative contains 'slaaf'
        "The new colleague starts on Monday.",  # nothing to find
    ],
)
def test_dev_set_clean(text: str) -> None:
    assert CHECKER.check(text) == []


# ---------------------------------------------------------------- the whole glossary, table-driven
FORM_CASES = [
    pytest.param(entry, form, id=f"{entry.id}:{form}") for entry in CHECKED for form in entry.forms
]


@pytest.mark.parametrize(("entry", "form"), FORM_CASES)
def test_every_form_is_flagged_with_its_entry(entry, form) -> None:  # type: ignore[no-untyped-def]
    text = FRAME[entry.lang].format(form.lower())
    start = text.index(form.lower())
    found = [f for f in CHECKER.check(text) if f.entry_id == entry.id]
    assert found, f"{form!r} not flagged in {text!r}"
    assert found[0].start <= start
    assert found[0].end >= start + len(form)
    assert found[0].match == text[found[0].start : found[0].end]


FRIEND_CASES = [
    pytest.param(entry, friend, id=f"{entry.id}:{friend}")
    for entry in GLOSSARY.entries.values()
    for friend in entry.false_friends
]


@pytest.mark.parametrize(("entry", "friend"), FRIEND_CASES)
def test_no_false_friend_is_flagged(entry, friend) -> None:  # type: ignore[no-untyped-def]
    text = FRIEND_FRAME[entry.lang].format(friend)
    assert [f.entry_id for f in CHECKER.check(text)] == []


EXAMPLE_FLAGS = [
    pytest.param(entry, text, id=f"{entry.id}:{text[:40]}")
    for entry in CHECKED
    for text in entry.examples.flag
]
EXAMPLE_CLEAN = [
    pytest.param(entry, text, id=f"{entry.id}:{text[:40]}")
    for entry in GLOSSARY.entries.values()
    for text in entry.examples.clean
]


@pytest.mark.parametrize(("entry", "text"), EXAMPLE_FLAGS)
def test_entry_examples_are_flagged(entry, text) -> None:  # type: ignore[no-untyped-def]
    assert entry.id in [f.entry_id for f in CHECKER.check(text)]


@pytest.mark.parametrize(("entry", "text"), EXAMPLE_CLEAN)
def test_entry_counter_examples_stay_clean(entry, text) -> None:  # type: ignore[no-untyped-def]
    assert CHECKER.check(text) == []


def test_no_alternative_triggers_the_checker() -> None:
    # What we suggest must never be flagged itself, in its own language or with no language given.
    offenders = []
    for entry in GLOSSARY.entries.values():
        for alternative in entry.alternatives:
            for lang in (entry.lang, None):
                found = CHECKER.check(alternative.text, lang)
                if found:
                    offenders.append((entry.id, alternative.text, [f.match for f in found]))
    assert offenders == []


def test_question_only_entries_are_never_flagged() -> None:
    # 'zwart' is the recommended word; 'homo' and 'migratieachtergrond' are fine: Q&A only.
    for entry in GLOSSARY.entries.values():
        if not entry.check:
            for form in entry.forms:
                assert CHECKER.check(FRAME[entry.lang].format(form)) == [], form


# ---------------------------------------------------------------- hand-written: inflection, compounds, typos
@pytest.mark.parametrize(
    ("text", "word", "entry_id"),
    [
        ("Het allochtonenbeleid is afgeschaft.", "allochtonenbeleid", "allochtoon"),  # compound, modifier
        ("Het allochtonen-beleid is afgeschaft.", "allochtonen-beleid", "allochtoon"),  # hyphenated compound
        ("Hij is een tweedegeneratieallochtoon.", "tweedegeneratieallochtoon", "allochtoon"),  # term as head
        ("We zoeken allochtonne jongeren.", "allochtonne", "allochtoon"),  # typo: double n
        ("De alochtone jongeren doen mee.", "alochtone", "allochtoon"),  # typo: missing l
        ("Er kwamen veel allochtoontjes op het feest.", "allochtoontjes", "allochtoon"),  # diminutive plural
        ("Het ALLOCHTONENBELEID van toen.", "ALLOCHTONENBELEID", "allochtoon"),  # capitals
        ("Het invalidentoilet is kapot.", "invalidentoilet", "invalidentoilet"),  # own entry beats compound
        ("Er is een invalidenlift aanwezig.", "invalidenlift", "invalide"),  # unlisted compound
        ("Zij werkt in een bejaardenhuis.", "bejaardenhuis", "bejaardentehuis"),  # listed variant
        ("De bejaardenzorg moet beter.", "bejaardenzorg", "bejaarde"),  # compound
        ("Hij heeft zelfmoord gepleegd.", "zelfmoord gepleegd", "zelfmoord-plegen"),  # participle after
        ("Zijn broer heeft zelfmoord gepleegd.", "zelfmoord gepleegd", "zelfmoord-plegen"),  # perfect
        ("Zij wilde zelfmoord plegen.", "zelfmoord plegen", "zelfmoord-plegen"),  # infinitive
        ("De mongolen in de klas werden gepest.", "mongolen", "mongool"),  # lower case: the insult
        ("Doe niet zo mongooltje.", "mongooltje", "mongool"),  # diminutive
        ("Er woonden vroeger negers in die straat.", "negers", "neger"),  # plural
        ("Ze noemde haar een negerin.", "negerin", "neger"),  # feminine form
        ("De zigeunerkampen werden ontruimd.", "zigeunerkampen", "zigeuner"),  # compound plural
        ("Het indianenverhaal klopte niet.", "indianenverhaal", "indiaan"),  # compound
        ("De slavenarbeid op de plantages.", "slavenarbeid", "slaaf"),  # compound with plural stem
        ("De gehandicaptentoiletten zijn schoon.", "gehandicaptentoiletten", "invalidentoilet"),  # plural
        ("We organiseren een gehandicaptenfeest.", "gehandicaptenfeest", "gehandicapte"),  # unlisted compound
        ("De gehandikapte kinderen spelen buiten.", "gehandikapte", "gehandicapte"),  # typo k for c
        ("We moeten de mankracht vergroten.", "mankracht", "mankracht"),  # gendered compound
        ("Gezocht: medewerker (m/v).", "m/v", "m-v"),  # vacancy marker
        ("Geef aan of hij/zij een uitkering heeft.", "hij/zij", "hij-zij"),  # slash pair
        ("Geef aan of hij of zij een uitkering heeft.", "hij of zij", "hij-zij"),  # 'of' pair
        ("Elke bewoner krijgt zijn/haar pas.", "zijn/haar", "hij-zij"),  # possessive pair
        ("Jongeren van niet-westerse afkomst.", "niet-westerse", "niet-westers"),  # hyphenated, with context
        ("Jongeren van niet westerse afkomst.", "niet westerse", "niet-westers"),  # written apart
        # its own entry, not the compound rule
        ("Hier is een invalidenparkeerplaats.", "invalidenparkeerplaats", "invalidenparkeerplaats"),
        ("Hij is rolstoelgebonden.", "rolstoelgebonden", "rolstoelgebonden"),  # adjective
        ("Het blanke meisje won de prijs.", "blanke", "blank"),  # person noun after
        ("Er werken vooral blanke mannen in de directie.", "blanke", "blank"),  # plural person noun
        ("In het team werkt maar één blanke.", "blanke", "blank"),  # used as a noun
        ("De zwartwerkers werden beboet.", "zwartwerkers", "zwartwerken"),  # plural
        ("We zoeken hoogopgeleide kandidaten.", "hoogopgeleide", "laagopgeleid"),  # both ends of the scale
        ("De Eskimo's wonen in Groenland.", "Eskimo's", "eskimo"),  # plural with apostrophe
        ("De eskimo’s wonen in Groenland.", "eskimo’s", "eskimo"),  # typographic apostrophe
        ("Het allo\u00adchtonen\u00adbeleid.", "allo\u00adchtonen\u00adbeleid", "allochtoon"),  # soft hyphens
        ("Het a\u200bllochtonenbeleid.", "a\u200bllochtonenbeleid", "allochtoon"),  # zero-width space
        ("De allochtône jongeren.", "allochtône", "allochtoon"),  # stray accent
        ("De allochto\u0301ne jongeren.", "allochto\u0301ne", "allochtoon"),  # combining accent
        ("Beste jongens en meisjes, welkom!", "jongens en meisjes", "jongens-en-meisjes"),  # group address
        ("De slaven werkten op de plantages.", "slaven", "slaaf"),  # plural, lower case
        ("Zij heeft een exotisch uiterlijk.", "exotisch", "exotisch"),  # about looks
    ],
)
def test_dutch_cases_are_flagged(text: str, word: str, entry_id: str) -> None:
    found = CHECKER.check(text)
    start = text.index(word)
    assert [(f.start, f.end, f.entry_id) for f in found if f.start <= start < f.end] == [
        (start, start + len(word), entry_id)
    ]


@pytest.mark.parametrize(
    ("text", "word", "entry_id"),
    [
        ("The IP was blacklisted yesterday.", "blacklisted", "blacklist"),  # past tense
        ("Whitelisting the domain fixed it.", "Whitelisting", "whitelist"),  # -ing, sentence start
        ("Add it to the black-list.", "black-list", "blacklist"),  # hyphenated
        ("Add it to the blaclist.", "blaclist", "blacklist"),  # typo
        ("Both chairmen attended.", "chairmen", "chairman"),  # irregular plural
        ("The chairman's decision.", "chairman's", "chairman"),  # possessive
        ("He committed suicide last year.", "committed suicide", "committed-suicide"),  # past
        ("Suicide was committed by the patient.", "Suicide was committed", "committed-suicide"),  # passive
        ("She is wheelchair bound.", "wheelchair bound", "wheelchair-bound"),  # without hyphen
        ("She is wheelchair-bound.", "wheelchair-bound", "wheelchair-bound"),  # with hyphen
        ("We need more man-hours.", "man-hours", "man-hours"),  # hyphenated
        ("We need more manpowr.", "manpowr", "manpower"),  # typo
        ("Ladies and gentlemen, please be seated.", "Ladies and gentlemen", "ladies-and-gentlemen"),
        ("Each applicant should send his/her CV.", "his/her", "he-or-she"),  # slash pair
        ("The disabled are often excluded.", "The disabled", "the-disabled"),  # standalone use
        ("The elderly need more support.", "elderly", "elderly"),  # standalone after 'the'
        ("Gypsies were persecuted.", "Gypsies", "gypsy"),  # plural
        ("The policemen arrived.", "policemen", "policeman"),  # plural
        ("He is mentally retarded.", "mentally retarded", "retarded"),  # longest phrase wins
        ("Restart the master-slave replication.", "master-slave", "master-slave"),  # pair
        ("We zetten het adres op de blacklist.", "blacklist", "blacklist"),  # English loanword in Dutch
    ],
)
def test_english_cases_are_flagged(text: str, word: str, entry_id: str) -> None:
    found = CHECKER.check(text)
    start = text.index(word)
    assert [(f.start, f.end, f.entry_id) for f in found if f.start <= start < f.end] == [
        (start, start + len(word), entry_id)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Na de hevige regen stonden de kelders in de Pijp blank.",  # 'blank' = flooded
        "We laten het blanke hout onbehandeld.",  # unvarnished wood
        "Blanke vla met een beetje kaneel.",  # custard
        "Laat dit veld blanco als u geen tweede adres heeft.",  # 'blanco' is not 'blank'
        "Hij negeerde de waarschuwing en reed door.",  # past tense of 'negeren'
        "De collega's negeerden de nieuwe regels niet.",  # plural past tense
        "Zij is al jaren verslaafd aan koffie.",  # 'verslaafd' contains 'slaaf'
        "Een slaafse houding helpt niemand.",  # 'slaafs' contains 'slaaf'
        "Het kind sliep slecht en wilde niet slapen.",  # 'slapen' is one letter from 'slaven'
        "Mijn koffer staat nog bij de receptie.",  # 'koffer' is one letter from 'kaffer'
        "De bank heeft de betaling verwerkt.",  # 'bank' is one letter from 'blank'
        "De Indische buurt ligt in Oost.",  # 'Indisch' is not 'indiaans'
        "Zij kookte een Indiase curry.",  # 'Indiaas' (India)
        "De delegatie uit Nigeria bezocht het stadhuis.",  # country
        "Het project in Niger loopt goed.",  # country
        "De manager van het zwembad gaf een rondleiding.",  # 'man' inside a word
        "Het mandaat van de commissie loopt af.",  # 'man' inside a word
        "De ontwikkelaar kreeg de melding invalid input.",  # English 'invalid'
        "Het formulier geeft een melding bij invalide invoer.",  # IT: invalid input
        "Een Mongool uit Ulaanbaatar vertelde over de steppe.",  # capital: from Mongolia
        "In de sloot groeien allochtone soorten.",  # ecology
        "Exotische planten doen het goed in de kas.",  # plants, not people
        "Menskracht is het grootste probleem bij dit project.",  # the alternative of 'mankracht'
        "Mensen met een beperking reizen gratis.",  # the alternative of 'gehandicapten'
        "Als een bewoner belt, vraag dan wat die nodig heeft.",  # 'die' as a pronoun
        "Vraag de deelnemers of hen dat uitkomt.",  # 'hen' as a pronoun
        "De hen legde een ei in de stadsboerderij.",  # 'hen' the chicken
        "Vraag een gehandicaptenparkeerkaart aan bij de gemeente.",  # official name
        "Er is een gehandicapten-parkeerplaats voor de deur.",  # official name, hyphenated
        "De Nationale ombudsman heeft een rapport gepubliceerd.",  # institution name
        "De bemanning van het schip werd door de KNRM gered.",  # ships keep 'bemanning'
        "De eerste gastarbeiders kwamen in de jaren zestig naar Amsterdam.",  # historical context
        "Zij heeft een masteropleiding gedaan in Leiden.",  # Dutch 'master'
        "Het woord 'allochtoon' wordt niet meer gebruikt.",  # a mention in quotes
        'Zij gebruikte het woord "neger" in een citaat uit 1950.',  # a quoted mention
        "De gemeente gebruikt het woord allochtoon niet meer.",  # a mention after 'het woord'
        "Een ander woord voor bejaarden is ouderen.",  # a mention: 'woord voor X'
        "De verdachte heeft de moord niet gepleegd.",  # 'moord plegen' is fine
        "Zij overleed door suïcide.",  # the recommended wording
        "De zwarte Amsterdammers in het onderzoek voelden zich niet gehoord.",  # 'zwart' is recommended
        "Hij is homo en woont in Noord.",  # self-designation, Q&A only
        "Zij heeft bruine ogen en donker haar.",  # looks, not skin colour of a person
        "Dit is een donkere kamer.",  # dark room
        "De ingediende bezwaren worden binnen zes weken behandeld.",  # 'ingediende' is near 'indianen'
        "Gezocht: beleidsmedewerker (m/v/x) voor 32 uur.",  # inclusive marker
        "De witte lijn op de weg is vervaagd.",  # 'witte' without 'lijst'
        "Mongolen leven al eeuwen als nomaden op de steppe.",  # the people of Mongolia
        "Please use the whiteboard in room 3.",  # 'white' inside a word
        "The project suffers from delays.",  # 'suffers from' without a condition
        "The disabled account was removed.",  # 'disabled' about an account
        "We bought an oriental rug for the reception.",  # a rug style
        "The gypsy moth damages oak trees.",  # an insect
        "Enslaved people were brought to the colony.",  # the alternative
        "She has a master's degree in law.",  # 'master' alone is fine
        "Nigeria and Niger are neighbouring countries.",  # countries
        "Everyone is welcome at the event.",  # nothing to find
    ],
)
def test_clean_texts_stay_clean(text: str) -> None:
    assert CHECKER.check(text) == []


# ---------------------------------------------------------------- behaviour and limits
def test_empty_and_blank_text_have_no_findings() -> None:
    assert CHECKER.check("") == []
    assert CHECKER.check("   \n\t ") == []


def test_text_over_the_limit_is_refused() -> None:
    CHECKER.check("a" * MAX_CHARS)
    with pytest.raises(TextTooLongError):
        CHECKER.check("a" * (MAX_CHARS + 1))


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang"):
        CHECKER.check("tekst", "de")


def test_a_finding_carries_the_entry_texts() -> None:
    (finding,) = CHECKER.check("We hebben te weinig mankracht.")
    entry = GLOSSARY.entries["mankracht"]
    assert finding.term == entry.term
    assert finding.alternatives == [a.text for a in entry.alternatives]
    assert finding.reason == entry.reason
    assert finding.level == "reconsider"
    assert finding.entry_id == "mankracht"


def test_findings_are_sorted_and_never_overlap() -> None:
    text = "Geachte dames en heren, de niet-westerse allochtonen en hun bejaarde ouders, hij/zij..."
    found = CHECKER.check(text)
    expected = ["dames-en-heren", "niet-westers", "allochtoon", "bejaarde", "hij-zij"]
    assert [f.entry_id for f in found] == expected
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


def test_the_longest_phrase_wins() -> None:
    found = CHECKER.check("Na een mislukte zelfmoordpoging kreeg hij hulp.")
    assert [(f.match, f.entry_id) for f in found] == [("mislukte zelfmoordpoging", "mislukte-zelfmoord")]


def test_a_long_quotation_is_still_checked() -> None:
    # Only a short quote that names the word is a mention; a quoted sentence is real use.
    text = 'Hij schreef: "wij zoeken allochtone jongeren voor het project in Nieuw-West".'
    assert flagged(text) == ["allochtone"]


def test_language_hint_limits_context_rules() -> None:
    # 'the disabled' is an English context form: with lang="nl" it does not apply, exact forms always do.
    assert flagged("The city built a path for the disabled.", "en") == ["the disabled"]
    assert flagged("The city built a path for the disabled.", "nl") == []
    assert flagged("Zet het adres op de blacklist.", "nl") == ["blacklist"]


def test_the_same_text_gives_the_same_findings() -> None:
    text = "De allochtonne jongeren en de invaliden."
    assert CHECKER.check(text) == CHECKER.check(text)
