"""Template filters of the allocation pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from districtwise.strategy.charts.allocation import amount_text
from districtwise.strategy.selectors.allocation import year_name

register = template.Library()


@register.filter
def amount(value: Decimal | None, unit: str) -> str:
    """``{{ value|amount:unit }}``: "$1,234.50", "2.25 FTE", or "—" when unknown."""
    return amount_text(value, unit)


@register.filter
def count(value: int | None) -> str:
    """A count with thousands separators, or "hidden" when it is not shown."""
    return "hidden" if value is None else f"{value:,}"


@register.filter
def get(mapping: dict, key: str):
    """``{{ mapping|get:key }}``."""
    return mapping.get(key)


@register.filter
def school_year(year: int) -> str:
    """2026 -> "2025-26"."""
    return year_name(year)


@register.filter
def index(items: list, position: int):
    """``{{ items|index:0 }}``: the item at ``position``."""
    return items[position]
