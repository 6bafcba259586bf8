"""Who may see and change the need-weighted allocation.

District-wide roles read every scenario; the cabinet (``access.CABINET``) creates, edits,
copies and adopts them. Network leads, principals and assistant principals see the adopted
allocation of their own schools only (drafts are as good as absent to them); partners,
family members, coaches and other districts see nothing (404). An adopted scenario is kept
as it was adopted: the cabinet copies it to try other weights (403 on an edit)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from districtwise.core.roles import DISTRICT_WIDE_ROLES, Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.strategy.access import is_cabinet

SCENARIO_READERS = frozenset(DISTRICT_WIDE_ROLES)
ADOPTED_READERS = frozenset({Role.NETWORK_LEAD, Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL})
ALLOCATION_READERS = SCENARIO_READERS | ADOPTED_READERS


def reads_every_scenario(scope: Scope) -> bool:
    return scope.has_any(SCENARIO_READERS)


def visible_school_ids(scope: Scope) -> frozenset[int] | None:
    """The schools whose allocation the user sees: None for every school (district-wide
    roles), else the schools in their scope as network lead or school leader."""
    if reads_every_scenario(scope):
        return None
    return scope.school_ids if scope.has_any(ADOPTED_READERS) else frozenset()


def get_scenario_for_user(user, district, pk: int):
    """The scenario ``pk`` if the user may see it; 404 otherwise."""
    from districtwise.strategy.selectors.allocation import scenario_list

    found = scenario_list(user=user, district=district).filter(pk=pk).first()
    if found is None:
        raise Http404("Not found")
    return found


def get_scenario_for_change(user, district, pk: int):
    """The scenario ``pk`` for the cabinet to copy or adopt: 404 for those who may not see
    it, 403 for those who may see it but are not the cabinet."""
    scenario = get_scenario_for_user(user, district, pk)
    if not is_cabinet(scope_for(user, district)):
        raise PermissionDenied("Only the cabinet changes allocation scenarios.")
    return scenario


def get_scenario_for_edit(user, district, pk: int):
    """As ``get_scenario_for_change``; an adopted scenario is not edited (403): copy it."""
    scenario = get_scenario_for_change(user, district, pk)
    if scenario.is_adopted:
        raise PermissionDenied(
            "An adopted allocation is kept as it was adopted: copy it to try other weights."
        )
    return scenario


def require_scenario_creation(scope: Scope) -> None:
    """403 for readers of the allocation who are not the cabinet."""
    if not is_cabinet(scope):
        raise PermissionDenied("Only the cabinet creates allocation scenarios.")
