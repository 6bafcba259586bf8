"""Writes of the stakeholder map: groups, their positions on priorities, engagements.

Every change is one transaction with an audit-history row. Bad input is refused with a
``ValidationError`` naming the field and what is wrong; nothing is saved.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.community.models import (
    Engagement,
    StakeholderGroup,
    StakeholderPosition,
    Stance,
)
from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import District, Person

GROUP_FIELDS = ("name", "kind", "description", "interest", "influence", "contact", "owner")


def _check_person(person: Person | None, district: District, field: str) -> None:
    if person is not None and person.district_id != district.pk:
        raise ValidationError({field: "Choose a person of this district."})


def _check_not_future(day: dt.date, field: str, what: str) -> None:
    today = timezone.localdate()
    if day > today:
        raise ValidationError(
            {field: f"{what} is after today ({today:%B %-d, %Y}): record it once it has happened."}
        )


def _group_fields(district: District, fields: dict) -> dict:
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of a stakeholder group: {sorted(unknown)}")
    cleaned = dict(fields)
    for name in ("name", "description", "contact"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    _check_person(cleaned.get("owner"), district, "owner")
    return cleaned


@transaction.atomic
def stakeholder_group_create(*, actor, district: District, **fields) -> StakeholderGroup:
    """Add a group to the district's map: name, kind, interest and influence (1 to 5 each),
    and optionally a description, contact notes and the person who keeps the relationship."""
    group = StakeholderGroup(district=district, **_group_fields(district, fields))
    group.full_clean()
    group.save()
    audit_created(actor=actor, district=district, obj=group)
    return group


@transaction.atomic
def stakeholder_group_update(*, actor, group: StakeholderGroup, **fields) -> StakeholderGroup:
    """Change a group's description, kind, ratings, contact notes or keeper."""
    group = StakeholderGroup.objects.select_for_update().get(pk=group.pk)
    before = snapshot(group)
    for name, value in _group_fields(group.district, fields).items():
        setattr(group, name, value)
    group.full_clean()
    group.save()
    audit_record(
        actor=actor,
        district=group.district,
        action="update",
        obj=group,
        changes=changed_fields(before, snapshot(group)),
    )
    return group


def _priority_words(group: StakeholderGroup, goal, priority: str) -> str:
    """The priority's words: the goal's (which must be of the group's district) or the
    typed ones; exactly one of the two."""
    typed = (priority or "").strip()
    if goal is not None and typed:
        raise ValidationError(
            {"priority": "Choose a goal of the plan or name a priority in words, not both."}
        )
    if goal is None:
        if not typed:
            raise ValidationError(
                {"goal": "Choose a goal of the plan, or name the priority in words below."}
            )
        return typed
    if goal.plan.district_id != group.district_id:
        raise ValidationError({"goal": "Choose a goal of this district's plan."})
    return f"{goal.code} {goal.title}"[:300]


@transaction.atomic
def stakeholder_position_record(
    *,
    actor,
    group: StakeholderGroup,
    stance: str,
    as_of: dt.date,
    goal=None,
    priority: str = "",
    note: str = "",
    recorded_by: Person | None = None,
) -> StakeholderPosition:
    """Record the group's stance on a priority (a goal of the plan, or one named in words)
    as of a date. Earlier positions stay as history; the latest one is the current stance."""
    if stance not in Stance.values:
        raise ValidationError({"stance": "Choose one of the stances listed."})
    _check_not_future(as_of, "as_of", "The date of the position")
    _check_person(recorded_by, group.district, "recorded_by")
    position = StakeholderPosition(
        group=group,
        goal=goal,
        priority=_priority_words(group, goal, priority),
        stance=stance,
        note=(note or "").strip(),
        as_of=as_of,
        recorded_by=recorded_by,
    )
    position.full_clean()
    position.save()
    audit_created(actor=actor, district=group.district, obj=position)
    return position


@transaction.atomic
def engagement_log(
    *,
    actor,
    group: StakeholderGroup,
    held_on: dt.date,
    kind: str,
    summary: str,
    follow_up: str = "",
    by: Person | None = None,
) -> Engagement:
    """Log a contact with the group that has happened (a date after today is refused)."""
    _check_not_future(held_on, "held_on", "The date of the engagement")
    _check_person(by, group.district, "by")
    engagement = Engagement(
        group=group,
        held_on=held_on,
        kind=kind,
        summary=(summary or "").strip(),
        follow_up=(follow_up or "").strip(),
        by=by,
    )
    engagement.full_clean()
    engagement.save()
    audit_created(actor=actor, district=group.district, obj=engagement)
    return engagement
