"""Finding a quiet room in chat: room cards from the directory only, 'meer', 'is die nu open?', hand-back."""

from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.opening_hours import AMSTERDAM
from tests.dialogs.harness import buttons, cards, texts, traces
from tests.dialogs.quietroom_support import RoomChat, button
from tests.knowledge.rooms_factory import directory, make_room


def room_names(replies: list) -> list[str]:
    """The rooms shown: room cards are the ones with facts."""
    return [
        c["body"][0]["text"] for c in cards(replies) if any(b.get("type") == "FactSet" for b in c["body"])
    ]


def facts(replies: list) -> dict[str, str]:
    return {
        f["title"]: f["value"]
        for c in cards(replies)
        for b in c["body"]
        if b.get("type") == "FactSet"
        for f in b["facts"]
    }


async def test_a_place_with_a_typo_answers_with_its_room_card() -> None:
    replies = await RoomChat().say("is er een stilteruimte in het stadhius?")
    assert traces(replies)[0]["topic"].startswith("quietroom.")
    assert room_names(replies) == ["Stilteruimte stadhuis-1"]
    said = texts(replies)
    assert "Nu open, tot 18:00" in said
    assert "Gecontroleerd op 2026-03-12" in said
    assert facts(replies)["Adres"] == "Amstel 1, Amsterdam"
    assert facts(replies)["Open"] == "ma–vr 08:00–18:00; za–zo dicht; feestdagen dicht"
    assert facts(replies)["Voorzieningen"] == "gebedskleden, qibla aangegeven, stoelen"


async def test_unverified_and_closed_rooms_say_so() -> None:
    replies = await RoomChat().say("stilteruimte zuidoost")
    assert "nog niet gecontroleerd" in texts(replies)  # zo-2 is unverified
    closed = await RoomChat().say("stilteruimte in noord")
    assert "Tijdelijk gesloten" in texts(closed)


async def test_the_example_set_warns_on_every_card() -> None:
    from tests.knowledge.test_room_search import CONTENT_ROOMS

    replies = await RoomChat(rooms=CONTENT_ROOMS).say("stilteruimte stadhuis")
    assert "Voorbeeldgegevens, niet gecontroleerd" in texts(replies)


async def test_five_cards_then_meer_by_button_and_by_word() -> None:
    chat = RoomChat(rooms=[make_room(f"zo-{i:02}") for i in range(12)])
    first = await chat.say("stilteruimte zuidoost")
    assert len(room_names(first)) == 5
    assert "Er zijn nog 7 ruimtes." in texts(first)
    second = await chat.click(button(first, "Meer"))
    assert traces(second)[0] == {"topic": "quietroom.find", "score": 100.0}
    assert room_names(second) == [f"Stilteruimte zo-{i:02}" for i in range(5, 10)]
    third = await chat.say("meer")
    assert room_names(third) == ["Stilteruimte zo-10", "Stilteruimte zo-11"]
    assert "Meer" not in [b["title"] for b in buttons(third)]
    assert "Meer ruimtes heb ik hier niet" in texts(await chat.say("meer"))
    assert room_names(await chat.say("terug")) == [f"Stilteruimte zo-{i:02}" for i in range(5, 10)]


async def test_an_old_meer_button_works_after_the_flow_ended() -> None:
    chat = RoomChat(rooms=[make_room(f"zo-{i:02}") for i in range(7)])
    first = await chat.say("stilteruimte zuidoost")
    await chat.say("stop")
    again = await chat.click(button(first, "Meer"))
    assert room_names(again) == ["Stilteruimte zo-05", "Stilteruimte zo-06"]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM), "Stilteruimte stadhuis-1: nu open, tot 18:00."),
        (datetime(2026, 11, 23, 18, 30, tzinfo=AMSTERDAM), "nu dicht. Weer open morgen om 08:00."),
        (
            datetime(2026, 11, 28, 11, 0, tzinfo=AMSTERDAM),
            "nu dicht. Weer open maandag om 08:00.",
        ),  # Saturday
        (
            datetime(2026, 4, 27, 10, 0, tzinfo=AMSTERDAM),
            "vandaag dicht (Koningsdag). Weer open morgen om 08:00.",
        ),
        (datetime(2026, 11, 23, 6, 0, tzinfo=AMSTERDAM), "nu dicht. Weer open vandaag om 08:00."),
    ],
)
async def test_is_die_nu_open(now: datetime, expected: str) -> None:
    chat = RoomChat(now=now)
    await chat.say("stilteruimte in de stopera")
    replies = await chat.say("is die nu open?")
    assert traces(replies)[0]["topic"] == "quietroom.find"
    assert expected in texts(replies)
    assert "Amsterdamse tijd, feestdagen meegerekend" in texts(replies)


