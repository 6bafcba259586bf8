"""Guidance and guardrails: versioned documents the central office gives its schools.

A *document* belongs to a department. *Guidance* says what to do; a *guardrail* says
what must never (or must always) be done, and may name what schools decide for
themselves. Each revision is a *version* with a summary of what changed and the needs or
meeting items that prompted it. The people it applies to *acknowledge* each new version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel
from districtwise.core.roles import Role

# Who may be asked to acknowledge a document: the school-based roles.
ACKNOWLEDGING_ROLES = (Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL, Role.TEACHER_LEADER)


class GuidanceDocument(BaseModel):
    """A document of guidance or guardrails, owned by a department."""

    class Kind(models.TextChoices):
        GUIDANCE = "guidance", "Guidance: what to do"
        GUARDRAIL = "guardrail", "Guardrail: what must never, or must always, be done"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="guidance_documents"
    )
    department = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, related_name="guidance_documents"
    )
    kind = models.CharField(max_length=9, choices=Kind.choices)
    title = models.CharField(max_length=200)
    # Whom it applies to: these schools (none = every school of the district) and the
    # holders of these roles there, who acknowledge each new version.
    schools = models.ManyToManyField(
        "organization.School", blank=True, related_name="guidance_documents"
    )
    roles = models.JSONField(default=list, help_text="Role values from ACKNOWLEDGING_ROLES.")
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["district", "title"], name="one_guidance_title")
        ]

    def __str__(self) -> str:
        return self.title


class GuidanceVersion(BaseModel):
    """One published version of a document. The highest number is the current one."""

    document = models.ForeignKey(
        GuidanceDocument, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    body = models.TextField()
    # Room to innovate: what schools may decide for themselves within the guardrail.
    schools_decide = models.TextField(blank=True)
    change_summary = models.TextField(
        blank=True, help_text="What changed from the previous version, in a sentence or two."
    )
    effective_on = models.DateField()
    review_on = models.DateField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    prompted_by_needs = models.ManyToManyField(
        "voice.Need", blank=True, related_name="guidance_versions"
    )
    prompted_by_items = models.ManyToManyField(
        "voice.AgendaItem", blank=True, related_name="guidance_versions"
    )

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number"),
            models.CheckConstraint(
                condition=models.Q(review_on__gte=models.F("effective_on")),
                name="review_after_effective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class GuidanceAcknowledgement(models.Model):
    """A person's acknowledgement that they have read one version."""

    version = models.ForeignKey(
        GuidanceVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    person = models.ForeignKey(
        "organization.Person", on_delete=models.CASCADE, related_name="guidance_acknowledgements"
    )
    acknowledged_at = models.DateTimeField()

    class Meta:
        ordering = ["acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="one_acknowledgement")
        ]

    def __str__(self) -> str:
        return f"{self.person} read {self.version}"
