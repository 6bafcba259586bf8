"""Object-level access to the organisation: 404 when unseen, 403 when seen but not editable."""

from __future__ import annotations

from districtwise.core.access import one_or_404, require_change
from districtwise.core.roles import ORGANIZATION_EDITORS, Role
from districtwise.core.scopes import scope_for
from districtwise.organization import selectors
from districtwise.organization.models import Department, District, Network, Person, School


def get_school_for_user(user, district: District, pk: int) -> School:
    return one_or_404(selectors.school_list(user=user, district=district), pk)


def get_school_for_edit(user, district: District, pk: int) -> School:
    school = get_school_for_user(user, district, pk)
    require_change(scope_for(user, district), ORGANIZATION_EDITORS)
    return school


def get_network_for_user(user, district: District, pk: int) -> Network:
    return one_or_404(selectors.network_list(user=user, district=district), pk)


def get_network_for_edit(user, district: District, pk: int) -> Network:
    network = get_network_for_user(user, district, pk)
    scope = scope_for(user, district)
    if not (scope.has_any(ORGANIZATION_EDITORS) or network.pk in scope.network_ids):
        require_change(scope, ORGANIZATION_EDITORS)
    return network


def get_department_for_user(user, district: District, pk: int) -> Department:
    return one_or_404(selectors.department_list(user=user, district=district), pk)


def get_person_for_user(user, district: District, pk: int) -> Person:
    return one_or_404(selectors.person_list(user=user, district=district), pk)


def can_see_school_staff(user, district: District, school: School) -> bool:
    """Partners see the schools they serve as aggregates: no staff list."""
    scope = scope_for(user, district)
    return scope.district_wide or school.pk in scope.school_ids


def can_edit_network(user, district: District, network: Network) -> bool:
    scope = scope_for(user, district)
    return scope.has_any(ORGANIZATION_EDITORS) or (
        Role.NETWORK_LEAD in scope.roles and network.pk in scope.network_ids
    )
