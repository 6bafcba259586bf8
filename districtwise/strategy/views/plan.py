"""The plan's pages: the overview a superintendent reads first."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import render

from districtwise.core.access import district_view
from districtwise.equity.charts.labels import group_label
from districtwise.strategy import access, selectors
from districtwise.strategy.access import plan as access_plan
from districtwise.strategy.models import AreaOfAction, LearningAgenda, Pathway
from districtwise.strategy.selectors import plan_overview, progress


@district_view(roles=access.PLAN_READERS)
def overview(request):
    plan = selectors.plan_for(user=request.user, district=request.district)
    goals = plan_overview.goals_at_a_glance(user=request.user, district=request.district)
    initiatives = plan_overview.initiatives_at_a_glance(
        user=request.user, district=request.district
    )
    scope = request.scope
    context = {
        "plan": plan,
        "goals": goals,
        "status_counts": plan_overview.status_counts(goals),
        "initiatives": initiatives,
        "budget_bars": plan_overview.budget_bars(initiatives),
        "total_cost": sum((i.cost for i in initiatives), Decimal("0")),
        "is_cabinet": access.is_cabinet(scope),
        "may_add": access_plan.may_start_owned(scope),
        "editable_goals": {g.goal.pk for g in goals if _may_edit(scope, g.goal)},
        "editable_initiatives": {
            i.initiative.pk for i in initiatives if _may_edit(scope, i.initiative)
        },
    }
    return render(request, "strategy/overview.html", context)


def labels_of(choices, values: list[str]) -> list[str]:
    """Stored choice values in the district's words (unknown ones as stored)."""
    names = dict(choices.choices)
    return [str(names.get(value, value)) for value in values or []]


def _may_edit(scope, owned) -> bool:
    return access.may_edit_owned(scope, owned.owner_department_id)


@district_view(roles=access.PLAN_READERS)
def goal_detail(request, pk: int):
    goal = access.get_goal_for_user(request.user, request.district, pk)
    initiatives = selectors.initiative_list(user=request.user, district=request.district)
    context = {
        "goal": goal,
        "initiatives": initiatives.filter(goals=goal),
        "statements": goal.action_statements.all(),
        "group_targets": [
            (group_label(t.group_type, t.group), t) for t in goal.group_targets.all()
        ],
        "status": progress.status_of_goal(
            user=request.user, district=request.district, goal=goal, plan=goal.plan
        ),
        "may_edit": access.may_edit_owned(request.scope, goal.owner_department_id),
        "agenda_names": labels_of(LearningAgenda, goal.learning_agendas),
        "area_names": labels_of(AreaOfAction, goal.areas_of_action),
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
        "may_log": access_plan.may_write_log(request.scope, request.user, initiative),
        "pathway_names": labels_of(Pathway, initiative.pathways),
    }
    return render(request, "strategy/initiative_detail.html", context)
