"""What ``districtwise import`` does: copy the files in, run or queue the batch, report."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from districtwise.data import services
from districtwise.data.models import ImportBatch

EXIT_OK, EXIT_REJECTED, EXIT_FAILED = 0, 1, 2


def import_command(
    *, path: Path, district_code: str, queue: bool, progress, console: Console
) -> int:
    """Returns the exit code: 0 live or unchanged, 1 rejected (errors in the files), 2 failed."""
    if not path.exists():
        console.print(f"[bold red]Error:[/] {path} does not exist.")
        return EXIT_FAILED
    try:
        district, created = services.district_for_import(code=district_code, create=True)
    except services.ImportRefused as exc:
        console.print(f"[bold red]Error:[/] {exc}")
        return EXIT_FAILED
    if created:
        console.print(f"District {district_code!r} did not exist: it has been created.")
    services.jobs_recover()
    job = services.import_queue(
        actor=None, district=district, source=_copy(path), source_name=path.name
    )
    if queue:
        console.print(f"Queued as job {job.pk}; 'districtwise worker' will run it.")
        return EXIT_OK
    services.job_claim(job)
    with progress() as bar:
        task = bar.add_task("Importing", total=100)

        def echo(step: str, fraction: float, rows: int) -> None:
            bar.update(task, description=f"{step} ({rows:,} rows)", completed=fraction * 100)

        batch = services.import_run(job=job, echo=echo)
    _print_report(batch, console)
    outcomes: dict[str, int] = {
        ImportBatch.Status.LIVE: EXIT_OK,
        ImportBatch.Status.UNCHANGED: EXIT_OK,
        ImportBatch.Status.REJECTED: EXIT_REJECTED,
    }
    return outcomes.get(batch.status, EXIT_FAILED)


def _copy(path: Path) -> Path:
    """A private copy of what was given: the batch keeps its own files."""
    holder = Path(tempfile.mkdtemp(prefix="districtwise-import-"))
    target = holder / path.name
    if path.is_dir():
        shutil.copytree(path, target)
    else:
        shutil.copy2(path, target)
    return target


def _print_report(batch: ImportBatch, console: Console) -> None:
    console.print(f"{batch.get_status_display()}. {batch.message}")
    if batch.row_counts:
        rows = Table(title="Rows per file")
        rows.add_column("file")
        rows.add_column("rows", justify="right")
        for name, count in sorted(batch.row_counts.items()):
            rows.add_row(name, f"{count:,}")
        console.print(rows)
    if batch.problems:
        problems = Table(title=f"Problems (first {len(batch.problems)})")
        for column in ("severity", "file", "line", "column", "value", "rule", "message"):
            problems.add_column(column)
        for p in batch.problems[:200]:
            problems.add_row(
                p["severity"],
                p["file"],
                str(p["line"] or ""),
                p["column"] or "",
                (p["value"] or "")[:40],
                p["rule"],
                p["message"],
            )
        console.print(problems)
    if batch.problem_counts:
        counts = Table(title="Problems per rule")
        for column in ("file", "rule", "severity", "count"):
            counts.add_column(column)
        for file, rule, severity, count in batch.problem_counts:
            counts.add_row(file, rule, severity, f"{count:,}")
        console.print(counts)
