"""PDSA cycle pages: a network's and a team's cycles in ramps, starting a cycle (or the
next one of a ramp), the cycle page walking Plan → Do → Study → Act, its attachments, and
the network's cycles as CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.core.exports import csv_download
from districtwise.improvement import access
from districtwise.improvement.forms.cycles import (
    STAGE_FORMS,
    AttachmentForm,
    PlanForm,
    StageForm,
    StartForm,
)
from districtwise.improvement.models import Cycle
from districtwise.improvement.selectors import cycles as selectors
from districtwise.improvement.services import cycle_attachments
from districtwise.improvement.services import cycles as services
from districtwise.improvement.services.cycles import ORDER, STAGE_FIELDS

Stage = Cycle.Stage


def show_date(value: dt.date | None) -> str:
    """A date as the district's staff read it: "October 6, 2025"."""
    return f"{value:%B} {value.day}, {value.year}" if value else ""


def refusal_onto_form(form, refused: ValidationError) -> None:
    """Show a service's refusal next to the fields it names (else above the form)."""
    if not hasattr(refused, "error_dict"):
        for message in refused.messages:
            form.add_error(None, message)
        return
    for name, errors in refused.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


# ---------------------------------------------------------------- lists


@district_view()
def network_cycles(request, pk: int):
    network = access.get_network_for_user(request.user, request.district, pk)
    teams = selectors.network_ramps(user=request.user, district=request.district, network=network)
    context = {"network": network, "teams": teams}
    return render(request, "improvement/cycles_network.html", context)


@district_view()
def team_cycles(request, pk: int):
    team = access.get_team_for_user(request.user, request.district, pk)
    found = selectors.team_ramps(user=request.user, district=request.district, team=team)
    context = {"network": team.network, "team": team, "found": found}
    return render(request, "improvement/cycles_team.html", context)


@district_view()
def cycles_export(request, pk: int):
    network = access.get_network_for_user(request.user, request.district, pk)
    rows = selectors.cycles_export_rows(
        user=request.user, district=request.district, network=network
    )
    return csv_download(f"cycles-network-{network.pk}.csv", selectors.EXPORT_HEADER, rows)


# ---------------------------------------------------------------- starting


@district_view()
def cycle_new(request, pk: int):
    team = access.get_team_for_editing(request.user, request.district, pk)
    ideas = selectors.change_ideas_to_test(team.network)
    form = StartForm(request.POST or None, ideas=ideas)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_start(
                actor=request.user,
                team=team,
                change_idea=form.cleaned_data["change_idea"],
                data=form.service_data(),
            )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, f"{cycle.title} started at Plan.")
            return redirect("improvement:cycle", cycle.pk)
    context = {"network": team.network, "team": team, "form": form, "previous": None}
    status = 400 if form.errors else 200
    return render(request, "improvement/cycles_start.html", context, status=status)


@district_view()
def cycle_next(request, pk: int):
    previous = access.get_cycle_for_editing(request.user, request.district, pk)
    if request.method != "POST":
        try:
            services.check_may_follow(previous)
        except ValidationError as refused:
            for message in refused.messages:
                messages.error(request, message)
            return redirect("improvement:cycle", previous.pk)
    form = PlanForm(request.POST or None, initial=services.next_cycle_plan(previous))
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_next(
                actor=request.user, previous=previous, data=form.service_data()
            )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, f"{cycle.title} started at Plan, after {previous.title}.")
            return redirect("improvement:cycle", cycle.pk)
    team = previous.team
    context = {"network": team.network, "team": team, "form": form, "previous": previous}
    status = 400 if form.errors else 200
    return render(request, "improvement/cycles_start.html", context, status=status)


# ---------------------------------------------------------------- the cycle page


@dataclass
class Section:
    """One stage of the cycle page: read-only rows, or the form of the current stage."""

    stage: str
    label: str
    state: str  # "done", "current" or "to come"
    rows: list[tuple[str, str]]
    form: StageForm | None

    @property
    def advance_label(self) -> str:
        if self.stage == Stage.ACT:
            return "Save and close the cycle"
        return f"Save and move on to {Stage(services.next_stage(self.stage)).label}"

    @property
    def back_label(self) -> str:
        if self.stage == Stage.PLAN:
            return ""
        return f"Step back to {Stage(services.previous_stage(self.stage)).label}"


def _shown(cycle: Cycle, name: str) -> str:
    value = getattr(cycle, name)
    if isinstance(value, dt.date):
        return show_date(value)
    if name == "decision":
        return cycle.get_decision_display() if value else ""
    return str(value or "")


