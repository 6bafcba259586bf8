"""Reads of a network's measures: the list, one measure's values by team and period, a
team's grid of periods to fill in, and the rows of the measure-data CSV.

Every selector takes the user and reads only a network the user may read (it answers
404 otherwise, like the access rules)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from districtwise.analytics.improvement.periods import period_starts
from districtwise.improvement import access
from districtwise.improvement.models import ImprovementNetwork, Measure, MeasureValue, Team


def measure_list(*, user, district, network: ImprovementNetwork) -> QuerySet[Measure]:
    """The network's measures, those in use first, in the network's order."""
    network = access.get_network_for_user(user, district, network.pk)
    return network.measures.order_by("retired_at", "position", "name")


@dataclass(frozen=True)
class PeriodRow:
    """One period of a measure's table: its start and each team's value (or None)."""

    period_start: dt.date
    cells: list[MeasureValue | None]


@dataclass(frozen=True)
class MeasureTable:
    """A measure's values: the teams (columns) and one row per period with any value."""

    teams: list[Team]
    rows: list[PeriodRow]

    @property
    def count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell is not None)


def measure_table(*, user, district, measure: Measure) -> MeasureTable:
    """The measure's values per team and period, oldest period first."""
    measure = access.get_measure_for_user(user, district, measure.pk)
    teams = list(measure.network.teams.select_related("school"))
    by_key = {(v.team_id, v.period_start): v for v in measure.values.all()}
    starts = sorted({start for _, start in by_key})
    rows = [PeriodRow(s, [by_key.get((t.pk, s)) for t in teams]) for s in starts]
    return MeasureTable(teams, rows)


@dataclass(frozen=True)
class GridRow:
    """One period of a team's grid and its value, if entered."""

    period_start: dt.date
    value: MeasureValue | None


def team_grid(*, user, district, measure: Measure, team: Team) -> list[GridRow]:
    """Every period of the network for the measure's frequency, with the team's values."""
    measure = access.get_measure_for_user(user, district, measure.pk)
    network = measure.network
    found = {v.period_start: v for v in measure.values.filter(team=team)}
    starts = period_starts(measure.frequency, network.starts_on, network.ends_on)
    return [GridRow(s, found.get(s)) for s in starts]


EXPORT_HEADER = (
    "network",
    "team",
    "school_code",
    "measure",
    "kind",
    "period_start",
    "value",
    "numerator",
    "denominator",
    "note",
)


def measure_export_rows(*, user, district, network: ImprovementNetwork) -> list[tuple]:
    """The rows of the network's measure data (``EXPORT_HEADER``), by measure, team and
    period."""
    network = access.get_network_for_user(user, district, network.pk)
    values = (
        MeasureValue.objects.filter(measure__network=network)
        .select_related("measure", "team__school")
        .order_by("measure__position", "measure__name", "team__school__name", "period_start")
    )
    return [
        (
            network.name,
            str(v.team),
            v.team.school.code,
            v.measure.name,
            v.measure.kind,
            v.period_start.isoformat(),
            v.value,
            v.numerator,
            v.denominator,
            v.note,
        )
        for v in values
    ]
