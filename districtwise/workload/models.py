"""Principal role clarity: the task audit and its redistribution, time use, and the
registry of data requests sent to schools."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
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


# ---- area: tasks (the task audit and its redistribution) ----
class PrincipalTask(BaseModel):
    """One responsibility of a principal: a row of a school's task audit, or (with no
    school) a task of the district's starter list, which the cabinet keeps."""

    class Requester(models.TextChoices):
        DEPARTMENT = "department", "A department of the district"
        STATE = "state", "The state"
        LAW = "law", "Law or regulation"
        SCHOOL = "school", "The school itself"

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"
        MONTHLY = "monthly", "Monthly"
        TERMLY = "termly", "Each term"
        YEARLY = "yearly", "Yearly"
        AS_NEEDED = "as_needed", "As needed"

    class Unit(models.TextChoices):
        WEEK = "week", "hours a week"
        YEAR = "year", "hours a year"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="principal_tasks"
    )
    school = models.ForeignKey(
        "organization.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="principal_tasks",
        help_text="Empty for a task of the district's starter list.",
    )
    starter = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_as",
        help_text="The starter-list task this row was filled in from.",
    )
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=Category.choices)
    requested_by = models.CharField(
        max_length=12, choices=Requester.choices, default=Requester.SCHOOL
    )
    requesting_department = models.ForeignKey(
        "organization.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks_asked_of_principals",
    )
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY)
    hours = models.DecimalField(max_digits=7, decimal_places=2, help_text="As entered.")
    hours_unit = models.CharField(max_length=4, choices=Unit.choices, default=Unit.WEEK)
    hours_per_week = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        help_text="The hours normalised to a week of the principals' 40-week year.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gte=0), name="principal_task_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TaskDecision(BaseModel):
    """What happens to a task: kept, delegated within the school, moved to the central
    office or eliminated; its new owner, from when, and how far it has got."""

    class Decision(models.TextChoices):
        KEEP = "keep", "Keep with the principal"
        DELEGATE = "delegate", "Delegate within the school"
        CENTRAL = "central", "Move to the central office"
        ELIMINATE = "eliminate", "Eliminate"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        AGREED = "agreed", "Agreed"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    task = models.OneToOneField(PrincipalTask, on_delete=models.CASCADE, related_name="decision")
    decision = models.CharField(max_length=12, choices=Decision.choices)
    new_department = models.ForeignKey(
        "organization.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks_taken_on",
    )
    new_owner = models.ForeignKey(
        "organization.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks_taken_on",
    )
    starts_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    note = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.task}: {self.get_decision_display()} ({self.get_status_display()})"

    @property
    def takes_it_off_the_plate(self) -> bool:
        """Delegated, moved or eliminated: no longer the principal's once done."""
        return self.decision != self.Decision.KEEP


# ---- end area: tasks ----


# ---- requests: the data-request registry and its field vocabulary ----
class RequestField(BaseModel):
    """A field schools can be asked for, in the vocabulary the data team keeps: its name,
    the other names it goes by, the minutes a school needs to provide it once, and the
    column of the district's own data that already holds it (if any)."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="request_fields"
    )
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    minutes_per_school = models.PositiveIntegerField(
        default=15, help_text="Minutes a school needs to provide this field once."
    )
    synonyms = models.JSONField(default=list, blank=True)
    held_file = models.CharField(
        max_length=40, blank=True, help_text="The data-contract file that holds it, if any."
    )
    held_column = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="unique_request_field"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def held(self) -> bool:
        """The central office already holds this field: schools should not be asked."""
        return bool(self.held_file and self.held_column)


class DataRequest(BaseModel):
    """A request for data that a central-office team sends to schools."""

    class Frequency(models.TextChoices):
        ONCE = "once", "Once"
        WEEKLY = "weekly", "Weekly"
        MONTHLY = "monthly", "Monthly"
        TERMLY = "termly", "Each term"
        YEARLY = "yearly", "Yearly"

    class Audience(models.TextChoices):
        ALL = "all", "All schools"
        NETWORK = "network", "The schools of a network"
        LIST = "list", "A list of schools"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        MERGED = "merged", "Merged into a consolidated request"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="data_requests"
    )
    department = models.ForeignKey(
        "organization.Department", on_delete=models.RESTRICT, related_name="data_requests"
    )
    requester = models.ForeignKey(
        "organization.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_requests",
    )
    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    due_on = models.DateField(help_text="The first (or only) due date.")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.ALL)
    network = models.ForeignKey(
        "organization.Network", on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    schools = models.ManyToManyField("organization.School", blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    merged_into = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="merged_from"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "title"]

    def __str__(self) -> str:
        return self.title


class DataRequestLine(models.Model):
    """One field line of a request, as written, matched to the vocabulary when it can be."""

    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=200)
    field = models.ForeignKey(
        RequestField, on_delete=models.SET_NULL, null=True, blank=True, related_name="lines"
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


# ---- end requests ----
