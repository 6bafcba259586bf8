"""How a partnership is going, as each side sees it: a short periodic review."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from districtwise.community.models.partners import Partnership
from districtwise.core.base import BaseModel


class PartnershipReview(BaseModel):
    """One side's short review of a partnership for a period (a term, a semester)."""

    class Side(models.TextChoices):
        DISTRICT = "district", "District"
        PARTNER = "partner", "Partner"

    class Rating(models.TextChoices):
        ON_TRACK = "on_track", "On track"
        SOME_CONCERNS = "some_concerns", "Some concerns"
        OFF_TRACK = "off_track", "Off track"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reviews")
    side = models.CharField(max_length=10, choices=Side.choices)
    period = models.CharField(max_length=60, help_text="The period reviewed, e.g. Fall 2026.")
    rating = models.CharField(max_length=16, choices=Rating.choices)
    went_well = models.TextField(blank=True)
    to_change = models.TextField(blank=True)
    written_on = models.DateField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_side_display()} review of {self.partnership.title}, {self.period}"
