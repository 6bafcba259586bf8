"""The pages of principal workload."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.organization.models import School
from districtwise.workload import access


@district_view(roles=access.WORKLOAD_READERS)
def overview(request):
    """Where the parts of principal workload begin."""
    led = access.led_school_ids(request.scope)
    context = {"led_schools": School.objects.filter(district=request.district, pk__in=led)}
    return render(request, "workload/overview.html", context)
