"""`make bench`: coverage of teacher supports at district scale, and its heat map page.
Asserts nothing about time.

1. A synthetic district is generated, vectorised (numpy, pyarrow): 75,000 teachers in
   1,000 schools of 10 networks (5 % teach in two schools, 10 % were hired mid-year), five
   supports of every audience, and 7.5 million delivery rows (one per log and teacher)
   over the school year 18 August 2025 to 10 June 2026. It is written as Parquet.
2. A child process reads it and computes coverage (``compute_coverage``); its peak memory
   is the child's maximum resident set size (``getrusage(RUSAGE_CHILDREN)``), which counts
   DuckDB's own memory, unlike tracemalloc.
3. The run is stored for a district of 1,000 schools in a throwaway SQLite database, and
   the heat map page is requested 30 times as the superintendent (median and p95 ms).

    .venv/bin/python benchmarks/bench_supports.py [--teachers 75000] [--deliveries 7500000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

console = Console()
START, END = dt.date(2025, 8, 18), dt.date(2026, 6, 10)
SCHOOLS, NETWORKS = 1_000, 10
SUBJECTS = np.array(["Math", "English", "Science", "History", "Art"])
GRADES = np.array(["KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"])


def supports_table() -> pa.Table:
    """Five supports: every audience of the catalogue."""
    rows = [
        (1, "all", 2, "", "", "", None, 1, "week", 45),
        (2, "new", 2, "", "", "", None, 2, "month", 30),
        (3, "subject", 2, "Math", "", "", None, 1, "week", 45),
        (4, "grade_span", 2, "", "KG", "02", None, 1, "month", 20),
        (5, "tier", 2, "", "", "", 3, 1, "week", 30),
    ]
    from districtwise.analytics.supports.coverage import SUPPORT_SCHEMA

    columns = list(zip(*rows, strict=True))
    return pa.table(
        [pa.array(c, type=f.type) for c, f in zip(columns, SUPPORT_SCHEMA, strict=True)],
        schema=SUPPORT_SCHEMA,
    )


def generate(folder: Path, teachers: int, deliveries: int, seed: int = 6) -> None:
    """The synthetic district as three Parquet files in ``folder``."""
    from districtwise.analytics.supports.coverage import ASSIGNMENT_SCHEMA, DELIVERY_SCHEMA

    rng = np.random.default_rng(seed)
    days = (END - START).days + 1
    start = np.datetime64(START, "D")
    school = rng.integers(1, SCHOOLS + 1, teachers)
    second = rng.random(teachers) < 0.05  # a second school for 5 %
    teacher_ids = np.concatenate([np.arange(1, teachers + 1), np.flatnonzero(second) + 1])
    school_ids = np.concatenate([school, rng.integers(1, SCHOOLS + 1, int(second.sum()))])
    hired = np.where(
        rng.random(teacher_ids.size) < 0.10, rng.integers(0, days, teacher_ids.size), 0
    )
    years = np.minimum(rng.geometric(0.12, teachers) - 1, 40)[teacher_ids - 1]
    low = rng.integers(0, GRADES.size - 2, teachers)[teacher_ids - 1]
    tiers = rng.integers(1, 4, SCHOOLS + 1)
    assignments = pa.table(
        {
            "teacher_id": teacher_ids,
            "school_id": school_ids,
            "network_id": (school_ids - 1) % NETWORKS + 1,
            "tier": tiers[school_ids],
            "starts_on": start + hired,
            "ends_on": pa.nulls(teacher_ids.size, pa.date32()),
            "years_experience": years,
            "subject": SUBJECTS[rng.integers(0, SUBJECTS.size, teachers)][teacher_ids - 1],
            "grade_low": GRADES[low],
            "grade_high": GRADES[low + 2],
        }
    ).cast(ASSIGNMENT_SCHEMA)
    pq.write_table(assignments, folder / "assignments.parquet")
    pq.write_table(supports_table(), folder / "supports.parquet")
    who = rng.integers(1, teachers + 1, deliveries)
    table = pa.table(
        {
            "support_id": rng.choice(np.arange(1, 6), deliveries, p=[0.5, 0.1, 0.15, 0.1, 0.15]),
            "teacher_id": who,
            "school_id": school[who - 1],
            "delivered_on": start + rng.integers(0, days, deliveries),
            "minutes": rng.integers(15, 91, deliveries),
        }
    ).cast(DELIVERY_SCHEMA)
    pq.write_table(table, folder / "deliveries.parquet")


def compute_child(folder: Path) -> None:
    """In the child: read the inputs, compute, write the results; print the timings."""
    from districtwise.analytics.engine import close, connect
    from districtwise.analytics.supports.coverage import compute_coverage

    began = time.perf_counter()
    inputs = {
        n: pq.read_table(folder / f"{n}.parquet") for n in ("assignments", "supports", "deliveries")
    }
    read = time.perf_counter() - began
    con = connect("duckdb")
    began = time.perf_counter()
    result = compute_coverage(con, **inputs, starts_on=START, ends_on=END)
    seconds = time.perf_counter() - began
    close(con)
    out = folder / "run"
    out.mkdir(exist_ok=True)
    for name in ("teachers", "memberships", "rollups"):
        pq.write_table(getattr(result, name), out / f"{name}.parquet")
    print(json.dumps({"read": read, "compute": seconds, "pairs": result.teachers.num_rows}))


def run_child(folder: Path) -> tuple[dict, float]:
    """The computation in a child process: its figures and its peak memory (GB)."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    return json.loads(done.stdout.strip().splitlines()[-1]), peak_kb / 1024 / 1024


