"""The audit history: every change to shared data, with each field before and after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from districtwise.core.models import AuditEntry


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value (dates and times ISO, money as a decimal string)."""
    if isinstance(value, dt.date | dt.datetime | dt.time | Decimal):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete field values, foreign keys by their display name."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"id", "created_at", "updated_at"}:
            continue
        value = getattr(obj, field.name)
        values[field.name] = _plain(value)
    return values


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value differs, as ``{field: [before, after]}``."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


ACTION_LENGTH = AuditEntry._meta.get_field("action").max_length or 0


def audit_record(
    *, actor, district, action: str, obj: models.Model, changes: dict[str, list[Any]]
) -> AuditEntry:
    """Write one audit entry. Call inside the service's transaction. ``action`` is a short
    verb (create, update, delete, or one such as approve); what changed goes in
    ``changes``. One longer than its column is refused here, on every database, rather than
    only on those that check the column's length."""
    if len(action) > ACTION_LENGTH:
        raise ValueError(f"Audit action {action!r} is longer than {ACTION_LENGTH} characters.")
    return AuditEntry.objects.create(
        district=district,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes,
    )


def audit_deleted(
    *, actor, district, obj: models.Model, before: dict[str, Any] | None = None
) -> AuditEntry:
    """Record a deletion (before the row goes): every field goes from its value to nothing.
    ``before``: what to keep, when more than the fields (names of linked rows); by default
    the object's snapshot."""
    kept = snapshot(obj) if before is None else before
    changes = {k: [v, None] for k, v in kept.items() if v not in (None, "", [])}
    return audit_record(actor=actor, district=district, action="delete", obj=obj, changes=changes)


def audit_created(*, actor, district, obj: models.Model) -> AuditEntry:
    """Record a creation: every field goes from nothing to its value."""
    after = snapshot(obj)
    changes = {k: [None, v] for k, v in after.items() if v not in (None, "")}
    return audit_record(actor=actor, district=district, action="create", obj=obj, changes=changes)
