"""The pages of the task audit and its redistribution: the audits, the starter list, a
school's audit (filled in from the starter list in one save), a task's decision, what is
coming off principals' plates, and the hours a week returned to them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.core.exports import csv_download
from districtwise.workload import access
from districtwise.workload.forms.tasks import DecisionForm, TaskRowFormSet, audit_rows
from districtwise.workload.selectors import tasks as selectors
from districtwise.workload.services import tasks as services
from districtwise.workload.task_hours import (
    HOURS_IN_A_WEEK,
    LONG_WEEK_HOURS,
    PRINCIPAL_WEEKS_PER_YEAR,
)

RULES = {
    "weeks_per_year": PRINCIPAL_WEEKS_PER_YEAR,
    "week_holds": HOURS_IN_A_WEEK,
    "long_week": LONG_WEEK_HOURS,
}


@district_view(roles=access.WORKLOAD_READERS)
def task_audits(request):
    """Every school's task audit the user sees, with hours returned and planned."""
    context = {
        "audits": selectors.school_audits(user=request.user, district=request.district),
        "led_school_ids": access.led_school_ids(request.scope),
        "starter_count": selectors.starter_tasks(
            user=request.user, district=request.district
        ).count(),
    }
    return render(request, "workload/tasks_audits.html", context)


@district_view(roles=access.WORKLOAD_READERS)
def starter_list(request):
    """The district's starter list, from which principals fill in their audits."""
    context = {
        "tasks": selectors.starter_tasks(user=request.user, district=request.district),
        "may_edit": access.keeps_starter_list(request.scope),
        "rules": RULES,
    }
    return render(request, "workload/tasks_starter.html", context)


@district_view(roles=access.WORKLOAD_READERS)
def starter_list_edit(request):
    """The cabinet keeps the starter list on the same one-save page as an audit."""
    if not access.keeps_starter_list(request.scope):
        raise PermissionDenied("Only the cabinet keeps the starter list.")
    return _audit_page(request, None)


@district_view(roles=access.WORKLOAD_READERS)
def school_audit(request, pk: int):
    """A school's task audit with the decision on each task."""
    school = access.get_school_for_user(request.user, request.district, pk)
    scope = request.scope
    context = {
        "school": school,
        "tasks": selectors.school_tasks(user=request.user, school=school),
        "may_edit": access.leads_school(scope, school.pk),
        "may_agree": access.may_agree_for(scope, school),
        "rules": RULES,
    }
    context["audit"] = selectors.school_audit(user=request.user, school=school)
    return render(request, "workload/tasks_school.html", context)


@district_view(roles=access.WORKLOAD_READERS)
def school_audit_edit(request, pk: int):
    """The principal fills in the audit: starter tasks ticked, adjusted, their own added."""
    school = access.get_school_for_leading(request.user, request.district, pk)
    return _audit_page(request, school)


def _audit_page(request, school):
    district = request.district
    lines = selectors.audit_lines(user=request.user, district=district, school=school)
    form_kwargs = {"district": district}
    if request.method == "POST":
        formset = TaskRowFormSet(request.POST, form_kwargs=form_kwargs, prefix="task")
        problems = _save_audit(request, formset, school)
        if not problems:
            return redirect(*_after_audit(school))
    else:
        initial = [line.initial() for line in lines]
        formset = TaskRowFormSet(initial=initial, form_kwargs=form_kwargs, prefix="task")
        problems = []
    context = {"formset": formset, "school": school, "problems": problems, "rules": RULES}
    status = 400 if problems else 200
    return render(request, "workload/tasks_audit_form.html", context, status=status)


def _after_audit(school) -> tuple:
    if school is None:
        return ("workload:tasks_starter",)
    return ("workload:tasks_school", school.pk)


def _save_audit(request, formset, school) -> list[str]:
    if not formset.is_valid() and formset.non_form_errors():
        return [str(e) for e in formset.non_form_errors()]
    rows, problems = audit_rows(formset)
    if problems:
        return problems
    try:
        saved = services.task_audit_save(
            actor=request.user, district=request.district, school=school, rows=rows
        )
    except services.TaskAuditRefused as refused:
        return refused.problems
    done = f"Saved: {saved.created} added, {saved.changed} changed, {saved.removed} removed"
    messages.success(request, f"{done}; {saved.weekly_total} hours a week in all.")
    for warning in saved.warnings:
        messages.warning(request, warning)
    return []


