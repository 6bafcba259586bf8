"""``districtwise worker``: runs queued jobs one at a time."""

from __future__ import annotations

import time
from collections.abc import Callable

from districtwise.data import services
from districtwise.data.models import Job


def run_worker(*, once: bool = False, say: Callable[[str], None] = print, idle: float = 1.0) -> int:
    """Run queued jobs oldest first; with ``once``, stop when none is left. Returns how many
    jobs ran. Jobs a dead process left running are marked failed first."""
    recovered = services.jobs_recover()
    if recovered:
        say(f"Marked {len(recovered)} interrupted job(s) as failed; their data never went live.")
    ran = 0
    last_at_start = Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    while True:
        queued = Job.objects.filter(status=Job.Status.QUEUED)
        if once:  # what was queued when it started: not the audits its imports queue
            queued = queued.filter(pk__lte=last_at_start)
        job = queued.order_by("created_at", "id").first()
        if job is None:
            if once:
                return ran
            time.sleep(idle)
            continue
        if not services.job_claim(job):
            continue
        if job.kind == "audit":
            from districtwise.equity.services import audit_job_run

            say(f"Job {job.pk}: computing the equity audit of {job.district}")
            say(f"Job {job.pk}: {audit_job_run(job=job)}")
            ran += 1
            continue
        if job.kind == "report":
            from districtwise.equity.services import board_report_job_run

            say(f"Job {job.pk}: drawing a board report of {job.district}")
            say(f"Job {job.pk}: {board_report_job_run(job=job)}")
            ran += 1
            continue
        say(f"Job {job.pk}: importing {job.batch.source_name if job.batch else ''}")
        batch = services.import_run(job=job)
        say(f"Job {job.pk}: {batch.get_status_display()}. {batch.message}")
        ran += 1
