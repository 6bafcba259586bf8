"""Writes of the task audit and its redistribution.

A school's audit (or the district's starter list) is saved whole from one page: every row
is checked first, and a single wrong row refuses the lot (``TaskAuditRefused`` names each
row's problem). Decisions go proposed (by the principal) → agreed (by the network lead or
the cabinet) → in progress → done (by them or the new owner). Every change is one
transaction with an audit-history row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import Department, Person, School
from districtwise.workload import task_hours
from districtwise.workload.models import Category, PrincipalTask, TaskDecision

ROW_FIELDS = ("name", "category", "requested_by", "frequency", "hours", "hours_unit")


@dataclass(frozen=True)
class AuditRow:
    """One row of the audit page as the principal left it. ``line`` is the row's number
    on the page; ``keep`` is the tick ("this is one of my tasks")."""

    line: int
    keep: bool
    name: str = ""
    category: str = ""
    hours: Decimal | None = None
    hours_unit: str = PrincipalTask.Unit.WEEK
    requested_by: str = PrincipalTask.Requester.SCHOOL
    frequency: str = PrincipalTask.Frequency.WEEKLY
    task_id: int | None = None
    starter_id: int | None = None
    requesting_department_id: int | None = None


@dataclass
class AuditSaved:
    """What a save did, and the warnings worth reading (saved all the same)."""

    created: int = 0
    changed: int = 0
    removed: int = 0
    weekly_total: Decimal = Decimal(0)
    warnings: list[str] = field(default_factory=list)


class TaskAuditRefused(ValidationError):
    """An audit refused whole; ``problems`` says what is wrong, row by row."""

    def __init__(self, problems: list[str]):
        super().__init__(problems)
        self.problems = problems


def _row_name(row: AuditRow) -> str:
    return f"Row {row.line}" + (f" ({row.name})" if row.name else "")


def _row_problems(row: AuditRow) -> list[str]:
    where = _row_name(row)
    if not row.name.strip():
        return [f"{where}: give the task a name, or untick it."]
    problems = []
    if row.category not in Category.values:
        problems.append(f"{where}: choose a category.")
    if row.hours_unit not in PrincipalTask.Unit.values:
        problems.append(f"{where}: choose hours a week or hours a year.")
    elif row.hours is None:
        problems.append(f"{where}: enter its hours.")
    elif row.hours <= 0:
        problems.append(f"{where}: hours must be more than zero (untick a task you do not do).")
    elif row.hours > task_hours.most_hours(row.hours_unit):
        most = task_hours.most_hours(row.hours_unit)
        unit = PrincipalTask.Unit(row.hours_unit).label
        problems.append(f"{where}: {row.hours} {unit} is more than there is ({most} at most).")
    if row.requested_by not in PrincipalTask.Requester.values:
        problems.append(f"{where}: say who asks for it.")
    if row.frequency not in PrincipalTask.Frequency.values:
        problems.append(f"{where}: choose how often it comes round.")
    return problems


def task_audit_check(rows: Sequence[AuditRow]) -> tuple[list[str], list[str], Decimal]:
    """The problems (refusing the save) and warnings (not refusing it) of the ticked rows,
    and their total hours a week. More than a week holds (168 hours) is a problem; more
    than 60 a warning."""
    kept = [r for r in rows if r.keep]
    problems = [p for r in kept for p in _row_problems(r)]
    if problems:
        return problems, [], Decimal(0)
    total = sum((task_hours.hours_per_week(r.hours, r.hours_unit) for r in kept), Decimal(0))  # type: ignore[arg-type]
    if total > task_hours.HOURS_IN_A_WEEK:
        problems.append(
            f"The ticked tasks add up to {total} hours a week, more than the "
            f"{task_hours.HOURS_IN_A_WEEK} a week holds: check the hours and their units."
        )
    warnings = []
    if total > task_hours.LONG_WEEK_HOURS:
        warnings.append(
            f"The tasks add up to {total} hours a week, more than "
            f"{task_hours.LONG_WEEK_HOURS}: a week this long is worth a conversation."
        )
    return problems, warnings, total


def _apply(task: PrincipalTask, row: AuditRow, position: int) -> None:
    assert row.hours is not None
    task.name = row.name.strip()
    task.category = row.category
    task.requested_by = row.requested_by
    task.requesting_department_id = row.requesting_department_id
    task.frequency = row.frequency
    task.hours = row.hours
    task.hours_unit = row.hours_unit
    task.hours_per_week = task_hours.hours_per_week(row.hours, row.hours_unit)
    task.position = position


def task_audit_save(
    *, actor, district, school: School | None, rows: Sequence[AuditRow]
) -> AuditSaved:
    """Save a school's task audit (or, with ``school=None``, the district's starter list)
    from the rows of its page: ticked rows are created or updated, a previously saved task
    left unticked is removed. Refused whole (``TaskAuditRefused``) if any row is wrong."""
    problems, warnings, total = task_audit_check(rows)
    existing = {t.pk: t for t in PrincipalTask.objects.filter(district=district, school=school)}
    problems += [
        f"{_row_name(r)}: this task is not part of this audit any more; reload the page."
        for r in rows
        if r.task_id is not None and r.task_id not in existing
    ]
    if problems:
        raise TaskAuditRefused(problems)
    saved = AuditSaved(weekly_total=total, warnings=warnings)
    with transaction.atomic():
        for position, row in enumerate(rows):
            _save_row(actor, district, school, existing, row, position, saved)
    return saved


def _save_row(actor, district, school, existing, row: AuditRow, position: int, saved) -> None:
    task = existing.get(row.task_id) if row.task_id is not None else None
    if task is not None and not row.keep:
        audit_record(
            actor=actor, district=district, action="delete", obj=task,
            changes={k: [v, None] for k, v in snapshot(task).items()},
        )  # fmt: skip
        task.delete()
        saved.removed += 1
        return
    if not row.keep:
        return
    if task is None:
        task = PrincipalTask(district=district, school=school, starter_id=row.starter_id)
        _apply(task, row, position)
        task.save()
        audit_created(actor=actor, district=district, obj=task)
        saved.created += 1
        return
    before = snapshot(task)
    _apply(task, row, position)
    changes = changed_fields(before, snapshot(task))
    if changes:
        task.save()
        audit_record(actor=actor, district=district, action="update", obj=task, changes=changes)
        saved.changed += 1


# ---- decisions ----


def _decision_problems(
    task: PrincipalTask,
    decision: str,
    new_department: Department | None,
    new_owner: Person | None,
    starts_on: dt.date | None,
) -> list[str]:
    D = TaskDecision.Decision
    if decision not in D.values:
        return ["Choose a decision."]
    problems = []
    if decision == D.DELEGATE and (new_owner is None or new_owner.school_id != task.school_id):
        problems.append("A delegated task needs a new owner on the school's staff.")
    if decision == D.CENTRAL and new_department is None:
        problems.append("A task moved to the central office needs the department taking it.")
    central_owner = decision == D.CENTRAL and new_owner is not None and new_department is not None
    if central_owner and new_owner.department_id != new_department.pk:  # type: ignore[union-attr]
        problems.append(f"{new_owner} is not on the staff of {new_department}.")
    if decision in (D.KEEP, D.ELIMINATE) and (new_owner or new_department):
        problems.append(f"A task to {D(decision).label.lower()} has no new owner.")
    if decision != D.KEEP and starts_on is None:
        problems.append("Give the date the change starts.")
    for who in (new_department, new_owner):
        if who is not None and who.district_id != task.district_id:
            problems.append(f"{who} is not of this district.")
    return problems


def task_decision_propose(
    *,
    actor,
    task: PrincipalTask,
    decision: str,
    new_department: Department | None = None,
    new_owner: Person | None = None,
    starts_on: dt.date | None = None,
    note: str = "",
) -> TaskDecision:
    """The principal proposes what to do with a task (or changes their proposal, which
    then needs agreeing again). A delegated task goes to a named person of the school; a
    moved one to a department (and, if known, a person of it)."""
    problems = _decision_problems(task, decision, new_department, new_owner, starts_on)
    if problems:
        raise ValidationError(problems)
    existing = TaskDecision.objects.filter(task=task).first()
    record = existing or TaskDecision(task=task)
    before = snapshot(record) if existing else None
    record.decision = decision
    record.new_department = new_department
    record.new_owner = new_owner
    record.starts_on = starts_on
    record.note = note.strip()
    record.status = TaskDecision.Status.PROPOSED
    record.proposed_by = actor
    record.agreed_by = record.agreed_at = None
    with transaction.atomic():
        record.save()
        if before is None:
            audit_created(actor=actor, district=task.district, obj=record)
        else:
            changes = changed_fields(before, snapshot(record))
            audit_record(
                actor=actor, district=task.district, action="update", obj=record, changes=changes
            )
    return record


def _set(actor, record: TaskDecision, **values) -> TaskDecision:
    before = snapshot(record)
    for name, value in values.items():
        setattr(record, name, value)
    with transaction.atomic():
        record.save()
        changes = changed_fields(before, snapshot(record))
        audit_record(
            actor=actor, district=record.task.district, action="update", obj=record, changes=changes
        )
    return record


def task_decision_agree(*, actor, record: TaskDecision) -> TaskDecision:
    """The network lead or the cabinet agrees a proposed decision."""
    if record.status != TaskDecision.Status.PROPOSED:
        raise ValidationError(f"This decision is already {record.get_status_display().lower()}.")
    return _set(
        actor, record, status=TaskDecision.Status.AGREED, agreed_by=actor, agreed_at=timezone.now()
    )


def task_decision_progress(*, actor, record: TaskDecision, status: str) -> TaskDecision:
    """Mark an agreed decision in progress or done; only a done one counts as hours
    returned to the principal."""
    S = TaskDecision.Status
    if status not in (S.IN_PROGRESS, S.DONE):
        raise ValidationError("A decision moves on to in progress or done.")
    if record.status == S.PROPOSED:
        raise ValidationError("This decision is only proposed: it must be agreed first.")
    if record.decision == TaskDecision.Decision.KEEP:
        raise ValidationError("A kept task stays with the principal: nothing to hand over.")
    return _set(actor, record, status=status)
