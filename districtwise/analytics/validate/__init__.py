"""Validate a folder of district data files against the contract and stage it as Parquet.

Public interface::

    from districtwise.analytics.validate import validate_and_stage, Problem, ValidationReport

DuckDB reads every file as VARCHAR (identifiers stay opaque strings) and every check runs
as SQL, so files of any size stream within ``memory_limit`` and spill to ``temp_dir``.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from districtwise.analytics import staging
from districtwise.analytics.contract import BY_NAME, FILES, FileSpec
from districtwise.analytics.validate import messages
from districtwise.analytics.validate.checks import BatchCheck
from districtwise.analytics.validate.engine import ImportCancelled, Progress, Session
from districtwise.analytics.validate.header import Header, read_header
from districtwise.analytics.validate.report import RULES, Problem, ProblemLog, ValidationReport
from districtwise.analytics.validate.scan import FileScan

HOLD_BYTES = 1 << 30  # files up to 1 GiB are parsed once and held while checked and written

__all__ = [
    "HOLD_BYTES",
    "RULES",
    "ImportCancelled",
    "Problem",
    "ValidationReport",
    "validate_and_stage",
]


def validate_and_stage(
    files: dict[str, Path],
    out_dir: Path,
    *,
    year_start_month: int = 7,
    year_start_day: int = 1,
    max_problems: int = 1000,
    memory_limit: str = "3GB",
    hold_bytes: int | None = None,
    temp_dir: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ValidationReport:
    """Check ``files`` (contract name -> path) and, when there is no error, stage them.

    With any error nothing is left in ``out_dir`` but scratch (the caller deletes it) and
    the report says ``has_errors``; otherwise ``out_dir`` holds the staging layout of
    ``districtwise.analytics.staging``. ``cancelled()`` returning True stops the work and
    raises ImportCancelled. Files up to ``hold_bytes`` (default ``HOLD_BYTES``) are parsed
    once and held in the engine while they are checked and written; larger ones are streamed
    (read twice, in constant memory).
    """
    started = time.perf_counter()
    _check_calendar(year_start_month, year_start_day)
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".validate-", dir=temp_dir or out_dir))
    log = ProblemLog(max_problems, {spec.name: i for i, spec in enumerate(FILES)})
    try:
        session = Session(
            memory_limit=memory_limit, temp_dir=scratch, progress=progress, cancelled=cancelled
        )
        try:
            hold = HOLD_BYTES if hold_bytes is None else hold_bytes
            calendar = (year_start_month, year_start_day)
            report = _run(session, files, out_dir, log, calendar, hold)
        finally:
            session.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _check_calendar(month: int, day: int) -> None:
    try:
        datetime.date(2023, month, day)  # not a leap year: 29 February cannot start a year
    except ValueError as exc:
        raise ValueError(f"the school year cannot start on month {month}, day {day}") from exc


def _scans(
    files: dict[str, Path], log: ProblemLog, calendar: tuple[int, int], hold: int
) -> dict[str, FileScan]:
    scans = {}
    for spec in FILES:
        path = files.get(spec.name)
        if path is None:
            if spec.required:
                log.add(messages.missing_file(spec.name))
            continue
        header = _header(spec, path, log)
        if header is not None:
            held = path.stat().st_size <= hold
            scans[spec.table] = FileScan(spec, path, header, *calendar, held=held)
    return scans


def _header(spec: FileSpec, path: Path, log: ProblemLog) -> Header | None:
    try:
        header = read_header(spec, path)
    except OSError as exc:
        log.add(messages.unreadable(spec.name, exc))
        return None
    for problem in header.problems:
        log.add(problem)
    return header if header.readable else None


def _run(
    session: Session,
    files: dict[str, Path],
    out_dir: Path,
    log: ProblemLog,
    calendar: tuple[int, int],
    hold: int,
) -> ValidationReport:
    scans = _scans({k: v for k, v in files.items() if k in BY_NAME}, log, calendar, hold)
    sizes = {t: max(float(s.path.stat().st_size), 1.0) for t, s in scans.items()}
    session.total_weight = 2 * sum(sizes.values()) or 1.0
    batch = BatchCheck(session, scans, log)
    staged: list[str] = []
    try:
        for table, scan in scans.items():
            session.step = f"Checking {scan.spec.name}"
            session.report()
            batch.summarise(scan, sizes[table])
            session.rows_done += batch.row_counts.get(scan.spec.name, 0)
            if scan.held and table in batch.summarised:
                if not log.has_errors:  # written now, so its rows can be let go
                    _stage(session, batch, scan, out_dir, sizes[table], log, staged)
                batch.release(scan)
        session.step = "Checking references between files"
        session.report()
        batch.relate()
        for table in batch.needs_locate():
            session.step = f"Finding the lines with problems in {scans[table].spec.name}"
            batch.locate(table, sizes[table])
        batch.collect()
        for table, scan in batch.summarised.items():
            if not scan.held and not log.has_errors:
                _stage(session, batch, scan, out_dir, sizes[table], log, staged)
    except ImportCancelled:
        staging.unstage(out_dir, staged)
        raise
    if log.has_errors:
        staging.unstage(out_dir, staged)  # nothing of a batch with errors is left staged
    rows_by_year = batch.rows_by_year()
    session.step = "Done"
    session.report(1.0, session.total_weight)
    unread = {name: 0 for name in files if name in BY_NAME and name not in batch.row_counts}
    return ValidationReport(
        problems=log.problems(),
        counts=dict(log.counts),
        row_counts={**unread, **batch.row_counts},
        rows_by_year=rows_by_year,
        years=sorted({year for counts in rows_by_year.values() for year in counts}),
        extra_columns={
            scan.spec.name: [name for name, _ in scan.header.extras]
            for scan in scans.values()
            if scan.header.extras
        },
        has_errors=log.has_errors,
    )


def _stage(
    session: Session,
    batch: BatchCheck,
    scan: FileScan,
    out_dir: Path,
    size: float,
    log: ProblemLog,
    staged: list[str],
) -> None:
    """Write one checked file; a failure to write it is a problem of the batch."""
    table = scan.table
    session.step = f"Writing {table}"
    session.report()
    years = sorted(batch.years_of(table))
    try:
        staging.stage_table(session.run, table, scan.stage_sql(), out_dir, years, size)
        staged.append(table)
    except duckdb.Error as exc:
        staging.unstage(out_dir, [table])
        if isinstance(exc, duckdb.InterruptException):
            raise ImportCancelled from exc
        log.add(messages.unreadable(scan.spec.name, exc))
    except ImportCancelled:
        staging.unstage(out_dir, [table])
        raise
