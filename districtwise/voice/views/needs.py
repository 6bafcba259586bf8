"""Need pages: raising a need, the lists a school or network follows, one need with its
timeline, moves and comments, the department queues (overdue first), the routing rules,
and the CSV exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode

from districtwise.core.access import district_view
from districtwise.core.exports import csv_download
from districtwise.core.uploads import IMAGE_TYPES
from districtwise.organization.models import School
from districtwise.voice import access
from districtwise.voice.access import PATTERN_READERS
from districtwise.voice.forms.needs import (
    CommentForm,
    MoveForm,
    NeedRaiseForm,
    RouteNeedForm,
    RoutesForm,
)
from districtwise.voice.models import Need, NeedCategory, NeedState
from districtwise.voice.rules import allowed_moves, is_overdue
from districtwise.voice.selectors import needs as selectors
from districtwise.voice.services import needs as services
from districtwise.voice.services import needs_routes
from districtwise.voice.services.needs_attachments import stored_path
from districtwise.voice.student_names import district_known_names

S = NeedState


def refusal_onto_form(form, refused: ValidationError) -> None:
    """Show a service's refusal next to the fields it names (else above the form)."""
    if not hasattr(refused, "error_dict"):
        for message in refused.messages:
            form.add_error(None, message)
        return
    for name, errors in refused.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


def _filters(request) -> dict[str, str]:
    return {
        "state": request.GET.get("state", ""),
        "category": request.GET.get("category", ""),
    }


# ---------------------------------------------------------------- lists


NEEDS_PER_PAGE = 50


@district_view(PATTERN_READERS)
def needs(request):
    """The needs the user follows: their schools', their network's (the cabinet: all)."""
    chosen = _filters(request)
    page = selectors.need_list_page(
        user=request.user,
        district=request.district,
        page=request.GET.get("page"),
        per_page=NEEDS_PER_PAGE,
        **chosen,
    )
    context = {
        "rows": page.object_list,
        "page": page,
        "total": page.paginator.count,
        "page_query": urlencode({k: v for k, v in chosen.items() if v}),
        "chosen": chosen,
        "state_filters": selectors.STATE_FILTERS,
        "categories": NeedCategory.choices,
        "may_raise": access.may_raise(request.scope),
        "works_queue": access.works_queue(request.scope),
        "export_query": request.GET.urlencode(),
    }
    return render(request, "voice/needs_list.html", context)


@district_view(PATTERN_READERS)
def needs_export(request):
    rows = selectors.need_list(user=request.user, district=request.district, **_filters(request))
    return csv_download("needs.csv", selectors.EXPORT_HEADER, selectors.export_rows(rows))


# ---------------------------------------------------------------- raising


@district_view(PATTERN_READERS)
def need_raise(request):
    """School leaders raise a need for a school they lead; everyone else: not found."""
    led = access.led_schools(request.scope)
    if not led:
        raise Http404("Not found")
    schools = School.objects.filter(district=request.district, pk__in=led).order_by("name")
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = NeedRaiseForm(
        data,
        files,
        schools=schools,
        initial={"school": schools.first()},
        known=district_known_names(request.district),
    )
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_raise_with_attachment(
                actor=request.user,
                district=request.district,
                raised_by=access.person_of(request.user, request.district),
                upload=form.cleaned_data["attachment"],
                **form.service_fields(),
            )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            where = need.department.name if need.department else "the cabinet"
            messages.success(request, f"Your need was raised and sent to {where}.")
            return redirect("voice:need", need.pk)
    context = {"form": form, "lost_file": bool(request.FILES)}
    return render(request, "voice/needs_raise.html", context, status=400 if form.errors else 200)


# ---------------------------------------------------------------- one need


@dataclass(frozen=True)
class Move:
    """A button on the need page: the state it moves to, and the note it asks for."""

    to_state: str
    label: str
    note_label: str
    note_required: bool


