"""The pages of a network's measures: the list, one measure with its values, adding and
editing (runners), a team's grid of values and a sheet to paste or upload (team editors),
the refresh from the district's data and the measure-data CSV."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.core.exports import csv_download
from districtwise.improvement import access
from districtwise.improvement.forms.measures import MeasureForm, ValuesSheetForm
from districtwise.improvement.models import Measure
from districtwise.improvement.selectors import measures as selectors
from districtwise.improvement.services import measures as services
from districtwise.improvement.services.measures_data import measure_refresh_from_data


def _runs(request, network) -> bool:
    return access.runs_network(request.user, request.district, network)


def _measure(request, pk: int) -> Measure:
    return access.get_measure_for_user(request.user, request.district, pk)


def _measure_for_running(request, pk: int) -> Measure:
    measure = _measure(request, pk)
    if not _runs(request, measure.network):
        raise PermissionDenied("Only the network's leads change its measures.")
    return measure


@district_view()
def measures(request, pk: int):
    """The network's measures, with what the user may do with them."""
    network = access.get_network_for_user(request.user, request.district, pk)
    found = selectors.measure_list(user=request.user, district=request.district, network=network)
    editable = access.editable_team_ids(request.user, request.district, network)
    context = {
        "network": network,
        "measures": found,
        "may_run": _runs(request, network),
        "editable_teams": network.teams.filter(pk__in=editable).select_related("school"),
        "has_data_measures": found.filter(source=Measure.Source.ENGINE).exists(),
    }
    return render(request, "improvement/measures_list.html", context)


def refusal_onto_form(form, refused: ValidationError) -> None:
    """Show a service's refusal next to the fields it names (else above the form)."""
    if not hasattr(refused, "error_dict"):
        for message in refused.messages:
            form.add_error(None, message)
        return
    for name, errors in refused.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


def _measure_page(request, network, measure: Measure | None):
    initial = {}
    if measure is not None:
        initial = {name: getattr(measure, name) for name in services.MEASURE_FIELDS}
    form = MeasureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if measure is None:
                saved = services.measure_create(
                    actor=request.user, network=network, data=form.cleaned_data
                )
            else:
                saved = services.measure_update(
                    actor=request.user, measure=measure, data=form.cleaned_data
                )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, f"Measure {saved.name} saved.")
            return redirect("improvement:measure", saved.pk)
    context = {"network": network, "measure": measure, "form": form}
    status = 400 if form.errors else 200
    return render(request, "improvement/measures_form.html", context, status=status)


@district_view()
def measure_create(request, pk: int):
    network = access.get_network_for_running(request.user, request.district, pk)
    return _measure_page(request, network, None)


@district_view()
def measure_edit(request, pk: int):
    measure = _measure_for_running(request, pk)
    return _measure_page(request, measure.network, measure)


@require_POST
@district_view()
def measure_retire(request, pk: int):
    measure = _measure_for_running(request, pk)
    services.measure_retire(actor=request.user, measure=measure)
    messages.success(request, f"{measure.name} is retired: its values stay, it takes no new ones.")
    return redirect("improvement:measure", measure.pk)


@district_view()
def measure(request, pk: int):
    """One measure: its definition and its values per team and period."""
    found = _measure(request, pk)
    network = found.network
    editable = access.editable_team_ids(request.user, request.district, network)
    table = selectors.measure_table(user=request.user, district=request.district, measure=found)
    context = {
        "network": network,
        "measure": found,
        "table": table,
        "rows": [(r.period_start, [show_value(found, c) for c in r.cells]) for r in table.rows],
        "may_run": _runs(request, network),
        "editable_teams": network.teams.filter(pk__in=editable).select_related("school"),
    }
    return render(request, "improvement/measures_detail.html", context)


def show_value(measure: Measure, cell) -> str:
    """A value as the table shows it: a share of a p chart in per cent with its counts,
    others with their unit; a hidden figure says why; no value is a dash."""
    if cell is None:
        return "—"
    if cell.value is None:
        return cell.note or "Not shown"
    if measure.chart == Measure.Chart.P:
        shown = f"{cell.value * 100:.1f}%"
    else:
        shown = f"{cell.value:,.2f}".rstrip("0").rstrip(".") + (
            f" {measure.unit}" if measure.unit else ""
        )
    if cell.numerator is not None and cell.denominator is not None:
        shown += f" ({cell.numerator:g} of {cell.denominator:g})"
    return shown


