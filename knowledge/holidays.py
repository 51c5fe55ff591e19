"""Dutch public holidays on which municipal buildings (and so most quiet rooms) are closed.

Which days count follows the Cao Gemeenten, because a room follows its building and
a municipal building follows its staff's days off:

- Nieuwjaarsdag, Eerste en Tweede Paasdag, Koningsdag, Hemelvaartsdag, Eerste en
  Tweede Pinksterdag, Eerste en Tweede Kerstdag.
- Bevrijdingsdag (5 May) EVERY year: since the Cao Gemeenten 2023 (art. 6.6) it is a
  paid day off for all municipal employees, not only in lustrum years as in most
  other sectors (source: gemeente.nu, "Bevrijdingsdag een betaalde vrije dag", 2024).
- Goede Vrijdag is NOT counted: it is no day off under the Cao Gemeenten, so the
  buildings are open.
- Koningsdag is 27 April, or 26 April when the 27th is a Sunday (since 2014).

A room whose record says `holidays: open` ignores this list. Everything here is
pure date arithmetic; Easter comes from the anonymous Gregorian algorithm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache


@dataclass(frozen=True)
class Holiday:
    day: date
    nl: str
    en: str

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous 'Meeus/Jones/Butcher' algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """27 April, moved to Saturday 26 April when the 27th falls on a Sunday."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@lru_cache(maxsize=64)
def public_holidays(year: int) -> tuple[Holiday, ...]:
    """The holidays of one year, in date order."""
    easter = easter_sunday(year)
    days = [
        Holiday(date(year, 1, 1), "Nieuwjaarsdag", "New Year's Day"),
        Holiday(easter, "Eerste Paasdag", "Easter Sunday"),
        Holiday(easter + timedelta(days=1), "Tweede Paasdag", "Easter Monday"),
        Holiday(kings_day(year), "Koningsdag", "King's Day"),
        Holiday(date(year, 5, 5), "Bevrijdingsdag", "Liberation Day"),
        Holiday(easter + timedelta(days=39), "Hemelvaartsdag", "Ascension Day"),
        Holiday(easter + timedelta(days=49), "Eerste Pinksterdag", "Whit Sunday"),
        Holiday(easter + timedelta(days=50), "Tweede Pinksterdag", "Whit Monday"),
        Holiday(date(year, 12, 25), "Eerste Kerstdag", "Christmas Day"),
        Holiday(date(year, 12, 26), "Tweede Kerstdag", "Boxing Day"),
    ]
    return tuple(sorted(days, key=lambda h: h.day))


def holiday_on(day: date) -> Holiday | None:
    """The holiday on this day, if any; when two fall together (Hemelvaart on 5 May) one name is enough."""
    return next((h for h in public_holidays(day.year) if h.day == day), None)
