"""Who may write the plan (the plan editor's part of ``access``).

The cabinet writes all of it: the plan's settings and theory of action are theirs alone. A
department lead writes goals and initiatives their department owns, and may start new ones
for it. An initiative's lead writes in its implementation log. Readers of the plan who may
not write get 403 on every editing page; those who may not read it get 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from districtwise.core.scopes import Scope, scope_for
from districtwise.organization.models import Department
from districtwise.strategy.access import (
    OWNER_EDITORS,
    get_initiative_for_user,
    is_cabinet,
    may_edit_owned,
    may_read_plan,
    require_cabinet,
)
from districtwise.strategy.models import ActionStatement, Initiative, Plan


def may_start_owned(scope: Scope) -> bool:
    """The cabinet starts goals and initiatives; a department lead starts them for their
    own department."""
    return is_cabinet(scope) or (scope.has_any(OWNER_EDITORS) and bool(scope.department_ids))


def require_start_owned(scope: Scope) -> None:
    if not may_start_owned(scope):
        raise PermissionDenied("Only the cabinet and department leads add to the plan.")


def owner_choices(scope: Scope, district):
    """The departments a user may give a goal or initiative to: all for the cabinet, their
    own for a department lead."""
    departments = Department.objects.filter(district=district).order_by("name")
    return departments if is_cabinet(scope) else departments.filter(pk__in=scope.department_ids)


def get_plan_for_edit(user, district) -> Plan | None:
    """The plan, for the cabinet (None when the district has none yet); 403 for others."""
    require_cabinet(scope_for(user, district))
    return Plan.objects.filter(district=district).first()


def get_plan_for_adding(user, district) -> Plan:
    """The plan goals and initiatives are added to: 403 for those who may not add, 404 when
    the district has no plan yet."""
    require_start_owned(scope_for(user, district))
    plan = Plan.objects.filter(district=district).first()
    if plan is None:
        raise Http404("The district has no plan yet.")
    return plan


def get_statement_for_edit(user, district, pk: int) -> ActionStatement:
    """A statement of the theory of action, for the cabinet (403 for other readers)."""
    scope = scope_for(user, district)
    statement = ActionStatement.objects.filter(plan__district=district, pk=pk).first()
    if statement is None or not may_read_plan(scope):
        raise Http404("Not found")
    require_cabinet(scope)
    return statement


def may_write_log(scope: Scope, user, initiative: Initiative) -> bool:
    """Whoever may edit the initiative, and its lead, write in its implementation log."""
    if may_edit_owned(scope, initiative.owner_department_id):
        return True
    lead = initiative.lead
    return lead is not None and lead.user_id is not None and lead.user_id == user.pk


def get_initiative_for_log(user, district, pk: int) -> Initiative:
    """An initiative whose log the user may write in (403 for other readers)."""
    initiative = get_initiative_for_user(user, district, pk)
    if not may_write_log(scope_for(user, district), user, initiative):
        raise PermissionDenied("You may read this initiative's log but not write in it.")
    return initiative


def part_of(initiative: Initiative, queryset, pk: int):
    """A phase, budget line or milestone of this initiative (404 for anything else)."""
    found = queryset.filter(initiative=initiative, pk=pk).first()
    if found is None:
        raise Http404("Not found")
    return found
