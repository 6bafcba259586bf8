"""What schools need that partners might meet, in the categories partners deliver."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from districtwise.community.models.partners import ServiceCategory
from districtwise.core.base import BaseModel
from districtwise.organization.models import District, School


class SchoolNeed(BaseModel):
    """A need a school records (mental health, tutoring, food...), met or not by partners."""

    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="school_needs")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="community_needs")
    category = models.CharField(max_length=20, choices=ServiceCategory.choices)
    description = models.TextField()
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.MEDIUM)
    students_affected = models.PositiveIntegerField(
        null=True, blank=True, help_text="An estimate: how many students it touches."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    resolved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["school__name", "category"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} at {self.school}"
