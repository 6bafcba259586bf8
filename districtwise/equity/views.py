"""Pages of the equity audit: the overview, one page per dimension with drill-down from the
district to a school, the findings, the settings, and the exports (CSV, JSON, XLSX, PDF).

Every figure comes through ``selectors.audit_table`` / ``audit_findings``, which narrow to
what the user may see and suppress small figures; the views only arrange them."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from districtwise.analytics.equity import suppression
from districtwise.analytics.equity.spec import DIMENSIONS, GROUP_TYPES, AuditSettings
from districtwise.core.access import district_view
from districtwise.equity import access, exports, selectors, services
from districtwise.equity.charts import panels
from districtwise.equity.charts.labels import (
    DIMENSION_ABOUT,
    DIMENSION_NAMES,
    GROUP_TYPE_NAMES,
    group_name,
    metric_name,
    show_gap,
    show_ratio,
    show_value,
    value_kind,
    year_label,
)
from districtwise.equity.forms import EquitySettingsForm
from districtwise.equity.models import SETTING_NAMES
from districtwise.organization import selectors as organization

AUDIT_READERS = access.AUDIT_READERS
FINDINGS_ON_OVERVIEW = 8
FINDINGS_PER_PAGE = 100
CHOOSABLE_GROUP_TYPES = tuple(g for g in GROUP_TYPES if g != "all")
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


# ---------------------------------------------------------------- what every page needs


def _year(request, years: list[int]) -> int | None:
    """The year asked for, if the audit has it; else the latest."""
    asked = request.GET.get("year", "")
    if asked.isdigit() and int(asked) in years:
        return int(asked)
    return years[0] if years else None


class UnitNames(dict):
    """(unit_type, unit_id) -> the unit's name (unit ids are the files' codes), and each
    school's network code in ``network_of``."""

    network_of: dict[str, str]


def unit_names(*, user, district) -> UnitNames:
    names = UnitNames({("district", district.code): district.name})
    names.network_of = {}
    for network in organization.network_list(user=user, district=district):
        names[("network", network.code)] = network.name
    for school in organization.school_list(user=user, district=district).select_related("network"):
        names[("school", school.code)] = school.name
        if school.network is not None:
            names.network_of[school.code] = school.network.code
    return names


def _unit_label(names, unit_type: str, unit_id: str) -> str:
    return names.get((unit_type, unit_id), f"{unit_type.capitalize()} {unit_id}")


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
    return visible_rows(user=request.user, district=request.district, **narrowing)


def visible_rows(*, user, district, **narrowing) -> list[dict]:
    """The audit's rows the user may see (through the selector), each suppressed one with
    the ``reason`` a page shows in place of its numbers."""
    rows = selectors.audit_table(user=user, district=district, **narrowing).to_pylist()
    run = selectors.current_run(user=user, district=district)
    display_n = (run.audit_settings() if run else AuditSettings()).minimum_display_n
    for row in rows:
        if row["status"] != "suppressed":
            continue
        if suppression.REASON_COLUMN in row:
            row["reason"] = suppression.reason(row, minimum_display_n=display_n)
        else:
            # The selector does not say which of the two rules hid the figure: name both.
            row["reason"] = (
                f"Hidden to protect privacy: fewer than {display_n} students, or it would "
                "let a smaller group's figure be worked out"
            )
    return rows


def _top_unit(rows: list[dict]) -> tuple[str, str] | None:
    """The broadest unit the user sees: the district row if visible, else their first
    network, else their first school."""
    for unit_type in ("district", "network", "school"):
        ids = sorted({r["unit_id"] for r in rows if r["unit_type"] == unit_type})
        if ids:
            return unit_type, ids[0]
    return None


def _threshold(context) -> float:
    run = context["run"]
    return (
        run.audit_settings().risk_ratio_threshold if run else AuditSettings().risk_ratio_threshold
    )


# ---------------------------------------------------------------- overview and findings


