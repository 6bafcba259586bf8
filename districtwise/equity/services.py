"""Writes of the equity audit: change the settings (audited), queue and compute the audit,
queue and draw board reports.

The audit is computed once per set of live data and settings, by the background worker
(``Job(kind="audit")``) after every import that goes live and every settings change, and
stored as a Parquet file; pages and exports read that file through ``selectors``. A board
report asked for on the web is drawn by the worker too (``Job(kind="report")``), as the
person who asked may see it, and kept as a PDF file for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from districtwise.analytics.equity.spec import TIDY_COLUMNS, AuditSettings
from districtwise.core.audit import audit_record, changed_fields, snapshot
from districtwise.data import warehouse
from districtwise.data.models import Job
from districtwise.equity.models import AuditRun, BoardReport, EquitySettings
from districtwise.equity.selectors import current_run, district_audit_settings

Progress = Callable[[str, float], None]
SETTING_NAMES = tuple(f.name for f in fields(AuditSettings))
_TYPES: dict[str, type] = {"float": float, "int": int, "str": str, "dict": dict}


class AuditUnavailable(Exception):
    """There is nothing to audit (no live data) or the audit could not be computed."""


# ---------------------------------------------------------------- settings


def _coerce(name: str, value: Any) -> tuple[Any, str | None]:
    """The value as the setting's type, or a problem in words."""
    wanted = _TYPES[str(next(f.type for f in fields(AuditSettings) if f.name == name))]
    label = name.replace("_", " ").capitalize()
    if wanted is dict:
        return (value, None) if isinstance(value, dict) else (value, f"{label} must be a mapping.")
    if wanted is str:
        return str(value), None
    if isinstance(value, bool):
        return value, f"{label} must be a number."
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value, f"{label} must be a number."
    if not math.isfinite(number):
        return value, f"{label} must be a finite number."
    if wanted is int:
        if number != int(number):
            return value, f"{label} must be a whole number."
        return int(number), None
    return number, None


def settings_problems(candidate: AuditSettings) -> list[str]:
    """The spec's range checks plus the start of the school year being a real date."""
    found = candidate.problems()
    if not 1 <= candidate.year_start_month <= 12:
        found.append("The school year's first month must be between 1 and 12.")
    else:
        try:
            dt.date(2001, candidate.year_start_month, candidate.year_start_day)
        except ValueError:
            found.append("The school year's first day is not a day of that month.")
    return found


def equity_settings_update(*, actor, district, data: Mapping[str, Any]) -> EquitySettings:
    """Change the district's audit settings. Out-of-range values are refused with a
    ``ValidationError`` listing every problem, and nothing is saved; a change is written to
    the audit history (before and after) and queues a recompute of the audit."""
    unknown = sorted(set(data) - set(SETTING_NAMES))
    if unknown:
        raise ValidationError([f"There is no audit setting {name!r}." for name in unknown])
    coerced, problems = {}, []
    for name, value in data.items():
        coerced[name], problem = _coerce(name, value)
        if problem:
            problems.append(problem)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        row, _ = EquitySettings.objects.select_for_update().get_or_create(district=district)
        candidate = AuditSettings(**{**row.as_audit_settings().as_dict(), **coerced})
        problems = settings_problems(candidate)
        if problems:
            raise ValidationError(problems)  # rolls back the get_or_create too
        before = snapshot(row)
        for name, value in coerced.items():
            setattr(row, name, value)
        changes = changed_fields(before, snapshot(row))
        if changes:
            row.save()
            audit_record(actor=actor, district=district, action="update", obj=row, changes=changes)
            audit_queue(district=district, actor=actor, reason="settings changed")
    return row


# ---------------------------------------------------------------- the run cache


