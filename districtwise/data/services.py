"""Writes of the data app: queue an import, run it as one all-or-nothing batch, restore."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from districtwise.core.audit import audit_record
from districtwise.data import warehouse
from districtwise.data.models import DatasetVersion, ImportBatch, Job
from districtwise.data.organization_sync import organization_sync, staff_people_sync
from districtwise.data.signals import live_data_changed
from districtwise.organization.models import District

log = logging.getLogger(__name__)

Status = ImportBatch.Status


class ImportRefused(Exception):
    """The import cannot start (no such district, nothing to import…); nothing changed."""


def district_for_import(*, code: str, create: bool) -> tuple[District, bool]:
    """The district to import into; created (and said so) when it does not exist yet."""
    district = District.objects.filter(code=code).first()
    if district is not None:
        return district, False
    if not create:
        raise ImportRefused(f"There is no district {code!r}.")
    if not code.replace("-", "").replace("_", "").isalnum() or len(code) > 40:
        raise ImportRefused(f"{code!r} cannot be a district id: use letters, digits and dashes.")
    return District.objects.create(code=code, name=code), True


@transaction.atomic
def import_queue(*, actor, district: District, source: Path, source_name: str) -> Job:
    """Record an import of ``source`` (a folder, CSV or zip already on our disk) as a
    queued batch and job. The files are moved under the data directory first."""
    batch = ImportBatch.objects.create(
        district=district, created_by=actor, source_name=source_name[:300]
    )
    target = warehouse.upload_dir(batch)
    if source.is_file():
        target.mkdir(parents=True)
        destination = target / source.name
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        destination = target
    shutil.move(str(source), destination)
    return Job.objects.create(
        kind="import",
        district=district,
        batch=batch,
        created_by=actor,
        params={"source": str(destination)},
    )


class JobReporter:
    """Writes a job's progress to the database (at most twice a second) and answers
    whether someone asked to cancel it."""

    def __init__(self, job: Job, echo: Callable[[str, float, int], None] | None = None):
        self.job = job
        self.echo = echo
        self.last = 0.0
        self.cancel = False

    def __call__(self, step: str, fraction: float, rows: int = 0) -> None:
        if self.echo:
            self.echo(step, fraction, rows)
        now = time.monotonic()
        if now - self.last < 0.5 and fraction < 1:
            return
        self.last = now
        Job.objects.filter(pk=self.job.pk).update(
            step=step[:200],
            progress=min(max(fraction, 0.0), 1.0),
            rows=rows,
            heartbeat_at=timezone.now(),
        )
        self.cancel = Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists()

    def cancelled(self) -> bool:
        return self.cancel


def job_claim(job: Job) -> bool:
    """Mark a queued job as running in this process; False if another worker took it."""
    claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        worker_pid=os.getpid(),
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    if claimed and job.batch_id is not None:
        ImportBatch.objects.filter(pk=job.batch_id).update(status=Status.RUNNING)
        job.refresh_from_db()
    return bool(claimed)


def import_run(*, job: Job, echo: Callable[[str, float, int], None] | None = None) -> ImportBatch:
    """Run a claimed import job to the end: live, unchanged, rejected, cancelled or failed.

    Whatever happens, the data that was live before stays live unless this batch becomes
    live as a whole in the final transaction.
    """
    batch = job.batch
    assert batch is not None
    from districtwise.analytics.unpack import UnpackError
    from districtwise.analytics.validate import ImportCancelled

    report = JobReporter(job, echo)
    started = time.monotonic()
    try:
        outcome, message = _import_steps(batch, Path(job.params["source"]), report)
    except ImportCancelled:
        outcome, message = Status.CANCELLED, "Cancelled on request; nothing changed."
    except (UnpackError, ImportRefused) as exc:
        if isinstance(exc.__cause__, OSError) and not isinstance(exc.__cause__, ValueError):
            # the disk, not the files: a full disk or a file-size limit while unpacking
            outcome, message = Status.FAILED, f"The import failed and nothing changed: {exc}"
        else:
            outcome, message = Status.REJECTED, f"{exc}. Nothing changed."
    except Exception as exc:  # the batch must end failed, never half done
        outcome, message = Status.FAILED, f"The import failed and nothing changed: {exc}"
    finally:
        for leftover in (warehouse.staging_dir(batch), warehouse.work_dir(batch)):
            shutil.rmtree(leftover, ignore_errors=True)
        # The uploaded copy has done its work: the batch's tables keep every column.
        shutil.rmtree(warehouse.upload_dir(batch), ignore_errors=True)
    _finish(job, batch, outcome, message, time.monotonic() - started)
    return batch


def storable(value):
    """Text as the database can keep it: PostgreSQL refuses NUL characters in text and JSON,
    and a report quotes whatever bytes the files held."""
    if isinstance(value, str):
        return value.replace("\x00", "\\x00")
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [storable(v) for v in value]
    return value


def _finish(job: Job, batch: ImportBatch, outcome: str, message: str, seconds: float) -> None:
    now = timezone.now()
    message = storable(message)
    batch.status = outcome
    batch.message = message
    batch.seconds = seconds
    batch.finished_at = now
    batch.save()
    if outcome == Status.LIVE:
        from districtwise.equity.services import audit_queue

        audit_queue(district=batch.district, actor=batch.created_by, reason="import went live")
        _tell_live_data_changed(district=batch.district, actor=batch.created_by)
    if outcome not in (Status.LIVE, Status.UNCHANGED):
        # Debris only: a rejected or failed batch never had a version pointing at it.
        shutil.rmtree(warehouse.batch_dir(batch), ignore_errors=True)
    job_status: str = {
        str(Status.LIVE): Job.Status.SUCCEEDED,
        str(Status.UNCHANGED): Job.Status.SUCCEEDED,
        str(Status.CANCELLED): Job.Status.CANCELLED,
    }.get(outcome, Job.Status.FAILED)
    Job.objects.filter(pk=job.pk).update(
        status=job_status,
        message=message,
        finished_at=now,
        progress=1.0 if job_status == Job.Status.SUCCEEDED else job.progress,
    )


def _import_steps(batch: ImportBatch, source: Path, report: JobReporter) -> tuple[str, str]:
    from districtwise.analytics.oneroster import oneroster_to_contract
    from districtwise.analytics.unpack import gather_files
    from districtwise.analytics.validate import validate_and_stage

    report("Reading the files", 0.0)
    work = warehouse.work_dir(batch)
    gathered = gather_files(
        source,
        work / "unpacked",
        max_file_bytes=settings.IMPORT_MAX_FILE_BYTES,
        max_zip_ratio=settings.IMPORT_MAX_ZIP_RATIO,
    )
    batch.source_kind = gathered.kind
    extra_warnings = [_ignored_file_problem(name) for name in gathered.ignored]
    files = gathered.files
    people: list = []
    if gathered.kind == "oneroster":
        converted = oneroster_to_contract(files, work / "contract")
        # A roster has no experience or FTE, which staff.csv requires: staff become
        # person records (names, school) instead of staff rows.
        files = {n: p for n, p in converted.files.items() if n != "staff.csv"}
        people = list(converted.people)
        extra_warnings += [_unmapped_problem(item) for item in converted.unmapped]
    extra_warnings = storable(extra_warnings)
    batch.fingerprint, batch.file_hashes = warehouse.fingerprint(files)
    if _same_as_live(batch):
        batch.problems = storable(extra_warnings)
        return Status.UNCHANGED, "These files are identical to the live data: nothing changed."
    staged = warehouse.staging_dir(batch)
    (work / "duckdb").mkdir(parents=True, exist_ok=True)
    result = validate_and_stage(
        files,
        staged,
        progress=lambda s, f, r: report(s, 0.05 + f * 0.85, r),
        cancelled=report.cancelled,
        temp_dir=work / "duckdb",
    )
    extra_warnings += storable(_tables_left_out(batch.district, result.rows_by_year))
    _keep_report(batch, result, extra_warnings)
    if result.has_errors:
        return Status.REJECTED, f"{batch.error_count} problems must be corrected; nothing changed."
    report("Making the data live", 0.92, sum(result.row_counts.values()))
    warehouse.merge_unversioned(staged, batch.district)
    final = warehouse.batch_dir(batch)
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, final)
    _make_live(batch, result.rows_by_year, final, people)
    report("Done", 1.0, sum(result.row_counts.values()))
    return Status.LIVE, _live_message(batch)


def _same_as_live(batch: ImportBatch) -> bool:
    twin = (
        ImportBatch.objects.filter(
            district=batch.district, fingerprint=batch.fingerprint, status=Status.LIVE
        )
        .exclude(pk=batch.pk)
        .first()
    )
    if twin is None:
        return False
    versions = list(twin.versions.all())
    return bool(versions) and all(v.is_live for v in versions)


def _keep_report(batch: ImportBatch, result, extra: list[dict]) -> None:
    problems = [p.__dict__ if hasattr(p, "__dict__") else dict(p) for p in result.problems]
    batch.problems = storable((problems + extra)[:1000])
    batch.problem_counts = storable([list(row) for row in result.rule_counts()])
    batch.error_count = sum(n for (_, _, sev), n in result.counts.items() if sev == "error")
    batch.warning_count = sum(n for (_, _, sev), n in result.counts.items() if sev == "warning")
    batch.warning_count += len(extra)
    batch.row_counts = result.row_counts
    batch.rows_by_year = {
        t: {str(y): n for y, n in ys.items()} for t, ys in result.rows_by_year.items()
    }
    batch.years = sorted(result.years)


def _tables_left_out(district, rows_by_year: dict) -> list[dict]:
    """A warning for each table the live data of a year has and these files do not: a
    batch replaces the years it covers as a whole, so that table would be empty."""
    years = {year for counts in rows_by_year.values() for year in counts}
    live = DatasetVersion.objects.filter(district=district, is_live=True, school_year__in=years)
    out = []
    for version in live.order_by("school_year"):
        year = version.school_year
        label = f"{year - 1}-{str(year)[-2:]}"
        for table, rows in sorted(version.row_counts.items()):
            if rows and not rows_by_year.get(table, {}).get(year):
                out.append(
                    {
                        "file": f"{table}.csv",
                        "line": None,
                        "column": None,
                        "value": None,
                        "rule": "table_left_out",
                        "severity": "warning",
                        "message": (
                            f"{table}.csv has no rows for {label} in these files, while the "
                            f"live data has {rows:,}. These files replace {label} as a whole: "
                            f"once they are live, {label} has no {table} rows. The version "
                            "they replace stays listed and can be restored."
                        ),
                    }
                )
    return out


def _ignored_file_problem(name: str) -> dict:
    return {
        "file": name,
        "line": None,
        "column": None,
        "value": None,
        "rule": "unknown_file",
        "severity": "warning",
        "message": f"{name} is not a file of the contract; it was ignored.",
    }


def _unmapped_problem(item) -> dict:
    return {
        "file": item.file,
        "line": item.line,
        "column": item.column,
        "value": item.value,
        "rule": "oneroster_unmapped",
        "severity": "warning",
        "message": item.reason,
    }


def _tell_live_data_changed(*, district, actor) -> None:
    """Let listeners refresh what they derive from the files; one failing listener is
    logged and does not undo the import, which is live already."""
    for receiver, outcome in live_data_changed.send_robust(
        sender=ImportBatch, district=district, actor=actor
    ):
        if isinstance(outcome, Exception):
            log.error("After the data changed, %s failed: %s", receiver, outcome)


@transaction.atomic
def _make_live(batch: ImportBatch, rows_by_year: dict, final: Path, people: list) -> None:
    """The one transaction that switches the batch's years to live."""
    now = timezone.now()
    for year in sorted({int(y) for ys in rows_by_year.values() for y in ys} | set(batch.years)):
        counts = {t: ys.get(year, 0) for t, ys in rows_by_year.items() if ys.get(year)}
        DatasetVersion.objects.filter(
            district=batch.district, school_year=year, is_live=True
        ).update(is_live=False)
        DatasetVersion.objects.create(
            district=batch.district,
            school_year=year,
            batch=batch,
            row_counts=counts,
            is_live=True,
            made_live_at=now,
        )
    batch.status = Status.LIVE
    batch.save()
    organization_sync(
        district=batch.district,
        actor=batch.created_by,
        schools_file=final / "schools" / "data.parquet",
    )
    if people:
        staff_people_sync(district=batch.district, actor=batch.created_by, people=people)


