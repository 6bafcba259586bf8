"""Reads of the task audit and its redistribution, each limited to what the user may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.core.scopes import scope_for
from districtwise.organization.models import Department, Person, School
from districtwise.workload import access
from districtwise.workload.models import PrincipalTask, TaskDecision
from districtwise.workload.task_hours import Returned, TaskHours, hours_returned

BLANK_ROWS = 3


def starter_tasks(*, user, district) -> QuerySet[PrincipalTask]:
    """The district's starter list (every reader of principal workload sees it)."""
    return PrincipalTask.objects.filter(district=district, school__isnull=True).select_related(
        "requesting_department"
    )


def _visible_schools(user, district) -> QuerySet[School]:
    seen = access.visible_school_ids(scope_for(user, district))
    schools = School.objects.filter(district=district).select_related("network")
    return schools if seen is None else schools.filter(pk__in=seen)


def principals_of(school_ids: Iterable[int]) -> dict[int, list[Person]]:
    """The principals of each school (today's memberships)."""
    found: dict[int, list[Person]] = defaultdict(list)
    rows = Membership.objects.filter(role=Role.PRINCIPAL, school_id__in=list(school_ids))
    for m in rows.select_related("person").order_by("person__family_name"):
        found[m.school_id].append(m.person)  # type: ignore[index]
    return found


@dataclass(frozen=True)
class SchoolAudit:
    """A school's line in the list of audits."""

    school: School
    principals: list[Person]
    tasks: int
    hours: Returned


def school_audits(*, user, district) -> list[SchoolAudit]:
    """Each school the user sees, with its audited tasks and hours returned and planned."""
    schools = list(_visible_schools(user, district))
    principals = principals_of(s.pk for s in schools)
    by_school: dict[int, list[TaskHours]] = defaultdict(list)
    for task in _audited(district, [s.pk for s in schools]):
        by_school[task.school_id].append(_hours(task))  # type: ignore[index]
    return [
        SchoolAudit(
            s, principals.get(s.pk, []), len(by_school[s.pk]), hours_returned(by_school[s.pk])
        )
        for s in schools
    ]


def school_audit(*, user, school: School) -> SchoolAudit:
    """One school's line (the view has checked the school is the user's to see)."""
    hours = [_hours(task) for task in _audited(school.district, [school.pk])]
    return SchoolAudit(
        school, principals_of([school.pk])[school.pk], len(hours), hours_returned(hours)
    )


def _audited(district, school_ids: list[int]) -> QuerySet[PrincipalTask]:
    return PrincipalTask.objects.filter(district=district, school_id__in=school_ids).select_related(
        "decision"
    )


def _hours(task: PrincipalTask) -> TaskHours:
    decision = getattr(task, "decision", None)
    if decision is None:
        return TaskHours(task.hours_per_week)
    return TaskHours(task.hours_per_week, decision.decision, decision.status)


def school_tasks(*, user, school: School) -> QuerySet[PrincipalTask]:
    """A school's audited tasks with their decisions (the view has checked the school is
    the user's to see)."""
    return PrincipalTask.objects.filter(school=school).select_related(
        "decision", "decision__new_department", "decision__new_owner", "requesting_department"
    )


@dataclass(frozen=True)
class AuditLine:
    """A row of the fill-in page: a saved task, a starter task not yet taken, or blank."""

    task: PrincipalTask | None
    starter: PrincipalTask | None

    def initial(self) -> dict:
        source = self.task or self.starter
        if source is None:
            return {"keep": False, "requested_by": "school", "frequency": "weekly"}
        return {
            "keep": self.task is not None,
            "task_id": self.task.pk if self.task else None,
            "starter_id": self.task.starter_id if self.task else source.pk,
            **{f: getattr(source, f) for f in ("name", "category", "requested_by", "frequency")},
            "hours": source.hours,
            "hours_unit": source.hours_unit,
            "requesting_department": source.requesting_department_id,
        }


def audit_lines(*, user, district, school: School | None) -> list[AuditLine]:
    """The rows of a school's fill-in page: its saved tasks, then every starter task it has
    not taken (unticked, typical hours filled in), then blank rows for its own. For the
    starter list itself (``school=None``): its tasks and blank rows."""
    saved = list(PrincipalTask.objects.filter(district=district, school=school))
    lines = [AuditLine(task, None) for task in saved]
    if school is not None:
        taken = {t.starter_id for t in saved}
        starters = starter_tasks(user=user, district=district)
        lines += [AuditLine(None, s) for s in starters if s.pk not in taken]
    return lines + [AuditLine(None, None)] * BLANK_ROWS


# ---- what is coming off principals' plates ----


