"""Writes of succession plans and teacher-leader roles: key positions, candidates (added,
changed, removed), and the roles teacher leaders hold at schools.

Every change is one transaction with an audit-history row. A change the rules refuse
raises a ``ValidationError`` naming the field and saying what is wrong; nothing is saved.
Who may make each change is checked by ``leadership.access`` before a service is called.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.leadership.models import (
    SCHOOL_POSITION_KINDS,
    Candidate,
    KeyPosition,
    PositionKind,
    TeacherLeaderRole,
)
from districtwise.organization.models import Department, Person, School

ELSEWHERE = "{name} works in another district: choose someone of this district."


def _audit_update(actor, district, obj, before: dict) -> None:
    changes = changed_fields(before, snapshot(obj))
    if changes:
        audit_record(actor=actor, district=district, action="update", obj=obj, changes=changes)


# ----- key positions ---------------------------------------------------------------------
def _is_candidate(position: KeyPosition | None, person: Person | None) -> bool:
    if position is None or person is None:
        return False
    return position.candidates.filter(person=person).exists()


def _check_position(district, *, position: KeyPosition | None, values: dict) -> None:
    errors: dict[str, str] = {}
    kind, school, department = values["kind"], values["school"], values["department"]
    incumbent = values["incumbent"]
    if not values["title"].strip():
        errors["title"] = "Name the position, e.g. 'Principal, North One Elementary'."
    if school is not None and school.district_id != district.pk:
        errors["school"] = f"{school.name} is a school of another district."
    elif kind in SCHOOL_POSITION_KINDS and school is None:
        errors["school"] = "Choose the school of this principal or assistant principal post."
    if department is not None and department.district_id != district.pk:
        errors["department"] = f"{department.name} is a department of another district."
    elif kind == PositionKind.CENTRAL_OFFICE_LEAD and department is None:
        errors["department"] = "Choose the department this central-office lead leads."
    if incumbent is not None and incumbent.district_id != district.pk:
        errors["incumbent"] = ELSEWHERE.format(name=incumbent.full_name)
    elif _is_candidate(position, incumbent):
        errors["incumbent"] = (
            f"{incumbent.full_name} is a candidate for this position: remove the "
            "candidacy before naming them the incumbent."
        )
    since, leaves = values["incumbent_since"], values["expected_departure"]
    if since and leaves and leaves < since:
        errors["expected_departure"] = (
            f"The expected departure ({leaves:%Y-%m-%d}) is before the incumbent took the post "
            f"({since:%Y-%m-%d}): correct one of the two dates."
        )
    if errors:
        raise ValidationError(errors)


def _position_values(values: dict) -> dict:
    values = dict(values)
    values["title"] = values["title"].strip()
    if values["kind"] == PositionKind.CENTRAL_OFFICE_LEAD:
        values["school"] = None
    else:
        values["department"] = None
    if values["incumbent"] is None:  # vacant: nobody to date or to expect to leave
        values["incumbent_since"] = values["expected_departure"] = None
    return values


@transaction.atomic
def position_create(
    *,
    actor,
    district,
    kind: str,
    title: str,
    school: School | None = None,
    department: Department | None = None,
    incumbent: Person | None = None,
    incumbent_since: dt.date | None = None,
    expected_departure: dt.date | None = None,
    departure_reason: str = "none_known",
    departure_likelihood: str = "unlikely",
) -> KeyPosition:
    """Add a key position (vacant when ``incumbent`` is None)."""
    values = {
        "kind": kind,
        "title": title,
        "school": school,
        "department": department,
        "incumbent": incumbent,
        "incumbent_since": incumbent_since,
        "expected_departure": expected_departure,
        "departure_reason": departure_reason,
        "departure_likelihood": departure_likelihood,
    }
    _check_position(district, position=None, values=values)
    position = KeyPosition.objects.create(district=district, **_position_values(values))
    audit_created(actor=actor, district=district, obj=position)
    return position


@transaction.atomic
def position_update(*, actor, position: KeyPosition, **values) -> KeyPosition:
    """Change a key position: its post, incumbent and expected departure (the same
    arguments as ``position_create``)."""
    values = {
        "kind": position.kind,
        "school": position.school,
        "department": position.department,
        "incumbent": position.incumbent,
        "incumbent_since": position.incumbent_since,
        "expected_departure": position.expected_departure,
        "departure_reason": position.departure_reason,
        "departure_likelihood": position.departure_likelihood,
        "title": position.title,
    } | values
    _check_position(position.district, position=position, values=values)
    before = snapshot(position)
    for name, value in _position_values(values).items():
        setattr(position, name, value)
    position.save()
    _audit_update(actor, position.district, position, before)
    return position


# ----- candidates ------------------------------------------------------------------------
def _check_candidate(position: KeyPosition, person: Person, *, other_than=None) -> None:
    if person.district_id != position.district_id:
        raise ValidationError({"person": ELSEWHERE.format(name=person.full_name)})
    if person.pk == position.incumbent_id:
        raise ValidationError(
            {"person": f"{person.full_name} holds this position now: a candidate is someone "
             "who could take it over."}
        )  # fmt: skip
    twice = position.candidates.filter(person=person).exclude(pk=other_than)
    if twice.exists():
        raise ValidationError(
            {"person": f"{person.full_name} is already a candidate for this position."}
        )


def _check_step(next_step: str, next_step_on: dt.date | None) -> None:
    if next_step_on and not next_step.strip():
        raise ValidationError({"next_step": "Say what the next development step is."})


@transaction.atomic
def candidate_add(
    *,
    actor,
    position: KeyPosition,
    person: Person,
    readiness: str,
    development_plan: str = "",
    next_step: str = "",
    next_step_on: dt.date | None = None,
    nominated_by: Person | None = None,
    notes: str = "",
) -> Candidate:
    """Name ``person`` a candidate for ``position``, with their readiness and plan."""
    _check_candidate(position, person)
    _check_step(next_step, next_step_on)
    candidate = Candidate.objects.create(
        position=position,
        person=person,
        readiness=readiness,
        development_plan=development_plan.strip(),
        next_step=next_step.strip(),
        next_step_on=next_step_on,
        nominated_by=nominated_by,
        notes=notes.strip(),
    )
    audit_created(actor=actor, district=position.district, obj=candidate)
    return candidate


@transaction.atomic
def candidate_update(
    *,
    actor,
    candidate: Candidate,
    readiness: str,
    development_plan: str = "",
    next_step: str = "",
    next_step_on: dt.date | None = None,
    notes: str = "",
) -> Candidate:
    """Change a candidate's readiness, development plan, next step and notes."""
    _check_step(next_step, next_step_on)
    before = snapshot(candidate)
    candidate.readiness = readiness
    candidate.development_plan = development_plan.strip()
    candidate.next_step, candidate.next_step_on = next_step.strip(), next_step_on
    candidate.notes = notes.strip()
    candidate.save()
    _audit_update(actor, candidate.position.district, candidate, before)
    return candidate


