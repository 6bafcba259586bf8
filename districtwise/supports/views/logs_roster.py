"""The pages of a school's teaching roster: who teaches there, since and until when, and
the hand edits of its leaders (a mid-year hire, a second school, subject and grade span,
the last day)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from districtwise.core.access import district_view
from districtwise.organization.models import Person
from districtwise.strategy.views.progress import refusal_onto_form
from districtwise.supports import access, selectors
from districtwise.supports.forms.logs import AssignmentForm, HireForm
from districtwise.supports.selectors import logs as log_selectors
from districtwise.supports.services import logs_roster

READERS = access.SCHOOL_PAGE_READERS


def _year(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() and len(value) == 4 else None


@district_view(roles=READERS)
def school_roster(request, school_pk: int):
    """A school's teaching roster of a school year (the current one by default)."""
    school = access.get_school_for_user(request.user, request.district, school_pk)
    rows = log_selectors.school_roster(
        user=request.user,
        district=request.district,
        school=school,
        school_year=_year(request.GET.get("year")),
    )
    context = {
        "school": school,
        "rows": rows,
        "may_lead": access.may_lead_school(request.scope, school.pk),
    }
    return render(request, "supports/logs_roster.html", context)


@district_view(roles=READERS)
def roster_add(request, school_pk: int):
    """Add a teacher by hand: a mid-year hire or a teacher of another school."""
    school = access.get_school_for_leading(request.user, request.district, school_pk)
    people = Person.objects.filter(
        district=request.district, teaching_assignments__isnull=False
    ).distinct()
    form = HireForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            logs_roster.teacher_hire(
                actor=request.user,
                district=request.district,
                school=school,
                person=data.pop("existing"),
                **data,
            )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, "Teacher added to the roster.")
            return redirect("supports:school_roster", school.pk)
    context = {"school": school, "form": form}
    return render(
        request, "supports/logs_roster_add.html", context, status=400 if form.errors else 200
    )


@district_view(roles=READERS)
def assignment_edit(request, school_pk: int, pk: int):
    """Set a roster row's subject and grade span, or end it."""
    school = access.get_school_for_user(request.user, request.district, school_pk)
    rows = selectors.assignment_list(user=request.user, district=request.district)
    row = rows.filter(school=school, pk=pk).first()
    if row is None:
        raise Http404("Not found")
    access.get_school_for_leading(request.user, request.district, school_pk)
    initial = {k: getattr(row, k) for k in ("subject", "grade_low", "grade_high", "ends_on")}
    form = AssignmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            logs_roster.assignment_update(actor=request.user, assignment=row, **form.cleaned_data)
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, f"{row.teacher} updated.")
            return redirect("supports:school_roster", school.pk)
    context = {"school": school, "form": form, "row": row}
    return render(
        request, "supports/logs_assignment.html", context, status=400 if form.errors else 200
    )
