"""Writes of coverage: compute a run over a period from the teaching roster and the
delivery logs, and store it as Parquet so that pages read it at once.

The roster and the logs are read from the database straight into Arrow columns, in chunks
(no model instances); the computation is ``districtwise.analytics.supports.coverage``.
A run becomes current only once its files are complete; a failed run is recorded with
its message and the previous one stays current.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone

from districtwise.analytics.supports import coverage as computing
from districtwise.core.audit import audit_record
from districtwise.organization.models import SchoolYear
from districtwise.supports.models import CoverageRun, LogAttendee, Support, TeacherAssignment

Progress = Callable[[str, float], None]
CHUNK = 100_000
FILES = ("teachers", "memberships", "rollups")


class CoverageUnavailable(Exception):
    """Coverage cannot be computed (no period, nothing to compute from, or a failure)."""


def default_period(
    district, *, today: dt.date | None = None
) -> tuple[int | None, dt.date, dt.date]:
    """The current school year of the district's calendar (else the newest), up to today
    when it is not over: coverage of a year in progress is measured on the days so far."""
    today = today or timezone.localdate()
    years = SchoolYear.objects.filter(district=district)
    year = years.filter(is_current=True).first() or years.order_by("-year").first()
    if year is None:
        raise CoverageUnavailable("The district has no school year to measure coverage over.")
    return year.year, year.starts_on, min(year.ends_on, max(today, year.starts_on))


def school_tiers(district) -> dict[int, int | None]:
    """Each school's support tier: the newest placement of strategy's tiers, with the
    superintendent's overrides (none: no school is placed)."""
    from districtwise.strategy.models import PlacementRun, TierOverride

    run = PlacementRun.objects.filter(district=district).order_by("-created_at", "-id").first()
    tiers: dict[int, int | None] = {}
    if run is not None:
        tiers.update(run.placements.values_list("school_id", "tier"))
    overrides = TierOverride.objects.filter(school__district=district)
    tiers.update(overrides.values_list("school_id", "tier"))
    return tiers


def _columns(rows: Iterable[tuple], schema: pa.Schema) -> pa.Table:
    """Rows read in chunks, turned into Arrow record batches chunk by chunk."""
    batches, chunk = [], []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            batches.append(_batch(chunk, schema))
            chunk = []
    if chunk:
        batches.append(_batch(chunk, schema))
    return pa.Table.from_batches(batches, schema=schema)


