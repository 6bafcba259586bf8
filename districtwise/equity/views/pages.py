"""The equity audit's pages: the overview, the findings, one page per dimension with
drill-down from the district to a school, and the downloads (CSV, JSON, XLSX; the PDF board
report is drawn in the background, see ``reports``).

Every figure comes through ``selectors.audit_table`` / ``audit_findings``, which narrow to
what the user may see and suppress small figures; these views only arrange them."""

from __future__ import annotations

import hashlib
from typing import cast

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from districtwise.analytics.equity.spec import DIMENSIONS, GROUP_TYPES, AuditSettings
from districtwise.core.access import district_view
from districtwise.equity import access, exports, selectors
from districtwise.equity.charts.labels import (
    DIMENSION_ABOUT,
    DIMENSION_NAMES,
    GROUP_TYPE_NAMES,
    year_label,
)
from districtwise.equity.views import figures

AUDIT_READERS = access.AUDIT_READERS
CACHE_SECONDS = 6 * 3600
FINDINGS_ON_OVERVIEW = 8
FINDINGS_PER_PAGE = 100
CHOOSABLE_GROUP_TYPES = tuple(g for g in GROUP_TYPES if g != "all")
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _year(request, years: list[int]) -> int | None:
    """The year asked for, if the audit has it; else the latest."""
    asked = request.GET.get("year", "")
    if asked.isdecimal() and int(asked) in years:
        return int(asked)
    return years[0] if years else None


def _common(request, years, year) -> dict:
    run = selectors.current_run(user=request.user, district=request.district)
    return {
        "years": [(y, year_label(y)) for y in years],
        "year": year,
        "year_label": year_label(year) if year else "",
        "run": run,
        "ran_with": selectors.setting_rows(run.audit_settings()) if run else [],
        "dimensions": [(d, DIMENSION_NAMES[d]) for d in DIMENSIONS],
    }


def _rows(request, **narrowing) -> list[dict]:
    return figures.visible_rows(user=request.user, district=request.district, **narrowing)


def _threshold(context) -> float:
    run = context["run"]
    return (
        run.audit_settings().risk_ratio_threshold if run else AuditSettings().risk_ratio_threshold
    )


def _cached(request, name: str, parts: tuple, build):
    """Charts and panels drawn once per stored audit run and reach: the key holds the run,
    the user's scope (units, roles, student-record right) and the page's choices, so a
    change to any of them draws anew and nobody is served another scope's figures."""
    run = selectors.current_run(user=request.user, district=request.district)
    reach = access.scope_key(request.scope)
    raw = repr((name, run.key.hex if run else None, request.district.pk, reach, parts))
    key = "equity:" + hashlib.sha256(raw.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, CACHE_SECONDS)
    return found


# ---------------------------------------------------------------- overview and findings


@district_view(roles=AUDIT_READERS)
def overview(request):
    years = selectors.audit_years(user=request.user, district=request.district)
    year = _year(request, years)
    context = _common(request, years, year)
    if year is None:
        return render(request, "equity/overview.html", context)
    rows = _rows(request, school_year=year)
    names = figures.unit_names(user=request.user, district=request.district)
    unit = figures.top_unit(rows)
    context["unit_label"] = figures.unit_label(names, *unit) if unit else ""
    context["cards"] = _cached(
        request,
        "overview-cards",
        (year,),
        lambda: [
            figures.dimension_card(d, rows, unit, names, _threshold(context)) for d in DIMENSIONS
        ],
    )
    findings = _cached(
        request,
        "findings",
        (year,),
        lambda: figures.year_findings(
            user=request.user, district=request.district, school_year=year
        ),
    )
    context["findings"] = [figures.finding_view(f, names) for f in findings[:FINDINGS_ON_OVERVIEW]]
    context["finding_count"] = len(findings)
    return render(request, "equity/overview.html", context)


class FindingFilter(forms.Form):
    dimension = forms.ChoiceField(required=False, label="Dimension")
    group_type = forms.ChoiceField(required=False, label="Student groups")
    network = forms.ChoiceField(required=False, label="Network")
    school = forms.ChoiceField(required=False, label="School")

    def __init__(self, data, *, rows, names):
        super().__init__(data)
        units = {(r["unit_type"], r["unit_id"]) for r in rows}
        cast(forms.ChoiceField, self.fields["dimension"]).choices = [("", "Every dimension")] + [
            (d, DIMENSION_NAMES[d]) for d in DIMENSIONS
        ]
        cast(forms.ChoiceField, self.fields["group_type"]).choices = [("", "Every group")] + [
            (g, GROUP_TYPE_NAMES[g]) for g in (*CHOOSABLE_GROUP_TYPES, "poverty_quartile")
        ]
        for field, unit_type in (("network", "network"), ("school", "school")):
            found = ((uid, figures.unit_label(names, t, uid)) for t, uid in units if t == unit_type)
            every = ("", f"Every {unit_type}")
            cast(forms.ChoiceField, self.fields[field]).choices = [
                every,
                *sorted(found, key=lambda c: c[1]),
            ]


