"""Writes of the district's routing rules: which department owns each category of need,
how many days each urgency gives to answer, and routing one need by hand.

Changing a rule never moves needs already raised: each kept the department and the due
time it was given when it was raised (a school planned around them).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import Department
from districtwise.voice.models import Need, NeedRoute, ResponseTarget
from districtwise.voice.services.needs import need_step, tell_answerers


@transaction.atomic
def need_routes_save(
    *,
    actor,
    district,
    departments: dict[str, Department | None],
    target_days: dict[str, int | None],
) -> int:
    """Set the department of each category (None: no rule, the cabinet routes by hand)
    and the days of each urgency (None: the default). Every change is audited; returns
    how many rules changed."""
    changed = 0
    for category, department in departments.items():
        if department is not None and department.district_id != district.pk:
            raise ValidationError({category: "Choose a department of this district."})
        route = NeedRoute.objects.filter(district=district, category=category).first()
        changed += _set_row(
            actor, district, route, NeedRoute, {"category": category}, "department", department
        )
    for urgency, days in target_days.items():
        if days is not None and days < 1:
            raise ValidationError({urgency: "Give at least one day to answer."})
        target = ResponseTarget.objects.filter(district=district, urgency=urgency).first()
        key = {"urgency": urgency}
        changed += _set_row(
            actor, district, target, ResponseTarget, key, "answer_within_days", days
        )
    return changed


def _set_row(actor, district, row, model, key: dict, field: str, value) -> int:
    """Create, change or remove one rule row so ``field`` holds ``value``; 1 if it changed."""
    if row is None and value is None:
        return 0
    if row is None:
        row = model.objects.create(district=district, **key, **{field: value})
        audit_created(actor=actor, district=district, obj=row)
        return 1
    before = snapshot(row)
    if value is None:
        audit_record(
            actor=actor,
            district=district,
            action="delete",
            obj=row,
            changes={k: [v, None] for k, v in before.items() if v not in ("", None)},
        )
        row.delete()
        return 1
    if getattr(row, field) == value:
        return 0
    setattr(row, field, value)
    row.save()
    audit_record(
        actor=actor,
        district=district,
        action="update",
        obj=row,
        changes=changed_fields(before, snapshot(row)),
    )
    return 1


@transaction.atomic
def need_route(*, actor, need: Need, department: Department) -> Need:
    """Send ``need`` to ``department`` by hand (a need no rule covered, or one sent to the
    wrong place). Its state and due time stay; the step shows on its timeline."""
    if department.district_id != need.district_id:
        raise ValidationError({"department": "Choose a department of this district."})
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.department_id == department.pk:
        raise ValidationError({"department": f"The need is already with {department.name}."})
    before = snapshot(need)
    need.department = department
    need.save()
    need_step(
        actor=actor,
        need=need,
        note=f"Routed by hand to {department.name}.",
        changes=changed_fields(before, snapshot(need)),
    )
    tell_answerers(need, actor)
    return need