def _sections(cycle: Cycle, may_edit: bool, bound: StageForm | None) -> list[Section]:
    sections = []
    at = ORDER.index(Stage(cycle.stage))
    for index, stage in enumerate(ORDER[:-1]):
        form_class = STAGE_FORMS[stage]
        state = "done" if index < at else ("current" if index == at else "to come")
        form = None
        if state == "current" and may_edit:
            initial = {name: getattr(cycle, name) for name in STAGE_FIELDS[stage]}
            form = bound or form_class(initial=initial, prefix=stage)
        labels = form_class.base_fields
        rows = [(str(labels[n].label), _shown(cycle, n)) for n in STAGE_FIELDS[stage]]
        sections.append(Section(stage, Stage(stage).label, state, rows, form))
    return sections


def _cycle_page(request, cycle: Cycle, *, bound=None, attachment_form=None, status=200):
    may_edit = access.may_edit_team(request.user, request.district, cycle.team)
    data = selectors.cycle_data(user=request.user, district=request.district, cycle=cycle)
    start, end = selectors.cycle_window(cycle)
    context: dict[str, Any] = {
        "network": cycle.team.network,
        "team": cycle.team,
        "cycle": cycle,
        "may_edit": may_edit and cycle.stage != Stage.CLOSED,
        "may_follow": may_edit and cycle.stage == Stage.CLOSED,
        "sections": _sections(cycle, may_edit, bound),
        "data": data,
        "window": (show_date(start), show_date(end)),
        "attachments": cycle.attachments.all(),
        "image_types": cycle_attachments.IMAGE_TYPES,
        "attachment_form": attachment_form or AttachmentForm(),
        "next_cycles": cycle.next_cycles.all(),
    }
    return render(request, "improvement/cycles_detail.html", context, status=status)


@district_view()
def cycle(request, pk: int):
    found = access.get_cycle_for_user(request.user, request.district, pk)
    return _cycle_page(request, found)


@require_POST
@district_view()
def cycle_stage(request, pk: int):
    """Save the current stage's section; "advance" also moves the cycle on."""
    found = access.get_cycle_for_editing(request.user, request.district, pk)
    if found.stage == Stage.CLOSED:
        messages.error(request, f"{found.title} is closed and cannot change.")
        return redirect("improvement:cycle", found.pk)
    posted_stage = request.POST.get("stage", "")
    if posted_stage != found.stage:
        # Someone moved the cycle on (or back) since this form was opened: saving it into
        # another stage's fields would blank them.
        messages.error(
            request,
            f"The cycle is now at {found.get_stage_display()}, not the stage you were "
            "editing: nothing was saved. Check the page and enter your changes again.",
        )
        return redirect("improvement:cycle", found.pk)
    form = STAGE_FORMS[found.stage](request.POST, prefix=found.stage)
    advance = request.POST.get("action") == "advance"
    if form.is_valid():
        try:
            saved = services.cycle_stage_save(
                actor=request.user, cycle=found, data=form.service_data(), advance=advance
            )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, _saved_message(saved, advance))
            return redirect("improvement:cycle", saved.pk)
    return _cycle_page(request, found, bound=form, status=400)


def _saved_message(cycle: Cycle, advance: bool) -> str:
    if not advance:
        return f"{cycle.get_stage_display()} saved."
    if cycle.stage == Stage.CLOSED:
        return f"{cycle.title} is closed with the decision: {cycle.get_decision_display()}."
    return f"Moved on to {cycle.get_stage_display()}."


@require_POST
@district_view()
def cycle_step_back(request, pk: int):
    """Take the cycle back one stage (a correction, recorded in the history)."""
    found = access.get_cycle_for_editing(request.user, request.district, pk)
    try:
        saved = services.cycle_step_back(actor=request.user, cycle=found)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Back at {saved.get_stage_display()} to correct it.")
    return redirect("improvement:cycle", found.pk)


# ---------------------------------------------------------------- attachments


@require_POST
@district_view()
def cycle_attachment_new(request, pk: int):
    found = access.get_cycle_for_editing(request.user, request.district, pk)
    if found.stage == Stage.CLOSED:
        messages.error(request, f"{found.title} is closed: attach files to the next cycle.")
        return redirect("improvement:cycle", found.pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = cycle_attachments.attachment_add(
                actor=request.user,
                cycle=found,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, f"{attachment.name} attached.")
            return redirect("improvement:cycle", found.pk)
    return _cycle_page(request, found, attachment_form=form, status=400)


@district_view()
def cycle_attachment(request, pk: int):
    """The file, through the access check, as a download with its stored content type."""
    attachment = access.get_attachment_for_user(request.user, request.district, pk)
    path = cycle_attachments.stored_path(attachment)
    if not path.is_file():
        raise Http404("The file is missing.")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


@require_POST
@district_view()
def cycle_attachment_delete(request, pk: int):
    attachment = access.get_attachment_for_editing(request.user, request.district, pk)
    cycle_pk = attachment.cycle_id
    try:
        cycle_attachments.attachment_delete(actor=request.user, attachment=attachment)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{attachment.name} removed.")
    return redirect("improvement:cycle", cycle_pk)
