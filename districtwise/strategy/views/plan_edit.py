"""The plan editor's pages for the plan itself: its settings, its goals (with targets per
student group) and its theory of action. Initiatives are in ``views.plan_initiative_edit``.

An edit opened on an older version than the stored one is not saved: the page shows the
editor each field changed since (what they typed, what is stored, who changed it and when)
and lets them send their version again or keep the stored one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.strategy import access, selectors
from districtwise.strategy.access import plan as access_plan
from districtwise.strategy.forms.plan import (
    GoalForm,
    PlanForm,
    StatementForm,
    formset_targets,
    group_target_formset,
    show_refusal,
)
from districtwise.strategy.services import plan as services
from districtwise.strategy.services.plan_versions import StaleEdit
from districtwise.strategy.views.plan_edit_support import conflict_rows, reopen_on, version_of


def _rendered(request, template: str, context: dict, form):
    """Render a form page: 400 when it shows errors or a conflict, so nothing looks saved."""
    failed = bool(form.errors) or bool(context.get("conflict"))
    return render(request, template, context, status=400 if failed else 200)


@district_view(roles=access.PLAN_READERS)
def plan_edit(request):
    plan = access_plan.get_plan_for_edit(request.user, request.district)
    initial = {"version": plan.version} if plan else None
    form = PlanForm(request.POST or None, instance=plan, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if plan is None:
                services.plan_create(
                    actor=request.user, district=request.district, data=form.edits()
                )
            else:
                services.plan_update(
                    actor=request.user, plan=plan, version=version_of(form), data=form.edits()
                )
        except StaleEdit as stale:
            conflict = conflict_rows(stale, form)
            reopen_on(form, stale)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The plan is saved.")
            return redirect("strategy:overview")
    context = {"form": form, "plan": plan, "conflict": conflict}
    return _rendered(request, "strategy/plan_form.html", context, form)


def _goal_form(request, goal=None):
    scope = request.scope
    return GoalForm(
        request.POST or None,
        instance=goal,
        initial={"version": goal.version} if goal else None,
        district=request.district,
        owners=access_plan.owner_choices(scope, request.district),
        owner_required=not access.is_cabinet(scope),
    )


@district_view(roles=access.PLAN_READERS)
def goal_new(request):
    plan = access_plan.get_plan_for_adding(request.user, request.district)
    form, targets = _goal_form(request), group_target_formset(request.POST or None, None)
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        try:
            goal = services.goal_create(
                actor=request.user,
                plan=plan,
                data=form.edits(),
                group_targets=formset_targets(targets),
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"Goal {goal.code} added to the plan.")
            return redirect("strategy:goal_detail", pk=goal.pk)
    context = {"form": form, "targets": targets, "goal": None}
    return _rendered(request, "strategy/goal_form.html", context, form)


@district_view(roles=access.PLAN_READERS)
def goal_edit(request, pk: int):
    goal = access.get_goal_for_edit(request.user, request.district, pk)
    form, targets = _goal_form(request, goal), group_target_formset(request.POST or None, goal)
    conflict = None
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        typed_targets = formset_targets(targets)
        try:
            services.goal_update(
                actor=request.user,
                goal=goal,
                version=version_of(form),
                data=form.edits(),
                group_targets=typed_targets,
            )
        except StaleEdit as stale:
            typed = {"group_targets": [_target_words(t) for t in typed_targets]}
            conflict = conflict_rows(stale, form, typed)
            reopen_on(form, stale)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"Goal {goal.code} saved.")
            return redirect("strategy:goal_detail", pk=goal.pk)
    goal.refresh_from_db()
    context = {"form": form, "targets": targets, "goal": goal, "conflict": conflict}
    return _rendered(request, "strategy/goal_form.html", context, form)


def _target_words(target: dict) -> str:
    return services.target_words(
        target["group_type"], target["group"], target.get("baseline_value"), target["target_value"]
    )


@district_view(roles=access.PLAN_READERS)
def goal_delete(request, pk: int):
    goal = access.get_goal_for_edit(request.user, request.district, pk)
    if request.method == "POST":
        try:
            services.goal_delete(
                actor=request.user, goal=goal, version=int(request.POST.get("version") or 0)
            )
        except StaleEdit:
            messages.error(
                request,
                f"Goal {goal.code} was changed since you opened it and was not deleted. "
                "Read it again before deciding.",
            )
            return redirect("strategy:goal_detail", pk=goal.pk)
        messages.success(request, f"Goal {goal.code} removed from the plan.")
        return redirect("strategy:overview")
    initiatives = selectors.initiative_list(user=request.user, district=request.district)
    context = {"goal": goal, "initiatives": initiatives.filter(goals=goal)}
    return render(request, "strategy/goal_delete.html", context)


# ----- The theory of action --------------------------------------------------------------
@district_view(roles=access.PLAN_READERS)
def theory(request):
    plan = selectors.plan_for(user=request.user, district=request.district)
    may_edit = access.is_cabinet(request.scope)
    form = StatementForm(request.POST or None, plan=plan) if plan and may_edit else None
    if request.method == "POST":
        access.require_cabinet(request.scope)
        if plan is not None and form is not None and form.is_valid():
            try:
                services.action_statement_create(
                    actor=request.user, plan=plan, data=form.cleaned_data
                )
            except ValidationError as refused:
                show_refusal(form, refused)
            else:
                messages.success(request, "Statement added to the theory of action.")
                return redirect("strategy:theory")
    statements = plan.action_statements.prefetch_related("goals") if plan else []
    context = {"plan": plan, "statements": statements, "form": form, "may_edit": may_edit}
    return render(
        request, "strategy/theory.html", context, status=400 if form and form.errors else 200
    )


@district_view(roles=access.PLAN_READERS)
def statement_edit(request, pk: int):
    statement = access_plan.get_statement_for_edit(request.user, request.district, pk)
    form = StatementForm(request.POST or None, instance=statement, plan=statement.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_statement_update(
                actor=request.user, statement=statement, data=form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "Statement saved.")
            return redirect("strategy:theory")
    statement.refresh_from_db()
    context = {"form": form, "statement": statement}
    return _rendered(request, "strategy/statement_form.html", context, form)


@require_POST
@district_view(roles=access.PLAN_READERS)
def statement_delete(request, pk: int):
    statement = access_plan.get_statement_for_edit(request.user, request.district, pk)
    services.action_statement_delete(actor=request.user, statement=statement)
    messages.success(request, "Statement removed from the theory of action.")
    return redirect("strategy:theory")


@require_POST
@district_view(roles=access.PLAN_READERS)
def statement_move(request, pk: int):
    statement = access_plan.get_statement_for_edit(request.user, request.district, pk)
    order = list(statement.plan.action_statements.values_list("pk", flat=True))
    at = order.index(statement.pk)
    to = at - 1 if request.POST.get("direction") == "up" else at + 1
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
        services.action_statements_reorder(actor=request.user, plan=statement.plan, order=order)
    return redirect("strategy:theory")
