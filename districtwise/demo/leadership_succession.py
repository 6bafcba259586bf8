"""The demo district's succession plan and teacher-leader roles.

- A key position for every school's principal and assistant principals (held by the
  demo's school leaders) and for the lead of every central-office department;
- candidates drawn from the demo's staff: a school's assistant principals and coach for
  its principal post, its teachers for its assistant principal posts, and senior staff
  of other departments for a department lead's post, with development plans;
- teacher-leader roles at every school: its coach, and a few teachers as department
  chairs, PLC facilitators, mentors and improvement-team members;
- the Human Resources department marked as human resources, so its members read the plan.

Planted, for the tests and the tour to find (``PLANTED``): the principal post of the
first school of the first network (the demo principal's own school, by school code) is AT
RISK: its principal is eligible to retire and likely to leave within the year, and
nobody on its bench is ready now.

Dates count back from the day of the build; deterministic from the seed and that day.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.leadership.models import (
    Candidate,
    KeyPosition,
    PositionKind,
    TeacherLeaderRole,
)
from districtwise.organization.models import Department, District, Person, School, SchoolYear

HR_CODE = "human-resources"
PLANTED = {
    "at_risk_kind": PositionKind.PRINCIPAL,
    "at_risk_reason": "retirement_eligible",
    "at_risk_within_days": 365,
    "hr_department": HR_CODE,
}
PLANS = (
    "Leads the school's data team for a year, then an acting assignment in the summer.",
    "Shadows a principal of the network one day a month and takes the leadership course.",
    "Coaches two new teachers and leads a cycle of the improvement team.",
    "Runs the master schedule with the principal and presents the budget to the council.",
    "Takes a central-office project on attendance and reports to the cabinet.",
)
STEPS = ("Meet the network lead", "Finish the leadership course", "Lead a staff meeting")
READINESS = ["ready_now"] * 2 + ["one_to_two_years"] * 3 + ["developing"] * 3


def _leaders(district: District) -> dict[str, dict[int | None, list[Person]]]:
    """School leaders by role and school; department leads by department."""
    found: dict[str, dict[int | None, list[Person]]] = defaultdict(lambda: defaultdict(list))
    rows = Membership.objects.filter(district=district).select_related("person")
    rows = rows.filter(role__in=[Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL, Role.TEACHER_LEADER])
    for m in rows.exclude(school=None).order_by("school__code", "person__staff_id", "pk"):
        found[m.role][m.school_id].append(m.person)
    leads = Membership.objects.filter(district=district, role=Role.DEPARTMENT_LEAD)
    for m in leads.exclude(department=None).select_related("person").order_by("department__code"):
        found[Role.DEPARTMENT_LEAD][m.department_id].append(m.person)
    return found


def _teachers(district: District) -> dict[int | None, list[Person]]:
    by_school: dict[int | None, list[Person]] = defaultdict(list)
    teachers = Person.objects.filter(district=district, title="Teacher").exclude(school=None)
    for person in teachers.order_by("school_id", "staff_id", "pk"):
        by_school[person.school_id].append(person)
    return by_school


def _position(district, rng, today, *, kind, title, holder, school=None, department=None):
    since = today - dt.timedelta(days=rng.randint(200, 16 * 365))
    reason, likelihood, leaves = "none_known", rng.choice(["unlikely"] * 3 + ["possible"]), None
    roll = rng.random()
    if roll < 0.12:
        reason, likelihood = "retirement_eligible", rng.choice(["possible", "likely"])
        leaves = today + dt.timedelta(days=rng.randint(120, 1200))
    elif roll < 0.18:
        reason, likelihood = "announced_move", "likely"
        leaves = today + dt.timedelta(days=rng.randint(60, 300))
    return KeyPosition(
        district=district,
        kind=kind,
        title=title,
        school=school,
        department=department,
        incumbent=holder,
        incumbent_since=since,
        expected_departure=leaves,
        departure_reason=reason,
        departure_likelihood=likelihood,
    )


def _positions(district, leaders, rng, today) -> list[KeyPosition]:
    schools = {s.pk: s for s in School.objects.filter(district=district)}
    departments = {d.pk: d for d in Department.objects.filter(district=district)}
    positions = []
    for school_id, people in leaders[Role.PRINCIPAL].items():
        school = schools[school_id]
        positions.append(
            _position(
                district,
                rng,
                today,
                kind=PositionKind.PRINCIPAL,
                school=school,
                title=f"Principal, {school.name}",
                holder=people[0],
            )
        )
    for school_id, people in leaders[Role.ASSISTANT_PRINCIPAL].items():
        school = schools[school_id]
        for n, holder in enumerate(people, start=1):
            positions.append(
                _position(
                    district,
                    rng,
                    today,
                    kind=PositionKind.ASSISTANT_PRINCIPAL,
                    school=school,
                    title=f"Assistant principal {n}, {school.name}",
                    holder=holder,
                )
            )
    for department_id, people in leaders[Role.DEPARTMENT_LEAD].items():
        department = departments[department_id]
        positions.append(
            _position(
                district,
                rng,
                today,
                kind=PositionKind.CENTRAL_OFFICE_LEAD,
                department=department,
                title=f"Head of {department.name}",
                holder=people[0],
            )
        )
    return KeyPosition.objects.bulk_create(positions)


def _pool(position: KeyPosition, leaders, teachers, central: list[Person]) -> list[Person]:
    """Who could be readied for the post: nearest first."""
    if position.kind == PositionKind.PRINCIPAL:
        school = position.school_id
        near = leaders[Role.ASSISTANT_PRINCIPAL].get(school, [])
        return near + leaders[Role.TEACHER_LEADER].get(school, []) + teachers.get(school, [])[:3]
    if position.kind == PositionKind.ASSISTANT_PRINCIPAL:
        school = position.school_id
        return leaders[Role.TEACHER_LEADER].get(school, []) + teachers.get(school, [])[:6]
    return [p for p in central if p.department_id != position.department_id]


def _candidates(positions, leaders, teachers, rng, today, planted: KeyPosition | None):
    central = list(
        Person.objects.filter(district=positions[0].district, school=None)
        .exclude(department=None)
        .order_by("staff_id", "pk")[:40]
    )
    candidates = []
    for position in positions:
        pool = [
            p for p in _pool(position, leaders, teachers, central) if p.pk != position.incumbent_id
        ]
        wanted = 2 if position is planted else rng.randint(0, 3)  # a bench, none ready
        chosen = rng.sample(pool, min(len(pool), wanted))
        for person in chosen:
            readiness = rng.choice(READINESS)
            if position is planted:
                readiness = "one_to_two_years" if readiness == "ready_now" else readiness
            candidates.append(
                Candidate(
                    position=position,
                    person=person,
                    readiness=readiness,
                    development_plan=rng.choice(PLANS),
                    next_step=rng.choice(STEPS),
                    next_step_on=today + dt.timedelta(days=rng.randint(14, 200)),
                )
            )
    Candidate.objects.bulk_create(candidates)


def _first_principal_post(positions: list[KeyPosition]) -> KeyPosition | None:
    principals = [p for p in positions if p.kind == PositionKind.PRINCIPAL]
    if not principals:
        return None
    return min(
        principals,
        key=lambda p: (p.school.network_id or 0, p.school.code) if p.school else (0, ""),
    )


def planted_position(district: District) -> KeyPosition | None:
    """The planted at-risk position of a built demo district (see ``PLANTED``)."""
    positions = KeyPosition.objects.filter(district=district).select_related("school")
    return _first_principal_post(list(positions))


def _plant(positions: list[KeyPosition], leaders, today: dt.date) -> KeyPosition | None:
    """The first school's principal post, retiring within the year with nobody ready."""
    planted = _first_principal_post(positions)
    if planted is None:
        return None
    planted.departure_reason = "retirement_eligible"
    planted.departure_likelihood = "likely"
    planted.expected_departure = today + dt.timedelta(days=200)
    planted.incumbent_since = today - dt.timedelta(days=11 * 365)
    planted.save()
    return planted


