"""Who may see and change the district's plan.

District-wide roles, network leads and school leaders (principals, assistant principals,
coaches) read the plan; partners and family members do not see it (404). The cabinet
(superintendent, system administrator) edits all of it; a department lead edits the goals
and initiatives their department owns (403 for other readers). Network leads and school
leaders see the initiatives that run in their schools, and those that run in no school in
particular (district-level efforts); other initiatives are as good as absent to them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from districtwise.core.access import one_or_404
from districtwise.core.roles import CABINET, DISTRICT_WIDE_ROLES, Role
from districtwise.core.scopes import Scope, scope_for

SCHOOL_ROLES = frozenset({Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL, Role.TEACHER_LEADER})
PLAN_READERS = frozenset(DISTRICT_WIDE_ROLES | SCHOOL_ROLES | {Role.NETWORK_LEAD})
# Department leads edit what their department owns.
OWNER_EDITORS = frozenset({Role.DEPARTMENT_LEAD})


def may_read_plan(scope: Scope) -> bool:
    return scope.has_any(PLAN_READERS)


def is_cabinet(scope: Scope) -> bool:
    return scope.has_any(CABINET)


def may_edit_owned(scope: Scope, owner_department_id: int | None) -> bool:
    """The cabinet edits everything; a department lead what their department owns."""
    if is_cabinet(scope):
        return True
    return (
        scope.has_any(OWNER_EDITORS)
        and owner_department_id is not None
        and owner_department_id in scope.department_ids
    )


def require_cabinet(scope: Scope) -> None:
    """403 for readers who may not change the plan itself (vision, rules, reviews)."""
    if not is_cabinet(scope):
        raise PermissionDenied("Only the cabinet changes the plan itself.")


def get_goal_for_user(user, district, pk: int):
    from districtwise.strategy import selectors

    return one_or_404(selectors.goal_list(user=user, district=district), pk)


def get_goal_for_edit(user, district, pk: int):
    goal = get_goal_for_user(user, district, pk)
    if not may_edit_owned(scope_for(user, district), goal.owner_department_id):
        raise PermissionDenied("You may see this goal but not change it.")
    return goal


def get_initiative_for_user(user, district, pk: int):
    from districtwise.strategy import selectors

    return one_or_404(selectors.initiative_list(user=user, district=district), pk)


def get_initiative_for_edit(user, district, pk: int):
    initiative = get_initiative_for_user(user, district, pk)
    if not may_edit_owned(scope_for(user, district), initiative.owner_department_id):
        raise PermissionDenied("You may see this initiative but not change it.")
    return initiative