def _live_message(batch: ImportBatch) -> str:
    years = ", ".join(f"{y - 1}-{str(y)[-2:]}" for y in batch.years)
    rows = sum(batch.row_counts.values())
    return f"{rows:,} rows are live for {years}."


@transaction.atomic
def dataset_version_restore(*, actor, version: DatasetVersion) -> DatasetVersion:
    """Make an earlier version of a school year live again (and say so in the history)."""
    current = DatasetVersion.objects.filter(
        district=version.district, school_year=version.school_year, is_live=True
    ).first()
    if current == version:
        return version
    if current is not None:
        DatasetVersion.objects.filter(pk=current.pk).update(is_live=False)
    version.is_live = True
    version.made_live_at = timezone.now()
    version.save(update_fields=["is_live", "made_live_at", "updated_at"])
    audit_record(
        actor=actor,
        district=version.district,
        action="update",
        obj=version,
        changes={"live version": [str(current) if current else None, str(version)]},
    )
    from districtwise.equity.services import audit_queue

    audit_queue(district=version.district, actor=actor, reason="earlier version restored")
    _tell_live_data_changed(district=version.district, actor=actor)
    return version


INTERRUPTED = {
    "import": "Interrupted by a restart; nothing changed. Import the files again.",
    "audit": "Interrupted by a restart; the previous audit stays current.",
    "report": "Interrupted by a restart before the report was finished: ask for it again.",
}


