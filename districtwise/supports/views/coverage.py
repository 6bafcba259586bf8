"""The coverage pages: the heat map and roll-ups, a school's teachers, one teacher, the
school's CSV, and the button that computes a fresh run."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.core.exports import csv_download
from districtwise.supports import access
from districtwise.supports.charts import coverage as charts
from districtwise.supports.selectors import coverage as selectors
from districtwise.supports.services import coverage as services

READERS = access.SCHOOL_PAGE_READERS


@district_view(roles=READERS)
def coverage_overview(request):
    """The heat map (schools x supports) and the roll-ups by network, band and tier."""
    user, district = request.user, request.district
    run = selectors.current_run(user=user, district=district)
    context: dict[str, Any] = {
        "run": run,
        "may_compute": access.may_compute_coverage(request.scope),
    }
    if run is not None:
        heat = selectors.heat_map(user=user, district=district, run=run)
        lines = {
            "overall": selectors.group_lines(
                user=user, district=district, run=run, group_type="all"
            ),
            "networks": selectors.network_lines(user=user, district=district, run=run),
            "bands": selectors.group_lines(
                user=user, district=district, run=run, group_type="experience"
            ),
            "tiers": selectors.group_lines(
                user=user, district=district, run=run, group_type="tier"
            ),
        }
        for group in lines.values():
            for line in group:
                line.align(heat.supports)
        context.update(
            lines,
            heat=heat,
            heat_svg=charts.heat_map_svg(heat),
            heat_table=charts.heat_map_table(heat),
            legend=charts.legend(),
        )
    return render(request, "supports/coverage_overview.html", context)


@require_POST
@district_view(roles=READERS)
def coverage_compute(request):
    """Compute coverage of the current school year so far, then show it."""
    access.require_compute_coverage(request.scope)
    try:
        run = services.coverage_compute(district=request.district, actor=request.user)
    except services.CoverageUnavailable as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"Coverage computed from {run.starts_on:%d %B %Y} to {run.ends_on:%d %B %Y}."
        )
    return redirect("supports:coverage")


def _run_or_404(request):
    run = selectors.current_run(user=request.user, district=request.district)
    if run is None:
        raise Http404("Coverage has not been computed yet.")
    return run


@district_view(roles=READERS)
def coverage_school(request, pk: int):
    """A school's coverage by support and band; its teachers and those going without for
    the school's leaders and its network lead."""
    school = access.get_school_for_user(request.user, request.district, pk)
    run = _run_or_404(request)
    view = selectors.school_coverage(
        user=request.user, district=request.district, run=run, school=school
    )
    return render(request, "supports/coverage_school.html", {"run": run, "view": view})


@district_view(roles=READERS)
def coverage_school_export(request, pk: int):
    """The school's teacher table as CSV (formulas neutralised)."""
    school = access.get_school_for_teacher_rows(request.user, request.district, pk)
    run = _run_or_404(request)
    view = selectors.school_coverage(
        user=request.user, district=request.district, run=run, school=school
    )
    name = f"coverage-{school.code}-{run.starts_on}-{run.ends_on}.csv"
    return csv_download(name, selectors.EXPORT_HEADER, selectors.export_rows(view.teachers or []))


@district_view(roles=READERS)
def coverage_teacher(request, pk: int):
    """One teacher: each support they are entitled to, required and received, and the
    deliveries they received in the period."""
    run = _run_or_404(request)
    view = selectors.teacher_coverage(user=request.user, district=request.district, run=run, pk=pk)
    return render(request, "supports/coverage_teacher.html", {"run": run, "view": view})
