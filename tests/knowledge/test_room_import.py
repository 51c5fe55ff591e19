"""Importing the Bureau's list: CSV or YAML, every fault named by line and column, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import ContentError
from knowledge.room_import import RoomImportError, load_room_content, parse_csv, parse_file, parse_yaml

HEADER = (
    "id,name_nl,name_en,building_id,building,nicknames,street,number,district,floor,kind,facilities,"
    "accessibility,mon,tue,wed,thu,fri,access,status,contact_team,source,last_verified,verified"
)
GOOD = (
    "zo-1,Stilteruimte Zuidoost,Quiet room Zuidoost,sdk-zo,Stadsdeelkantoor Zuidoost,bijlmer|adk,"
    "Anton de Komplein,150,zuidoost,2,stilteruimte,wudu;prayer_mats,lift,08:00-18:00,08:00-18:00,08:00-18:00,"
    "08:00-18:00,08:00-12:00|13:00-17:00,free,open,Facilitair Zuidoost,FM lijst 2026,2026-03-12,ja"
)


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join((header, *rows)) + "\n"


def errors_of(text: str, parse=parse_csv) -> list[str]:
    with pytest.raises(RoomImportError) as caught:
        parse(text, "rooms.csv" if parse is parse_csv else "rooms.yaml")
    return caught.value.errors


def test_a_good_csv_row_becomes_a_room() -> None:
    (room,) = parse_csv(csv_text(GOOD))
    assert room.building.nicknames == ("bijlmer", "adk")
    assert room.facilities == ("wudu", "prayer_mats")
    assert room.hours.fri == ("08:00-12:00", "13:00-17:00")
    assert room.verified
    assert room.last_verified is not None
    assert room.building.address is not None


def test_semicolon_csv_with_a_bom_as_excel_writes_it() -> None:
    header = HEADER.replace(",", ";")
    row = GOOD.replace(",", ";").replace("wudu;prayer_mats", '"wudu,prayer_mats"')
    (room,) = parse_csv("\ufeff" + csv_text(row, header=header))
    assert room.facilities == ("wudu", "prayer_mats")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (GOOD.replace("zuidoost,2", "zuidwest,2"), "rooms.csv:line 3: district:"),  # no such stadsdeel
        (GOOD.replace(",stilteruimte,", ",kapel,"), "rooms.csv:line 3: kind:"),  # unknown kind, value shown
        (GOOD.replace("08:00-12:00|13:00-17:00", "8-12"), "rooms.csv:line 3: fri:"),  # not a span
        (
            GOOD.replace("wudu;prayer_mats", "wudu;jacuzzi"),
            "rooms.csv:line 3: facilities:",
        ),  # unknown facility
        (GOOD.replace("2026-03-12,ja", ",ja"), "rooms.csv:line 3: row: a verified room needs"),
        (GOOD.replace(",ja", ",misschien"), "rooms.csv:line 3: verified:"),  # not a yes/no
        (GOOD.replace("2026-03-12", "12-03-2026"), "rooms.csv:line 3: last_verified:"),  # Dutch date order
        (GOOD.replace("zo-1,", "Zo 1!,", 1), "rooms.csv:line 3: id:"),  # not a slug
        (GOOD.replace(",Quiet room Zuidoost,", ",,"), "rooms.csv:line 3: name_en:"),  # empty required text
        (GOOD.replace(",free,", ",vrij,"), "rooms.csv:line 3: access:"),
        (GOOD.rsplit(",", 3)[0], "rooms.csv:line 3: expected 24 cells, found 21"),  # a short row
    ],
)
def test_a_bad_row_is_named_by_line_and_column(row: str, expected: str) -> None:
    errors = errors_of(csv_text(GOOD.replace("zo-1,", "zo-0,", 1), row))
    assert any(e.startswith(expected) for e in errors), errors


def test_every_fault_is_listed_and_nothing_is_returned() -> None:
    bad_kind = GOOD.replace("zo-1,", "zo-2,", 1).replace(",stilteruimte,", ",kapel,")
    bad_day = GOOD.replace("zo-1,", "zo-3,", 1).replace("08:00-12:00|13:00-17:00", "morgens")
    errors = errors_of(csv_text(GOOD, "", bad_kind, bad_day))
    assert [e.split(":")[1] for e in errors] == [
        "line 4",
        "line 5",
    ]  # the empty line 3 is skipped, still counted


def test_a_duplicate_id_names_both_lines() -> None:
    errors = errors_of(csv_text(GOOD, GOOD))
    assert errors == ["rooms.csv:line 3: id 'zo-1' is already used on line 2"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (HEADER + ",colour", "rooms.csv:line 1: unknown column 'colour'"),
        (HEADER.replace("kind,", ""), "rooms.csv:line 1: required column 'kind' is missing"),
        (HEADER + ",floor", "rooms.csv:line 1: column 'floor' appears twice"),
    ],
)
def test_header_faults(header: str, expected: str) -> None:
    assert expected in errors_of(csv_text(header=header))


def test_an_empty_file() -> None:
    assert errors_of("") == ["rooms.csv:line 1: the file is empty"]


def test_a_header_only_file_is_an_empty_list() -> None:
    assert parse_csv(csv_text()) == []


YAML_GOOD = """\
rooms:
  - id: zo-1
    name: {nl: Stilteruimte, en: Quiet room}
    building: {id: sdk-zo, name: Stadsdeelkantoor Zuidoost, district: zuidoost}
    kind: stilteruimte
    hours: {mon: "08:00-18:00"}
    access: free
    status: open
    contact: {team: Facilitair Zuidoost}
    source: test
    verified: false
