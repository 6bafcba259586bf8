"""The pages of improvement networks."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.improvement import access


@district_view()
def overview(request):
    """The networks the user belongs to or may read."""
    networks = access.visible_networks(request.user, request.district).prefetch_related(
        "teams__school"
    )
    context = {
        "networks": networks,
        "may_convene": access.may_convene(request.scope),
    }
    return render(request, "improvement/overview.html", context)
