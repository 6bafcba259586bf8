"""The arithmetic of the task audit, in plain Python (no Django): hours a year to hours a
week, the limits of a week, and the hours a redistribution returns to principals.

The weeks-per-year rule: a principal's yearly task is spread over the weeks principals
work, not the 52 of the calendar. Districts contract principals for about 200 working days
(the school year's 180 days plus the weeks before and after it); 200 days of five are 40
weeks. So 80 hours a year of budget work is 2 hours a week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PRINCIPAL_WEEKS_PER_YEAR = 40
# A week holds 168 hours: an audit adding to more cannot be true.
HOURS_IN_A_WEEK = Decimal(168)
# Above this a week's tasks are possible but worth a second look (and a conversation).
LONG_WEEK_HOURS = Decimal(60)
CENTS = Decimal("0.01")
# Offering to take work off a principal's plate: these decisions return the hours.
RETURNING_DECISIONS = frozenset({"delegate", "central", "eliminate"})


def hours_per_week(hours: Decimal, unit: str) -> Decimal:
    """``hours`` entered per ``unit`` ("week" or "year") as hours a week, to the hundredth."""
    if unit == "week":
        weekly = hours
    elif unit == "year":
        weekly = hours / PRINCIPAL_WEEKS_PER_YEAR
    else:
        raise ValueError(f"Unknown unit of hours: {unit!r}")
    return weekly.quantize(CENTS, rounding=ROUND_HALF_UP)


def most_hours(unit: str) -> Decimal:
    """The most hours one task can take per ``unit``: the whole of every week."""
    return HOURS_IN_A_WEEK * (PRINCIPAL_WEEKS_PER_YEAR if unit == "year" else 1)


@dataclass(frozen=True)
class TaskHours:
    """One task's weekly hours and what is decided for it (decision and status may be
    empty: no decision yet)."""

    weekly: Decimal
    decision: str = ""
    status: str = ""


@dataclass(frozen=True)
class Returned:
    """Hours a week given back (decision done) and planned (decided, not yet done), out of
    the audited total."""

    audited: Decimal
    returned: Decimal
    planned: Decimal


def hours_returned(tasks: Iterable[TaskHours]) -> Returned:
    """Only a task whose decision to delegate, move or eliminate is done counts as returned;
    one proposed, agreed or in progress counts as planned; kept tasks count for neither."""
    audited = returned = planned = Decimal(0)
    for task in tasks:
        audited += task.weekly
        if task.decision not in RETURNING_DECISIONS:
            continue
        if task.status == "done":
            returned += task.weekly
        else:
            planned += task.weekly
    return Returned(audited, returned, planned)