@district_view(roles=access.WORKLOAD_READERS)
def task_decision(request, pk: int):
    """The principal proposes what to do with a task and who owns it next."""
    task = access.get_task_for_deciding(request.user, request.district, pk)
    current = getattr(task, "decision", None)
    initial = {}
    if current is not None:
        initial = {
            "decision": current.decision,
            "new_department": current.new_department_id,
            "new_owner": current.new_owner_id,
            "starts_on": current.starts_on,
            "note": current.note,
        }
    form = DecisionForm(request.POST or None, task=task, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_decision_propose(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as refused:
            for message in refused.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Proposed for “{task.name}”; the network lead agrees.")
            return redirect("workload:tasks_school", task.school_id)
    context = {"form": form, "task": task, "current": current}
    return render(
        request, "workload/tasks_decision.html", context, status=400 if form.errors else 200
    )


@require_POST
@district_view(roles=access.WORKLOAD_READERS)
def task_decision_agree(request, pk: int):
    """The network lead (or the cabinet) agrees a proposed decision."""
    record = access.get_decision_for_agreeing(request.user, request.district, pk)
    try:
        services.task_decision_agree(actor=request.user, record=record)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"Agreed: {record.task.name}.")
    return redirect(_back(request, record))


@require_POST
@district_view(roles=access.TASK_OWNER_READERS)
def task_decision_progress(request, pk: int):
    """The network lead, the cabinet or the new owner moves an agreed decision on."""
    record = access.get_decision_for_moving_on(request.user, request.district, pk)
    try:
        services.task_decision_progress(
            actor=request.user, record=record, status=request.POST.get("status", "")
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"{record.task.name}: {record.get_status_display().lower()}.")
    return redirect(_back(request, record))


def _back(request, record) -> str:
    """Back to the page the button was on (this site's only), else the school's audit."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return reverse("workload:tasks_school", args=[record.task.school_id])


def _id(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() else None


@district_view(roles=access.WORKLOAD_READERS)
def coming_off(request):
    """Every task coming off principals' plates, who owns it now, since when, its status;
    filtered by the new department or owner."""
    department_id, owner_id = _id(request.GET.get("department")), _id(request.GET.get("owner"))
    departments, owners = selectors.owner_choices(user=request.user, district=request.district)
    context = {
        "decisions": selectors.coming_off(
            user=request.user,
            district=request.district,
            department_id=department_id,
            owner_id=owner_id,
        ),
        "departments": departments,
        "owners": owners,
        "department_id": department_id,
        "owner_id": owner_id,
        "mine": selectors.coming_to_me(user=request.user, district=request.district),
    }
    return render(request, "workload/tasks_coming_off.html", context)


@district_view(roles=access.TASK_OWNER_READERS)
def coming_to_me(request):
    """What is coming to the user (named owner) or to the department they lead."""
    context = {"mine": selectors.coming_to_me(user=request.user, district=request.district)}
    return render(request, "workload/tasks_coming_to_me.html", context)


@district_view(roles=access.WORKLOAD_READERS)
def hours_returned(request):
    """Hours a week returned to principals, per principal, school, network and district."""
    report = selectors.hours_returned_report(user=request.user, district=request.district)
    context = {
        "report": report,
        "bars": selectors.hours_bars(report.schools),
        "network_bars": selectors.hours_bars(report.networks),
    }
    return render(request, "workload/tasks_hours_returned.html", context)


HOURS_COLUMNS = ["level", "name", "detail", "audited_hours_per_week"]
HOURS_COLUMNS += ["returned_hours_per_week", "planned_hours_per_week"]


@district_view(roles=access.WORKLOAD_READERS)
def hours_returned_csv(request):
    """The hours-returned figures the page shows, as a spreadsheet-safe CSV."""
    report = selectors.hours_returned_report(user=request.user, district=request.district)
    levels = [("principal", report.principals), ("school", report.schools)]
    levels += [("network", report.networks), ("district", [report.district])]
    rows = [
        [
            level,
            line.label,
            line.detail,
            line.hours.audited,
            line.hours.returned,
            line.hours.planned,
        ]
        for level, lines in levels
        for line in lines
    ]
    return csv_download(f"hours-returned-{request.district.code}.csv", HOURS_COLUMNS, rows)