@district_view(roles=AUDIT_READERS)
def findings(request):
    years = selectors.audit_years(user=request.user, district=request.district)
    year = _year(request, years)
    context = _common(request, years, year)
    if year is None:
        return render(request, "equity/findings.html", context)
    rows = _rows(request, school_year=year)
    names = figures.unit_names(user=request.user, district=request.district)
    form = FindingFilter(request.GET or None, rows=rows, names=names)
    chosen = form.cleaned_data if form.is_valid() else {}
    found = figures.year_findings(
        user=request.user,
        district=request.district,
        school_year=year,
        dimension=chosen.get("dimension") or None,
    )
    found = [f for f in found if _finding_matches(f, chosen, names)]
    page = Paginator(found, FINDINGS_PER_PAGE).get_page(request.GET.get("page"))
    kept = request.GET.copy()
    kept.pop("page", None)
    context |= {
        "form": form,
        "findings": [figures.finding_view(f, names) for f in page],
        "finding_count": len(found),
        "page": page,
        "page_query": kept.urlencode(),
    }
    return render(request, "equity/findings.html", context)


def _finding_matches(finding, chosen: dict, names: figures.UnitNames) -> bool:
    if chosen.get("group_type") and finding.group_type != chosen["group_type"]:
        return False
    network, school = chosen.get("network"), chosen.get("school")
    if school:
        return (finding.unit_type, finding.unit_id) == ("school", school)
    if network:
        schools = {s for s, n in names.network_of.items() if n == network}
        return (finding.unit_type, finding.unit_id) == ("network", network) or (
            finding.unit_type == "school" and finding.unit_id in schools
        )
    return True


# ---------------------------------------------------------------- one dimension


@district_view(roles=AUDIT_READERS)
def dimension(request, dimension: str):
    if dimension not in DIMENSIONS:
        raise Http404("Not found")
    years = selectors.audit_years(user=request.user, district=request.district)
    year = _year(request, years)
    context = _common(request, years, year) | {
        "dimension": dimension,
        "dimension_name": DIMENSION_NAMES[dimension],
        "about": DIMENSION_ABOUT[dimension],
    }
    if year is None:
        return render(request, "equity/dimension.html", context)
    every_year = _rows(request, dimension=dimension)
    rows = [r for r in every_year if r["school_year"] == year]
    names = figures.unit_names(user=request.user, district=request.district)
    unit = _chosen_unit(request, rows)
    if unit is None:
        return render(request, "equity/dimension.html", context | {"panels": []})
    present = [g for g in CHOOSABLE_GROUP_TYPES if any(r["group_type"] == g for r in rows)]
    group_type = request.GET.get("group_type", "")
    if group_type not in CHOOSABLE_GROUP_TYPES:
        group_type = "race_ethnicity" if "race_ethnicity" in present or not present else present[0]
    context |= _cached(
        request,
        "dimension",
        (dimension, year, unit, group_type),
        lambda: figures.dimension_figures(
            dimension, rows, every_year, unit, group_type, names, _threshold(context)
        ),
    )
    context |= {
        "unit": unit,
        "unit_label": figures.unit_label(names, *unit),
        "group_type": group_type,
        "group_types": [(g, GROUP_TYPE_NAMES[g]) for g in present or CHOOSABLE_GROUP_TYPES],
        "trail": figures.trail(unit, rows, names),
        "children": figures.children(unit, rows, names),
    }
    return render(request, "equity/dimension.html", context)


def _chosen_unit(request, rows) -> tuple[str, str] | None:
    """The unit asked for (unit_type, unit_id) if the user sees it, else their broadest;
    a unit asked for and not visible is not found."""
    asked = (request.GET.get("unit_type", ""), request.GET.get("unit_id", ""))
    if asked[0] or asked[1]:
        if not any((r["unit_type"], r["unit_id"]) == asked for r in rows):
            raise Http404("Not found")
        return asked
    return figures.top_unit(rows)


# ---------------------------------------------------------------- exports


@district_view(roles=AUDIT_READERS)
def export(request, fmt: str):
    if fmt not in EXPORT_TYPES:
        raise Http404("Not found")
    years = selectors.audit_years(user=request.user, district=request.district)
    year = _year(request, years)
    if year is None:
        raise Http404("Not found")
    body = exports.audit_export(
        user=request.user, district=request.district, school_year=year, fmt=fmt
    )
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    name = f"equity-audit-{request.district.code}-{year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
