"""The pages of engagement events: the list with its totals, recording and editing one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from districtwise.community import access
from districtwise.community.access import EVENT_READERS
from districtwise.community.forms.surveys import EventForm
from districtwise.community.selectors import surveys as selectors
from districtwise.community.services import surveys_events as services
from districtwise.core.access import district_view
from districtwise.organization.models import School
from districtwise.strategy.forms.plan import show_refusal

EVENTS_PER_PAGE = 50


def _rendered(request, template: str, context: dict, form):
    """A form page: 400 when it shows errors, so nothing looks saved."""
    return render(request, template, context, status=400 if form.errors else 200)


def _event_schools(request):
    schools = School.objects.filter(district=request.district).order_by("name")
    allowed = access.survey_schools(request.scope)
    return schools if allowed is None else schools.filter(pk__in=allowed)


def _event_fields(form: EventForm) -> dict:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in ("title", "school", "place", "held_on", "attendance", "languages", "notes")
    }


@district_view(EVENT_READERS)
def events(request):
    found = selectors.event_list(user=request.user, district=request.district)
    shown = Paginator(found, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "events": shown,
        "totals": selectors.event_totals(found),
        "records": access.records_events(request.scope),
        "editable": {e.pk for e in shown if access.records_event_at(request.scope, e.school_id)},
    }
    return render(request, "community/events_list.html", context)


def _event_refused_at(request, form: EventForm) -> bool:
    school = form.cleaned_data.get("school")
    if access.records_event_at(request.scope, school.pk if school else None):
        return False
    form.add_error("school", "You record events at your own schools only; choose one of them.")
    return True


@district_view(EVENT_READERS)
def event_new(request):
    if not access.records_events(request.scope):
        raise PermissionDenied("You may read events but not record them.")
    form = EventForm(request.POST or None, schools=_event_schools(request))
    if request.method == "POST" and form.is_valid() and not _event_refused_at(request, form):
        try:
            services.event_record(
                actor=request.user, district=request.district, **_event_fields(form)
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The event is recorded.")
            return redirect("community:events")
    return _rendered(request, "community/events_form.html", {"form": form}, form)


@district_view(EVENT_READERS)
def event_edit(request, pk: int):
    event = access.get_event_for_edit(request.user, request.district, pk)
    form = EventForm(
        request.POST or None, initial=EventForm.initial_of(event), schools=_event_schools(request)
    )
    if request.method == "POST" and form.is_valid() and not _event_refused_at(request, form):
        try:
            services.event_update(actor=request.user, event=event, **_event_fields(form))
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The event is saved.")
            return redirect("community:events")
    context = {"form": form, "event": event}
    return _rendered(request, "community/events_form.html", context, form)
