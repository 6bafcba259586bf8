"""Writes of school needs: recording one, changing it, resolving and reopening it.

Each is one transaction with an audit-history row. What is wrong is refused with a
``ValidationError`` naming the field; nothing is saved.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.community.models import SchoolNeed
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot


def _checked(need: SchoolNeed) -> None:
    need.description = need.description.strip()
    problems: dict[str, str] = {}
    if not need.description:
        problems["description"] = "Say what the school needs: the description is empty."
    if need.school.district_id != need.district_id:
        problems["school"] = "Choose one of the district's schools."
    if problems:
        raise ValidationError(problems)
    need.full_clean()


@transaction.atomic
def need_record(
    *,
    actor,
    district,
    school,
    category: str,
    description: str,
    priority: str = SchoolNeed.Priority.MEDIUM,
    students_affected: int | None = None,
) -> SchoolNeed:
    """Record a need of ``school`` in ``category``."""
    need = SchoolNeed(
        district=district,
        school=school,
        category=category,
        description=description,
        priority=priority,
        students_affected=students_affected,
        recorded_by=actor,
    )
    _checked(need)
    need.save()
    audit_created(actor=actor, district=district, obj=need)
    return need


@transaction.atomic
def need_update(
    *,
    actor,
    need: SchoolNeed,
    school,
    category: str,
    description: str,
    priority: str,
    students_affected: int | None = None,
) -> SchoolNeed:
    """Change what a need says (its school, category, description, priority, reach)."""
    before = snapshot(need)
    need.school = school
    need.category = category
    need.description = description
    need.priority = priority
    need.students_affected = students_affected
    _checked(need)
    need.save()
    changes = changed_fields(before, snapshot(need))
    if changes:
        audit_record(
            actor=actor, district=need.district, action="update", obj=need, changes=changes
        )
    return need


@transaction.atomic
def need_resolve(
    *, actor, need: SchoolNeed, reopen: bool = False, on: dt.date | None = None
) -> SchoolNeed:
    """Mark a need resolved (today, or ``on``), or reopen a resolved one."""
    before = snapshot(need)
    need.resolved_on = None if reopen else (on or timezone.localdate())
    need.save(update_fields=["resolved_on", "updated_at"])
    action = "reopen" if reopen else "resolve"
    changes = changed_fields(before, snapshot(need))
    audit_record(actor=actor, district=need.district, action=action, obj=need, changes=changes)
    return need
