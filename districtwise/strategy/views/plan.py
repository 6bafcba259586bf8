"""The plan's pages: the overview a superintendent reads first."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.strategy import access, selectors
from districtwise.strategy.selectors import progress


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


@district_view(roles=access.PLAN_READERS)
def goal_detail(request, pk: int):
    goal = access.get_goal_for_user(request.user, request.district, pk)
    initiatives = selectors.initiative_list(user=request.user, district=request.district)
    context = {
        "goal": goal,
        "initiatives": initiatives.filter(goals=goal),
        "statements": goal.action_statements.all(),
        "group_targets": goal.group_targets.all(),
        "status": progress.status_of_goal(
            user=request.user, district=request.district, goal=goal, plan=goal.plan
        ),
        "may_edit": access.may_edit_owned(request.scope, goal.owner_department_id),
    }
    return render(request, "strategy/goal_detail.html", context)


@district_view(roles=access.PLAN_READERS)
def initiative_detail(request, pk: int):
    initiative = access.get_initiative_for_user(request.user, request.district, pk)
    participations = initiative.participations.select_related("school", "phase")
    if not request.scope.district_wide:
        # Readers bound to schools see the initiative's work in their own schools.
        participations = participations.filter(school_id__in=request.scope.school_ids)
    context = {
        "initiative": initiative,
        "goals": initiative.goals.all(),
        "participations": participations,
        "phases": initiative.phases.all(),
        "budget_lines": initiative.budget_lines.all(),
        "milestones": initiative.milestones.all(),
        "log_entries": initiative.log_entries.select_related("author")[:50],
        "may_edit": access.may_edit_owned(request.scope, initiative.owner_department_id),
    }
    return render(request, "strategy/initiative_detail.html", context)
