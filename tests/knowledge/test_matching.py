"""Normalisation, features and outcomes of the matcher (pure, table-driven)."""

from __future__ import annotations

import pytest

from knowledge.language import detect_lang
from knowledge.normalize import fold, stem, strip_markup, tokens
from knowledge.privacy import mask_personal_data
from tests.dialogs.harness import brain


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Één Stilteruimte!", ["een", "stilteruimte"]),  # accents and case
        ("<at>Wegwijzer</at> waar is de VP?", ["waar", "is", "de", "vp"]),  # Teams mention removed
        ("heeeeel   vervelend", ["heel", "vervelend"]),  # stretched letters
        ("VP's en BI", ["vp", "en", "bi"]),  # 's plural of an abbreviation
        ("mail jan@example.org of https://x.nl/a", ["mail", "of"]),  # addresses carry no topic
        ("stilte\u00adruimte", ["stilteruimte"]),  # soft hyphen from copy-paste
    ],
)
def test_tokens(raw: str, expected: list[str]) -> None:
    assert tokens(raw) == expected


def test_fold_and_markup() -> None:
    assert fold("Ĳsland café") == "ijsland cafe"
    assert "onclick" not in strip_markup('<p onclick="x">hoi</p>')


@pytest.mark.parametrize(
    ("word", "key"), [("melden", "meld"), ("meldingen", "meld"), ("vragen", "vrag"), ("vp", "vp")]
)
def test_stem(word: str, key: str) -> None:
    assert stem(word) == key


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("waar is de gebedsruimte", "stilteruimte"),  # synonym
        ("where is the prayer room", "stilteruimte"),  # English phrase
        ("bel de VP", "vertrouwenspersoon"),  # abbreviation
        ("melding bij BI", "bureau_integriteit"),
        ("vraag voor de WH", "wethouder"),
        ("ik ben gediscrimineerd", "discriminatie"),  # participle via contains-pattern
        ("stiltruimte", "stilteruimte"),  # a typo, mended by edit distance
        ("vertrouwenspersooon", "vertrouwenspersoon"),
    ],
)
def test_features_join_synonyms_abbreviations_and_typos(text: str, concept: str) -> None:
    assert concept in brain().answerer.matcher.analyzer.features(text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("where is the quiet room?", "en"), ("waar is de stilteruimte?", "nl"), ("VP", "nl"), ("hello", "en")],
)
def test_reply_language(text: str, lang: str) -> None:
    assert detect_lang(text, "nl-NL") == lang


def test_locale_decides_when_the_text_is_not_clear() -> None:
    assert detect_lang("VP", "en-US") == "en"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hoe bereik ik een vertrouwenspersoon", "answer"),
        ("wat is de hoofdstad van Peru", "fallback"),
        ("", "fallback"),
        ("?!?", "fallback"),
    ],
)
def test_outcomes(text: str, kind: str) -> None:
    assert brain().answerer.decide(text, "nl-NL").kind == kind


def test_clarify_offers_at_most_three_distinct_entries() -> None:
    answerer = brain().answerer
    for text in ("melden", "vraag", "stilte", "anoniem"):
        decision = answerer.decide(text, "nl-NL")
        assert len(decision.choices) <= 3
        assert len({e.id for e in decision.choices}) == len(decision.choices)


def test_report_topics_are_stricter_than_the_default() -> None:
    lexicon = brain().answerer.matcher.analyzer.lexicon
    assert lexicon.threshold("report.start").answer > lexicon.threshold("language.guide").answer


@pytest.mark.parametrize(
    ("raw", "hidden"),
    [
        ("mail me: a.b@gemeente.nl", "a.b@gemeente.nl"),
        ("bel 06-12345678", "12345678"),
        ("personeelsnummer 1234567", "1234567"),
    ],
)
def test_personal_data_is_masked(raw: str, hidden: str) -> None:
    assert hidden not in mask_personal_data(raw)


@pytest.mark.parametrize(
    "text",
    ["mag je 'Oost-Europeanen' nog zeggen?", 'is "Zuid-Europeaan" een kwetsend woord?'],
)
def test_a_quoted_word_is_a_word_question_even_when_the_glossary_does_not_know_it(text: str) -> None:
    # Its parts ('oost', 'zuid') must not pull it to the quiet rooms: the look-up says it is unknown.
    assert brain().answerer.decide(text, "nl-NL").topic == "language.term"


