"""The pages of consultancy dilemmas: bringing one to a meeting, its page where the protocol
runs, the presenter's record and sharing, and the lessons shared with the district.

Every dilemma is looked up through ``access.get_dilemma_for_user`` (or a look-up built on
it): a confidential dilemma answers 404 to everyone outside its meeting's room.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from districtwise.core.access import district_view
from districtwise.voice import access
from districtwise.voice.forms.dilemmas import DilemmaForm, FeedbackForm, LessonTaskForm, RecordForm
from districtwise.voice.selectors import dilemmas as selectors
from districtwise.voice.services import dilemmas as services
from districtwise.voice.services.dilemmas import DONE, stage_label
from districtwise.voice.student_names import district_known_names


def _post_only(request) -> HttpResponseNotAllowed | None:
    """For a POST-only view, after its look-up: a GET answers 405 to those who reach it, and
    404 (from the look-up) to those who may not see the dilemma at all."""
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _show_refusal(form, refused: ValidationError) -> None:
    if not hasattr(refused, "error_dict"):
        form.add_error(None, refused)
        return
    for name, found in refused.message_dict.items():
        form.add_error(name if name in form.fields else None, found)


@district_view()
def dilemma_new(request, pk: int):
    """A principal taking part in the meeting brings a dilemma to it."""
    meeting = access.get_meeting_for_bringing(request.user, request.district, pk)
    known = district_known_names(request.district)
    form = DilemmaForm(request.POST or None, known=known)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "names_checked"}
        presenter = access.person_of(request.user, request.district)
        try:
            dilemma = services.dilemma_bring(
                actor=request.user, meeting=meeting, presenter=presenter, **data
            )
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            messages.success(request, "Your dilemma is on the meeting's record, for its room only.")
            return redirect("voice:dilemma", pk=dilemma.pk)
    context = {"meeting": meeting, "form": form}
    status = 400 if form.errors else 200
    return render(request, "voice/dilemmas_new.html", context, status=status)


def _page(request, dilemma, *, feedback_form=None, status: int = 200):
    page = selectors.dilemma_page(user=request.user, dilemma=dilemma)
    if feedback_form is None and page.may_post:
        feedback_form = FeedbackForm(initial={"stage": dilemma.stage})
    scope = request.scope
    context = {
        "page": page,
        "dilemma": dilemma,
        "meeting": dilemma.meeting,
        "feedback_form": feedback_form if page.may_post else None,
        "reads_lessons": scope.has_any(access.LESSON_READERS),
        "may_act": dilemma.shared_at is not None and scope.has_any(access.LESSON_ACTORS),
    }
    return render(request, "voice/dilemmas_detail.html", context, status=status)


@district_view()
def dilemma(request, pk: int):
    """The dilemma and its protocol: in the room the stages, the feedback and the forms;
    outside it (once shared) the title, the question, the situation and the lessons."""
    found = access.get_dilemma_for_user(request.user, request.district, pk)
    return _page(request, found)


@district_view()
def dilemma_advance(request, pk: int):
    """The presenter or the meeting's runner moves the protocol on by one stage."""
    found = access.get_dilemma_for_room(request.user, request.district, pk)
    if not_allowed := _post_only(request):
        return not_allowed
    if not access.advances_protocol(request.user, request.district, found):
        raise PermissionDenied("The presenter or the meeting's runner moves it on.")
    try:
        services.dilemma_advance(
            actor=request.user, dilemma=found, to_stage=request.POST.get("to_stage", "")
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        found.refresh_from_db()
        messages.success(request, f"The protocol is now at “{stage_label(found.stage)}”.")
    return redirect("voice:dilemma", pk=found.pk)


@district_view()
def dilemma_feedback(request, pk: int):
    """A participant records a question or note at the protocol's current stage. A note
    refused (the protocol moved on meanwhile) comes back in its box, not lost."""
    found = access.get_dilemma_for_room(request.user, request.district, pk)
    if not_allowed := _post_only(request):
        return not_allowed
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.dilemma_feedback_add(
                actor=request.user,
                dilemma=found,
                author=access.person_of(request.user, request.district),
                **form.cleaned_data,
            )
        except ValidationError as refused:
            return _feedback_refused(request, found, form, refused)
        messages.success(request, "Recorded.")
        return redirect(reverse("voice:dilemma", args=[found.pk]) + f"#stage-{found.stage}")
    found.refresh_from_db()
    return _page(request, found, feedback_form=form, status=400)


def _feedback_refused(request, dilemma, form, refused: ValidationError):
    """Show why a note was refused, its text kept in the box of the stage the protocol is
    at now (or, where the user may not post now, in the message itself)."""
    dilemma.refresh_from_db()
    body = form.cleaned_data["body"]
    page = selectors.dilemma_page(user=request.user, dilemma=dilemma)
    if not page.may_post:
        messages.error(request, f"{' '.join(refused.messages)} What you wrote: “{body}”")
        return redirect("voice:dilemma", pk=dilemma.pk)
    kept = FeedbackForm({"stage": dilemma.stage, "body": body})
    kept.is_valid()
    for name, found in refused.message_dict.items():  # the stage is a hidden field
        kept.add_error("body" if name == "body" else None, found)
    return _page(request, dilemma, feedback_form=kept, status=400)


@district_view()
def dilemma_record(request, pk: int):
    """The presenter keeps the record: the reflection and the lessons for the district."""
    found = access.get_dilemma_for_presenter(request.user, request.district, pk)
    with_reflection = found.stage in ("reflection", DONE)
    form = RecordForm(
        request.POST or None,
        initial={"reflection": found.reflection, "lessons": found.lessons},
        with_reflection=with_reflection,
        known=district_known_names(request.district),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.dilemma_record_update(
                actor=request.user,
                dilemma=found,
                reflection=form.cleaned_data["reflection"] if with_reflection else None,
                lessons=form.cleaned_data["lessons"],
            )
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            messages.success(request, "Your record is saved.")
            return redirect("voice:dilemma", pk=found.pk)
    context = {"dilemma": found, "meeting": found.meeting, "form": form}
    status = 400 if form.errors else 200
    return render(request, "voice/dilemmas_record.html", context, status=status)


@district_view()
def dilemma_share(request, pk: int):
    """The presenter shares the lessons with the district, or stops sharing them."""
    found = access.get_dilemma_for_presenter(request.user, request.district, pk)
    if not_allowed := _post_only(request):
        return not_allowed
    shared = request.POST.get("share") == "yes"
    try:
        services.dilemma_share(actor=request.user, dilemma=found, shared=shared)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            "The lessons are shared with the district: it reads the title, the question, the "
            "situation and the lessons, never your peers' feedback."
            if shared
            else "The lessons are no longer shared: the dilemma is for the meeting's room only.",
        )
    return redirect("voice:dilemma", pk=found.pk)


@district_view(access.LESSON_READERS)
def lessons(request):
    """What principals chose to share with the district, newest first, searchable."""
    text = request.GET.get("q", "").strip()
    found = selectors.shared_lessons(user=request.user, district=request.district, text=text)
    context = {
        "lessons": found,
        "q": text,
        "may_act": request.scope.has_any(access.LESSON_ACTORS),
    }
    return render(request, "voice/dilemmas_lessons.html", context)


@district_view()
def lesson_act(request, pk: int):
    """District staff act on a shared lesson: a task with an owner, on the meeting's
    follow-ups."""
    found = access.get_lesson_for_acting(request.user, request.district, pk)
    form = LessonTaskForm(request.POST or None, district=request.district)
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_task_create(actor=request.user, dilemma=found, **form.cleaned_data)
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            owner = form.cleaned_data["owner"]
            messages.success(
                request, f"A task for {owner.full_name} is on the meeting's follow-ups."
            )
            return redirect("voice:lessons")
    context = {"dilemma": found, "form": form}
    status = 400 if form.errors else 200
    return render(request, "voice/dilemmas_act.html", context, status=status)
