"""Writes of the support catalogue: add, edit, retire (kept for history) and restore.

Each refuses a support that does not say clearly who is entitled or what is fixed, with
a message per field, and writes an audit row (every field before and after)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import GRADE_CHOICES
from districtwise.supports.models import DELIVERER_CHOICES, Support

GRADE_ORDER = [code for code, _ in GRADE_CHOICES]
DELIVERERS = dict(DELIVERER_CHOICES)


def _audience_errors(data: dict[str, Any]) -> dict[str, str]:
    audience = data.get("audience")
    errors: dict[str, str] = {}
    if audience == Support.Audience.SUBJECT and not (data.get("audience_subject") or "").strip():
        errors["audience_subject"] = "Name the subject whose teachers are entitled."
    if audience == Support.Audience.GRADE_SPAN:
        low, high = data.get("audience_grade_low"), data.get("audience_grade_high")
        if not low or not high:
            errors["audience_grade_low"] = "A grade span needs both its lowest and highest grade."
        elif GRADE_ORDER.index(low) > GRADE_ORDER.index(high):
            errors["audience_grade_high"] = (
                f"The highest grade ({high}) comes before the lowest ({low}): swap them."
            )
    if audience == Support.Audience.TIER and data.get("audience_tier") in (None, ""):
        errors["audience_tier"] = "Name the tier (level) of the schools entitled."
    return errors


def support_errors(*, district, data: dict[str, Any], pk: int | None = None) -> dict[str, str]:
    """What is wrong with a support's fields, as ``{field: message}`` (empty: nothing)."""
    errors = _audience_errors(data)
    if (data.get("min_occurrences") or 0) < 1:
        errors["min_occurrences"] = "A support happens at least once per period."
    unknown = [r for r in data.get("delivered_by") or [] if r not in DELIVERERS]
    if unknown:
        errors["delivered_by"] = f"Unknown staff role: {', '.join(map(str, unknown))}."
    code = data.get("code")
    taken = Support.objects.filter(district=district, code=code)
    if pk is not None:
        taken = taken.exclude(pk=pk)
    if code and taken.exists():
        errors["code"] = f"The district already has a support with the code “{code}”."
    return errors


def _check(*, district, data: dict[str, Any], pk: int | None = None) -> None:
    errors = support_errors(district=district, data=data, pk=pk)
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})


@transaction.atomic
def support_create(*, actor, district, data: dict[str, Any]) -> Support:
    """Add a support to the district's catalogue (refused with a message per field)."""
    _check(district=district, data=data)
    support = Support.objects.create(district=district, **data)
    audit_created(actor=actor, district=district, obj=support)
    return support


@transaction.atomic
def support_update(*, actor, support: Support, data: dict[str, Any]) -> Support:
    """Change a support's fields; audited with each changed field before and after."""
    _check(district=support.district, data=data, pk=support.pk)
    # The stored row, not the object a form may already have changed in memory.
    stored = Support.objects.select_for_update().get(pk=support.pk)
    before = snapshot(stored)
    for name, value in data.items():
        setattr(stored, name, value)
    stored.save()
    changes = changed_fields(before, snapshot(stored))
    if changes:
        audit_record(
            actor=actor, district=stored.district, action="update", obj=stored, changes=changes
        )
    return stored


@transaction.atomic
def support_set_active(*, actor, support: Support, active: bool) -> Support:
    """Retire a support (kept with its history, no longer offered) or bring it back."""
    if support.is_active == active:
        return support
    support.is_active = active
    support.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        district=support.district,
        action="update",
        obj=support,
        changes={"is_active": [not active, active]},
    )
    return support
