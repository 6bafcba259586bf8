"""The pages of leadership."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.core.roles import CABINET
from districtwise.leadership import access
from districtwise.leadership.access import LEADERSHIP_MEMBERS


@district_view(LEADERSHIP_MEMBERS)
def overview(request):
    """Where self-assessments, supervision and succession start."""
    scope = request.scope
    context = {
        "supervises": bool(access.supervised_network_ids(scope)) or scope.has_any(CABINET),
        "reads_succession": access.reads_all_succession(scope)
        or bool(access.supervised_network_ids(scope)),
    }
    return render(request, "leadership/overview.html", context)
