"""Leading-for-Learning self-assessments: a team rates the instrument's items, compares its
answers, and turns its weakest items into an action plan.

An *assessment* is taken by a team: a school's leadership team or a central-office team of
one department. Each *member* answers every item once (a rating from 1 to 4, or "don't
know"), with evidence notes. The *plan steps* come from the weakest items of each section;
each has an owner among the members and may be linked to an initiative of the district's
strategic plan.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from districtwise.core.base import BaseModel


class Assessment(BaseModel):
    """One team's self-assessment for one period."""

    class TeamKind(models.TextChoices):
        SCHOOL = "school", "School leadership team"
        CENTRAL = "central", "Central-office team"

    class Status(models.TextChoices):
        OPEN = "open", "Open for answers"
        CLOSED = "closed", "Closed"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="leadership_assessments"
    )
    team_kind = models.CharField(max_length=7, choices=TeamKind.choices)
    school = models.ForeignKey(
        "organization.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leadership_assessments",
    )
    department = models.ForeignKey(
        "organization.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leadership_assessments",
    )
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=20, help_text="The school year or term, e.g. 2025-26.")
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    members = models.ManyToManyField("organization.Person", related_name="leadership_assessments")
    created_by = models.ForeignKey(
        "organization.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leadership_assessments_started",
    )

    class Meta:
        ordering = ["-period", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(team_kind="school", school__isnull=False, department__isnull=True)
                    | Q(team_kind="central", school__isnull=True, department__isnull=False)
                ),
                name="assessment_team_is_school_or_department",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def team_name(self) -> str:
        unit = self.school if self.school_id else self.department
        return f"{unit.name if unit else ''} — {self.get_team_kind_display()}"


class AssessmentAnswer(BaseModel):
    """A member's answer to one item: a rating from 1 to 4, or "don't know" (no rating)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(
        "organization.Person", on_delete=models.CASCADE, related_name="assessment_answers"
    )
    item_key = models.CharField(max_length=20)
    # The item's section, kept beside the key so the summaries group in the database.
    section = models.CharField(max_length=20)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["item_key", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "person", "item_key"], name="one_answer_per_person_item"
            ),
            models.CheckConstraint(
                condition=(
                    Q(rating__isnull=True, dont_know=True)
                    | Q(rating__gte=1, rating__lte=4, dont_know=False)
                ),
                name="answer_rated_1_to_4_or_dont_know",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.item_key}"


class AssessmentStep(BaseModel):
    """A step of the team's action plan, drafted from one of a section's weakest items."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AGREED = "agreed", "Agreed"
        UNDERWAY = "underway", "Under way"
        DONE = "done", "Done"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="plan_steps")
    section = models.CharField(max_length=20)
    item_key = models.CharField(max_length=20)
    action = models.TextField()
    owner = models.ForeignKey(
        "organization.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_steps",
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    initiative = models.ForeignKey(
        "strategy.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_steps",
    )

    class Meta:
        ordering = ["section", "item_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item_key"], name="one_plan_step_per_item"
            ),
        ]

    def __str__(self) -> str:
        return self.action[:80]
