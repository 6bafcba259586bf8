"""The plan's pages: the overview a superintendent reads first."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.strategy import access, selectors


@district_view(roles=access.PLAN_READERS)
def overview(request):
    plan = selectors.plan_for(user=request.user, district=request.district)
    goals = selectors.goal_list(user=request.user, district=request.district)
    initiatives = selectors.initiative_list(user=request.user, district=request.district)
    context = {
        "plan": plan,
        "goals": goals,
        "initiatives": initiatives.prefetch_related("goals"),
        "is_cabinet": access.is_cabinet(request.scope),
    }
    return render(request, "strategy/overview.html", context)
