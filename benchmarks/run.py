"""`make bench`: prints the foundation's figures. Asserts nothing about time.

1. Building the demo district end to end (files + organisation) at the default size.
2. Home pages (and the school and people lists) at the default size: median and p95 per role.
3. Building the demo district at 1,000,000 students: wall time and peak memory.
Each build runs in a child process with its own data directory; peak memory is that
child's maximum resident set size (wait4).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
console = Console()


def child(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run a child process; return (seconds, peak RSS in MiB, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0 and process.stderr is not None:
        console.print(process.stderr.read().decode()[-2000:])
    return elapsed, usage.ru_maxrss / 1024, code


def build_demo(data_dir: Path, size: str) -> tuple[float, float, int]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DISTRICTWISE_DATA_DIR"] = str(data_dir)
    cli = [sys.executable, "-m", "districtwise.cli"]
    subprocess.run([*cli, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    return child([*cli, "demo", "--size", size, "--replace"], env)


def page_timings(data_dir: Path, repeats: int = 30) -> list[tuple[str, str, float, float]]:
    """Median and p95 milliseconds of GET requests, signed in as each demo log-in."""
    os.environ["DISTRICTWISE_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtwise.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from districtwise.demo.build import ROLE_ORDER
    from districtwise.equity.services import audit_compute
    from districtwise.organization.models import District

    start = time.perf_counter()
    audit_compute(district=District.objects.get(code="demo"))
    console.print(
        f"Equity audit of the default demo district computed and stored in "
        f"{time.perf_counter() - start:.2f} s (target ≤ 2 s for the computation)"
    )
    rows = []
    for _, username in ROLE_ORDER:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        paths = ["/", "/schools/", "/people/"]
        if username in ("superintendent", "principal", "network_lead"):
            paths += ["/equity/", "/equity/discipline/"]  # cached audit pages
        for path in paths:
            client.get(path)  # warm up
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (username, path, response.status_code)
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            rows.append((username, path, statistics.median(times), p95))
    return rows


def main() -> None:
    sizes = sys.argv[1:] or ["default", "1000000"]
    results = Table(title="Demo district generation (files + organisation)")
    for column in ("size", "seconds", "peak RSS (MiB)", "target", "exit"):
        results.add_column(column)
    timings: list = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="dw-bench-") as tmp:
            seconds, peak, code = build_demo(Path(tmp), size)
            target = "≤ 60 s" if size == "default" else "peak ≤ 4096 MiB"
            results.add_row(size, f"{seconds:.1f}", f"{peak:.0f}", target, str(code))
            console.print(results)
            if size == "default" and code == 0:
                timings = page_timings(Path(tmp))
    pages = Table(
        title="Pages at the default size (ms, 30 requests each; targets: median ≤ 150, "
        "cached audit pages ≤ 200)"
    )
    for column in ("log-in", "page", "median", "p95"):
        pages.add_column(column)
    for username, path, median, p95 in timings:
        pages.add_row(username, path, f"{median:.1f}", f"{p95:.1f}")
    console.print(pages)


if __name__ == "__main__":
    main()
