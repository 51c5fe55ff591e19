"""Knowledge sessions with the alderman (WH) and the municipal secretary (GS), and the standing collection."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Addressee = Literal["wethouder", "gemeentesecretaris", "beide"]
ADDRESSEES: Final[tuple[Addressee, ...]] = ("wethouder", "gemeentesecretaris", "beide")
# How the Bureau's briefing form names them ("Aan de WH", "Aan de GS + WH").
SHORT_NAMES: Final[dict[Addressee, str]] = {"wethouder": "WH", "gemeentesecretaris": "GS", "beide": "GS + WH"}

STANDING_ID: Final = "standing"
# What the form sends for "the next open session" (as does a null or empty session).
NEXT_SESSION: Final = "next"
SESSION_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Slot(_Frozen):
    """Who answers, and when in the session (no times in the standing collection)."""

    addressee: Addressee
    start: time | None = None
    end: time | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Slot:
        if (self.start is None) != (self.end is None):
            raise ValueError("give both a start and an end time, or neither")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError("a slot must end after it starts")
        return self


class Session(_Frozen):
    """One knowledge session; questions may be sent until the deadline (inclusive)."""

    id: str
    title: str = Field(min_length=1, max_length=200)
    day: date | None = None
    start: time | None = None
    end: time | None = None
    place: str = Field("", max_length=200)
    slots: tuple[Slot, ...] = Field(min_length=1)
    deadline: date | None = None
    intro: str = Field("", max_length=1000)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SESSION_ID.match(value):
            raise ValueError("a session id is lower-case letters, digits and '-', at most 64 characters")
        if value == NEXT_SESSION:
            raise ValueError(f"{NEXT_SESSION!r} is reserved for 'the next open session'")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Session:
        seen = [slot.addressee for slot in self.slots]
        if len(seen) != len(set(seen)):
            raise ValueError("each addressee may have one slot")
        if self.id != STANDING_ID and self.day is None:
            raise ValueError("a session needs a date")
        if self.deadline is not None and self.day is not None and self.deadline > self.day:
            raise ValueError("the question deadline cannot be after the session")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError("a session must end after it starts")
        return self

    @property
    def is_standing(self) -> bool:
        return self.id == STANDING_ID

    @property
    def addressees(self) -> tuple[Addressee, ...]:
        return tuple(slot.addressee for slot in self.slots)

    def slot_for(self, addressee: str) -> Slot | None:
        return next((slot for slot in self.slots if slot.addressee == addressee), None)

    def accepts_questions(self, today: date) -> bool:
        """The standing collection always does; a session until its deadline (or its day)."""
        if self.is_standing:
            return True
        last = self.deadline or self.day
        return last is not None and today <= last


# Where questions go when no session is open (CONTRACT.md: all three addressees).
STANDING: Final = Session(
    id=STANDING_ID,
    title="Vaste verzameling",
    slots=tuple(Slot(addressee=a) for a in ADDRESSEES),
)

SessionProblem = Literal["unknown_session", "closed_session", "bad_addressee"]


def open_sessions(sessions: Sequence[Session], today: date) -> list[Session]:
    """Sessions that take questions now, soonest first (the standing collection not included)."""
    found = [s for s in sessions if not s.is_standing and s.accepts_questions(today)]
    return sorted(found, key=lambda s: (s.day or today, s.start or time.min, s.id))


def choose_session(
    requested: object, addressee: object, sessions: Sequence[Session], today: date
) -> Session | SessionProblem:
    """The session a question goes to, or why it cannot go there.

    No session asked for means the next open session that has this addressee, else the
    standing collection: a question is never refused for lack of a session.
    """
    if addressee not in ADDRESSEES:
        return "bad_addressee"
    if requested is None or requested in ("", NEXT_SESSION):
        nearest = next((s for s in open_sessions(sessions, today) if addressee in s.addressees), None)
        return nearest or STANDING
    if requested == STANDING_ID:
        return STANDING
    if not isinstance(requested, str):
        return "unknown_session"
    found = next((s for s in sessions if s.id == requested), None)
    if found is None:
        return "unknown_session"
    if not found.accepts_questions(today):
        return "closed_session"
    if addressee not in found.addressees:
        return "bad_addressee"
    return found


_MONTH_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def format_day(day: date, lang: str = "nl") -> str:
    """'12 maart 2026' / '12 March 2026', independent of the server's locale."""
    months = _MONTH_NAMES.get(lang, _MONTH_NAMES["nl"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_times(start: time | None, end: time | None) -> str:
    """'15:00–15:30', or '' when the times are not known."""
    if start is None or end is None:
        return ""
    return f"{start:%H:%M}–{end:%H:%M}"
