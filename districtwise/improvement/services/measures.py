"""Writes of a network's measures: the measures themselves (runners) and their values
(team editors: one grid of a team's periods, or a sheet pasted or uploaded as CSV).

Every change is one transaction with audit-history rows (before and after). Bad input is
refused with a ``ValidationError`` that says what is wrong and where, and nothing is
saved; a sheet or grid with any wrong line is refused whole (``ValuesRefused`` lists
every line's problem)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.analytics.improvement.data_measures import METRICS
from districtwise.analytics.improvement.measure_sheet import (
    SheetProblem,
    SheetRules,
    SheetValue,
    parse_measure_sheet,
    read_date,
    read_values_line,
)
from districtwise.analytics.improvement.periods import period_starts
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.improvement import access
from districtwise.improvement.models import ImprovementNetwork, Measure, MeasureValue, Team

MEASURE_FIELDS = (
    "name",
    "kind",
    "definition",
    "source",
    "metric_key",
    "frequency",
    "chart",
    "unit",
    "higher_is_better",
)
GRID_CELLS = ("value", "numerator", "denominator", "note")
PERIOD_WORDS = {"weekly": "week", "fortnightly": "fortnight", "monthly": "month"}


class ValuesRefused(ValidationError):
    """Values refused whole: ``problems`` says what is wrong on which line."""

    def __init__(self, problems: list[SheetProblem]):
        super().__init__([p.message for p in problems])
        self.problems = problems


def measure_create(*, actor, network: ImprovementNetwork, data: Mapping[str, Any]) -> Measure:
    """Add a measure to the network. It needs a name new to the network and an operational
    definition; one backed by the district's data takes its chart, unit and direction
    from the metric chosen."""
    measure = Measure(network=network, position=network.measures.count())
    _apply(measure, data)
    _check(measure)
    with transaction.atomic():
        measure.save()
        audit_created(actor=actor, district=network.district, obj=measure)
    return measure


def measure_update(*, actor, measure: Measure, data: Mapping[str, Any]) -> Measure:
    """Change a measure (same rules as ``measure_create``). A measure with values keeps
    its source and chart: its values were collected for them."""
    with transaction.atomic():
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
        before = snapshot(measure)
        _apply(measure, data)
        _check(measure)
        if measure.values.exists():
            _keep_collected(measure, before)
        changes = changed_fields(before, snapshot(measure))
        if changes:
            measure.save()
            district = measure.network.district
            audit_record(
                actor=actor, district=district, action="update", obj=measure, changes=changes
            )
    return measure


def measure_retire(*, actor, measure: Measure) -> Measure:
    """Retire a measure: it keeps its values and its chart but takes no new values."""
    with transaction.atomic():
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
        if measure.retired_at is None:
            before = snapshot(measure)
            measure.retired_at = timezone.now()
            measure.save(update_fields=["retired_at", "updated_at"])
            changes = changed_fields(before, snapshot(measure))
            district = measure.network.district
            audit_record(
                actor=actor, district=district, action="retire", obj=measure, changes=changes
            )
    return measure


def _apply(measure: Measure, data: Mapping[str, Any]) -> None:
    unknown = sorted(set(data) - set(MEASURE_FIELDS))
    if unknown:
        raise ValidationError([f"A measure has no field {name!r}." for name in unknown])
    for name, value in data.items():
        setattr(measure, name, value.strip() if isinstance(value, str) else value)
    if measure.source == Measure.Source.ENGINE and measure.metric_key in METRICS:
        metric = METRICS[measure.metric_key]
        measure.chart, measure.unit = metric.chart, metric.unit
        measure.higher_is_better = metric.higher_is_better
    elif measure.source != Measure.Source.ENGINE:
        measure.metric_key = ""


def _check(measure: Measure) -> None:
    problems: dict[str, list[str]] = {}
    if not measure.name:
        problems["name"] = ["Give the measure a name."]
    elif (
        Measure.objects.filter(network=measure.network, name=measure.name)
        .exclude(pk=measure.pk)
        .exists()
    ):
        problems["name"] = [f"The network already has a measure named {measure.name!r}."]
    if not measure.definition:
        problems["definition"] = [
            "Write the operational definition: what is counted, how, by whom and when."
        ]
    for name, choices in (
        ("kind", Measure.Kind),
        ("source", Measure.Source),
        ("frequency", Measure.Frequency),
        ("chart", Measure.Chart),
    ):
        if getattr(measure, name) not in choices.values:
            problems[name] = [
                f"{getattr(measure, name)!r} is not one of: {', '.join(choices.values)}."
            ]
    if measure.source == Measure.Source.ENGINE and measure.metric_key not in METRICS:
        problems["metric_key"] = ["Choose the metric of the district's data behind this measure."]
    if problems:
        raise ValidationError(problems)


def _keep_collected(measure: Measure, before: Mapping[str, Any]) -> None:
    for name in ("source", "chart", "frequency"):
        if before[name] != getattr(measure, name):
            raise ValidationError(
                {
                    name: [
                        f"This measure has values collected with its {name} "
                        f"{before[name]!r}; it keeps it. Add a new measure instead."
                    ]
                }
            )


# ---------------------------------------------------------------- values


def sheet_rules(*, actor, measure: Measure) -> SheetRules:
    """What a measure's values are checked against, for ``actor``."""
    network = measure.network
    teams: dict[str, int] = {}
    names: dict[int, str] = {}
    for team in network.teams.select_related("school"):
        for key in (team.name, team.school.name, team.school.code, str(team)):
            if key:
                teams.setdefault(key.lower(), team.pk)
        names[team.pk] = str(team)
    return SheetRules(
        teams=teams,
        editable=access.editable_team_ids(actor, network.district, network),
        starts=period_starts(measure.frequency, network.starts_on, network.ends_on),
        starts_on=network.starts_on,
        ends_on=network.ends_on,
        chart=measure.chart,
        period_word=PERIOD_WORDS.get(measure.frequency, "period"),
        team_names=names,
    )


