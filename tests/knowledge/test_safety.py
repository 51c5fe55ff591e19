"""Safety first: every danger sentence is caught; ordinary and language questions are not."""

from __future__ import annotations

import pytest

from knowledge.safety import check_safety


@pytest.mark.parametrize(
    "text",
    [
        "iemand bedreigt me nu",  # threat, present
        "er is een gevaarlijke situatie in de hal",  # danger
        "een bezoeker heeft een mes",  # weapon
        "help!!! hij slaat me",  # violence now
        "ik ben in gevaar",
        "I am in danger",
        "someone is threatening me",
        "there's a man with a knife in the lobby",
        "ik word bedreigd door een klant",
        "call 112 please",
        "er is een vechtpartij bij de ingang",  # a fight happening
        "there's a fight in the canteen",
        "iemand slaat een collega, nu, in de hal",  # violence against someone else, now
        "ik word nu geslagen",
        "my colleague is being attacked",
        "er is nu iemand agressief aan de balie",
        "someone is attacking my colleague",
        "bedreiging nu, wat moet ik doen",
        "er ligt iemand bewusteloos op de grond",  # a medical emergency is 112 too
        "mijn collega is in elkaar gezakt en ademt niet",
        "someone collapsed in the canteen",
        "er staat een man te schreeuwen en te dreigen bij de receptie",
        "twee bezoekers zijn aan het vechten in de hal",
        "er dreigt iemand de boel kort en klein te slaan",
        "er staat een man bij de ingang te roepen dat hij me gaat pakken",  # a threat said out loud
        "hij roept dat hij me komt afmaken",
        "a visitor is shouting that he's going to kill me",
        "ik word achtervolgd sinds ik het station uitliep",  # being followed: now
        "I'm being followed by a man from the tram stop",
        "er wordt op dit moment iemand belaagd bij de ingang",  # someone else, now
        "er loopt een man in de centrale hal met een knuppel te zwaaien",
        "een bezoeker bedreigd mijn collega",  # the d/t slip
        "a visitor at the desk is about to hit my colleague",
        "die man staat op het punt me te slaan",
        "er wordt nu gevochten in de hal van het stadskantoor",
        "een klant dreigt de boel te slopen en mijn collega aan te vallen",
    ],
)
def test_danger(text: str) -> None:
    assert check_safety(text).signal == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "ik wil dood",
        "ik denk aan zelfmoord",
        "ik wil mezelf iets aandoen",
        "ik zie het niet meer zitten en wil er een einde aan maken",
        "I want to kill myself",
        "i'm having suicidal thoughts",
        "ik heb zelfmoordgedachten",
        "iemand dreigt zichzelf iets aan te doen",  # someone else, about to
        "my colleague is threatening to kill himself",
    ],
)
def test_self_harm(text: str) -> None:
    assert check_safety(text).signal == "self_harm"


@pytest.mark.parametrize(
    "text",
    [
        "waar is de stilteruimte",
        "mag ik 'pleegde zelfmoord' schrijven?",  # a question about wording
        "is 'bedreigd' het juiste woord?",
        "hoe meld ik discriminatie",
        "mijn collega werd vorige maand bedreigd, wat kan ik doen?",  # past: a reporting question
        "de printer doet het niet",
        "is slaan nu strafbaar?",  # 'nu' as in 'actually': a question, not an event
        "I was attacked last year by a customer",  # past: a reporting question
        "mijn collega sloeg me vorige week",
        "wat doe ik nu met een agressieve klant?",
        "wat is een AED-cursus en kan ik die volgen?",  # about first aid, no event
        "hoe ga ik om met een klant die vaak staat te mopperen?",
        "what is the threat model of our app",  # no 'now'
        "my manager is threatening to fire me if I complain",  # a reporting question, not 112
        "mijn man komt me halen na het werk",  # a lift home
        "ik werd vorig jaar gestalkt door een ex-collega, kan ik dat nog melden?",  # a story
        "I am followed on LinkedIn by a recruiter",  # followed online, no danger
        "mijn collega werd vorige maand belaagd op straat, hoe kan ik haar steunen?",  # a story
        "I am going to hit the gym after work",  # not a person
        "my colleague will get me a coffee",  # 'get me a ...' is an errand
        "ik kom je morgen halen bij het station",  # picking someone up
        "",
    ],
)
def test_no_signal(text: str) -> None:
    assert check_safety(text).signal is None
