"""The district's instructional calendar: one list of school days per school year."""

from __future__ import annotations

import datetime as dt

import numpy as np

EPOCH = dt.date(1970, 1, 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) given weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holidays(school_year: int) -> set[dt.date]:
    """Days without instruction: federal holidays and the usual breaks."""
    fall, spring = school_year - 1, school_year
    days: set[dt.date] = {
        _nth_weekday(fall, 9, 0, 1),  # Labor Day
        _nth_weekday(spring, 1, 0, 3),  # Martin Luther King Jr. Day
        _nth_weekday(spring, 2, 0, 3),  # Presidents' Day
        _nth_weekday(spring, 5, 0, -1),  # Memorial Day
    }
    thanksgiving = _nth_weekday(fall, 11, 3, 4)
    days |= {thanksgiving + dt.timedelta(days=d) for d in (-1, 0, 1)}
    winter = dt.date(fall, 12, 22)
    days |= {winter + dt.timedelta(days=d) for d in range(13)}
    spring_break = _nth_weekday(spring, 3, 0, 3)
    days |= {spring_break + dt.timedelta(days=d) for d in range(5)}
    return days


def instructional_days(school_year: int) -> int:
    """Number of instructional days of a school year (174 to 178)."""
    return 174 + school_year % 5


def school_days(school_year: int) -> np.ndarray:
    """Instructional dates of a school year as days since 1970-01-01 (int32)."""
    day = _nth_weekday(school_year - 1, 8, 2, 3)  # third Wednesday of August
    holidays = _holidays(school_year)
    wanted = instructional_days(school_year)
    out: list[int] = []
    while len(out) < wanted:
        if day.weekday() < 5 and day not in holidays:
            out.append((day - EPOCH).days)
        day += dt.timedelta(days=1)
    return np.asarray(out, dtype=np.int32)


def to_date(days: int) -> dt.date:
    """Days since 1970-01-01 as a date."""
    return EPOCH + dt.timedelta(days=int(days))
