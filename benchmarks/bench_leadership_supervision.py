"""`make bench`: the pages of principal supervision in a large district. Asserts nothing
about time.

A district of 150 schools in 15 networks, a principal at each and a lead for each network,
with a year of school visits (30 per principal: 4,500, most completed, some planned or
cancelled) and two growth goals per principal with three notes each, is stored in a
throwaway SQLite database. Each page is requested as the person who uses it (median and
p95 ms); the whole district's caseload is also computed on its own.

    .venv/bin/python benchmarks/bench_leadership_supervision.py [--repeats 10]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

from harness import bench_member, build_timed, django_in, run_bench, time_pages

SCHOOLS, NETWORKS, VISITS_PER_PRINCIPAL = 150, 15, 30


def big_district() -> dict:
    """The district of the module docstring; returns the users who open the pages."""
    from django.utils import timezone

    from districtwise.core.roles import Role
    from districtwise.leadership.models import GoalNote, GrowthGoal, SchoolVisit
    from districtwise.organization.models import District, Network, Person, School

    rng = random.Random(9)
    today = timezone.localdate()
    district = District.objects.create(code="bench", name="Bench district")
    networks = [
        Network.objects.create(district=district, code=f"N{i:02d}", name=f"Network {i:02d}")
        for i in range(NETWORKS)
    ]
    schools = School.objects.bulk_create(
        School(
            district=district,
            network=networks[i % NETWORKS],
            code=f"S{i}",
            name=f"School {i}",
            level="elementary",
            grade_low="KG",
            grade_high="05",
        )
        for i in range(SCHOOLS)
    )
    users: dict = {"district": district}

    def member(name: str, role: str, **scope) -> Person:
        return bench_member(users, district, name, role, **scope)

    member("superintendent", Role.SUPERINTENDENT)
    leads = [member(f"lead_{i}", Role.NETWORK_LEAD, network=n) for i, n in enumerate(networks)]
    principals = [member(f"principal_{i}", Role.PRINCIPAL, school=s) for i, s in enumerate(schools)]
    visits = []
    for i, (school, principal) in enumerate(zip(schools, principals, strict=True)):
        for _ in range(VISITS_PER_PRINCIPAL):
            day = today + dt.timedelta(days=rng.randint(-330, 30))
            status = "planned" if day > today else rng.choice(["completed"] * 9 + ["cancelled"])
            visits.append(
                SchoolVisit(
                    district=district,
                    school=school,
                    principal=principal,
                    supervisor=leads[i % NETWORKS],
                    visit_on=day,
                    status=status,
                    focus=rng.choice(["instruction", "teacher_teams", "data_use"]),
                    evidence_seen="Bench evidence." if status == "completed" else "",
                    feedback="Bench feedback." if status == "completed" else "",
                )
            )
    SchoolVisit.objects.bulk_create(visits, batch_size=2000)
    goals = GrowthGoal.objects.bulk_create(
        GrowthGoal(
            district=district,
            principal=principal,
            school=school,
            school_year=today.year + (today.month >= 7),
            goal=f"Bench goal {k}",
            area="learning",
            status="active",
        )
        for school, principal in zip(schools, principals, strict=True)
        for k in range(2)
    )
    GoalNote.objects.bulk_create(
        GoalNote(goal=g, author=g.principal, written_on=today, note=f"Note {k}")
        for g in goals
        for k in range(3)
    )
    users["principal_person"] = principals[0].pk
    return users


def computation_time(user, district, repeats: int) -> str:
    from districtwise.leadership.selectors.supervision import caseload

    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        rows = caseload(user=user, district=district)
        times.append((time.perf_counter() - began) * 1000)
    assert len(rows) == SCHOOLS
    return f"{statistics.median(times):.0f} ms ({len(rows)} principals)"


def page_rows(folder: Path, repeats: int) -> list[tuple[str, str]]:
    django_in(folder)
    from django.urls import reverse

    built = build_timed(big_district)
    principal = reverse("leadership:principal", args=[built["principal_person"]])
    calendar = reverse("leadership:visit_calendar")
    pages = [
        ("Caseload (network lead)", "lead_0", reverse("leadership:caseload")),
        (
            "Caseload, one network (superintendent)",
            "superintendent",
            reverse("leadership:caseload"),
        ),
        ("A principal's record (network lead)", "lead_0", principal),
        ("Visit calendar (network lead)", "lead_0", calendar),
        ("Visit calendar, every network (superintendent)", "superintendent", calendar),
        ("Plan a visit form (superintendent)", "superintendent", reverse("leadership:visit_new")),
        ("My visits and goals (principal)", "principal_0", reverse("leadership:my_development")),
    ]
    rows = time_pages(built, pages, repeats)
    rows.append(
        (
            "Caseload of the whole district (selector)",
            computation_time(built["superintendent"], built["district"], repeats),
        )
    )
    return rows


if __name__ == "__main__":
    run_bench(
        __doc__,
        page_rows,
        name="supervision",
        title="Principal supervision: pages in a large district",
        footer=(
            f"District: {SCHOOLS} schools, {NETWORKS} networks, "
            f"{SCHOOLS * VISITS_PER_PRINCIPAL:,} visits, {2 * SCHOOLS} growth goals, "
            f"{6 * SCHOOLS} notes."
        ),
    )
