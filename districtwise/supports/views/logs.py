"""The pages of delivery logs, teacher groups and a school's teaching roster.

Every page is a school's: its readers (the school's staff who read supports, its network
lead, district-wide roles) open it; its loggers (school leaders, coaches and teacher
leaders) write logs and groups; its leaders (principal, assistant principals) change the
roster. A school a user may not see answers 404, a change they may not make 403."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.organization.models import Person
from districtwise.strategy.views.progress import refusal_onto_form
from districtwise.supports import access, selectors
from districtwise.supports.forms.logs import GroupForm, LogForm, LogSheetForm
from districtwise.supports.models import DeliveryLog, TeacherAssignment
from districtwise.supports.selectors import logs as log_selectors
from districtwise.supports.services import logs as log_services
from districtwise.supports.services import logs_import

READERS = access.SCHOOL_PAGE_READERS


def _day(value: str | None, default: dt.date | None = None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _month(value: str | None) -> dt.date | None:
    return _day(f"{value}-01") if value else None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() else None


@district_view(roles=access.CATALOGUE_READERS)
def log_schools(request):
    """The schools whose logs and roster the user reads (none for a reader of the
    catalogue only)."""
    schools = selectors.school_list(user=request.user, district=request.district)
    return render(request, "supports/logs_schools.html", {"schools": schools})


@district_view(roles=READERS)
def school_logs(request, school_pk: int):
    """A school's logs, filtered by support, month and teacher."""
    school = access.get_school_for_user(request.user, request.district, school_pk)
    user, district, get = request.user, request.district, request.GET
    chosen = {
        "support": _int(get.get("support")),
        "month": get.get("month", ""),
        "teacher": _int(get.get("teacher")),
    }
    logs = log_selectors.school_logs(
        user=user,
        district=district,
        school=school,
        support_id=chosen["support"],
        month=_month(chosen["month"]),
        teacher_id=chosen["teacher"],
    )
    context = {
        "school": school,
        "logs": logs[:500],
        "count": logs.count(),
        "chosen": chosen,
        "supports": selectors.support_list(user=user, district=district, include_retired=True),
        "teachers": log_selectors.school_teachers(user=user, district=district, school=school),
        "may_log": access.may_log_at(request.scope, school.pk),
    }
    return render(request, "supports/logs_list.html", context)


def _deliverers(district, school):
    rostered = TeacherAssignment.objects.filter(school=school).values("teacher_id")
    return Person.objects.filter(district=district).filter(
        Q(school=school) | Q(department__isnull=False) | Q(pk__in=rostered)
    )


def _log_form(request, school, *, log: DeliveryLog | None, on: dt.date):
    user, district = request.user, request.district
    teachers = (
        log_selectors.school_teachers(user=user, district=district, school=school)
        if request.method == "POST"
        else log_selectors.teachers_on(user=user, district=district, school=school, on=on)
    )
    return LogForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(request, school, log, on),
        supports=selectors.support_list(user=user, district=district),
        deliverers=_deliverers(district, school),
        teachers=teachers,
    )


def _initial(request, school, log: DeliveryLog | None, on: dt.date) -> dict:
    if log is not None:
        return {
            "support": log.support_id,
            "delivered_on": log.delivered_on,
            "minutes": log.minutes,
            "delivered_by": log.delivered_by_id,
            "teachers": [t.pk for t in log.teachers.all()],
            "feedback_on": log.feedback_on,
            "notes": log.notes,
        }
    me = Person.objects.filter(district=request.district, user=request.user).first()
    initial: dict = {"delivered_on": on, "delivered_by": me.pk if me else None}
    groups = log_selectors.school_groups(
        user=request.user, district=request.district, school=school
    )
    group = groups.filter(pk=_int(request.GET.get("group")) or 0).first()
    if group is not None:
        initial |= {"teachers": [m.pk for m in group.members.all()], "group": group}
        initial["support"] = group.support_id
        initial["minutes"] = group.support.min_minutes or None if group.support else None
    return initial


def _entry(form: LogForm, school) -> log_services.LogEntry:
    data = form.cleaned_data
    return log_services.LogEntry(
        support=data["support"],
        school=school,
        delivered_on=data["delivered_on"],
        minutes=data["minutes"],
        teachers=tuple(data["teachers"]),
        delivered_by=data["delivered_by"],
        notes=data["notes"],
        feedback_on=data["feedback_on"],
    )


