"""Delivery logs written through the services: what is saved, what is refused and why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from districtwise.core.models import AuditEntry
from districtwise.supports.models import DeliveryLog
from districtwise.supports.services import logs as services
from tests import factories as f
from tests.supports.logs_fixtures import A_MONDAY, north_1

pytestmark = pytest.mark.django_db


def entry(n, cast, **changes) -> services.LogEntry:
    values = dict(
        support=n.plc,
        school=cast.north_1,
        delivered_on=A_MONDAY,
        minutes=45,
        teachers=(n.ada, n.ben),
        delivered_by=cast["coach_north_1"].people.get(),
    )
    return services.LogEntry(**(values | changes))


def refused(cast, e) -> dict[str, list[str]]:
    before = DeliveryLog.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.log_create(actor=cast["coach_north_1"], district=cast.district, entry=e)
    assert DeliveryLog.objects.count() == before
    return caught.value.message_dict


def test_a_plc_is_logged_with_its_attendees_and_audited(cast):
    n = north_1(cast)
    log = services.log_create(
        actor=cast["coach_north_1"], district=cast.district, entry=entry(n, cast)
    )
    assert set(log.teachers.all()) == {n.ada, n.ben}
    assert log.minutes == 45 and log.created_by == cast["coach_north_1"]
    assert AuditEntry.objects.filter(object_id=str(log.pk), action="create").exists()


def test_a_log_dated_tomorrow_is_refused(cast):
    n = north_1(cast)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    problems = refused(cast, entry(n, cast, delivered_on=tomorrow))
    assert "in the future" in problems["delivered_on"][0]


def test_a_log_in_the_summer_between_school_years_is_refused(cast):
    n = north_1(cast)
    problems = refused(cast, entry(n, cast, delivered_on=dt.date(2026, 7, 20)))
    assert "outside the district's school years" in problems["delivered_on"][0]
    assert "2025-08-18 to 2026-06-12" in problems["delivered_on"][0]


def test_a_teacher_before_their_assignment_starts_is_refused(cast):
    n = north_1(cast)
    problems = refused(cast, entry(n, cast, teachers=(n.ada, n.cy)))
    assert problems["teachers"] == [
        f"{n.cy} starts teaching at {cast.north_1} on 2026-01-12, after 2025-10-06."
    ]


def test_the_mid_year_hire_may_attend_after_their_start(cast):
    n = north_1(cast)
    e = entry(n, cast, delivered_on=dt.date(2026, 1, 12), teachers=(n.cy,))
    log = services.log_create(actor=cast["coach_north_1"], district=cast.district, entry=e)
    assert list(log.teachers.all()) == [n.cy]


def test_an_attendee_teaching_at_another_school_is_refused(cast):
    n = north_1(cast)
    elsewhere = f.TeacherAssignmentFactory(school=cast.north_2).teacher
    problems = refused(cast, entry(n, cast, teachers=(n.ada, elsewhere)))
    assert problems["teachers"] == [
        f"{elsewhere} is not a teacher at {cast.north_1} on 2025-10-06 (see the school's roster)."
    ]


def test_an_attendee_whose_assignment_ended_is_refused(cast):
    n = north_1(cast)
    n.ada_row.ends_on = dt.date(2025, 9, 30)
    n.ada_row.save()
    problems = refused(cast, entry(n, cast))
    assert "is not a teacher at" in problems["teachers"][0]


def test_a_log_without_attendees_is_refused(cast):
    n = north_1(cast)
    assert refused(cast, entry(n, cast, teachers=()))["teachers"] == [
        "Choose at least one teacher who received it."
    ]


@pytest.mark.parametrize("minutes", [0, -30])
def test_minutes_must_be_positive(cast, minutes):
    n = north_1(cast)
    assert "positive" in refused(cast, entry(n, cast, minutes=minutes))["minutes"][0]


def test_a_deliverer_of_another_school_is_refused(cast):
    n = north_1(cast)
    other_principal = cast["principal_south_1"].people.get()
    problems = refused(cast, entry(n, cast, delivered_by=other_principal))
    assert "works neither at" in problems["delivered_by"][0]


def test_a_central_office_coach_may_deliver(cast):
    n = north_1(cast)
    central = f.PersonFactory(district=cast.district, user=None, department=cast.department)
    log = services.log_create(
        actor=cast["coach_north_1"],
        district=cast.district,
        entry=entry(n, cast, delivered_by=central),
    )
    assert log.delivered_by == central


def test_feedback_before_the_observation_is_refused(cast):
    n = north_1(cast)
    e = entry(n, cast, support=n.observation, feedback_on=A_MONDAY - dt.timedelta(days=1))
    assert "on or after" in refused(cast, e)["feedback_on"][0]


def test_every_problem_is_reported_at_once(cast):
    n = north_1(cast)
    problems = refused(cast, entry(n, cast, minutes=0, teachers=()))
    assert set(problems) == {"minutes", "teachers"}


def test_a_correction_replaces_the_attendees_and_the_history_keeps_the_old_ones(cast):
    n = north_1(cast)
    actor = cast["coach_north_1"]
    log = services.log_create(actor=actor, district=cast.district, entry=entry(n, cast))
    services.log_update(actor=actor, log=log, entry=entry(n, cast, teachers=(n.ada,), minutes=50))
    log.refresh_from_db()
    assert list(log.teachers.all()) == [n.ada] and log.minutes == 50
    change = AuditEntry.objects.get(object_id=str(log.pk), action="update").changes
    assert change["minutes"] == [45, 50]
    assert change["teachers"] == [f"{n.ada}, {n.ben}", str(n.ada)]


def test_a_refused_correction_changes_nothing(cast):
    n = north_1(cast)
    with pytest.raises(ValidationError):
        services.log_update(actor=cast["coach_north_1"], log=n.log, entry=entry(n, cast, minutes=0))
    n.log.refresh_from_db()
    assert n.log.minutes == 45 and list(n.log.teachers.all()) == [n.ada]


def test_a_deleted_log_is_gone_and_audited(cast):
    n = north_1(cast)
    pk = n.log.pk
    services.log_delete(actor=cast["coach_north_1"], log=n.log)
    assert not DeliveryLog.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.get(object_id=str(pk), action="delete").changes["teachers"][0] == str(
        n.ada
    )


def test_a_group_takes_only_teachers_of_the_roster(cast):
    n = north_1(cast)
    stranger = f.TeacherAssignmentFactory(school=cast.south_1).teacher
    with pytest.raises(ValidationError) as caught:
        services.teacher_group_create(
            actor=cast["coach_north_1"],
            district=cast.district,
            school=cast.north_1,
            name="Grade 4 team",
            members=[n.ada, stranger],
        )
    assert str(stranger) in caught.value.message_dict["members"][0]


def test_a_group_name_is_unique_at_its_school(cast):
    n = north_1(cast)
    with pytest.raises(ValidationError) as caught:
        services.teacher_group_create(
            actor=cast["coach_north_1"],
            district=cast.district,
            school=cast.north_1,
            name="Grade 3 team",
            members=[n.ada],
        )
    assert "already has a group" in caught.value.message_dict["name"][0]
