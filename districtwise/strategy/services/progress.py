"""Writes of progress monitoring: indicators and their hand-entered figures.

Every change is one transaction with an audit-history row (before and after). Bad input is
refused with a ``ValidationError`` that says what is wrong and where, and nothing is
saved; a sheet of figures with any wrong line is refused whole (``FigureSheetRefused``
lists every line's problem)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.analytics.equity.spec import GROUP_TYPES
from districtwise.analytics.strategy.figure_sheet import (
    SheetFigure,
    SheetProblem,
    parse_figure_sheet,
)
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.strategy import metric_sources
from districtwise.strategy.models import Indicator, IndicatorValue

INDICATOR_FIELDS = (
    "name",
    "description",
    "unit",
    "higher_is_better",
    "source",
    "metric",
    "dimension",
    "source_note",
)


class FigureSheetRefused(ValidationError):
    """A sheet of figures refused whole: ``problems`` says what is wrong on which line."""

    def __init__(self, problems: list[SheetProblem]):
        super().__init__([p.message for p in problems])
        self.problems = problems


def indicator_create(*, actor, district, data: Mapping[str, Any]) -> Indicator:
    """Add an indicator to the district. A hand-entered one needs the source its figures
    come from; a computed one a metric its source offers the actor now."""
    indicator = Indicator(district=district)
    _apply(indicator, data)
    _check(actor, indicator, had_figures=False)
    with transaction.atomic():
        indicator.save()
        audit_created(actor=actor, district=district, obj=indicator)
    return indicator


def indicator_update(*, actor, indicator: Indicator, data: Mapping[str, Any]) -> Indicator:
    """Change an indicator (same rules as ``indicator_create``). A hand-entered indicator
    with figures cannot become a computed one: its figures would silently stop counting."""
    with transaction.atomic():
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        before = snapshot(indicator)
        _apply(indicator, data)
        _check(actor, indicator, had_figures=indicator.values.exists())
        changes = changed_fields(before, snapshot(indicator))
        if changes:
            indicator.save()
            audit_record(
                actor=actor,
                district=indicator.district,
                action="update",
                obj=indicator,
                changes=changes,
            )
    return indicator


def _apply(indicator: Indicator, data: Mapping[str, Any]) -> None:
    unknown = sorted(set(data) - set(INDICATOR_FIELDS))
    if unknown:
        raise ValidationError([f"An indicator has no field {name!r}." for name in unknown])
    for name, value in data.items():
        setattr(indicator, name, value.strip() if isinstance(value, str) else value)
    if indicator.source == Indicator.Source.MANUAL:
        indicator.metric, indicator.dimension = "", ""


def _check(actor, indicator: Indicator, *, had_figures: bool) -> None:
    problems: dict[str, list[str]] = {}
    if not indicator.name:
        problems["name"] = ["Give the indicator a name."]
    elif (
        Indicator.objects.filter(district=indicator.district, name=indicator.name)
        .exclude(pk=indicator.pk)
        .exists()
    ):
        problems["name"] = [f"The district already has an indicator named {indicator.name!r}."]
    if indicator.source not in Indicator.Source.values:
        problems["source"] = [f"{indicator.source!r} is not a source: engine or manual."]
    if indicator.source == Indicator.Source.MANUAL and not indicator.source_note:
        problems["source_note"] = [
            "Say where the hand-entered figures come from (a report, a survey, a system)."
        ]
    if indicator.source == Indicator.Source.ENGINE:
        problems |= _engine_problems(actor, indicator, had_figures)
    if indicator.unit not in Indicator.Unit.values:
        problems["unit"] = [f"{indicator.unit!r} is not a unit: rate, number or dollars."]
    if problems:
        raise ValidationError(problems)


def _engine_problems(actor, indicator: Indicator, had_figures: bool) -> dict[str, list[str]]:
    if had_figures:
        return {
            "source": [
                "This indicator has hand-entered figures; it stays entered by hand. Add a "
                "new indicator for the computed figure."
            ]
        }
    offered = {
        (c.dimension, c.metric)
        for c in metric_sources.metric_choices(user=actor, district=indicator.district)
    }
    if (indicator.dimension, indicator.metric) not in offered:
        chosen = f"{indicator.dimension}: {indicator.metric}" if indicator.metric else "none"
        return {
            "metric": [
                f"Choose a metric present in the district's current figures (chosen: {chosen})."
            ]
        }
    return {}


def indicator_figure_record(
    *,
    actor,
    indicator: Indicator,
    measured_on: dt.date,
    value: Decimal,
    group_type: str = "all",
    group: str = "all",
    source_note: str = "",
) -> IndicatorValue:
    """Enter one figure of a hand-entered indicator for the period ending ``measured_on``
    (for all students or one group). A figure already entered for that period and group
    is replaced, and the history keeps the old value."""
    figure = SheetFigure(0, measured_on, value, group_type, group)
    problems = _figure_problems(indicator, figure)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        return _store(actor, indicator, figure, source_note)


def indicator_figures_import(
    *, actor, indicator: Indicator, text: str, source_note: str = ""
) -> list[IndicatorValue]:
    """Enter the figures of a pasted or uploaded sheet (``date,value[,group_type,group]``
    a line). Any wrong line refuses the whole sheet (``FigureSheetRefused``: line, column,
    value and rule of each problem) and nothing is saved."""
    _refuse_computed(indicator)
    figures, problems = parse_figure_sheet(text, rate=indicator.unit == Indicator.Unit.RATE)
    if problems:
        raise FigureSheetRefused(problems)
    with transaction.atomic():
        return [_store(actor, indicator, figure, source_note) for figure in figures]


def _refuse_computed(indicator: Indicator) -> None:
    if indicator.source != Indicator.Source.MANUAL:
        raise ValidationError(
            f"{indicator.name} is computed from the district's data; its figures are not "
            "entered by hand."
        )


def _figure_problems(indicator: Indicator, figure: SheetFigure) -> dict[str, list[str]]:
    _refuse_computed(indicator)
    problems: dict[str, list[str]] = {}
    if indicator.unit == Indicator.Unit.RATE and not Decimal(0) <= figure.value <= Decimal(1):
        problems["value"] = [
            f"{figure.value} is not a share from 0 to 1: this indicator is a rate (45 % is 0.45)."
        ]
    if figure.group not in GROUP_TYPES.get(figure.group_type, ()):
        problems["group"] = [
            f"{figure.group_type} {figure.group} is not a student group of the equity spec."
        ]
    return problems


def _store(actor, indicator: Indicator, figure: SheetFigure, source_note: str) -> IndicatorValue:
    row, created = IndicatorValue.objects.select_for_update().get_or_create(
        indicator=indicator,
        measured_on=figure.on,
        group_type=figure.group_type,
        group=figure.group,
        defaults={"value": figure.value, "source_note": source_note, "entered_by": actor},
    )
    if created:
        audit_created(actor=actor, district=indicator.district, obj=row)
        return row
    before = snapshot(row)
    row.value, row.source_note, row.entered_by = figure.value, source_note, actor
    changes = changed_fields(before, snapshot(row))
    if changes:
        row.save()
        audit_record(
            actor=actor, district=indicator.district, action="update", obj=row, changes=changes
        )
    return row
