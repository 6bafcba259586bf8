"""Who may see and change indicators, their figures and the cabinet's reviews.

Readers of the plan (``access.PLAN_READERS``) see every indicator, every goal's progress
and the cabinet's reviews; partners and family members find none of it (404). Indicators
are created by the cabinet and department leads. An indicator is changed, and its figures
entered, by the cabinet, and by the lead of a department that owns a goal the indicator
measures; an indicator no goal uses yet is open to every department lead, so a lead can
set one up before the cabinet ties it to a goal. Everyone else who sees it gets 403.
Only the cabinet records a review (403 for other readers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from districtwise.core.scopes import Scope, scope_for
from districtwise.strategy import access

INDICATOR_CREATORS = frozenset(access.CABINET | access.OWNER_EDITORS)


def may_create_indicator(scope: Scope) -> bool:
    return scope.has_any(INDICATOR_CREATORS)


def may_edit_indicator(scope: Scope, indicator) -> bool:
    """The cabinet; a department lead whose department owns a goal the indicator measures,
    or any department lead while no goal uses it."""
    if access.is_cabinet(scope):
        return True
    if not scope.has_any(access.OWNER_EDITORS):
        return False
    owners = set(indicator.goals.values_list("owner_department_id", flat=True))
    return not owners or bool(owners & scope.department_ids)


def require_indicator_create(scope: Scope) -> None:
    if not may_create_indicator(scope):
        raise PermissionDenied("Only the cabinet and department leads add indicators.")


def get_indicator_for_user(user, district, pk: int):
    from districtwise.strategy.selectors.progress import indicator_list

    found = indicator_list(user=user, district=district).filter(pk=pk).first()
    if found is None:
        raise Http404("Not found")
    return found


def get_indicator_for_edit(user, district, pk: int):
    indicator = get_indicator_for_user(user, district, pk)
    if not may_edit_indicator(scope_for(user, district), indicator):
        raise PermissionDenied("You may see this indicator but not change it or its figures.")
    return indicator


def get_review_for_user(user, district, pk: int):
    from districtwise.strategy.selectors.review import review_list

    found = review_list(user=user, district=district).filter(pk=pk).first()
    if found is None:
        raise Http404("Not found")
    return found
