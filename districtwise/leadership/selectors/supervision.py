"""Reads of principal supervision: a supervisor's caseload, one principal's record, the
visit calendar of a month, visits per month per principal, a principal's own records.

Every selector takes the user and returns only what ``leadership.access`` lets them read.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, Prefetch, Q
from django.utils import timezone

from districtwise.leadership import access
from districtwise.leadership.models import VISIT_GAP_DAYS, GoalNote, GrowthGoal, SchoolVisit
from districtwise.organization.models import Network, Person, School

Status = SchoolVisit.Status


def school_year_of(on: dt.date) -> int:
    """The school year holding ``on``, named by the year it ends in (July to June)."""
    return on.year + 1 if on.month >= 7 else on.year


def school_year_start(year: int) -> dt.date:
    return dt.date(year - 1, 7, 1)


# ----- the caseload ----------------------------------------------------------------------
@dataclass
class CaseloadRow:
    """One principal of the caseload, at one school, with their supervision figures."""

    principal: Person
    school: School
    last_visit: dt.date | None
    next_visit: dt.date | None
    visits_this_year: int
    active_goals: int
    days_since_last: int | None

    @property
    def overdue(self) -> bool:
        """No completed visit yet, or the last one longer ago than the caseload allows."""
        return self.days_since_last is None or self.days_since_last > VISIT_GAP_DAYS


def caseload_networks(*, user, district):
    """The networks whose caseload the user may open: all for the cabinet, their own for a
    network lead."""
    networks = Network.objects.filter(district=district).order_by("name")
    scope_networks = access.supervised_schools(user, district).values("network_id")
    return networks.filter(pk__in=scope_networks)


def caseload_has_outside(*, user, district) -> bool:
    """Whether the user supervises schools that belong to no network (only the cabinet
    can: a network lead's schools are their networks')."""
    return access.supervised_schools(user, district).filter(network__isnull=True).exists()


def caseload(
    *, user, district, network=None, outside: bool = False, today: dt.date | None = None
) -> list[CaseloadRow]:
    """The principals the user supervises (of ``network`` only, if given; of the schools in
    no network, with ``outside``), each with the last completed visit, the next planned one,
    completed visits this school year, active growth goals and the days since the last
    completed visit. Four queries in all."""
    today = today or timezone.localdate()
    schools = access.supervised_schools(user, district)
    if outside:
        schools = schools.filter(network__isnull=True)
    elif network is not None:
        schools = schools.filter(network=network)
    memberships = (
        access.principal_memberships(district, schools=schools)
        .select_related("person", "school")
        .order_by("school__name", "person__family_name")
    )
    pairs = [(m.person, m.school) for m in memberships]
    ids = {p.pk for p, _ in pairs}
    year_start = school_year_start(school_year_of(today))
    done, planned = Q(status=Status.COMPLETED, visit_on__lte=today), Q(status=Status.PLANNED)
    figures: dict[int, dict[str, Any]] = {
        row["principal_id"]: dict(row)
        for row in SchoolVisit.objects.filter(district=district, principal_id__in=ids)
        .values("principal_id")
        .annotate(
            last=Max("visit_on", filter=done),
            next=Min("visit_on", filter=planned & Q(visit_on__gte=today)),
            this_year=Count("pk", filter=done & Q(visit_on__gte=year_start)),
        )
    }
    goals = dict(
        GrowthGoal.objects.filter(
            district=district, principal_id__in=ids, status=GrowthGoal.Status.ACTIVE
        )
        .values("principal_id")
        .annotate(n=Count("pk"))
        .values_list("principal_id", "n")
    )
    rows = []
    for person, school in pairs:
        found = figures.get(person.pk, {})
        last = found.get("last")
        rows.append(
            CaseloadRow(
                principal=person,
                school=school,
                last_visit=last,
                next_visit=found.get("next"),
                visits_this_year=found.get("this_year", 0),
                active_goals=goals.get(person.pk, 0),
                days_since_last=(today - last).days if last else None,
            )
        )
    return rows


# ----- visits per month per principal ----------------------------------------------------
def months_back(today: dt.date, count: int) -> list[dt.date]:
    """The first days of the last ``count`` months, oldest first, ending with this one."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def visits_per_month(
    *, user, district, principals: list[Person], months: list[dt.date]
) -> dict[int, list[int]]:
    """Completed visits per principal per month (``months``: first days, oldest first)."""
    if not months:
        return {}
    last = months[-1]
    end = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    counts: dict[tuple[int, int, int], int] = defaultdict(int)
    visits = access.visible_visits(user, district).filter(
        principal__in=[p.pk for p in principals],
        status=Status.COMPLETED,
        visit_on__gte=months[0],
        visit_on__lt=end,
    )
    for principal_id, on in visits.values_list("principal_id", "visit_on"):
        counts[(principal_id, on.year, on.month)] += 1
    return {p.pk: [counts[(p.pk, m.year, m.month)] for m in months] for p in principals}


