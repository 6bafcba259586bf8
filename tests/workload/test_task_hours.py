"""The task audit's arithmetic, worked out by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from districtwise.workload.task_hours import (
    PRINCIPAL_WEEKS_PER_YEAR,
    TaskHours,
    hours_per_week,
    hours_returned,
    most_hours,
)


def test_the_principals_year_has_forty_weeks():
    assert PRINCIPAL_WEEKS_PER_YEAR == 40


@pytest.mark.parametrize(
    ("hours", "unit", "weekly"),
    [
        (D("80"), "year", D("2.00")),  # budget: 80 h a year over 40 weeks
        (D("30"), "year", D("0.75")),
        (D("10"), "year", D("0.25")),
        (D("1"), "year", D("0.03")),  # 0.025 rounds half up
        (D("5.5"), "week", D("5.50")),
    ],
)
def test_hours_a_year_are_spread_over_the_working_weeks(hours, unit, weekly):
    assert hours_per_week(hours, unit) == weekly


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="Unknown unit"):
        hours_per_week(D("1"), "month")


def test_one_task_cannot_take_more_than_every_hour_of_every_week():
    assert most_hours("week") == D(168)
    assert most_hours("year") == D(6720)  # 168 a week, 40 weeks


def test_only_done_decisions_count_as_returned():
    tasks = [
        TaskHours(D("10")),  # no decision: audited only
        TaskHours(D("4"), "keep", "done"),  # kept: stays on the plate
        TaskHours(D("3"), "central", "done"),  # returned
        TaskHours(D("1.5"), "eliminate", "done"),  # returned
        TaskHours(D("2"), "delegate", "proposed"),  # planned
        TaskHours(D("2.25"), "central", "agreed"),  # planned
        TaskHours(D("0.75"), "central", "in_progress"),  # planned
    ]
    result = hours_returned(tasks)
    assert result.audited == D("23.5")
    assert result.returned == D("4.5")
    assert result.planned == D("5")


def test_nothing_audited_returns_nothing():
    result = hours_returned([])
    assert (result.audited, result.returned, result.planned) == (0, 0, 0)