MOVES = {
    S.ACKNOWLEDGED: Move(S.ACKNOWLEDGED, "Acknowledge", "Note to the school (optional)", False),
    S.IN_PROGRESS: Move(S.IN_PROGRESS, "Start work", "Note to the school (optional)", False),
    S.ANSWERED: Move(S.ANSWERED, "Answer", "The answer the school will read", True),
    S.DECLINED: Move(S.DECLINED, "Decline", "Why the need is declined", True),
    S.CLOSED: Move(S.CLOSED, "Close", "Note (optional)", False),
    S.RAISED: Move(S.RAISED, "Reopen", "Why the need is reopened", True),
}
MOVE_ORDER = [S.ACKNOWLEDGED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED, S.DECLINED, S.RAISED]


def _need_page(request, need: Need, *, move_form=None, comment_form=None, status=200):
    department = access.answers_need(request.user, request.district, need)
    school = access.speaks_for_school(request.user, request.district, need)
    open_moves = allowed_moves(need.state, department=department, school=school)
    events, comments = selectors.need_story(need)
    failed = move_form.data.get("to_state") if move_form is not None else None
    context: dict[str, Any] = {
        "need": need,
        "events": events,
        "comments": comments,
        "attachments": need.attachments.all(),
        "image_types": IMAGE_TYPES,
        "overdue": is_overdue(state=need.state, due=need.due_at, now=timezone.now()),
        "moves": [
            (MOVES[m], move_form if m == failed else None) for m in MOVE_ORDER if m in open_moves
        ],
        # A refused move names ``to_state`` (a hidden field): shown above the moves.
        "move_error": [*move_form.non_field_errors(), *move_form["to_state"].errors]
        if move_form is not None
        else None,
        "takes_part": department or school,
        "comment_form": comment_form or CommentForm(),
        "route_form": RouteNeedForm(district=request.district, initial={"department": None})
        if access.may_route(request.scope)
        else None,
    }
    return render(request, "voice/needs_detail.html", context, status=status)


@district_view()
def need(request, pk: int):
    found = access.get_need_for_user(request.user, request.district, pk)
    return _need_page(request, found)


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