def _off_the_plate(district) -> QuerySet[TaskDecision]:
    return (
        TaskDecision.objects.filter(task__district=district, task__school__isnull=False)
        .exclude(decision=TaskDecision.Decision.KEEP)
        .select_related("task", "task__school", "new_department", "new_owner")
        .order_by("task__school__name", "task__name")
    )


def coming_off(
    *, user, district, department_id: int | None = None, owner_id: int | None = None
) -> QuerySet[TaskDecision]:
    """Every delegated, moved or eliminated task the user may see (their schools' tasks,
    and what is coming to them or their department), filtered by new department or owner."""
    scope = scope_for(user, district)
    decisions = _off_the_plate(district)
    seen = access.visible_school_ids(scope)
    if seen is not None:
        decisions = decisions.filter(_coming_to(scope) | Q(task__school_id__in=seen))
    if department_id is not None:
        decisions = decisions.filter(new_department_id=department_id)
    if owner_id is not None:
        decisions = decisions.filter(new_owner_id=owner_id)
    return decisions


def _coming_to(scope) -> Q:
    mine = Q(new_owner__user_id=scope.user_id)
    if Role.DEPARTMENT_LEAD in scope.roles:
        mine |= Q(new_department_id__in=scope.department_ids)
    return mine


def coming_to_me(*, user, district) -> QuerySet[TaskDecision]:
    """Tasks coming to the user: named as the new owner, or to a department they lead."""
    return _off_the_plate(district).filter(_coming_to(scope_for(user, district)))


def owner_choices(*, user, district) -> tuple[list[Department], list[Person]]:
    """The departments and people the filters of "coming off" offer: those owning a task."""
    decisions = coming_off(user=user, district=district)
    departments = Department.objects.filter(pk__in=decisions.values("new_department_id"))
    people = Person.objects.filter(pk__in=decisions.values("new_owner_id"))
    return list(departments), list(people)


# ---- hours returned ----


@dataclass(frozen=True)
class HoursLine:
    """Hours a week audited, returned (done) and planned (decided, not done) for one
    principal, school, network or the district."""

    label: str
    hours: Returned
    detail: str = ""


@dataclass(frozen=True)
class HoursReport:
    principals: list[HoursLine]
    schools: list[HoursLine]
    networks: list[HoursLine]
    district: HoursLine


def hours_returned_report(*, user, district) -> HoursReport:
    """Hours a week returned to principals, per principal and school (those the user sees),
    per network (of those schools) and for the district. Only done decisions count as
    returned; the rest of the decided ones are planned."""
    all_schools = list(School.objects.filter(district=district).select_related("network"))
    tasks: dict[int, list[TaskHours]] = defaultdict(list)
    for task in _audited(district, [s.pk for s in all_schools]):
        tasks[task.school_id].append(_hours(task))  # type: ignore[index]
    seen_ids = {s.pk for s in _visible_schools(user, district)}
    seen = [s for s in all_schools if s.pk in seen_ids and tasks[s.pk]]
    principals = principals_of(seen_ids)
    networks = sorted({s.network for s in seen if s.network}, key=lambda n: n.name)
    return HoursReport(
        principals=_by_principal(seen, principals, tasks),
        schools=[
            HoursLine(s.name, hours_returned(tasks[s.pk]), _names(principals[s.pk])) for s in seen
        ],
        networks=[
            HoursLine(
                n.name,
                hours_returned(t for s in all_schools if s.network_id == n.pk for t in tasks[s.pk]),
            )
            for n in networks
        ],
        district=HoursLine(district.name, hours_returned(t for ts in tasks.values() for t in ts)),
    )


def _names(people: list[Person]) -> str:
    return ", ".join(p.full_name for p in people) or "No principal on record"


def _by_principal(schools, principals, tasks) -> list[HoursLine]:
    mine: dict[int, list[TaskHours]] = defaultdict(list)
    where: dict[int, list[str]] = defaultdict(list)
    people: dict[int, Person] = {}
    for school in schools:
        for person in principals.get(school.pk, []):
            people[person.pk] = person
            mine[person.pk] += tasks[school.pk]
            where[person.pk].append(school.name)
    ordered = sorted(people.values(), key=lambda p: (p.family_name, p.given_name))
    return [
        HoursLine(p.full_name, hours_returned(mine[p.pk]), ", ".join(where[p.pk])) for p in ordered
    ]


def hours_bars(lines: list[HoursLine]) -> list[dict]:
    """Bars of hours returned for web/bar_chart.html (share of the longest bar)."""
    most = max((line.hours.returned for line in lines), default=Decimal(0))
    return [
        {
            "label": line.label,
            "value": line.hours.returned,
            "share": (line.hours.returned / most) if most else 0,
        }
        for line in lines
    ]
