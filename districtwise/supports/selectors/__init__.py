"""Reads of teacher supports, always for a user and only what that user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from districtwise.core.scopes import scope_for
from districtwise.organization.models import School
from districtwise.supports import access
from districtwise.supports.models import DeliveryLog, Support, TeacherAssignment


def support_list(*, user, district, include_retired: bool = False) -> QuerySet[Support]:
    """The district's support catalogue, for anyone who may read it (empty otherwise)."""
    scope = scope_for(user, district)
    if not scope.has_any(access.CATALOGUE_READERS):
        return Support.objects.none()
    supports = Support.objects.filter(district=district).select_related("owner_department")
    return supports if include_retired else supports.filter(is_active=True)


def school_list(*, user, district) -> QuerySet[School]:
    """The schools whose supports pages the user reads."""
    seen = access.visible_school_ids(scope_for(user, district))
    schools = School.objects.filter(district=district).select_related("network")
    return schools if seen is None else schools.filter(pk__in=seen)


def log_list(*, user, district) -> QuerySet[DeliveryLog]:
    """Delivery logs of the schools the user reads, newest first."""
    seen = access.visible_school_ids(scope_for(user, district))
    logs = DeliveryLog.objects.filter(district=district, support__district=district)
    logs = logs.select_related("support", "school", "delivered_by")
    return logs if seen is None else logs.filter(school_id__in=seen)


def assignment_list(*, user, district, school_year: int | None = None):
    """The teaching roster of the schools the user reads (optionally one school year)."""
    seen = access.visible_school_ids(scope_for(user, district))
    rows = TeacherAssignment.objects.filter(district=district).select_related("teacher", "school")
    if school_year is not None:
        rows = rows.filter(school_year=school_year)
    return rows if seen is None else rows.filter(school_id__in=seen)
