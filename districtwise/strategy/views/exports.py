"""The plan as a download (XLSX or PDF), holding what the reader may see."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from districtwise.core.access import district_view
from districtwise.strategy import access, exports


@district_view(roles=access.PLAN_READERS)
def plan_export(request, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404("Not found")
    body = exports.plan_export(user=request.user, district=request.district, fmt=fmt)
    if body is None:
        raise Http404("Not found")
    response = HttpResponse(body, content_type=exports.CONTENT_TYPES[fmt])
    name = f"plan-{request.district.code}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
