"""Principal role clarity: the task audit and its redistribution, time use, and the
registry of data requests sent to schools."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models

from districtwise.core.base import BaseModel


# ---- shared categories (time use; the task audit uses the same) ----
class Category(models.TextChoices):
    """What a principal's time or task is for (the categories of the task audit)."""

    INSTRUCTIONAL = "instructional", "Instructional leadership"
    OPERATIONS = "operations", "Operations"
    COMPLIANCE = "compliance", "Compliance"
    FAMILY = "family", "Family and community"
    STUDENT_SERVICES = "student_services", "Student services"
    HR = "hr", "HR"
    BUDGET = "budget", "Budget"


# ---- end shared categories ----


# ---- time use ----
DEFAULT_INSTRUCTIONAL_GOAL = Decimal("0.50")


class TimeEntry(BaseModel):
    """A stretch of a principal's day spent on one category.

    Entered in the week view it has a start and an end; entered as a daily total it has
    only its minutes (``starts_at`` and ``ends_at`` empty). ``entered_by`` is the person
    who typed it: the principal, or an assistant principal on the principal's behalf.
    """

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="time_entries"
    )
    principal = models.ForeignKey(
        "organization.Person", on_delete=models.CASCADE, related_name="time_entries"
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, related_name="time_entries"
    )
    on = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    minutes = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=20, choices=Category.choices)
    entered_by = models.ForeignKey(
        "organization.Person", on_delete=models.RESTRICT, related_name="time_entries_entered"
    )

    class Meta:
        ordering = ["on", "starts_at"]
        verbose_name_plural = "time entries"
        indexes = [models.Index(fields=["principal", "on"], name="time_entry_principal_day")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(starts_at__isnull=True, ends_at__isnull=True)
                    | models.Q(ends_at__gt=models.F("starts_at"))
                ),
                name="time_entry_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__gt=0, minutes__lte=1440),
                name="time_entry_minutes_in_a_day",
            ),
        ]

    def __str__(self) -> str:
        when = f"{self.starts_at:%H:%M}-{self.ends_at:%H:%M}" if self.starts_at else "total"
        return f"{self.on} {when} {self.get_category_display()}"

    @property
    def is_timed(self) -> bool:
        return self.starts_at is not None

    @staticmethod
    def minutes_between(starts_at: dt.time, ends_at: dt.time) -> int:
        return (ends_at.hour * 60 + ends_at.minute) - (starts_at.hour * 60 + starts_at.minute)


class TimeGoal(BaseModel):
    """The share of a principal's time meant for instructional leadership.

    One row without a principal is the district's goal, set by the cabinet; a row with a
    principal is that principal's own goal, set by their supervisor.
    """

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="time_goals"
    )
    principal = models.ForeignKey(
        "organization.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="time_goals",
    )
    share = models.DecimalField(max_digits=4, decimal_places=3)
    set_by = models.ForeignKey(
        "organization.Person", on_delete=models.RESTRICT, related_name="time_goals_set"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district"],
                condition=models.Q(principal__isnull=True),
                name="one_district_time_goal",
            ),
            models.UniqueConstraint(
                fields=["district", "principal"],
                condition=models.Q(principal__isnull=False),
                name="one_time_goal_per_principal",
            ),
            models.CheckConstraint(
                condition=models.Q(share__gte=0, share__lte=1), name="time_goal_share_0_to_1"
            ),
        ]

    def __str__(self) -> str:
        who = str(self.principal) if self.principal_id else "District"
        return f"{who}: {self.share:.0%} instructional"


# ---- end time use ----
