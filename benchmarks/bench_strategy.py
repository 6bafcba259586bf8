"""`make bench`: the strategy pages and the plan's exports on the default demo district.
Asserts nothing about time.

The default demo district (with its plan) is built in a throwaway data directory and
database by a child process, as benchmarks/run.py does; its equity audit is computed (the
goals' indicators read it). Then, signed in as the superintendent, a network lead and a
principal, every strategy page is requested 30 times (median and p95 ms): the pages
without arguments that the strategy URLs list, a goal's page and an initiative's page.
Last, the plan is built as XLSX and as PDF a few times per reader (median and p95 ms).

    .venv/bin/python benchmarks/bench_strategy.py [--size default] [--repeats 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

# The foundation's benchmark builds the demo (this script's folder is on the path).
from run import build_demo

console = Console()
READERS = ("superintendent", "network_lead", "principal")
EXPORT_REPEATS = 5


def median_p95(run: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median and 95th-percentile milliseconds of ``repeats`` runs (after one warm-up)."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def setup(data_dir: Path):
    """Django on the throwaway database; the demo district, its audit computed."""
    os.environ["DISTRICTWISE_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtwise.settings")
    import django

    django.setup()
    from districtwise.equity.services import audit_compute
    from districtwise.organization.models import District

    district = District.objects.get(code="demo")
    start = time.perf_counter()
    audit_compute(district=district)
    console.print(f"Equity audit computed in {time.perf_counter() - start:.2f} s")
    return district


def strategy_paths(district) -> list[tuple[str, str]]:
    """(name, path) of every strategy page: those without arguments as the URLs list
    them, the first goal's and the first initiative running in every school's pages."""
    from django.urls import URLPattern, reverse

    from districtwise.strategy import urls
    from districtwise.strategy.models import Goal, Initiative

    goal = Goal.objects.filter(plan__district=district).order_by("priority", "code").first()
    initiative = Initiative.objects.get(plan__district=district, code="I1")
    with_pk = {"goal_detail": goal.pk if goal else None, "initiative_detail": initiative.pk}
    paths = []
    for pattern in urls.urlpatterns:
        if not isinstance(pattern, URLPattern) or pattern.name == "plan_export":
            continue
        if not pattern.pattern.converters:
            paths.append((pattern.name, reverse(f"strategy:{pattern.name}")))
        elif with_pk.get(pattern.name) is not None:
            paths.append(
                (pattern.name, reverse(f"strategy:{pattern.name}", args=[with_pk[pattern.name]]))
            )
        else:
            console.print(f"[dim]Not timed (needs arguments): strategy:{pattern.name}[/dim]")
    return paths


def page_timings(district, repeats: int) -> list[tuple[str, str, int, float, float]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    rows = []
    paths = strategy_paths(district)
    for username in READERS:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for name, path in paths:
            status = client.get(path).status_code
            median, p95 = median_p95(lambda c=client, p=path: c.get(p), repeats)
            rows.append((username, f"{name} {path}", status, median, p95))
    return rows


def export_timings(district) -> list[tuple[str, str, float, float]]:
    from django.contrib.auth import get_user_model

    from districtwise.strategy.exports import plan_export

    rows = []
    for username in READERS:
        user = get_user_model().objects.get(username=username)
        for fmt in ("xlsx", "pdf"):
            median, p95 = median_p95(
                lambda f=fmt, u=user: plan_export(user=u, district=district, fmt=f),
                EXPORT_REPEATS,
            )
            rows.append((username, fmt, median, p95))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="default")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dw-bench-strategy-") as tmp:
        seconds, _, code = build_demo(Path(tmp), args.size)
        console.print(f"Demo district ({args.size}) with its plan built in {seconds:.1f} s")
        if code != 0:
            raise SystemExit(code)
        district = setup(Path(tmp))
        pages = page_timings(district, args.repeats)
        files = export_timings(district)
    table = Table(
        title=f"Strategy pages at the {args.size} size (ms, {args.repeats} requests each)"
    )
    for column in ("log-in", "page", "status", "median", "p95"):
        table.add_column(column)
    for username, page, status, median, p95 in pages:
        table.add_row(username, page, str(status), f"{median:.1f}", f"{p95:.1f}")
    console.print(table)
    table = Table(title=f"The plan's exports (ms, {EXPORT_REPEATS} builds each)")
    for column in ("log-in", "format", "median", "p95"):
        table.add_column(column)
    for username, fmt, median, p95 in files:
        table.add_row(username, fmt, f"{median:.1f}", f"{p95:.1f}")
    console.print(table)


if __name__ == "__main__":
    main()
