"""Who may see and change teacher supports.

- The catalogue: every member of the district but partners and families reads it; the
  cabinet and the lead of a support's owner department change it.
- A school's adaptations, logs and roster: its principal and assistant principals write
  them (coaches and teacher leaders write logs too); its network lead reads and approves;
  district-wide roles read everything.
- Teacher by teacher coverage: the school's leaders, its network lead and district-wide
  roles. Nobody else learns who is going without.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from districtwise.core.access import one_or_404
from districtwise.core.roles import CABINET, DISTRICT_WIDE_ROLES, SCHOOL_LEADERS, Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.organization.models import School

CATALOGUE_READERS = frozenset(Role) - {Role.PARTNER, Role.FAMILY_MEMBER}
LOG_WRITERS = SCHOOL_LEADERS | {Role.TEACHER_LEADER}
# The roles that open the school-level pages (adaptations, logs, coverage).
SCHOOL_PAGE_READERS = DISTRICT_WIDE_ROLES | {Role.NETWORK_LEAD} | LOG_WRITERS


# ---- the catalogue ----


def may_edit_support(scope: Scope, owner_department_id: int | None) -> bool:
    """The cabinet edits every support; a department lead edits their department's."""
    if scope.has_any(CABINET):
        return True
    return Role.DEPARTMENT_LEAD in scope.roles and owner_department_id in scope.department_ids


def may_add_support(scope: Scope) -> bool:
    return scope.has_any(CABINET | {Role.DEPARTMENT_LEAD})


def require_add_support(scope: Scope) -> None:
    if not may_add_support(scope):
        raise PermissionDenied("Only the cabinet and department leads add supports.")


def get_support_for_user(user, district, pk: int):
    from districtwise.supports import selectors

    return one_or_404(
        selectors.support_list(user=user, district=district, include_retired=True), pk
    )


def get_support_for_edit(user, district, pk: int):
    support = get_support_for_user(user, district, pk)
    scope = scope_for(user, district)
    if not may_edit_support(scope, support.owner_department_id):
        raise PermissionDenied("Only the cabinet and the owner department change this support.")
    return support


# ---- schools ----


def visible_school_ids(scope: Scope) -> frozenset[int] | None:
    """The schools whose supports pages the user reads; None means every school."""
    if scope.district_wide:
        return None
    if not scope.has_any(SCHOOL_PAGE_READERS):
        return frozenset()
    return scope.school_ids


def may_see_school(scope: Scope, school_id: int) -> bool:
    seen = visible_school_ids(scope)
    return seen is None or school_id in seen


def may_lead_school(scope: Scope, school_id: int) -> bool:
    """Principals and assistant principals of the school write its adaptations."""
    return bool(scope.roles_at(school_id) & SCHOOL_LEADERS)


def may_log_at(scope: Scope, school_id: int) -> bool:
    """School leaders and the school's coaches and teacher leaders log deliveries."""
    return bool(scope.roles_at(school_id) & LOG_WRITERS)


def may_approve_for(scope: Scope, school: School) -> bool:
    """The network lead of the school's network approves its adaptations (the cabinet may
    stand in)."""
    if scope.has_any(CABINET):
        return True
    return Role.NETWORK_LEAD in scope.roles and school.network_id in scope.network_ids


def get_school_for_user(user, district, pk: int) -> School:
    scope = scope_for(user, district)
    school = one_or_404(School.objects.filter(district=district), pk)
    if not may_see_school(scope, school.pk):
        raise Http404("Not found")
    return school


def get_school_for_logging(user, district, pk: int) -> School:
    school = get_school_for_user(user, district, pk)
    scope = scope_for(user, district)
    if not may_log_at(scope, school.pk):
        raise PermissionDenied("Only the school's leaders and coaches log its deliveries.")
    return school


def get_school_for_leading(user, district, pk: int) -> School:
    school = get_school_for_user(user, district, pk)
    scope = scope_for(user, district)
    if not may_lead_school(scope, school.pk):
        raise PermissionDenied("Only the school's principal and assistant principals do this.")
    return school


# ---- adaptations: the catalogue editor and the schools' adaptations ----


def department_choices(scope: Scope, district):
    """The departments whose supports the user adds or owns: all of them for the cabinet,
    their own for a department lead."""
    from districtwise.organization.models import Department

    departments = Department.objects.filter(district=district)
    if scope.has_any(CABINET):
        return departments
    return departments.filter(pk__in=scope.department_ids)


def adaptations_reviewed_by(scope: Scope):
    """The schools whose submitted adaptations wait for this user: a network lead's
    network; for the cabinet, the schools that belong to no network."""
    schools = School.objects.filter(district_id=scope.district_id)
    if scope.has_any(CABINET):
        return schools.filter(network__isnull=True)
    if Role.NETWORK_LEAD in scope.roles:
        return schools.filter(network_id__in=scope.network_ids)
    return schools.none()


def get_adaptation_for_user(user, district, pk: int):
    """An adaptation of a school the user reads (404 otherwise)."""
    from districtwise.supports.models import Adaptation

    adaptation = one_or_404(
        Adaptation.objects.filter(district=district).select_related("school", "support"), pk
    )
    if not may_see_school(scope_for(user, district), adaptation.school_id):
        raise Http404("Not found")
    return adaptation


def get_adaptation_for_review(user, district, pk: int):
    """An adaptation the user may approve or return (403 for one they only read)."""
    adaptation = get_adaptation_for_user(user, district, pk)
    if not may_approve_for(scope_for(user, district), adaptation.school):
        raise PermissionDenied("Only the network lead of the school's network reviews this.")
    return adaptation


# ---- end adaptations ----
# ---- coverage ----


def may_see_coverage(scope: Scope) -> bool:
    """Coverage aggregates: the readers of the school pages, for the schools they read."""
    return scope.has_any(SCHOOL_PAGE_READERS)


def may_see_teachers_at(scope: Scope, school: School) -> bool:
    """Teacher-by-teacher coverage of a school: its principal and assistant principals,
    its network lead and district-wide roles (a coach sees the school's aggregates)."""
    if scope.district_wide:
        return True
    if may_lead_school(scope, school.pk):
        return True
    return Role.NETWORK_LEAD in scope.roles and school.network_id in scope.network_ids


def may_compute_coverage(scope: Scope) -> bool:
    """District-wide roles and school leaders ask for a fresh computation."""
    return scope.district_wide or bool(scope.schools_where(SCHOOL_LEADERS))


def require_compute_coverage(scope: Scope) -> None:
    if not may_compute_coverage(scope):
        raise PermissionDenied("Only district-wide roles and school leaders compute coverage.")


def get_school_for_teacher_rows(user, district, pk: int) -> School:
    """A school whose teacher rows the user reads: 404 when the school is out of sight,
    403 when only its aggregates are (a coach)."""
    school = get_school_for_user(user, district, pk)
    if not may_see_teachers_at(scope_for(user, district), school):
        raise PermissionDenied("Only the school's leaders and its network lead see teachers.")
    return school


# ---- end coverage ----
