"""Principal supervision: a network lead's visits to their principals' schools and the
growth goals each principal works on over a school year, with dated progress notes.

A *visit* is planned (a date and a focus), then completed (what was seen, the feedback
given, the next steps and when to follow up) or cancelled. A *growth goal* names the
area of school leadership it develops, how success will be known, and its status.
"""

from __future__ import annotations

from django.db import models

from districtwise.core.base import BaseModel

# A visit not followed by another for longer than this is flagged on the caseload.
VISIT_GAP_DAYS = 45


class VisitFocus(models.TextChoices):
    INSTRUCTION = "instruction", "Instruction in classrooms"
    TEACHER_TEAMS = "teacher_teams", "Teacher teams and collaboration"
    DATA_USE = "data_use", "Use of data"
    SCHOOL_CULTURE = "school_culture", "School culture and climate"
    OPERATIONS = "operations", "Operations"
    OTHER = "other", "Other (say which)"


class LeadershipArea(models.TextChoices):
    """The areas of school leadership a principal's growth goal develops (our own list)."""

    LEARNING = "learning", "Keeping learning at the centre"
    PROFESSIONAL_COMMUNITY = "professional_community", "Building professional community"
    FAMILIES_COMMUNITY = "families_community", "Working with families and the community"
    SHARED_LEADERSHIP = "shared_leadership", "Acting strategically and sharing leadership"
    COHERENCE = "coherence", "Making the school's work fit together"
    OPERATIONS = "operations", "Running the school well"


class SchoolVisit(BaseModel):
    """A supervisor's visit to a principal's school."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="school_visits"
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.PROTECT, related_name="supervision_visits"
    )
    principal = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="visits_received"
    )
    supervisor = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="visits_made"
    )
    visit_on = models.DateField()
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.PLANNED)
    focus = models.CharField(max_length=14, choices=VisitFocus.choices)
    focus_other = models.CharField(max_length=200, blank=True)
    evidence_seen = models.TextField(blank=True)
    feedback = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    follow_up_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-visit_on", "-pk"]
        indexes = [models.Index(fields=["district", "visit_on"], name="visit_district_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(follow_up_on__isnull=True)
                | models.Q(follow_up_on__gte=models.F("visit_on")),
                name="visit_follow_up_not_before_visit",
            ),
        ]

    def __str__(self) -> str:
        return f"Visit to {self.school} on {self.visit_on:%Y-%m-%d}"

    @property
    def focus_label(self) -> str:
        if self.focus == VisitFocus.OTHER and self.focus_other:
            return self.focus_other
        return self.get_focus_display()


class GrowthGoal(BaseModel):
    """A principal's goal for a school year: what they will get better at, and how it shows."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        MET = "met", "Met"
        NOT_MET = "not_met", "Not met"
        CARRIED_OVER = "carried_over", "Carried over to next year"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="growth_goals"
    )
    principal = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="growth_goals"
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.PROTECT, related_name="principal_goals"
    )
    school_year = models.PositiveSmallIntegerField(
        help_text="Named by the year it ends in: 2026 is 2025-26."
    )
    goal = models.TextField()
    area = models.CharField(max_length=22, choices=LeadershipArea.choices)
    success_measures = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ["-school_year", "pk"]

    def __str__(self) -> str:
        text = self.goal if len(self.goal) <= 60 else self.goal[:59] + "…"
        return f"{self.principal}: {text}"


class GoalNote(BaseModel):
    """A dated note on a growth goal's progress, by the principal or their supervisor."""

    goal = models.ForeignKey(GrowthGoal, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="goal_notes"
    )
    written_on = models.DateField()
    note = models.TextField()

    class Meta:
        ordering = ["written_on", "pk"]

    def __str__(self) -> str:
        return f"Note of {self.written_on:%Y-%m-%d} on {self.goal}"
