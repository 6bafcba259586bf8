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

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from page_timing import page_time
from rich.console import Console
from rich.table import Table

console = Console()
SCHOOLS, NETWORKS, TEAM_SIZE, PERIODS = 150, 15, 5, ("2024-25", "2025-26")


def _user(name: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(name, password=None)


def big_district() -> dict:
    """The district of the module docstring; returns the users who open the pages."""
    from django.utils import timezone

    from districtwise.core.models import Membership
    from districtwise.core.roles import Role
    from districtwise.leadership.instrument import ITEMS, section_key
    from districtwise.leadership.models import Assessment, AssessmentAnswer
    from districtwise.organization.models import District, Network, Person, School

    rng = random.Random(9)
    district = District.objects.create(code="bench", name="Bench district")
    networks = [
        Network.objects.create(district=district, code=f"N{i}", name=f"Network {i}")
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
    users = {}

    def member(name: str, role: str, **scope):
        user = _user(name)
        person = Person.objects.create(
            district=district,
            user=user,
            given_name=name,
            family_name="Bench",
            school=scope.get("school"),
        )
        Membership.objects.create(person=person, district=district, role=role, **scope)
        users[name] = user
        return person

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
    os.environ["DISTRICTWISE_DATA_DIR"] = str(folder / "var")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtwise.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    built = big_district()
    console.print(f"District built in {time.perf_counter() - began:.0f} s.")
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
    rows = []
    for name, who, target in pages:
        url = reverse(target[0], args=[target[1]]) if isinstance(target, tuple) else reverse(target)
        client = Client()
        client.force_login(built[who])
        rows.append((name, page_time(client, url, repeats, name)))
    rows.append(
        (
            "Summary computation alone (superintendent)",
            computation_time(built["superintendent"], built["district"], repeats),
        )
    )
    rows.append(("Answers stored", f"{built['answers']:,}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="districtwise-bench-assessment-"))
    try:
        rows = page_rows(folder, args.repeats)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    table = Table(title="Leading-for-Learning self-assessments: pages in a large district")
    table.add_column("Page")
    table.add_column("Median")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(
        f"District: {SCHOOLS} schools, {NETWORKS} networks, teams of {TEAM_SIZE}, "
        f"{len(PERIODS)} closed self-assessments per school."
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
