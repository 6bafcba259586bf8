"""Reads of progress: an indicator's figures over time and each goal's status.

Figures computed from the district's data come through the equity audit's
``audit_table``, so the user's scope and the small-count suppression apply: a figure the
user may not see is a gap, exactly like a period with no figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from districtwise.analytics.strategy.progress import Point, Status, Trajectory, goal_status
from districtwise.organization.models import SchoolYear
from districtwise.strategy.models import Goal, Indicator, IndicatorValue, Plan
from districtwise.strategy.selectors.plan import goal_list, plan_for


def year_end(district, school_year: int) -> dt.date:
    """The last day of a school year: the district's calendar, else June 30."""
    year = SchoolYear.objects.filter(district=district, year=school_year).first()
    return year.ends_on if year is not None else dt.date(school_year, 6, 30)


def indicator_series(
    *, user, district, indicator: Indicator, group_type: str = "all", group: str = "all"
) -> list[Point]:
    """The indicator's figures, oldest first, for all students or one group. Hand-entered
    figures as entered; computed ones per school year of the current audit (district
    level), dated at the end of the year."""
    if indicator.source == Indicator.Source.MANUAL:
        rows = IndicatorValue.objects.filter(
            indicator=indicator, group_type=group_type, group=group
        ).order_by("measured_on")
        return [Point(row.measured_on, row.value) for row in rows]
    return _engine_series(user, district, indicator, group_type, group)


def _engine_series(user, district, indicator: Indicator, group_type: str, group: str):
    from districtwise.equity.selectors import audit_table

    table = audit_table(
        user=user, district=district, unit_type="district", dimension=indicator.dimension or None
    )
    points = []
    for row in table.to_pylist():
        if (row["metric"], row["group_type"], row["group"]) != (
            indicator.metric,
            group_type,
            group,
        ):
            continue
        value = row["value"]
        shown = value is not None and row["status"] != "suppressed"
        points.append(
            Point(
                year_end(district, int(row["school_year"])),
                Decimal(str(round(value, 6))) if shown else None,
            )
        )
    return sorted(points, key=lambda p: p.on)


def trajectory_of(goal: Goal) -> Trajectory | None:
    """The goal's line from baseline to target, if all four ends are set."""
    ends = (goal.baseline_value, goal.baseline_on, goal.target_value, goal.target_on)
    if any(end is None for end in ends):
        return None
    return Trajectory(goal.baseline_value, goal.baseline_on, goal.target_value, goal.target_on)  # type: ignore[arg-type]


def status_of_goal(*, user, district, goal: Goal, plan: Plan) -> Status:
    """The goal's status by the district's rule (``analytics.strategy.progress``)."""
    points = (
        indicator_series(user=user, district=district, indicator=goal.indicator)
        if goal.indicator is not None
        else []
    )
    if goal.baseline_on is not None:
        points = [p for p in points if p.on > goal.baseline_on]
    return goal_status(
        trajectory_of(goal),
        points,
        on_track_share=plan.on_track_share,
        at_risk_share=plan.at_risk_share,
    )


def goal_statuses(*, user, district) -> dict[int, Status]:
    """Every visible goal's status, by goal id (empty without a plan)."""
    plan = plan_for(user=user, district=district)
    if plan is None:
        return {}
    return {
        goal.pk: status_of_goal(user=user, district=district, goal=goal, plan=plan)
        for goal in goal_list(user=user, district=district)
    }