async def test_open_now_in_the_first_question_shows_the_state_on_the_card() -> None:
    replies = await RoomChat(now=datetime(2026, 12, 25, 10, 0, tzinfo=AMSTERDAM)).say(
        "is de stilteruimte in het stadhuis nu open?"
    )
    assert "Vandaag dicht (Eerste Kerstdag). Weer open maandag om 08:00" in texts(replies)


async def test_without_a_place_it_asks_where_and_a_typed_place_answers() -> None:
    chat = RoomChat()
    asked = await chat.say("waar kan ik rustig bidden?")
    assert "In welk gebouw of stadsdeel" in texts(asked)
    assert [b["title"] for b in buttons(asked)] == [
        "Centrum",
        "Nieuw-West",
        "Noord",
        "Zuidoost",
        "Alle ruimtes",
    ]
    replies = await chat.say("Nieuw West")  # the matcher alone would not know this is about rooms
    assert traces(replies)[0]["topic"] == "quietroom.find"
    assert room_names(replies) == ["Stilteruimte nw-1"]


async def test_a_place_button_answers() -> None:
    chat = RoomChat()
    asked = await chat.say("waar is de stilteruimte")
    replies = await chat.click(button(asked, "Zuidoost"))
    assert room_names(replies) == ["Stilteruimte zo-1", "Stilteruimte zo-2"]


async def test_follow_ups_refine_place_and_facility() -> None:
    chat = RoomChat()
    await chat.say("stilteruimte zuidoost")
    narrowed = await chat.say("met wasgelegenheid")
    assert room_names(narrowed) == ["Stilteruimte zo-1"]
    assert "in Zuidoost met wasgelegenheid (wudu): 1 ruimte" in texts(narrowed)
    moved = await chat.say("en in nieuw west?")
    assert room_names(moved) == ["Stilteruimte nw-1"]


async def test_a_facility_question_shows_the_general_answer_and_the_rooms_that_have_it() -> None:
    replies = await RoomChat().say("kan ik me ergens wassen voor het gebed?")
    assert traces(replies)[0]["topic"] == "quietroom.facilities"
    assert "Wassen voor het gebed" in texts(replies)  # the knowledge entry
    assert room_names(replies) == ["Stilteruimte nw-1", "Stilteruimte zo-1"]


async def test_a_facility_missing_at_the_place_is_said_honestly() -> None:
    replies = await RoomChat().say("is er een stilteruimte met wudu in het stadhuis?")
    assert "Een ruimte met wasgelegenheid (wudu) staat niet in mijn lijst voor Stadhuis (Stopera)" in texts(
        replies
    )
    assert room_names(replies) == ["Stilteruimte stadhuis-1"]


async def test_a_facility_question_the_directory_cannot_answer_gets_the_entry() -> None:
    chat = RoomChat()
    replies = await chat.say("waar kan ik kolven op kantoor")
    assert traces(replies)[0]["topic"] == "quietroom.facilities"
    assert room_names(replies) == []
    assert "kolven" in texts(replies).lower()
    after = await chat.say("hoi")  # the flow has ended
    assert traces(after)[0]["topic"] == "bot.greeting"


async def test_nothing_found_is_said_honestly_with_a_way_to_report_it() -> None:
    chat = RoomChat()
    replies = await chat.say("is er een stilteruimte in weesp?")
    assert room_names(replies) == []
    assert "geen stilteruimte in mijn lijst" in texts(replies)
    assert "receptie of facilitair beheer" in texts(replies)
    started = await chat.click(button(replies, "Meld: hier is geen ruimte"))
    assert traces(started)[0]["topic"] == "quietroom.feedback"
    assert "Om welke locatie gaat het?" in texts(started)


