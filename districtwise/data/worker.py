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
    while True:
        job = Job.objects.filter(status=Job.Status.QUEUED).order_by("created_at", "id").first()
        if job is None:
            if once:
                return ran
            time.sleep(idle)
            continue
        if not services.job_claim(job):
            continue
        say(f"Job {job.pk}: importing {job.batch.source_name if job.batch else ''}")
        batch = services.import_run(job=job)
        say(f"Job {job.pk}: {batch.get_status_display()}. {batch.message}")
        ran += 1
