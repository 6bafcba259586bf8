"""Reads of progress: an indicator's figures over time and each goal's status, overall and
per student group.

Figures computed from the district's data come through a metric source
(``strategy.metric_sources``; the equity audit's ``audit_table``), so the user's scope and
the small-count suppression apply: a figure the user may not see is a gap, exactly like a
period with no figure. Hand-entered figures are read as entered; their periods are the
dates any figure of the indicator was entered for, so a group missing a period the others
have shows a gap there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from districtwise.analytics.strategy.progress import (
    Point,
    Status,
    Trajectory,
    goal_status,
)
from districtwise.core.scopes import scope_for
from districtwise.organization.models import SchoolYear
from districtwise.strategy import access, metric_sources
from districtwise.strategy.charts.progress import show_figure
from districtwise.strategy.models import Goal, GoalGroupTarget, Indicator, IndicatorValue, Plan
from districtwise.strategy.selectors.plan import goal_list, plan_for

ALL = ("all", "all")


def year_end(district, school_year: int) -> dt.date:
    """The last day of a school year: the district's calendar, else June 30."""
    year = SchoolYear.objects.filter(district=district, year=school_year).first()
    return year.ends_on if year is not None else dt.date(school_year, 6, 30)


def indicator_list(*, user, district) -> QuerySet[Indicator]:
    """The district's indicators, for readers of the plan (none for anyone else)."""
    if not access.may_read_plan(scope_for(user, district)):
        return Indicator.objects.none()
    return Indicator.objects.filter(district=district)


def indicator_periods(*, user, district, indicator: Indicator) -> list[dt.date]:
    """The periods the indicator reports on, oldest first: the source's periods for a
    computed one; every date a figure was entered for, for a hand-entered one."""
    if indicator.source == Indicator.Source.MANUAL:
        dates = IndicatorValue.objects.filter(indicator=indicator).values_list(
            "measured_on", flat=True
        )
        return sorted(set(dates))
    source = metric_sources.source_for(indicator.dimension)
    return source.periods(user=user, district=district) if source is not None else []


def indicator_series(
    *, user, district, indicator: Indicator, group_type: str = "all", group: str = "all"
) -> list[Point]:
    """The indicator's figures, oldest first, for all students or one group, one point per
    period of ``indicator_periods``: a period without a figure (or with a hidden one) is a
    point without value, never zero."""
    if indicator.source == Indicator.Source.MANUAL:
        rows = IndicatorValue.objects.filter(
            indicator=indicator, group_type=group_type, group=group
        )
        known = {row.measured_on: row.value for row in rows}
        periods = indicator_periods(user=user, district=district, indicator=indicator)
        return [Point(on, known.get(on)) for on in periods]
    source = metric_sources.source_for(indicator.dimension)
    if source is None:
        return []
    return source.series(
        user=user,
        district=district,
        dimension=indicator.dimension,
        metric=indicator.metric,
        group_type=group_type,
        group=group,
    )


def trajectory_of(goal: Goal, target: GoalGroupTarget | None = None) -> Trajectory | None:
    """The line from baseline to target (of the goal, or of one of its student groups,
    which share the goal's dates), if all four ends are set."""
    baseline = target.baseline_value if target is not None else goal.baseline_value
    aim = target.target_value if target is not None else goal.target_value
    ends = (baseline, goal.baseline_on, aim, goal.target_on)
    if any(end is None for end in ends):
        return None
    return Trajectory(baseline, goal.baseline_on, aim, goal.target_on)  # type: ignore[arg-type]


def _since_baseline(goal: Goal, points: list[Point]) -> list[Point]:
    if goal.baseline_on is None:
        return points
    return [p for p in points if p.on > goal.baseline_on]


def status_of(plan: Plan, goal: Goal, trajectory: Trajectory | None, points: list[Point]):
    """The status by the district's rule, from the figures after the baseline date."""
    return goal_status(
        trajectory,
        _since_baseline(goal, points),
        on_track_share=plan.on_track_share,
        at_risk_share=plan.at_risk_share,
        show=_in_unit_of(goal.indicator),
    )


