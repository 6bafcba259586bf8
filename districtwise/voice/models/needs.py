"""Needs and alarms: what a school raises, where it is routed, and every step to its answer.

A principal or assistant principal raises a *need* from their school. The district's
*routes* send each category to the department that owns it, and its *response targets*
say how soon each urgency must be answered. A need moves raised → acknowledged → in
progress → answered → closed (or declined, with a reason); the school may reopen it. Each
move is a *need event* the school sees; *comments* run both ways. A department lead may
link needs from several schools to one *need issue* and answer them together.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel


class NeedCategory(models.TextChoices):
    STAFFING = "staffing", "Staffing"
    SAFETY = "safety", "Safety"
    FACILITIES = "facilities", "Facilities"
    STUDENTS_FAMILIES = "students_families", "Students and families"
    INSTRUCTION = "instruction", "Instruction"
    BUDGET = "budget", "Budget"
    POLICY_CONFLICT = "policy_conflict", "Policy conflict"
    OTHER = "other", "Other"


class Urgency(models.TextChoices):
    # In rising order; ``URGENCY_RANK`` sorts queues by it.
    ROUTINE = "routine", "Routine: can wait a few weeks"
    SOON = "soon", "Soon: needs an answer within days"
    URGENT = "urgent", "Urgent: affecting students now"
    ALARM = "alarm", "Alarm: students' safety or learning at risk today"


URGENCY_RANK = {value: rank for rank, value in enumerate(Urgency.values)}


class NeedState(models.TextChoices):
    RAISED = "raised", "Raised"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    IN_PROGRESS = "in_progress", "In progress"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"
    DECLINED = "declined", "Declined"


class NeedRoute(BaseModel):
    """The district's rule: needs of ``category`` go to ``department``."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="need_routes"
    )
    category = models.CharField(max_length=20, choices=NeedCategory.choices)
    department = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, related_name="need_routes"
    )

    class Meta:
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(fields=["district", "category"], name="one_route_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} → {self.department}"


class ResponseTarget(BaseModel):
    """How many days the district gives itself to answer a need of ``urgency``."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="need_targets"
    )
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    answer_within_days = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["urgency"]
        constraints = [
            models.UniqueConstraint(fields=["district", "urgency"], name="one_target_per_urgency"),
            models.CheckConstraint(
                condition=models.Q(answer_within_days__gte=1), name="target_at_least_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_urgency_display()}: {self.answer_within_days} days"


class NeedIssue(BaseModel):
    """One underlying issue behind needs raised by several schools, answered together."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="need_issues"
    )
    title = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=NeedCategory.choices)
    department = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, related_name="need_issues"
    )
    summary = models.TextField(blank=True)
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Need(BaseModel):
    """A need or alarm raised by a school leader."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="needs"
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.PROTECT, related_name="needs"
    )
    raised_by = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="needs_raised"
    )
    title = models.CharField(max_length=200)
    description = models.TextField()
    category = models.CharField(max_length=20, choices=NeedCategory.choices)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.SOON)
    # How many students it touches: a count, never names (FERPA; see the form's check).
    students_affected = models.PositiveIntegerField(null=True, blank=True)
    state = models.CharField(max_length=14, choices=NeedState.choices, default=NeedState.RAISED)
    # Where the routes sent it; empty when no route covers its category (the cabinet routes it).
    department = models.ForeignKey(
        "organization.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    raised_at = models.DateTimeField()
    # The answer is due by then (raised_at + the urgency's target); set when raised.
    due_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    declined_reason = models.TextField(blank=True)
    issue = models.ForeignKey(
        NeedIssue, on_delete=models.SET_NULL, null=True, blank=True, related_name="needs"
    )

    class Meta:
        ordering = ["-raised_at"]
        indexes = [
            models.Index(fields=["district", "department", "state"]),
            models.Index(fields=["district", "school", "state"]),
            models.Index(fields=["district", "raised_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class NeedEvent(models.Model):
    """One step of a need: raised, each change of state, routing, linking, reopening."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=14, choices=NeedState.choices, blank=True)
    to_state = models.CharField(max_length=14, choices=NeedState.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.need}: {self.from_state or '—'} → {self.to_state}"


class NeedComment(BaseModel):
    """A comment on a need, from the school or the central office; both sides read all."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment on {self.need}"


class NeedAttachment(BaseModel):
    """A file kept with a need (a photo, a letter). Stored under the data folder."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    path = models.CharField(max_length=500, help_text="Where it is kept, under DATA_DIR.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name
