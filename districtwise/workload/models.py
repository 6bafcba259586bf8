"""Principal role clarity: the task audit and its redistribution, time use, and the
registry of data requests sent to schools."""

from __future__ import annotations

# ---- requests: the data-request registry and its field vocabulary ----
from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel


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
