"""Questions about a word: extract the word, find its entry, ask 'Bedoel je...?' or say it is unknown."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz

from knowledge.glossary import load_glossary
from knowledge.term_lookup import TermLookup, extract_asked_term

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "knowledge" / "content" / "glossary")
LOOKUP = TermLookup(GLOSSARY)


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("mag ik allochtoon nog zeggen?", "allochtoon"),  # 'mag ik X nog zeggen'
        ("Mag je nog steeds 'mankracht' gebruiken?", "mankracht"),  # quoted
        ("wat is een alternatief voor gehandicapte?", "gehandicapte"),  # 'alternatief voor X'
        ("wat is een beter woord dan gehandicapte?", "gehandicapte"),  # 'beter woord dan X'
        ("is wheelchair-bound ok?", "wheelchair-bound"),  # 'is X ok'
        ("is 'blind spot' a problematic term?", "blind spot"),  # quoted English
        ("mag ik 'zwarte mensen' zeggen?", "zwarte mensen"),  # quoted phrase
        ("is homofiel nog een gangbaar woord?", "homofiel"),  # 'is X nog een ... woord'
        ("is allochtoon een kwetsend woord?", "allochtoon"),  # 'is X een kwetsend woord'
        ("what's a better word than handicapped?", "handicapped"),  # 'better word than X'
        ("Is committing suicide wrong?", "committing suicide"),  # two-word term before the verdict
        ("is it ok to say guys?", "guys"),  # 'is it ok to say X'
        ("can I still say chairman at work?", "chairman"),  # trailing context dropped
        ("wat zeg ik in plaats van invalide?", "invalide"),  # 'in plaats van X'
        ("waarom is neger kwetsend?", "neger"),  # 'waarom is X kwetsend'
        ("zijn zwarte mensen beledigd door het woord donker?", "donker"),  # 'het woord X' wins
        ("is het woord mongool erg?", "mongool"),  # 'het woord X' inside 'is X erg'
        ("mag ik nog dames en heren zeggen in een toespraak?", "dames en heren"),  # phrase
        ("Is ‘zigeuner’ kwetsend?", "zigeuner"),  # typographic quotes
        ("what does wheelchair bound mean?", "wheelchair bound"),  # 'what does X mean'
        ("is dit woord ok?", None),  # no word to look up
        ("hoi, hoe gaat het?", None),  # not a question about a word
    ],
)
def test_extract_asked_term(question: str, term: str | None) -> None:
    assert extract_asked_term(question) == term


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("mag ik allochtoon nog zeggen?", "allochtoon"),  # exact form
        ("wat is een alternatief voor gehandicapte?", "gehandicapte"),  # exact form
        ("is wheelchair-bound ok?", "wheelchair-bound"),  # English, hyphenated
        ("is 'blind spot' a problematic term?", "blind-spot"),  # Q&A-only entry: fine to use
        ("gehandikapte?", "gehandicapte"),  # a bare word with a typo is the term itself
        ("wheelchair bound", "wheelchair-bound"),  # a bare phrase
        ("mag ik 'zwarte mensen' zeggen?", "zwart"),  # Q&A-only entry: the recommended word
        ("is homofiel nog een gangbaar woord?", "homo"),  # Q&A-only entry
        ("mag ik 'blinde vlek' zeggen?", "blinde-vlek"),  # Dutch idiom
        ("mag ik alochtoon zeggen?", "allochtoon"),  # one letter off, clearly allochtoon
        ("mag ik 'tot slaaf gemaakte' zeggen?", "slaaf"),  # asking about the alternative
        ("mag ik hen zeggen?", "hij-zij"),  # the pronoun is explained in the hij/zij entry
        ("is Mongool een scheldwoord?", "mongool"),  # capital in a question is still the word
        ("hoe zit het met bejaarden", "bejaarde"),  # no pattern: the mentioned term
        ("Is committing suicide wrong?", "committed-suicide"),  # English phrase
        ("is het woord allochtonenbeleid ok?", "allochtoon"),  # a compound of the term
    ],
)
def test_lookup_finds_the_entry(question: str, entry_id: str) -> None:
    result = LOOKUP.lookup(question)
    assert result.outcome == "found"
    assert result.entry is not None
    assert result.entry.id == entry_id


@pytest.mark.parametrize("question", ["mag ik alochton zeggen?", "alochton?"])
def test_close_terms_ask_which_one_is_meant(question: str) -> None:
    # 'alochton' is two letters from allochtoon and close to autochtoon too: ask, do not guess.
    result = LOOKUP.lookup(question)
    assert result.outcome == "ambiguous"
    assert [e.id for e in result.choices][:2] == ["allochtoon", "autochtoon"]


@pytest.mark.parametrize(
    "question",
    [
        "mag ik 'flipperkast' zeggen?",  # a word we do not have
        "is 'snoepwinkel' kwetsend?",  # a word we do not have
        "can I say 'rockstar' at work?",  # English, unknown
    ],
)
def test_unknown_words_are_reported_with_the_term(question: str) -> None:
    result = LOOKUP.lookup(question)
    assert result.outcome == "unknown"
    assert result.entry is None
    assert result.choices == ()
    assert result.term == extract_asked_term(question)
    assert result.term
    assert result.term in question


def test_nothing_to_go_on_is_unknown_without_a_term() -> None:
    result = LOOKUP.lookup("is dit woord ok?")
    assert (result.outcome, result.term) == ("unknown", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mag ik allochtoon nog zeggen?", [("allochtoon", "allochtoon")]),  # one term
        ("is 'homofiel' nog een gangbaar woord?", [("homo", "homofiel")]),  # Q&A-only entries count too
        ("is blank hetzelfde als wit?", [("blank", "blank")]),  # no context needed in a question
        ("dames en heren of beste allemaal?", [("dames-en-heren", "dames en heren")]),  # phrase
        ("kan ik gewoon wat vragen?", []),  # nothing
        ("ik ben slachtoffer van discriminatie door een collega", []),  # a context form without its context
        ("ik zag een zwarte kat bij de ingang van het stadhuis", []),  # 'zwart' about a cat, no word question
        ("zijn zwarte collega's vaker slachtoffer van racisme?", [("zwart", "zwarte")]),  # about people
    ],
)
def test_mentioned_terms(text: str, expected: list[tuple[str, str]]) -> None:
    found = LOOKUP.mentioned_terms(text)
    assert [(entry_id, text[start:end]) for entry_id, start, end in found] == expected


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("allochtoon", "autochtoon", 75, 85),  # two entries that look alike (reference §3.6)
        ("slaaf", "slaap", 75, 85),  # a harmless word scores like a typo
        ("blank", "bank", 85, 92),  # 'bank'
        ("slaaf", "slaven", 50, 60),  # the real plural scores lower than 'slaap'
    ],
)
def test_measured_fuzzy_pitfalls_still_hold(a: str, b: str, low: float, high: float) -> None:
    # Why detection never relies on a similarity threshold: see the reference, §3.6.
    assert low <= fuzz.ratio(a, b) <= high
