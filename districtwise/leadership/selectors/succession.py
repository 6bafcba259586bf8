"""Reads of succession plans and teacher-leader roles. Each takes the user and returns
only what they may see (``leadership.access``); bench figures come from
``analytics.leadership.bench`` and the pipeline's from ``analytics.leadership.pipeline``."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from districtwise.analytics.leadership.bench import (
    Bench,
    NetworkBench,
    PositionFacts,
    bench_by_network,
    bench_of,
)
from districtwise.analytics.leadership.pipeline import GROUPS, pipeline_shares, profile_counts
from districtwise.leadership import access
from districtwise.leadership.models import Candidate, KeyPosition, TeacherLeaderKind
from districtwise.organization.models import Person


@dataclass(frozen=True)
class PositionRow:
    position: KeyPosition
    years_in_role: float | None
    bench: Bench


def _facts(position: KeyPosition, readiness: list[str]) -> PositionFacts:
    network = position.school.network if position.school_id and position.school else None
    return PositionFacts(
        key=position.pk,
        network=network.name if network else None,
        vacant=position.incumbent_id is None,
        expected_departure=position.expected_departure,
        departure_reason=position.departure_reason,
        departure_likelihood=position.departure_likelihood,
        readiness=tuple(readiness),
    )


def _readiness_by_position(positions: QuerySet[KeyPosition]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    rows = Candidate.objects.filter(position__in=positions.values("pk"))
    for position_id, readiness in rows.values_list("position_id", "readiness"):
        found[position_id].append(readiness)
    return found


def position_rows(
    *,
    user,
    district,
    today: dt.date,
    kind: str = "",
    network_id: int | None = None,
    at_risk: bool | None = None,
) -> list[PositionRow]:
    """The positions the user reads, each with the incumbent's years in role and its
    bench, filtered by kind, network (0: central office) and risk; at-risk ones first."""
    positions = access.visible_positions(user, district)
    if kind:
        positions = positions.filter(kind=kind)
    if network_id == 0:
        positions = positions.filter(school__isnull=True)
    elif network_id:
        positions = positions.filter(school__network_id=network_id)
    readiness = _readiness_by_position(positions)
    rows = [
        PositionRow(
            position,
            position.years_in_role(today),
            bench_of(_facts(position, readiness[position.pk]), today=today),
        )
        for position in positions.select_related("school__network", "department", "incumbent")
    ]
    if at_risk is not None:
        rows = [row for row in rows if row.bench.at_risk is at_risk]
    return sorted(rows, key=lambda r: (not r.bench.at_risk, r.position.title, r.position.pk))


def position_row(*, user, position: KeyPosition, today: dt.date) -> PositionRow:
    """One position the user reads (checked by the caller's look-up), with its bench."""
    readiness = list(position.candidates.values_list("readiness", flat=True))
    bench = bench_of(_facts(position, readiness), today=today)
    return PositionRow(position, position.years_in_role(today), bench)


def network_bench(*, user, district, today: dt.date) -> tuple[list[NetworkBench], NetworkBench]:
    """Bench strength per network (central office apart) and over every position the
    user reads."""
    positions = access.visible_positions(user, district)
    readiness = _readiness_by_position(positions)
    facts = [
        _facts(position, readiness[position.pk])
        for position in positions.select_related("school__network")
    ]
    return bench_by_network(facts, today=today)


def position_candidates(*, user, position: KeyPosition) -> QuerySet[Candidate]:
    """The candidates of a position the user reads (checked by the caller's look-up)."""
    return position.candidates.select_related(
        "person__school", "person__department", "nominated_by"
    ).order_by("readiness", "person__family_name", "pk")


def staff_choices(district, *, query: str = "") -> QuerySet[Person]:
    """The district's staff: people with a school, a department or a staff id; with
    ``query``, those whose names or staff id contain every word of it."""
    people = Person.objects.filter(district=district)
    staff = Q(school__isnull=False) | Q(department__isnull=False) | ~Q(staff_id="")
    for word in query.split():
        people = people.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(staff_id__icontains=word)
        )
    return people.filter(staff).select_related("school", "department")


# ----- pipeline diversity ----------------------------------------------------------------
@dataclass(frozen=True)
class Diversity:
    minimum: int
    candidates: int  # distinct people on the benches the user reads
    staff_available: str  # "" when available, else why not
    students_available: str
    rows: dict[str, list]  # group type → pipeline_shares rows


