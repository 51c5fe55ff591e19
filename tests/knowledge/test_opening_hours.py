"""'Is die nu open?': Amsterdam wall-clock hours, midnight, weekends, Dutch public holidays, clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from knowledge.holidays import easter_sunday, holiday_on, kings_day, public_holidays
from knowledge.opening_hours import AMSTERDAM, amsterdam_wall_clock, open_state, weekly_summary
from knowledge.rooms import OpeningHours
from tests.knowledge.rooms_factory import make_room

OFFICE = make_room("office")  # mon–fri 08:00–18:00, closed on public holidays


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=AMSTERDAM)


# --- holidays ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),  # in March
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),  # the latest possible date
        (2285, date(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter_by_the_anonymous_gregorian_algorithm(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2025, date(2025, 4, 26)),  # 27 April 2025 is a Sunday: Saturday the 26th
        (2026, date(2026, 4, 27)),  # a Monday: the 27th itself
        (2031, date(2031, 4, 26)),  # Sunday again
    ],
)
def test_kings_day_moves_back_from_sunday(year: int, day: date) -> None:
    assert kings_day(year) == day


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "Nieuwjaarsdag"),
        (date(2026, 4, 5), "Eerste Paasdag"),
        (date(2026, 4, 6), "Tweede Paasdag"),
        (date(2026, 4, 27), "Koningsdag"),
        (
            date(2026, 5, 5),
            "Bevrijdingsdag",
        ),  # every year for municipal staff (Cao Gemeenten), not only 2025, 2030
        (date(2027, 5, 5), "Bevrijdingsdag"),  # not a lustrum year: still a day off
        (date(2026, 5, 14), "Hemelvaartsdag"),  # Easter + 39
        (date(2026, 5, 24), "Eerste Pinksterdag"),  # Easter + 49
        (date(2026, 5, 25), "Tweede Pinksterdag"),  # Easter + 50
        (date(2026, 12, 25), "Eerste Kerstdag"),
        (date(2026, 12, 26), "Tweede Kerstdag"),
    ],
)
def test_public_holidays(day: date, name: str) -> None:
    found = holiday_on(day)
    assert found is not None
    assert found.nl == name


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 3),  # Goede Vrijdag: not a day off under the Cao Gemeenten, buildings open
        date(2026, 4, 28),  # the day after Koningsdag
        date(2026, 12, 24),  # Christmas Eve
        date(2026, 12, 31),  # New Year's Eve
        date(2025, 4, 27),  # the Sunday Koningsdag moved away from
    ],
)
def test_days_that_are_no_holiday(day: date) -> None:
    assert holiday_on(day) is None


def test_ten_holidays_a_year_in_date_order() -> None:
    for year in range(2024, 2040):
        days = [h.day for h in public_holidays(year)]
        assert days == sorted(days)
        assert len(days) == 10
        assert all(d.year == year for d in days)


def test_hemelvaart_on_bevrijdingsdag_gives_one_name() -> None:
    assert holiday_on(date(2016, 5, 5)) is not None  # 2016: both on Thursday 5 May


# --- open or closed ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "is_open", "until", "next_open"),
    [
        # Monday mid-morning (10:00 in winter is 09:00 UTC): open until six.
        (datetime(2026, 11, 23, 9, 0, tzinfo=UTC), True, datetime(2026, 11, 23, 18, 0), None),
        # Monday before opening: opens today at eight.
        (local(2026, 11, 23, 7, 59), False, None, datetime(2026, 11, 23, 8, 0)),
        # The opening minute itself is open.
        (local(2026, 11, 23, 8, 0), True, datetime(2026, 11, 23, 18, 0), None),
        # One second before closing: still open.
        (local(2026, 11, 23, 17, 59, 59), True, datetime(2026, 11, 23, 18, 0), None),
        # Closing time itself is closed; opens tomorrow.
        (local(2026, 11, 23, 18, 0), False, None, datetime(2026, 11, 24, 8, 0)),
        # Midnight between Monday and Tuesday: closed, opens Tuesday at eight.
        (local(2026, 11, 24, 0, 0), False, None, datetime(2026, 11, 24, 8, 0)),
        # Friday evening: the weekend is closed, next is Monday.
        (local(2026, 11, 27, 19, 0), False, None, datetime(2026, 11, 30, 8, 0)),
        # Saturday noon: Monday.
        (local(2026, 11, 28, 12, 0), False, None, datetime(2026, 11, 30, 8, 0)),
        # Sunday one minute to midnight: Monday.
        (local(2026, 11, 29, 23, 59), False, None, datetime(2026, 11, 30, 8, 0)),
        # Goede Vrijdag is a working day: open.
        (local(2026, 4, 3, 10, 0), True, datetime(2026, 4, 3, 18, 0), None),
        # Wednesday evening before Hemelvaart (Thursday): next is Friday.
        (local(2026, 5, 13, 19, 0), False, None, datetime(2026, 5, 15, 8, 0)),
        # Christmas Eve after closing: Christmas and Boxing Day and the weekend, then Monday 28th.
        (local(2026, 12, 24, 18, 30), False, None, datetime(2026, 12, 28, 8, 0)),
    ],
)
def test_office_hours(
    moment: datetime, is_open: bool, until: datetime | None, next_open: datetime | None
) -> None:
    state = open_state(OFFICE, moment)
    assert (state.is_open, state.until, state.next_open) == (is_open, until, next_open)


@pytest.mark.parametrize(
    ("moment", "holiday", "next_open"),
    [
        (local(2026, 4, 27, 10, 0), "Koningsdag", datetime(2026, 4, 28, 8, 0)),  # a Monday
        (local(2026, 4, 6, 9, 0), "Tweede Paasdag", datetime(2026, 4, 7, 8, 0)),
        (local(2026, 5, 5, 12, 0), "Bevrijdingsdag", datetime(2026, 5, 6, 8, 0)),
        (local(2026, 12, 25, 11, 0), "Eerste Kerstdag", datetime(2026, 12, 28, 8, 0)),  # a Friday
        (local(2027, 1, 1, 9, 0), "Nieuwjaarsdag", datetime(2027, 1, 4, 8, 0)),  # a Friday
    ],
)
def test_closed_on_public_holidays_with_the_holiday_named(
    moment: datetime, holiday: str, next_open: datetime
) -> None:
    state = open_state(OFFICE, moment)
    assert not state.is_open
    assert state.reason == "holiday"
    assert state.holiday is not None
    assert state.holiday.nl == holiday
    assert state.next_open == next_open


def test_a_holiday_on_a_day_the_room_is_closed_anyway_is_just_closed() -> None:
    state = open_state(OFFICE, local(2026, 4, 5, 12, 0))  # Easter Sunday
    assert state.reason == "closed"


@pytest.mark.parametrize(
    ("utc", "is_open"),
    [
        (
            datetime(2026, 3, 27, 6, 30, tzinfo=UTC),
            False,
        ),  # Friday before the change: 07:30 CET, not yet open
        (datetime(2026, 3, 30, 6, 30, tzinfo=UTC), True),  # Monday after: 08:30 CEST, open
        (
            datetime(2026, 3, 30, 16, 30, tzinfo=UTC),
            False,
        ),  # 18:30 CEST: closed (17:30 in winter would be open)
        (datetime(2026, 10, 23, 6, 30, tzinfo=UTC), True),  # Friday before the change back: 08:30 CEST
        (datetime(2026, 10, 26, 6, 30, tzinfo=UTC), False),  # Monday after: 07:30 CET
        (datetime(2026, 10, 26, 16, 30, tzinfo=UTC), True),  # 17:30 CET: open
    ],
)
def test_summer_and_winter_time(utc: datetime, is_open: bool) -> None:
    assert open_state(OFFICE, utc).is_open is is_open


def test_any_time_zone_is_read_as_amsterdam_wall_clock() -> None:
    new_york = timezone(timedelta(hours=-5))
    assert amsterdam_wall_clock(datetime(2026, 11, 23, 4, 0, tzinfo=new_york)) == datetime(
        2026, 11, 23, 10, 0
    )


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        open_state(OFFICE, datetime(2026, 11, 23, 10, 0))


ALWAYS = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "00:00-24:00")


@pytest.mark.parametrize(
    ("hours", "moment", "is_open", "until"),
    [
        # Day and night, holidays too: open, no closing time to show.
        ({**ALWAYS, "holidays": "open"}, local(2026, 12, 25, 3, 0), True, None),
        # Day and night but closed on holidays: at 23:30 on Christmas Eve it closes at midnight.
        (ALWAYS, local(2026, 12, 24, 23, 30), True, datetime(2026, 12, 25, 0, 0)),
        # A late span runs on into the next day's early span: one stretch until 02:00.
        (
            {"mon": "20:00-24:00", "tue": "00:00-02:00"},
            local(2026, 11, 23, 23, 59),
            True,
            datetime(2026, 11, 24, 2, 0),
        ),
        # A span past midnight belongs to the day it starts: Friday night into Saturday.
        ({"fri": "22:00-02:00"}, local(2026, 11, 28, 1, 30), True, datetime(2026, 11, 28, 2, 0)),
        # ... even when that next day is a holiday (Saturday night into Easter Sunday).
        ({"sat": "22:00-02:00"}, local(2026, 4, 5, 1, 0), True, datetime(2026, 4, 5, 2, 0)),
        # Lunch break: closed between two spans.
        ({"mon": "08:00-12:00, 13:00-17:00"}, local(2026, 11, 23, 12, 30), False, None),
    ],
)
def test_midnight_and_split_days(
    hours: dict, moment: datetime, is_open: bool, until: datetime | None
) -> None:
    state = open_state(make_room("night", hours=hours), moment)
    assert (state.is_open, state.until) == (is_open, until)


def test_temporarily_closed_wins_over_the_hours() -> None:
    state = open_state(make_room("shut", status="temporarily_closed"), local(2026, 11, 23, 10, 0))
    assert (state.is_open, state.reason) == (False, "temporarily_closed")


def test_no_hours_at_all_is_said_as_unknown() -> None:
    state = open_state(make_room("unknown", hours={}), local(2026, 11, 23, 10, 0))
    assert (state.is_open, state.reason) == (False, "no_hours")


def test_weekly_summary_groups_equal_days() -> None:
    hours = OpeningHours.model_validate(
        {**dict.fromkeys(("mon", "tue", "wed", "thu"), "08:00-18:00"), "fri": "08:00-17:00"}
    )
    assert weekly_summary(hours) == [
        (("mon", "tue", "wed", "thu"), ("08:00-18:00",)),
        (("fri",), ("08:00-17:00",)),
        (("sat", "sun"), ()),
    ]


@pytest.mark.parametrize(
    "span",
    [
        "8:00-18:00",  # hours need two digits
        "08:00-25:00",  # no such hour
        "24:00-08:00",  # a day starts at 00:00
        "08:00-08:00",  # empty: write 00:00-24:00 for a whole day
        "08.00-18.00",  # dots
        "morgens",  # words
    ],
)
def test_bad_spans_are_refused(span: str) -> None:
    with pytest.raises(ValueError, match=r"span|empty"):
        OpeningHours.model_validate({"mon": span})