def jobs_recover() -> list[Job]:
    """At worker start: jobs left running by a process that is gone are marked failed (with
    a message for their kind), and their batches with them; debris on disk (half-written
    imports, half-written board reports) is removed. The live data is untouched."""
    stale = list(Job.objects.filter(status=Job.Status.RUNNING))
    for job in stale:
        if job.worker_pid and _process_alive(job.worker_pid) and job.worker_pid != os.getpid():
            continue
        message = INTERRUPTED.get(job.kind, INTERRUPTED["import"])
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, message=message, finished_at=timezone.now()
        )
        ImportBatch.objects.filter(job=job, status__in=["queued", "running"]).update(
            status=Status.FAILED, message=message, finished_at=timezone.now()
        )
    warehouse.remove_debris()
    from districtwise.equity.services import board_reports_debris_remove

    board_reports_debris_remove()
    return stale


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def job_cancel(*, actor, job: Job) -> Job:
    """Ask a queued or running job to stop; a queued one stops at once."""
    del actor
    # Conditional on the status in the database: a worker may have claimed it meanwhile.
    stopped = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
        status=Job.Status.CANCELLED,
        message="Cancelled before it started.",
        finished_at=timezone.now(),
    )
    if stopped:
        ImportBatch.objects.filter(job=job).update(status=Status.CANCELLED)
    else:
        Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(cancel_requested=True)
    job.refresh_from_db()
    return job
