"""Writes of engagement events: recording one and changing its record. One transaction
each with an audit-history row; a refused change raises a ``ValidationError`` naming the
field, and nothing is saved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.community.models import EngagementEvent, EventLanguage
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot


def _check_event(*, district, title: str, school, place: str, attendance: int, languages):
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Say what the event was, e.g. 'Family literacy night'."
    if school is not None and school.district_id != district.pk:
        errors["school"] = "That school belongs to another district."
    if school is None and not place.strip():
        errors["place"] = "Name the school or the place where the event was held."
    if attendance < 0:
        errors["attendance"] = "Attendance is a count of people: zero or more."
    strange = [code for code in languages if code not in EventLanguage.values]
    if strange:
        errors["languages"] = f"Unknown languages: {', '.join(strange)}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_record(*, actor, district, **fields) -> EngagementEvent:
    """Record an engagement event (fields: title, school, place, held_on, attendance,
    languages, notes)."""
    _check_event(
        district=district,
        title=fields["title"],
        school=fields.get("school"),
        place=fields.get("place", ""),
        attendance=fields.get("attendance", 0),
        languages=fields.get("languages", []),
    )
    event = EngagementEvent.objects.create(
        district=district,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{k: v.strip() if isinstance(v, str) else v for k, v in fields.items()},
    )
    audit_created(actor=actor, district=district, obj=event)
    return event


@transaction.atomic
def event_update(*, actor, event: EngagementEvent, **fields) -> EngagementEvent:
    """Change an engagement event's record (the same fields as ``event_record``)."""
    _check_event(
        district=event.district,
        title=fields["title"],
        school=fields.get("school"),
        place=fields.get("place", ""),
        attendance=fields.get("attendance", 0),
        languages=fields.get("languages", []),
    )
    before = snapshot(event)
    for name, value in fields.items():
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    event.save()
    changes = changed_fields(before, snapshot(event))
    if changes:
        audit_record(
            actor=actor, district=event.district, action="update", obj=event, changes=changes
        )
    return event
