"""The district's audit settings: everyone who reads the audit sees them (and the ones the
current audit ran with); the superintendent, data steward and system administrator change
them through ``services.equity_settings_update``, which refuses out-of-range values."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from districtwise.analytics.equity.spec import AuditSettings
from districtwise.core.access import district_view
from districtwise.equity import access, selectors, services
from districtwise.equity.forms import EquitySettingsForm
from districtwise.equity.models import SETTING_NAMES


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


@district_view(roles=access.AUDIT_READERS)
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
