"""The pages of the schools' adaptations: a school's supports, the adaptation form, its
history, the review (approve or return) and the reviewer's queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.supports import access
from districtwise.supports.forms.adaptations import AdaptationForm, ReviewForm, show_refusal
from districtwise.supports.selectors import adaptations as selectors
from districtwise.supports.selectors import school_list
from districtwise.supports.services import adaptations as services

READERS = access.SCHOOL_PAGE_READERS


@district_view(roles=READERS)
def school_supports(request, school_pk: int):
    """Each support at a school: the nonnegotiable, the school's adaptation, its status
    and its conflicts."""
    school = access.get_school_for_user(request.user, request.district, school_pk)
    context = {
        "school": school,
        "rows": selectors.school_supports(user=request.user, school=school),
        "may_lead": access.may_lead_school(request.scope, school.pk),
        "may_review": access.may_approve_for(request.scope, school),
    }
    return render(request, "supports/adaptations_school.html", context)


@district_view(roles=READERS)
def adaptation_edit(request, school_pk: int, support_pk: int):
    """Write the school's delivery plan for a support; saved as a draft, conflicts shown."""
    school = access.get_school_for_leading(request.user, request.district, school_pk)
    support = access.get_support_for_user(request.user, request.district, support_pk)
    latest = services.latest_version(school=school, support=support)
    initial = AdaptationForm.initial_for(support, latest)
    form = AdaptationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.adaptation_save(
                actor=request.user, school=school, support=support, data=form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            _tell_saved(request, draft)
            return redirect("supports:school_supports", school_pk=school.pk)
    context = {"form": form, "school": school, "support": support, "latest": latest}
    status = 400 if form.errors else 200
    return render(request, "supports/adaptations_form.html", context, status=status)


def _tell_saved(request, draft) -> None:
    if services.conflicts_of(draft):
        messages.error(
            request,
            f"Version {draft.version} is saved as a draft, but it conflicts with the "
            "nonnegotiable (see below): it cannot be submitted until it stays inside it.",
        )
    else:
        messages.success(request, f"Version {draft.version} is saved as a draft.")


@require_POST
@district_view(roles=READERS)
def adaptation_submit(request, pk: int):
    """Send a draft to the network lead (refused while it conflicts)."""
    adaptation = access.get_adaptation_for_user(request.user, request.district, pk)
    access.get_school_for_leading(request.user, request.district, adaptation.school_id)
    try:
        services.adaptation_submit(actor=request.user, adaptation=adaptation)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Version {adaptation.version} is sent for approval.")
    return redirect("supports:school_supports", school_pk=adaptation.school_id)


@district_view(roles=READERS)
def adaptation_history(request, school_pk: int, support_pk: int):
    """Every version of the school's adaptation, who wrote and reviewed it, and what
    changed from one version to the next."""
    school = access.get_school_for_user(request.user, request.district, school_pk)
    support = access.get_support_for_user(request.user, request.district, support_pk)
    versions = selectors.adaptation_versions(user=request.user, school=school, support=support)
    context = {"school": school, "support": support, "versions": versions}
    return render(request, "supports/adaptations_history.html", context)


@district_view(roles=READERS)
def adaptation_review(request, pk: int):
    """The reviewer approves a submitted adaptation or returns it with a comment."""
    adaptation = access.get_adaptation_for_review(request.user, request.district, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _decide(request, adaptation, form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            return redirect("supports:adaptation_queue")
    context = {
        "adaptation": adaptation,
        "form": form,
        "conflicts": services.conflicts_of(adaptation),
        "current": selectors.current_adaptation(
            user=request.user, school=adaptation.school, support=adaptation.support
        ),
    }
    return render(
        request, "supports/adaptations_review.html", context, status=400 if form.errors else 200
    )


def _decide(request, adaptation, data) -> None:
    name = f"{adaptation.support} at {adaptation.school}"
    if data["decision"] == "approve":
        services.adaptation_approve(
            actor=request.user, adaptation=adaptation, comment=data["comment"]
        )
        messages.success(request, f"{name} is approved.")
    else:
        services.adaptation_return(
            actor=request.user, adaptation=adaptation, comment=data["comment"]
        )
        messages.success(request, f"{name} is returned to the school.")


@district_view(roles=READERS)
def adaptation_queue(request):
    """The submitted adaptations waiting for this reviewer (oldest first), and the schools
    whose adaptations the user reads."""
    context = {
        "queue": selectors.review_queue(user=request.user, district=request.district),
        "schools": school_list(user=request.user, district=request.district),
    }
    return render(request, "supports/adaptations_queue.html", context)
