"""Benchmark the equity audit (compute_audit) on DuckDB: per-dimension and total wall time,
and peak RSS, for the default demo district and a 1,000,000-student district.

Each size runs in a child process (peak RSS from os.wait4, so sizes do not mix; the files
are generated and stored by another child beforehand, so the peak is the audit's); the demo
files are generated with 3 school years (the demo's default) for each size, and also with 1
school year for 1,000,000 students (``--years`` sets one count for every size). Nothing is
asserted about time.

    .venv/bin/python benchmarks/bench_equity.py [--sizes 25000,1000000] [--years N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SIZES = "25000,1000000"


def prepare(students: int, years: int, tmp: Path) -> None:
    """Generate the district's files and store them as the importer does (its own child,
    so its memory is not counted as the audit's)."""
    from districtwise.demo.files import generate_district_files
    from tests.analytics.conftest import csv_to_stored

    generate_district_files(tmp / "csv", seed=1, students=students, years=years)
    files = csv_to_stored(tmp / "csv", tmp / "stored")
    (tmp / "files.json").write_text(json.dumps({k: [str(p) for p in v] for k, v in files.items()}))


def run_one(students: int, years: int, tmp: Path) -> dict[str, object]:
    from districtwise.analytics.engine import connect, load_tables
    from districtwise.analytics.equity.metrics import compute_audit
    from districtwise.analytics.equity.spec import AuditSettings

    files = {
        k: [Path(p) for p in v] for k, v in json.loads((tmp / "files.json").read_text()).items()
    }
    con = connect("duckdb", temp_dir=tmp)
    tables = load_tables(con, files)
    start = time.perf_counter()
    result = compute_audit(con, tables, district_id="demo", settings=AuditSettings())
    total = time.perf_counter() - start
    # Per dimension: the audit of a dataset holding only that dimension's optional file.
    per_dimension = {}
    base = {k: v for k, v in files.items() if k in ("schools", "students", "enrollments")}
    for label, extra in (
        ("programmatic (enrollments only)", ()),
        ("attendance", ("attendance",)),
        ("discipline", ("discipline",)),
        ("achievement", ("assessments",)),
        ("opportunity", ("course_enrollments",)),
        ("resource+representation", ("staff", "school_finance")),
    ):
        subset = load_tables(con, {**base, **{k: files[k] for k in extra if k in files}})
        t0 = time.perf_counter()
        compute_audit(con, subset, district_id="demo", settings=AuditSettings())
        per_dimension[label] = round(time.perf_counter() - t0, 2)
    return {
        "students": students,
        "years": years,
        "rows": result.num_rows,
        "total_seconds": round(total, 2),
        "per_dimension_seconds": per_dimension,
    }


def measure(students: int, years: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench_equity_") as tmp:
        cmd = [sys.executable, __file__, "--years", str(years), "--out", tmp]
        env = {**os.environ, "PYTHONPATH": "."}
        subprocess.run([*cmd, "--prepare", str(students)], env=env, check=True)
        cmd += ["--child", str(students)]
        with tempfile.TemporaryFile() as out:
            proc = subprocess.Popen(cmd, stdout=out, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            if status != 0:
                raise RuntimeError(f"child for {students} students failed ({status})")
            out.seek(0)
            result = json.loads(out.read().decode().strip().splitlines()[-1])
    # Peak of the audit's child (files generated beforehand): ru_maxrss is KiB on Linux.
    result["peak_rss_mib"] = round(usage.ru_maxrss / 1024, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--years", type=int, default=0, help="0: 3, and 1 as well for 1M")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare, args.years, args.out)
        return
    if args.child:
        print(json.dumps(run_one(args.child, args.years, args.out)))
        return
    print(
        f"{'students':>10} {'years':>5} {'rows':>8} {'total s':>8} {'peak MiB':>9}  per dimension"
    )
    runs = [
        (size, years)
        for size in (int(s) for s in args.sizes.split(","))
        for years in ([args.years] if args.years else [1, 3] if size >= 1_000_000 else [3])
    ]
    for size, years in runs:
        r = measure(size, years)
        print(
            f"{r['students']:>10} {r['years']:>5} {r['rows']:>8} {r['total_seconds']:>8} "
            f"{r['peak_rss_mib']:>9}  {r['per_dimension_seconds']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
