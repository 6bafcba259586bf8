"""The demo district's principal task audits: a starter list of 25 tasks kept by the
cabinet, audits filled in from it by most schools (each a little different), and decisions
for many tasks, some done and some only proposed.

Planted, for the tests and the tour to find (``PLANTED``):
- the last network (by code) has moved most of its schools' compliance work to the central
  office (its data team and operations), and those moves are done; no other network has
  moved even half of its compliance hours;
- the last school (by code) of the first network carries every starter task at heavy
  hours: more than 55 hours a week, the longest audit of the district;
- the district's last school (by code) has not filled in its audit.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from districtwise.core.audit import audit_created
from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.organization.models import Department, District, Network, Person, School
from districtwise.workload.models import Category, PrincipalTask, TaskDecision
from districtwise.workload.task_hours import hours_per_week

PLANTED = {
    "compliance_moved_network": "the last network by code: most compliance hours moved, done",
    "long_week_school": "the last school by code of the first network: over 55 hours a week",
    "unaudited_school": "the district's last school by code: no audit",
}
LONG_WEEK_HOURS = Decimal(55)

C = Category
R = PrincipalTask.Requester
F = PrincipalTask.Frequency
# name, category, hours, unit, who asks, which department (code), how often
STARTER: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("Classroom visits with feedback", C.INSTRUCTIONAL, "5", "week", R.SCHOOL, "", F.WEEKLY),
    ("Formal observations for evaluation", C.INSTRUCTIONAL, "120", "year", R.LAW, "", F.TERMLY),
    ("Leading data and PLC meetings", C.INSTRUCTIONAL, "3", "week", R.SCHOOL, "", F.WEEKLY),
    ("Supporting first-year teachers", C.INSTRUCTIONAL, "2", "week", R.SCHOOL, "", F.WEEKLY),
    ("Instructional leadership team", C.INSTRUCTIONAL, "1.5", "week", R.SCHOOL, "", F.WEEKLY),
    ("Lunch and recess supervision", C.OPERATIONS, "5", "week", R.SCHOOL, "", F.DAILY),
    ("Arrival and dismissal duty", C.OPERATIONS, "3.5", "week", R.SCHOOL, "", F.DAILY),
    ("Work orders for the building", C.OPERATIONS, "1.5", "week", R.DEPARTMENT, "operations",
     F.WEEKLY),
    ("Bus problems and transport calls", C.OPERATIONS, "1.5", "week", R.DEPARTMENT, "operations",
     F.AS_NEEDED),
    ("Building the master schedule", C.OPERATIONS, "60", "year", R.SCHOOL, "", F.YEARLY),
    ("Finding cover for absent staff", C.HR, "2", "week", R.SCHOOL, "", F.DAILY),
    ("Hiring: screening and interviews", C.HR, "60", "year", R.DEPARTMENT, "human-resources",
     F.YEARLY),
    ("Evaluation write-ups and conferences", C.HR, "40", "year", R.STATE, "", F.YEARLY),
    ("Attendance reports and follow-up", C.COMPLIANCE, "1.5", "week", R.STATE,
     "data-and-assessment", F.WEEKLY),
    ("State test coordination", C.COMPLIANCE, "60", "year", R.STATE, "data-and-assessment",
     F.YEARLY),
    ("Special education meetings and forms", C.COMPLIANCE, "3", "week", R.LAW, "", F.WEEKLY),
    ("Safety drills and their reports", C.COMPLIANCE, "20", "year", R.LAW, "operations",
     F.MONTHLY),
    ("Answering central-office data requests", C.COMPLIANCE, "1.5", "week", R.DEPARTMENT,
     "data-and-assessment", F.MONTHLY),
    ("Grant and Title I documentation", C.COMPLIANCE, "40", "year", R.LAW, "", F.TERMLY),
    ("Enrolment and student records", C.COMPLIANCE, "1", "week", R.STATE, "data-and-assessment",
     F.WEEKLY),
    ("Behaviour incidents and hearings", C.STUDENT_SERVICES, "4", "week", R.SCHOOL, "", F.DAILY),
    ("Counselling and crisis referrals", C.STUDENT_SERVICES, "1.5", "week", R.SCHOOL, "",
     F.AS_NEEDED),
    ("Calls and meetings with families", C.FAMILY, "3", "week", R.SCHOOL, "", F.DAILY),
    ("Family evenings and the parents' association", C.FAMILY, "40", "year", R.SCHOOL, "",
     F.TERMLY),
    ("School budget and purchasing", C.BUDGET, "80", "year", R.DEPARTMENT, "operations",
     F.MONTHLY),
)  # fmt: skip
# Where a task moved to the central office goes, by category.
DEPARTMENT_FOR = {
    C.INSTRUCTIONAL: "teaching-and-learning",
    C.OPERATIONS: "operations",
    C.COMPLIANCE: "data-and-assessment",
    C.FAMILY: "family-engagement",
    C.STUDENT_SERVICES: "teaching-and-learning",
    C.HR: "human-resources",
    C.BUDGET: "operations",
}
# Kept with the principal in the planted network: the law wants them at the meeting.
STAYS = "Special education meetings and forms"
STARTS = dt.date(2026, 1, 5)


def workload_tasks_build(*, district: District, seed: int = 7) -> dict[str, str]:
    """Write the starter list, the audits and their decisions; return the planted facts
    by name (network and schools)."""
    rng = random.Random(seed)
    departments = {d.code: d for d in Department.objects.filter(district=district)}
    starters = [_starter(district, departments, i, row) for i, row in enumerate(STARTER)]
    networks = list(Network.objects.filter(district=district).order_by("code"))
    schools = list(School.objects.filter(district=district).order_by("code"))
    moved_network, long_school, unaudited = _planted(networks, schools)
    for school in schools:
        if school == unaudited:
            continue
        heavy = school == long_school
        tasks = _audit(district, school, starters, rng, heavy=heavy)
        if school.network_id == moved_network.pk:
            _move_compliance(district, school, tasks, departments)
        else:
            _some_decisions(district, school, tasks, departments, rng)
    return {
        "compliance_moved_network": moved_network.name,
        "long_week_school": long_school.name,
        "unaudited_school": unaudited.name,
    }


def _planted(networks, schools) -> tuple[Network, School, School]:
    first = [s for s in schools if s.network_id == networks[0].pk]
    return networks[-1], first[-1], schools[-1]


def _starter(district, departments, position: int, row) -> PrincipalTask:
    name, category, hours, unit, requester, department, frequency = row
    task = PrincipalTask.objects.create(
        district=district,
        school=None,
        name=name,
        category=category,
        hours=Decimal(hours),
        hours_unit=unit,
        hours_per_week=hours_per_week(Decimal(hours), unit),
        requested_by=requester,
        requesting_department=departments.get(department),
        frequency=frequency,
        position=position,
    )
    audit_created(actor=None, district=district, obj=task)
    return task


def _audit(district, school, starters, rng, *, heavy: bool) -> list[PrincipalTask]:
    """The school's audit: most starter tasks at their own hours (every one, heavier, for
    the planted long week), and now and then a task of its own."""
    made: list[PrincipalTask] = []
    for starter in starters:
        if not heavy and rng.random() < 0.2:
            continue
        scale = Decimal("1.2") if heavy else Decimal(str(rng.choice([0.8, 0.9, 1, 1, 1.1, 1.2])))
        made.append(_copy(district, school, starter, scale, len(made)))
    if not heavy and rng.random() < 0.5:
        own = PrincipalTask(
            district=district, school=school, name="Community partner meetings",
            category=C.FAMILY, hours=Decimal(1), hours_unit="week", hours_per_week=Decimal(1),
            frequency=F.WEEKLY, position=len(made),
        )  # fmt: skip
        own.save()
        audit_created(actor=None, district=district, obj=own)
        made.append(own)
    return made


def _copy(district, school, starter: PrincipalTask, scale: Decimal, position: int):
    hours = (starter.hours * scale).quantize(Decimal("0.5"), rounding=ROUND_HALF_UP)
    task = PrincipalTask.objects.create(
        district=district,
        school=school,
        starter=starter,
        name=starter.name,
        category=starter.category,
        hours=hours,
        hours_unit=starter.hours_unit,
        hours_per_week=hours_per_week(hours, starter.hours_unit),
        requested_by=starter.requested_by,
        requesting_department=starter.requesting_department,
        frequency=starter.frequency,
        position=position,
    )
    audit_created(actor=None, district=district, obj=task)
    return task


def _owner_in(department: Department | None) -> Person | None:
    if department is None:
        return None
    return Person.objects.filter(department=department, school__isnull=True).order_by("pk").first()


def _delegate_to(school: School) -> Person | None:
    aps = Membership.objects.filter(school=school, role=Role.ASSISTANT_PRINCIPAL)
    ap = aps.select_related("person").first()
    if ap is not None:
        return ap.person
    leads = Membership.objects.filter(school=school, role=Role.PRINCIPAL).values("person_id")
    return school.staff.exclude(pk__in=leads).order_by("pk").first()


def _decide(district, task, decision: str, status: str, departments, school) -> None:
    department = owner = None
    if decision == TaskDecision.Decision.CENTRAL:
        department = departments.get(DEPARTMENT_FOR[task.category])
        if department is None:
            return
        owner = _owner_in(department)
    elif decision == TaskDecision.Decision.DELEGATE:
        owner = _delegate_to(school)
        if owner is None:
            return
    record = TaskDecision.objects.create(
        task=task, decision=decision, new_department=department, new_owner=owner,
        starts_on=None if decision == "keep" else STARTS, status=status,
    )  # fmt: skip
    audit_created(actor=None, district=district, obj=record)


def _move_compliance(district, school, tasks, departments) -> None:
    for task in tasks:
        if task.category == C.COMPLIANCE and task.name != STAYS:
            _decide(district, task, "central", "done", departments, school)


DECISIONS = ["keep", "keep", "delegate", "central", "central", "eliminate"]
STATUSES = ["proposed", "proposed", "agreed", "in_progress", "done", "done"]


def _some_decisions(district, school, tasks, departments, rng) -> None:
    """About a third of the tasks decided, in every state; compliance rarely moved."""
    for task in tasks:
        if rng.random() > 0.35:
            continue
        decision = rng.choice(DECISIONS)
        if task.category == C.COMPLIANCE and decision == "central" and rng.random() < 0.8:
            decision = "keep"
        _decide(district, task, decision, rng.choice(STATUSES), departments, school)
