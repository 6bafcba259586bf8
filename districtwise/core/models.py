"""Memberships (person, role, scope), student-record grants, the audit log, API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel
from districtwise.core.roles import Role


class Membership(BaseModel):
    """A person holds a role in a scope: the district, a department, a network, a school or
    a partner organisation. Exactly the scope field of the role's kind is set."""

    person = models.ForeignKey(
        "organization.Person", on_delete=models.CASCADE, related_name="memberships"
    )
    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    department = models.ForeignKey(
        "organization.Department", on_delete=models.CASCADE, null=True, blank=True
    )
    network = models.ForeignKey(
        "organization.Network", on_delete=models.CASCADE, null=True, blank=True
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, null=True, blank=True
    )
    partner = models.ForeignKey(
        "organization.Partner", on_delete=models.CASCADE, null=True, blank=True
    )
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["role"]
        # A person holds a role in a given scope once (one constraint per kind of scope,
        # since SQLite treats NULLs as distinct in unique constraints).
        constraints = (
            *(
                models.UniqueConstraint(
                    fields=["person", "role", field],
                    condition=models.Q(**{f"{field}__isnull": False}),
                    name=f"unique_membership_per_{field}",
                )
                for field in ("department", "network", "school", "partner")
            ),
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=models.Q(
                    department__isnull=True,
                    network__isnull=True,
                    school__isnull=True,
                    partner__isnull=True,
                ),
                name="unique_membership_per_district",
            ),
        )

    def __str__(self) -> str:
        return f"{self.person} - {self.get_role_display()} ({self.scope_name})"

    @property
    def scope_name(self) -> str:
        """The name of the school, network, department or partner the role is held in."""
        scope = self.school or self.network or self.department or self.partner or self.district
        return str(scope)


class StudentRecordGrant(BaseModel):
    """The right to see student-level records: a separate grant, never implied by a title.

    FERPA (34 CFR 99.31(a)(1)) allows disclosure to school officials with a legitimate
    educational interest; the grant names that interest and who gave it.
    """

    person = models.ForeignKey(
        "organization.Person", on_delete=models.CASCADE, related_name="student_record_grants"
    )
    district = models.ForeignKey("organization.District", on_delete=models.CASCADE)
    purpose = models.CharField(max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Student records for {self.person}: {self.purpose}"


class StudentRecordView(models.Model):
    """One view of a student-level record: who, when, which record, for what (FERPA 34 CFR
    99.32 asks schools to keep a record of access)."""

    district = models.ForeignKey("organization.District", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)
    student_id = models.CharField(max_length=40)
    what = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} viewed student {self.student_id} ({self.what})"


class AuditEntry(models.Model):
    """A change to shared data: who, when, what, and each changed field before and after."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=8, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type} {self.object_repr}"


class LoginFailure(models.Model):
    """A failed log-in, kept for throttling repeated guesses."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"Failed log-in for {self.username}"


class ApiToken(BaseModel):
    """A personal access token: only its SHA-256 hash is stored; it acts exactly as its
    user would in the district it was made for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    district = models.ForeignKey("organization.District", on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Notification(models.Model):
    """A message for one user in one district: shown in the app, and e-mailed if they asked."""

    class Kind(models.TextChoices):
        NEED_ROUTED = "need_routed", "A need was routed to your department"
        NEED_ACKNOWLEDGED = "need_acknowledged", "A need you raised was acknowledged"
        NEED_ANSWERED = "need_answered", "A need you raised was answered"
        NEED_UPDATED = "need_updated", "A need you follow changed"
        GUIDANCE_TO_ACKNOWLEDGE = "guidance_to_acknowledge", "Guidance to acknowledge"
        AGENDA_PUBLISHED = "agenda_published", "A meeting agenda was published"
        PARTNERSHIP_RENEWAL = "partnership_renewal", "A partnership agreement ends soon"
        VISIT_PLANNED = "visit_planned", "Your supervisor planned a school visit"
        VISIT_FEEDBACK = "visit_feedback", "Feedback from a school visit"
        ASSESSMENT_TO_ANSWER = "assessment_to_answer", "A self-assessment for you to answer"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="notifications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, help_text="Where the notification leads, in the app.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "district", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NotificationSetting(BaseModel):
    """A user's choice, per district, to receive notifications by e-mail as well."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    district = models.ForeignKey("organization.District", on_delete=models.CASCADE)
    email = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_notification_setting")
        ]

    def __str__(self) -> str:
        return f"{self.user}: e-mail {'on' if self.email else 'off'}"
