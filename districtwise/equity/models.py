"""The equity audit: a district's audit settings and the stored results of each run."""

from __future__ import annotations

import uuid
from dataclasses import fields
from pathlib import Path

from django.conf import settings as django_settings
from django.db import models

from districtwise.analytics.equity.spec import AuditSettings
from districtwise.core.base import BaseModel

DEFAULTS = AuditSettings()
SETTING_NAMES = tuple(f.name for f in fields(AuditSettings))


class EquitySettings(BaseModel):
    """The settings a district's audit runs with (one row per district; defaults from the
    spec). Changed only through ``services.equity_settings_update``, which validates."""

    class ChronicRule(models.TextChoices):
        SHARE = "share", "Share of days enrolled"
        DAYS = "days", "Days absent"

    district = models.OneToOneField(
        "organization.District", on_delete=models.CASCADE, related_name="equity_settings"
    )
    risk_ratio_threshold = models.FloatField(default=DEFAULTS.risk_ratio_threshold)
    minimum_cell_size = models.IntegerField(default=DEFAULTS.minimum_cell_size)
    minimum_n_size = models.IntegerField(default=DEFAULTS.minimum_n_size)
    minimum_display_n = models.IntegerField(default=DEFAULTS.minimum_display_n)
    chronic_rule = models.CharField(
        max_length=5, choices=ChronicRule.choices, default=DEFAULTS.chronic_rule
    )
    chronic_share = models.FloatField(default=DEFAULTS.chronic_share)
    chronic_days = models.FloatField(default=DEFAULTS.chronic_days)
    minimum_days_enrolled = models.FloatField(default=DEFAULTS.minimum_days_enrolled)
    gap_points = models.FloatField(default=DEFAULTS.gap_points)
    weight_economically_disadvantaged = models.FloatField(
        default=DEFAULTS.weight_economically_disadvantaged
    )
    weight_english_learner = models.FloatField(default=DEFAULTS.weight_english_learner)
    weight_disability = models.FloatField(default=DEFAULTS.weight_disability)
    year_start_month = models.IntegerField(default=DEFAULTS.year_start_month)
    year_start_day = models.IntegerField(default=DEFAULTS.year_start_day)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "equity audit settings"
        verbose_name_plural = "equity audit settings"

    def __str__(self) -> str:
        return f"Equity audit settings of {self.district}"

    def as_audit_settings(self) -> AuditSettings:
        """The settings as the metric functions take them."""
        return AuditSettings(**{f.name: getattr(self, f.name) for f in fields(AuditSettings)})


class AuditRun(BaseModel):
    """One computation of the audit over the live data with one set of settings.

    The result (the unsuppressed tidy table) is a Parquet file under
    ``DATA_DIR/audits/<district code>/<key>.parquet``; pages read it through the selectors,
    which apply scoping and suppression. ``fingerprint`` names the data and settings it was
    computed from: the same fingerprint is never computed twice.
    """

    class Status(models.TextChoices):
        RUNNING = "running", "Computing"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="audit_runs"
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    fingerprint = models.CharField(max_length=64, db_index=True)
    version_ids = models.JSONField(default=list)  # the live DatasetVersions it read
    settings_hash = models.CharField(max_length=64)
    settings = models.JSONField(default=dict)  # the settings it ran with, as printed
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    years = models.JSONField(default=list)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Equity audit {self.key.hex[:8]} ({self.get_status_display()})"

    def audit_settings(self) -> AuditSettings:
        """The settings this run was computed with."""
        return AuditSettings(**self.settings)


class BoardReport(BaseModel):
    """A board report (PDF) drawn in the background (``Job(kind="report")``) for the person
    who asked: one school year of one audit run, as their scope shows it (the units they
    may see, suppressed unless they hold the student-record right).

    ``scope_key`` names that reach (``access.scope_key``): the file is served only to the
    person who asked, and only while their reach is the same. The file lives under
    ``DATA_DIR/reports/<district code>/<key>.pdf``.
    """

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="board_reports"
    )
    requested_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    job = models.OneToOneField("data.Job", on_delete=models.CASCADE, related_name="board_report")
    audit_run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="reports")
    school_year = models.PositiveSmallIntegerField()
    scope_key = models.CharField(max_length=64)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    path = models.CharField(max_length=500, blank=True)
    size = models.PositiveIntegerField(default=0)  # bytes
    pages = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["district", "requested_by", "audit_run", "school_year", "scope_key"],
                name="board_report_reuse",
            )
        ]

    def __str__(self) -> str:
        return f"Board report {self.school_year} for {self.requested_by} ({self.key.hex[:8]})"

    @property
    def ready(self) -> bool:
        """Drawn, and its file still kept (files go with the audit runs they came from)."""
        return self.job.status == "succeeded" and bool(self.path) and Path(self.path).is_file()
