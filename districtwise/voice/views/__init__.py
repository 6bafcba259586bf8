"""The pages of voice and guidance."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.voice import access
from districtwise.voice.access import PATTERN_READERS


@district_view(PATTERN_READERS)
def overview(request):
    """Where needs, meetings and guidance start: what waits for the user in each."""
    scope = request.scope
    context = {
        "may_raise": access.may_raise(scope),
        "may_route": access.may_route(scope),
        "may_convene": access.may_convene(scope),
        "may_publish_guidance": access.may_publish_guidance(scope),
        "answers_needs": bool(access.answering_departments(scope)),
    }
    return render(request, "voice/overview.html", context)
