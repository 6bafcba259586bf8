"""Writes of delivery logs: one log entered on a page or sent through the API, its edit and
delete, and the teacher groups that pre-fill a log's attendees.

A log is checked before anything is saved (``LogRules``): a day in the past or today and
inside a school year of the district, positive minutes, at least one attendee, every
attendee a teacher at the school that day (the teaching roster), and a deliverer of the
school or of the central office. A refused log raises a ``ValidationError`` keyed by field
and nothing is saved. Every change is one transaction with an audit-history row."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import District, Person, School, SchoolYear
from districtwise.supports.models import (
    DeliveryLog,
    LogAttendee,
    Support,
    TeacherAssignment,
    TeacherGroup,
)


@dataclass(frozen=True)
class LogEntry:
    """What a log says, in the service's words (people by their Person)."""

    support: Support
    school: School
    delivered_on: dt.date
    minutes: int
    teachers: tuple[Person, ...]
    delivered_by: Person | None = None
    notes: str = ""
    feedback_on: dt.date | None = None


@dataclass
class LogRules:
    """The facts a log is checked against, loaded once for many logs (an import checks
    thousands against the same roster): the district's school years and the teaching
    assignments of the schools concerned."""

    district: District
    today: dt.date
    years: list[SchoolYear] = field(default_factory=list)
    spans: dict[tuple[int, int], list[tuple[dt.date, dt.date | None]]] = field(default_factory=dict)

    @classmethod
    def load(cls, district: District, school_ids: Iterable[int]) -> LogRules:
        """The rules for logs at ``school_ids`` of ``district``, as of today."""
        spans: dict[tuple[int, int], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        rows = TeacherAssignment.objects.filter(district=district, school_id__in=set(school_ids))
        for teacher_id, school_id, starts, ends in rows.values_list(
            "teacher_id", "school_id", "starts_on", "ends_on"
        ):
            spans[(teacher_id, school_id)].append((starts, ends))
        return cls(
            district=district,
            today=timezone.localdate(),
            years=list(SchoolYear.objects.filter(district=district)),
            spans=dict(spans),
        )

    def date_problem(self, on: dt.date) -> str | None:
        """Why a log may not be dated ``on`` (None when it may)."""
        if on > self.today:
            return f"{on:%Y-%m-%d} is in the future: log a delivery once it has happened."
        if not any(y.starts_on <= on <= y.ends_on for y in self.years):
            return (
                f"{on:%Y-%m-%d} falls outside the district's school years "
                f"({self._years_text()}): a delivery happens during a school year."
            )
        return None

    def _years_text(self) -> str:
        if not self.years:
            return "none is set up yet"
        return ", ".join(f"{y}: {y.starts_on:%Y-%m-%d} to {y.ends_on:%Y-%m-%d}" for y in self.years)

    def teacher_problem(self, teacher: Person, school: School, on: dt.date) -> str | None:
        """Why ``teacher`` cannot have received a delivery at ``school`` on ``on``."""
        spans = self.spans.get((teacher.pk, school.pk), [])
        if any(s <= on and (e is None or on <= e) for s, e in spans):
            return None
        later = sorted(s for s, _ in spans if s > on)
        if later:
            return (
                f"{teacher} starts teaching at {school} on {later[0]:%Y-%m-%d}, after "
                f"{on:%Y-%m-%d}."
            )
        return f"{teacher} is not a teacher at {school} on {on:%Y-%m-%d} (see the school's roster)."

    def deliverer_problem(self, person: Person, school: School, on: dt.date) -> str | None:
        """A deliverer is of the school (staff, or on its roster that day) or of a
        central-office department; nobody of another district."""
        if person.district_id != self.district.pk:
            return f"{person} is not of this district."
        if person.school_id == school.pk or person.department_id is not None:
            return None
        if self.teacher_problem(person, school, on) is None:
            return None
        return (
            f"{person} works neither at {school} nor in a central-office department: "
            "choose who really delivered it."
        )

    def problems(self, entry: LogEntry) -> dict[str, list[str]]:
        """Every problem of ``entry``, by field (empty when it may be saved)."""
        found: dict[str, list[str]] = defaultdict(list)
        if entry.support.district_id != self.district.pk or not entry.support.is_active:
            found["support"].append(f"{entry.support} is not a current support of the district.")
        date = self.date_problem(entry.delivered_on)
        if date:
            found["delivered_on"].append(date)
        if entry.minutes is None or entry.minutes <= 0:
            found["minutes"].append(f"Minutes must be a positive number (given: {entry.minutes}).")
        if not entry.teachers:
            found["teachers"].append("Choose at least one teacher who received it.")
        if not date:
            for teacher in entry.teachers:
                problem = self.teacher_problem(teacher, entry.school, entry.delivered_on)
                if problem:
                    found["teachers"].append(problem)
            if entry.delivered_by is not None:
                problem = self.deliverer_problem(
                    entry.delivered_by, entry.school, entry.delivered_on
                )
                if problem:
                    found["delivered_by"].append(problem)
        found.update(self._feedback_problems(entry))
        return dict(found)

    def _feedback_problems(self, entry: LogEntry) -> dict[str, list[str]]:
        given = entry.feedback_on
        if given is None:
            return {}
        if given < entry.delivered_on:
            return {"feedback_on": ["Feedback is given on or after the day of the observation."]}
        if given > self.today:
            return {"feedback_on": [f"{given:%Y-%m-%d} is in the future."]}
        return {}


def _check(district: District, entry: LogEntry) -> None:
    problems = LogRules.load(district, [entry.school.pk]).problems(entry)
    if entry.school.district_id != district.pk:
        problems["school"] = [f"{entry.school} is not a school of the district."]
    if problems:
        raise ValidationError(problems)


def _log_snapshot(log: DeliveryLog) -> dict:
    teachers = sorted(str(p) for p in log.teachers.all())
    return snapshot(log) | {"teachers": ", ".join(teachers)}


def _fill(log: DeliveryLog, entry: LogEntry) -> None:
    log.support, log.school = entry.support, entry.school
    log.delivered_on, log.minutes = entry.delivered_on, entry.minutes
    log.delivered_by, log.notes = entry.delivered_by, entry.notes.strip()
    log.feedback_on = entry.feedback_on


def log_create(
    *, actor, district: District, entry: LogEntry, source: str = DeliveryLog.Source.FORM
) -> DeliveryLog:
    """Record one delivery at a school with the teachers who received it. Refused with a
    ``ValidationError`` by field (nothing saved) when any check of ``LogRules`` fails."""
    _check(district, entry)
    log = DeliveryLog(district=district, source=source, created_by=actor)
    _fill(log, entry)
    with transaction.atomic():
        log.save()
        LogAttendee.objects.bulk_create(
            [LogAttendee(log=log, teacher=t) for t in dict.fromkeys(entry.teachers)]
        )
        audit_created(actor=actor, district=district, obj=log)
    return log


def log_update(*, actor, log: DeliveryLog, entry: LogEntry) -> DeliveryLog:
    """Correct a log (same checks as ``log_create``); the history keeps what it said."""
    _check(log.district, entry)
    with transaction.atomic():
        log = DeliveryLog.objects.select_for_update().get(pk=log.pk)
        before = _log_snapshot(log)
        _fill(log, entry)
        log.save()
        log.attendees.all().delete()
        LogAttendee.objects.bulk_create(
            [LogAttendee(log=log, teacher=t) for t in dict.fromkeys(entry.teachers)]
        )
        changes = changed_fields(before, _log_snapshot(log))
        if changes:
            audit_record(
                actor=actor, district=log.district, action="update", obj=log, changes=changes
            )
    return log


def log_delete(*, actor, log: DeliveryLog) -> None:
    """Remove a log entered in error; the history keeps what it said."""
    with transaction.atomic():
        before = _log_snapshot(log)
        audit_record(
            actor=actor,
            district=log.district,
            action="delete",
            obj=log,
            changes={k: [v, None] for k, v in before.items() if v not in (None, "")},
        )
        log.delete()


def teacher_group_create(
    *,
    actor,
    district: District,
    school: School,
    name: str,
    members: Iterable[Person],
    support: Support | None = None,
) -> TeacherGroup:
    """Name the usual members of a recurring delivery at a school (a grade team's PLC).
    Members are teachers on the school's roster today or later in the year."""
    members = list(members)
    problems = _group_problems(district, school, name.strip(), members)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        group = TeacherGroup.objects.create(
            district=district, school=school, support=support, name=name.strip()
        )
        group.members.set(members)
        audit_created(actor=actor, district=district, obj=group)
        audit_record(
            actor=actor,
            district=district,
            action="update",
            obj=group,
            changes={"members": [None, ", ".join(sorted(str(m) for m in members))]},
        )
    return group


def _group_problems(district, school, name: str, members: list[Person]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not name:
        problems["name"] = ["Give the group a name, e.g. 'Grade 3 team'."]
    elif TeacherGroup.objects.filter(school=school, name=name).exists():
        problems["name"] = [f"{school} already has a group named {name!r}."]
    rostered = set(
        TeacherAssignment.objects.filter(district=district, school=school).values_list(
            "teacher_id", flat=True
        )
    )
    strangers = [str(m) for m in members if m.pk not in rostered]
    if not members:
        problems["members"] = ["Choose at least one member."]
    elif strangers:
        problems["members"] = [f"Not on the roster of {school}: {', '.join(strangers)}."]
    return problems


def teacher_group_delete(*, actor, group: TeacherGroup) -> None:
    """Remove a teacher group (the logs it pre-filled keep their attendees)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            district=group.district,
            action="delete",
            obj=group,
            changes={"name": [group.name, None]},
        )
        group.delete()