@pytest.mark.parametrize("text", ["wanneer is de kerstborrel", "waar is de fietsenkelder?", "wanneer?"])
def test_only_filler_known_is_a_fallback_not_a_guess(text: str) -> None:
    decision = brain().answerer.decide(text, "nl-NL")
    assert decision.kind == "fallback", decision


def test_an_offtopic_place_does_not_hide_what_the_message_is_about() -> None:
    analyzer = brain().answerer.matcher.analyzer
    assert "offtopic" in analyzer.features("hoe laat gaat de kantine open")
    assert "offtopic" not in analyzer.features("ik was getuige van discriminatie in de kantine")
    assert brain().answerer.decide("ik was getuige van discriminatie in de kantine", "nl-NL").topic == (
        "report.witness"
    )


def test_a_quoted_pronoun_is_a_pronoun_question_not_a_word_look_up() -> None:
    decide = brain().answerer.decide
    assert decide("mag ik 'hen' gebruiken in een brief?", "nl-NL").topic == "language.pronouns"
    assert decide("mag ik 'allochtoon' gebruiken in een brief?", "nl-NL").topic == "language.term"


def test_unseen_words_in_a_long_story_do_not_drown_its_question() -> None:
    decide = brain().answerer.decide
    story = "ik wil de wethouder vragen waarom er zo weinig diversiteit is in het management"
    assert decide(story, "nl-NL").topic == "alderman.ask"
    # A short message of unseen words is still another subject.
    assert decide("hoe zet ik mijn out of office aan", "nl-NL").kind == "fallback"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # A story first, then the question: the question's words and the story's concepts decide.
        (
            "Vanmorgen zag ik dat een nieuwe collega door twee anderen werd uitgelachen om haar "
            "hoofddoek. Niemand deed iets. Wat kan ik als collega doen?",
            "report.witness",
        ),
        (
            "Last month I reported my manager to the Integrity Bureau. They closed it without talking "
            "to my witnesses. Can someone else look at my case again?",
            "report.second-opinion",
        ),
        # A long story about another subject stays another subject, question and all.
        (
            "Mijn laptop start al twee dagen niet op en de servicedesk belt niet terug. "
            "Waar kan ik nog terecht?",
            "fallback",
        ),
    ],
)
def test_a_long_message_is_matched_on_its_question_with_the_storys_concepts(text: str, topic: str) -> None:
    assert brain().answerer.decide(text, "nl-NL").topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("goeiemorgen allemaal", "bot.greeting"),  # 'allemaal' is no subject
        ("hoi, waar is de stilteruimte?", "quietroom.find"),  # a greeting before a real subject
    ],
)
def test_a_greeting_gives_way_only_to_a_real_subject(text: str, topic: str) -> None:
    assert brain().answerer.decide(text, "nl-NL").topic == topic


def test_a_disclosure_in_words_no_example_has_gets_the_guide_not_i_dont_understand() -> None:
    text = "een klant scheldt me elke week uit aan de telefoon"  # 'telefoon' alone is another subject
    decision = brain().answerer.decide(text, "nl-NL")
    assert (decision.kind, decision.topic, decision.sensitive) == ("answer", "report.start", True)


@pytest.mark.parametrize(
    "text",
    [
        "is it ok to say 'guys' when I write to the whole team?",  # touches addressing a group
        "wat is een neutraal woord voor 'bejaardenhuis' in een brief",  # touches writing letters
    ],
)
def test_a_question_about_one_word_gets_the_words_card_not_the_general_guidance(text: str) -> None:
    assert brain().answerer.decide(text, "nl-NL").topic == "language.term"


def test_writing_guidance_without_a_word_asked_about_stays_guidance() -> None:
    assert brain().answerer.decide("hoe schrijf ik een aanhef zonder heer of mevrouw?", "nl-NL").topic == (
        "language.guide"
    )


def test_an_opener_is_dropped_like_a_stop_word() -> None:
    features = brain().answerer.matcher.analyzer.features
    assert "vraag" not in features("quick question: is there a prayer room in Noord?")
    assert "vraag" in features("ik wil een vraag stellen aan de wethouder")  # a question *for* someone
