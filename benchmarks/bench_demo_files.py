"""Benchmark the demo-district file generator: wall time and peak memory per size.

Each size runs in its own subprocess so that peak RSS (ru_maxrss) values do not mix.
Nothing is asserted about time; the table is printed for the record.

    .venv/bin/python benchmarks/bench_demo_files.py [--sizes 25000,1000000] [--daily]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SIZES = "25000,1000000"


def run_one(students: int, daily: bool, out_dir: Path) -> dict[str, float | int]:
    """Generate one district in this process and measure it."""
    from districtwise.demo.files import generate_district_files

    start = time.perf_counter()
    manifest = generate_district_files(out_dir, seed=1, students=students, daily_attendance=daily)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    size = sum(p.stat().st_size for p in out_dir.iterdir())
    return {
        "students": students,
        "seconds": round(seconds, 2),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "rows": sum(manifest["files"].values()),
        "megabytes": round(size / 1e6, 1),
    }


def measure(students: int, daily: bool) -> dict[str, float | int]:
    """Run one size in a fresh subprocess and return its measurements."""
    with tempfile.TemporaryDirectory(prefix="bench_demo_") as tmp:
        cmd = [sys.executable, __file__, "--child", str(students), "--out", tmp]
        if daily:
            cmd.append("--daily")
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Print a table of generation time and peak RSS per size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated student counts")
    parser.add_argument("--daily", action="store_true", help="also write attendance_daily.csv")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.daily, args.out)))
        return
    print(
        f"{'students':>10} {'daily':>5} {'seconds':>8} {'peak RSS MiB':>12} "
        f"{'rows':>12} {'MB written':>10}"
    )
    for students in (int(s) for s in args.sizes.split(",")):
        r = measure(students, args.daily)
        print(
            f"{r['students']:>10,} {'yes' if args.daily else 'no':>5} {r['seconds']:>8.2f} "
            f"{r['peak_rss_mib']:>12,.1f} {r['rows']:>12,} {r['megabytes']:>10,.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
