"""The pages of principal supervision: the caseload (with visits per month), one
principal's record, the visit forms, growth goals and their notes, the visit calendar, and
a principal's own records."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from districtwise.core.access import district_view, person_ids
from districtwise.leadership import access
from districtwise.leadership.access import SUPERVISION_MEMBERS, SUPERVISORS
from districtwise.leadership.charts.supervision import visits_grid
from districtwise.leadership.forms.supervision import (
    GoalForm,
    GoalNoteForm,
    VisitCompleteForm,
    VisitForm,
)
from districtwise.leadership.models import VISIT_GAP_DAYS
from districtwise.leadership.selectors import supervision as selectors
from districtwise.leadership.services import supervision as services
from districtwise.organization.models import Person
from districtwise.strategy.forms.plan import show_refusal

CHART_MONTHS = 6
CALENDAR_YEARS = (1900, 2199)


def _rendered(request, template: str, context: dict, form):
    """A form page: 400 when it shows errors, so nothing looks saved."""
    return render(request, template, context, status=400 if form.errors else 200)


def _me(request) -> Person:
    ids = person_ids(request.user, request.district)
    person = Person.objects.filter(pk__in=ids).first()
    if person is None:
        raise PermissionDenied("You have no staff record in this district.")
    return person


def _chosen_network(request, networks):
    """The network asked for in ``?network=``, if the user may open it; else the first."""
    wanted = request.GET.get("network", "")
    found = networks.filter(pk=int(wanted)).first() if wanted.isdecimal() else None
    return found or networks.first()


# ----- the caseload ----------------------------------------------------------------------
OUTSIDE = "none"  # ?network= for the schools that belong to no network


@district_view(SUPERVISORS)
def caseload(request):
    """The principals a supervisor keeps, with how recently each was visited."""
    user, district = request.user, request.district
    networks = selectors.caseload_networks(user=user, district=district)
    has_outside = selectors.caseload_has_outside(user=user, district=district)
    outside = has_outside and (request.GET.get("network") == OUTSIDE or not networks.exists())
    network = None if outside else _chosen_network(request, networks)
    rows = selectors.caseload(user=user, district=district, network=network, outside=outside)
    months = selectors.months_back(timezone.localdate(), CHART_MONTHS)
    counts = selectors.visits_per_month(
        user=request.user,
        district=request.district,
        principals=[r.principal for r in rows],
        months=months,
    )
    table = [(r, counts.get(r.principal.pk, [])) for r in rows]
    chart = visits_grid(
        [(f"{r.principal.full_name} ({r.school.name})", c) for r, c in table],
        months,
        chart_id="visits-per-month",
        title="Completed visits per month, per principal",
    )
    context = {
        "rows": rows,
        "networks": networks,
        "network": network,
        "has_outside": has_outside,
        "outside": outside,
        "outside_value": OUTSIDE,
        "months": months,
        "table": table,
        "chart": mark_safe(chart),  # noqa: S308 - drawn by us; every text in it is escaped
        "gap_days": VISIT_GAP_DAYS,
        "overdue": sum(1 for r in rows if r.overdue),
    }
    return render(request, "leadership/supervision_caseload.html", context)


# ----- one principal ---------------------------------------------------------------------
@district_view(SUPERVISION_MEMBERS)
def principal(request, pk: int):
    found = access.get_principal_for_user(request.user, request.district, pk)
    record = selectors.principal_record(
        user=request.user, district=request.district, principal=found
    )
    keeps = access.supervised_principals(request.user, request.district).filter(pk=pk).exists()
    context = {"principal": found, "keeps": keeps, **record}
    return render(request, "leadership/supervision_principal.html", context)


# ----- visits ----------------------------------------------------------------------------
def _visit_form(request, **kwargs) -> VisitForm:
    return VisitForm(
        request.POST or None,
        schools=access.supervised_schools(request.user, request.district).order_by("name"),
        principals=access.supervised_principals(request.user, request.district).select_related(
            "school", "department"
        ),
        **kwargs,
    )


@district_view(SUPERVISORS)
def visit_new(request):
    initial = {}
    wanted = request.GET.get("principal", "")
    if wanted.isdecimal():
        chosen = access.get_principal_for_keeping(request.user, request.district, int(wanted))
        school = selectors.supervised_school_of(
            user=request.user, district=request.district, principal=chosen
        )
        initial = {"principal": chosen.pk, "school": school.pk if school else None}
    form = _visit_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_plan(
                actor=request.user,
                district=request.district,
                supervisor=_me(request),
                **form.cleaned_data,
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"The visit to {visit.school} is planned.")
            return redirect("leadership:principal", pk=visit.principal_id)
    return _rendered(request, "leadership/supervision_visit_form.html", {"form": form}, form)


@district_view(SUPERVISION_MEMBERS)
def visit_edit(request, pk: int):
    visit = access.get_visit_for_edit(request.user, request.district, pk)
    initial = {
        "school": visit.school_id,
        "principal": visit.principal_id,
        "visit_on": visit.visit_on,
        "focus": visit.focus,
        "focus_other": visit.focus_other,
        "cancelled": visit.status == visit.Status.CANCELLED,
    }
    form = _visit_form(request, initial=initial, editing=visit.status != visit.Status.COMPLETED)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_update(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"The visit to {visit.school} is saved.")
            return redirect("leadership:principal", pk=visit.principal_id)
        visit.refresh_from_db()
    context = {"form": form, "visit": visit}
    return _rendered(request, "leadership/supervision_visit_form.html", context, form)


@district_view(SUPERVISION_MEMBERS)
def visit_complete(request, pk: int):
    visit = access.get_visit_for_edit(request.user, request.district, pk)
    initial = {
        "evidence_seen": visit.evidence_seen,
        "feedback": visit.feedback,
        "next_steps": visit.next_steps,
        "follow_up_on": visit.follow_up_on,
    }
    form = VisitCompleteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_complete(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"The visit to {visit.school} is completed.")
            return redirect("leadership:principal", pk=visit.principal_id)
    context = {"form": form, "visit": visit}
    return _rendered(request, "leadership/supervision_visit_complete.html", context, form)


# ----- growth goals ----------------------------------------------------------------------
@district_view(SUPERVISION_MEMBERS)
def goal_new(request, pk: int):
    found = access.get_principal_for_keeping(request.user, request.district, pk)
    school = selectors.supervised_school_of(
        user=request.user, district=request.district, principal=found
    )
    year = selectors.school_year_of(timezone.localdate())
    form = GoalForm(request.POST or None, initial={"school_year": year, "status": "active"})
    if school is None:  # a principal one keeps leads a school one supervises
        raise PermissionDenied("You supervise none of this principal's schools.")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_create(
                actor=request.user,
                district=request.district,
                principal=found,
                school=school,
                **data,
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"The goal is set for {found.full_name}.")
            return redirect("leadership:principal", pk=found.pk)
    context = {"form": form, "principal": found}
    return _rendered(request, "leadership/supervision_goal_form.html", context, form)


@district_view(SUPERVISION_MEMBERS)
def goal_edit(request, pk: int):
    goal = access.get_goal_for_edit(request.user, request.district, pk)
    initial = {
        "school_year": goal.school_year,
        "goal": goal.goal,
        "area": goal.area,
        "success_measures": goal.success_measures,
        "status": goal.status,
    }
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.goal_update(actor=request.user, goal=goal, text=data.pop("goal"), **data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The goal is saved.")
            return redirect("leadership:principal", pk=goal.principal_id)
        goal.refresh_from_db()
    context = {"form": form, "principal": goal.principal, "goal": goal}
    return _rendered(request, "leadership/supervision_goal_form.html", context, form)


@district_view(SUPERVISION_MEMBERS)
def goal_note(request, pk: int):
    """A progress note on a goal: by its principal or by the supervisor keeping it."""
    goal = access.get_goal_for_user(request.user, request.district, pk)
    own = goal.principal_id in person_ids(request.user, request.district)
    if not (own or access.keeps_record(request.user, request.district, goal)):
        raise PermissionDenied("Only the principal and their supervisor add notes to a goal.")
    form = GoalNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_note_add(
                actor=request.user, goal=goal, author=_me(request), **form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The note is added.")
            if own:
                return redirect("leadership:my_development")
            return redirect("leadership:principal", pk=goal.principal_id)
    context = {"form": form, "goal": goal, "own": own}
    return _rendered(request, "leadership/supervision_goal_note.html", context, form)


# ----- the calendar ----------------------------------------------------------------------
def _month_asked(request) -> dt.date:
    today = timezone.localdate().replace(day=1)
    wanted = request.GET.get("month", "")
    if not wanted:
        return today
    try:
        asked = dt.datetime.strptime(wanted, "%Y-%m").date()
    except ValueError:
        messages.error(
            request, f"'{wanted}' is not a month: write it as 2026-03. Shown: this month."
        )
        return today
    # The page links the months before and after, and lays out whole weeks: near year 1 or
    # 9999 those fall off the calendar Python can write.
    if not CALENDAR_YEARS[0] <= asked.year <= CALENDAR_YEARS[1]:
        messages.error(
            request,
            f"'{wanted}' is outside the calendar ({CALENDAR_YEARS[0]}-01 to "
            f"{CALENDAR_YEARS[1]}-12). Shown: this month.",
        )
        return today
    return asked


@district_view(SUPERVISION_MEMBERS)
def visit_calendar(request):
    """A month of planned and completed visits, as a grid of weeks and as a list."""
    first = _month_asked(request)
    networks = selectors.caseload_networks(user=request.user, district=request.district)
    wanted = request.GET.get("network", "")
    network = networks.filter(pk=int(wanted)).first() if wanted.isdecimal() else None
    month = selectors.visit_calendar(
        user=request.user,
        district=request.district,
        year=first.year,
        month=first.month,
        network=network,
    )
    context = {
        "month": month,
        "networks": networks,
        "network": network,
        "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    }
    return render(request, "leadership/supervision_calendar.html", context)


# ----- a principal's own records ---------------------------------------------------------
@district_view({access.Role.PRINCIPAL})
def my_development(request):
    """A principal's own visits (feedback of completed ones, date and focus of planned ones)
    and growth goals, with their progress notes."""
    context = selectors.my_development(user=request.user, district=request.district)
    return render(request, "leadership/supervision_mine.html", context)
