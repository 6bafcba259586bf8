"""The pages of teacher supports."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.supports import access, selectors


@district_view(roles=access.CATALOGUE_READERS)
def overview(request):
    """The catalogue: every support, who is entitled, and the nonnegotiable."""
    scope = request.scope
    supports = selectors.support_list(user=request.user, district=request.district)
    context = {
        "supports": supports,
        "may_add": access.may_add_support(scope),
        "schools": selectors.school_list(user=request.user, district=request.district),
    }
    return render(request, "supports/overview.html", context)


@district_view(roles=access.CATALOGUE_READERS)
def support_detail(request, pk: int):
    support = access.get_support_for_user(request.user, request.district, pk)
    context = {
        "support": support,
        "may_edit": access.may_edit_support(request.scope, support.owner_department_id),
    }
    return render(request, "supports/support_detail.html", context)
