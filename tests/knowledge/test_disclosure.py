"""A disclosure is recognised in Dutch and English; ordinary questions about words or rooms are not one."""

from __future__ import annotations

import pytest

from knowledge.disclosure import looks_like_disclosure


@pytest.mark.parametrize(
    "text",
    [
        "mijn manager intimideert me",  # the issue's own example
        "ik word al maanden gepest op mijn werk",  # passive, with time words in between
        "ik voel me gediscrimineerd",
        "mijn collega's sluiten me buiten",
        "mijn leidinggevende schreeuwt tegen me",
        "mijn baas maakt grapjes over mijn huidskleur",  # remarks about a ground
        "een collega maakt racistische opmerkingen tegen mij",
        "ik krijg racistische opmerkingen van een collega",
        "ik ben aangerand door een collega",
        "een klant heeft me gisteren bedreigd",
        "mijn afdelingshoofd blijft me vreselijk intimideren",  # object before the verb
        "ik denk dat ik ben afgewezen vanwege mijn achternaam",
        "mijn teamleider passeert me steeds vanwege mijn hoofddoek",
        "ik heb last van racisme op het werk",
        "ik voel me niet veilig in mijn team",
        "een collega maakt me steeds belachelijk",
        "grensoverschrijdend gedrag van mijn chef",
        "mijn teamleider behandelt me anders sinds ik uit de kast ben",
        "een bezoeker noemde mij een vies scheldwoord",
        "my supervisor treats me differently since I started wearing a headscarf",
        "mijn manager dreigt met een slechte beoordeling als ik iets zeg",
        "Mijn manager pest me en zegt 'stel je niet aan', wat moet ik doen?",  # a quote inside a disclosure
        # witnesses
        "mijn collega wordt gepest",
        "ik zag dat een collega werd uitgescholden",
        "ik was getuige van een racistische opmerking",
        "een klant werd handtastelijk",
        # English
        "I'm being bullied by my team leader",
        "my manager keeps yelling at me",
        "a colleague intimidates me",
        "I was sexually harassed at work",
        "my colleague makes racist jokes about me",
        "I feel discriminated against because of my background",
        "I saw a colleague being harassed",
        "a client hit me",
        "my supervisor keeps mocking my accent",  # mistreatment aimed at a ground
        "unwanted behaviour from my boss",
        # Teams markup around it
        "<p>mijn manager <b>intimideert</b> me</p>",
    ],
)
def test_disclosures_are_recognised(text: str) -> None:
    assert looks_like_disclosure(text)


@pytest.mark.parametrize(
    "text",
    [
        "is 'allochtoon' een kwetsend woord?",  # a question about a word
        "is 'gediscrimineerd worden' correct Nederlands?",  # the incident words are quoted
        'Is "ik word gepest" een goede zin voor een poster?',
        "wat betekent intimidatie precies?",
        "what does harassment mean?",
        "hoe schrijf ik een vacature zonder te discrimineren?",
        "help me niet te discrimineren in mijn tekst",  # 'me … te discrimineren' is no mistreatment
        "help me mijn tekst minder discriminerend te maken",
        "kun je mijn tekst over pesten op het werk controleren?",
        "how do I avoid discriminating language in my email?",
        "I want to write a policy on bullying",
        "we schrijven een nieuwsbrief over collegas die worden gepest",  # about others in general
        "The new policy says employees who are bullied can report to BI",
        "waar is de stilteruimte in het stadhuis?",  # rooms
        "mijn manager noemt me een topper",  # praise is no slur
        "de dokter behandelt me volgende week",  # treatment, not mistreatment
        "ik wil bidden vanwege mijn geloof, waar is een stilteruimte?",  # a ground, but no mistreatment
        "hoe meld ik discriminatie?",  # a question about routes, not a disclosure
        "kan ik anoniem melden?",
        "ik wil een vraag stellen aan de wethouder over racisme in de organisatie",
        "wij zijn een team dat pesten wil voorkomen",
        "ik ben bezig met een workshop over discriminatie",
        "hoe spreek ik een zaal aan zonder dames en heren?",
        "",
        "   ",
    ],
)
def test_ordinary_questions_are_not_disclosures(text: str) -> None:
    assert not looks_like_disclosure(text)


@pytest.mark.parametrize("value", [None, 42, ["ik word gepest"], {"text": "ik word gepest"}])
def test_anything_but_text_is_no_disclosure(value) -> None:
    assert not looks_like_disclosure(value)


def test_a_huge_text_is_read_only_in_part_and_quickly() -> None:
    assert looks_like_disclosure("ik word gepest. " + "bla " * 100_000)
    assert not looks_like_disclosure("bla " * 100_000 + " ik word gepest")
