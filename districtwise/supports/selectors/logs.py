"""Reads of delivery logs, teacher groups and a school's teaching roster, for a user."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from districtwise.organization.models import Person, School, SchoolYear
from districtwise.supports import selectors
from districtwise.supports.models import DeliveryLog, TeacherAssignment, TeacherGroup


def school_logs(
    *,
    user,
    district,
    school: School,
    support_id: int | None = None,
    month: dt.date | None = None,
    teacher_id: int | None = None,
    since: dt.date | None = None,
) -> QuerySet[DeliveryLog]:
    """A school's delivery logs the user may read, newest first, optionally of one
    support, one month (any day of it), one teacher, or from a day on."""
    logs = selectors.log_list(user=user, district=district).filter(school=school)
    if support_id:
        logs = logs.filter(support_id=support_id)
    if month:
        logs = logs.filter(delivered_on__year=month.year, delivered_on__month=month.month)
    if teacher_id:
        logs = logs.filter(attendees__teacher_id=teacher_id)
    if since:
        logs = logs.filter(delivered_on__gte=since)
    return logs.annotate(attendee_count=Count("attendees", distinct=True)).prefetch_related(
        "teachers"
    )


def teachers_on(*, user, district, school: School, on: dt.date) -> QuerySet[Person]:
    """The teachers on the school's roster on a day (an assignment covering it)."""
    rows = selectors.assignment_list(user=user, district=district).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on), school=school, starts_on__lte=on
    )
    return Person.objects.filter(pk__in=rows.values("teacher_id")).order_by(
        "family_name", "given_name"
    )


def school_teachers(*, user, district, school: School) -> QuerySet[Person]:
    """Everyone ever on the school's roster (for filters and groups)."""
    rows = selectors.assignment_list(user=user, district=district).filter(school=school)
    return Person.objects.filter(pk__in=rows.values("teacher_id")).order_by(
        "family_name", "given_name"
    )


def school_groups(*, user, district, school: School) -> QuerySet[TeacherGroup]:
    """The school's teacher groups with their members."""
    if not selectors.school_list(user=user, district=district).filter(pk=school.pk).exists():
        return TeacherGroup.objects.none()
    return (
        TeacherGroup.objects.filter(school=school)
        .select_related("support")
        .prefetch_related("members")
    )


def school_roster(
    *, user, district, school: School, school_year: int | None = None
) -> QuerySet[TeacherAssignment]:
    """The school's teaching roster of a school year (the current one by default)."""
    if school_year is None:
        current = SchoolYear.objects.filter(district=district, is_current=True).first()
        school_year = current.year if current else dt.date.today().year
    rows = selectors.assignment_list(user=user, district=district, school_year=school_year)
    return rows.filter(school=school).order_by(
        "teacher__family_name", "teacher__given_name", "starts_on"
    )
