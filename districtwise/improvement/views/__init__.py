"""The pages of improvement networks."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.improvement import access
from districtwise.improvement.selectors.networks import network_lists


@district_view()
def overview(request):
    """The networks the user belongs to or may read: the open ones, then the archived."""
    open_networks, archived = network_lists(user=request.user, district=request.district)
    context = {
        "networks": open_networks,
        "archived": archived,
        "may_convene": access.may_convene(request.scope),
    }
    return render(request, "improvement/overview.html", context)
