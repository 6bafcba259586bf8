"""Reads of the charts: a measure's chart for one team or the network as a whole, and
every measure of a network as a chart (the chart board, the meeting summary and its PDF).

The network line: for a p or u chart, the teams' numerators and denominators are summed per
period (the network's share or rate, not an average of the teams'); for a run or I chart,
the point of a period is the mean of the values of the teams that reported that period.
A phase without a team is a new baseline of every chart of the measure (the network line
and each team's); a team's phase only of that team's chart. The PDSA cycles on a team's
timeline are the team's own; on the network line, those of every team of the network.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe

from districtwise.improvement import access
from districtwise.improvement.charts.controlchart import control_chart_svg
from districtwise.improvement.charts.limits import control_chart
from districtwise.improvement.charts.runchart import run_chart_svg
from districtwise.improvement.charts.series import (
    Chart,
    CycleMark,
    Observation,
    Phase,
    run_chart,
)
from districtwise.improvement.models import (
    ChartPhase,
    Cycle,
    ImprovementNetwork,
    Measure,
    MeasureValue,
    Team,
)

VIEWS = ("run", "control")
RULE_SETS = ("anhoj", "ihi")


@dataclass
class MeasureChart:
    """One line of a measure drawn: what the chart board, the measure page and the meeting
    summary show (``team`` is None for the network line)."""

    measure: Measure
    team: Team | None
    kind: str
    chart: Chart
    svg: SafeString

    @property
    def words(self) -> str:
        return self.chart.words

    @property
    def signal(self) -> bool:
        return self.chart.signal


def chart_kind(measure: Measure, view: str = "") -> str:
    """The chart drawn: the measure's own, or a run chart, or its control chart (an I chart
    for a measure charted as a run chart)."""
    if view == "run":
        return "run"
    if view == "control":
        return measure.chart if measure.chart != Measure.Chart.RUN else "i"
    return measure.chart


def observations(measure: Measure, team: Team | None) -> list[Observation]:
    """A team's values, or the network line (see the module's docstring). A figure hidden
    because it counts too few students (stored without a value) is not a point."""
    values = MeasureValue.objects.filter(measure=measure, value__isnull=False)
    if team is not None:
        return [
            Observation(v.period_start, v.value, v.numerator, v.denominator)
            for v in values.filter(team=team).order_by("period_start")
            if v.value is not None
        ]
    by_period: dict = defaultdict(list)
    for value in values.order_by("period_start"):
        by_period[value.period_start].append(value)
    return [_network_point(measure, on, found) for on, found in by_period.items()]


def _network_point(measure: Measure, on, found: list[MeasureValue]) -> Observation:
    if measure.chart in (Measure.Chart.P, Measure.Chart.U):
        counted = [v for v in found if v.numerator is not None and v.denominator]
        numerator = sum(float(v.numerator or 0) for v in counted)
        denominator = sum(float(v.denominator or 0) for v in counted)
        if denominator:
            return Observation(on, numerator / denominator, numerator, denominator)
    shown = [v.value for v in found if v.value is not None]
    return Observation(on, sum(shown) / len(shown))


def phases_of(measure: Measure, team: Team | None) -> list[ChartPhase]:
    """The phases drawn on a line: the measure's network-wide ones, and the team's own."""
    found = measure.phases.select_related("change_idea", "team__school")
    scope = Q(team__isnull=True) | Q(team=team) if team is not None else Q(team__isnull=True)
    return list(found.filter(scope).order_by("starts_on", "pk"))


def cycles_of(measure: Measure, team: Team | None) -> list[CycleMark]:
    """The PDSA cycles on a line's timeline, numbered by their start."""
    found = Cycle.objects.filter(team__network=measure.network)
    if team is not None:
        found = found.filter(team=team)
    found = found.select_related("change_idea", "team__school")
    ordered = sorted(found, key=lambda c: (c.started_on or c.planned_start, c.pk))
    return [
        CycleMark(
            number,
            cycle.title,
            cycle.change_idea.title,
            str(cycle.team),
            cycle.started_on or cycle.planned_start,
            cycle.closed_on if cycle.stage == Cycle.Stage.CLOSED else None,
            cycle.get_decision_display() if cycle.decision else "",
        )
        for number, cycle in enumerate(ordered, start=1)
    ]


def draw(
    measure: Measure,
    team: Team | None,
    *,
    view: str = "",
    rule_set: str = "anhoj",
    small: bool = False,
    with_cycles: bool = True,
) -> MeasureChart:
    """One line of a measure, analysed and drawn (small ones and those drawn
    ``with_cycles=False`` leave the PDSA cycles off the timeline)."""
    kind = chart_kind(measure, view)
    phases = [
        Phase(p.starts_on, p.label, p.change_idea.title if p.change_idea else "")
        for p in phases_of(measure, team)
    ]
    cycles = cycles_of(measure, team) if with_cycles and not small else []
    found = observations(measure, team)
    share = measure.chart == Measure.Chart.P
    if kind == "run":
        chart = run_chart(
            found, phases=phases, cycles=cycles, rule_set=rule_set, unit=measure.unit, share=share
        )
    else:
        chart = control_chart(kind, found, phases=phases, cycles=cycles, unit=measure.unit)
    line = str(team) if team is not None else "the network"
    title = f"{measure.name}, {line}: {chart.kind_name}"
    chart_id = f"measure{measure.pk}-{team.pk if team else 'network'}{'-small' if small else ''}"
    drawer = run_chart_svg if kind == "run" else control_chart_svg
    svg = drawer(chart, chart_id=chart_id, title=title, small=small)
    return MeasureChart(measure, team, kind, chart, mark_safe(svg))  # noqa: S308 (escaped)


def measure_chart(
    *, user, measure: Measure, team: Team | None, view: str = "", rule_set: str = "anhoj"
) -> MeasureChart:
    """A measure's chart for one team (or the network line), as the user may read it."""
    _require_visible(user, measure.network)
    return draw(measure, team, view=view, rule_set=rule_set)


def network_charts(*, user, network: ImprovementNetwork) -> list[MeasureChart]:
    """Every measure of the network as its network line, full size (for the meeting summary
    and its PDF); empty when the user may not read the network. Each has ``measure``,
    ``team`` (None), ``svg``, ``words``, ``signal`` and ``kind``. The summary lists the
    month's cycles beside the charts, so the charts leave every team's cycles off their
    timeline: a busy network's hundreds of cycles made them unreadable, and slow to draw
    into a PDF."""
    if not access.visible_networks(user, network.district).filter(pk=network.pk).exists():
        return []
    return [draw(measure, None, with_cycles=False) for measure in network.measures.all()]


def chart_board(*, user, network: ImprovementNetwork) -> list[tuple[str, list[MeasureChart]]]:
    """The network's measures as small charts, grouped: outcome, process, balancing."""
    _require_visible(user, network)
    groups = []
    for kind, name in Measure.Kind.choices:
        measures = network.measures.filter(kind=kind)
        groups.append((f"{name}s", [draw(m, None, small=True) for m in measures]))
    return groups


def _require_visible(user, network: ImprovementNetwork) -> None:
    access.get_network_for_user(user, network.district, network.pk)
