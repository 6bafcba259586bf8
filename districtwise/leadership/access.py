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
# ---- end succession access ----