def page_timing(folder: Path, repeats: int) -> tuple[float, float]:
    """Median and p95 ms of the heat map page for a stored run of 1,000 schools."""
    data_dir = folder / "var"
    os.environ["DISTRICTWISE_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtwise.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    user = _district_with_run(folder / "run")
    client = Client()
    client.force_login(user)
    times = []
    for i in range(repeats + 1):
        began = time.perf_counter()
        response = client.get("/supports/coverage/", HTTP_HOST="localhost")
        if response.status_code != 200:
            raise RuntimeError(f"The heat map page answered {response.status_code}.")
        if i:  # the first request warms up
            times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def _district_with_run(results: Path):
    """A district of 1,000 schools (pks 1-1000), the five supports (pks 1-5), a
    superintendent, and the computed run stored as its coverage."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from districtwise.core.models import Membership
    from districtwise.core.roles import Role
    from districtwise.organization.models import Department, District, Network, Person, School
    from districtwise.supports.models import CoverageRun, Support
    from districtwise.supports.services.coverage import coverage_dir

    district = District.objects.create(code="bench", name="Bench district")
    networks = [
        Network.objects.create(district=district, code=f"N{n}", name=f"Network {n}")
        for n in range(1, NETWORKS + 1)
    ]
    School.objects.bulk_create(
        School(
            district=district,
            network=networks[(i - 1) % NETWORKS],
            code=f"S{i:04d}",
            name=f"School {i:04d}",
            grade_low="KG",
            grade_high="05",
        )
        for i in range(1, SCHOOLS + 1)
    )
    assert School.objects.order_by("pk").first().pk == 1, "a fresh database numbers from 1"
    department = Department.objects.create(district=district, code="tl", name="Teaching")
    for row in supports_table().to_pylist():
        Support.objects.create(
            district=district,
            code=f"s{row['support_id']}",
            name=f"Support {row['support_id']}",
            kind="other",
            owner_department=department,
            audience=row["audience"],
        )
    user = get_user_model().objects.create_user("bench-superintendent", password="x")
    person = Person.objects.create(district=district, user=user, given_name="B", family_name="S")
    Membership.objects.create(person=person, district=district, role=Role.SUPERINTENDENT)
    folder = coverage_dir(district) / "bench"
    shutil.copytree(results, folder)
    CoverageRun.objects.create(
        district=district,
        starts_on=START,
        ends_on=END,
        status="succeeded",
        computed_at=timezone.now(),
        path=str(folder),
        sources={"assignments": 0, "deliveries": 0},
    )
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=75_000)
    parser.add_argument("--deliveries", type=int, default=7_500_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--child", type=Path)
    args = parser.parse_args()
    if args.child:
        compute_child(args.child)
        return
    folder = Path(tempfile.mkdtemp(prefix="districtwise-bench-supports-"))
    try:
        began = time.perf_counter()
        generate(folder, args.teachers, args.deliveries)
        generated = time.perf_counter() - began
        figures, peak_gb = run_child(folder)
        median, p95 = page_timing(folder, args.repeats)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    table = Table(title="Teacher supports: coverage")
    for column in ("What", "Figure", "Target"):
        table.add_column(column)
    size = f"{args.teachers:,} teachers, {args.deliveries:,} deliveries"
    table.add_row("Synthetic district generated", f"{generated:.1f} s", size)
    table.add_row("Inputs read from Parquet (child)", f"{figures['read']:.2f} s", "")
    table.add_row("Coverage computed (child)", f"{figures['compute']:.2f} s", "≤ 10 s")
    table.add_row("Peak memory of the child", f"{peak_gb:.2f} GB", "≤ 4 GB")
    table.add_row("Entitled teacher-support pairs", f"{figures['pairs']:,}", "")
    table.add_row("Heat map page, median", f"{median:.0f} ms", "≤ 300 ms")
    table.add_row("Heat map page, p95", f"{p95:.0f} ms", "")
    console.print(table)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