"""


def test_a_good_yaml_file() -> None:
    (room,) = parse_yaml(YAML_GOOD)
    assert room.hours.mon == ("08:00-18:00",)
    assert not room.verified


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind: stilteruimte", "kind: kapel"), "rooms.yaml:line 5: kind:"),  # the line of the field
        (('hours: {mon: "08:00-18:00"}', 'hours: {mon: "8-18"}'), "rooms.yaml:line 6: hours.mon:"),
        (("    source: test\n", ""), "rooms.yaml:line 2: source: Field required"),  # missing: the room's line
        (("district: zuidoost", "district: zuidoost, colour: red"), "rooms.yaml:line 4: building.colour:"),
        (("verified: false", "verified: true"), "rooms.yaml:line 2: room: a verified room needs"),
    ],
)
def test_yaml_faults_are_named_by_line(change: tuple[str, str], expected: str) -> None:
    errors = errors_of(YAML_GOOD.replace(*change), parse_yaml)
    assert any(e.startswith(expected) for e in errors), errors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rooms: [\n  {id: a\n", "rooms.yaml:line 3: not valid YAML"),  # broken syntax
        ("- just\n- strings\n", "rooms.yaml:line 1: a room must be a mapping"),  # a bare list of strings
        ("rooms: 5\n", "rooms.yaml:line 1: expected `rooms:`"),  # not a list
        ("room:\n  - id: a\n", "rooms.yaml:line 1: expected `rooms:`"),  # misspelt key
    ],
)
def test_yaml_shape_faults(text: str, expected: str) -> None:
    errors = errors_of(text, parse_yaml)
    assert errors[0].startswith(expected), errors


def test_file_types_and_encodings(tmp_path: Path) -> None:
    (tmp_path / "rooms.txt").write_text("x", encoding="utf-8")
    (tmp_path / "latin.csv").write_bytes(csv_text(GOOD.replace("Zuidoost,", "Zuidoöst,")).encode("latin-1"))
    (tmp_path / "ok.yml").write_text(YAML_GOOD, encoding="utf-8")
    with pytest.raises(RoomImportError, match=r"\.csv, \.yaml or \.yml"):
        parse_file(tmp_path / "rooms.txt")
    with pytest.raises(RoomImportError, match="not UTF-8"):
        parse_file(tmp_path / "latin.csv")
    with pytest.raises(RoomImportError, match="cannot be read"):
        parse_file(tmp_path / "missing.csv")
    assert len(parse_file(tmp_path / "ok.yml")) == 1


def test_the_shipped_content_loads_and_a_broken_file_stops_the_start(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[2] / "knowledge" / "content" / "rooms"
    assert len(load_room_content(shipped)) >= 7
    assert load_room_content(tmp_path / "none") == []
    (tmp_path / "a.yaml").write_text(YAML_GOOD.replace("kind: stilteruimte", "kind: kapel"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"a\.yaml.*line 5: kind"):
        load_room_content(tmp_path)
    (tmp_path / "a.yaml").write_text(YAML_GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(YAML_GOOD, encoding="utf-8")
    with pytest.raises(ContentError, match="already used"):
        load_room_content(tmp_path)