# ----- one principal ---------------------------------------------------------------------
def goals_with_notes(goals):
    notes = GoalNote.objects.select_related("author").order_by("written_on", "pk")
    return goals.select_related("school").prefetch_related(Prefetch("notes", queryset=notes))


def principal_record(*, user, district, principal: Person) -> dict:
    """The visits and growth goals (with their notes) of ``principal`` the user may read."""
    visits = access.visible_visits(user, district).filter(principal=principal)
    goals = access.visible_goals(user, district).filter(principal=principal)
    return {
        "visits": list(visits.select_related("school", "supervisor")),
        "goals": list(goals_with_notes(goals)),
        "schools": list(
            School.objects.filter(
                pk__in=access.principal_memberships(district)
                .filter(person=principal)
                .values("school_id")
            )
        ),
    }


def supervised_school_of(*, user, district, principal: Person) -> School | None:
    """The school (first by name) that ``principal`` leads among those the user supervises."""
    led = access.principal_memberships(district).filter(person=principal).values("school_id")
    schools = access.supervised_schools(user, district).filter(pk__in=led)
    return schools.order_by("name").first()


def my_development(*, user, district) -> dict:
    """The user's own visits and growth goals, as the principal visited and set them."""
    from districtwise.core.access import person_ids

    mine = person_ids(user, district)
    visits = SchoolVisit.objects.filter(district=district, principal_id__in=mine)
    goals = GrowthGoal.objects.filter(district=district, principal_id__in=mine)
    visits = visits.exclude(status=Status.CANCELLED).select_related("school", "supervisor")
    return {
        "completed": [v for v in visits if v.status == Status.COMPLETED],
        "planned": sorted(
            (v for v in visits if v.status == Status.PLANNED), key=lambda v: v.visit_on
        ),
        "goals": list(goals_with_notes(goals)),
    }


# ----- the calendar ----------------------------------------------------------------------
@dataclass
class CalendarDay:
    day: dt.date
    in_month: bool
    visits: list[SchoolVisit] = field(default_factory=list)


@dataclass
class CalendarMonth:
    first: dt.date
    weeks: list[list[CalendarDay]]

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)

    @property
    def visits(self) -> list[SchoolVisit]:
        return [v for week in self.weeks for d in week if d.in_month for v in d.visits]


def month_weeks(year: int, month: int) -> list[list[CalendarDay]]:
    """The weeks (Monday to Sunday) that hold any day of the month; the days before the
    first and after the last belong to the months around it."""
    days = calendar.Calendar(firstweekday=calendar.MONDAY).itermonthdates(year, month)
    flat = [CalendarDay(day=d, in_month=d.month == month) for d in days]
    return [flat[i : i + 7] for i in range(0, len(flat), 7)]


def visit_calendar(*, user, district, year: int, month: int, network=None) -> CalendarMonth:
    """The planned and completed visits the user may read in one month, day by day."""
    weeks = month_weeks(year, month)
    first = dt.date(year, month, 1)
    last = weeks[-1][-1].day
    visits = access.visible_visits(user, district).filter(
        visit_on__gte=first, visit_on__lte=last, status__in=[Status.PLANNED, Status.COMPLETED]
    )
    if network is not None:
        visits = visits.filter(school__network=network)
    by_day: dict[dt.date, list[SchoolVisit]] = defaultdict(list)
    for visit in visits.select_related("school", "principal").order_by("visit_on", "school__name"):
        by_day[visit.visit_on].append(visit)
    for week in weeks:
        for day in week:
            if day.in_month:
                day.visits = by_day.get(day.day, [])
    return CalendarMonth(first=first, weeks=weeks)
