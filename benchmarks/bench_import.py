"""Benchmark validate_and_stage on a 1,000,000-student school year: rows/s and peak memory.

The year is the demo district's with full records (interim tests and the elementary day
as courses), the shape the issue gives: ~3.9M assessment and ~6.9M course-enrollment rows.

Each measured import runs in its own child process (peak RSS from os.wait4). The first
imports every file except attendance_daily.csv; the second adds attendance_daily.csv
(~172M rows). Seconds per file are the check and write steps of that file (from the
progress callback). Targets, printed and not asserted: >= 1,000,000 rows/s over
enrollments, attendance, assessments, course_enrollments and discipline together;
attendance_daily.csv in <= 300 s with peak RSS <= 4 GB. Last, the whole ``districtwise
import`` of the year without the daily file as a data steward runs it (database, staff
records, going live included), into a new district and then as a newer extract.

    .venv/bin/python benchmarks/bench_import.py [--dir /tmp/dw_bench_import] [--students N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DIR = Path(tempfile.gettempdir()) / "dw_bench_import_full"
TARGET_FILES = (
    "enrollments.csv",
    "attendance.csv",
    "assessments.csv",
    "course_enrollments.csv",
    "discipline.csv",
)
DAILY = "attendance_daily.csv"


def ensure_files(folder: Path, students: int) -> dict[str, int]:
    """Generate the demo district (one year, full records, daily attendance) unless it is
    already there."""
    manifest = folder / "manifest.json"
    if not manifest.exists():
        from districtwise.demo.files import generate_district_files

        start = time.perf_counter()
        print(f"generating {students:,} students into {folder} …", flush=True)
        generate_district_files(
            folder, seed=1, students=students, years=1, daily_attendance=True, full_records=True
        )
        print(f"generated in {time.perf_counter() - start:.0f} s", flush=True)
    return dict(json.loads(manifest.read_text())["files"])


def child(folder: Path, with_daily: bool) -> None:
    """One import in this process; print step timings as JSON."""
    from districtwise.analytics.validate import validate_and_stage

    files = {p.name: p for p in sorted(folder.glob("*.csv")) if with_daily or p.name != DAILY}
    steps: dict[str, float] = {}
    last = {"step": "", "at": time.perf_counter()}

    def progress(step: str, _fraction: float, _rows: int) -> None:
        now = time.perf_counter()
        steps[last["step"]] = steps.get(last["step"], 0.0) + now - last["at"]  # type: ignore[index]
        last.update(step=step, at=now)

    out = Path(tempfile.mkdtemp(prefix="bench_import_out_"))
    start = time.perf_counter()
    try:
        report = validate_and_stage(files, out / "stage", progress=progress)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    result = {
        "seconds": time.perf_counter() - start,
        "steps": steps,
        "rows": report.row_counts,
        "has_errors": report.has_errors,
        "counts": [list(row) for row in report.rule_counts()],
    }
    print(json.dumps(result))


def _run(cmd: list[str], *, env: dict[str, str] | None = None) -> tuple[str, float, float]:
    """Run a command to its end; return its output, wall seconds and peak RSS in MiB."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with status {status}:\n{output[-2000:]}")
    return output, time.perf_counter() - start, usage.ru_maxrss / 1024


def measure(folder: Path, with_daily: bool) -> tuple[dict, float]:  # type: ignore[type-arg]
    """Run one import in a child process; return its result and peak RSS in MiB."""
    cmd = [sys.executable, __file__, "--dir", str(folder), "--child"]
    if with_daily:
        cmd.append("--daily")
    output, _seconds, peak = _run(cmd)
    return json.loads(output.strip().splitlines()[-1]), peak


def file_seconds(steps: dict[str, float], file: str) -> float:
    """Seconds of the steps of one file: checking it, finding its bad lines, writing it."""
    table = file.removesuffix(".csv")
    return sum(
        seconds
        for step, seconds in steps.items()
        if step.endswith(f" {file}") or step == f"Writing {table}"
    )


