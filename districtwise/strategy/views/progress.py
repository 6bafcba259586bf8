"""Progress monitoring pages: every goal's status with a small chart, one goal's progress
(a chart and a table per line: all students, then each student group), the progress CSV,
and the indicators with their figures (entered one by one, or pasted / uploaded as CSV)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from districtwise.analytics.strategy.progress import STATUS_NAMES, Status
from districtwise.core.access import district_view
from districtwise.equity.charts.labels import group_label
from districtwise.strategy import access, metric_sources
from districtwise.strategy.access import progress as progress_access
from districtwise.strategy.charts.progress import progress_svg, show_figure
from districtwise.strategy.exports.progress import figure_note, progress_csv
from districtwise.strategy.forms.progress import (
    FigureForm,
    FigureSheetForm,
    IndicatorForm,
    metric_key,
)
from districtwise.strategy.models import Goal, Indicator
from districtwise.strategy.selectors import progress as selectors
from districtwise.strategy.services import progress as services


@dataclass
class LineView:
    """One line of a goal as a page shows it: its name, status, chart and table rows."""

    label: str
    status: Status
    svg: str
    rows: list[tuple[str, str, str]]


def line_view(progress: selectors.GoalProgress, line: selectors.GroupProgress, *, spark: bool):
    """The chart and the table of one line (a gap's row says why there is no number)."""
    goal = progress.goal
    unit = goal.indicator.unit if goal.indicator else Indicator.Unit.NUMBER
    label = group_label(line.group_type, line.group)
    chart_id = f"goal{goal.pk}-{line.group_type}-{line.group}{'-spark' if spark else ''}"
    rows = []
    for point in line.points:
        expected = line.expected_at(point.on)
        shown = (
            show_figure(point.value, unit)
            if point.value is not None
            else figure_note(None, point.withheld, progress.small_count)
        )
        rows.append(
            (
                point.on.isoformat(),
                shown,
                show_figure(expected, unit) if expected is not None else "—",
            )
        )
    title = f"{goal.code} {label}: {line.status.name}"
    svg = progress_svg(
        line.points, line.trajectory, chart_id=chart_id, title=title, unit=unit, spark=spark
    )
    return LineView(label, line.status, svg, rows)


@district_view(roles=access.PLAN_READERS)
def progress(request):
    status = request.GET.get("status", "")
    if status not in STATUS_NAMES:
        status = ""
    found = selectors.progress_list(user=request.user, district=request.district, status=status)
    goals = [
        {
            "progress": p,
            "overall": line_view(p, p.overall, spark=True),
            "groups": [(group_label(g.group_type, g.group), g.status) for g in p.groups],
        }
        for p in found
    ]
    context = {
        "goals": goals,
        "status": status,
        "statuses": list(STATUS_NAMES.items()),
        "plan": selectors.plan_for(user=request.user, district=request.district),
    }
    return render(request, "strategy/progress.html", context)


@district_view(roles=access.PLAN_READERS)
def goal_progress(request, pk: int):
    goal: Goal = access.get_goal_for_user(request.user, request.district, pk)
    found = selectors.goal_progress(
        user=request.user, district=request.district, goal=goal, plan=goal.plan
    )
    context = {
        "goal": goal,
        "progress": found,
        "lines": [line_view(found, line, spark=False) for line in found.lines],
    }
    return render(request, "strategy/progress_goal.html", context)


@district_view(roles=access.PLAN_READERS)
def progress_export(request):
    body = progress_csv(user=request.user, district=request.district)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"progress-{request.district.code}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------- indicators


@district_view(roles=access.PLAN_READERS)
def indicator_list(request):
    indicators = selectors.indicator_list(user=request.user, district=request.district)
    context = {
        "indicators": indicators.prefetch_related("goals"),
        "may_create": progress_access.may_create_indicator(request.scope),
    }
    return render(request, "strategy/progress_indicators.html", context)


def _indicator_form(request, indicator: Indicator | None) -> IndicatorForm:
    choices = metric_sources.metric_choices(user=request.user, district=request.district)
    initial = {}
    if indicator is not None:
        initial = {name: getattr(indicator, name) for name in services.INDICATOR_FIELDS} | {
            "metric": metric_key(indicator.dimension, indicator.metric)
        }
    return IndicatorForm(request.POST or None, initial=initial, choices=choices)


def _save_indicator(request, form: IndicatorForm, indicator: Indicator | None):
    try:
        if indicator is None:
            return services.indicator_create(
                actor=request.user, district=request.district, data=form.service_data()
            )
        return services.indicator_update(
            actor=request.user, indicator=indicator, data=form.service_data()
        )
    except ValidationError as refused:
        refusal_onto_form(form, refused)
        return None


def refusal_onto_form(form, refused: ValidationError) -> None:
    """Show a service's refusal next to the fields it names (else above the form)."""
    if not hasattr(refused, "error_dict"):
        for message in refused.messages:
            form.add_error(None, message)
        return
    for name, errors in refused.message_dict.items():
        target = name if name in form.fields else None
        if name == "dimension":
            target = "metric"
        for message in errors:
            form.add_error(target, message)


def _indicator_page(request, indicator: Indicator | None):
    form = _indicator_form(request, indicator)
    if request.method == "POST" and form.is_valid():
        saved = _save_indicator(request, form, indicator)
        if saved is not None:
            messages.success(request, f"Indicator {saved.name} saved.")
            return redirect("strategy:indicator_detail", saved.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "indicator": indicator}
    return render(request, "strategy/progress_indicator_form.html", context, status=status)


@district_view(roles=access.PLAN_READERS)
def indicator_create(request):
    progress_access.require_indicator_create(request.scope)
    return _indicator_page(request, None)


@district_view(roles=access.PLAN_READERS)
def indicator_edit(request, pk: int):
    indicator = progress_access.get_indicator_for_edit(request.user, request.district, pk)
    return _indicator_page(request, indicator)


@district_view(roles=access.PLAN_READERS)
def indicator_detail(request, pk: int):
    indicator = progress_access.get_indicator_for_user(request.user, request.district, pk)
    context = {
        "indicator": indicator,
        "figures": [
            (row, group_label(row.group_type, row.group), show_figure(row.value, indicator.unit))
            for row in indicator.values.select_related("entered_by").order_by(
                "-measured_on", "group_type", "group"
            )
        ],
        "goals": selectors.goal_list(user=request.user, district=request.district).filter(
            indicator=indicator
        ),
        "may_edit": progress_access.may_edit_indicator(request.scope, indicator),
        "source": metric_sources.source_for(indicator.dimension),
    }
    return render(request, "strategy/progress_indicator.html", context)


@district_view(roles=access.PLAN_READERS)
def indicator_figures(request, pk: int):
    """Enter figures: one at a time (``form=one``) or a sheet (``form=sheet``)."""
    indicator = progress_access.get_indicator_for_edit(request.user, request.district, pk)
    posted = request.POST.get("form") if request.method == "POST" else None
    one = FigureForm(request.POST if posted == "one" else None)
    sheet = FigureSheetForm(
        request.POST if posted == "sheet" else None, request.FILES if posted == "sheet" else None
    )
    problems: list = []
    if posted == "one" and one.is_valid() and _record_one(request, indicator, one):
        messages.success(request, "Figure saved.")
        return redirect("strategy:indicator_detail", indicator.pk)
    if posted == "sheet" and sheet.is_valid():
        saved, problems = _record_sheet(request, indicator, sheet)
        if saved is not None:
            messages.success(request, f"{saved} figure(s) saved.")
            return redirect("strategy:indicator_detail", indicator.pk)
    failed = one.errors or sheet.errors
    context = {"indicator": indicator, "one": one, "sheet": sheet, "problems": problems}
    return render(request, "strategy/progress_figures.html", context, status=400 if failed else 200)


def _record_one(request, indicator: Indicator, form: FigureForm) -> bool:
    try:
        services.indicator_figure_record(
            actor=request.user, indicator=indicator, **form.service_data()
        )
    except ValidationError as refused:
        refusal_onto_form(form, refused)
        return False
    return True


def _record_sheet(request, indicator: Indicator, form: FigureSheetForm):
    """The number of figures saved (None when refused) and the sheet's problems."""
    try:
        saved = services.indicator_figures_import(
            actor=request.user,
            indicator=indicator,
            text=form.cleaned_data["sheet"],
            source_note=form.cleaned_data["source_note"],
        )
    except services.FigureSheetRefused as refused:
        form.add_error(None, f"Nothing was saved: {len(refused.problems)} problem(s) to fix.")
        return None, refused.problems
    except ValidationError as refused:
        refusal_onto_form(form, refused)
        return None, []
    return len(saved), []
