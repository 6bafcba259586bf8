"""Who may see and change the data-request registry.

- The data team (data stewards) and the cabinet (superintendent, system administrators)
  see every request, keep the field vocabulary, consolidate and edit any request.
- Department leads and staff see every request (to spot their own overlaps) and own
  their department's: they create and edit those.
- A principal (or assistant principal) sees the active requests addressed to their
  school; a network lead those addressed to the schools of their network.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from districtwise.core.roles import DISTRICT_WIDE_ROLES, Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.workload.access import WORKLOAD_READERS
from districtwise.workload.models import DataRequest

DATA_TEAM = frozenset({Role.DATA_STEWARD, Role.SUPERINTENDENT, Role.SYSTEM_ADMIN})
DEPARTMENT_OWNERS = frozenset({Role.DEPARTMENT_LEAD, Role.DEPARTMENT_STAFF})
# Who opens the registry: everyone of the workload section (schools see their own).
REGISTRY_READERS = WORKLOAD_READERS
# Who sees the whole registry: overlaps, the vocabulary, held fields, hours saved.
REGISTRY_OVERSEERS = DISTRICT_WIDE_ROLES


def addressed_to(school_ids) -> Q:
    """Requests addressed to any of ``school_ids`` (all schools, their network, a list)."""
    return (
        Q(audience=DataRequest.Audience.ALL)
        | Q(audience=DataRequest.Audience.NETWORK, network__schools__in=school_ids)
        | Q(audience=DataRequest.Audience.LIST, schools__in=school_ids)
    )


def visible_requests(scope: Scope, district) -> QuerySet[DataRequest]:
    """The requests the user sees: all of them district-wide, else the active requests
    addressed to the schools they lead or supervise."""
    found = DataRequest.objects.filter(district=district)
    if scope.district_wide:
        return found
    if not scope.has_any(REGISTRY_READERS):
        return found.none()
    school_ids = scope.school_ids
    active = found.filter(status=DataRequest.Status.ACTIVE)
    return active.filter(pk__in=active.filter(addressed_to(school_ids)).values("pk"))


def may_create(scope: Scope) -> bool:
    """The data team, or a department lead or staff member (for their department)."""
    return scope.has_any(DATA_TEAM) or (
        scope.has_any(DEPARTMENT_OWNERS) and bool(scope.department_ids)
    )


def creatable_department_ids(scope: Scope) -> frozenset[int] | None:
    """Departments the user may send requests for; None means any."""
    if scope.has_any(DATA_TEAM):
        return None
    if scope.has_any(DEPARTMENT_OWNERS):
        return scope.department_ids
    return frozenset()


def may_edit(scope: Scope, data_request: DataRequest) -> bool:
    """The data team, or the owning department's lead and staff; never a merged one."""
    if data_request.status != DataRequest.Status.ACTIVE:
        return False
    allowed = creatable_department_ids(scope)
    return allowed is None or data_request.department_id in allowed


def get_request_for_user(user, district, pk: int) -> DataRequest:
    """A request the user sees, else 404."""
    scope = scope_for(user, district)
    try:
        return visible_requests(scope, district).get(pk=pk)
    except DataRequest.DoesNotExist:
        raise Http404("Not found") from None


def get_request_for_edit(user, district, pk: int) -> DataRequest:
    """A request the user sees and may change (404 unseen, 403 seen but not theirs)."""
    data_request = get_request_for_user(user, district, pk)
    if not may_edit(scope_for(user, district), data_request):
        raise PermissionDenied("Only the requesting department and the data team change this.")
    return data_request


def require_creation(scope: Scope) -> None:
    """403 for a reader of the registry who may not send requests."""
    if not may_create(scope):
        raise PermissionDenied("Department leads and staff and the data team send requests.")


def require_data_team(scope: Scope) -> None:
    """403 unless the user keeps the vocabulary and consolidates (the data team)."""
    if not scope.has_any(DATA_TEAM):
        raise PermissionDenied("Only the data team does this.")
