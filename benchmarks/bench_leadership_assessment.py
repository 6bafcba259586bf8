"""`make bench`: the Leading-for-Learning self-assessment pages in a large district. Asserts
nothing about time.

A district of 150 schools in 15 networks, each school's leadership team of 5 (a principal,
an assistant principal and three coaches) having closed one self-assessment last year and
one this year (every member answering every item: about 40,000 answers, 300 assessments),
is stored in a throwaway SQLite database. Each page is requested as the person who uses it
(median and p95 ms); the summary's computation is also timed on its own.

    .venv/bin/python benchmarks/bench_leadership_assessment.py [--repeats 10]
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from harness import bench_district, bench_member, build_timed, django_in, run_bench, time_pages

SCHOOLS, NETWORKS, TEAM_SIZE, PERIODS = 150, 15, 5, ("2024-25", "2025-26")


def big_district() -> dict:
    """The district of the module docstring; returns the users who open the pages."""
    from django.utils import timezone

    from districtwise.core.roles import Role
    from districtwise.leadership.instrument import ITEMS, section_key
    from districtwise.leadership.models import Assessment, AssessmentAnswer

    rng = random.Random(9)
    district, networks, schools = bench_district(SCHOOLS, NETWORKS)
    users = {}

    def member(name: str, role: str, **scope):
        return bench_member(users, district, name, role, person_school=True, **scope)

    member("superintendent", Role.SUPERINTENDENT)
    member("network_lead", Role.NETWORK_LEAD, network=networks[0])
    answers = []
    for i, school in enumerate(schools):
        team = [member(f"principal_{i}", Role.PRINCIPAL, school=school)]
        team.append(member(f"ap_{i}", Role.ASSISTANT_PRINCIPAL, school=school))
        team += [member(f"coach_{i}_{c}", Role.TEACHER_LEADER, school=school) for c in range(3)]
        for period in PERIODS:
            assessment = Assessment.objects.create(
                district=district,
                team_kind="school",
                school=school,
                title=f"Self-review {period}",
                period=period,
                status="closed",
                closed_at=timezone.now(),
            )
            assessment.members.set(team)
            users[f"assessment_{i}"] = assessment.pk
            for person in team:
                for key in ITEMS:
                    rating = None if rng.random() < 0.05 else rng.randint(1, 4)
                    answers.append(
                        AssessmentAnswer(
                            assessment=assessment,
                            person=person,
                            item_key=key,
                            section=section_key(key),
                            rating=rating,
                            dont_know=rating is None,
                            evidence="Seen in the minutes." if rng.random() < 0.3 else "",
                        )
                    )
    AssessmentAnswer.objects.bulk_create(answers, batch_size=5000)
    users["answers"] = len(answers)
    users["district"] = district
    return users


def computation_time(user, district, repeats: int) -> str:
    from districtwise.leadership.selectors.assessment import assessment_summary

    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        assessment_summary(user=user, district=district)
        times.append((time.perf_counter() - began) * 1000)
    return f"{statistics.median(times):.0f} ms"


def page_rows(folder: Path, repeats: int) -> list[tuple[str, str]]:
    django_in(folder)
    from django.urls import reverse

    built = build_timed(big_district)
    one = built["assessment_0"]
    pages = [
        ("Summary, district (superintendent)", "superintendent", "leadership:assessment_summary"),
        ("Summary, network (network lead)", "network_lead", "leadership:assessment_summary"),
        ("Summary, school (principal)", "principal_0", "leadership:assessment_summary"),
        ("List, first page (superintendent)", "superintendent", "leadership:assessments"),
        ("Results, team member (principal)", "principal_0", ("leadership:assessment", one)),
        ("Results, figures only (network lead)", "network_lead", ("leadership:assessment", one)),
        ("Answer page (principal)", "principal_0", ("leadership:assessment_answer", one)),
        ("Action plan (principal)", "principal_0", ("leadership:assessment_plan", one)),
    ]
    urls = [
        (name, who, reverse(t[0], args=[t[1]]) if isinstance(t, tuple) else reverse(t))
        for name, who, t in pages
    ]
    rows = time_pages(built, urls, repeats)
    rows.append(
        (
            "Summary computation alone (superintendent)",
            computation_time(built["superintendent"], built["district"], repeats),
        )
    )
    rows.append(("Answers stored", f"{built['answers']:,}"))
    return rows


if __name__ == "__main__":
    run_bench(
        __doc__,
        page_rows,
        name="assessment",
        title="Leading-for-Learning self-assessments: pages in a large district",
        footer=(
            f"District: {SCHOOLS} schools, {NETWORKS} networks, teams of {TEAM_SIZE}, "
            f"{len(PERIODS)} closed self-assessments per school."
        ),
    )
