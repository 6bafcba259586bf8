"""Progress data as CSV: every goal, period and student group with its figure, the value
the line from baseline to target expects, and the status by the district's rule as of that
period. Read through ``selectors.progress`` (scoping and suppression): a hidden figure is
an empty value with the reason, never a number; text cells are neutralised against
spreadsheet formulas (``core.exports``)."""

from __future__ import annotations

from decimal import Decimal

from districtwise.core.exports import csv_text
from districtwise.strategy.selectors.progress import (
    GoalProgress,
    GroupProgress,
    progress_list,
    status_of,
)

HEADER = (
    "goal_code",
    "goal",
    "indicator",
    "group_type",
    "group",
    "period_ending",
    "value",
    "figure_note",
    "expected",
    "status",
)
FOUR_PLACES = Decimal("0.0001")


def progress_csv(*, user, district) -> str:
    """The progress of every goal the user may see, one row per goal, group and period."""
    rows = [
        row
        for progress in progress_list(user=user, district=district)
        for line in progress.lines
        for row in _line_rows(progress, line)
    ]
    return csv_text(HEADER, rows)


def figure_note(point_value: Decimal | None, withheld: str, small_count: int) -> str:
    """Why a period shows no number: no figure, or hidden for privacy."""
    if point_value is not None:
        return ""
    if withheld == "complementary":
        return f"hidden: it would reveal a group of fewer than {small_count} students"
    if withheld:
        return f"hidden: fewer than {small_count} students"
    return "no figure"


def _line_rows(progress: GoalProgress, line: GroupProgress) -> list[list[object]]:
    goal, plan = progress.goal, progress.goal.plan
    indicator = goal.indicator.name if goal.indicator else ""
    if not line.points:
        # A goal without any period still has its row: nothing to show yet.
        group = [line.group_type, line.group]
        return [
            [
                goal.code,
                goal.title,
                indicator,
                *group,
                None,
                None,
                "no figure",
                None,
                line.status.name,
            ]
        ]
    rows: list[list[object]] = []
    for point in line.points:
        expected = line.expected_at(point.on)
        upto = [p for p in line.points if p.on <= point.on]
        status = status_of(plan, goal, line.trajectory, upto)
        rows.append(
            [
                goal.code,
                goal.title,
                indicator,
                line.group_type,
                line.group,
                point.on.isoformat(),
                str(point.value) if point.value is not None else None,
                figure_note(point.value, point.withheld, progress.small_count),
                str(expected.quantize(FOUR_PLACES)) if expected is not None else None,
                status.name,
            ]
        )
    return rows
