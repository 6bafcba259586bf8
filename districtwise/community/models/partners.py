"""Partner organisations' people, partnerships with the district, and what they deliver.

The organisation itself is ``organization.Partner`` (its login scope lives there too).
A partnership names the shared goals, each side's roles and commitments, the agreement,
the schools served and the services committed; partners log what they delivered, as
counts only (never a student's name).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel
from districtwise.organization.models import District, Partner, Person, School


class ServiceCategory(models.TextChoices):
    """What a school may need and a partner may deliver: one list for both sides."""

    MENTAL_HEALTH = "mental_health", "Mental health"
    TUTORING = "tutoring", "Tutoring"
    FOOD = "food", "Food"
    HEALTH = "health", "Health"
    FAMILY_SUPPORT = "family_support", "Family support"
    ENRICHMENT = "enrichment", "Enrichment"
    COLLEGE_CAREER = "college_career", "College and career"
    MENTORING = "mentoring", "Mentoring"
    ATTENDANCE = "attendance", "Attendance and re-engagement"
    OTHER = "other", "Other"


class PartnerContact(BaseModel):
    """A person at a partner organisation; ``person`` is set when they have a login."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_primary = models.BooleanField(default=False)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="partner_contacts"
    )

    class Meta:
        ordering = ["-is_primary", "name"]

    def __str__(self) -> str:
        return self.name


class Partnership(BaseModel):
    """One agreement between the district and a partner, serving named schools."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="partnerships")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    shared_goals = models.TextField(help_text="What both sides are working towards together.")
    goals = models.ManyToManyField(
        "strategy.Goal",
        blank=True,
        related_name="partnerships",
        help_text="The district goals the partnership serves.",
    )
    district_role = models.TextField(blank=True, help_text="What the district does.")
    partner_role = models.TextField(blank=True, help_text="What the partner does.")
    district_commitments = models.TextField(blank=True)
    partner_commitments = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    agreement = models.FileField(upload_to="partnerships/", blank=True)
    agreement_name = models.CharField(max_length=200, blank=True)
    data_sharing = models.TextField(
        blank=True,
        help_text="What data each side may share, and how (counts only unless a data "
        "agreement says otherwise).",
    )
    schools = models.ManyToManyField(School, blank=True, related_name="partnerships")
    outcome_indicators = models.ManyToManyField(
        "strategy.Indicator",
        blank=True,
        related_name="partnerships",
        help_text="Indicators the partnership means to move.",
    )
    district_lead = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships_led",
    )
    renewal_reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["ends_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="partnership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.partner})"


class PartnerService(BaseModel):
    """A service a partnership commits to deliver: what, in which category, how many
    students or families it means to reach over the agreement."""

    class Reach(models.TextChoices):
        STUDENTS = "students", "Students"
        FAMILIES = "families", "Families"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="services")
    category = models.CharField(max_length=20, choices=ServiceCategory.choices)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    reaches = models.CharField(max_length=10, choices=Reach.choices, default=Reach.STUDENTS)
    committed_reach = models.PositiveIntegerField(
        default=0, help_text="How many students or families, over the agreement."
    )
    committed_sessions = models.PositiveIntegerField(
        default=0, help_text="How many sessions or deliveries, over the agreement."
    )
    schools = models.ManyToManyField(
        School,
        blank=True,
        related_name="partner_services",
        help_text="Where it is delivered; empty means at every school of the partnership.",
    )

    class Meta:
        ordering = ["partnership", "category", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceDelivery(BaseModel):
    """What a partner delivered at a school on a day: counts only."""

    service = models.ForeignKey(PartnerService, on_delete=models.CASCADE, related_name="deliveries")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="service_deliveries")
    delivered_on = models.DateField()
    what = models.CharField(max_length=300)
    students_reached = models.PositiveIntegerField(default=0)
    families_reached = models.PositiveIntegerField(default=0)
    sessions = models.PositiveIntegerField(default=1)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-delivered_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.what} on {self.delivered_on}"