def _in_unit_of(indicator: Indicator | None):
    """Write figures in the indicator's unit (rates as percentages) in a status's reason."""
    unit = indicator.unit if indicator is not None else Indicator.Unit.NUMBER
    return lambda value: show_figure(value, unit)


def status_of_goal(*, user, district, goal: Goal, plan: Plan) -> Status:
    """The goal's status by the district's rule (``analytics.strategy.progress``)."""
    points = (
        indicator_series(user=user, district=district, indicator=goal.indicator)
        if goal.indicator is not None
        else []
    )
    return status_of(plan, goal, trajectory_of(goal), points)


def goal_statuses(*, user, district) -> dict[int, Status]:
    """Every visible goal's status, by goal id (empty without a plan)."""
    plan = plan_for(user=user, district=district)
    if plan is None:
        return {}
    return {
        goal.pk: status_of_goal(user=user, district=district, goal=goal, plan=plan)
        for goal in goal_list(user=user, district=district)
    }


@dataclass(frozen=True)
class GroupProgress:
    """One line of a goal's progress: all students, or one student group of an equity goal,
    with its own line from baseline to target and its status by the same rule."""

    group_type: str
    group: str
    trajectory: Trajectory | None
    points: list[Point]
    status: Status

    @property
    def is_all(self) -> bool:
        return (self.group_type, self.group) == ALL

    @property
    def key(self) -> str:
        return f"{self.group_type}:{self.group}"

    def expected_at(self, day: dt.date) -> Decimal | None:
        return self.trajectory.expected_at(day) if self.trajectory is not None else None

    def has_figure_for(self, day: dt.date) -> bool:
        """Whether the line shows a figure for the period ending ``day``."""
        return any(p.on == day and p.value is not None for p in self.points)


@dataclass(frozen=True)
class GoalProgress:
    """A goal's progress: all students first, then each group with a target."""

    goal: Goal
    overall: GroupProgress
    groups: list[GroupProgress] = field(default_factory=list)
    small_count: int = 10

    @property
    def lines(self) -> list[GroupProgress]:
        return [self.overall, *self.groups]

    @property
    def latest_period(self) -> dt.date | None:
        days = [p.on for line in self.lines for p in line.points]
        return max(days) if days else None


def goal_progress(*, user, district, goal: Goal, plan: Plan) -> GoalProgress:
    """The goal's progress as the user may see it: figures, target lines and statuses for
    all students and for each student group the goal sets a target for."""
    lines = [_line(user, district, plan, goal, None)]
    lines += [_line(user, district, plan, goal, t) for t in goal.group_targets.all()]
    return GoalProgress(goal, lines[0], lines[1:], _small_count(user, district, goal))


def _line(user, district, plan: Plan, goal: Goal, target: GoalGroupTarget | None):
    group_type, group = (target.group_type, target.group) if target is not None else ALL
    points = (
        indicator_series(
            user=user,
            district=district,
            indicator=goal.indicator,
            group_type=group_type,
            group=group,
        )
        if goal.indicator is not None
        else []
    )
    trajectory = trajectory_of(goal, target)
    status = status_of(plan, goal, trajectory, points)
    return GroupProgress(group_type, group, trajectory, points, status)


def _small_count(user, district, goal: Goal) -> int:
    indicator = goal.indicator
    source = metric_sources.source_for(indicator.dimension) if indicator is not None else None
    if source is None or indicator is None or indicator.source == Indicator.Source.MANUAL:
        return 10
    return source.small_count(user=user, district=district)


def progress_list(*, user, district, status: str = "") -> list[GoalProgress]:
    """Every visible goal's progress, highest priority first; with ``status`` only the goals
    with that status overall or for any of their groups."""
    plan = plan_for(user=user, district=district)
    if plan is None:
        return []
    goals = goal_list(user=user, district=district).prefetch_related("group_targets")
    found = [goal_progress(user=user, district=district, goal=g, plan=plan) for g in goals]
    if not status:
        return found
    return [p for p in found if any(line.status.code == status for line in p.lines)]
