"""Hand edits of the teaching roster by a school's leaders: a mid-year hire, a teacher of
another school who also teaches here, a subject or grade span, the last day of an
assignment. Assignments from the district's files are refreshed by every import
(``roster.roster_refresh``) and are never deleted by hand; they may be ended."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.organization.models import GRADES, District, Person, School, SchoolYear
from districtwise.supports.models import TeacherAssignment


def _school_year_of(district: District, on: dt.date) -> SchoolYear | None:
    return SchoolYear.objects.filter(district=district, starts_on__lte=on, ends_on__gte=on).first()


def _grade_problems(low: str, high: str) -> dict[str, list[str]]:
    if low and high and GRADES.index(low) > GRADES.index(high):
        return {"grade_high": [f"The grade span runs from {low} up, not down to {high}."]}
    return {}


def teacher_hire(
    *,
    actor,
    district: District,
    school: School,
    starts_on: dt.date,
    person: Person | None = None,
    given_name: str = "",
    family_name: str = "",
    staff_id: str = "",
    years_experience: int = 0,
    subject: str = "",
    grade_low: str = "",
    grade_high: str = "",
) -> TeacherAssignment:
    """Put a teacher on the school's roster from ``starts_on``: a teacher already in the
    district (a second school) or a new person (a mid-year hire)."""
    problems = _grade_problems(grade_low, grade_high)
    year = _school_year_of(district, starts_on)
    if year is None:
        problems["starts_on"] = [f"{starts_on:%Y-%m-%d} falls in no school year of the district."]
    if person is None:
        problems |= _new_person_problems(district, given_name, family_name, staff_id)
    elif year and _already_here(person, school, year.year, starts_on):
        problems["existing"] = [f"{person} is already on the roster of {school} on that day."]
    if problems:
        raise ValidationError(problems)
    assert year is not None
    with transaction.atomic():
        if person is None:
            person = Person.objects.create(
                district=district,
                given_name=given_name.strip(),
                family_name=family_name.strip(),
                staff_id=staff_id.strip(),
                title="Teacher",
                school=school,
            )
            audit_created(actor=actor, district=district, obj=person)
        assignment = TeacherAssignment.objects.create(
            district=district,
            teacher=person,
            school=school,
            school_year=year.year,
            starts_on=starts_on,
            years_experience=years_experience,
            subject=subject.strip(),
            grade_low=grade_low,
            grade_high=grade_high,
            source=TeacherAssignment.Source.ENTERED,
        )
        audit_created(actor=actor, district=district, obj=assignment)
    return assignment


def _new_person_problems(district, given: str, family: str, staff_id: str) -> dict:
    problems: dict[str, list[str]] = {}
    if not given.strip():
        problems["given_name"] = ["Give the new teacher's given name (or choose a teacher)."]
    if not family.strip():
        problems["family_name"] = ["Give the new teacher's family name."]
    taken = Person.objects.filter(district=district, staff_id=staff_id.strip())
    if staff_id.strip() and taken.exists():
        problems["staff_id"] = [
            f"{taken.get()} already has staff id {staff_id.strip()}: choose them above instead."
        ]
    return problems


def _already_here(person: Person, school: School, year: int, on: dt.date) -> bool:
    rows = TeacherAssignment.objects.filter(teacher=person, school=school, school_year=year)
    return any(r.starts_on <= on and (r.ends_on is None or on <= r.ends_on) for r in rows) or (
        rows.filter(starts_on=on).exists()
    )


def assignment_update(
    *,
    actor,
    assignment: TeacherAssignment,
    subject: str = "",
    grade_low: str = "",
    grade_high: str = "",
    ends_on: dt.date | None = None,
) -> TeacherAssignment:
    """Set a roster row's subject and grade span, or end it on a day (the teacher left or
    moved); the history keeps what it said."""
    problems = _grade_problems(grade_low, grade_high)
    if ends_on is not None and ends_on < assignment.starts_on:
        problems["ends_on"] = [
            f"The last day comes on or after the first ({assignment.starts_on:%Y-%m-%d})."
        ]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        row = TeacherAssignment.objects.select_for_update().get(pk=assignment.pk)
        before = snapshot(row)
        row.subject, row.grade_low, row.grade_high = subject.strip(), grade_low, grade_high
        row.ends_on = ends_on
        changes = changed_fields(before, snapshot(row))
        if changes:
            row.save()
            audit_record(
                actor=actor, district=row.district, action="update", obj=row, changes=changes
            )
    return row
