"""`make bench`: the pages of voice and guidance in a large district. Asserts nothing about
time.

A district of 150 schools in 15 networks and 8 departments, with a year of needs (200 per
school: 30,000, each with its events), 40 guidance documents for every principal and
assistant principal (300 people must acknowledge each), is stored in a throwaway SQLite
database. Each page is requested as the person who uses it (median and p95 ms).

    .venv/bin/python benchmarks/bench_voice.py [--repeats 10]
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from harness import bench_district, bench_member, build_timed, django_in, run_bench, time_pages

SCHOOLS, NETWORKS, DEPARTMENTS, NEEDS_PER_SCHOOL, DOCUMENTS = 150, 15, 8, 200, 40


def big_district() -> dict:
    """The district of the module docstring; returns the users who open the pages."""
    from django.utils import timezone

    from districtwise.core.roles import Role
    from districtwise.organization.models import Department
    from districtwise.voice import models as v
    from districtwise.voice.rules import DEFAULT_TARGET_DAYS, due_at

    rng = random.Random(5)
    district, networks, schools = bench_district(SCHOOLS, NETWORKS)
    departments = [
        Department.objects.create(district=district, code=f"d{i}", name=f"Department {i}")
        for i in range(DEPARTMENTS)
    ]
    users = {}

    def member(name: str, role: str, **scope) -> object:
        return bench_member(users, district, name, role, **scope)

    member("superintendent", Role.SUPERINTENDENT)
    member("department_lead", Role.DEPARTMENT_LEAD, department=departments[0])
    member("network_lead", Role.NETWORK_LEAD, network=networks[0])
    leaders = []
    for i, school in enumerate(schools):
        leaders.append(member(f"principal_{i}", Role.PRINCIPAL, school=school))
        leaders.append(member(f"ap_{i}", Role.ASSISTANT_PRINCIPAL, school=school))
    for i, category in enumerate(v.NeedCategory.values):
        v.NeedRoute.objects.create(
            district=district, category=category, department=departments[i % DEPARTMENTS]
        )
    now = timezone.now()
    needs = []
    states = ["raised", "acknowledged", "in_progress", "answered", "closed", "declined"]
    for i, school in enumerate(schools):
        for j in range(NEEDS_PER_SCHOOL):
            category = rng.choice(v.NeedCategory.values)
            urgency = rng.choice(v.Urgency.values)
            raised = now - dt.timedelta(days=rng.uniform(0, 365))
            state = rng.choice(states)
            settled = state in ("answered", "closed", "declined")
            needs.append(
                v.Need(
                    district=district,
                    school=school,
                    raised_by=leaders[2 * i],
                    title=f"{category} need {j} at school {i}",
                    description=f"Bench need about {category} and the {rng.choice(WORDS)}.",
                    category=category,
                    urgency=urgency,
                    students_affected=rng.randint(1, 300),
                    state=state,
                    department=departments[v.NeedCategory.values.index(category) % DEPARTMENTS],
                    raised_at=raised,
                    due_at=due_at(raised, DEFAULT_TARGET_DAYS[urgency]),
                    acknowledged_at=raised + dt.timedelta(days=1) if state != "raised" else None,
                    answered_at=raised + dt.timedelta(days=rng.uniform(1, 30)) if settled else None,
                    answer="Answered." if settled else "",
                )
            )
    needs = v.Need.objects.bulk_create(needs, batch_size=2000)
    v.NeedEvent.objects.bulk_create(
        (v.NeedEvent(need=need, at=need.raised_at, to_state="raised") for need in needs),
        batch_size=5000,
    )
    for i in range(DOCUMENTS):
        document = v.GuidanceDocument.objects.create(
            district=district,
            department=departments[i % DEPARTMENTS],
            kind="guardrail" if i % 3 == 0 else "guidance",
            title=f"Guidance {i}",
            roles=["principal", "assistant_principal"],
        )
        for number in (1, 2):
            version = v.GuidanceVersion.objects.create(
                document=document,
                number=number,
                body=" ".join(rng.choice(WORDS) for _ in range(400)),
                change_summary="Bench revision." if number == 2 else "",
                effective_on=dt.date(2026, 1, number),
                review_on=dt.date(2027, 1, 1),
            )
        v.GuidanceAcknowledgement.objects.bulk_create(
            v.GuidanceAcknowledgement(version=version, person=person, acknowledged_at=now)
            for person in leaders[::3]
        )
    users["school_need"] = needs[0].pk
    users["document"] = document.pk
    users["department"] = departments[0].pk
    return users


WORDS = [
    "bus",
    "route",
    "substitute",
    "heating",
    "roof",
    "counselor",
    "translation",
    "laptops",
    "curriculum",
    "budget",
    "schedule",
    "families",
    "lunch",
    "nurse",
    "playground",
    "security",
]


def page_rows(folder: Path, repeats: int) -> list[tuple[str, str]]:
    django_in(folder)
    from django.urls import reverse

    built = build_timed(big_district)
    pages = [
        ("Department queue (lead)", "department_lead", reverse("voice:queue")),
        ("Patterns (superintendent)", "superintendent", reverse("voice:patterns")),
        ("Patterns, anonymised (principal)", "principal_0", reverse("voice:patterns")),
        ("Network's needs (network lead)", "network_lead", reverse("voice:needs")),
        ("Every need, first page (superintendent)", "superintendent", reverse("voice:needs")),
        ("A need (principal)", "principal_0", reverse("voice:need", args=[built["school_need"]])),
        ("Guidance library (principal)", "principal_0", reverse("voice:guidance")),
        (
            "Acknowledgements of a document (owner)",
            "superintendent",
            reverse("voice:guidance_acknowledgements", args=[built["document"]]),
        ),
        ("Home dashboard (superintendent)", "superintendent", reverse("home")),
    ]
    rows = time_pages(built, pages, repeats)
    return rows


if __name__ == "__main__":
    run_bench(
        __doc__,
        page_rows,
        name="voice",
        title="Voice and guidance: pages in a large district",
        footer=(
            f"District: {SCHOOLS} schools, {NETWORKS} networks, {DEPARTMENTS} departments, "
            f"{SCHOOLS * NEEDS_PER_SCHOOL:,} needs, {DOCUMENTS} guidance documents in 2 versions, "
            f"{2 * SCHOOLS} school leaders."
        ),
    )
