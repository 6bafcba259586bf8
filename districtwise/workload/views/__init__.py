"""The pages of principal workload."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.workload import access


@district_view(roles=access.WORKLOAD_READERS)
def overview(request):
    """Where the parts of principal workload begin."""
    scope = request.scope
    context = {"led_school_ids": access.led_school_ids(scope)}
    return render(request, "workload/overview.html", context)
