"""Reads of PDSA cycles: a team's cycles in ramps, a network's cycles, one cycle with
its data, its attachments, and the rows of the cycles CSV.

Every read takes the user: a cycle is seen by the readers of its network (else 404) and
changed by its team's members and the network's leads (else 403).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from districtwise.improvement import access
from districtwise.improvement.models import (
    ChangeIdea,
    Cycle,
    ImprovementNetwork,
    Measure,
    MeasureValue,
    Team,
)


@dataclass
class Ramp:
    """Cycles chained through ``previous``, first to last, on one change idea."""

    change_idea: ChangeIdea
    cycles: list[Cycle] = field(default_factory=list)

    @property
    def latest(self) -> Cycle:
        return self.cycles[-1]


@dataclass
class TeamRamps:
    """A team and its ramps (newest first)."""

    team: Team
    ramps: list[Ramp]
    may_edit: bool


def ramps_of(cycles: list[Cycle]) -> list[Ramp]:
    """Group cycles into ramps: each chain starts at a cycle with no previous cycle among
    ``cycles`` and follows the next cycles in order of their planned start. Ramps come
    newest first (by their latest cycle)."""
    by_previous: dict[int | None, list[Cycle]] = {}
    ids = {c.pk for c in cycles}
    for cycle in sorted(cycles, key=lambda c: (c.planned_start, c.pk)):
        key = cycle.previous_id if cycle.previous_id in ids else None
        by_previous.setdefault(key, []).append(cycle)
    ramps = []
    for first in by_previous.get(None, []):
        ramp = Ramp(change_idea=first.change_idea, cycles=[])
        queue = [first]
        while queue:
            current = queue.pop(0)
            ramp.cycles.append(current)
            queue.extend(by_previous.get(current.pk, []))
        ramps.append(ramp)
    ramps.sort(key=lambda r: (r.latest.planned_start, r.latest.pk), reverse=True)
    return ramps


def _cycles(teams) -> QuerySet[Cycle]:
    return Cycle.objects.filter(team__in=teams).select_related("change_idea", "team", "previous")


def team_ramps(*, user, district, team: Team) -> TeamRamps:
    """A team's cycles in ramps (the team is one the user reads)."""
    cycles = list(_cycles([team]))
    return TeamRamps(team, ramps_of(cycles), access.may_edit_team(user, district, team))


def network_ramps(*, user, district, network: ImprovementNetwork) -> list[TeamRamps]:
    """Every team of a network the user reads, with its cycles in ramps."""
    teams = list(network.teams.select_related("school"))
    editable = access.editable_team_ids(user, district, network)
    cycles = list(_cycles(teams))
    return [
        TeamRamps(
            team,
            ramps_of([c for c in cycles if c.team_id == team.pk]),
            team.pk in editable,
        )
        for team in teams
    ]


def change_ideas_to_test(network: ImprovementNetwork) -> QuerySet[ChangeIdea]:
    """The change ideas a team may start a cycle on: the network's ideas not retired."""
    return network.change_ideas.filter(retired_at__isnull=True).order_by("title")


def cycle_window(cycle: Cycle) -> tuple[dt.date, dt.date]:
    """The dates a cycle covers: from its start (or planned start) to its close (or
    planned end, or today while it runs)."""
    start = cycle.started_on or cycle.planned_start
    end = cycle.closed_on or cycle.planned_end or timezone.localdate()
    return start, max(start, end)


@dataclass
class MeasureData:
    """A measure's values for the team in a cycle's dates, and where its chart is."""

    measure: Measure
    values: list[MeasureValue]
    chart_url: str

    def shown(self, value: MeasureValue) -> str:
        """A value with its unit, and the count it comes from for a proportion or rate."""
        if value.value is None:  # withheld: it counts too few students (its note says why)
            return "no figure"
        text = f"{_number(value.value)} {self.measure.unit}".strip()
        if value.numerator is not None and value.denominator:
            text += f" ({_number(value.numerator)} of {_number(value.denominator)})"
        return text

    @property
    def rows(self) -> list[tuple[dt.date, str, str]]:
        return [(v.period_start, self.shown(v), v.note) for v in self.values]


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def cycle_data(*, user, district, cycle: Cycle) -> list[MeasureData]:
    """The values of the network's measures for the cycle's team in the cycle's dates
    (the data the Study stage looks at). The cycle is one the user reads."""
    start, end = cycle_window(cycle)
    values = MeasureValue.objects.filter(
        team=cycle.team, period_start__gte=start, period_start__lte=end
    ).order_by("period_start")
    found: dict[int, list[MeasureValue]] = {}
    for value in values:
        found.setdefault(value.measure_id, []).append(value)
    measures = Measure.objects.filter(network=cycle.team.network).order_by("position", "name")
    return [MeasureData(m, found.get(m.pk, []), _chart_url(m)) for m in measures]


def _chart_url(measure: Measure) -> str:
    """The measure's chart page, where its values are drawn with their signals."""
    return reverse("improvement:measure_chart", args=[measure.pk])


EXPORT_HEADER = [
    "team",
    "school",
    "change idea",
    "cycle",
    "previous cycle",
    "stage",
    "planned start",
    "planned end",
    "started on",
    "closed on",
    "question",
    "prediction",
    "results",
    "against prediction",
    "decision",
    "next steps",
]


def cycles_export_rows(*, user, district, network: ImprovementNetwork) -> list[list[object]]:
    """One row per cycle of a network the user reads, team by team, ramp by ramp."""
    rows: list[list[object]] = []
    for team_ramps in network_ramps(user=user, district=district, network=network):
        for ramp in team_ramps.ramps:
            for cycle in ramp.cycles:
                rows.append(_export_row(team_ramps.team, cycle))
    return rows


def _export_row(team: Team, cycle: Cycle) -> list[object]:
    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    return [
        str(team),
        team.school.name,
        cycle.change_idea.title,
        cycle.title,
        cycle.previous.title if cycle.previous_id and cycle.previous else "",
        cycle.get_stage_display(),
        day(cycle.planned_start),
        day(cycle.planned_end),
        day(cycle.started_on),
        day(cycle.closed_on),
        cycle.question,
        cycle.prediction,
        cycle.results,
        cycle.against_prediction,
        cycle.get_decision_display() if cycle.decision else "",
        cycle.next_steps,
    ]
