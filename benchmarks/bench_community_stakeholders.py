"""`make bench`: the pages of the stakeholder map in a large district. Asserts nothing
about time.

A district of 150 schools in 15 networks, with a plan of 6 goals and a stakeholder map of
300 groups (every kind, ratings spread over the grid), about 1,800 positions (three
changes of stance on each of two goals per group) and 3,000 engagements, is stored in a
throwaway SQLite database. Each page is requested as the person who uses it (median and
p95 ms); the grid's drawing is timed on its own too.

    .venv/bin/python benchmarks/bench_community_stakeholders.py [--repeats 10]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

from harness import bench_district, bench_member, build_timed, django_in, run_bench, time_pages

SCHOOLS, NETWORKS, GOALS, GROUPS, ENGAGEMENTS = 150, 15, 6, 300, 3000
POSITIONS_PER_GOAL, GOALS_PER_GROUP = 3, 2


def big_district() -> dict:
    """The district of the module docstring; returns the users who open the pages and the
    objects the pages are about."""
    from districtwise.community import models as c
    from districtwise.core.roles import Role
    from districtwise.organization.models import Department
    from districtwise.strategy.models import Goal, Plan

    rng = random.Random(9)
    district, networks, _ = bench_district(SCHOOLS, NETWORKS)
    department = Department.objects.create(district=district, code="d0", name="Department 0")
    users: dict = {}
    people = []

    def member(name: str, role: str, **scope) -> None:
        people.append(bench_member(users, district, name, role, **scope))

    member("superintendent", Role.SUPERINTENDENT)
    member("department_lead", Role.DEPARTMENT_LEAD, department=department)
    for i in range(NETWORKS):
        member(f"network_lead_{i}", Role.NETWORK_LEAD, network=networks[i])
    plan = Plan.objects.create(district=district)
    goals = [
        Goal.objects.create(plan=plan, code=f"G{i + 1}", title=f"Goal {i + 1}", priority=1)
        for i in range(GOALS)
    ]
    kinds = c.StakeholderKind.values
    groups = c.StakeholderGroup.objects.bulk_create(
        c.StakeholderGroup(
            district=district,
            name=f"Group {i:03d}",
            kind=kinds[i % len(kinds)],
            interest=rng.randint(1, 5),
            influence=rng.randint(1, 5),
            description="A bench group.",
            owner=rng.choice(people),
        )
        for i in range(GROUPS)
    )
    today = dt.date.today()
    positions = []
    for group in groups:
        for goal in rng.sample(goals, GOALS_PER_GROUP):
            for _ in range(POSITIONS_PER_GOAL):
                positions.append(
                    c.StakeholderPosition(
                        group=group,
                        goal=goal,
                        priority=f"{goal.code} {goal.title}",
                        stance=rng.choice(c.Stance.values),
                        note="Bench position.",
                        as_of=today - dt.timedelta(days=rng.randint(0, 365)),
                        recorded_by=people[0],
                    )
                )
    c.StakeholderPosition.objects.bulk_create(positions, batch_size=2000)
    c.Engagement.objects.bulk_create(
        (
            c.Engagement(
                group=rng.choice(groups),
                held_on=today - dt.timedelta(days=rng.randint(0, 365)),
                kind=rng.choice(c.Engagement.Kind.values),
                summary="A bench engagement with the group's officers.",
                by=rng.choice(people),
            )
            for _ in range(ENGAGEMENTS)
        ),
        batch_size=2000,
    )
    users["group"] = groups[0].pk
    users["goal"] = goals[0].pk
    users["district"] = district
    return users


def drawing_time(built: dict, repeats: int) -> str:
    """The grid's selector and SVG drawing alone, without the page around them."""
    from districtwise.community.charts.stakeholders import stakeholder_grid_svg
    from districtwise.community.selectors.stakeholders import stakeholder_grid

    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        points = stakeholder_grid(user=built["superintendent"], district=built["district"])
        stakeholder_grid_svg(points, title="Bench grid")
        times.append((time.perf_counter() - began) * 1000)
    return f"{statistics.median(times):.0f} ms (max {max(times):.0f} ms)"


def page_rows(folder: Path, repeats: int) -> list[tuple[str, str]]:
    django_in(folder)
    from django.urls import reverse

    built = build_timed(big_district)
    grid = reverse("community:stakeholder_grid")
    pages = [
        ("Every group, first page (superintendent)", "superintendent", "community:stakeholders"),
        ("Groups opposed now (network lead)", "network_lead_0", "community:stakeholders"),
        ("Grid, latest stances (superintendent)", "superintendent", grid),
        ("Grid, stances on one goal (department lead)", "department_lead", grid),
        ("A group's page (superintendent)", "superintendent", "community:stakeholder"),
        ("Stances on one goal (network lead)", "network_lead_0", "community:stakeholder_priority"),
        (
            "Position form (superintendent)",
            "superintendent",
            "community:stakeholder_position",
        ),
    ]
    queries = {
        "Groups opposed now (network lead)": "?stance=opposed",
        "Grid, stances on one goal (department lead)": f"?goal={built['goal']}",
    }
    args = {
        "community:stakeholder": [built["group"]],
        "community:stakeholder_position": [built["group"]],
        "community:stakeholder_priority": [built["goal"]],
    }
    urls = [
        (name, who, target if target.startswith("/") else reverse(target, args=args.get(target)))
        for name, who, target in pages
    ]
    urls = [(name, who, url + queries.get(name, "")) for name, who, url in urls]
    rows = time_pages(built, urls, repeats)
    rows.append(("Grid drawing alone (selector and SVG)", drawing_time(built, repeats)))
    return rows


if __name__ == "__main__":
    run_bench(
        __doc__,
        page_rows,
        name="stakeholders",
        title="Stakeholder map: pages in a large district",
        footer=(
            f"District: {SCHOOLS} schools, {NETWORKS} networks, {GOALS} goals, {GROUPS} groups, "
            f"{GROUPS * GOALS_PER_GROUP * POSITIONS_PER_GOAL:,} positions, "
            f"{ENGAGEMENTS:,} engagements."
        ),
    )
