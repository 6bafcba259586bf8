"""Goal status by the district's rule, on trajectories worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from districtwise.analytics.strategy.progress import (
    AT_RISK,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    Point,
    Trajectory,
    goal_status,
)

# Chronic absence from 20 % (2024-06-30) down to 10 % (2028-06-30): 1461 days.
DOWN = Trajectory(D("0.20"), dt.date(2024, 6, 30), D("0.10"), dt.date(2028, 6, 30))
# Proficiency from 40 % to 60 % over the same four years.
UP = Trajectory(D("0.40"), dt.date(2024, 6, 30), D("0.60"), dt.date(2028, 6, 30))
RULE = {"on_track_share": D("0.90"), "at_risk_share": D("0.70")}
TWO_YEARS = dt.date(2026, 6, 30)  # 730 of 1461 days: the line expects 0.2 - 0.1 * 730/1461


def test_the_line_expects_the_share_of_elapsed_days():
    assert UP.expected_at(TWO_YEARS) == D("0.40") + D("0.20") * D(730) / D(1461)
    assert UP.expected_at(dt.date(2023, 1, 1)) == D("0.40")
    assert UP.expected_at(dt.date(2030, 1, 1)) == D("0.60")


def test_a_falling_indicator_that_fell_as_expected_is_on_track():
    # Expected 0.20 - 0.04997 = 0.15003; actual 0.155 is 0.045 / 0.04997 = 90.06 %.
    status = goal_status(DOWN, [Point(TWO_YEARS, D("0.155"))], **RULE)
    assert status.code == ON_TRACK
    assert status.share == D("0.901")


def test_between_the_two_shares_is_at_risk_and_below_is_off_track():
    # 0.165: 0.035 / 0.04997 = 70.04 % -> at risk; 0.166: 68.04 % -> off track.
    assert goal_status(DOWN, [Point(TWO_YEARS, D("0.165"))], **RULE).code == AT_RISK
    assert goal_status(DOWN, [Point(TWO_YEARS, D("0.166"))], **RULE).code == OFF_TRACK


def test_moving_the_wrong_way_is_off_track_with_a_negative_share():
    status = goal_status(UP, [Point(TWO_YEARS, D("0.38"))], **RULE)
    assert status.code == OFF_TRACK
    assert status.share is not None and status.share < 0
    assert "Rule: on track from 90 %, at risk from 70 %" in status.reason


def test_the_newest_figure_decides_and_gaps_are_skipped_not_read_as_zero():
    points = [
        Point(dt.date(2025, 6, 30), D("0.41")),
        Point(TWO_YEARS, D("0.495")),  # 0.095 / 0.09993 = 95 % -> on track
        Point(dt.date(2027, 6, 30), None),  # a year with no figure
    ]
    assert goal_status(UP, points, **RULE).code == ON_TRACK


def test_a_target_reached_early_is_on_track():
    status = goal_status(UP, [Point(dt.date(2025, 6, 30), D("0.61"))], **RULE)
    assert status.code == ON_TRACK
    assert "reached the target" in status.reason


def test_without_a_trajectory_or_a_figure_there_is_no_status():
    assert goal_status(None, [Point(TWO_YEARS, D("0.5"))], **RULE).code == NO_DATA
    assert goal_status(UP, [], **RULE).code == NO_DATA
    assert goal_status(UP, [Point(TWO_YEARS, None)], **RULE).code == NO_DATA
