"""`make bench`: the run-chart analysis, and the pages of a large improvement network.
Asserts nothing about time.

1. ``runs_analysis``, ``ihi_rules`` and the I and p charts on random series of 100, 10,000
   and 100,000 points (median of repeated calls).
2. A network of 12 school teams, 8 measures and a school year of weekly values per team
   and measure (4,992 values), 240 PDSA cycles on 10 change ideas and 60 learning-log
   entries is stored in a throwaway SQLite database; its chart board, a measure's chart
   (the network line and one team), the ideas-by-schools matrix, the meeting summary and
   its PDF are each requested as the network's lead (median and p95 ms).

    .venv/bin/python benchmarks/bench_improvement.py [--repeats 15]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

from harness import django_in, run_bench, time_pages

TEAMS, MEASURES, WEEKS, IDEAS, CYCLES = 12, 8, 52, 10, 240
START = dt.date(2025, 8, 4)


def timed(call, repeats: int) -> float:
    """Median seconds of ``call()``."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def analysis_rows() -> list[tuple[str, str]]:
    from districtwise.analytics.runcharts import i_chart, ihi_rules, p_chart, runs_analysis

    rows = []
    rng = random.Random(7)
    for n, repeats in ((100, 200), (10_000, 10), (100_000, 3)):
        values = [rng.gauss(50, 5) for _ in range(n)]
        counts = [rng.randint(20, 80) for _ in range(n)]
        sizes = [c + rng.randint(10, 40) for c in counts]
        for name, call in (
            ("runs_analysis", lambda v=values: runs_analysis(v)),
            ("ihi_rules", lambda v=values: ihi_rules(v)),
            ("i_chart", lambda v=values: i_chart(v)),
            ("p_chart", lambda c=counts, s=sizes: p_chart(c, s)),
        ):
            seconds = timed(call, repeats)
            shown = f"{seconds * 1e6:,.0f} µs" if seconds < 0.01 else f"{seconds:.2f} s"
            rows.append((f"{name}, {n:,} points", shown))
    return rows


def big_network():
    """The network described in the module docstring, and its lead's user."""
    from django.contrib.auth import get_user_model

    from districtwise.core.models import Membership
    from districtwise.core.roles import Role
    from districtwise.improvement import models as m
    from districtwise.organization.models import District, Network, Person, School

    rng = random.Random(11)
    district = District.objects.create(code="bench", name="Bench district")
    area = Network.objects.create(district=district, code="N", name="North")
    user = get_user_model().objects.create_user("lead", password="bench-password-1")
    lead = Person.objects.create(district=district, user=user, given_name="L", family_name="L")
    Membership.objects.create(person=lead, district=district, role=Role.NETWORK_LEAD, network=area)
    network = m.ImprovementNetwork.objects.create(
        district=district,
        name="Bench network",
        aim_what="Ninth graders on track",
        aim_how_much="from 70% to 85%",
        aim_by_when=dt.date(2026, 6, 30),
        aim_for_whom="ninth graders",
        starts_on=START,
        ends_on=dt.date(2026, 7, 31),
    )
    network.leads.add(lead)
    teams = [
        m.Team.objects.create(
            network=network,
            school=School.objects.create(
                district=district, network=area, code=f"S{i}", name=f"School {i}"
            ),
        )
        for i in range(TEAMS)
    ]
    ideas = [m.ChangeIdea.objects.create(network=network, title=f"Idea {i}") for i in range(IDEAS)]
    charts = ["run", "i", "p", "u"]
    values = []
    for i in range(MEASURES):
        measure = m.Measure.objects.create(
            network=network,
            name=f"Measure {i}",
            kind=["outcome", "process", "balancing"][i % 3],
            definition="A bench measure.",
            chart=charts[i % 4],
        )
        for team in teams:
            for week in range(WEEKS):
                on = START + dt.timedelta(weeks=week)
                den = rng.randint(80, 120)
                num = rng.randint(40, den)
                value = num / den if charts[i % 4] in ("p", "u") else rng.gauss(60, 6)
                values.append(
                    m.MeasureValue(
                        measure=measure,
                        team=team,
                        period_start=on,
                        value=value,
                        numerator=num,
                        denominator=den,
                    )
                )
    m.MeasureValue.objects.bulk_create(values, batch_size=2000)
    decisions = ["adopt", "adapt", "abandon"]
    for i in range(CYCLES):
        start = START + dt.timedelta(days=rng.randint(0, 300))
        closed = i % 2 == 0
        m.Cycle.objects.create(
            team=teams[i % TEAMS],
            change_idea=ideas[i % IDEAS],
            title=f"Cycle {i}",
            question="Q",
            prediction="P",
            planned_start=start,
            stage="closed" if closed else "do",
            decision=decisions[i % 3] if closed else "",
            closed_on=start + dt.timedelta(days=14) if closed else None,
        )
    for i in range(60):
        m.LearningEntry.objects.create(
            network=network, written_on=START + dt.timedelta(days=5 * i), text=f"Entry {i}"
        )
    return network, user


def page_rows(folder: Path, repeats: int) -> list[tuple[str, str]]:
    django_in(folder)
    from django.urls import reverse

    network, user = big_network()
    measure = network.measures.get(name="Measure 2")  # a p chart
    team = network.teams.first()
    pages = {
        "Chart board (8 measures)": reverse("improvement:charts", args=[network.pk]),
        "A p chart, network line": reverse("improvement:measure_chart", args=[measure.pk]),
        "A p chart, one team": reverse("improvement:measure_chart", args=[measure.pk])
        + f"?team={team.pk}",
        "Ideas-by-schools matrix": reverse("improvement:learning", args=[network.pk]),
        "Meeting summary (page)": reverse("improvement:learning_summary", args=[network.pk])
        + "?month=2025-11",
        "Meeting summary (PDF)": reverse("improvement:learning_summary_pdf", args=[network.pk])
        + "?month=2025-11",
    }
    return time_pages({"lead": user}, [(n, "lead", url) for n, url in pages.items()], repeats)


if __name__ == "__main__":
    run_bench(
        __doc__,
        lambda folder, repeats: analysis_rows() + page_rows(folder, repeats),
        name="improvement",
        title="Improvement networks: run-chart analysis and pages",
        column="What",
        repeats=15,
        footer=(
            f"Network: {TEAMS} teams, {MEASURES} measures, {TEAMS * MEASURES * WEEKS:,} values, "
            f"{CYCLES} cycles, 60 log entries."
        ),
    )