def settings_hash(audit_settings: AuditSettings) -> str:
    text = json.dumps(audit_settings.as_dict(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def audit_fingerprint(district) -> tuple[str, list[int], AuditSettings]:
    """What an audit of the district would be computed from now: the ids of the live
    dataset versions and the settings hash, hashed together."""
    version_ids = sorted(warehouse.live_versions(district).values_list("id", flat=True))
    audit_settings = district_audit_settings(district=district)
    text = json.dumps({"versions": version_ids, "settings": settings_hash(audit_settings)})
    return hashlib.sha256(text.encode()).hexdigest(), version_ids, audit_settings


def audit_dir(district) -> Path:
    return Path(django_settings.DATA_DIR) / "audits" / district.code


def fresh_run(district) -> AuditRun | None:
    """The finished run of the live data and settings as they are now, if there is one."""
    fingerprint, _, _ = audit_fingerprint(district)
    run = AuditRun.objects.filter(
        district=district, fingerprint=fingerprint, status=AuditRun.Status.SUCCEEDED
    ).first()
    return run if run is not None and Path(run.path).exists() else None


def audit_queue(*, district, actor=None, reason: str = "") -> Job:
    """Queue a recompute of the district's audit for the worker (one waiting job at most)."""
    waiting = Job.objects.filter(kind="audit", district=district, status=Job.Status.QUEUED)
    return waiting.first() or Job.objects.create(
        kind="audit", district=district, created_by=actor, params={"reason": reason}
    )


def audit_compute(*, district, progress: Progress | None = None) -> AuditRun:
    """Compute the audit of the district's live data with its settings, unless it has been
    computed already, and store the unsuppressed tidy table as Parquet.

    All or nothing: the run becomes current only once its file is complete; until then (and
    if it fails) the previous run stays current. Raises ``AuditUnavailable`` when no data is
    live or the computation fails (the failed run is recorded with its message)."""
    say = progress or (lambda step, fraction: None)
    done = fresh_run(district)
    if done is not None:
        say("Already computed", 1.0)
        return done
    fingerprint, version_ids, audit_settings = audit_fingerprint(district)
    if not version_ids:
        raise AuditUnavailable(f"No data is live for {district.code}: import the files first.")
    run = AuditRun.objects.create(
        district=district,
        fingerprint=fingerprint,
        version_ids=version_ids,
        settings_hash=settings_hash(audit_settings),
        settings=audit_settings.as_dict(),
        started_at=timezone.now(),
    )
    started = time.monotonic()
    target = audit_dir(district) / f"{run.key.hex}.parquet"
    try:
        table = _compute(district, audit_settings, say)
        _write(table, target, say)
    except Exception as exc:  # the run ends failed, the previous one stays current
        target.with_suffix(".partial").unlink(missing_ok=True)
        message = f"The audit could not be computed: {exc}"
        _end(run, AuditRun.Status.FAILED, started, message=message)
        raise AuditUnavailable(message) from exc
    years = sorted({int(y) for y in table.column("school_year").to_pylist() if y is not None})
    _end(run, AuditRun.Status.SUCCEEDED, started, path=target, rows=table.num_rows, years=years)
    _prune(district, keep=run)
    say("Placing the schools in support tiers", 0.95)
    _after_audit(district)
    say("Done", 1.0)
    return run


def _after_audit(district) -> None:
    """What is computed from the audit follows it: the schools' support tiers (strategy;
    a failure there is logged and leaves the audit current)."""
    from districtwise.strategy.services.tiers import placements_after_audit

    placements_after_audit(district=district)


def _compute(district, audit_settings: AuditSettings, say: Progress) -> pa.Table:
    from districtwise.analytics.engine import close, connect, load_tables
    from districtwise.analytics.equity.metrics import compute_audit

    say("Loading the live data", 0.05)
    con = connect(django_settings.ANALYTICS_ENGINE, spark_master=django_settings.SPARK_MASTER_URL)
    try:
        tables = load_tables(con, warehouse.live_files(district))
        say("Computing the metrics", 0.2)
        table = compute_audit(con, tables, district_id=district.code, settings=audit_settings)
    finally:
        close(con)
    missing = [c for c in TIDY_COLUMNS if c not in table.column_names]
    if missing:
        raise ValueError(f"the result lacks the columns {', '.join(missing)}")
    return table.select(list(TIDY_COLUMNS))


def _write(table: pa.Table, target: Path, say: Progress) -> None:
    say("Storing the result", 0.9)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    pq.write_table(table, partial)
    os.replace(partial, target)


def _end(run: AuditRun, status: str, started: float, *, message="", path=None, rows=0, years=()):
    run.status = status
    run.message = message
    run.finished_at = timezone.now()
    run.seconds = time.monotonic() - started
    run.path = str(path) if path else ""
    run.row_count = rows
    run.years = list(years)
    run.save()


def _prune(district, *, keep: AuditRun) -> None:
    """Remove the files of runs older than the one before ``keep`` (a page may still be
    reading the previous one)."""
    finished = AuditRun.objects.filter(district=district, status=AuditRun.Status.SUCCEEDED)
    for old in finished.exclude(pk=keep.pk).order_by("-finished_at", "-id")[1:]:
        if old.path:
            Path(old.path).unlink(missing_ok=True)
        for report in old.reports.exclude(path=""):  # drawn from figures no longer kept
            Path(report.path).unlink(missing_ok=True)


# ---------------------------------------------------------------- the worker's side


def audit_job_run(*, job: Job) -> str:
    """Run a claimed audit job to the end; returns the message it finished with."""
    from districtwise.data.services import JobReporter

    report = JobReporter(job)
    try:
        run = audit_compute(district=job.district, progress=lambda s, f: report(s, f))
        status, message = Job.Status.SUCCEEDED, f"The audit is current ({run.row_count} figures)."
    except AuditUnavailable as exc:
        status, message = Job.Status.FAILED, str(exc)
    _job_end(job, status, message)
    return message


def _job_end(job: Job, status: str, message: str) -> None:
    job.refresh_from_db(fields=["progress"])
    Job.objects.filter(pk=job.pk).update(
        status=status,
        message=message,
        finished_at=timezone.now(),
        progress=1.0 if status == Job.Status.SUCCEEDED else job.progress,
    )


# ---------------------------------------------------------------- board reports


class ReportCancelled(Exception):
    """The person who asked for a board report cancelled it while it was being drawn."""


def reports_dir(district) -> Path:
    return Path(django_settings.DATA_DIR) / "reports" / district.code


def board_report_request(*, actor, district, school_year: int) -> BoardReport:
    """The board report of ``school_year`` for ``actor``, as their scope shows it: the one
    already drawn (or being drawn) from the current audit for the same reach if there is
    one, else a new one queued for the worker. Raises ``AuditUnavailable`` when the
    current audit, as they may see it, has no such year."""
    from districtwise.core.scopes import scope_for
    from districtwise.equity.access import scope_key

    run = current_run(user=actor, district=district)
    if run is None or school_year not in run.years:
        raise AuditUnavailable(f"The audit has no figures for {school_year} that you may see.")
    key = scope_key(scope_for(actor, district))
    alive = [Job.Status.QUEUED, Job.Status.RUNNING, Job.Status.SUCCEEDED]
    same = BoardReport.objects.filter(
        district=district, requested_by=actor, audit_run=run, school_year=school_year
    ).filter(scope_key=key, job__status__in=alive)
    for report in same.select_related("job").order_by("-created_at", "-id"):
        if report.job.status != Job.Status.SUCCEEDED or Path(report.path).is_file():
            return report
    with transaction.atomic():
        job = Job.objects.create(
            kind="report", district=district, created_by=actor, params={"school_year": school_year}
        )
        return BoardReport.objects.create(
            district=district,
            requested_by=actor,
            job=job,
            audit_run=run,
            school_year=school_year,
            scope_key=key,
        )


def board_report_cancel(*, actor, report: BoardReport) -> Job:
    """Stop a board report: at once if it waits, at its next stage if it is being drawn."""
    from districtwise.data.services import job_cancel

    return job_cancel(actor=actor, job=report.job)


def board_report_job_run(*, job: Job) -> str:
    """Draw a claimed report job's PDF as the person who asked may see it (their scope,
    through the same selectors as the pages) and store it; returns the message it
    finished with. A report ends failed, with the reason, when their access changed since
    they asked or the drawing fails; its partial file is removed."""
    from districtwise.data.services import JobReporter

    report = BoardReport.objects.select_related("requested_by", "district").get(job=job)
    reporter = JobReporter(job)

    def progress(step: str, fraction: float) -> None:
        reporter(step, fraction)
        if reporter.cancelled():
            raise ReportCancelled

    target = reports_dir(report.district) / f"{report.key.hex}.pdf"
    try:
        _board_report_draw(report, target, progress)
        reporter("Done", 1.0)
        status = Job.Status.SUCCEEDED
        message = f"The board report is ready: {report.pages} pages."
    except ReportCancelled:
        status, message = Job.Status.CANCELLED, "Cancelled on request."
    except AuditUnavailable as exc:
        status, message = Job.Status.FAILED, str(exc)
    except Exception as exc:  # the job must end, and say why
        status, message = Job.Status.FAILED, f"The board report could not be drawn: {exc}"
    finally:
        target.with_suffix(".partial").unlink(missing_ok=True)
    _job_end(job, status, message)
    return message


def _board_report_draw(report: BoardReport, target: Path, progress: Progress) -> None:
    from districtwise.core.scopes import scope_for
    from districtwise.equity.access import scope_key
    from districtwise.equity.report_pdf import board_report_drawn

    user, district = report.requested_by, report.district
    if scope_key(scope_for(user, district)) != report.scope_key:
        raise AuditUnavailable(
            "Your access to the audit changed after you asked for this report, so it was not "
            "drawn: ask for it again."
        )
    run = current_run(user=user, district=district)
    if run is None or report.school_year not in run.years:
        raise AuditUnavailable("The audit no longer has figures for that year.")
    report.audit_run = run  # the run it is drawn from: a newer one may have become current
    drawn = board_report_drawn(
        user=user, district=district, school_year=report.school_year, progress=progress
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(drawn.pdf)
    os.replace(partial, target)
    report.path, report.size, report.pages = str(target), len(drawn.pdf), drawn.pages
    report.save(update_fields=["audit_run", "path", "size", "pages", "updated_at"])


def board_reports_debris_remove() -> list[Path]:
    """Remove the partial files of reports no worker is drawing (after a crash)."""
    drawing = {
        key.hex
        for key in BoardReport.objects.filter(job__status=Job.Status.RUNNING).values_list(
            "key", flat=True
        )
    }
    root = Path(django_settings.DATA_DIR) / "reports"
    removed = [p for p in root.glob("*/*.partial") if p.stem not in drawing]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
