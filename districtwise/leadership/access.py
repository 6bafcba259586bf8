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

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from districtwise.core.access import one_or_404, person_ids
from districtwise.core.models import Membership
from districtwise.core.roles import CABINET, DISTRICT_WIDE_ROLES, SCHOOL_LEADERS, Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.leadership.models import (
    Assessment,
    Candidate,
    GrowthGoal,
    KeyPosition,
    SchoolVisit,
    TeacherLeaderRole,
)
from districtwise.organization.models import Department, Person, School

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
    return one_or_404(
        visible_assessments(user, district).select_related("school", "department"), pk
    )


def is_assessment_member(user, district, assessment) -> bool:
    """The user is on the team that takes ``assessment``: they read every answer."""
    return assessment.members.filter(pk__in=person_ids(user, district)).exists()


def get_assessment_for_member(user, district, pk: int):
    """The self-assessment ``pk`` for a member of its team (to answer it or edit its plan):
    404 if the user may not see it, 403 if they see only its aggregates."""
    found = get_assessment_for_user(user, district, pk)
    if not is_assessment_member(user, district, found):
        raise PermissionDenied("Only the team's members answer it and edit its plan.")
    return found


# ---- end assessment access ----
# ---- supervision access ----
# Who opens the supervision pages at all: supervisors, and principals for their own records.
SUPERVISION_MEMBERS = SUPERVISORS | {Role.PRINCIPAL}


def supervises_all(scope: Scope) -> bool:
    """The cabinet keeps every principal's supervision records."""
    return scope.has_any(CABINET)


def supervised_schools(user, district):
    """The schools whose principals the user supervises: every school for the cabinet, the
    schools of their networks for a network lead, none otherwise."""
    scope = scope_for(user, district)
    schools = School.objects.filter(district=district)
    if supervises_all(scope):
        return schools
    return schools.filter(network_id__in=supervised_network_ids(scope))


def principal_memberships(district, *, schools=None):
    """The current principal memberships of ``district`` (of ``schools`` if given)."""
    found = Membership.objects.filter(district=district, role=Role.PRINCIPAL).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
    )
    return found if schools is None else found.filter(school__in=schools)


def supervised_principals(user, district):
    """The people who are now principals of a school the user supervises."""
    memberships = principal_memberships(district, schools=supervised_schools(user, district))
    return Person.objects.filter(district=district, pk__in=memberships.values("person_id"))


def _records_filter(user, district):
    """Supervision records (visits, goals) the user may read: by the school for those who
    supervise it, by the principal for the principal's own."""
    scope = scope_for(user, district)
    if supervises_all(scope):
        return Q()
    seen = Q(principal_id__in=person_ids(user, district))
    if supervised_network_ids(scope):
        seen |= Q(school__network_id__in=supervised_network_ids(scope))
    return seen


def visible_visits(user, district):
    """The school visits of ``district`` the user may read."""
    return SchoolVisit.objects.filter(district=district).filter(_records_filter(user, district))


def visible_goals(user, district):
    """The growth goals of ``district`` the user may read."""
    return GrowthGoal.objects.filter(district=district).filter(_records_filter(user, district))


def keeps_record(user, district, record) -> bool:
    """Whether the user supervises the school of a visit or goal (and so may change it)."""
    return supervised_schools(user, district).filter(pk=record.school_id).exists()


def get_principal_for_user(user, district, pk: int):
    """A principal the user supervises, or the user themselves if a principal; else 404."""
    mine = person_ids(user, district)
    principals = principal_memberships(district).values("person_id")
    own = Q(pk__in=mine) & Q(pk__in=principals)
    readable = Q(pk__in=supervised_principals(user, district).values("pk")) | own
    return one_or_404(Person.objects.filter(district=district).filter(readable), pk)


def get_principal_for_keeping(user, district, pk: int):
    """A principal whose records the user keeps; 403 for the principal themselves."""
    principal = get_principal_for_user(user, district, pk)
    if not supervised_principals(user, district).filter(pk=principal.pk).exists():
        raise PermissionDenied("Your supervisor keeps these records; you read them.")
    return principal


def get_visit_for_edit(user, district, pk: int):
    """A visit the user may change (404 if unseen, 403 for the principal visited)."""
    visits = visible_visits(user, district).select_related("school", "principal", "supervisor")
    visit = one_or_404(visits, pk)
    if not keeps_record(user, district, visit):
        raise PermissionDenied("Your supervisor keeps the record of this visit; you read it.")
    return visit


