"""Who may see and change principal workload.

- A principal (or an assistant principal on their behalf) writes their school's task
  audit and time log.
- The principal's supervisor, the network lead of the school's network, reads and
  decides with them.
- District-wide roles read the task audits and the hours returned; time-use entries stay
  with the principal and their supervisor only (others see anonymous summaries).
- Department leads own their department's data requests; the data team keeps the field
  vocabulary.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from districtwise.core.roles import Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.organization.models import School

SCHOOL_LEADERS = frozenset({Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL})
CABINET = frozenset({Role.SUPERINTENDENT, Role.SYSTEM_ADMIN})
# Who opens the workload section at all.
WORKLOAD_READERS = frozenset(
    {
        Role.SUPERINTENDENT,
        Role.DEPARTMENT_LEAD,
        Role.DEPARTMENT_STAFF,
        Role.DATA_STEWARD,
        Role.SYSTEM_ADMIN,
        Role.NETWORK_LEAD,
        *SCHOOL_LEADERS,
    }
)


def _one(queryset, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404("Not found") from None


def leads_school(scope: Scope, school_id: int) -> bool:
    """The school's principal or an assistant principal."""
    return bool(scope.roles_at(school_id) & SCHOOL_LEADERS)


def supervises(scope: Scope, school: School) -> bool:
    """The network lead of the school's network: the principal's supervisor."""
    return Role.NETWORK_LEAD in scope.roles and school.network_id in scope.network_ids


def led_school_ids(scope: Scope) -> frozenset[int]:
    """The schools the user leads as principal or assistant principal."""
    return scope.schools_where(SCHOOL_LEADERS)


def visible_school_ids(scope: Scope) -> frozenset[int] | None:
    """Schools whose task audits the user reads; None means every school."""
    if scope.district_wide:
        return None
    if not scope.has_any(WORKLOAD_READERS):
        return frozenset()
    return scope.school_ids


def get_school_for_user(user, district, pk: int) -> School:
    scope = scope_for(user, district)
    school = _one(School.objects.filter(district=district), pk)
    seen = visible_school_ids(scope)
    if seen is not None and school.pk not in seen:
        raise Http404("Not found")
    return school


def get_school_for_leading(user, district, pk: int) -> School:
    """A school whose own workload records the user writes (its principal or AP)."""
    school = get_school_for_user(user, district, pk)
    if not leads_school(scope_for(user, district), school.pk):
        raise PermissionDenied("Only the school's principal and assistant principals do this.")
    return school
