"""Imports of the district's data files: batches, per-year versions, and background jobs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel


class ImportBatch(BaseModel):
    """One import: all of it becomes live at once, or none of it does."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        LIVE = "live", "Live"
        UNCHANGED = "unchanged", "Identical to the live data: nothing changed"
        REJECTED = "rejected", "Rejected: the files have errors"
        FAILED = "failed", "Failed: nothing changed"
        CANCELLED = "cancelled", "Cancelled: nothing changed"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="import_batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    # Names the batch's folders on disk: never reused, even if a database reuses an id.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source_name = models.CharField(max_length=300)
    source_kind = models.CharField(max_length=12, blank=True)  # contract | oneroster
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    file_hashes = models.JSONField(default=dict)
    row_counts = models.JSONField(default=dict)
    rows_by_year = models.JSONField(default=dict)
    years = models.JSONField(default=list)
    problem_counts = models.JSONField(default=list)  # [file, rule, severity, count]
    problems = models.JSONField(default=list)  # the first 1,000, as dicts
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    seconds = models.FloatField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import {self.pk} of {self.source_name} ({self.get_status_display()})"

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


class DatasetVersion(BaseModel):
    """The data of one school year as one batch brought it. One version per year is live;
    earlier ones stay listed and can be restored."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="dataset_versions"
    )
    school_year = models.PositiveSmallIntegerField()
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="versions")
    row_counts = models.JSONField(default=dict)  # table -> rows of that year
    is_live = models.BooleanField(default=False)
    made_live_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-school_year", "-batch_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "school_year"],
                condition=models.Q(is_live=True),
                name="one_live_version_per_year",
            ),
            models.UniqueConstraint(fields=["batch", "school_year"], name="one_version_per_batch"),
        ]

    def __str__(self) -> str:
        return f"{self.school_year} from import {self.batch_id}"


class Job(BaseModel):
    """Work done in the background by ``districtwise worker``: ``kind`` is ``import``,
    ``audit`` (the equity audit's computation) or ``report`` (a board report drawn for the
    person who asked, ``created_by``)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    kind = models.CharField(max_length=20, default="import")
    district = models.ForeignKey("organization.District", on_delete=models.CASCADE)
    batch = models.OneToOneField(
        ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="job"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=200, blank=True)
    progress = models.FloatField(default=0.0)  # 0..1
    rows = models.BigIntegerField(default=0)
    message = models.TextField(blank=True)
    params = models.JSONField(default=dict)
    cancel_requested = models.BooleanField(default=False)
    worker_pid = models.IntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED, self.Status.CANCELLED}

    @property
    def percent(self) -> int:
        return round(self.progress * 100)