def _refuse_unless_entered(measure: Measure) -> None:
    if measure.source == Measure.Source.ENGINE:
        raise ValidationError(
            f"{measure.name} is computed from the district's data; its values are not "
            "entered by hand (refresh them from the district's data instead)."
        )
    if measure.retired_at is not None:
        raise ValidationError(f"{measure.name} is retired: it takes no new values.")


def measure_values_import(*, actor, measure: Measure, text: str) -> list[MeasureValue]:
    """Enter the values of a pasted or uploaded sheet (see ``measure_sheet``). Any wrong
    line refuses the whole sheet (``ValuesRefused``) and nothing is saved; a value already
    entered for a team and period is replaced (the history keeps the old one)."""
    _refuse_unless_entered(measure)
    values, problems = parse_measure_sheet(text, sheet_rules(actor=actor, measure=measure))
    if problems:
        raise ValuesRefused(problems)
    with transaction.atomic():
        return [_store(actor, measure, v) for v in values]


def measure_values_save(
    *, actor, measure: Measure, team: Team, rows: list[dict[str, str]]
) -> tuple[int, int]:
    """Save a team's grid: one row per period (``period_start``, ``value``, and
    ``numerator``, ``denominator``, ``note``). A row left wholly blank removes the value
    it had. Any wrong row refuses the grid whole (``ValuesRefused``, each problem's
    ``line`` the row's number). Returns (values saved, values removed)."""
    _refuse_unless_entered(measure)
    rules = sheet_rules(actor=actor, measure=measure)
    if team.pk not in rules.editable:
        raise ValidationError(f"You do not enter values for {team}.")
    problems: list[SheetProblem] = []
    kept: list[SheetValue] = []
    blank: list[dt.date] = []
    for number, row in enumerate(rows, start=1):
        cells = {
            k: (row.get(k) or "").strip()
            for k in ("period_start", "value", "numerator", "denominator", "note")
        }
        on = read_date(cells["period_start"])
        if on is not None and not any(cells[k] for k in GRID_CELLS):
            blank.append(on)
            continue
        found, more = read_values_line(number, cells | {"team": team.school.code}, rules)
        problems += more
        if found is not None:
            kept.append(found)
    if problems:
        raise ValuesRefused(problems)
    with transaction.atomic():
        for value in kept:
            _store(actor, measure, value)
        removed = _remove(actor, measure, team, blank)
    return len(kept), removed


def _remove(actor, measure: Measure, team: Team, periods: list[dt.date]) -> int:
    gone = list(MeasureValue.objects.filter(measure=measure, team=team, period_start__in=periods))
    for row in gone:
        audit_record(
            actor=actor,
            district=measure.network.district,
            action="delete",
            obj=row,
            changes={k: [v, None] for k, v in snapshot(row).items() if v not in (None, "")},
        )
        row.delete()
    return len(gone)


def _store(actor, measure: Measure, value: SheetValue) -> MeasureValue:
    fields = {
        "value": value.value,
        "numerator": value.numerator,
        "denominator": value.denominator,
        "note": value.note,
        "entered_by": actor if getattr(actor, "is_authenticated", False) else None,
    }
    row, created = MeasureValue.objects.select_for_update().get_or_create(
        measure=measure, team_id=value.team_id, period_start=value.period_start, defaults=fields
    )
    district = measure.network.district
    if created:
        audit_created(actor=actor, district=district, obj=row)
        return row
    before = snapshot(row)
    for name, new in fields.items():
        setattr(row, name, new)
    changes = changed_fields(before, snapshot(row))
    if changes:
        row.save()
        audit_record(actor=actor, district=district, action="update", obj=row, changes=changes)
    return row
