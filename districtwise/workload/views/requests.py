"""The pages of the data-request registry: the registry and a request, the request form,
overlaps with the consolidate action, the vocabulary editor, the fields held already, a
school's inbox, and the hours saved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.organization.models import Department, School
from districtwise.workload import access as workload_access
from districtwise.workload import requests_access as access
from districtwise.workload.forms.requests import (
    ConsolidateForm,
    DataRequestForm,
    LineMapForm,
    RequestFieldForm,
    field_initial,
    request_initial,
)
from districtwise.workload.models import DataRequest, DataRequestLine, RequestField
from districtwise.workload.selectors import requests as selectors
from districtwise.workload.services import requests as services


def _refused(form, refused: ValidationError) -> None:
    """Put a service's refusal on the form, each message beside its field."""
    if hasattr(refused, "error_dict"):
        for name, errors in refused.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, refused)


def _int(value: str) -> int | None:
    return int(value) if value.isdecimal() else None


@district_view(roles=access.REGISTRY_READERS)
def request_list(request):
    """The registry, filtered by department, school and status."""
    department_id, school_id = (
        _int(request.GET.get("department", "")),
        _int(request.GET.get("school", "")),
    )
    status = request.GET.get("status", "")
    status = status if status in DataRequest.Status.values else ""
    found = selectors.request_list(
        user=request.user,
        district=request.district,
        department_id=department_id,
        school_id=school_id,
        status=status,
    )
    scope = request.scope
    context = {
        "requests": found,
        "departments": Department.objects.filter(district=request.district),
        "schools": School.objects.filter(district=request.district)
        if scope.district_wide
        else School.objects.filter(pk__in=scope.school_ids),
        "statuses": DataRequest.Status.choices,
        "chosen": {"department": department_id, "school": school_id, "status": status},
        "may_create": access.may_create(scope),
        "overseer": scope.has_any(access.REGISTRY_OVERSEERS),
        "led_school_ids": sorted(workload_access.led_school_ids(scope)),
    }
    return render(request, "workload/requests_list.html", context)


@district_view(roles=access.REGISTRY_READERS)
def request_detail(request, pk: int):
    """One request: who asks, what, how often, of which schools; unmatched lines to map."""
    data_request = access.get_request_for_user(request.user, request.district, pk)
    may_edit = access.may_edit(request.scope, data_request)
    lines = list(data_request.lines.select_related("field"))
    context = {
        "data_request": data_request,
        "lines": lines,
        "schools": School.objects.filter(pk__in=selectors.addressed_school_ids(data_request)),
        "may_edit": may_edit,
        "map_form": LineMapForm(district=request.district) if may_edit else None,
        "merged_from": data_request.merged_from.select_related("department"),
    }
    return render(request, "workload/requests_detail.html", context)


def _form_page(request, form, data_request=None):
    context = {"form": form, "data_request": data_request}
    return render(
        request, "workload/requests_form.html", context, status=400 if form.errors else 200
    )


def _requester(request):
    return request.user.people.filter(district=request.district).first()