def get_goal_for_user(user, district, pk: int):
    return one_or_404(visible_goals(user, district).select_related("principal", "school"), pk)


def get_goal_for_edit(user, district, pk: int):
    """A growth goal the user may change (404 if unseen, 403 for its principal)."""
    goal = get_goal_for_user(user, district, pk)
    if not keeps_record(user, district, goal):
        raise PermissionDenied("Your supervisor changes this goal; you add progress notes.")
    return goal


# ---- end supervision access ----
# ---- succession access ----
# Imported here so the part's lines stay inside its own fenced block.


# Who reads teacher-leader roles: the district-wide roles, network leads, school leaders.
TEACHER_LEADER_READERS = DISTRICT_WIDE_ROLES | {Role.NETWORK_LEAD} | SCHOOL_LEADERS


def may_read_succession(scope: Scope) -> bool:
    """The superintendent, human resources, and network leads (for their network)."""
    return reads_all_succession(scope) or bool(supervised_network_ids(scope))


def visible_positions(user, district) -> QuerySet:
    """The key positions of ``district`` the user reads (and keeps): all of them for the
    superintendent and human resources; those of their network's schools for a network
    lead; none for anyone else, not even the incumbent."""
    positions = KeyPosition.objects.filter(district=district)
    scope = scope_for(user, district)
    if reads_all_succession(scope):
        return positions
    networks = supervised_network_ids(scope)
    if networks:
        return positions.filter(school__network__in=networks)
    return positions.none()


def get_position_for_user(user, district, pk: int):
    """The key position ``pk`` if the user reads it, else 404. Its readers also keep it."""
    found = visible_positions(user, district).select_related(
        "school__network", "department", "incumbent"
    )
    return one_or_404(found, pk)


def get_candidate_for_user(user, district, pk: int):
    """A candidate for a position the user reads, else 404."""
    found = Candidate.objects.filter(position__in=visible_positions(user, district))
    return one_or_404(found.select_related("position", "person"), pk)


def succession_schools(user, district) -> QuerySet:
    """The schools whose positions the user may add: every school for the superintendent
    and human resources, their network's for a network lead."""
    schools = School.objects.filter(district=district)
    scope = scope_for(user, district)
    if reads_all_succession(scope):
        return schools
    return schools.filter(network__in=supervised_network_ids(scope))


def teacher_leader_school_ids(user, district) -> frozenset[int] | None:
    """The schools whose teacher-leader roles the user reads (None: every school)."""
    scope = scope_for(user, district)
    if scope.has_any(DISTRICT_WIDE_ROLES):
        return None
    seen = scope.schools_where(SCHOOL_LEADERS)
    if Role.NETWORK_LEAD in scope.roles:
        found = School.objects.filter(district=district, network__in=scope.network_ids)
        seen |= frozenset(found.values_list("pk", flat=True))
    return seen


def teacher_leader_edit_school_ids(user, district) -> frozenset[int] | None:
    """The schools whose teacher-leader roles the user keeps: every school (None) for the
    cabinet and human resources; the schools they lead for principals and assistant
    principals."""
    scope = scope_for(user, district)
    if scope.has_any(CABINET) or is_human_resources(scope):
        return None
    return scope.schools_where(SCHOOL_LEADERS)


def keeps_teacher_leaders(user, district) -> bool:
    edits = teacher_leader_edit_school_ids(user, district)
    return edits is None or bool(edits)


def visible_teacher_leader_roles(user, district) -> QuerySet:
    roles = TeacherLeaderRole.objects.filter(district=district)
    seen = teacher_leader_school_ids(user, district)
    return roles if seen is None else roles.filter(school__in=seen)


def get_teacher_leader_role_for_edit(user, district, pk: int):
    """The role ``pk``: 404 if the user may not read it, 403 if they read but do not keep
    it (a network lead, a department)."""
    role = one_or_404(
        visible_teacher_leader_roles(user, district).select_related("school", "person"), pk
    )
    edits = teacher_leader_edit_school_ids(user, district)
    if edits is not None and role.school_id not in edits:
        raise PermissionDenied("The school's leaders, the cabinet and human resources keep it.")
    return role


# ---- end succession access ----