def _teacher_leader_roles(district, leaders, teachers, rng, year: int) -> None:
    roles = []
    kinds = ["department_chair", "plc_facilitator", "mentor", "improvement_team"]
    for school_id, coaches in leaders[Role.TEACHER_LEADER].items():
        for coach in coaches:
            roles.append((school_id, coach, "coach", Decimal(rng.choice([20, 25, 30]))))
    for school_id, people in teachers.items():
        for person, kind in zip(people[:4], kinds, strict=False):
            roles.append((school_id, person, kind, Decimal(rng.choice([2, 3, 4, "2.5"]))))
    TeacherLeaderRole.objects.bulk_create(
        TeacherLeaderRole(
            district=district,
            school_id=school_id,
            person=person,
            kind=kind,
            hours_per_week=hours,
            school_year=year,
            started_on=dt.date(year - 1, 8, 15),
        )
        for school_id, person, kind, hours in roles
    )


def succession_build(*, district: District, seed: int, today: dt.date | None = None) -> None:
    """Build the demo's succession plan and teacher-leader roles (see the module's note)."""
    rng = random.Random(seed * 37 + 9)
    today = today or timezone.localdate()
    Department.objects.filter(district=district, code=HR_CODE).update(is_human_resources=True)
    leaders = _leaders(district)
    teachers = _teachers(district)
    positions = _positions(district, leaders, rng, today)
    if not positions:
        return
    positions = list(
        KeyPosition.objects.filter(district=district).select_related("school").order_by("pk")
    )
    planted = _plant(positions, leaders, today)
    _candidates(positions, leaders, teachers, rng, today, planted)
    current = SchoolYear.objects.filter(district=district, is_current=True).first()
    year = current.year if current else today.year + (today.month >= 7)
    _teacher_leader_roles(district, leaders, teachers, rng, year)


def succession_remove(district: District) -> None:
    """Remove the district's succession data: positions protect schools and departments,
    candidacies and teacher-leader roles protect people and schools."""
    Candidate.objects.filter(position__district=district).delete()
    KeyPosition.objects.filter(district=district).delete()
    TeacherLeaderRole.objects.filter(Q(district=district) | Q(school__district=district)).delete()
