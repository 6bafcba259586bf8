"""The pages of principals' time use: the section's front page, a principal's summary,
the week view, the quick daily entry, and the goals."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from districtwise.analytics.workload.time_use import WEEK, period_start
from districtwise.core.access import district_view
from districtwise.workload import access
from districtwise.workload.charts.time_use import percent, weeks_svg
from districtwise.workload.forms.time_use import DayForm, GoalForm, WeekForm, week_initial
from districtwise.workload.models import Category
from districtwise.workload.selectors import time_use as selectors
from districtwise.workload.services import time_use as services


def _day(text: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if text else default
    except ValueError:
        return default


@district_view(roles=access.WORKLOAD_READERS)
def time_home(request):
    """What the reader may see of time use: their own log, their network, the district."""
    district = request.district
    me = access.person_of(request.user, district)
    mine = [
        r
        for r in access.current_principals(district)
        if access.may_enter_time_for(request.user, request.scope, r)
    ]
    rows, whole, goal = selectors.district_aggregates(user=request.user, district=district)
    context = {
        "me": me,
        "mine": mine,
        "networks": selectors.network_comparison(user=request.user, district=district),
        "aggregates": rows,
        "district_row": whole,
        "goal": goal,
        "goal_text": percent(goal),
        "sets_goal": request.scope.has_any(access.CABINET),
        "min_principals": selectors.MIN_PRINCIPALS,
    }
    return render(request, "workload/time_home.html", context)


@district_view(roles=access.WORKLOAD_READERS)
def time_summary(request, pk: int):
    """One principal's weeks and months against the goal (principal, AP, supervisor)."""
    summary = selectors.principal_summary(user=request.user, district=request.district, pk=pk)
    chart = weeks_svg(
        summary.weeks,
        summary.goal,
        chart_id="time-weeks",
        title=f"Instructional share by week: {summary.row.person.full_name}",
    )
    context = {
        "summary": summary,
        # Safe: charts.time_use escapes every text it puts in the markup.
        "chart": mark_safe(chart),  # noqa: S308
        "categories": Category.choices,
        "enters": access.may_enter_time_for(request.user, request.scope, summary.row),
        "supervises": access.supervises(request.scope, summary.row.school),
    }
    return render(request, "workload/time_summary.html", context)


@district_view(roles=access.WORKLOAD_READERS)
def time_week(request, pk: int):
    """The week view: read by the supervisor, filled by the principal or their AP."""
    if request.method == "POST":
        row = access.get_principal_for_time_entry(request.user, request.district, pk)
    else:
        row = access.get_principal_for_time(request.user, request.district, pk)
    today = timezone.localdate()
    week_start = period_start(_day(request.GET.get("week"), today), WEEK)
    entries = selectors.week_entries(row, week_start)
    initial, ranges = week_initial(entries, week_start)
    data = request.POST if request.method == "POST" else None
    form = WeekForm(data, initial=initial, week_start=week_start, ranges=ranges)
    enters = access.may_enter_time_for(request.user, request.scope, row)
    form.disable(after=None if not enters else today)
    if form.is_valid():
        try:
            services.time_week_save(
                actor=request.user,
                district=request.district,
                principal=row,
                week_start=week_start,
                stretches=form.stretches(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "The week is saved.")
            url = reverse("workload:time_summary", args=[row.person.pk])
            return redirect(url)
    context = {
        "row": row,
        "form": form,
        "days": form.days[:5],
        "week_start": week_start,
        "previous": week_start - dt.timedelta(weeks=1),
        "next": week_start + dt.timedelta(weeks=1)
        if week_start + dt.timedelta(weeks=1) <= today
        else None,
        "totals": [e for e in entries if not e.is_timed],
        "enters": enters,
    }
    return render(request, "workload/time_week.html", context, status=400 if form.errors else 200)


@district_view(roles=access.WORKLOAD_READERS)
def time_day(request, pk: int):
    """The quick daily entry: minutes per category for one day."""
    row = access.get_principal_for_time_entry(request.user, request.district, pk)
    day = _day(request.GET.get("on"), timezone.localdate())
    form = DayForm(request.POST or None, initial={"on": day})
    if form.is_valid():
        try:
            services.time_day_save(
                actor=request.user,
                district=request.district,
                principal=row,
                on=form.cleaned_data["on"],
                minutes=form.minutes(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Saved the totals of {form.cleaned_data['on']:%A %d %B}.")
            return redirect(reverse("workload:time_summary", args=[row.person.pk]))
    context = {"row": row, "form": form}
    return render(request, "workload/time_day.html", context, status=400 if form.errors else 200)


@district_view(roles=access.WORKLOAD_READERS)
def time_goal(request):
    """The district's goal for the instructional share (the cabinet sets it)."""
    access.require_time_goal_setter(request.scope)
    current = selectors.district_goal(request.district)
    form = GoalForm(request.POST or None, initial={"percent": int(current * 100)})
    if form.is_valid():
        services.time_goal_set(actor=request.user, district=request.district, share=form.share())
        messages.success(request, f"The district's goal is now {form.cleaned_data['percent']} %.")
        return redirect("workload:time_home")
    context = {"form": form, "heading": "The district's goal", "current": percent(current)}
    return render(request, "workload/time_goal.html", context, status=400 if form.errors else 200)


@district_view(roles=access.WORKLOAD_READERS)
def time_principal_goal(request, pk: int):
    """One principal's own goal (their supervisor sets it; it replaces the district's)."""
    row = access.get_principal_for_time_goal(request.user, request.district, pk)
    current = selectors.goal_for(request.district, row.person)
    form = GoalForm(request.POST or None, initial={"percent": int(current * 100)})
    if form.is_valid():
        services.time_goal_set(
            actor=request.user,
            district=request.district,
            principal=row.person,
            share=form.share(),
        )
        messages.success(
            request, f"{row.person.full_name}'s goal is now {form.cleaned_data['percent']} %."
        )
        return redirect(reverse("workload:time_summary", args=[row.person.pk]))
    context = {
        "form": form,
        "heading": f"{row.person.full_name}'s goal",
        "current": percent(current),
        "row": row,
    }
    return render(request, "workload/time_goal.html", context, status=400 if form.errors else 200)
