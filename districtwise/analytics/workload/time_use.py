"""The arithmetic of principals' time use.

A principal's log is a list of stretches: a day, a category and minutes, with a start and
an end (minutes after midnight) when it was entered in the week view. Two timed stretches
of one day overlap when they share a minute (touching ends do not overlap: 9:00-9:30 and
9:30-10:00 are two whole half hours). A day holds at most 24 hours.

Shares are pooled: the instructional share of a week is its instructional minutes over all
its minutes, and a network's share is its principals' instructional minutes over all their
minutes (a principal who logs more weighs more), never a mean of shares. A period without
minutes has no share (``None``), never 0 %.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

MINUTES_IN_A_DAY = 24 * 60
INSTRUCTIONAL = "instructional"
WEEK, MONTH = "week", "month"


@dataclass(frozen=True)
class Stretch:
    """Time on one category: ``starts``/``ends`` in minutes after midnight, or None for a
    daily total."""

    on: dt.date
    category: str
    minutes: int
    starts: int | None = None
    ends: int | None = None

    @classmethod
    def timed(cls, on: dt.date, starts: int, ends: int, category: str) -> Stretch:
        return cls(on=on, category=category, minutes=ends - starts, starts=starts, ends=ends)


@dataclass(frozen=True)
class Overlap:
    """Two timed stretches of one day that share minutes."""

    first: Stretch
    second: Stretch


@dataclass
class Period:
    """A week (starting Monday) or a month (starting on the 1st) of a principal's log."""

    starts_on: dt.date
    minutes: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.minutes.values())

    @property
    def instructional_share(self) -> Decimal | None:
        return share(self.minutes.get(INSTRUCTIONAL, 0), self.total)

    def share_of(self, category: str) -> Decimal | None:
        return share(self.minutes.get(category, 0), self.total)


def share(part: int, whole: int) -> Decimal | None:
    """``part / whole`` to three decimals (half up); None when there is no whole."""
    if whole <= 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def overlaps(stretches: Iterable[Stretch]) -> list[Overlap]:
    """Every pair of timed stretches of the same day that share at least one minute,
    in the order of the day."""
    by_day: dict[dt.date, list[Stretch]] = defaultdict(list)
    for s in stretches:
        if s.starts is not None and s.ends is not None:
            by_day[s.on].append(s)
    found = []
    for day in sorted(by_day):
        ordered = sorted(by_day[day], key=lambda s: (s.starts, s.ends))
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                if second.starts >= first.ends:  # type: ignore[operator]
                    break
                found.append(Overlap(first, second))
    return found


def overfull_days(stretches: Iterable[Stretch]) -> list[tuple[dt.date, int]]:
    """The days whose stretches add up to more than 24 hours, with their minutes."""
    per_day: dict[dt.date, int] = defaultdict(int)
    for s in stretches:
        per_day[s.on] += s.minutes
    return [(day, m) for day, m in sorted(per_day.items()) if m > MINUTES_IN_A_DAY]


def period_start(day: dt.date, kind: str) -> dt.date:
    """The Monday of the day's week, or the first of its month."""
    if kind == WEEK:
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def periods(stretches: Iterable[Stretch], kind: str = WEEK) -> list[Period]:
    """Minutes per category for each week or month that has any, oldest first."""
    found: dict[dt.date, Period] = {}
    for s in stretches:
        start = period_start(s.on, kind)
        period = found.setdefault(start, Period(start))
        period.minutes[s.category] = period.minutes.get(s.category, 0) + s.minutes
    return [found[start] for start in sorted(found)]


def pooled(parts: Iterable[Period]) -> Period:
    """Several logs (or periods) added together; ``starts_on`` is the earliest."""
    parts = list(parts)
    total = Period(min((p.starts_on for p in parts), default=dt.date.min))
    for p in parts:
        for category, minutes in p.minutes.items():
            total.minutes[category] = total.minutes.get(category, 0) + minutes
    return total


def trend_per_period(series: list[Period]) -> Decimal | None:
    """The least-squares slope of the instructional share across the periods, in share
    points per period (0.020 = two percentage points a week). Periods without a share are
    left out; fewer than two with a share give None."""
    points = [(i, p.instructional_share) for i, p in enumerate(series)]
    known = [(Decimal(i), s) for i, s in points if s is not None]
    if len(known) < 2:
        return None
    n = Decimal(len(known))
    zero = Decimal(0)
    mean_x = sum((x for x, _ in known), zero) / n
    mean_y = sum((y for _, y in known), zero) / n
    spread = sum(((x - mean_x) ** 2 for x, _ in known), zero)
    slope = sum(((x - mean_x) * (y - mean_y) for x, y in known), zero) / spread
    return slope.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def rises_every_period(series: list[Period]) -> bool:
    """True when the instructional share goes up from each period to the next (at least
    two periods, every one with a share)."""
    shares = [p.instructional_share for p in series]
    if len(shares) < 2 or any(s is None for s in shares):
        return False
    return all(a < b for a, b in itertools.pairwise(shares))  # type: ignore[operator]
