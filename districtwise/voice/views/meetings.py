"""The pages of principal meetings: the list, convening, the meeting page (agenda,
proposals, minutes, follow-ups), agenda editing and publishing, minutes, follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from districtwise.core.access import district_view
from districtwise.organization.models import Network
from districtwise.strategy.forms.plan import show_refusal
from districtwise.voice import access
from districtwise.voice.access import CONVENERS, PATTERN_READERS
from districtwise.voice.forms.meetings import (
    AgendaItemForm,
    ConveneForm,
    FollowUpForm,
    MeetingForm,
    MinutesForm,
)
from districtwise.voice.models import AgendaItem
from districtwise.voice.selectors import meetings as selectors
from districtwise.voice.selectors.dilemmas import dilemmas_for_meeting
from districtwise.voice.services import meetings as services
from districtwise.voice.student_names import district_known_names

POST_ONLY = ["POST"]


def _rendered(request, template: str, context: dict, form):
    """A form page: 400 when it shows errors, so nothing looks saved."""
    return render(request, template, context, status=400 if form.errors else 200)


def _refused(request, refused: ValidationError) -> None:
    messages.error(request, " ".join(refused.messages))


def _me(request):
    person = access.person_of(request.user, request.district)
    if person is None:
        raise PermissionDenied("You have no staff record in this district.")
    return person


# ----- the list and convening ------------------------------------------------------------
@district_view(PATTERN_READERS)
def meetings(request):
    context = {
        "meetings": selectors.meeting_list(user=request.user, district=request.district),
        "tasks": selectors.open_tasks_of(user=request.user, district=request.district),
        "may_convene": access.may_convene(request.scope),
    }
    return render(request, "voice/meetings_list.html", context)


def _network_choices(request):
    networks = Network.objects.filter(district=request.district).order_by("name")
    if access.may_convene_for(request.scope, None):
        return networks
    return networks.filter(pk__in=request.scope.network_ids)


@district_view(CONVENERS)
def meeting_new(request):
    networks = _network_choices(request)
    district_wide = access.may_convene_for(request.scope, None)
    defaults = selectors.default_participants(request.district)
    first = "" if district_wide else str(networks.first().pk if networks.exists() else "")
    form = ConveneForm(
        request.POST or None,
        initial={"participants": defaults.get(first, [])},
        participant_choices=selectors.school_leader_choices(request.district),
        network_choices=networks,
        district_wide=district_wide,
    )
    if request.method == "POST" and form.is_valid():
        network = form.cleaned_data["network"]
        try:
            if not access.may_convene_for(request.scope, network):
                raise ValidationError({"network": "You convene meetings of your network only."})
            meeting = services.meeting_convene(
                actor=request.user,
                district=request.district,
                convened_by=_me(request),
                network=network,
                title=form.cleaned_data["title"],
                starts_at=form.cleaned_data["starts_at"],
                location=form.cleaned_data["location"],
                participants=form.cleaned_data["participants"],
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{meeting.title} is convened. Its agenda is a draft.")
            return redirect("voice:meeting", pk=meeting.pk)
    context = {"form": form, "defaults": defaults}
    return _rendered(request, "voice/meetings_form.html", context, form)


# ----- the meeting -----------------------------------------------------------------------
@district_view(PATTERN_READERS)
def meeting(request, pk: int):
    found = access.get_meeting_for_user(request.user, request.district, pk)
    runs = access.runs_meeting(request.user, request.district, found)
    mine = access.person_ids(request.user, request.district)
    context = {
        "meeting": found,
        "agenda": selectors.meeting_agenda(
            user=request.user, district=request.district, meeting=found
        ),
        "participants": found.participations.select_related("person__school"),
        "runs": runs,
        "may_propose": access.may_propose(request.user, request.district, found),
        "my_people": mine,
        "dilemmas": dilemmas_for_meeting(user=request.user, meeting=found),
        "may_bring": access.may_bring_dilemma(request.user, request.district, found),
    }
    return render(request, "voice/meetings_detail.html", context)


@district_view(PATTERN_READERS)
def meeting_edit(request, pk: int):
    found = access.get_meeting_for_running(request.user, request.district, pk)
    form = MeetingForm(
        request.POST or None,
        initial=MeetingForm.initial_of(found),
        participant_choices=selectors.school_leader_choices(request.district),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=request.user,
                meeting=found,
                title=form.cleaned_data["title"],
                starts_at=form.cleaned_data["starts_at"],
                location=form.cleaned_data["location"],
                participants=form.cleaned_data["participants"],
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{found.title} is saved.")
            return redirect("voice:meeting", pk=found.pk)
    found.refresh_from_db()
    context = {"form": form, "meeting": found}
    return _rendered(request, "voice/meetings_form.html", context, form)


# ----- the agenda ------------------------------------------------------------------------
@district_view(PATTERN_READERS)
def agenda_item_new(request, pk: int):
    found = access.get_meeting_for_running(request.user, request.district, pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_add(
                actor=request.user, meeting=found, proposed_by=_me(request), **form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"'{item.title}' is on the agenda.")
            return redirect("voice:meeting", pk=found.pk)
    context = {"form": form, "meeting": found, "heading": f"Add an item to {found.title}"}
    return _rendered(request, "voice/meetings_item_form.html", context, form)


@district_view(PATTERN_READERS)
def agenda_propose(request, pk: int):
    found = access.get_meeting_for_user(request.user, request.district, pk)
    if not access.may_propose(request.user, request.district, found):
        raise PermissionDenied("Only the meeting's participants propose agenda items.")
    form = AgendaItemForm(request.POST or None, proposing=True)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_propose(
                actor=request.user, meeting=found, proposed_by=_me(request), **form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(
                request, f"'{item.title}' is proposed: the convener accepts or declines it."
            )
            return redirect("voice:meeting", pk=found.pk)
    context = {"form": form, "meeting": found, "heading": f"Propose an item for {found.title}"}
    return _rendered(request, "voice/meetings_item_form.html", context, form)


@district_view(PATTERN_READERS)
def agenda_item_edit(request, pk: int):
    item = access.get_agenda_item_for_running(request.user, request.district, pk)
    initial = {
        "title": item.title,
        "direction": item.direction,
        "description": item.description,
        "minutes_taken": item.minutes_taken,
    }
    form = AgendaItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"'{item.title}' is saved.")
            return redirect("voice:meeting", pk=item.meeting_id)
    context = {"form": form, "meeting": item.meeting, "item": item, "heading": "Edit the item"}
    return _rendered(request, "voice/meetings_item_form.html", context, form)


def _item_post(request, pk: int) -> AgendaItem | HttpResponseNotAllowed:
    """An item of a meeting the user reads (404), POST only (405), that they run (403)."""
    item = access.get_agenda_item_for_user(request.user, request.district, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(POST_ONLY)
    if not access.runs_meeting(request.user, request.district, item.meeting):
        raise PermissionDenied("Only the meeting's convener and its network's leads change it.")
    return item


@district_view(PATTERN_READERS)
def agenda_item_move(request, pk: int):
    item = _item_post(request, pk)
    if not isinstance(item, AgendaItem):
        return item
    try:
        services.agenda_item_move(
            actor=request.user, item=item, up=request.POST.get("way") != "down"
        )
    except ValidationError as refused:
        _refused(request, refused)
    return redirect(f"{_meeting_url(item)}#agenda")


@district_view(PATTERN_READERS)
def agenda_item_remove(request, pk: int):
    item = _item_post(request, pk)
    if not isinstance(item, AgendaItem):
        return item
    services.agenda_item_remove(actor=request.user, item=item)
    messages.success(request, f"'{item.title}' is off the agenda.")
    return redirect(f"{_meeting_url(item)}#agenda")


@district_view(PATTERN_READERS)
def agenda_proposal_decide(request, pk: int):
    item = _item_post(request, pk)
    if not isinstance(item, AgendaItem):
        return item
    accept = request.POST.get("decision") == "accept"
    try:
        services.agenda_proposal_decide(actor=request.user, item=item, accept=accept)
    except ValidationError as refused:
        _refused(request, refused)
    else:
        verdict = "is on the agenda" if accept else "is declined this time"
        messages.success(request, f"'{item.title}' {verdict}.")
    return redirect(f"{_meeting_url(item)}#agenda")


def _meeting_url(item: AgendaItem) -> str:
    return reverse("voice:meeting", args=[item.meeting_id])


@district_view(PATTERN_READERS)
def agenda_publish(request, pk: int):
    found = access.get_meeting_for_user(request.user, request.district, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(POST_ONLY)
    found = access.get_meeting_for_running(request.user, request.district, pk)
    try:
        told = services.agenda_publish(actor=request.user, meeting=found)
    except ValidationError as refused:
        _refused(request, refused)
    else:
        messages.success(request, f"The agenda is published; {len(told)} participants are told.")
    return redirect("voice:meeting", pk=found.pk)


# ----- minutes and follow-ups ------------------------------------------------------------
@district_view(PATTERN_READERS)
def minutes_edit(request, pk: int):
    found = access.get_meeting_for_running(request.user, request.district, pk)
    items = list(found.agenda_items.filter(status=AgendaItem.Status.ACCEPTED))
    initial = {"minutes": found.minutes} | {f"notes_{i.pk}": i.notes for i in items}
    form = MinutesForm(request.POST or None, initial=initial, items=items)
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST
        try:
            services.minutes_save(
                actor=request.user,
                meeting=found,
                minutes=form.cleaned_data["minutes"],
                item_notes=form.item_notes(),
                publish=publish,
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            found.refresh_from_db()
            if found.minutes_published_at:
                messages.success(request, "The minutes are saved and read by the participants.")
            else:
                messages.success(request, "The minutes are saved as a draft only you can read.")
            return redirect(reverse("voice:meeting", args=[found.pk]) + "#minutes")
    context = {"form": form, "meeting": found}
    return _rendered(request, "voice/meetings_minutes.html", context, form)


@district_view(PATTERN_READERS)
def follow_up_new(request, pk: int):
    item = access.get_agenda_item_for_running(request.user, request.district, pk)
    form = FollowUpForm(
        request.POST or None,
        owner_choices=selectors.owner_choices(request.district, item.meeting),
        known=district_known_names(request.district),
    )
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = services.follow_up_add(
                actor=request.user,
                item=item,
                kind=form.cleaned_data["kind"],
                owner=form.cleaned_data["owner"],
                description=form.cleaned_data["description"],
                due_on=form.cleaned_data["due_on"],
                need=form.need_fields(),
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            if follow_up.need_id:
                messages.success(request, f"The need is raised and routed: {follow_up.need}.")
            else:
                messages.success(request, f"The task is {follow_up.owner}'s.")
            return redirect(f"{_meeting_url(item)}#follow-ups")
    context = {"form": form, "meeting": item.meeting, "item": item}
    return _rendered(request, "voice/meetings_follow_up_form.html", context, form)


@district_view(PATTERN_READERS)
def follow_up_done(request, pk: int):
    follow_up = access.get_follow_up_for_user(request.user, request.district, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(POST_ONLY)
    if not access.completes_follow_up(request.user, request.district, follow_up):
        raise PermissionDenied("Only the follow-up's owner marks it done.")
    done = request.POST.get("done", "yes") != "no"
    try:
        services.follow_up_done(actor=request.user, follow_up=follow_up, done=done)
    except ValidationError as refused:
        _refused(request, refused)
    else:
        messages.success(request, f"Marked {'done' if done else 'not done'}: {follow_up}.")
    back = request.POST.get("next", "")
    if back == "list":
        return redirect("voice:meetings")
    return redirect("voice:meeting", pk=follow_up.meeting_id)
