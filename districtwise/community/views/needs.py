"""School needs pages: the list with its filters, recording, changing and resolving a
need, the needs map (gaps, duplicates, matrix, map and district totals), one school's
needs and services, and the matrix as CSV for those who manage partnerships."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from districtwise.community import access
from districtwise.community.access import COMMUNITY_MEMBERS, PARTNERSHIP_MANAGERS
from districtwise.community.charts.needs import school_map, totals_bars
from districtwise.community.forms.needs import NeedForm
from districtwise.community.selectors import needs as selectors
from districtwise.community.services import needs as services
from districtwise.core.access import district_view
from districtwise.core.exports import csv_download
from districtwise.organization.models import School

NEEDS_PER_PAGE = 50


def _filters(request) -> dict[str, str]:
    names = ("school", "network", "category", "met", "state")
    chosen = {name: request.GET.get(name, "") for name in names}
    chosen["state"] = chosen["state"] or "open"
    return chosen


@district_view(COMMUNITY_MEMBERS)
def needs(request):
    """The needs the user may see, with whether a partner meets each."""
    chosen = _filters(request)
    page = selectors.need_list_page(
        user=request.user,
        district=request.district,
        page=request.GET.get("page"),
        per_page=NEEDS_PER_PAGE,
        **chosen,
    )
    schools = selectors.filter_schools(request.user, request.district)
    context = {
        "rows": page.object_list,
        "page": page,
        "total": page.paginator.count,
        "page_query": urlencode({k: v for k, v in chosen.items() if v}),
        "chosen": chosen,
        "schools": schools,
        "networks": selectors.filter_networks(schools),
        "categories": selectors.CATEGORIES,
        "met_filters": selectors.MET_FILTERS,
        "state_filters": selectors.STATE_FILTERS,
        "records_needs": access.records_needs(request.scope),
    }
    return render(request, "community/needs_list.html", context)


def _recordable(request):
    """The schools the user records needs for (404 when none)."""
    allowed = access.need_schools(request.scope)
    schools = School.objects.filter(district=request.district).order_by("name")
    if allowed is not None:
        schools = schools.filter(pk__in=list(allowed))
    if not schools.exists():
        raise Http404("Not found")
    return schools


def _refused_onto(form, refused: ValidationError) -> None:
    for name, errors in refused.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


@district_view(COMMUNITY_MEMBERS)
def need_new(request):
    """School leaders record their school's needs; network leads their network's;
    partnership managers any school's."""
    schools = _recordable(request)
    asked = request.GET.get("school", "")
    initial = {"school": schools.filter(pk=int(asked)).first() if asked.isdecimal() else None}
    form = NeedForm(request.POST or None, schools=schools, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_record(
                actor=request.user, district=request.district, **form.service_fields()
            )
        except ValidationError as refused:
            _refused_onto(form, refused)
        else:
            messages.success(request, f"Recorded: {need}.")
            return redirect("community:school_needs", need.school_id)
    status = 400 if form.errors else 200
    context = {"form": form, "need": None}
    return render(request, "community/needs_form.html", context, status=status)


@district_view(COMMUNITY_MEMBERS)
def need_edit(request, pk: int):
    need = access.get_school_need_for_edit(request.user, request.district, pk)
    schools = _recordable(request)
    initial = {
        "school": need.school,
        "category": need.category,
        "description": need.description,
        "priority": need.priority,
        "students_affected": need.students_affected,
    }
    form = NeedForm(request.POST or None, schools=schools, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(actor=request.user, need=need, **form.service_fields())
        except ValidationError as refused:
            _refused_onto(form, refused)
        else:
            messages.success(request, f"Saved: {need}.")
            return redirect("community:school_needs", need.school_id)
    status = 400 if form.errors else 200
    context = {"form": form, "need": need}
    return render(request, "community/needs_form.html", context, status=status)


@district_view(COMMUNITY_MEMBERS)
def need_resolve(request, pk: int):
    """POST: mark the need resolved, or reopen it (``reopen=1``)."""
    access.get_school_need_for_user(request.user, request.district, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    need = access.get_school_need_for_edit(request.user, request.district, pk)
    reopen = request.POST.get("reopen") == "1"
    services.need_resolve(actor=request.user, need=need, reopen=reopen)
    messages.success(request, f"{'Reopened' if reopen else 'Marked resolved'}: {need}.")
    return redirect("community:school_needs", need.school_id)


@district_view(COMMUNITY_MEMBERS)
def needs_map(request):
    """Where partners meet the schools' needs and where they leave gaps."""
    network = request.GET.get("network", "")
    view = selectors.needs_map(user=request.user, district=request.district, network=network)
    networks = selectors.filter_networks(selectors.filter_schools(request.user, request.district))
    labels = dict(selectors.CATEGORIES)
    context = {
        "view": view,
        "labels": labels,
        "map_svg": school_map(view.points, view.box) if view.points else "",
        "totals_svg": totals_bars(view.totals, labels, chart_id="needs-totals"),
        "partner_only": access.is_partner_only(request.scope),
        "may_export": access.manages_partnerships(request.scope),
        "networks": networks if len(networks) > 1 else [],
        "chosen_network": network,
    }
    return render(request, "community/needs_map.html", context)


@district_view(PARTNERSHIP_MANAGERS)
def needs_map_export(request):
    """The matrix as CSV: a row per school, a column per category, cells in words."""
    view = selectors.needs_map(user=request.user, district=request.district)
    return csv_download("needs-matrix.csv", selectors.export_header(), selectors.export_rows(view))


@district_view(COMMUNITY_MEMBERS)
def school_needs(request, pk: int):
    """One school: its needs, the partner services there, its gaps and duplicates."""
    school = access.get_need_school_for_user(request.user, request.district, pk)
    view = selectors.school_needs(user=request.user, district=request.district, school=school)
    context = {
        "view": view,
        "records": access.records_need_at(request.scope, school.pk),
        "partner_only": access.is_partner_only(request.scope),
    }
    return render(request, "community/needs_school.html", context)