def _log_page(request, school, log: DeliveryLog | None):
    default = log.delivered_on if log is not None else timezone.localdate()
    on = _day(request.GET.get("on"), default) or default
    form = _log_form(request, school, log=log, on=on)
    if request.method == "POST" and form.is_valid():
        try:
            if log is None:
                log_services.log_create(
                    actor=request.user, district=request.district, entry=_entry(form, school)
                )
            else:
                log_services.log_update(actor=request.user, log=log, entry=_entry(form, school))
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, "Delivery logged." if log is None else "Log corrected.")
            return redirect("supports:school_logs", school.pk)
    context = {
        "school": school,
        "form": form,
        "log": log,
        "on": on,
        "groups": log_selectors.school_groups(
            user=request.user, district=request.district, school=school
        ),
        "chosen_group": form.initial.get("group"),
    }
    return render(request, "supports/logs_form.html", context, status=400 if form.errors else 200)


@district_view(roles=READERS)
def log_create(request, school_pk: int):
    """Log a delivery: a PLC pre-filled from its group, a coaching session, an observation."""
    school = access.get_school_for_logging(request.user, request.district, school_pk)
    return _log_page(request, school, None)


def _log_for_edit(request, school_pk: int, pk: int):
    school = access.get_school_for_user(request.user, request.district, school_pk)
    log = log_selectors.school_logs(user=request.user, district=request.district, school=school)
    found = log.filter(pk=pk).first()
    if found is None:
        raise Http404("Not found")
    school = access.get_school_for_logging(request.user, request.district, school_pk)
    return school, found


@district_view(roles=READERS)
def log_edit(request, school_pk: int, pk: int):
    """Correct a log (whoever may log at the school)."""
    school, log = _log_for_edit(request, school_pk, pk)
    return _log_page(request, school, log)


@district_view(roles=READERS)
def log_delete(request, school_pk: int, pk: int):
    """Ask, then remove a log entered in error."""
    school, log = _log_for_edit(request, school_pk, pk)
    if request.method == "POST":
        log_services.log_delete(actor=request.user, log=log)
        messages.success(request, "Log removed.")
        return redirect("supports:school_logs", school.pk)
    return render(request, "supports/logs_delete.html", {"school": school, "log": log})


@district_view(roles=READERS)
def log_import(request, school_pk: int):
    """Import a CSV file of the school's logs, all or nothing, with a row-level report."""
    school = access.get_school_for_logging(request.user, request.district, school_pk)
    form = LogSheetForm(request.POST or None, request.FILES or None)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        try:
            count = logs_import.logs_import(
                actor=request.user,
                district=request.district,
                text=form.cleaned_data["sheet"],
                schools=[school],
            )
        except logs_import.LogSheetRefused as refused:
            problems = refused.problems
            form.add_error(None, f"Nothing was imported: {len(problems)} problem(s) to fix.")
        else:
            messages.success(request, f"{count} log(s) imported.")
            return redirect("supports:school_logs", school.pk)
    context = {"school": school, "form": form, "problems": problems[:500]}
    return render(request, "supports/logs_import.html", context, status=400 if form.errors else 200)


@district_view(roles=READERS)
def school_groups(request, school_pk: int):
    """A school's teacher groups; its loggers add one."""
    school = access.get_school_for_user(request.user, request.district, school_pk)
    user, district = request.user, request.district
    form = GroupForm(
        request.POST if request.method == "POST" else None,
        supports=selectors.support_list(user=user, district=district),
        teachers=log_selectors.school_teachers(user=user, district=district, school=school),
    )
    if request.method == "POST":
        school = access.get_school_for_logging(user, district, school_pk)
        if form.is_valid():
            try:
                log_services.teacher_group_create(
                    actor=user, district=district, school=school, **form.cleaned_data
                )
            except ValidationError as refused:
                refusal_onto_form(form, refused)
            else:
                messages.success(request, f"Group {form.cleaned_data['name']} added.")
                return redirect("supports:school_groups", school.pk)
    context = {
        "school": school,
        "form": form,
        "groups": log_selectors.school_groups(user=user, district=district, school=school),
        "may_log": access.may_log_at(request.scope, school.pk),
    }
    return render(request, "supports/logs_groups.html", context, status=400 if form.errors else 200)


@require_POST
@district_view(roles=READERS)
def group_delete(request, school_pk: int, pk: int):
    """Remove a teacher group (its past logs keep their attendees)."""
    school = access.get_school_for_user(request.user, request.district, school_pk)
    groups = log_selectors.school_groups(
        user=request.user, district=request.district, school=school
    )
    group = groups.filter(pk=pk).first()
    if group is None:
        raise Http404("Not found")
    access.get_school_for_logging(request.user, request.district, school_pk)
    log_services.teacher_group_delete(actor=request.user, group=group)
    messages.success(request, f"Group {group.name} removed.")
    return redirect("supports:school_groups", school.pk)
