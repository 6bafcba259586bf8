"""`make bench`: school needs and the needs map in a large district. Asserts nothing about
time.

A district of 150 schools (with locations) in 15 networks, 8 needs per school across the
10 categories (1,200, a tenth resolved), 40 partners with 80 partnerships (each serving
12 schools, with 3 services, half of them limited to some of those schools; a tenth of the
partnerships ended), is stored in a throwaway SQLite database. Each page is requested as
the person who uses it (median and p95 ms); the matching itself is timed apart.

    .venv/bin/python benchmarks/bench_community_needs.py [--repeats 10]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

from harness import bench_district, bench_member, build_timed, django_in, run_bench, time_pages

SCHOOLS, NETWORKS, NEEDS_PER_SCHOOL, PARTNERS, PARTNERSHIPS = 150, 15, 8, 40, 80
SCHOOLS_PER_PARTNERSHIP, SERVICES_PER_PARTNERSHIP = 12, 3


def big_district() -> dict:
    """The district of the module docstring; returns the users who open the pages."""
    from districtwise.community.models import (
        PartnerService,
        Partnership,
        SchoolNeed,
        ServiceCategory,
    )
    from districtwise.core.roles import Role
    from districtwise.organization.models import Partner, School

    rng = random.Random(9)
    categories = ServiceCategory.values
    district, networks, schools = bench_district(SCHOOLS, NETWORKS)
    for school in schools:
        school.latitude = round(41.1 + rng.uniform(0, 0.3), 6)
        school.longitude = round(-96.3 + rng.uniform(0, 0.4), 6)
    School.objects.bulk_update(schools, ["latitude", "longitude"])
    users: dict = {}

    def member(name: str, role: str, **scope):
        bench_member(users, district, name, role, **scope)

    member("superintendent", Role.SUPERINTENDENT)
    member("network_lead", Role.NETWORK_LEAD, network=networks[0])
    member("principal_0", Role.PRINCIPAL, school=schools[0])
    partners = [
        Partner.objects.create(district=district, name=f"Partner {i}", kind="nonprofit")
        for i in range(PARTNERS)
    ]
    member("partner", Role.PARTNER, partner=partners[0])
    for i in range(PARTNERSHIPS):
        partnership = Partnership.objects.create(
            district=district,
            partner=partners[i % PARTNERS],
            title=f"Partnership {i}",
            status="ended" if i % 10 == 9 else "active",
            shared_goals="Bench goals.",
            starts_on=dt.date(2025, 8, 1),
            ends_on=dt.date(2030, 6, 30),
        )
        served = rng.sample(schools, SCHOOLS_PER_PARTNERSHIP)
        partnership.schools.set(served)
        for j in range(SERVICES_PER_PARTNERSHIP):
            service = PartnerService.objects.create(
                partnership=partnership, category=rng.choice(categories), name=f"Service {i}.{j}"
            )
            if j % 2:
                service.schools.set(served[: SCHOOLS_PER_PARTNERSHIP // 2])
        partners[i % PARTNERS].schools.add(*served)
    SchoolNeed.objects.bulk_create(
        SchoolNeed(
            district=district,
            school=school,
            category=category,
            description=f"Bench need for {category}.",
            priority=rng.choice(["high", "medium", "low"]),
            students_affected=rng.randint(5, 200),
            recorded_by=users["superintendent"],
            resolved_on=dt.date(2026, 1, 1) if rng.random() < 0.1 else None,
        )
        for school in schools
        for category in rng.sample(categories, NEEDS_PER_SCHOOL)
    )
    users["district"] = district
    users["school"] = schools[0].pk
    return users


def computation_rows(built: dict, repeats: int) -> list[tuple[str, str]]:
    from django.utils import timezone

    from districtwise.analytics.community.needs_map import coverage
    from districtwise.community.selectors.needs import needs_map, service_rows

    district, today = built["district"], timezone.localdate()
    jobs = [
        (
            "Coverage from the database (every service)",
            lambda: coverage(service_rows(district), today),
        ),
        (
            "Needs map selector (superintendent)",
            lambda: needs_map(user=built["superintendent"], district=district),
        ),
    ]
    rows = []
    for name, job in jobs:
        times = []
        for _ in range(repeats):
            began = time.perf_counter()
            job()
            times.append((time.perf_counter() - began) * 1000)
        rows.append((name, f"{statistics.median(times):.0f} ms"))
    return rows


def page_rows(folder: Path, repeats: int) -> list[tuple[str, str]]:
    django_in(folder)
    from django.urls import reverse

    built = build_timed(big_district)
    school = reverse("community:school_needs", args=[built["school"]])
    pages = [
        (
            "Needs map, 150 schools (superintendent)",
            "superintendent",
            reverse("community:needs_map"),
        ),
        ("Needs map, one network (network lead)", "network_lead", reverse("community:needs_map")),
        ("Needs map, its schools (partner)", "partner", reverse("community:needs_map")),
        (
            "Matrix CSV, 150 schools (superintendent)",
            "superintendent",
            reverse("community:needs_map_export"),
        ),
        ("Every need, first page (superintendent)", "superintendent", reverse("community:needs")),
        (
            "Unmet needs, first page (superintendent)",
            "superintendent",
            reverse("community:needs") + "?met=unmet",
        ),
        ("A school's needs (principal)", "principal_0", school),
        ("A school's needs (superintendent)", "superintendent", school),
    ]
    return time_pages(built, pages, repeats) + computation_rows(built, repeats)


if __name__ == "__main__":
    run_bench(
        __doc__,
        page_rows,
        name="needs",
        title="School needs and the needs map: pages in a large district",
        column="Page or computation",
        footer=(
            f"District: {SCHOOLS} schools in {NETWORKS} networks, {SCHOOLS * NEEDS_PER_SCHOOL:,} "
            f"needs over 10 categories, {PARTNERS} partners, {PARTNERSHIPS} partnerships serving "
            f"{SCHOOLS_PER_PARTNERSHIP} schools each with {SERVICES_PER_PARTNERSHIP} services."
        ),
    )
