"""The periods of a measure: where each collection period starts, by frequency.

A network collects its measures from its start to its end: weekly and fortnightly
periods start on Mondays (the first Monday on or after the network's start), monthly
periods on the first day of a month (the first one on or after the start). A period
starting on or before the network's last day belongs to it.
"""

from __future__ import annotations

import datetime as dt

FREQUENCIES = ("weekly", "fortnightly", "monthly")


def first_monday(on: dt.date) -> dt.date:
    """The first Monday on or after ``on``."""
    return on + dt.timedelta(days=(7 - on.weekday()) % 7)


def _next_month(on: dt.date) -> dt.date:
    return dt.date(on.year + on.month // 12, on.month % 12 + 1, 1)


def period_starts(frequency: str, starts_on: dt.date, ends_on: dt.date) -> list[dt.date]:
    """Every period start of a network working from ``starts_on`` to ``ends_on``."""
    if frequency not in FREQUENCIES:
        raise ValueError(f"{frequency!r} is not a frequency: {', '.join(FREQUENCIES)}.")
    if frequency == "monthly":
        on = starts_on if starts_on.day == 1 else _next_month(starts_on)
        found = []
        while on <= ends_on:
            found.append(on)
            on = _next_month(on)
        return found
    step = dt.timedelta(days=7 if frequency == "weekly" else 14)
    on, found = first_monday(starts_on), []
    while on <= ends_on:
        found.append(on)
        on += step
    return found


def period_end(frequency: str, start: dt.date) -> dt.date:
    """The last day of the period starting on ``start``."""
    if frequency == "monthly":
        return _next_month(start) - dt.timedelta(days=1)
    return start + dt.timedelta(days=6 if frequency == "weekly" else 13)


def period_holding(starts: list[dt.date], on: dt.date) -> dt.date | None:
    """The start of the period of ``starts`` that holds the day ``on`` (None when ``on``
    comes before the first)."""
    before = [s for s in starts if s <= on]
    return before[-1] if before else None
