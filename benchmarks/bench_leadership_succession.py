"""`make bench`: the succession pages in a large district. Asserts nothing about time.

A district of 150 schools in 15 networks and 8 departments, 20 staff per school (3,000
people with staff ids, every one in an imported staff.csv with race, ethnicity and sex,
and 60,000 students enrolled), 600 key positions (150 principals, 442 assistant
principals, 8 department leads), 1,500 candidates and 750 teacher-leader roles, stored in
a throwaway SQLite database. Each page is requested as the person who uses it (median and
p95 ms); the pure bench computation is timed on its own.

    .venv/bin/python benchmarks/bench_leadership_succession.py [--repeats 10]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

from harness import bench_district, bench_member, build_timed, django_in, run_bench, time_pages

SCHOOLS, NETWORKS, DEPARTMENTS, STAFF_PER_SCHOOL = 150, 15, 8, 20
APS, CANDIDATES, TEACHER_LEADERS, STUDENTS_PER_SCHOOL = 442, 1500, 750, 400
RACES = ["HL", "WH", "BL", "AS", "TR", "AI", "PI", ""]
RACE_WEIGHTS = [30, 35, 18, 8, 5, 1, 1, 2]


def _write(path: Path, header: list[str], rows) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(header) + "\n")
        for row in rows:
            handle.write(",".join(map(str, row)) + "\n")


def _import(district, folder: Path, schools, rng) -> None:
    """Write the district's files and import them as a data steward would."""
    from districtwise.data import services

    folder.mkdir()
    header = ["school_id", "name", "level", "grade_low", "grade_high", "title_i"]
    rows = ([s.code, s.name, "elementary", "KG", "05", "N"] for s in schools)
    _write(folder / "schools.csv", header, rows)
    students = [
        (f"st{i}", rng.choices(RACES, RACE_WEIGHTS)[0], rng.choice("FM"))
        for i in range(SCHOOLS * STUDENTS_PER_SCHOOL)
    ]
    _write(folder / "students.csv", ["student_id", "sex", "race_ethnicity"],
           ([s, sex, race] for s, race, sex in students))  # fmt: skip
    _write(folder / "enrollments.csv", ["student_id", "school_id", "school_year", "grade_level",
           "entry_date", "exit_date", "economically_disadvantaged", "english_learner",
           "disability"],
           ([s, schools[i % SCHOOLS].code, 2026, "03", "2025-08-18", "", "N", "N", "N"]
            for i, (s, _, _) in enumerate(students)))  # fmt: skip
    _write(folder / "staff.csv", ["staff_id", "school_year", "school_id", "department", "role",
           "sex", "race_ethnicity", "years_experience", "certified_in_assignment", "fte"],
           ([f"T{i}", 2026, schools[i // STAFF_PER_SCHOOL].code, "", "teacher",
             rng.choice("FM"), rng.choices(RACES, RACE_WEIGHTS)[0], 5, "Y", 1]
            for i in range(SCHOOLS * STAFF_PER_SCHOOL)))  # fmt: skip
    job = services.import_queue(actor=None, district=district, source=folder, source_name="bench")
    services.job_claim(job)
    batch = services.import_run(job=job)
    if batch.status != "live":
        raise RuntimeError(f"The bench files did not import: {batch.message}")


def big_district(folder: Path) -> dict:
    """The district of the module docstring; returns the users who open the pages."""
    from districtwise.core.roles import Role
    from districtwise.leadership import models as m
    from districtwise.organization.models import Department, Person

    rng = random.Random(9)
    today = dt.date.today()
    district, networks, schools = bench_district(SCHOOLS, NETWORKS)
    departments = [
        Department.objects.create(district=district, code=f"d{i}", name=f"Department {i}")
        for i in range(DEPARTMENTS)
    ]
    _import(district, folder / "files", schools, rng)
    by_staff = {
        p.staff_id: p for p in Person.objects.filter(district=district).exclude(staff_id="")
    }
    staff = [by_staff[f"T{i}"] for i in range(SCHOOLS * STAFF_PER_SCHOOL)]
    users = {}
    for name, role, scope in [
        ("superintendent", Role.SUPERINTENDENT, {}),
        ("network_lead", Role.NETWORK_LEAD, {"network": networks[0]}),
        ("principal_0", Role.PRINCIPAL, {"school": schools[0]}),
    ]:
        bench_member(users, district, name, role, **scope)
    positions = [
        m.KeyPosition(
            district=district, kind="principal", title=f"Principal, School {i}", school=s,
            incumbent=staff[i * STAFF_PER_SCHOOL], incumbent_since=dt.date(2015, 8, 1),
            expected_departure=today + dt.timedelta(days=rng.randint(100, 2000)),
            departure_reason=rng.choice(["none_known", "retirement_eligible"]),
            departure_likelihood=rng.choice(["unlikely", "possible", "likely"]),
        )
        for i, s in enumerate(schools)
    ]  # fmt: skip
    positions += [
        m.KeyPosition(
            district=district, kind="assistant_principal", title=f"AP {j}, School {j % SCHOOLS}",
            school=schools[j % SCHOOLS], incumbent=staff[(j % SCHOOLS) * STAFF_PER_SCHOOL + 1
                                                         + j // SCHOOLS],
            incumbent_since=dt.date(2019, 8, 1),
            departure_likelihood=rng.choice(["unlikely", "possible", "likely"]),
        )
        for j in range(APS)
    ]  # fmt: skip
    positions += [
        m.KeyPosition(district=district, kind="central_office_lead", title=f"Head of {d.name}",
                      department=d, incumbent=staff[-1 - k])
        for k, d in enumerate(departments)
    ]  # fmt: skip
    positions = m.KeyPosition.objects.bulk_create(positions)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < CANDIDATES:
        position = rng.choice(positions)
        person = rng.choice(staff)
        if person.pk != position.incumbent_id:
            pairs.add((position.pk, person.pk))
    m.Candidate.objects.bulk_create(
        m.Candidate(position_id=p, person_id=q, readiness=rng.choice(m.Readiness.values),
                    development_plan="Leads a cycle of the improvement team.")
        for p, q in sorted(pairs)
    )  # fmt: skip
    m.TeacherLeaderRole.objects.bulk_create(
        m.TeacherLeaderRole(district=district, school=schools[i % SCHOOLS],
                            person=staff[(i % SCHOOLS) * STAFF_PER_SCHOOL + 5 + i // SCHOOLS],
                            kind=rng.choice(m.TeacherLeaderKind.values), hours_per_week=3,
                            school_year=2026)
        for i in range(TEACHER_LEADERS)
    )  # fmt: skip
    users["district"] = district
    users["position"] = positions[0].pk
    return users


def computation_time(district, repeats: int) -> str:
    """The pure bench computation over every position (facts read once)."""
    from districtwise.analytics.leadership.bench import bench_by_network
    from districtwise.leadership.models import KeyPosition
    from districtwise.leadership.selectors.succession import _facts, _readiness_by_position

    positions = KeyPosition.objects.filter(district=district)
    readiness = _readiness_by_position(positions)
    facts = [_facts(p, readiness[p.pk]) for p in positions.select_related("school__network")]
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        bench_by_network(facts, today=dt.date.today())
        times.append((time.perf_counter() - began) * 1000)
    return f"{statistics.median(times):.1f} ms ({len(facts)} positions)"


def page_rows(folder: Path, repeats: int) -> list[tuple[str, str]]:
    django_in(folder)
    from django.urls import reverse

    built = build_timed(big_district, folder)
    position = built["position"]
    pages = [
        ("Succession overview (superintendent)", "superintendent",
         reverse("leadership:succession")),
        ("Positions at risk (superintendent)", "superintendent",
         reverse("leadership:succession") + "?at_risk=yes"),
        ("Succession overview (network lead)", "network_lead", reverse("leadership:succession")),
        ("A position (superintendent)", "superintendent",
         reverse("leadership:position", args=[position])),
        ("Add a candidate form (superintendent)", "superintendent",
         reverse("leadership:candidate_new", args=[position])),
        ("Add a position form (superintendent)", "superintendent",
         reverse("leadership:position_new")),
        ("Pipeline diversity (superintendent)", "superintendent", reverse("leadership:pipeline")),
        ("Teacher leaders (superintendent)", "superintendent",
         reverse("leadership:teacher_leaders")),
        ("Teacher leaders (principal)", "principal_0", reverse("leadership:teacher_leaders")),
    ]  # fmt: skip
    rows = time_pages(built, pages, repeats)
    rows.append(
        ("Bench per network, computation alone", computation_time(built["district"], repeats))
    )
    return rows


if __name__ == "__main__":
    run_bench(
        __doc__,
        page_rows,
        name="succession",
        title="Succession and pipeline: pages in a large district",
        footer=(
            f"District: {SCHOOLS} schools, {NETWORKS} networks, {DEPARTMENTS} departments, "
            f"{SCHOOLS * STAFF_PER_SCHOOL:,} staff, {SCHOOLS * STUDENTS_PER_SCHOOL:,} students, "
            f"{SCHOOLS + APS + DEPARTMENTS} key positions, {CANDIDATES:,} candidates, "
            f"{TEACHER_LEADERS} teacher-leader roles."
        ),
    )