@district_view(roles=AUDIT_READERS)
def overview(request):
    years = selectors.audit_years(user=request.user, district=request.district)
    year = _year(request, years)
    context = _common(request, years, year)
    if year is None:
        return render(request, "equity/overview.html", context)
    rows = _rows(request, school_year=year)
    names = unit_names(user=request.user, district=request.district)
    unit = _top_unit(rows)
    context["unit_label"] = _unit_label(names, *unit) if unit else ""
    context["cards"] = [_card(d, rows, unit, names, _threshold(context)) for d in DIMENSIONS]
    findings = year_findings(user=request.user, district=request.district, school_year=year)
    context["findings"] = [finding_view(f, names) for f in findings[:FINDINGS_ON_OVERVIEW]]
    context["finding_count"] = len(findings)
    return render(request, "equity/overview.html", context)


def _card(dimension, rows, unit, names, threshold) -> dict:
    """A dimension's card: its headline chart at the user's broadest unit, with its table."""
    mine = [r for r in rows if r["dimension"] == dimension]
    card = {
        "dimension": dimension,
        "name": DIMENSION_NAMES[dimension],
        "about": DIMENSION_ABOUT[dimension],
    }
    metric = panels.headline_metric(dimension, (r["metric"] for r in mine))
    if metric is None or unit is None:
        return card | {"panel": None}
    at_unit = [r for r in mine if (r["unit_type"], r["unit_id"]) == unit and r["metric"] == metric]
    if dimension == "resource" and unit[0] == "district":
        chart, table = panels.quartile_figure(at_unit, metric, f"card-{dimension}")
        return card | {
            "panel": panels.Panel(metric, metric_name(metric), "", [c for c in [chart] if c], table)
        }
    group_types = ("race_ethnicity",)
    panel = panels.metric_panel(
        rows=at_unit,
        history=[],
        metric=metric,
        dimension=dimension,
        group_types=group_types,
        unit_label=_unit_label(names, *unit),
        reference=_reference(mine, metric),
        threshold=threshold,
        chart_key=f"card-{dimension}",
    )
    panel.charts = panel.charts[-1:] if len(panel.charts) > 1 else panel.charts  # the ratios
    return card | {"panel": panel}


def _reference(rows, metric) -> dict | None:
    """The district's all-students row of ``metric`` (the line drawn on the bars)."""
    return next(
        (
            r
            for r in rows
            if r["unit_type"] == "district" and r["metric"] == metric and r["group_type"] == "all"
        ),
        None,
    )


FINDING_KINDS = {
    "risk_ratio": "risk ratio at or above the threshold",
    "gap": "gap over the settings' points",
    "quartile": "highest- against lowest-poverty schools",
}


def finding_view(finding, names) -> dict:
    """A finding as the list shows it: what, where, the numbers, n, trend and a link."""
    kind = value_kind(finding.metric)
    query = f"?year={finding.school_year}&unit_type={finding.unit_type}&unit_id={finding.unit_id}"
    if finding.group_type not in ("all", "poverty_quartile"):
        query += f"&group_type={finding.group_type}"
    anchor = "#m-" + finding.metric.replace(":", "-").replace("_", "-").lower()
    return {
        "finding": finding,
        "metric": metric_name(finding.metric),
        "dimension": DIMENSION_NAMES.get(finding.dimension, finding.dimension),
        "group": f"{GROUP_TYPE_NAMES.get(finding.group_type, finding.group_type)}: "
        f"{group_name(finding.group_type, finding.group)}",
        "unit": _unit_label(names, finding.unit_type, finding.unit_id),
        "kind": FINDING_KINDS.get(finding.kind, finding.kind.replace("_", " ")),
        "value": show_value(finding.value, kind),
        "comparison": show_value(finding.comparison_value, kind),
        "against": _against(finding),
        "ratio": show_ratio(finding.ratio),
        "gap": show_gap(finding.value, finding.comparison_value, kind),
        "n": f"{finding.n:,.0f}" if finding.n is not None else "—",
        "trend": [(year_label(y), show_value(v, kind), show_ratio(r)) for y, v, r in finding.trend],
        "url": reverse("equity:dimension", args=[finding.dimension]) + query + anchor,
    }


def _against(finding) -> str:
    """Whom a finding's figure is compared with, in words."""
    if finding.kind == "quartile":
        return "in the lowest-poverty schools (Q1); the figure is the highest-poverty schools' (Q4)"
    if finding.metric == "staff_representation":
        return "of the students (the figure is the share of teachers)"
    return "for all other students"