@district_view()
def measures_export(request, pk: int):
    """The network's measure data as CSV (spreadsheet formulas neutralised)."""
    network = access.get_network_for_user(request.user, request.district, pk)
    rows = selectors.measure_export_rows(
        user=request.user, district=request.district, network=network
    )
    return csv_download(f"measures-network-{network.pk}.csv", selectors.EXPORT_HEADER, rows)


@require_POST
@district_view()
def measures_refresh(request, pk: int):
    """Recompute the network's measures backed by the district's data."""
    network = access.get_network_for_running(request.user, request.district, pk)
    outcomes = measure_refresh_from_data(
        actor=request.user, district=request.district, network=network
    )
    if not outcomes:
        messages.info(request, "This network has no measure computed from the district's data.")
    for outcome in outcomes:
        say = messages.error if outcome.problem else messages.success
        say(request, outcome.describe())
    return redirect("improvement:measures", network.pk)


# ---------------------------------------------------------------- values


GRID_COLUMNS = ("value", "numerator", "denominator", "note")


@district_view()
def measure_team_values(request, pk: int, team: int):
    """A team's grid of values, one row per period, edited in place."""
    found = _measure(request, pk)
    chosen = access.get_team_for_editing(request.user, request.district, team)
    if chosen.network_id != found.network_id:
        raise Http404("Not found")
    problems: list = []
    posted: dict = {}
    if request.method == "POST":
        posted, problems = _save_grid(request, found, chosen)
        if not problems:
            return redirect("improvement:measure", found.pk)
    grid = selectors.team_grid(
        user=request.user, district=request.district, measure=found, team=chosen
    )
    context = {
        "network": found.network,
        "measure": found,
        "team": chosen,
        "rows": [_grid_row(row, number, posted, problems) for number, row in enumerate(grid, 1)],
        "problems": problems,
        "counts": found.chart in (Measure.Chart.P, Measure.Chart.U),
    }
    return render(
        request, "improvement/measures_values.html", context, status=400 if problems else 200
    )


def _save_grid(request, measure: Measure, team) -> tuple[dict, list]:
    starts = request.POST.getlist("period_start")
    rows = [
        {"period_start": start} | {c: request.POST.get(f"{c}-{start}", "") for c in GRID_COLUMNS}
        for start in starts
    ]
    try:
        saved, removed = services.measure_values_save(
            actor=request.user, measure=measure, team=team, rows=rows
        )
    except services.ValuesRefused as refused:
        return {r["period_start"]: r for r in rows}, refused.problems
    except ValidationError as refused:
        return {}, [services.SheetProblem(None, None, None, "refused", m) for m in refused.messages]
    gone = f", {removed} removed" if removed else ""
    messages.success(request, f"{saved} value(s) of {team} saved{gone}.")
    return {}, []


def _grid_row(row, number: int, posted: dict, problems: list) -> dict:
    start = row.period_start.isoformat()
    if start in posted:
        cells = {c: posted[start][c] for c in GRID_COLUMNS}
    elif row.value is not None:
        cells = {c: _shown(getattr(row.value, c)) for c in GRID_COLUMNS}
    else:
        cells = dict.fromkeys(GRID_COLUMNS, "")
    mine = [
        p.message.replace(f"Line {number}", "This row", 1) for p in problems if p.line == number
    ]
    return {"start": row.period_start, "iso": start, "cells": cells, "problems": mine}


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if abs(value) >= 1e-4 or value == 0 else repr(value)
    return str(value)


@district_view()
def measure_values_upload(request, pk: int):
    """Values of any of the user's teams pasted or uploaded as CSV, checked line by line."""
    found = _measure(request, pk)
    if not access.editable_team_ids(request.user, request.district, found.network):
        raise PermissionDenied("Only the network's team members and leads enter values.")
    form = ValuesSheetForm(request.POST or None, request.FILES or None)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.measure_values_import(
                actor=request.user, measure=found, text=form.cleaned_data["sheet"]
            )
        except services.ValuesRefused as refused:
            form.add_error(None, f"Nothing was saved: {len(refused.problems)} problem(s) to fix.")
            problems = refused.problems
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, f"{len(saved)} value(s) saved.")
            return redirect("improvement:measure", found.pk)
    context = {"network": found.network, "measure": found, "form": form, "problems": problems}
    status = 400 if form.errors else 200
    return render(request, "improvement/measures_upload.html", context, status=status)