def _batch(chunk: list[tuple], schema: pa.Schema) -> pa.RecordBatch:
    columns = zip(*chunk, strict=True)
    arrays = [pa.array(list(v), type=f.type) for v, f in zip(columns, schema, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def read_assignments(district, starts_on: dt.date, ends_on: dt.date) -> pa.Table:
    """The roster rows overlapping the period, with each school's network and tier."""
    tiers = school_tiers(district)
    rows = (
        TeacherAssignment.objects.filter(district=district, starts_on__lte=ends_on)
        .exclude(ends_on__lt=starts_on)
        .values_list(
            "teacher_id",
            "school_id",
            "school__network_id",
            "starts_on",
            "ends_on",
            "years_experience",
            "subject",
            "grade_low",
            "grade_high",
        )
        .iterator(chunk_size=CHUNK)
    )
    placed = ((r[0], r[1], r[2], tiers.get(r[1]), *r[3:]) for r in rows)
    return _columns(placed, computing.ASSIGNMENT_SCHEMA)


def read_supports(district) -> pa.Table:
    """The district's active supports with their audience and nonnegotiables."""
    fields = ["id", *computing.SUPPORT_SCHEMA.names[1:]]
    rows = Support.objects.filter(district=district, is_active=True).values_list(*fields)
    return _columns(rows, computing.SUPPORT_SCHEMA)


def read_deliveries(district, starts_on: dt.date, ends_on: dt.date) -> pa.Table:
    """One row per delivery and teacher who received it, in the period."""
    rows = (
        LogAttendee.objects.filter(
            log__district=district, log__delivered_on__range=(starts_on, ends_on)
        )
        .values_list(
            "log__support_id", "teacher_id", "log__school_id", "log__delivered_on", "log__minutes"
        )
        .iterator(chunk_size=CHUNK)
    )
    return _columns(rows, computing.DELIVERY_SCHEMA)


def coverage_dir(district) -> Path:
    return Path(django_settings.DATA_DIR) / "coverage" / district.code


def coverage_compute(
    *,
    district,
    actor,
    period: tuple[dt.date, dt.date] | None = None,
    progress: Progress | None = None,
) -> CoverageRun:
    """Compute coverage of ``district`` over ``period`` (first and last day; default: the
    current school year so far) and store it. Raises ``CoverageUnavailable`` for a period
    that ends before it starts, and when the computation fails (the failed run is kept
    with its message; the previous run stays current)."""
    say = progress or (lambda step, fraction: None)
    school_year, starts_on, ends_on = _period(district, period)
    with transaction.atomic():
        run = CoverageRun.objects.create(
            district=district,
            school_year=school_year,
            starts_on=starts_on,
            ends_on=ends_on,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        period_changes: dict[str, list[Any]] = {
            "school_year": [None, school_year],
            "starts_on": [None, starts_on.isoformat()],
            "ends_on": [None, ends_on.isoformat()],
        }
        audit_record(
            actor=actor, district=district, action="create", obj=run, changes=period_changes
        )
    started = time.monotonic()
    try:
        result, sources = _compute(district, starts_on, ends_on, say)
        say("Storing the result", 0.9)
        folder = _store(district, run, result)
    except Exception as exc:  # the run ends failed; the previous one stays current
        _finish(run, actor, started, status=CoverageRun.Status.FAILED, message=str(exc))
        raise CoverageUnavailable(f"Coverage could not be computed: {exc}") from exc
    _finish(run, actor, started, status=CoverageRun.Status.SUCCEEDED, path=folder, sources=sources)
    _prune(district, keep=run)
    say("Done", 1.0)
    return run


def _period(district, period) -> tuple[int | None, dt.date, dt.date]:
    if period is None:
        return default_period(district)
    starts_on, ends_on = period
    if ends_on < starts_on:
        raise CoverageUnavailable(
            f"The period ends ({ends_on:%d %B %Y}) before it starts ({starts_on:%d %B %Y})."
        )
    year = SchoolYear.objects.filter(
        district=district, starts_on__lte=starts_on, ends_on__gte=ends_on
    ).first()
    return (year.year if year else None), starts_on, ends_on


def _compute(district, starts_on, ends_on, say: Progress):
    from districtwise.analytics.engine import close, connect

    say("Reading the teaching roster", 0.05)
    assignments = read_assignments(district, starts_on, ends_on)
    supports = read_supports(district)
    say("Reading the delivery logs", 0.2)
    deliveries = read_deliveries(district, starts_on, ends_on)
    say("Computing coverage", 0.5)
    con = connect("duckdb")
    try:
        result = computing.compute_coverage(
            con,
            assignments=assignments,
            supports=supports,
            deliveries=deliveries,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    finally:
        close(con)
    sources = {
        "assignments": assignments.num_rows,
        "supports": supports.num_rows,
        "deliveries": deliveries.num_rows,
        "placement_run": _placement_run_id(district),
    }
    return result, sources


def _placement_run_id(district) -> int | None:
    from districtwise.strategy.models import PlacementRun

    newest = PlacementRun.objects.filter(district=district).order_by("-created_at", "-id")
    return newest.values_list("id", flat=True).first()


def _store(district, run: CoverageRun, result: computing.CoverageResult) -> Path:
    """Write the three tables into a partial folder, then move it in place at once."""
    folder = coverage_dir(district) / run.key.hex
    partial = folder.with_suffix(".partial")
    partial.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        pq.write_table(getattr(result, name), partial / f"{name}.parquet")
    os.replace(partial, folder)
    return folder


def _finish(
    run: CoverageRun, actor, started: float, *, status, message="", path=None, sources=None
):
    with transaction.atomic():
        before = {"status": run.status}
        run.status = status
        run.message = message
        run.computed_at = timezone.now()
        run.seconds = time.monotonic() - started
        run.path = str(path) if path else ""
        run.sources = sources or {}
        run.save()
        audit_record(
            actor=actor,
            district=run.district,
            action="update",
            obj=run,
            changes={"status": [before["status"], status]},
        )


def _prune(district, *, keep: CoverageRun) -> None:
    """Remove the files of finished runs of the same period older than the one before
    ``keep`` (a page may still be reading the previous one)."""
    done = CoverageRun.objects.filter(
        district=district,
        status=CoverageRun.Status.SUCCEEDED,
        starts_on=keep.starts_on,
        ends_on=keep.ends_on,
    )
    for old in done.exclude(pk=keep.pk).order_by("-computed_at", "-id")[1:]:
        if old.path:
            shutil.rmtree(old.path, ignore_errors=True)