async def test_an_empty_directory_never_invents_a_room() -> None:
    chat = RoomChat(rooms=[])
    asked = await chat.say("is er een stilteruimte in het stadhuis?")
    assert room_names(asked) == []
    replies = await chat.click(button(asked, "Alle ruimtes"))
    assert room_names(replies) == []
    assert "geen stilteruimte in mijn lijst" in texts(replies)


async def test_only_rooms_of_the_directory_are_ever_named() -> None:
    chat = RoomChat()
    known = {f"Stilteruimte {r.id}" for r in directory()}
    for text in ("stilteruimte stadhuis", "alle", "meer", "met rolstoel", "zuidoost", "noord", "weesp"):
        assert set(room_names(await chat.say(text))) <= known


async def test_another_question_goes_back_to_the_main_routing() -> None:
    chat = RoomChat()
    await chat.say("stilteruimte zuidoost")
    replies = await chat.say("hoe bereik ik een vertrouwenspersoon?")
    assert traces(replies)[0]["topic"] == "report.confidential-advisor"
    assert room_names(replies) == []
    follow = await chat.say("is die nu open?")  # the room flow has ended: no rooms on screen any more
    assert "Stilteruimte zo-1: nu open" not in texts(follow)


async def test_a_shortage_report_during_the_search_starts_the_feedback_flow() -> None:
    chat = RoomChat()
    await chat.say("stilteruimte zuidoost")
    replies = await chat.say("de stilteruimte in het stadhuis is altijd bezet")
    assert traces(replies)[0]["topic"] == "quietroom.feedback"
    assert "Ik noteer: Stadhuis (Stopera), altijd bezet." in texts(replies)


async def test_stop_ends_the_search() -> None:
    chat = RoomChat()
    await chat.say("stilteruimte zuidoost")
    stopped = await chat.say("stop")
    assert "Oké" in texts(stopped)
    assert traces(await chat.say("hoi"))[0]["topic"] == "bot.greeting"


async def test_safety_interrupts_the_search() -> None:
    chat = RoomChat()
    await chat.say("stilteruimte zuidoost")
    replies = await chat.say("help, iemand bedreigt me met een mes")
    assert traces(replies)[0]["topic"] == "report.emergency"
    assert "112" in texts(replies)


@pytest.mark.parametrize(
    "value",
    [
        {"action": "quietroom.search"},  # no query: ask where
        {"action": "quietroom.search", "query": "x" * 10_000, "offset": "abc"},  # wrong types, oversized
        {"action": "quietroom.search", "query": {"places": ["district:zuidoost"] * 1000}, "offset": 10**12},
        {"action": "quietroom.search", "query": {"places": [{"$ne": 1}], "facilities": "wudu"}},
        {"action": "quietroom.search", "query": [[[[[]]]]]},  # nested lists
    ],
)
async def test_hostile_button_data_never_breaks_the_search(value: dict) -> None:
    chat = RoomChat()
    replies = await chat.click(value)
    assert traces(replies)[0]["topic"] == "quietroom.find"
    assert cards(replies)


@pytest.mark.parametrize(
    "text",
    [
        "x" * 5000,  # far too long: the main routing says so
        "<script>alert(1)</script> stadhuis",  # markup
        "\x00\x1b[31m zuidoost",  # control characters
        "🙂🙂🙂",  # only emoji
    ],
)
async def test_hostile_text_during_the_search(text: str) -> None:
    chat = RoomChat()
    await chat.say("stilteruimte zuidoost")
    replies = await chat.say(text)
    assert replies


async def test_english() -> None:
    chat = RoomChat(locale="en-US")
    replies = await chat.say("is there a quiet room in city hall?")
    assert "Open now, until 18:00" in texts(replies)
    assert "Checked on 2026-03-12." in texts(replies)
    assert "This is what I found in Stadhuis (Stopera): 1 room." in texts(replies)


async def test_a_message_handed_back_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = RoomChat()
    await chat.say("stilteruimte zuidoost")
    answerer = chat.services.brain.answerer
    read = []
    decide = answerer.decide

    def counted(text: str, locale: str | None = None):
        read.append(text)
        return decide(text, locale)

    monkeypatch.setattr(answerer, "decide", counted)
    replies = await chat.say("hoe bereik ik een vertrouwenspersoon?")
    assert traces(replies)[0]["topic"] == "report.confidential-advisor"
    # The room flow read it, handed it back, and MainDialog used that reading.
    assert read == ["hoe bereik ik een vertrouwenspersoon?"]
