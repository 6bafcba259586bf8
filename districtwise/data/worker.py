"""``districtwise worker``: runs queued jobs one at a time, and the daily tasks once a day.

The daily tasks (``Daily``) run when the worker starts and then on the first idle moment
of each new day. Each is idempotent (a reminder is sent once per agreement whatever runs
it), so two workers or a restart never repeat what was done.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.utils import timezone

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
    daily = Daily(say)
    while True:
        queued = Job.objects.filter(status=Job.Status.QUEUED)
        if once:  # what was queued when it started: not the audits its imports queue
            queued = queued.filter(pk__lte=last_at_start)
        job = queued.order_by("created_at", "id").first()
        if job is None:
            if once:
                return ran
            daily.run_if_due(timezone.localdate())
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


class Daily:
    """The worker's once-a-day tasks: the partnership renewal reminders of every district
    (``districtwise community remind-renewals`` does the same for one), and deleting the
    expired family-survey tickets."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.last_day: dt.date | None = None

    def run_if_due(self, today: dt.date) -> bool:
        """Run the daily tasks unless they already ran on ``today``; True if they ran."""
        if self.last_day == today:
            return False
        self.last_day = today
        from districtwise.community.services.partners import partnership_renewals_remind
        from districtwise.community.services.surveys import tickets_clean
        from districtwise.organization.models import District

        for district in District.objects.filter(partnerships__isnull=False).distinct():
            reminded = partnership_renewals_remind(district=district, today=today)
            if reminded:
                self.say(f"{district}: {len(reminded)} partnership(s) reminded of their renewal.")
        cleaned = tickets_clean(now=timezone.now())
        if cleaned:
            self.say(f"{cleaned} expired survey ticket(s) deleted.")
        return True
