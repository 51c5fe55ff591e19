"""The quiet-room directory: what one room record holds, and the directory the dialogs search.

The shape follows §3.5 of the reporting and quiet-rooms reference, trimmed to what the
bot says. A record is a fact only when `verified` is true; the bot says so otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from pydantic import Field, field_validator, model_validator

from knowledge.models import Bilingual, Strict

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RoomKind = Literal["stilteruimte", "gebedsruimte", "meditatie", "rustruimte"]
Facility = Literal["wudu", "prayer_mats", "qibla", "chairs", "lockable", "separated"]
FACILITIES: tuple[Facility, ...] = ("wudu", "prayer_mats", "qibla", "chairs", "lockable", "separated")
AccessFeature = Literal["step_free", "lift", "wheelchair_space"]
ACCESS_FEATURES: tuple[AccessFeature, ...] = ("step_free", "lift", "wheelchair_space")
Access = Literal["free", "key_at_reception", "booking"]
Status = Literal["open", "temporarily_closed"]
SharedUse = Literal["kolfruimte", "ehbo"]
# The stadsdelen of Amsterdam (Weesp since 2022), by stable id and display name.
DISTRICTS: dict[str, str] = {
    "centrum": "Centrum",
    "nieuw-west": "Nieuw-West",
    "noord": "Noord",
    "oost": "Oost",
    "west": "West",
    "zuid": "Zuid",
    "zuidoost": "Zuidoost",
    "weesp": "Weesp",
}
District = Literal["centrum", "nieuw-west", "noord", "oost", "west", "zuid", "zuidoost", "weesp"]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$")
_POSTCODE = re.compile(r"^[1-9]\d{3} ?[A-Z]{2}$")
MAX_SPANS_PER_DAY = 4


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError("use lower-case letters, digits, '.', '_' or '-' (at most 80)")
    return value


def minutes(span: str) -> tuple[int, int]:
    """'08:00-18:00' -> (480, 1080); an end at or before the start runs past midnight (+1440)."""
    start, end = span.split("-")
    begin = int(start[:2]) * 60 + int(start[3:])
    finish = int(end[:2]) * 60 + int(end[3:])
    return begin, finish if finish > begin else finish + 1440


class Address(Strict):
    street: str = Field(min_length=1, max_length=120)
    number: str | None = Field(default=None, max_length=20)
    postcode: str | None = None
    city: str = Field(default="Amsterdam", min_length=1, max_length=60)

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        if value is not None and not _POSTCODE.match(value):
            raise ValueError("a Dutch postcode looks like '1011 PN'")
        return value

    def line(self) -> str:
        street = f"{self.street} {self.number}" if self.number else self.street
        return ", ".join(p for p in (street, self.postcode, self.city) if p)


class Building(Strict):
    id: str
    name: str = Field(min_length=1, max_length=120)
    nicknames: tuple[str, ...] = Field(default=(), max_length=12)
    address: Address | None = None
    district: District

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return _slug(value)


class OpeningHours(Strict):
    """Spans per weekday in Amsterdam wall-clock time ('08:00-18:00'; '00:00-24:00' is all day)."""

    mon: tuple[str, ...] = ()
    tue: tuple[str, ...] = ()
    wed: tuple[str, ...] = ()
    thu: tuple[str, ...] = ()
    fri: tuple[str, ...] = ()
    sat: tuple[str, ...] = ()
    sun: tuple[str, ...] = ()
    # "closed": follows the building, shut on Dutch public holidays (knowledge.holidays).
    holidays: Literal["closed", "open"] = "closed"

    @field_validator(*WEEKDAYS, mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(p.strip() for p in re.split(r"[,;|]", value) if p.strip())
        return value

    @field_validator(*WEEKDAYS)
    @classmethod
    def _spans(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) > MAX_SPANS_PER_DAY:
            raise ValueError(f"at most {MAX_SPANS_PER_DAY} spans per day")
        for span in value:
            if not _SPAN.match(span) or span.startswith("24"):
                raise ValueError(f"{span!r} is no span like '08:00-18:00'")
            if span.split("-")[0] == span.split("-")[1]:
                raise ValueError(f"{span!r} is empty; write '00:00-24:00' for a whole day")
        return value

    def spans(self, day: Weekday) -> tuple[str, ...]:
        result: tuple[str, ...] = getattr(self, day)
        return result


class Contact(Strict):
    """Who keeps the room: a team or desk, never a person's name."""

    team: str = Field(min_length=1, max_length=120)
    channel: str | None = Field(default=None, max_length=200)


class QuietRoom(Strict):
    """One quiet room, prayer room, meditation or rest room in a municipal building."""

    id: str
    name: Bilingual
    building: Building
    floor: str | None = Field(default=None, max_length=20)
    room: str | None = Field(default=None, max_length=40)
    route: Bilingual | None = None
    kind: RoomKind
    facilities: tuple[Facility, ...] = ()
    accessibility: tuple[AccessFeature, ...] = ()
    hours: OpeningHours
    access: Access
    status: Status
    shared_with: tuple[SharedUse, ...] = ()
    contact: Contact
    source: str = Field(min_length=1, max_length=300)
    last_verified: date | None = None
    verified: bool
    # A placeholder for a real building, shipped so the directory is not empty: never a fact.
    example: bool = False

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return _slug(value)

    @field_validator("facilities", "accessibility", "shared_with")
    @classmethod
    def _unique(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(value))

    @model_validator(mode="after")
    def _verified_needs_a_date(self) -> QuietRoom:
        if self.verified and self.last_verified is None:
            raise ValueError("a verified room needs last_verified (the day it was checked)")
        if self.verified and self.example:
            raise ValueError("an example room cannot be verified")
        return self

    @property
    def checked(self) -> bool:
        """True only for a verified record: the bot may state it as fact."""
        return self.verified and not self.example


class RoomDirectory(Protocol):
    """The rooms the dialogs may name; nothing outside it is ever mentioned."""

    def rooms(self) -> Sequence[QuietRoom]: ...


class RoomRepository(Protocol):
    """Where the directory is kept between starts, and where imports and moderators write."""

    async def all(self) -> list[QuietRoom]: ...

    async def upsert(self, rooms: Sequence[QuietRoom], replace: bool = False) -> UpsertCounts: ...


@dataclass(frozen=True)
class UpsertCounts:
    """What an import changed: rooms added, rooms updated, rooms removed (only with replace)."""

    added: int = 0
    updated: int = 0
    removed: int = 0


def buildings(rooms: Iterable[QuietRoom]) -> list[Building]:
    """Each building once, in name order."""
    seen: dict[str, Building] = {}
    for room in rooms:
        seen.setdefault(room.building.id, room.building)
    return sorted(seen.values(), key=lambda b: b.name.casefold())


class RoomCatalog:
    """The in-memory directory: filled at start (database, else the YAML example set), swapped whole."""

    def __init__(self, rooms: Iterable[QuietRoom] = ()) -> None:
        self._rooms: tuple[QuietRoom, ...] = ()
        self.replace(rooms)

    def replace(self, rooms: Iterable[QuietRoom]) -> None:
        unique = {room.id: room for room in rooms}
        self._rooms = tuple(sorted(unique.values(), key=lambda r: (r.building.name.casefold(), r.id)))

    def rooms(self) -> Sequence[QuietRoom]:
        return self._rooms

    def buildings(self) -> list[Building]:
        return buildings(self._rooms)

    def get(self, room_id: str) -> QuietRoom | None:
        return next((r for r in self._rooms if r.id == room_id), None)