@transaction.atomic
def candidate_remove(*, actor, candidate: Candidate) -> None:
    """Take a candidate off a position's bench (the history keeps who and when)."""
    district = candidate.position.district
    audit_record(
        actor=actor,
        district=district,
        action="delete",
        obj=candidate,
        changes={k: [v, None] for k, v in snapshot(candidate).items() if v not in (None, "")},
    )
    candidate.delete()


# ----- teacher-leader roles --------------------------------------------------------------
def _check_role(district, *, school: School, person: Person, hours, school_year: int) -> None:
    errors: dict[str, str] = {}
    if school.district_id != district.pk:
        errors["school"] = f"{school.name} is a school of another district."
    if person.district_id != district.pk:
        errors["person"] = ELSEWHERE.format(name=person.full_name)
    if hours is None or not Decimal(0) <= Decimal(hours) <= Decimal(40):
        errors["hours_per_week"] = "Give the hours a week the role takes, from 0 to 40."
    if not 2000 <= school_year <= 2100:
        errors["school_year"] = "Give the school year by the year it ends, e.g. 2026 for 2025-26."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def teacher_leader_role_create(
    *,
    actor,
    district,
    school: School,
    person: Person,
    kind: str,
    hours_per_week: Decimal,
    school_year: int,
    started_on: dt.date | None = None,
) -> TeacherLeaderRole:
    """Record a teacher-leader role held at a school in a school year."""
    _check_role(
        district, school=school, person=person, hours=hours_per_week, school_year=school_year
    )
    role = TeacherLeaderRole.objects.create(
        district=district,
        school=school,
        person=person,
        kind=kind,
        hours_per_week=hours_per_week,
        school_year=school_year,
        started_on=started_on,
    )
    audit_created(actor=actor, district=district, obj=role)
    return role


@transaction.atomic
def teacher_leader_role_update(
    *,
    actor,
    role: TeacherLeaderRole,
    school: School,
    person: Person,
    kind: str,
    hours_per_week: Decimal,
    school_year: int,
    started_on: dt.date | None = None,
) -> TeacherLeaderRole:
    """Change a teacher-leader role."""
    district = role.district
    _check_role(
        district, school=school, person=person, hours=hours_per_week, school_year=school_year
    )
    before = snapshot(role)
    role.school, role.person, role.kind = school, person, kind
    role.hours_per_week, role.school_year, role.started_on = hours_per_week, school_year, started_on
    role.save()
    _audit_update(actor, district, role, before)
    return role
