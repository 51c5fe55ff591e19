"""The identifiability check: what in a question might point to the sender, in Dutch and English."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.identifiability import REDACTION_MARK, find_identifying, kinds_found, redact

FOUND = [
    # a colleague's name after "mijn collega", with Dutch particles
    ("Mijn collega Jan de Vries zegt dat het niet kan.", "name", "Jan de Vries"),
    # a lower-case surname after an honorific
    ("Waarom zei meneer jansen dat?", "name", "jansen"),
    # an English first name mid-sentence
    ("My colleague John said it was fine.", "name", "John"),
    # a name at the start of a sentence when a surname follows
    ("Fatima El Amrani vroeg het ook al.", "name", "Fatima El Amrani"),
    # a surname starting with a capitalised particle
    ("Dat vond Van Dijk ook.", "name", "Van Dijk"),
    # an e-mail address
    ("Mail me op a.jansen@amsterdam.nl als het kan.", "email", "a.jansen@amsterdam.nl"),
    # a Dutch mobile number with a dash
    ("Bel me op 06-12345678 graag.", "phone", "06-12345678"),
    # an international number
    ("Of op +31 20 555 1234 overdag.", "phone", "+31 20 555 1234"),
    # an employee number with its keyword
    ("Mijn personeelsnummer 1234567 klopt niet.", "number", "personeelsnummer 1234567"),
    # a bare long number
    ("Het gaat om zaak 20261234 van vorig jaar.", "number", "20261234"),
    # a team name after "team"
    ("Waarom heeft team Inkoop geen stilteruimte?", "team", "team Inkoop"),
    # a department of several words joined by "en"
    ("Bij afdeling Ruimte en Economie gebeurt dat.", "team", "afdeling Ruimte en Economie"),
    # a compound with an abbreviation
    ("Ik werk bij de HR-afdeling.", "team", "HR-afdeling"),
    # an English department name before "team"
    ("The Finance team never answers.", "team", "Finance team"),
    # a Dutch date with a month name
    ("Op 12 maart ging het mis.", "date", "12 maart"),
    # an English date with the month first
    ("It happened on March 3rd at work.", "date", "March 3rd"),
    # a numeric date
    ("Sinds 01-02-2020 werk ik hier.", "date", "01-02-2020"),
    # a relative day that points to one event
    ("Vorige week dinsdag ging het mis.", "date", "Vorige week dinsdag"),
    # a clock time
    ("Het overleg om 14:30 liep uit.", "date", "om 14:30"),
    # a room number
    ("In kamer 3.12 is geen plek.", "place", "kamer 3.12"),
    # a floor
    ("Op de 4e verdieping is het druk.", "place", "4e verdieping"),
    # a street and house number
    ("Ons kantoor aan de Jodenbreestraat 25 is oud.", "place", "Jodenbreestraat 25"),
]


@pytest.mark.parametrize(("text", "kind", "match"), FOUND)
def test_details_that_point_to_someone_are_found(text: str, kind: str, match: str) -> None:
    findings = find_identifying(text)
    assert (kind, match) in [(f.kind, f.match) for f in findings], findings
    for finding in findings:
        assert text[finding.start : finding.end] == finding.match


CLEAN = [
    # a general question
    "Hoe gaat de gemeente om met racisme op de werkvloer?",
    # proper nouns that point to no one: the city, a holiday, the town hall
    "Komt er tijdens de Ramadan een stilteruimte in het Stadhuis van Amsterdam?",
    # the addressees and the Bureau
    "Wat vindt de Wethouder van het werk van het Bureau Inclusie en Diversiteit?",
    # abbreviations and capitals used for emphasis
    "WAAROM DOET HR NIETS MET DE UITKOMSTEN VAN HET ONDERZOEK?",
    # "team" followed by an ordinary word
    "Mijn team is te klein voor dit werk.",
    # English with the pronoun I and a weekday
    "Why do I have to work on Monday when it is Eid?",
    # "collega" followed by an ordinary word
    "Mijn collega vindt dat ook.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_general_questions_are_left_alone(text: str) -> None:
    assert find_identifying(text) == []


def test_overlapping_details_are_reported_once_the_longest_wins() -> None:
    findings = find_identifying("Mijn collega Jan de Vries van team Inkoop, mail jan@example.org")
    spans = [(f.start, f.end) for f in findings]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    assert kinds_found(findings) == ["name", "email", "team"]


REDACTIONS = [
    # a name and an e-mail address are personal data
    (
        "Mijn collega Jan mailt van jan@example.org.",
        f"Mijn collega {REDACTION_MARK} mailt van {REDACTION_MARK}.",
    ),
    # a phone number and an employee number too
    ("Bel 06-12345678, personeelsnummer 1234567.", f"Bel {REDACTION_MARK}, {REDACTION_MARK}."),
    # a team, a date and a place are not personal data by themselves: kept for the moderator to weigh
    ("Op 12 maart in kamer 3.12 bij team Inkoop.", "Op 12 maart in kamer 3.12 bij team Inkoop."),
]


@pytest.mark.parametrize(("text", "expected"), REDACTIONS)
def test_redaction_uses_the_woo_mark_for_personal_data(text: str, expected: str) -> None:
    assert redact(text) == expected


@given(st.text(max_size=300))
def test_any_text_gives_spans_inside_the_text(text: str) -> None:
    for finding in find_identifying(text):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.match
