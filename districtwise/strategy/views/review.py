"""The cabinet's monthly review: what changed since the last review (as the reader may see
it), the form the cabinet records a review with, and past reviews with what they listed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from districtwise.core.access import district_view
from districtwise.strategy import access
from districtwise.strategy.access import progress as progress_access
from districtwise.strategy.forms.progress import ReviewForm
from districtwise.strategy.selectors import plan_for
from districtwise.strategy.selectors import review as selectors
from districtwise.strategy.services import review as services
from districtwise.strategy.views.progress import refusal_onto_form


@district_view(roles=access.PLAN_READERS)
def review_list(request):
    plan = plan_for(user=request.user, district=request.district)
    is_cabinet = access.is_cabinet(request.scope)
    if request.method == "POST":
        access.require_cabinet(request.scope)
    form = ReviewForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and plan is None:
        raise Http404("Not found")
    if request.method == "POST" and plan is not None and form.is_valid():
        try:
            review = services.cabinet_review_record(
                actor=request.user, plan=plan, **form.cleaned_data
            )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, f"Review of {review.held_on.isoformat()} recorded.")
            return redirect("strategy:review_detail", review.pk)
    reviews = selectors.review_list(user=request.user, district=request.district)
    previous = reviews.first()
    changes = (
        selectors.review_changes(
            user=request.user, district=request.district, plan=plan, previous=previous
        )
        if plan is not None
        else None
    )
    context = {
        "plan": plan,
        "reviews": reviews,
        "previous": previous,
        "changes": changes,
        "form": form if is_cabinet and plan is not None else None,
    }
    return render(request, "strategy/review_list.html", context, status=400 if form.errors else 200)


@district_view(roles=access.PLAN_READERS)
def review_detail(request, pk: int):
    review = progress_access.get_review_for_user(request.user, request.district, pk)
    context = {
        "review": review,
        "changes": selectors.recorded_changes(
            user=request.user, district=request.district, review=review
        ),
        "statuses": selectors.recorded_statuses(review),
    }
    return render(request, "strategy/review_detail.html", context)