SHARED_STEPS = ("Checking references between files", "Done")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--students", type=int, default=1_000_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--daily", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.dir, args.daily)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    ensure_files(args.dir, args.students)
    print(f"{'file':<28}{'rows':>14}{'seconds':>10}{'rows/s':>14}{'peak RSS MiB':>14}")
    for with_daily in (False, True):
        result, peak = measure(args.dir, with_daily)
        if result["has_errors"]:
            print("  the import reported errors:", result["counts"])
        names = [DAILY] if with_daily else [*TARGET_FILES]
        for name in names:
            rows, secs = result["rows"][name], file_seconds(result["steps"], name)
            print(f"{name:<28}{rows:>14,}{secs:>10.1f}{rows / secs:>14,.0f}{peak:>14,.0f}")
        if not with_daily:
            # The target files' own steps plus the checks across files they share.
            rows = sum(result["rows"][n] for n in TARGET_FILES)
            secs = sum(file_seconds(result["steps"], n) for n in TARGET_FILES)
            secs += sum(result["steps"].get(step, 0.0) for step in SHARED_STEPS)
            print(
                f"{'target files together':<28}{rows:>14,}{secs:>10.1f}{rows / secs:>14,.0f}"
                f"{peak:>14,.0f}   (target >= 1,000,000 rows/s)"
            )
        total_rows = sum(result["rows"].values())
        label = "whole import with daily" if with_daily else "whole import without daily"
        print(
            f"{label:<28}{total_rows:>14,}{result['seconds']:>10.1f}"
            f"{total_rows / result['seconds']:>14,.0f}{peak:>14,.0f}"
            + ("   (daily target <= 300 s, <= 4096 MiB)" if with_daily else "")
        )
        for step, secs in sorted(result["steps"].items(), key=lambda kv: -kv[1])[:8]:
            print(f"    {secs:8.1f} s  {step}")
    cli_imports(args.dir)


def cli_imports(folder: Path) -> None:
    """The whole ``districtwise import`` of the year without the daily file, as a data steward
    runs it (new SQLite database and data directory): first into a new district, which
    creates its schools and a staff record per teacher; then a newer extract of the year
    (one discipline row fewer) that replaces it."""
    work = Path(tempfile.mkdtemp(prefix="bench_cli_import_"))
    try:
        env = {**os.environ, "DISTRICTWISE_DATA_DIR": str(work / "var")}
        env.pop("DATABASE_URL", None)
        cli = str(Path(sys.executable).parent / "districtwise")
        _run([cli, "migrate", "-v", "0"], env=env)
        extract = work / "extract"
        extract.mkdir()
        for path in folder.glob("*.csv"):
            if path.name not in (DAILY, "discipline.csv"):
                (extract / path.name).symlink_to(path)
        lines = (folder / "discipline.csv").read_bytes().splitlines(keepends=True)
        (extract / "discipline.csv").write_bytes(b"".join(lines))
        counts = json.loads((folder / "manifest.json").read_text())["files"]
        rows = sum(n for name, n in counts.items() if name != DAILY)
        print(
            f"\n{'districtwise import (CLI)':<40}{'rows':>14}{'seconds':>10}{'rows/s':>14}"
            f"{'peak RSS MiB':>14}"
        )
        for label in ("first import, new district", "newer extract of the year"):
            if label.startswith("newer"):
                (extract / "discipline.csv").write_bytes(b"".join(lines[:-1]))
                rows -= 1
            output, secs, peak = _run([cli, "import", str(extract), "--district", "BENCH"], env=env)
            live = next((line for line in output.splitlines() if line.startswith("Live.")), "")
            print(f"{label:<40}{rows:>14,}{secs:>10.1f}{rows / secs:>14,.0f}{peak:>14,.0f}")
            print(f"    {live}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
