"""'Is die nu open?': a room's opening hours read in Amsterdam time, public holidays included.

Hours are wall-clock times in Europe/Amsterdam. Any moment is first turned into that
wall clock (so summer and winter time need no special care: 08:00 is 08:00 on both
sides of a clock change), then compared with the spans of the day before, today and
the days after. A span belongs to the day it starts: 'sat 22:00-02:00' runs into
Sunday morning, even when that Sunday is a holiday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from knowledge.holidays import Holiday, holiday_on
from knowledge.rooms import WEEKDAYS, OpeningHours, QuietRoom, Weekday, minutes

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
OpenReason = Literal["open", "closed", "holiday", "temporarily_closed", "no_hours"]
# How far ahead to look for the next opening (a long holiday weekend fits easily).
LOOKAHEAD_DAYS = 14
# Open without a break for this long counts as 'always open' (no closing time shown).
ALWAYS = timedelta(days=7)


@dataclass(frozen=True)
class OpenState:
    """Whether a room is open at one moment, and when that changes (Amsterdam wall-clock times)."""

    is_open: bool
    reason: OpenReason
    now: datetime
    until: datetime | None = None
    next_open: datetime | None = None
    holiday: Holiday | None = None


def amsterdam_wall_clock(moment: datetime) -> datetime:
    """The moment as a naive Amsterdam wall-clock time; a naive moment is refused (its zone is unknown)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("give an aware datetime (with a time zone)")
    return moment.astimezone(AMSTERDAM).replace(tzinfo=None)


def day_intervals(hours: OpeningHours, day: date) -> list[tuple[datetime, datetime]]:
    """The open intervals that start on this day (none on a holiday when the building closes)."""
    if hours.holidays == "closed" and holiday_on(day) is not None:
        return []
    midnight = datetime.combine(day, time())
    spans = hours.spans(WEEKDAYS[day.weekday()])
    return [
        (midnight + timedelta(minutes=a), midnight + timedelta(minutes=b)) for a, b in map(minutes, spans)
    ]


def _merged(hours: OpeningHours, first: date, days: int) -> list[tuple[datetime, datetime]]:
    found = sorted(i for n in range(days) for i in day_intervals(hours, first + timedelta(days=n)))
    merged: list[tuple[datetime, datetime]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def open_state(room: QuietRoom, moment: datetime) -> OpenState:
    """Open or closed at `moment`, until when, or when it opens next."""
    now = amsterdam_wall_clock(moment)
    if room.status == "temporarily_closed":
        return OpenState(False, "temporarily_closed", now)
    hours = room.hours
    if not any(hours.spans(day) for day in WEEKDAYS):
        return OpenState(False, "no_hours", now)
    intervals = _merged(hours, now.date() - timedelta(days=1), LOOKAHEAD_DAYS + 1)
    for start, end in intervals:
        if start <= now < end:
            return OpenState(True, "open", now, until=None if end - now >= ALWAYS else end)
    next_open = next((start for start, _ in intervals if start > now), None)
    today = holiday_on(now.date())
    if today is not None and hours.holidays == "closed" and hours.spans(WEEKDAYS[now.weekday()]):
        return OpenState(False, "holiday", now, next_open=next_open, holiday=today)
    return OpenState(False, "closed", now, next_open=next_open)


def days_between(now: datetime, then: datetime) -> int:
    """0 for later today, 1 for tomorrow, and so on."""
    return (then.date() - now.date()).days


def weekly_summary(hours: OpeningHours) -> list[tuple[tuple[Weekday, ...], tuple[str, ...]]]:
    """Consecutive weekdays with the same spans, grouped: [(('mon',…,'fri'), ('08:00-18:00',)), …]."""
    groups: list[tuple[tuple[Weekday, ...], tuple[str, ...]]] = []
    for day in WEEKDAYS:
        spans = hours.spans(day)
        if groups and groups[-1][1] == spans:
            groups[-1] = ((*groups[-1][0], day), spans)
        else:
            groups.append(((day,), spans))
    return groups
