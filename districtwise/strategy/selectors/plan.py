"""Reads of the district's plan. Each takes the user and returns only what they may see
(``access`` says who sees what)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from districtwise.core.scopes import scope_for
from districtwise.strategy.access import may_read_plan
from districtwise.strategy.models import Goal, Initiative, Participation, Plan


def plan_for(*, user, district) -> Plan | None:
    """The district's plan, if it has one and the user may read it."""
    if not may_read_plan(scope_for(user, district)):
        return None
    return Plan.objects.filter(district=district).first()


def goal_list(*, user, district) -> QuerySet[Goal]:
    """The plan's goals, highest priority first: every reader of the plan sees them all."""
    if not may_read_plan(scope_for(user, district)):
        return Goal.objects.none()
    return Goal.objects.filter(plan__district=district).select_related(
        "indicator", "owner_department"
    )


def initiative_list(*, user, district) -> QuerySet[Initiative]:
    """The initiatives the user may see: all of them for district-wide roles; for network
    leads and school leaders those running in their schools or in no school in particular."""
    scope = scope_for(user, district)
    if not may_read_plan(scope):
        return Initiative.objects.none()
    initiatives = Initiative.objects.filter(plan__district=district).select_related(
        "owner_department", "lead"
    )
    if scope.district_wide:
        return initiatives
    anywhere = Participation.objects.filter(initiative=OuterRef("pk"))
    mine = anywhere.filter(school_id__in=scope.school_ids)
    return initiatives.filter(Q(Exists(mine)) | ~Q(Exists(anywhere)))
