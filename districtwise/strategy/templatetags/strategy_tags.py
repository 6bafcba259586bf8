"""Template filters of the plan's pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from districtwise.strategy.charts.progress import show_figure

register = template.Library()


@register.filter
def figure(value: Decimal | None, indicator) -> str:
    """A goal's baseline or target in its indicator's unit (rates as percentages); a dash
    when it is not set."""
    if value is None:
        return "—"
    return show_figure(value, indicator.unit if indicator is not None else "number")
