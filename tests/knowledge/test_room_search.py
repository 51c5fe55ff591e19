"""Room search: places with typos, facility filters, ranking, honest 'nothing', and button data read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.room_import import load_room_content
from knowledge.room_search import (
    RoomQuery,
    _same_words,
    place_index,
    query_from_data,
    read_text,
    same_word,
    search,
)
from tests.knowledge.rooms_factory import directory

ROOMS = directory()
CONTENT_ROOMS = load_room_content(Path(__file__).resolve().parents[2] / "knowledge" / "content" / "rooms")


def found(text: str, rooms=ROOMS) -> list[str]:
    return [room.id for room in search(read_text(text, rooms).query, rooms).rooms]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stadhuis", ["stadhuis-1"]),  # the building's name, without its '(Stopera)'
        ("stadhius", ["stadhuis-1"]),  # a transposition in an 8-letter word
        ("Stopera", ["stadhuis-1"]),  # the nickname, any case
        ("stopra", ["stadhuis-1"]),  # a letter missing
        ("city hall", ["stadhuis-1"]),  # English nickname, two words
        ("amstel 1", ["stadhuis-1"]),  # street and number
        ("is er een stilteruimte in het stadhuis?", ["stadhuis-1"]),  # a whole question
        ("zuidoost", ["zo-1", "zo-2"]),  # a stadsdeel: checked rooms first
        ("zuid-oost", ["zo-1", "zo-2"]),  # hyphenated
        ("Zuid Oost", ["zo-1", "zo-2"]),  # two words
        ("zuidoots", ["zo-1", "zo-2"]),  # a typo in an 8-letter word
        ("bijlmer", ["zo-1", "zo-2"]),  # a neighbourhood name for the stadsdeel
        ("Nieuw West", ["nw-1"]),  # two words: Nieuw-West, not West
        ("nieuw-west", ["nw-1"]),  # hyphenated
        ("niew west", ["nw-1"]),  # a typo inside a two-word name
        ("osdorpplein 1000", ["nw-1"]),  # address of the building
        ("anton de komplein", ["zo-1"]),  # a building's nickname beats its stadsdeel
        ("noord", ["noord-1"]),  # a closed room is still found (the card says it is closed)
        ("stilteruimte zuidoost met wasgelegenheid", ["zo-1"]),  # place and facility
        ("zuidoost met wasgelegenhied", ["zo-1"]),  # a facility with a typo
        ("met wasgelegenheid", ["nw-1", "zo-1"]),  # facility alone: every building, by building name
        ("wudu", ["nw-1", "zo-1"]),  # the word for it
        ("where can I do wudu?", ["nw-1", "zo-1"]),  # English
        ("rolstoel", ["stadhuis-1", "zo-1", "noord-1"]),  # wheelchair space; the closed room last
        ("wheelchair accessible quiet room in zuidoost", ["zo-1"]),  # English, place and access
        ("gebedskleden in het stadhuis", ["stadhuis-1"]),  # prayer mats at a building
        ("qibla", ["stadhuis-1"]),  # qibla marked
        ("afsluitbaar", ["noord-1"]),  # lockable
        ("gescheiden ruimte voor vrouwen", ["nw-1"]),  # separated area
        ("drempelvrij en met lift", ["stadhuis-1", "zo-1", "noord-1"]),  # two access features
    ],
)
def test_search_table(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "wet",  # 'wet' is not 'west': no typos in words of four letters
        "ooste",  # close to 'oost' but a short word must be exact
        "amsterdam",  # the city is no place to search on
        "waar is de stilteruimte?",  # no place, no filter: the bot asks where
    ],
)
def test_words_that_name_no_place(text: str) -> None:
    read = read_text(text, ROOMS)
    assert read.query.places == ()
    assert read.query.needs_place


def test_a_facility_nobody_has_at_the_place_shows_the_place_honestly() -> None:
    result = search(read_text("stadhuis met wasgelegenheid", ROOMS).query, ROOMS)
    assert result.relaxed
    assert [r.id for r in result.rooms] == ["stadhuis-1"]


def test_a_facility_nobody_has_anywhere_finds_nothing() -> None:
    rooms = [r for r in ROOMS if "lockable" not in r.facilities]
    result = search(read_text("afsluitbaar", rooms).query, rooms)
    assert result.rooms == ()
    assert not result.relaxed


def test_a_place_without_rooms_finds_nothing() -> None:
    assert found("weesp") == []


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("is die nu open?", "open_now"),  # the follow-up of the issue
        ("tot hoe laat is het open", "open_now"),
        ("meer", "more"),
        ("laat meer zien", "more"),
        ("stop", "stop"),
        ("terug", "back"),
        ("alle stilteruimtes", "everything"),
    ],
)
def test_follow_up_words(text: str, flag: str) -> None:
    read = read_text(text, ROOMS)
    assert getattr(read, flag, None) is True or getattr(read.query, flag, None) is True


def test_long_sentences_are_not_commands() -> None:
    # 'meer' in a sentence is no request for the next page.
    assert not read_text("er is hier geen stilteruimte meer sinds de verbouwing", ROOMS).more


def test_unknown_words_are_left_over_for_the_dialog_to_judge() -> None:
    assert read_text("ik word gediscrimineerd in het stadhuis", ROOMS).leftover == ("gediscrimineerd",)
    assert read_text("stilteruimte stadhuis", ROOMS).leftover == ()


def test_pages_of_five() -> None:
    result = search(RoomQuery(everything=True), ROOMS)
    assert len(result.page(0)) == 5
    assert result.page(5) == ()
    assert result.page(-3) == result.page(0)
    assert result.page(10_000) == ()


@pytest.mark.parametrize(
    "data",
    [
        None,  # no query at all
        "zuidoost",  # a string instead of a mapping
        {"places": "district:zuidoost"},  # a string instead of a list
        {"places": [1, None, {"x": 1}], "facilities": [[]], "open_now": "yes"},  # wrong types inside
        {"places": ["district:atlantis", "building:../../etc"], "facilities": ["jacuzzi"]},  # unknown ids
    ],
)
def test_button_data_of_any_shape_reads_as_a_safe_query(data: object) -> None:
    query = query_from_data(data, ROOMS)
    assert query.places == ()
    assert not query.filtered
    assert not query.open_now


def test_button_data_round_trips() -> None:
    query = read_text("zuidoost met wudu en rolstoel, nu open", ROOMS).query
    assert query_from_data(query.to_data(), ROOMS) == query


def test_a_follow_up_refines_the_query() -> None:
    first = read_text("zuidoost", ROOMS).query
    refined = first.refined_by(read_text("met wasgelegenheid", ROOMS).query)
    assert [p.id for p in refined.places] == ["zuidoost"]
    assert refined.facilities == {"wudu"}
    moved = refined.refined_by(read_text("en in nieuw west?", ROOMS).query)
    assert [p.id for p in moved.places] == ["nieuw-west"]
    assert moved.facilities == {"wudu"}


@pytest.mark.parametrize(
    ("typed", "known", "same"),
    [
        ("zuidoost", "zuidoost", True),  # equal
        ("zuidoots", "zuidoost", True),  # transposition = one edit
        ("noord", "nord", False),  # short known word: exact only
        ("nord", "noord", False),  # short typed word: exact only
        ("stadhuis", "stadhuls", True),  # one substitution, 8 letters
        ("stadhuis", "sdatuhis", False),  # too far
        ("1", "2", False),  # numbers exact
    ],
)
def test_same_word(typed: str, known: str, same: bool) -> None:
    assert same_word(typed, known) is same


@pytest.mark.parametrize(
    ("text", "building"),
    [
        ("stadhuis", "stadhuis"),  # the shipped example set: each real building is found by name
        ("amstel 1", "stadhuis"),
        ("zuidoost", "stadsdeelkantoor-zuidoost"),
        ("Nieuw West", "stadsdeelkantoor-nieuw-west"),
        ("stilteruimte in stadsdeel oost?", "stadsdeelkantoor-oost"),
        ("bos en lommerplein", "stadsdeelkantoor-west"),
        ("kennedylaan", "stadsdeelkantoor-zuid"),
        ("noord", "stadsdeelkantoor-noord"),
        ("centrum", "stadhuis"),  # stadsdeel Centrum's desk is in the Stadhuis
    ],
)
def test_the_shipped_example_set_is_searchable(text: str, building: str) -> None:
    rooms = search(read_text(text, CONTENT_ROOMS).query, CONTENT_ROOMS).rooms
    assert [r.building.id for r in rooms] == [building]


def test_the_shipped_example_set_is_marked_as_example_and_unverified() -> None:
    assert CONTENT_ROOMS
    assert all(r.example and not r.verified and not r.checked for r in CONTENT_ROOMS)


def test_the_place_prefilter_drops_nothing_the_word_rule_accepts() -> None:
    """PlaceIndex.matching narrows candidates in C first; it must find what comparing every alias finds."""
    rooms = load_room_content(Path("knowledge/content/rooms"))
    index = place_index(rooms)
    names = sorted({" ".join(a.words) for a in index.aliases})

    def typo(word: str, data: st.DataObject) -> str:
        if len(word) < 5 or word.isdigit():
            return word
        i = data.draw(st.integers(0, len(word) - 1))
        edit = data.draw(st.sampled_from(["drop", "swap", "double"]))
        if edit == "drop":
            return word[:i] + word[i + 1 :]
        if edit == "swap" and i + 1 < len(word):
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        return word[:i] + word[i] + word[i:]

    @settings(max_examples=300, deadline=None)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        window = [typo(w, data) for w in data.draw(st.sampled_from(names)).split()]
        every = [a.place for a in index.by_size.get(len(window), []) if _same_words(window, a.words)]
        assert index.matching(window) == every

    check()
