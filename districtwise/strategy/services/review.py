"""Writes of the cabinet's monthly review."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.core.audit import audit_created
from districtwise.strategy.models import CabinetReview, Plan
from districtwise.strategy.selectors import review as reviews
from districtwise.strategy.selectors.plan import initiative_list
from districtwise.strategy.selectors.progress import progress_list


def cabinet_review_record(*, actor, plan: Plan, held_on: dt.date, notes: str) -> CabinetReview:
    """Record a review held on ``held_on`` with its notes. It keeps every goal's status at
    this moment (overall and per group) and the list of what changed since the previous
    review as the cabinet saw it, so the next review can say what changed since this one.
    A review dated in the future, or before the last one, is refused."""
    district = plan.district
    with transaction.atomic():
        # One review at a time: the previous one is read under the plan's lock.
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        previous = CabinetReview.objects.filter(plan=plan).order_by("-held_on", "-id").first()
        _check_date(held_on, previous)
        changes = reviews.review_changes(
            user=actor, district=district, plan=plan, previous=previous
        )
        progress = progress_list(user=actor, district=district)
        review = CabinetReview.objects.create(
            plan=plan,
            held_on=held_on,
            notes=notes.strip(),
            recorded_by=actor,
            snapshot={
                "goals": reviews.status_snapshot(progress),
                "initiatives": _initiative_statuses(actor, district),
                "changes": changes,
            },
        )
        audit_created(actor=actor, district=district, obj=review)
    return review


def _initiative_statuses(actor, district) -> dict[str, dict]:
    return {
        str(i.pk): {"code": i.code, "name": i.name, "status": i.status}
        for i in initiative_list(user=actor, district=district)
    }


def _check_date(held_on: dt.date, previous: CabinetReview | None) -> None:
    today = timezone.localdate()
    if held_on > today:
        raise ValidationError(
            {"held_on": [f"{held_on.isoformat()} is in the future: record a review once held."]}
        )
    if previous is not None and held_on < previous.held_on:
        raise ValidationError(
            {
                "held_on": [
                    f"{held_on.isoformat()} comes before the last review, held on "
                    f"{previous.held_on.isoformat()}."
                ]
            }
        )