@district_view()
def need_move(request, pk: int):
    """Move the need as its school or its department may (the rules say which moves)."""
    found = access.get_need_for_user(request.user, request.district, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    found = access.get_need_for_acting(request.user, request.district, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            moved = services.need_move(
                actor=request.user,
                need=found,
                to_state=form.cleaned_data["to_state"],
                department=access.answers_need(request.user, request.district, found),
                school=access.speaks_for_school(request.user, request.district, found),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            refusal_onto_form(form, error)
        else:
            messages.success(request, f"The need is now {moved.get_state_display().lower()}.")
            return redirect("voice:need", moved.pk)
    return _need_page(request, found, move_form=form, status=400)


@district_view()
def need_comment(request, pk: int):
    found = access.get_need_for_user(request.user, request.district, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    found = access.get_need_for_acting(request.user, request.district, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            body = form.cleaned_data["body"]
            services.need_comment_add(actor=request.user, need=found, body=body)
        except ValidationError as error:
            refusal_onto_form(form, error)
        else:
            messages.success(request, "Comment added.")
            return redirect("voice:need", found.pk)
    return _need_page(request, found, comment_form=form, status=400)


@district_view()
def need_route(request, pk: int):
    """The cabinet sends a need to a department by hand."""
    found = access.get_need_for_user(request.user, request.district, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    if not access.may_route(request.scope):
        raise PermissionDenied("Only the cabinet routes needs by hand.")
    form = RouteNeedForm(request.POST, district=request.district)
    if form.is_valid():
        try:
            routed = needs_routes.need_route(
                actor=request.user, need=found, department=form.cleaned_data["department"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"Sent to {routed.department}.")
    else:
        messages.error(request, "Choose the department to send the need to.")
    return redirect("voice:need", found.pk)


@district_view()
def need_attachment(request, pk: int):
    """The file, through the access check, as a download with its stored content type."""
    attachment = access.get_need_attachment_for_user(request.user, request.district, pk)
    path = stored_path(attachment)
    if not path.is_file():
        raise Http404("The file is missing.")
    return FileResponse(
        path.open("rb"),
        as_attachment=attachment.content_type not in IMAGE_TYPES,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


# ---------------------------------------------------------------- queues


def _queue_context(request, department=None) -> dict[str, Any]:
    if not access.works_queue(request.scope):
        raise Http404("Not found")
    mine = selectors.queue_departments(user=request.user, district=request.district)
    chosen = {"state": request.GET.get("state", selectors.OPEN), "category": ""}
    chosen["category"] = request.GET.get("category", "")
    queue = selectors.department_queue(
        user=request.user,
        district=request.district,
        departments=[department] if department else mine,
        **chosen,
    )
    return {
        "department": department,
        "departments": mine,
        "queue": queue,
        "chosen": chosen,
        "state_filters": selectors.STATE_FILTERS,
        "categories": NeedCategory.choices,
        "unrouted": selectors.unrouted_needs(user=request.user, district=request.district)
        if department is None
        else [],
        "export_query": request.GET.urlencode(),
    }


def _queue_page(request, department=None):
    """The queue page: its rows a page at a time, in the queue's order."""
    context = _queue_context(request, department)
    page = Paginator(context["queue"].rows, NEEDS_PER_PAGE).get_page(request.GET.get("page"))
    chosen = {k: v for k, v in context["chosen"].items() if v}
    context |= {"rows": page.object_list, "page": page, "page_query": urlencode(chosen)}
    return render(request, "voice/needs_queue.html", context)


@district_view()
def queue(request):
    """Every need routed to the departments the user works, overdue first."""
    return _queue_page(request)


@district_view()
def queue_department(request, pk: int):
    """One department's queue (for someone who works several)."""
    if not access.works_queue(request.scope):
        raise Http404("Not found")
    department = access.get_queue_department(request.user, request.district, pk)
    return _queue_page(request, department)


@district_view()
def queue_export(request):
    """The queue as CSV; ``?department=`` narrows it to one department."""
    department = None
    if request.GET.get("department", "").isdecimal():
        department = access.get_queue_department(
            request.user, request.district, int(request.GET["department"])
        )
    context = _queue_context(request, department)
    rows = context["queue"].rows + context["unrouted"]
    return csv_download("needs-queue.csv", selectors.EXPORT_HEADER, selectors.export_rows(rows))


# ---------------------------------------------------------------- routing rules


def _routes_initial(request) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for row in selectors.route_rows(user=request.user, district=request.district):
        initial[f"route_{row.category}"] = row.department
    for target in selectors.target_rows(user=request.user, district=request.district):
        initial[f"days_{target.urgency}"] = target.days
    return initial


@district_view(PATTERN_READERS)
def routes(request):
    """The district's routes and response targets: read by its staff, set by the cabinet."""
    may_route = access.may_route(request.scope)
    if request.method == "POST" and not may_route:
        raise PermissionDenied("Only the cabinet sets the routes.")
    form = None
    if may_route:
        data = request.POST if request.method == "POST" else None
        form = RoutesForm(data, district=request.district, initial=_routes_initial(request))
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            changed = needs_routes.need_routes_save(
                actor=request.user,
                district=request.district,
                departments=form.departments(),
                target_days=form.target_days(),
            )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            plural = "" if changed == 1 else "s"
            messages.success(request, f"Saved: {changed} rule{plural} changed.")
            return redirect("voice:routes")
    context = {
        "form": form,
        "routes": selectors.route_rows(user=request.user, district=request.district),
        "targets": selectors.target_rows(user=request.user, district=request.district),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "voice/needs_routes.html", context, status=status)
