"""Need-weighted allocation: scenarios of a pool shared among the schools by weighted
enrolment, and the allocation the cabinet adopted for a school year.

A scenario is a choice of pool and weights; its allocation is computed from the current
equity audit's counts while it is a draft. When the cabinet adopts it, the allocation of
every school is stored (``AllocationLine``) with the audit run it came from, so the adopted
allocation stays what was decided when the data change later."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from districtwise.core.base import BaseModel


class AllocationScenario(BaseModel):
    """A pool of dollars or positions for one school year, shared by the district's weights.

    ``weights`` maps each weighted student flag (the equity audit's flag group types) to
    the weight a student flagged ``Y`` adds to ``base_weight``, as decimal text ("0.25").
    At most one scenario per district and school year is adopted (``adopted_at`` set); an
    adopted scenario is not edited again: the cabinet copies it instead."""

    class Unit(models.TextChoices):
        DOLLARS = "dollars", "Dollars"
        POSITIONS = "positions", "Positions (full-time equivalent)"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="allocation_scenarios"
    )
    name = models.CharField(max_length=200)
    school_year = models.PositiveSmallIntegerField(help_text="The year the school year ends.")
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.DOLLARS)
    pool = models.DecimalField(max_digits=14, decimal_places=2)
    base_weight = models.DecimalField(max_digits=8, decimal_places=4, default=Decimal("1"))
    weights = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    audit_run = models.ForeignKey(
        "equity.AuditRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The audit whose counts the adopted allocation was computed from.",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-school_year", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "school_year"],
                condition=Q(adopted_at__isnull=False),
                name="one_adopted_allocation_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school_year})"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_at is not None


class AllocationLine(BaseModel):
    """One school's share of an adopted scenario, as computed when it was adopted."""

    scenario = models.ForeignKey(AllocationScenario, on_delete=models.CASCADE, related_name="lines")
    school = models.ForeignKey(
        "organization.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocation_lines",
    )
    school_code = models.CharField(max_length=40, help_text="The school_id of the files.")
    students = models.PositiveIntegerField()
    flagged = models.JSONField(default=dict, help_text="Students flagged Y, per weighted flag.")
    weighted_enrolment = models.DecimalField(max_digits=14, decimal_places=4)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    poverty_quartile = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["scenario", "school_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "school_code"], name="one_allocation_line_per_school"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario}: {self.school_code} {self.amount}"
