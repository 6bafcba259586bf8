"""Writes of the schools' adaptations: write, submit, approve, return.

An adaptation in conflict with the support's nonnegotiables is saved as a draft with its
conflicts; it cannot be submitted and can never be approved (both are refused here, not
only hidden on the page). Editing a version that was approved or returned starts a new
version: the approved one stays the school's current adaptation until the new one is
approved. Every write is audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.analytics.supports.boundaries import (
    WEEKS_PER_PERIOD,
    Conflict,
    DeliveryPlan,
    boundary_conflicts,
)
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.supports.models import DELIVERER_CHOICES, Adaptation, Support

DELIVERERS = dict(DELIVERER_CHOICES)
PLAN_FIELDS = (
    "occurrences",
    "period",
    "minutes",
    "delivered_by",
    "protocol",
    "days_and_format",
    "note",
)
Status = Adaptation.Status


def conflicts_of(adaptation: Adaptation) -> list[Conflict]:
    """The adaptation's conflicts with its support's nonnegotiables (empty: none)."""
    support = adaptation.support
    district = DeliveryPlan(
        occurrences=support.min_occurrences,
        period=support.period,
        minutes=support.min_minutes,
        delivered_by=tuple(support.delivered_by or ()),
        protocol=support.protocol,
    )
    school = DeliveryPlan(
        occurrences=adaptation.occurrences,
        period=adaptation.period,
        minutes=adaptation.minutes,
        delivered_by=tuple(adaptation.delivered_by or ()),
        protocol=adaptation.protocol,
    )
    return boundary_conflicts(school, district, DELIVERERS)


def plan_errors(data: dict[str, Any]) -> dict[str, str]:
    """What is wrong with a delivery plan's fields, as ``{field: message}``."""
    errors: dict[str, str] = {}
    if not isinstance(data.get("occurrences"), int) or data["occurrences"] < 1:
        errors["occurrences"] = "Say how many times, at least once."
    if data.get("period") not in WEEKS_PER_PERIOD:
        errors["period"] = "Choose per week, per month or per school year."
    if not isinstance(data.get("minutes"), int) or data["minutes"] < 1:
        errors["minutes"] = "Say how many minutes each time (at least 1)."
    roles = data.get("delivered_by") or []
    unknown = [r for r in roles if r not in DELIVERERS]
    if not roles:
        errors["delivered_by"] = "Say who delivers it."
    elif unknown:
        errors["delivered_by"] = f"Unknown staff role: {', '.join(map(str, unknown))}."
    return errors


def latest_version(*, school, support: Support) -> Adaptation | None:
    """The school's newest version of its adaptation of the support, if any."""
    return Adaptation.objects.filter(school=school, support=support).order_by("-version").first()


@transaction.atomic
def adaptation_save(*, actor, school, support: Support, data: dict[str, Any]) -> Adaptation:
    """Write the school's delivery plan for a support, as a draft.

    A draft is changed in place; after an approved or returned version a new version is
    started; a submitted version waiting for review is not changed. Returns the draft (its
    conflicts, if any, are shown by ``conflicts_of``)."""
    errors = plan_errors(data)
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})
    if not support.is_active:
        raise ValidationError("This support is retired: it takes no new adaptation.")
    plan = {k: data.get(k, "") for k in PLAN_FIELDS}
    latest = latest_version(school=school, support=support)
    if latest is not None and latest.status == Status.SUBMITTED:
        raise ValidationError(
            "Version %(v)s waits for the network lead's review: it cannot change until "
            "it is approved or returned.",
            params={"v": latest.version},
        )
    if latest is not None and latest.status == Status.DRAFT:
        return _update_draft(actor=actor, draft=latest, plan=plan)
    adaptation = Adaptation.objects.create(
        district=school.district,
        school=school,
        support=support,
        version=(latest.version + 1) if latest else 1,
        written_by=actor,
        **plan,
    )
    audit_created(actor=actor, district=school.district, obj=adaptation)
    return adaptation


def _update_draft(*, actor, draft: Adaptation, plan: dict[str, Any]) -> Adaptation:
    before = snapshot(draft)
    for name, value in plan.items():
        setattr(draft, name, value)
    draft.written_by = actor
    draft.save()
    changes = changed_fields(before, snapshot(draft))
    if changes:
        audit_record(
            actor=actor, district=draft.district, action="update", obj=draft, changes=changes
        )
    return draft


def _move(*, actor, adaptation: Adaptation, action: str, **values: Any) -> Adaptation:
    """Set the given fields, save and audit the move."""
    before = snapshot(adaptation)
    for name, value in values.items():
        setattr(adaptation, name, value)
    adaptation.save()
    changes = changed_fields(before, snapshot(adaptation))
    audit_record(
        actor=actor, district=adaptation.district, action=action, obj=adaptation, changes=changes
    )
    return adaptation


def _refuse_conflicts(adaptation: Adaptation, what: str) -> None:
    conflicts = conflicts_of(adaptation)
    if conflicts:
        raise ValidationError(
            [f"It cannot be {what} while it conflicts with the nonnegotiable."]
            + [c.message for c in conflicts]
        )


@transaction.atomic
def adaptation_submit(*, actor, adaptation: Adaptation) -> Adaptation:
    """Send a draft to the network lead; refused while it is in conflict."""
    if adaptation.status != Status.DRAFT:
        raise ValidationError(
            "Only a draft is submitted; this version is %(s)s.",
            params={"s": adaptation.get_status_display().lower()},
        )
    _refuse_conflicts(adaptation, "submitted")
    return _move(
        actor=actor,
        adaptation=adaptation,
        action="submit",
        status=Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


def _check_reviewable(adaptation: Adaptation) -> None:
    if adaptation.status != Status.SUBMITTED:
        raise ValidationError(
            "Only a submitted adaptation is reviewed; this version is %(s)s.",
            params={"s": adaptation.get_status_display().lower()},
        )


@transaction.atomic
def adaptation_approve(*, actor, adaptation: Adaptation, comment: str = "") -> Adaptation:
    """Approve a submitted adaptation: from now on it is what the school does. An
    adaptation in conflict is never approved, however the request reached us."""
    _check_reviewable(adaptation)
    _refuse_conflicts(adaptation, "approved")
    return _move(
        actor=actor,
        adaptation=adaptation,
        action="approve",
        status=Status.APPROVED,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
        review_comment=comment.strip(),
    )


@transaction.atomic
def adaptation_return(*, actor, adaptation: Adaptation, comment: str) -> Adaptation:
    """Return a submitted adaptation to the school with a comment (required)."""
    _check_reviewable(adaptation)
    if not comment.strip():
        raise ValidationError({"comment": ["Say what the school should change."]})
    return _move(
        actor=actor,
        adaptation=adaptation,
        action="return",
        status=Status.RETURNED,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
        review_comment=comment.strip(),
    )
