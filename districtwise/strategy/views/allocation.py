"""The need-weighted allocation's pages: the scenarios, one scenario's allocation with its
gaps (charts and tables), the form to create or edit one, copying and adopting, the
comparison of scenarios side by side, and the allocation table's downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.analytics.equity.spec import AuditSettings
from districtwise.core.access import district_view
from districtwise.equity.selectors import district_audit_settings
from districtwise.strategy.access import allocation as access
from districtwise.strategy.charts import allocation as charts
from districtwise.strategy.exports import allocation as exports
from districtwise.strategy.forms.allocation import ScenarioForm, initial_for
from districtwise.strategy.selectors import allocation as selectors
from districtwise.strategy.services import allocation as services
from districtwise.strategy.services.allocation import FLAG_LABELS, FLAG_WORDS

READERS = access.ALLOCATION_READERS
MAX_COMPARED = 4


def _base_context(request) -> dict:
    return {
        "is_cabinet": access.is_cabinet(request.scope),
        "reads_every_scenario": access.reads_every_scenario(request.scope),
        "flag_labels": FLAG_LABELS,
        "flag_words": FLAG_WORDS,
    }


@district_view(roles=READERS)
def allocation_list(request):
    scenarios = selectors.scenario_list(user=request.user, district=request.district)
    context = _base_context(request) | {
        "scenarios": scenarios,
        "years": selectors.allocation_years(district=request.district),
    }
    return render(request, "strategy/allocation_list.html", context)


def _default_initial(district, years: list[int]) -> dict:
    """A new scenario starts from the audit's own weights (the spec's weighted pupil)."""
    weights: AuditSettings = district_audit_settings(district=district)
    return {
        "school_year": str(years[0]) if years else "",
        "base_weight": "1",
        "weight_economically_disadvantaged": str(weights.weight_economically_disadvantaged),
        "weight_english_learner": str(weights.weight_english_learner),
        "weight_disability": str(weights.weight_disability),
    }


def _refused(form: ScenarioForm, refused: ValidationError) -> None:
    if hasattr(refused, "error_dict"):
        for name, errors in refused.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, refused)


def _form_page(request, form: ScenarioForm, scenario=None, differences=None):
    context = _base_context(request) | {
        "form": form,
        "scenario": scenario,
        "differences": differences or [],
    }
    status = 400 if form.errors else 200
    return render(request, "strategy/allocation_form.html", context, status=status)


@district_view(roles=READERS)
def scenario_create(request):
    access.require_scenario_creation(request.scope)
    years = selectors.allocation_years(district=request.district)
    form = ScenarioForm(
        request.POST or None, years=years, initial=_default_initial(request.district, years)
    )
    if request.method == "POST" and form.is_valid():
        try:
            scenario = services.scenario_create(
                actor=request.user,
                district=request.district,
                notes=form.cleaned_data["notes"],
                **form.service_fields(),
            )
        except ValidationError as refused:
            _refused(form, refused)
        else:
            messages.success(request, f"Scenario “{scenario.name}” created.")
            return redirect("strategy:allocation_detail", pk=scenario.pk)
    return _form_page(request, form)


@district_view(roles=READERS)
def scenario_edit(request, pk: int):
    scenario = access.get_scenario_for_edit(request.user, request.district, pk)
    years = selectors.allocation_years(district=request.district)
    form = ScenarioForm(request.POST or None, years=years, initial=initial_for(scenario))
    if request.method == "POST" and form.is_valid():
        try:
            services.scenario_update(
                actor=request.user,
                district=request.district,
                scenario=scenario,
                version=form.cleaned_data["version"] or 0,
                notes=form.cleaned_data["notes"],
                **form.service_fields(),
            )
        except ValidationError as refused:
            scenario.refresh_from_db()
            if scenario.version != form.cleaned_data["version"]:
                # Shown what the other person saved; saving again keeps what was typed.
                form, differences = _against_saved(request, form, scenario, years)
                return _form_page(request, form, scenario, differences=differences)
            _refused(form, refused)
        else:
            messages.success(request, "Scenario saved.")
            return redirect("strategy:allocation_detail", pk=scenario.pk)
    return _form_page(request, form, scenario)


def _against_saved(request, form: ScenarioForm, scenario, years: list[int]):
    """The form as typed, now on the saved version, with the fields that differ from what
    the other person saved: (label, saved, typed)."""
    saved = initial_for(scenario)
    differences = [
        (field.label, saved.get(name, ""), form.cleaned_data.get(name, ""))
        for name, field in form.fields.items()
        if name != "version" and str(saved.get(name, "")) != str(form.cleaned_data.get(name, ""))
    ]
    data = request.POST.copy()
    data["version"] = str(scenario.version)
    again = ScenarioForm(data, years=years, initial=saved)
    again.is_valid()
    again.add_error(
        None,
        "Someone else changed this scenario while you were editing it: your changes were "
        "not saved. The table shows what they saved and what you typed; save again to keep "
        "yours.",
    )
    return again, differences


@district_view(roles=READERS)
def scenario_detail(request, pk: int):
    scenario = access.get_scenario_for_user(request.user, request.district, pk)
    view = selectors.scenario_allocation(
        user=request.user, district=request.district, scenario=scenario
    )
    context = _base_context(request) | {
        "scenario": scenario,
        "view": view,
        "unit": scenario.unit,
        "school_chart": charts.school_gap_chart(view) if view.rows else None,
        "quartile_chart": charts.quartile_gap_chart(view) if view.quartiles else None,
        "quartile_words": charts.QUARTILE_WORDS,
        "minimum_display_n": district_audit_settings(district=request.district).minimum_display_n,
        "year": selectors.year_name(scenario.school_year),
    }
    return render(request, "strategy/allocation_detail.html", context)


@require_POST
@district_view(roles=READERS)
def scenario_copy(request, pk: int):
    scenario = access.get_scenario_for_change(request.user, request.district, pk)
    copy = services.scenario_copy(actor=request.user, district=request.district, scenario=scenario)
    messages.success(request, "A copy to edit: change its weights, then compare it.")
    return redirect("strategy:allocation_edit", pk=copy.pk)


@require_POST
@district_view(roles=READERS)
def scenario_adopt(request, pk: int):
    scenario = access.get_scenario_for_change(request.user, request.district, pk)
    try:
        services.scenario_adopt(actor=request.user, district=request.district, scenario=scenario)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"“{scenario.name}” is the adopted allocation of its year.")
    return redirect("strategy:allocation_detail", pk=scenario.pk)


@district_view(roles=access.SCENARIO_READERS)
def scenario_compare(request):
    visible = selectors.scenario_list(user=request.user, district=request.district)
    asked = [int(v) for v in request.GET.getlist("scenario") if v.isdecimal()]
    chosen = list(visible.filter(pk__in=asked))
    chosen.sort(key=lambda s: asked.index(s.pk))
    context = _base_context(request) | {"scenarios": visible, "asked": asked}
    if len(chosen) < 2 or len(chosen) > MAX_COMPARED:
        context["problem"] = f"Choose between 2 and {MAX_COMPARED} scenarios to compare."
    elif len({s.unit for s in chosen}) > 1:
        context["problem"] = (
            "Compare scenarios of the same kind: dollars with dollars, positions with positions."
        )
    if "problem" in context:
        return render(request, "strategy/allocation_compare.html", context, status=400)
    context["comparison"] = selectors.scenario_comparison(
        user=request.user, district=request.district, scenarios=chosen
    )
    return render(request, "strategy/allocation_compare.html", context)


@district_view(roles=READERS)
def scenario_export(request, pk: int, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404("No such format")
    scenario = access.get_scenario_for_user(request.user, request.district, pk)
    view = selectors.scenario_allocation(
        user=request.user, district=request.district, scenario=scenario
    )
    if view.problem:
        raise Http404(view.problem)
    body = exports.allocation_csv(view) if fmt == "csv" else exports.allocation_xlsx(view)
    response = HttpResponse(body, content_type=exports.FORMATS[fmt])
    filename = f"allocation-{scenario.school_year}-{scenario.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
