"""The plan editor's pages for initiatives: the initiative itself (with its schools), its
phases, budget lines and milestones (each a list with an add form, an edit page and a
delete button), and its implementation log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.strategy import access
from districtwise.strategy.access import plan as access_plan
from districtwise.strategy.forms.plan import (
    BudgetLineForm,
    InitiativeForm,
    LogEntryForm,
    MilestoneForm,
    PhaseForm,
    show_refusal,
)
from districtwise.strategy.models import BudgetLine, InitiativePhase, Milestone
from districtwise.strategy.services import plan_initiatives as services
from districtwise.strategy.services.plan_versions import StaleEdit
from districtwise.strategy.views.plan_edit_support import (
    codes,
    conflict_rows,
    names,
    reopen_on,
    shown,
    version_of,
)


def _initiative_form(request, plan, initiative=None):
    scope = request.scope
    return InitiativeForm(
        request.POST or None,
        instance=initiative,
        initial={"version": initiative.version} if initiative else None,
        plan=plan,
        owners=access_plan.owner_choices(scope, request.district),
        owner_required=not access.is_cabinet(scope),
    )


@district_view(roles=access.PLAN_READERS)
def initiative_new(request):
    plan = access_plan.get_plan_for_adding(request.user, request.district)
    form = _initiative_form(request, plan)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                actor=request.user, plan=plan, data=form.edits()
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"Initiative {initiative.code} added to the plan.")
            return redirect("strategy:initiative_detail", pk=initiative.pk)
    context = {"form": form, "initiative": None}
    return render(request, "strategy/initiative_form.html", context, status=_status(form))


@district_view(roles=access.PLAN_READERS)
def initiative_edit(request, pk: int):
    initiative = access.get_initiative_for_edit(request.user, request.district, pk)
    form = _initiative_form(request, initiative.plan, initiative)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user,
                initiative=initiative,
                version=version_of(form),
                data=form.edits(),
            )
        except StaleEdit as stale:
            typed = {
                "goals": codes(form.cleaned_data.get("goals")),
                "schools": names(form.cleaned_data.get("schools")),
            }
            conflict = conflict_rows(stale, form, typed)
            reopen_on(form, stale)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"Initiative {initiative.code} saved.")
            return redirect("strategy:initiative_detail", pk=initiative.pk)
    initiative.refresh_from_db()
    context = {"form": form, "initiative": initiative, "conflict": conflict}
    status = 400 if conflict else _status(form)
    return render(request, "strategy/initiative_form.html", context, status=status)


def _status(form) -> int:
    return 400 if form.errors else 200


# ----- Phases, budget lines and milestones -------------------------------------------------
@dataclass(frozen=True)
class Part:
    """A list of things an initiative has, edited the same way."""

    title: str
    noun: str
    tab: str
    list_url: str
    edit_url: str
    delete_url: str
    items: Callable[[Any], Any]
    form: Callable[..., Any]
    columns: tuple[tuple[str, Callable[[Any], Any]], ...]
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    about: str = ""


PHASES = Part(
    title="Phases",
    noun="phase",
    tab="phases",
    list_url="strategy:initiative_phases",
    edit_url="strategy:phase_edit",
    delete_url="strategy:phase_delete",
    items=lambda i: i.phases.prefetch_related("participations__school"),
    form=lambda data, initiative, instance=None: PhaseForm(
        data, instance=instance, initiative=initiative
    ),
    columns=(
        ("Phase", lambda p: p.name),
        ("From", lambda p: p.starts_on),
        ("To", lambda p: p.ends_on),
        ("Schools", lambda p: [x.school.name for x in p.participations.all()]),
    ),
    create=lambda *, actor, initiative, data: services.phase_create(
        actor=actor, initiative=initiative, data=data
    ),
    update=lambda *, actor, item, data: services.phase_update(actor=actor, phase=item, data=data),
    delete=lambda *, actor, item: services.phase_delete(actor=actor, phase=item),
    about="An initiative can start in a few pilot schools and then go wider: each phase "
    "names its schools.",
)
BUDGET = Part(
    title="Budget lines",
    noun="budget line",
    tab="budget",
    list_url="strategy:initiative_budget",
    edit_url="strategy:budget_line_edit",
    delete_url="strategy:budget_line_delete",
    items=lambda i: i.budget_lines.all(),
    form=lambda data, initiative, instance=None: BudgetLineForm(data, instance=instance),
    columns=(
        ("School year", lambda b: b.school_year),
        ("Funding source", lambda b: b.get_funding_source_display()),
        ("Amount ($)", lambda b: f"{b.amount:,.2f}"),
        ("Note", lambda b: b.note),
    ),
    create=lambda *, actor, initiative, data: services.budget_line_create(
        actor=actor, initiative=initiative, data=data
    ),
    update=lambda *, actor, item, data: services.budget_line_update(
        actor=actor, line=item, data=data
    ),
    delete=lambda *, actor, item: services.budget_line_delete(actor=actor, line=item),
    about="What the initiative spends, by funding source and school year.",
)
MILESTONES = Part(
    title="Milestones",
    noun="milestone",
    tab="milestones",
    list_url="strategy:initiative_milestones",
    edit_url="strategy:milestone_edit",
    delete_url="strategy:milestone_delete",
    items=lambda i: i.milestones.all(),
    form=lambda data, initiative, instance=None: MilestoneForm(data, instance=instance),
    columns=(
        ("Milestone", lambda m: m.title),
        ("Due", lambda m: m.due_on),
        ("Status", lambda m: m.get_status_display()),
        ("Done on", lambda m: m.done_on),
    ),
    create=lambda *, actor, initiative, data: services.milestone_create(
        actor=actor, initiative=initiative, data=data
    ),
    update=lambda *, actor, item, data: services.milestone_update(
        actor=actor, milestone=item, data=data
    ),
    delete=lambda *, actor, item: services.milestone_delete(actor=actor, milestone=item),
    about="Dated steps and where they stand; none may fall after the initiative ends.",
)
MODELS: dict[str, type[Model]] = {
    PHASES.noun: InitiativePhase,
    BUDGET.noun: BudgetLine,
    MILESTONES.noun: Milestone,
}


def _rows(part: Part, initiative) -> list[tuple[Any, list[str]]]:
    return [
        (item, [shown(cell(item)) for _, cell in part.columns]) for item in part.items(initiative)
    ]


def part_list(part: Part):
    """The page listing one kind of thing of an initiative, with a form to add one."""

    @district_view(roles=access.PLAN_READERS)
    def view(request, pk: int):
        initiative = access.get_initiative_for_edit(request.user, request.district, pk)
        form = part.form(request.POST or None, initiative)
        if request.method == "POST" and form.is_valid():
            try:
                part.create(actor=request.user, initiative=initiative, data=form.cleaned_data)
            except ValidationError as refused:
                show_refusal(form, refused)
            else:
                messages.success(request, f"The {part.noun} is added.")
                return redirect(part.list_url, pk=initiative.pk)
        context = {"part": part, "initiative": initiative, "form": form}
        context["rows"] = _rows(part, initiative)
        return render(request, "strategy/initiative_part_list.html", context, status=_status(form))

    return view


def part_edit(part: Part):
    """The page changing one phase, budget line or milestone."""

    @district_view(roles=access.PLAN_READERS)
    def view(request, pk: int, item: int):
        initiative = access.get_initiative_for_edit(request.user, request.district, pk)
        found = access_plan.part_of(initiative, MODELS[part.noun]._default_manager, item)
        form = part.form(request.POST or None, initiative, instance=found)
        if request.method == "POST" and form.is_valid():
            try:
                part.update(actor=request.user, item=found, data=form.cleaned_data)
            except ValidationError as refused:
                show_refusal(form, refused)
            else:
                messages.success(request, f"The {part.noun} is saved.")
                return redirect(part.list_url, pk=initiative.pk)
        found.refresh_from_db()
        context = {"part": part, "initiative": initiative, "form": form, "item": found}
        return render(request, "strategy/initiative_part_form.html", context, status=_status(form))

    return view


def part_delete(part: Part):
    """Remove one phase, budget line or milestone (POST only)."""

    @require_POST
    @district_view(roles=access.PLAN_READERS)
    def view(request, pk: int, item: int):
        initiative = access.get_initiative_for_edit(request.user, request.district, pk)
        found = access_plan.part_of(initiative, MODELS[part.noun]._default_manager, item)
        part.delete(actor=request.user, item=found)
        messages.success(request, f"The {part.noun} is removed.")
        return redirect(part.list_url, pk=initiative.pk)

    return view


initiative_phases, phase_edit, phase_delete = (
    part_list(PHASES),
    part_edit(PHASES),
    part_delete(PHASES),
)
initiative_budget = part_list(BUDGET)
budget_line_edit, budget_line_delete = part_edit(BUDGET), part_delete(BUDGET)
initiative_milestones = part_list(MILESTONES)
milestone_edit, milestone_delete = part_edit(MILESTONES), part_delete(MILESTONES)


# ----- The implementation log --------------------------------------------------------------
@district_view(roles=access.PLAN_READERS)
def initiative_log(request, pk: int):
    initiative = access_plan.get_initiative_for_log(request.user, request.district, pk)
    form = LogEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_create(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "Written in the implementation log.")
            return redirect("strategy:initiative_log", pk=initiative.pk)
    entries = initiative.log_entries.select_related("author")
    context = {"initiative": initiative, "form": form, "entries": entries}
    return render(request, "strategy/initiative_log.html", context, status=_status(form))
