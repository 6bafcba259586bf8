"""Filters that write time-use figures as the district reads them."""

from __future__ import annotations

from decimal import Decimal

from django import template

from districtwise.analytics.workload.time_use import Period
from districtwise.workload.charts.time_use import percent

register = template.Library()


@register.filter
def hours(minutes: int | None) -> str:
    """Minutes as hours to one decimal: 90 -> "1.5 h"."""
    if not minutes:
        return "—"
    return f"{Decimal(minutes) / 60:.1f} h"


@register.filter
def share(value: Decimal | None) -> str:
    return percent(value)


@register.filter
def points(value: Decimal | None) -> str:
    """A change of share in percentage points, signed: 0.025 -> "+2.5 points"."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "\u2212" if value < 0 else "±"
    return f"{sign}{abs(value) * 100:.1f} points"


@register.filter
def against(value: Decimal | None, goal: Decimal) -> str:
    """Where a share stands against the goal, in words (never only a colour)."""
    if value is None:
        return "no log"
    gap = value - goal
    if gap >= 0:
        return f"meets the goal ({points(gap)})"
    return f"below the goal ({points(gap)})"


@register.filter
def category_hours(period: Period, category: str) -> str:
    return hours(period.minutes.get(category, 0))


@register.filter
def category_share(period: Period, category: str) -> str:
    return percent(period.share_of(category)) if period.total else "—"
