"""Who may see and change self-assessments, supervision records and succession plans.

Self-assessments
- The team that takes an assessment (its members) reads every answer and the comparison
  between them; beyond the team, only aggregates: the school's leaders and its network
  lead for a school team, the department's lead for a department team, the district-wide
  roles for all of them.

Principal supervision
- A network lead keeps the records of the principals of their network's schools (their
  caseload); the cabinet reads and keeps every record; a principal reads their own.

Succession and pipeline
- Only the superintendent, the members of a human-resources department and a person's
  own supervisor (the network lead of the school's network, for school positions) read
  it. The system administrator does not: it is personnel data, not system data.

What a user may not see answers 404; what they may see but not change answers 403.
"""

from __future__ import annotations

from districtwise.core.roles import CABINET, SCHOOL_LEADERS, Role
from districtwise.core.scopes import Scope

# Who opens the section: the district's staff.
LEADERSHIP_MEMBERS = frozenset(Role) - {Role.PARTNER, Role.FAMILY_MEMBER}
# Who supervises principals.
SUPERVISORS = CABINET | {Role.NETWORK_LEAD}
# Who may open the succession pages at all (the HR check narrows department roles).
SUCCESSION_ROLES = frozenset(
    {Role.SUPERINTENDENT, Role.NETWORK_LEAD, Role.DEPARTMENT_LEAD, Role.DEPARTMENT_STAFF}
)


def is_human_resources(scope: Scope) -> bool:
    """The user works in a department marked as human resources."""
    if not scope.department_ids or not scope.has_any({Role.DEPARTMENT_LEAD, Role.DEPARTMENT_STAFF}):
        return False
    from districtwise.organization.models import Department

    return Department.objects.filter(
        pk__in=scope.department_ids, district_id=scope.district_id, is_human_resources=True
    ).exists()


def reads_all_succession(scope: Scope) -> bool:
    """The superintendent and human resources read the whole district's succession plan."""
    return Role.SUPERINTENDENT in scope.roles or is_human_resources(scope)


def supervised_network_ids(scope: Scope) -> frozenset[int]:
    """The networks whose principals the user supervises."""
    return scope.network_ids if Role.NETWORK_LEAD in scope.roles else frozenset()


def leads_school(scope: Scope, school_id: int) -> bool:
    return bool(scope.roles_at(school_id) & SCHOOL_LEADERS)


# ---- assessment access ----
# Self-assessments. The look-ups import inside the functions, so no name they bind clashes
# with another part's block when the parts are merged.


def assessment_starts(scope: Scope) -> bool:
    """Who may start a self-assessment: school leaders (their school), network leads (their
    network's schools), department leads (their department) and the cabinet (any team)."""
    return (
        scope.has_any(CABINET)
        or bool(scope.schools_where(SCHOOL_LEADERS))
        or bool(supervised_network_ids(scope))
        or (Role.DEPARTMENT_LEAD in scope.roles and bool(scope.department_ids))
    )


def assessment_start_units(scope: Scope):
    """The schools and departments the user may start a self-assessment for."""
    from django.db.models import Q

    from districtwise.organization.models import Department, School

    schools = School.objects.filter(district_id=scope.district_id)
    departments = Department.objects.filter(district_id=scope.district_id)
    if scope.has_any(CABINET):
        return schools, departments
    led = scope.schools_where(SCHOOL_LEADERS)
    schools = schools.filter(Q(pk__in=led) | Q(network_id__in=supervised_network_ids(scope)))
    led_departments = scope.department_ids if Role.DEPARTMENT_LEAD in scope.roles else frozenset()
    return schools, departments.filter(pk__in=led_departments)


def assessment_summary_reader(scope: Scope) -> bool:
    """Who reads the aggregated results: school leaders, network leads, district-wide roles."""
    return (
        scope.district_wide
        or bool(scope.schools_where(SCHOOL_LEADERS))
        or bool(supervised_network_ids(scope))
    )


def visible_assessments(user, district):
    """The self-assessments of ``district`` the user may read: as a member of the team
    (every answer), or beyond it as aggregates: the school's leaders and its network lead,
    the department's lead, the district-wide roles."""
    from django.db.models import Q

    from districtwise.core.access import person_ids
    from districtwise.core.scopes import scope_for
    from districtwise.leadership.models import Assessment

    found = Assessment.objects.filter(district=district)
    scope = scope_for(user, district)
    if scope.district_wide:
        return found
    seen = Q(members__in=person_ids(user, district))
    seen |= Q(school_id__in=scope.schools_where(SCHOOL_LEADERS))
    seen |= Q(school__network_id__in=supervised_network_ids(scope))
    if Role.DEPARTMENT_LEAD in scope.roles:
        seen |= Q(department_id__in=scope.department_ids)
    return found.filter(pk__in=found.filter(seen).values("pk"))


def get_assessment_for_user(user, district, pk: int):
    """The self-assessment ``pk`` if the user may read it (at least its aggregates), else 404."""
    from districtwise.core.access import one_or_404

    return one_or_404(
        visible_assessments(user, district).select_related("school", "department"), pk
    )


def is_assessment_member(user, district, assessment) -> bool:
    """The user is on the team that takes ``assessment``: they read every answer."""
    from districtwise.core.access import person_ids

    return assessment.members.filter(pk__in=person_ids(user, district)).exists()


def get_assessment_for_member(user, district, pk: int):
    """The self-assessment ``pk`` for a member of its team (to answer it or edit its plan):
    404 if the user may not see it, 403 if they see only its aggregates."""
    from django.core.exceptions import PermissionDenied

    found = get_assessment_for_user(user, district, pk)
    if not is_assessment_member(user, district, found):
        raise PermissionDenied("Only the team's members answer it and edit its plan.")
    return found


# ---- end assessment access ----
# ---- supervision access ----
# ---- end supervision access ----
# ---- succession access ----
# ---- end succession access ----
