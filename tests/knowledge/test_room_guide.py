"""The room search as a conversation: which follow-ups stay in the flow, which go back to the main routing."""

from __future__ import annotations

import pytest

from knowledge.answering import Decision
from knowledge.room_guide import FindState, first_move, move_for_data, next_move, restore_move
from knowledge.room_search import RoomQuery, read_text
from tests.knowledge.rooms_factory import directory, make_room

ROOMS = directory()
NOTHING = Decision("fallback", "fallback", 0.0, "nl")
ROOMS_TOPIC = Decision("answer", "quietroom.find", 80.0, "nl")
REPORT = Decision("answer", "report.start", 90.0, "nl")
FEEDBACK = Decision("answer", "quietroom.feedback", 85.0, "nl")
ZUIDOOST = FindState("results", read_text("zuidoost", ROOMS).query)


def follow(text: str, state: FindState = ZUIDOOST, decision: Decision = NOTHING):
    return next_move(state, read_text(text, ROOMS), decision, ROOMS)


@pytest.mark.parametrize(
    ("topic", "text", "kind"),
    [
        ("quietroom.find", "is er een stilteruimte in het stadhuis?", "results"),  # a place: results
        ("quietroom.find", "waar kan ik rustig bidden?", "ask_place"),  # no place: ask where
        ("quietroom.find", "stilteruimte in weesp", "not_found"),  # a place without rooms: say so
        ("quietroom.facilities", "kan ik me ergens wassen voor het gebed?", "results"),  # a filter: results
        ("quietroom.facilities", "welke kant is de qibla", "results"),  # qibla marking is a filter
        ("quietroom.facilities", "toegang en huisregels", "entry"),  # nothing to filter on: the entry answers
        ("quietroom.facilities", "kolfruimte stadhuis", "entry"),  # lactation: the entry, not the quiet rooms
        (
            "quietroom.facilities",
            "is de stilteruimte in het stadhius groot?",
            "results",
        ),  # a place: its rooms
    ],
)
def test_first_move(topic: str, text: str, kind: str) -> None:
    assert first_move(topic, read_text(text, ROOMS), ROOMS).kind == kind


@pytest.mark.parametrize(
    ("text", "decision", "kind"),
    [
        ("is die nu open?", NOTHING, "open_now"),  # the follow-up
        ("en nu open?", ROOMS_TOPIC, "open_now"),
        ("meer", NOTHING, "no_more"),  # only two rooms: no next page
        ("met wasgelegenheid", NOTHING, "results"),  # a filter narrows the search
        ("en in nieuw west?", NOTHING, "results"),  # another place
        ("stadhuis", REPORT, "results"),  # a bare place is ours whatever the matcher thinks
        ("stop", NOTHING, "stop"),
        ("terug", NOTHING, "ask_place"),  # back from the first page: where else?
        ("wat is een vertrouwenspersoon?", REPORT, "leave"),  # a new question goes back to the main routing
        ("ik word gediscrimineerd in het stadhuis", REPORT, "leave"),  # a place, but about something else
        ("de stilteruimte in zuidoost is altijd bezet", FEEDBACK, "leave"),  # a report: the feedback flow
        ("dankjewel", Decision("answer", "bot.thanks", 100.0, "nl"), "leave"),
        ("", NOTHING, "leave"),  # empty: the main routing says it sees no text
        ("x" * 5000, NOTHING, "leave"),  # far too long: the main routing says so
    ],
)
def test_follow_ups_after_results(text: str, decision: Decision, kind: str) -> None:
    assert follow(text, decision=decision).kind == kind


def test_a_follow_up_keeps_the_filters_and_moves_the_place() -> None:
    move = follow("met wasgelegenheid")
    assert move.state.query.facilities == {"wudu"}
    move = follow("en in nieuw west?", move.state)
    assert [p.id for p in move.state.query.places] == ["nieuw-west"]
    assert move.state.query.facilities == {"wudu"}


@pytest.mark.parametrize(
    ("text", "decision", "kind"),
    [
        ("zuidoost", NOTHING, "results"),
        ("Nieuw West", REPORT, "results"),
        ("alle", NOTHING, "results"),  # every room
        ("weesperplein", NOTHING, "not_found"),  # unknown place: honest, and ask again
        ("hoe meld ik discriminatie?", REPORT, "leave"),
        ("stop", NOTHING, "stop"),
        ("terug", NOTHING, "stop"),  # nothing to go back to
        ("is die open?", NOTHING, "ask_place"),  # still needs a place
    ],
)
def test_follow_ups_after_asking_where(text: str, decision: Decision, kind: str) -> None:
    assert follow(text, FindState("ask_place"), decision).kind == kind


def test_paging_forward_and_back() -> None:
    many = [make_room(f"zo-{i}") for i in range(12)]
    state = FindState("results", read_text("zuidoost", many).query)
    pages = []
    for _ in range(3):
        move = next_move(state, read_text("meer", many), NOTHING, many)
        if move.kind != "results":
            break
        state = move.state
        pages.append(state.offset)
    assert pages == [5, 10]
    assert next_move(state, read_text("meer", many), NOTHING, many).kind == "no_more"
    assert next_move(state, read_text("terug", many), NOTHING, many).state.offset == 5


@pytest.mark.parametrize(
    ("data", "kind", "offset"),
    [
        ({"query": {"places": ["district:zuidoost"]}, "offset": 0}, "results", 0),
        (
            {"query": {"places": ["district:zuidoost"]}, "offset": 500},
            "results",
            0,
        ),  # past the end: first page
        ({"query": {"places": ["district:zuidoost"]}, "offset": -5}, "results", 0),  # negative
        ({"query": {"places": ["district:zuidoost"]}, "offset": True}, "results", 0),  # a bool is no number
        ({"query": {"places": ["district:weesp"]}}, "not_found", 0),
        ({"query": "DROP TABLE room"}, "ask_place", 0),  # nonsense: ask where
        ({}, "ask_place", 0),
    ],
)
def test_buttons_of_any_shape(data: dict, kind: str, offset: int) -> None:
    move = move_for_data(data, ROOMS)
    assert (move.kind, move.state.offset) == (kind, offset)


def test_state_round_trip_and_garbage() -> None:
    state = FindState("results", RoomQuery(everything=True), 5)
    assert FindState.from_data(state.to_data(), ROOMS) == state
    assert FindState.from_data("garbage", ROOMS) == FindState()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("results", "results"),  # kept as it was
        ("open_now", "open_now"),
        ("leave", "ask_place"),  # never kept: ask where
        ("drop_tables", "ask_place"),  # unknown: ask where
        (None, "ask_place"),
    ],
)
def test_a_move_restored_from_dialog_state(kind: object, expected: str) -> None:
    assert restore_move(kind, ZUIDOOST.to_data(), ROOMS).kind == expected
