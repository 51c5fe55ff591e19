"""Direct questions about routes are answered from the route data, with the guide on offer."""

from __future__ import annotations

import pytest

from dialogs.report_cards import ACTION_SHOW_ROUTE
from knowledge.guide import ACTION_START
from tests.dialogs.harness import buttons, texts, traces
from tests.dialogs.reporting import guide, reporting_chat, valid_cards

ROUTES = guide().routes.all()


@pytest.mark.parametrize(
    ("question", "topic", "must_say"),
    [
        (
            "hoe kom ik in contact met een vertrouwenspersoon?",
            "report.confidential-advisor",
            "Doet geen onderzoek",
        ),
        ("vertelt de vp iets door aan mijn leidinggevende", "report.confidential-advisor", "Wie weet wat?"),
        ("hoe doe ik een melding bij Bureau Integriteit?", "report.integrity", "Directie Juridische Zaken"),
        (
            "is er een meldpunt buiten de gemeente waar ik terecht kan?",
            "report.external",
            "Meldpunt Discriminatie Regio Amsterdam",
        ),
        ("kan ik naar het huis voor klokkenluiders", "report.external", "088-133 10 00"),
        (
            "kan ik een second opinion aanvragen op mijn zaak bij BI?",
            "report.second-opinion",
            "nog niet bevestigd",
        ),
        ("kan ik anoniem melden?", "report.anonymous", "Anoniem melden kan bij"),
        ("wat gebeurt er nadat ik een melding heb gedaan?", "report.after", "7 dagen"),
        ("kan ik ontslagen worden als ik iets meld", "report.after", "Wet bescherming klokkenluiders"),
        ("ik zag dat een collega werd uitgescholden, wat kan ik doen?", "report.witness", "getuigen"),
    ],
)
async def test_a_direct_question_gets_the_route_data_and_the_guide(
    question: str, topic: str, must_say: str
) -> None:
    replies = await reporting_chat().say(question)
    assert traces(replies)[0]["topic"] == topic
    assert must_say in texts(replies)
    assert any(
        b["data"] == {"action": ACTION_START} for b in buttons(replies) if b["type"] == "Action.Submit"
    )
    valid_cards(replies)


async def test_an_internal_route_is_never_shown_without_an_external_one() -> None:
    replies = await reporting_chat().say("hoe doe ik een melding bij Bureau Integriteit?")
    shown = {b["data"].get("route") for b in buttons(replies) if b["type"] == "Action.Submit"}
    kinds = {r.kind for r in ROUTES if r.id in shown}
    assert "external" in kinds


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
async def test_every_route_has_a_card_with_what_it_does_and_how_to_reach_it(route) -> None:
    replies = await reporting_chat().click({"action": ACTION_SHOW_ROUTE, "route": route.id})
    said = texts(replies)
    for part in (route.name.nl, route.does.nl, route.does_not.nl, route.who_knows.nl, route.reach.nl):
        assert part in said
    assert traces(replies) == [{"topic": route.topic, "score": 100.0}]
    if not route.verified:
        assert "nog niet bevestigd" in said
    contacts = {b["url"] for b in buttons(replies) if b["type"] == "Action.OpenUrl"}
    assert contacts == {c.url for c in route.contacts}
    card = valid_cards(replies)[0]
    more = next(a for a in card["actions"] if a["type"] == "Action.ShowCard")
    hidden = " ".join(b["text"] for b in more["card"]["body"])
    assert route.timelines.nl in hidden
    assert route.prepare.nl in hidden


@pytest.mark.parametrize(
    "value",
    [
        {"action": ACTION_SHOW_ROUTE, "route": "no-such-route"},
        {"action": ACTION_SHOW_ROUTE, "route": ["police"]},
        {"action": ACTION_SHOW_ROUTE, "route": "x" * 100_000},
        {"action": ACTION_SHOW_ROUTE},
    ],
)
async def test_a_route_button_that_fits_nothing_lists_the_routes(value) -> None:
    replies = await reporting_chat().click(value)
    assert "Die route ken ik niet" in texts(replies)
    assert traces(replies) == [{"topic": "fallback", "score": 0.0}]
    valid_cards(replies)


async def test_the_guide_button_under_an_answer_starts_the_guide() -> None:
    chat = reporting_chat()
    await chat.say("kan ik anoniem melden?")
    replies = await chat.click({"action": ACTION_START})
    assert "ben je nu in gevaar" in texts(replies)
    assert traces(replies) == [{"topic": "report.start", "score": 100.0}]


async def test_english_route_card() -> None:
    replies = await reporting_chat(locale="en-US").say("how do I reach a confidential advisor?")
    assert "Does not investigate" in texts(replies)
    assert "Which route fits me?" in [b["title"] for b in buttons(replies)]
