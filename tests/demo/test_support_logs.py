"""The demo's delivery logs on a small hand-built district: each planted gap is in the logs,
and the other schools are not gappy in the same way."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from districtwise.demo.support_logs import (
    PLANTED_GAPS,
    REFERENCE_DATE,
    UNOBSERVED_TEACHERS,
    support_logs_build,
)
from districtwise.organization.models import SchoolYear
from districtwise.supports.models import DeliveryLog, LogAttendee, TeacherGroup
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(cast):
    district = cast.district
    SchoolYear.objects.create(
        district=district,
        year=2026,
        starts_on=dt.date(2025, 7, 1),
        ends_on=dt.date(2026, 6, 30),
        is_current=True,
    )
    for code, kind in (
        ("plc", "plc"),
        ("coaching", "coaching"),
        ("observation", "observation"),
        ("onboarding", "onboarding"),
        ("hqim", "materials"),
    ):
        f.SupportFactory(district=district, code=code, kind=kind, owner_department=cast.department)
    for school in (cast.north_1, cast.north_2, cast.south_1):
        f.PersonFactory(district=district, user=None, school=school, title="Instructional coach")
        for years in (0, 1, 5, 8, 12, 3, 20):  # seven teachers, two of them new
            f.TeacherAssignmentFactory(
                school=school, starts_on=dt.date(2025, 7, 1), years_experience=years
            )
    return support_logs_build(district=district), district


def logs_of(district, code: str, **where):
    return DeliveryLog.objects.filter(district=district, support__code=code, **where)


def new_teachers(school):
    return [a.teacher_id for a in school.teacher_assignments.filter(years_experience__lt=2)]


def test_each_planted_gap_names_a_different_school(built):
    result, _ = built
    assert set(result.gaps) == set(PLANTED_GAPS)
    assert len(set(result.gaps.values())) == 3
    assert len(result.unobserved) == UNOBSERVED_TEACHERS
    assert result.logs == DeliveryLog.objects.count()


def test_new_teachers_get_no_coaching_at_the_planted_school_and_twice_a_month_elsewhere(
    cast, built
):
    result, district = built
    for school in (cast.north_1, cast.north_2, cast.south_1):
        coached = Counter(
            LogAttendee.objects.filter(
                log__in=logs_of(district, "coaching", school=school, delivered_on__month=10)
            ).values_list("teacher_id", flat=True)
        )
        if school.code == result.gaps["no_coaching"]:
            assert not logs_of(district, "coaching", school=school).exists()
        else:
            assert {t: coached[t] for t in new_teachers(school)} == {
                t: 2 for t in new_teachers(school)
            }


def test_plcs_meet_every_other_week_at_the_planted_school_and_weekly_elsewhere(cast, built):
    result, district = built
    # October and November 2025: nine weeks, Monday 6 October to Friday 5 December.
    weeks = {"delivered_on__gte": dt.date(2025, 10, 6), "delivered_on__lte": dt.date(2025, 12, 5)}
    for school in (cast.north_1, cast.north_2, cast.south_1):
        per_team = Counter(
            logs_of(district, "plc", school=school, **weeks).values_list("notes", flat=True)
        )
        teams = set(TeacherGroup.objects.filter(school=school).values_list("name", flat=True))
        assert set(per_team) == teams
        expected = {4, 5} if school.code == result.gaps["plc_every_other_week"] else {9}
        assert set(per_team.values()) <= expected, school.code


def test_the_planted_teachers_are_never_observed_and_everyone_else_monthly(cast, built):
    result, district = built
    observed = Counter(
        LogAttendee.objects.filter(log__in=logs_of(district, "observation")).values_list(
            "teacher__staff_id", flat=True
        )
    )
    months = 7  # September to March; the first days of school in August may miss one
    for school in (cast.north_1, cast.north_2, cast.south_1):
        for a in school.teacher_assignments.select_related("teacher"):
            staff_id = a.teacher.staff_id
            if staff_id in result.unobserved:
                assert observed[staff_id] == 0
            else:
                assert observed[staff_id] >= months, staff_id
    planted = [
        s
        for s in (cast.north_1, cast.north_2, cast.south_1)
        if s.code == result.gaps["never_observed"]
    ]
    assert {a.teacher.staff_id for a in planted[0].teacher_assignments.all()} >= set(
        result.unobserved
    )


def test_no_log_is_after_the_reference_date_or_before_school_starts(built):
    _, district = built
    days = DeliveryLog.objects.filter(district=district).values_list("delivered_on", flat=True)
    assert min(days) >= dt.date(2025, 8, 18) and max(days) <= REFERENCE_DATE
    assert all(d.weekday() < 5 for d in days)
