"""Succession and the leader pipeline: key positions, their candidates, teacher leaders.

A *key position* is a post the district must never leave empty for long: a school's
principal or assistant principal, or the lead of a central-office department. Its
*incumbent* holds it (none: vacant) since a date, and may be expected to leave (retirement
eligibility, an announced move, a contract's end) with some likelihood.

A *candidate* is a person of the district being readied for one position, with how ready
they are and the plan that develops them. *Teacher-leader roles* (coach, department
chair, ...) are held at a school for a number of hours a week in a school year.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from districtwise.core.base import BaseModel


class PositionKind(models.TextChoices):
    PRINCIPAL = "principal", "Principal"
    ASSISTANT_PRINCIPAL = "assistant_principal", "Assistant principal"
    CENTRAL_OFFICE_LEAD = "central_office_lead", "Central-office lead"


SCHOOL_POSITION_KINDS = frozenset({PositionKind.PRINCIPAL, PositionKind.ASSISTANT_PRINCIPAL})


class DepartureReason(models.TextChoices):
    NONE_KNOWN = "none_known", "None known"
    RETIREMENT_ELIGIBLE = "retirement_eligible", "Eligible to retire"
    ANNOUNCED_MOVE = "announced_move", "Move announced"
    CONTRACT_END = "contract_end", "Contract ends"


class DepartureLikelihood(models.TextChoices):
    UNLIKELY = "unlikely", "Unlikely"
    POSSIBLE = "possible", "Possible"
    LIKELY = "likely", "Likely"


class Readiness(models.TextChoices):
    READY_NOW = "ready_now", "Ready now"
    ONE_TO_TWO_YEARS = "one_to_two_years", "Ready in 1-2 years"
    DEVELOPING = "developing", "Developing"


class KeyPosition(BaseModel):
    """A leadership post of the district, its incumbent and how likely they are to leave."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="key_positions"
    )
    kind = models.CharField(max_length=24, choices=PositionKind.choices)
    title = models.CharField(max_length=200)
    school = models.ForeignKey(
        "organization.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_positions",
    )
    department = models.ForeignKey(
        "organization.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_positions",
    )
    incumbent = models.ForeignKey(
        "organization.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="key_positions_held",
    )
    incumbent_since = models.DateField(null=True, blank=True)
    expected_departure = models.DateField(null=True, blank=True)
    departure_reason = models.CharField(
        max_length=24, choices=DepartureReason.choices, default=DepartureReason.NONE_KNOWN
    )
    departure_likelihood = models.CharField(
        max_length=10, choices=DepartureLikelihood.choices, default=DepartureLikelihood.UNLIKELY
    )

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def place(self) -> str:
        if self.school_id:
            return str(self.school)
        return str(self.department) if self.department_id else ""

    def years_in_role(self, today: dt.date) -> float | None:
        """Whole and tenth years since the incumbent took the post (None: vacant or unknown)."""
        if self.incumbent_id is None or self.incumbent_since is None:
            return None
        return round((today - self.incumbent_since).days / 365.25, 1)


class Candidate(BaseModel):
    """A person being readied to take one key position."""

    position = models.ForeignKey(KeyPosition, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="succession_candidacies"
    )
    readiness = models.CharField(max_length=20, choices=Readiness.choices)
    development_plan = models.TextField(blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    next_step_on = models.DateField(null=True, blank=True)
    nominated_by = models.ForeignKey(
        "organization.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="succession_nominations",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "readiness", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["position", "person"], name="one_candidacy_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.position}"


class TeacherLeaderKind(models.TextChoices):
    COACH = "coach", "Coach"
    DEPARTMENT_CHAIR = "department_chair", "Department chair"
    PLC_FACILITATOR = "plc_facilitator", "PLC facilitator"
    MENTOR = "mentor", "Mentor"
    IMPROVEMENT_TEAM = "improvement_team", "Improvement-team member"


class TeacherLeaderRole(BaseModel):
    """A teacher-leader role held at a school in a school year, for some hours a week."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="teacher_leader_roles"
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.PROTECT, related_name="teacher_leader_roles"
    )
    person = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="teacher_leader_roles"
    )
    kind = models.CharField(max_length=20, choices=TeacherLeaderKind.choices)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    school_year = models.PositiveSmallIntegerField(
        help_text="The calendar year in which the school year ends (2026 is 2025-26)."
    )
    started_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["school__name", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=0, hours_per_week__lte=40),
                name="teacher_leader_hours_0_to_40",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"
