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
# ---- end assessment access ----
# ---- supervision access ----
# ---- end supervision access ----
# ---- succession access ----
# Imported here so the part's lines stay inside its own fenced block.
from django.core.exceptions import PermissionDenied  # noqa: E402
from django.db.models import QuerySet  # noqa: E402

from districtwise.core.access import one_or_404  # noqa: E402
from districtwise.core.roles import CABINET as SUCCESSION_CABINET  # noqa: E402
from districtwise.core.roles import DISTRICT_WIDE_ROLES  # noqa: E402
from districtwise.core.scopes import scope_for  # noqa: E402

# Who reads teacher-leader roles: the district-wide roles, network leads, school leaders.
TEACHER_LEADER_READERS = DISTRICT_WIDE_ROLES | {Role.NETWORK_LEAD} | SCHOOL_LEADERS


def may_read_succession(scope: Scope) -> bool:
    """The superintendent, human resources, and network leads (for their network)."""
    return reads_all_succession(scope) or bool(supervised_network_ids(scope))


def visible_positions(user, district) -> QuerySet:
    """The key positions of ``district`` the user reads (and keeps): all of them for the
    superintendent and human resources; those of their network's schools for a network
    lead; none for anyone else, not even the incumbent."""
    from districtwise.leadership.models import KeyPosition

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
    from districtwise.leadership.models import Candidate

    found = Candidate.objects.filter(position__in=visible_positions(user, district))
    return one_or_404(found.select_related("position", "person"), pk)


def succession_schools(user, district) -> QuerySet:
    """The schools whose positions the user may add: every school for the superintendent
    and human resources, their network's for a network lead."""
    from districtwise.organization.models import School

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
        from districtwise.organization.models import School

        found = School.objects.filter(district=district, network__in=scope.network_ids)
        seen |= frozenset(found.values_list("pk", flat=True))
    return seen


def teacher_leader_edit_school_ids(user, district) -> frozenset[int] | None:
    """The schools whose teacher-leader roles the user keeps: every school (None) for the
    cabinet and human resources; the schools they lead for principals and assistant
    principals."""
    scope = scope_for(user, district)
    if scope.has_any(SUCCESSION_CABINET) or is_human_resources(scope):
        return None
    return scope.schools_where(SCHOOL_LEADERS)


def keeps_teacher_leaders(user, district) -> bool:
    edits = teacher_leader_edit_school_ids(user, district)
    return edits is None or bool(edits)


def visible_teacher_leader_roles(user, district) -> QuerySet:
    from districtwise.leadership.models import TeacherLeaderRole

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
