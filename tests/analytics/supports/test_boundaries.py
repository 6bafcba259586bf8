"""The boundary checker on hand-worked cases: what a school wrote against what the
district requires."""

from __future__ import annotations

from fractions import Fraction

import pytest

from districtwise.analytics.supports.boundaries import (
    DeliveryPlan,
    boundary_conflicts,
    per_week,
)

# The demo's PLC: at least once a week, 45 minutes, by teachers or leaders, one protocol.
PLC = DeliveryPlan(1, "week", 45, ("teacher", "coach", "principal"), "Looking at student work")
# Coaching: twice a month, 30 minutes, by a coach.
COACHING = DeliveryPlan(2, "month", 30, ("coach",), "Coaching cycle guide")


def school(**changes):
    values = {
        "occurrences": 1,
        "period": "week",
        "minutes": 45,
        "delivered_by": ("teacher",),
        "protocol": "",
    }
    return DeliveryPlan(**(values | changes))


def rules(found):
    return [c.rule for c in found]


def test_a_plan_that_matches_the_nonnegotiable_has_no_conflict():
    assert boundary_conflicts(school(), PLC) == []


def test_it_normalises_periods_to_weeks():
    # A month is 4.33 weeks: twice a month is 2 / 4.33 = 200/433 a week.
    assert per_week(2, "month") == Fraction(200, 433)
    # A school year is 36 weeks: 72 a year is twice a week.
    assert per_week(72, "year") == 2
    with pytest.raises(ValueError, match="fortnight"):
        per_week(1, "fortnight")


def test_plc_every_other_week_is_too_rare():
    # Every other week written as twice a month: 0.46 a week < 1 a week.
    found = boundary_conflicts(school(occurrences=2, period="month"), PLC)
    assert rules(found) == ["frequency"]
    assert found[0].message == (
        "The school wrote twice per month; the district requires at least once per week."
    )


def test_five_a_month_meets_once_a_week_but_four_does_not():
    # 5 / 4.33 = 1.15 a week >= 1; 4 / 4.33 = 0.92 a week < 1.
    assert boundary_conflicts(school(occurrences=5, period="month"), PLC) == []
    assert rules(boundary_conflicts(school(occurrences=4, period="month"), PLC)) == ["frequency"]


def test_once_a_week_meets_twice_a_month():
    # 1 a week >= 2 / 4.33 = 0.46 a week.
    plan = school(minutes=30, delivered_by=("coach",))
    assert boundary_conflicts(plan, COACHING) == []


def test_thirty_minute_plc_is_too_short_and_says_both_figures():
    found = boundary_conflicts(school(minutes=30), PLC)
    assert rules(found) == ["minutes"]
    assert "30 minutes each time" in found[0].message
    assert "at least 45 minutes" in found[0].message


def test_no_minimum_means_any_length():
    assert boundary_conflicts(school(minutes=5), DeliveryPlan(1, "week", 0)) == []


def test_a_role_the_support_does_not_allow_is_named_in_words():
    names = {"coach": "Instructional coach", "specialist": "Specialist"}
    plan = school(minutes=30, delivered_by=("coach", "specialist"))
    found = boundary_conflicts(plan, COACHING, names)
    assert rules(found) == ["deliverer"]
    assert found[0].message == (
        "The school wrote delivered by Specialist; "
        "the district requires delivery by Instructional coach only."
    )


def test_anyone_may_deliver_when_the_support_names_no_role():
    assert (
        boundary_conflicts(school(delivered_by=("specialist",)), DeliveryPlan(1, "week", 45)) == []
    )


def test_a_different_protocol_conflicts_but_case_and_spacing_do_not():
    assert boundary_conflicts(school(protocol="  looking at STUDENT  work"), PLC) == []
    found = boundary_conflicts(school(protocol="Our own agenda"), PLC)
    assert rules(found) == ["protocol"]
    assert "“Our own agenda”" in found[0].message


def test_a_school_naming_no_protocol_uses_the_districts():
    assert boundary_conflicts(school(protocol=""), PLC) == []


def test_every_conflict_is_listed_in_order():
    plan = school(
        occurrences=1, period="month", minutes=20, delivered_by=("specialist",), protocol="Other"
    )
    assert rules(boundary_conflicts(plan, PLC)) == ["frequency", "minutes", "deliverer", "protocol"]
