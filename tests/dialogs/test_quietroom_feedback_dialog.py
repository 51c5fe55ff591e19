"""Reporting a quiet-room problem or shortage: transcript, stop and terug, hostile input, no identity kept."""

from __future__ import annotations

import pytest

from tests.dialogs.harness import buttons, texts, traces
from tests.dialogs.quietroom_support import RoomChat, button


def titles(replies: list) -> list[str]:
    return [b["title"] for b in buttons(replies)]


async def test_the_whole_form_by_buttons_with_a_masked_remark() -> None:
    chat = RoomChat()
    asked = await chat.say("ik heb een klacht over de stilteruimte")
    assert traces(asked)[0]["topic"] == "quietroom.feedback"
    assert "Om welke locatie gaat het?" in texts(asked)
    assert titles(asked) == [
        "Kantoor Bijlmerplein",
        "Stadhuis (Stopera)",
        "Stadsdeelkantoor Nieuw-West",
        "Stadsdeelkantoor Noord",
        "Stadsdeelkantoor Zuidoost",
        "Andere locatie",
        "Stop",
    ]
    kind = await chat.click(button(asked, "Stadsdeelkantoor Noord"))
    assert traces(kind)[0] == {"topic": "quietroom.feedback", "score": 100.0}
    assert "Wat is er aan de hand bij Stadsdeelkantoor Noord?" in texts(kind)
    assert titles(kind)[:6] == [
        "Er is hier geen ruimte",
        "Altijd bezet",
        "Gebruikt om te vergaderen",
        "Iets is kapot",
        "Niet schoon",
        "Iets anders",
    ]
    remark = await chat.click(button(kind, "Gebruikt om te vergaderen"))
    assert "Ik noteer: Stadsdeelkantoor Noord, gebruikt om te vergaderen." in texts(remark)
    thanks = await chat.say(
        "Elke dinsdag overleg van 10 tot 12. Vragen? Bel 06-12345678 of mail a.b@amsterdam.nl"
    )
    said = texts(thanks)
    assert "zonder je naam" in said
    assert "per locatie voor het Bureau Inclusie en Diversiteit" in said
    (report,) = chat.room_feedback.reports
    assert (report.location_key, report.kind, report.day.isoformat()) == (
        "building:sdk-noord",
        "meetings",
        "2026-11-22",
    )
    assert "12345678" not in (report.remark or "")
    assert "a.b@amsterdam.nl" not in (report.remark or "")
    for identity in (chat.user.id, chat.user.aad_object_id, chat.user.name, chat.conversation.id):
        assert identity not in repr(report)


async def test_a_first_message_that_says_where_and_what_goes_straight_to_the_remark() -> None:
    chat = RoomChat()
    asked = await chat.say("de stilteruimte in het stadhuis is altijd bezet")
    assert "Ik noteer: Stadhuis (Stopera), altijd bezet." in texts(asked)
    thanks = await chat.click(button(asked, "Overslaan"))
    assert "genoteerd" in texts(thanks)
    counts = await chat.room_feedback.count_by_location()
    assert counts["building:stadhuis"].counts == {"occupied": 1}
    assert chat.room_feedback.reports[0].remark is None


async def test_another_location_in_words() -> None:
    chat = RoomChat()
    asked = await chat.say("er is geen gebedsruimte in ons gebouw")  # the kind is clear, the place is not
    typed = await chat.click(button(asked, "Andere locatie"))
    assert "Typ het gebouw of adres" in texts(typed)
    remark = await chat.say("Weesperplein 8")
    assert "Ik noteer: Weesperplein 8, er is hier geen ruimte." in texts(remark)
    await chat.click(button(remark, "Overslaan"))
    assert list(await chat.room_feedback.count_by_location()) == ["other:weesperplein 8"]


async def test_terug_goes_back_one_question_by_word_and_by_button() -> None:
    chat = RoomChat()
    asked = await chat.say("de stilteruimte in het stadhuis is altijd bezet")
    back = await chat.say("terug")
    assert "Wat is er aan de hand bij Stadhuis (Stopera)?" in texts(back)
    further = await chat.click(button(back, "Terug"))
    assert "Om welke locatie gaat het?" in texts(further)
    kind = await chat.say("zuidoost")  # two buildings there: counted for the stadsdeel
    assert "Wat is er aan de hand bij Zuidoost?" in texts(kind)
    assert asked


@pytest.mark.parametrize("how", ["typed", "button"])
async def test_stop_saves_nothing_at_any_question(how: str) -> None:
    for steps in ([], ["Stadhuis (Stopera)"], ["Stadhuis (Stopera)", "Niet schoon"]):
        chat = RoomChat()
        replies = await chat.say("ik heb een klacht over de stilteruimte")
        for title in steps:
            replies = await chat.click(button(replies, title))
        stopped = await (chat.say("stop") if how == "typed" else chat.click(button(replies, "Stop")))
        assert "ik heb niets opgeslagen" in texts(stopped)
        assert chat.room_feedback.reports == []
        assert traces(await chat.say("hoi"))[0]["topic"] == "bot.greeting"


async def test_broken_or_dirty_also_points_to_reception() -> None:
    chat = RoomChat()
    asked = await chat.say("de stilteruimte in het stadhuis is vies")
    thanks = await chat.click(button(asked, "Overslaan"))
    assert "Meld het ook bij de receptie of facilitair beheer" in texts(thanks)