@district_view(roles=access.REGISTRY_READERS)
def request_create(request):
    """A new request to schools."""
    access.require_creation(request.scope)
    departments = selectors.department_choices(user=request.user, district=request.district)
    form = DataRequestForm(
        request.POST or None,
        district=request.district,
        departments=departments,
        initial={"audience": DataRequest.Audience.ALL, "frequency": DataRequest.Frequency.ONCE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            data_request = services.request_create(
                actor=request.user,
                district=request.district,
                requester=_requester(request),
                **form.service_fields(),
            )
        except ValidationError as refused:
            _refused(form, refused)
        else:
            messages.success(request, f"Request “{data_request.title}” registered.")
            return redirect("workload:request_detail", pk=data_request.pk)
    return _form_page(request, form)


@district_view(roles=access.REGISTRY_READERS)
def request_edit(request, pk: int):
    """Change a request of one's own department (or any, for the data team)."""
    data_request = access.get_request_for_edit(request.user, request.district, pk)
    departments = selectors.department_choices(user=request.user, district=request.district)
    form = DataRequestForm(
        request.POST or None,
        district=request.district,
        departments=departments,
        saved_due_on=data_request.due_on,
        initial=request_initial(data_request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(
                actor=request.user,
                data_request=data_request,
                requester=data_request.requester,
                **form.service_fields(),
            )
        except ValidationError as refused:
            _refused(form, refused)
        else:
            messages.success(request, "Request saved.")
            return redirect("workload:request_detail", pk=data_request.pk)
    return _form_page(request, form, data_request)


@require_POST
@district_view(roles=access.REGISTRY_READERS)
def line_map(request, pk: int, line_pk: int):
    """Map one line as written to a field of the vocabulary."""
    data_request = access.get_request_for_edit(request.user, request.district, pk)
    try:
        line = data_request.lines.get(pk=line_pk)
    except DataRequestLine.DoesNotExist:
        raise Http404("Not found") from None
    form = LineMapForm(request.POST, district=request.district)
    if form.is_valid():
        services.line_map(actor=request.user, line=line, field=form.cleaned_data["field"])
        messages.success(request, f"“{line.text}” mapped.")
    else:
        messages.error(request, "Choose a field of the vocabulary to map the line to.")
    return redirect("workload:request_detail", pk=data_request.pk)


@district_view(roles=access.REGISTRY_OVERSEERS)
def overlaps(request):
    """Requests that ask the same schools for the same fields, and the merge proposed."""
    context = {
        "proposals": selectors.overlap_proposals(user=request.user, district=request.district),
        "may_consolidate": request.scope.has_any(access.DATA_TEAM),
    }
    return render(request, "workload/requests_overlaps.html", context)


@require_POST
@district_view(roles=access.REGISTRY_OVERSEERS)
def consolidate(request):
    """The data team merges the requests of a proposal into one."""
    access.require_data_team(request.scope)
    form = ConsolidateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The proposal was not understood; nothing was merged.")
        return redirect("workload:request_overlaps")
    try:
        merged = services.requests_consolidate(
            actor=request.user,
            district=request.district,
            request_ids=form.cleaned_data["request_ids"],
            title=form.cleaned_data["title"],
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages) + " Nothing was merged.")
        return redirect("workload:request_overlaps")
    messages.success(request, f"Consolidated into “{merged.title}”: schools now see one request.")
    return redirect("workload:request_detail", pk=merged.pk)


@district_view(roles=access.REGISTRY_OVERSEERS)
def field_list(request):
    """The field vocabulary the data team keeps."""
    context = {
        "fields": selectors.vocabulary(district=request.district),
        "may_edit": request.scope.has_any(access.DATA_TEAM),
    }
    return render(request, "workload/requests_fields.html", context)


def _field_page(request, form, field=None):
    context = {"form": form, "field": field}
    return render(
        request, "workload/requests_field_form.html", context, status=400 if form.errors else 200
    )


@district_view(roles=access.REGISTRY_OVERSEERS)
def field_create(request):
    """Add a field to the vocabulary."""
    access.require_data_team(request.scope)
    form = RequestFieldForm(request.POST or None, initial={"minutes_per_school": 15})
    if request.method == "POST" and form.is_valid():
        try:
            field = services.field_create(
                actor=request.user, district=request.district, **form.service_fields()
            )
        except ValidationError as refused:
            _refused(form, refused)
        else:
            messages.success(request, f"Field “{field.name}” added.")
            return redirect("workload:request_fields")
    return _field_page(request, form)


@district_view(roles=access.REGISTRY_OVERSEERS)
def field_edit(request, pk: int):
    """Change a field of the vocabulary."""
    try:
        field = RequestField.objects.get(district=request.district, pk=pk)
    except RequestField.DoesNotExist:
        raise Http404("Not found") from None
    access.require_data_team(request.scope)
    form = RequestFieldForm(request.POST or None, initial=field_initial(field))
    if request.method == "POST" and form.is_valid():
        try:
            services.field_update(actor=request.user, field=field, **form.service_fields())
        except ValidationError as refused:
            _refused(form, refused)
        else:
            messages.success(request, f"Field “{field.name}” saved.")
            return redirect("workload:request_fields")
    return _field_page(request, form, field)


@district_view(roles=access.REGISTRY_OVERSEERS)
def held(request):
    """Fields the central office already holds, and the requests still asking for them."""
    context = {"held": selectors.held_fields(user=request.user, district=request.district)}
    return render(request, "workload/requests_held.html", context)


@district_view(roles=access.REGISTRY_READERS)
def inbox(request, school_pk: int):
    """The requests a school answers (what its principal sees)."""
    school = workload_access.get_school_for_user(request.user, request.district, school_pk)
    found = selectors.school_inbox(user=request.user, district=request.district, school=school)
    return render(request, "workload/requests_inbox.html", {"school": school, "requests": found})


@district_view(roles=access.REGISTRY_OVERSEERS)
def hours(request):
    """School-staff hours a year, before and after consolidation, with a chart."""
    summary = selectors.hours_summary(user=request.user, district=request.district)
    return render(request, "workload/requests_hours.html", {"summary": summary})