def year_findings(*, user, district, school_year: int, **narrowing) -> list:
    """The findings of one year, each with its earlier years as its trend (the selector
    is asked for every year so that the trend has something to draw on)."""
    found = selectors.audit_findings(user=user, district=district, **narrowing)
    return [f for f in found if f.school_year == school_year]


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
            found = ((uid, _unit_label(names, t, uid)) for t, uid in units if t == unit_type)
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
    names = unit_names(user=request.user, district=request.district)
    form = FindingFilter(request.GET or None, rows=rows, names=names)
    chosen = form.cleaned_data if form.is_valid() else {}
    found = year_findings(
        user=request.user,
        district=request.district,
        school_year=year,
        dimension=chosen.get("dimension") or None,
    )
    found = [f for f in found if _finding_matches(f, chosen, names)]
    context |= {
        "form": form,
        "findings": [finding_view(f, names) for f in found[:FINDINGS_PER_PAGE]],
        "finding_count": len(found),
    }
    return render(request, "equity/findings.html", context)


def _finding_matches(finding, chosen: dict, names: UnitNames) -> bool:
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
    names = unit_names(user=request.user, district=request.district)
    unit = _chosen_unit(request, rows)
    if unit is None:
        return render(request, "equity/dimension.html", context | {"panels": []})
    present = [g for g in CHOOSABLE_GROUP_TYPES if any(r["group_type"] == g for r in rows)]
    group_type = request.GET.get("group_type", "")
    if group_type not in CHOOSABLE_GROUP_TYPES:
        group_type = "race_ethnicity" if "race_ethnicity" in present or not present else present[0]
    context |= _dimension_figures(
        dimension, rows, every_year, unit, group_type, names, _threshold(context)
    )
    context |= {
        "unit": unit,
        "unit_label": _unit_label(names, *unit),
        "group_type": group_type,
        "group_types": [(g, GROUP_TYPE_NAMES[g]) for g in present or CHOOSABLE_GROUP_TYPES],
        "trail": _trail(unit, rows, names),
        "children": _children(unit, rows, names),
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
    return _top_unit(rows)


def _dimension_figures(dimension, rows, every_year, unit, group_type, names, threshold) -> dict:
    at_unit = [r for r in rows if (r["unit_type"], r["unit_id"]) == unit]
    history = [r for r in every_year if (r["unit_type"], r["unit_id"]) == unit]
    metrics = sorted({r["metric"] for r in at_unit})
    label = _unit_label(names, *unit)
    figures: dict[str, list] = {
        "panels": [
            panels.metric_panel(
                rows=[r for r in at_unit if r["metric"] == m],
                history=[r for r in history if r["metric"] == m],
                metric=m,
                dimension=dimension,
                group_types=(group_type,),
                unit_label=label,
                reference=_reference(rows, m),
                threshold=threshold,
                chart_key=dimension,
            )
            for m in metrics
        ]
    }
    kids = {(c["unit_type"], c["unit_id"]): c["label"] for c in _children(unit, rows, names)}
    for panel in figures["panels"]:
        if kids and not any(
            r["metric"] == panel.metric and r["group_type"] not in ("all", "poverty_quartile")
            for r in at_unit
        ):
            entries = [
                (kids[(r["unit_type"], r["unit_id"])], r)
                for r in rows
                if (r["unit_type"], r["unit_id"]) in kids
                and r["metric"] == panel.metric
                and r["group_type"] == "all"
            ]
            panel.units_chart, panel.units_table = panels.units_figure(
                sorted(entries, key=lambda e: e[0]),
                panel.metric,
                _reference(rows, panel.metric),
                f"{dimension}-{panel.anchor}-units",
                f"{panel.name}: the units of {label} compared",
            )
    if dimension == "resource":
        district = [r for r in rows if r["unit_type"] == "district"]
        figures["quartiles"] = [
            panels.quartile_figure([r for r in district if r["metric"] == m], m, f"quartile-{i}")
            for i, m in enumerate(
                sorted({r["metric"] for r in district if r["group_type"] == "poverty_quartile"})
            )
        ]
    return figures


def _trail(unit, rows, names) -> list[dict]:
    """The way back up: district, then the school's network (when visible)."""
    visible = {(r["unit_type"], r["unit_id"]) for r in rows}
    trail = [
        {"unit_type": t, "unit_id": i, "label": _unit_label(names, t, i)}
        for t, i in sorted(visible)
        if t == "district"
    ]
    if unit[0] == "school":
        network = names.network_of.get(unit[1])
        if network and ("network", network) in visible:
            trail.append(
                {
                    "unit_type": "network",
                    "unit_id": network,
                    "label": _unit_label(names, "network", network),
                }
            )
    return [t for t in trail if (t["unit_type"], t["unit_id"]) != unit]


def _children(unit, rows, names) -> list[dict]:
    """The units one level down that the user sees (district: networks, or schools when the
    district has no networks; network: its schools)."""
    visible = sorted({(r["unit_type"], r["unit_id"]) for r in rows})
    if unit[0] == "district":
        kids = [u for u in visible if u[0] == "network"] or [u for u in visible if u[0] == "school"]
    elif unit[0] == "network":
        mine = {s for s, n in names.network_of.items() if n == unit[1]}
        kids = [u for u in visible if u[0] == "school" and u[1] in mine]
    else:
        kids = []
    return [{"unit_type": t, "unit_id": i, "label": _unit_label(names, t, i)} for t, i in kids]


# ---------------------------------------------------------------- settings


def settings_form(data, current: AuditSettings) -> EquitySettingsForm:
    """The other app's settings form, filled with the district's settings, USWDS-styled."""
    form = EquitySettingsForm(data, initial=current.as_dict())
    for name, field in form.fields.items():
        field.widget.attrs["class"] = "usa-select" if name == "chronic_rule" else "usa-input"
    return form


def apply_problems(form, problems: list[str]) -> None:
    """Show the service's refusals next to the fields they name (else at the top)."""
    for problem in problems:
        name = _field_of(problem)
        form.add_error(name if name in form.fields else None, problem)


PROBLEM_WORDS = {
    "risk-ratio threshold": "risk_ratio_threshold",
    "chronic-absence rule": "chronic_rule",
    "chronic-absence share": "chronic_share",
    "chronic-absence days": "chronic_days",
    "gap for findings": "gap_points",
    "first month": "year_start_month",
    "first day": "year_start_day",
}


def _field_of(problem: str) -> str | None:
    lowered = problem.lower()
    for words, name in PROBLEM_WORDS.items():
        if words in lowered:
            return name
    for name in SETTING_NAMES:
        if name.replace("_", " ") in lowered and name != "extra":
            return name
    return None


@district_view(roles=AUDIT_READERS)
def settings_page(request):
    may_change = request.scope.has_any(access.SETTINGS_EDITORS)
    current = (
        selectors.equity_settings(user=request.user, district=request.district) or AuditSettings()
    )
    form = settings_form(request.POST or None, current) if may_change else None
    if request.method == "POST":
        access.require_settings_change(request.scope)
        assert form is not None
        if form.is_valid():
            try:
                services.equity_settings_update(
                    actor=request.user, district=request.district, data=form.cleaned_data
                )
            except ValidationError as refused:
                apply_problems(form, refused.messages)
            else:
                messages.success(
                    request, "Settings saved. The audit is being computed again with them."
                )
                return redirect("equity:settings")
    run = selectors.current_run(user=request.user, district=request.district)
    context = {
        "form": form,
        "may_change": may_change,
        "current": selectors.setting_rows(current),
        "run": run,
        "ran_with": selectors.setting_rows(run.audit_settings()) if run else [],
    }
    return render(
        request,
        "equity/settings.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


# ---------------------------------------------------------------- exports


@district_view(roles=AUDIT_READERS)
def export(request, fmt: str):
    if fmt not in EXPORT_TYPES:
        raise Http404("Not found")
    years = selectors.audit_years(user=request.user, district=request.district)
    year = _year(request, years)
    if year is None:
        raise Http404("Not found")
    if fmt == "pdf":
        from districtwise.equity.report_pdf import board_report_pdf

        body: str | bytes = board_report_pdf(
            user=request.user, district=request.district, school_year=year
        )
    else:
        body = exports.audit_export(
            user=request.user, district=request.district, school_year=year, fmt=fmt
        )
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    name = f"equity-audit-{request.district.code}-{year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