async def test_a_remark_that_sounds_personal_is_not_kept_and_routes_are_offered() -> None:
    chat = RoomChat()
    await chat.say("de stilteruimte in het stadhuis is altijd bezet")
    thanks = await chat.say("mijn teamleider discrimineert me als ik daar wil bidden")
    assert "heb ik niet bewaard" in texts(thanks)
    assert {"action": "menu", "area": "report"} in [b["data"] for b in buttons(thanks)]
    (report,) = chat.room_feedback.reports
    assert report.remark is None
    assert report.kind == "occupied"


async def test_a_long_remark_is_cut_and_said_so() -> None:
    chat = RoomChat()
    await chat.say("de stilteruimte in het stadhuis is altijd bezet")
    thanks = await chat.say("druk " * 300)
    assert "de eerste 500 tekens" in texts(thanks)
    assert len(chat.room_feedback.reports[0].remark or "") <= 500


async def test_another_question_mid_form_is_answered_and_nothing_is_saved() -> None:
    chat = RoomChat()
    asked = await chat.say("ik heb een klacht over de stilteruimte")
    await chat.click(button(asked, "Stadhuis (Stopera)"))
    replies = await chat.say("hoe bereik ik een vertrouwenspersoon?")
    assert traces(replies)[0]["topic"] == "report.confidential-advisor"
    assert chat.room_feedback.reports == []


async def test_another_question_as_the_remark_keeps_the_report_without_it_and_answers_it() -> None:
    chat = RoomChat()
    await chat.say("de stilteruimte in het stadhuis is altijd bezet")
    replies = await chat.say("hoe bereik ik een vertrouwenspersoon?")
    assert "genoteerd" in texts(replies)
    assert traces(replies)[0]["topic"] == "report.confidential-advisor"
    (report,) = chat.room_feedback.reports
    assert report.remark is None


async def test_a_button_of_another_card_mid_form_is_handled_by_the_main_routing() -> None:
    chat = RoomChat()
    await chat.say("op ons kantoor is helemaal geen stilteruimte")
    replies = await chat.click({"action": "menu", "area": "report"})
    assert traces(replies)[0]["topic"] == "bot.help"


async def test_an_old_form_button_restarts_the_form_with_its_answer() -> None:
    chat = RoomChat()
    replies = await chat.click({"action": "quietroom.feedback.answer", "kind": "broken"})
    assert traces(replies)[0]["topic"] == "quietroom.feedback"
    assert "Om welke locatie gaat het?" in texts(replies)
    remark = await chat.say("stopera")
    assert "Ik noteer: Stadhuis (Stopera), iets is kapot." in texts(remark)


async def test_a_room_card_button_reports_for_that_building() -> None:
    chat = RoomChat()
    found = await chat.say("stilteruimte in nieuw west")
    kind = await chat.click(button(found, "Meld een probleem"))
    assert "Wat is er aan de hand bij Stadsdeelkantoor Nieuw-West?" in texts(kind)


@pytest.mark.parametrize(
    "value",
    [
        {"action": "quietroom.feedback.answer", "location": {"$ne": 1}},  # an object instead of an id
        {"action": "quietroom.feedback.answer", "location": "building:' OR 1=1 --"},  # not a known building
        {"action": "quietroom.feedback.answer", "kind": ["broken"] * 1000},  # a long list
        {"action": "quietroom.feedback.answer", "nav": "sideways", "skip": "yes"},  # unknown navigation
        {"action": "quietroom.feedback.answer"},  # nothing at all
    ],
)
async def test_hostile_button_data_asks_again_then_gives_up(value: dict) -> None:
    chat = RoomChat()
    await chat.say("op ons kantoor is helemaal geen stilteruimte")
    for _ in range(2):
        again = await chat.click(value)
        assert "Dat begreep ik niet helemaal" in texts(again)
    gave_up = await chat.click(value)
    assert "Het lukt nu even niet. Ik heb niets opgeslagen." in texts(gave_up)
    assert chat.room_feedback.reports == []


@pytest.mark.parametrize(
    "text",
    [
        "x" * 20_000,  # oversized: kept short as a place name
        "<script>alert('hi')</script>Stationsplein",  # markup is dropped
        "Robert'); DROP TABLE room_feedback;--",  # stored as text, never run
        "\u202eevil\u200b gebouw",  # direction and zero-width characters
    ],
)
async def test_hostile_typed_places_are_kept_short_and_plain(text: str) -> None:
    chat = RoomChat()
    asked = await chat.say("ik heb een klacht over de stilteruimte")
    await chat.click(button(asked, "Andere locatie"))
    kind = await chat.say(text)
    await chat.click(button(kind, "Iets anders"))
    await chat.say("skip this one please")
    (report,) = chat.room_feedback.reports
    assert len(report.location_label) <= 120
    assert "<script>" not in report.location_label


async def test_english() -> None:
    chat = RoomChat(locale="en-US")
    asked = await chat.say("complaint about the quiet room")
    assert "Which location is it about?" in texts(asked)
    kind = await chat.click(button(asked, "Stadhuis (Stopera)"))
    remark = await chat.click(button(kind, "Always occupied"))
    thanks = await chat.click(button(remark, "Skip"))
    assert "I count reports per location" in texts(thanks)