def _warehouse_counts(district):
    """(staff profiles or None, student counts or None, why staff missing, why students
    missing), read from the district's live data."""
    from django.conf import settings

    from districtwise.analytics.engine import close, connect, load_tables
    from districtwise.analytics.leadership.pipeline import staff_profiles, student_counts
    from districtwise.data import warehouse

    files = warehouse.live_files(district)
    if "enrollments" not in files:
        nothing = "No student data has been imported for this district."
        return None, None, nothing, nothing
    con = connect(settings.ANALYTICS_ENGINE, spark_master=settings.SPARK_MASTER_URL)
    try:
        tables = load_tables(con, files)
        students = student_counts(tables)
        if not tables.has("staff"):
            return None, students, "No staff file (staff.csv) has been imported.", ""
        return staff_profiles(tables), students, "", ""
    finally:
        close(con)


def pipeline_diversity(*, user, district) -> Diversity:
    """The race and ethnicity and the sex of the candidates the user reads (each person
    once), beside the district's staff and students of the newest school year, with
    every group under the district's minimum display n hidden."""
    from districtwise.equity.selectors import district_audit_settings

    minimum = district_audit_settings(district=district).minimum_display_n
    candidates = Candidate.objects.filter(position__in=access.visible_positions(user, district))
    staff_ids = dict(candidates.values_list("person_id", "person__staff_id"))
    profiles, students, no_staff, no_students = _warehouse_counts(district)
    rows: dict[str, list] = {}
    if profiles is not None:
        cand_counts = profile_counts(profiles, staff_ids.values())
        staff_counts = profile_counts(profiles, profiles.keys())
    for group_type in GROUPS:
        rows[group_type] = pipeline_shares(
            group_type,
            candidates=cand_counts[group_type] if profiles is not None else Counter(),
            staff=staff_counts[group_type] if profiles is not None else None,
            students=students[group_type] if students is not None else None,
            minimum=minimum,
        )
    return Diversity(minimum, len(staff_ids), no_staff, no_students, rows)


# ----- teacher-leader roles --------------------------------------------------------------
@dataclass(frozen=True)
class TeacherLeaderTotals:
    by_kind: list[tuple[str, int, Decimal]]  # label, holders, hours a week
    schools: int
    holders: int
    hours: Decimal
    by_school: list[tuple[str, int, Decimal]]  # school name, holders, hours a week


def teacher_leader_years(*, user, district) -> list[int]:
    roles = access.visible_teacher_leader_roles(user, district)
    return sorted(set(roles.values_list("school_year", flat=True)), reverse=True)


def teacher_leader_roles(*, user, district, school_year: int | None, kind: str = ""):
    """The roles the user reads in ``school_year``, by school and kind."""
    roles = access.visible_teacher_leader_roles(user, district)
    if school_year is not None:
        roles = roles.filter(school_year=school_year)
    if kind:
        roles = roles.filter(kind=kind)
    return roles.select_related("school", "person").order_by("school__name", "kind", "pk")


def teacher_leader_totals(roles: QuerySet) -> TeacherLeaderTotals:
    """Holders (each person once per kind) and hours a week per kind, and over all."""
    per_kind = {
        row["kind"]: row
        for row in roles.order_by().values("kind").annotate(hours=Sum("hours_per_week"))
    }
    holders = Counter(kind for kind, _ in set(roles.values_list("kind", "person_id")))
    by_kind = [
        (label, holders.get(kind, 0), per_kind[kind]["hours"] if kind in per_kind else Decimal(0))
        for kind, label in TeacherLeaderKind.choices
    ]
    total = roles.order_by().aggregate(hours=Sum("hours_per_week"))["hours"] or Decimal(0)
    per_school = (
        roles.order_by()
        .values("school__name")
        .annotate(holders=Count("person", distinct=True), hours=Sum("hours_per_week"))
        .order_by("school__name")
    )
    return TeacherLeaderTotals(
        by_school=[(r["school__name"], r["holders"], r["hours"]) for r in per_school],
        by_kind=by_kind,
        schools=roles.order_by().values("school").distinct().count(),
        holders=roles.order_by().values("person").distinct().count(),
        hours=total,
    )
