"""Teacher supports: what every teacher can count on, who teaches where, what was delivered.

A *support* is named once by the central office, with its nonnegotiables (how often, how
long, by whom, with which protocol) and the room a school has to adapt it. The teaching
roster says which teachers a school has and since when; delivery logs say which teachers
received a support on which day. Coverage compares the two.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel
from districtwise.organization.models import GRADE_CHOICES

# Roles of staff.csv that may deliver a support (the data contract's staff roles).
DELIVERER_CHOICES = [
    ("coach", "Instructional coach"),
    ("teacher", "Teacher or teacher leader"),
    ("principal", "Principal"),
    ("assistant_principal", "Assistant principal"),
    ("specialist", "Specialist"),
    ("central_office", "Central-office staff"),
]


class Support(BaseModel):
    """A support every entitled teacher should reliably receive, with its nonnegotiables."""

    class Kind(models.TextChoices):
        MATERIALS = "materials", "High-quality instructional materials"
        PLC = "plc", "Collaborative planning (PLC)"
        COACHING = "coaching", "Coaching cycle"
        OBSERVATION = "observation", "Observation and feedback"
        ONBOARDING = "onboarding", "Onboarding for new teachers"
        OTHER = "other", "Other support"

    class Audience(models.TextChoices):
        ALL = "all", "All teachers"
        NEW = "new", "New teachers"
        SUBJECT = "subject", "Teachers of a subject"
        GRADE_SPAN = "grade_span", "Teachers of a grade span"
        TIER = "tier", "Teachers in a tier of schools"

    class Period(models.TextChoices):
        WEEK = "week", "per week"
        MONTH = "month", "per month"
        YEAR = "year", "per school year"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="supports"
    )
    code = models.SlugField(max_length=40, help_text="Short name, e.g. 'plc'.")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    owner_department = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, related_name="supports"
    )
    # Who is entitled.
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.ALL)
    new_teacher_years = models.PositiveSmallIntegerField(
        default=2, help_text="A teacher with fewer years of experience than this is new."
    )
    audience_subject = models.CharField(max_length=80, blank=True)
    audience_grade_low = models.CharField(max_length=2, choices=GRADE_CHOICES, blank=True)
    audience_grade_high = models.CharField(max_length=2, choices=GRADE_CHOICES, blank=True)
    audience_tier = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The support tier (level) of the schools entitled."
    )
    # The nonnegotiables, as checkable parameters.
    min_occurrences = models.PositiveSmallIntegerField(
        default=1, help_text="How many times each entitled teacher receives it, at least."
    )
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.WEEK)
    min_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="How long each occurrence lasts, at least (0: no minimum)."
    )
    delivered_by = models.JSONField(
        default=list, blank=True, help_text="Who may deliver it (staff roles); empty: anyone."
    )
    protocol = models.CharField(
        max_length=200, blank=True, help_text="The protocol or materials every school uses."
    )
    # The boundaries of adaptation: what a school decides for itself.
    adaptable = models.TextField(
        blank=True, help_text="What a school may decide for itself, e.g. the day and format."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="unique_support_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def nonnegotiable(self) -> str:
        """The nonnegotiable in one sentence: 'once per week, at least 45 minutes each'."""
        times = {1: "once", 2: "twice"}.get(self.min_occurrences, f"{self.min_occurrences} times")
        text = f"{times} {self.get_period_display()}"
        if self.min_minutes:
            text += f", at least {self.min_minutes} minutes each"
        return text


class TeacherAssignment(BaseModel):
    """A teacher teaching at a school from a date (and until one): the roster coverage is
    measured against. A teacher in two schools has two assignments; a mid-year hire's
    starts on the day they started."""

    class Source(models.TextChoices):
        FILES = "files", "District files (staff.csv)"
        ENTERED = "entered", "Entered by hand"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="teacher_assignments"
    )
    teacher = models.ForeignKey(
        "organization.Person", on_delete=models.CASCADE, related_name="teaching_assignments"
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, related_name="teacher_assignments"
    )
    school_year = models.PositiveSmallIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    subject = models.CharField(max_length=80, blank=True)
    grade_low = models.CharField(max_length=2, choices=GRADE_CHOICES, blank=True)
    grade_high = models.CharField(max_length=2, choices=GRADE_CHOICES, blank=True)
    years_experience = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)

    class Meta:
        ordering = ["school_year", "school", "teacher"]
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "school", "school_year", "starts_on"],
                name="one_assignment_per_teacher_school_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="assignment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["district", "school_year"])]

    def __str__(self) -> str:
        return f"{self.teacher} at {self.school} ({self.school_year})"


class DeliveryLog(BaseModel):
    """One delivery of a support at a school on a day: a coaching session, a PLC meeting,
    an observation with its feedback. The teachers who received it are its attendees."""

    class Source(models.TextChoices):
        FORM = "form", "Entered on a page"
        CSV = "csv", "Imported from a CSV file"
        API = "api", "Sent through the API"
        DEMO = "demo", "Demo district"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="delivery_logs"
    )
    support = models.ForeignKey(Support, on_delete=models.PROTECT, related_name="logs")
    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, related_name="delivery_logs"
    )
    delivered_on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    delivered_by = models.ForeignKey(
        "organization.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries_given",
    )
    notes = models.TextField(blank=True, help_text="Minutes of the meeting, or the feedback.")
    feedback_on = models.DateField(
        null=True, blank=True, help_text="For an observation: the day feedback was given."
    )
    teachers = models.ManyToManyField(
        "organization.Person", through="LogAttendee", related_name="deliveries_received"
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.FORM)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["-delivered_on", "-pk"]
        indexes = [models.Index(fields=["district", "delivered_on"])]

    def __str__(self) -> str:
        return f"{self.support} at {self.school} on {self.delivered_on}"


class LogAttendee(models.Model):
    """A teacher who received a delivery."""

    log = models.ForeignKey(DeliveryLog, on_delete=models.CASCADE, related_name="attendees")
    teacher = models.ForeignKey(
        "organization.Person", on_delete=models.CASCADE, related_name="log_attendances"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["log", "teacher"], name="one_attendance_per_log"),
        ]

    def __str__(self) -> str:
        return f"{self.teacher_id} at log {self.log_id}"


# ---- adaptations: how a school delivers each support (issue 6, item 2) ----


class Adaptation(BaseModel):
    """One version of how a school delivers a support: its delivery plan as checkable
    parameters, checked against the support's nonnegotiables, and the network lead's review.

    Every version is kept. The school's current adaptation is its latest approved version;
    a newer draft or submitted version waits beside it until it is approved in turn."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for approval"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned with comments"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="adaptations"
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, related_name="adaptations"
    )
    support = models.ForeignKey(Support, on_delete=models.PROTECT, related_name="adaptations")
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The school's delivery plan.
    occurrences = models.PositiveSmallIntegerField(help_text="How many times, at least.")
    period = models.CharField(max_length=10, choices=Support.Period.choices)
    minutes = models.PositiveSmallIntegerField(help_text="How long each time, in minutes.")
    delivered_by = models.JSONField(default=list, help_text="Who delivers it (staff roles).")
    protocol = models.CharField(
        max_length=200, blank=True, help_text="The protocol or materials used."
    )
    days_and_format = models.TextField(
        blank=True, help_text="The day or days, and the format (what the school decides)."
    )
    note = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adaptations_written",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adaptations_reviewed",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["school", "support", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "support", "version"], name="one_adaptation_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.support} at {self.school}, version {self.version}"

    @property
    def plan_text(self) -> str:
        """The plan in one sentence: 'twice per month, 30 minutes each'."""
        times = {1: "once", 2: "twice"}.get(self.occurrences, f"{self.occurrences} times")
        return f"{times} {self.get_period_display()}, {self.minutes} minutes each"

    @property
    def deliverers(self) -> str:
        """Who delivers it, in words."""
        names = dict(DELIVERER_CHOICES)
        return ", ".join(names.get(role, role) for role in self.delivered_by or [])


# ---- end adaptations ----
# ---- coverage ----


class CoverageRun(BaseModel):
    """One computation of coverage over a period: who received each support they are
    entitled to. The results are three Parquet files in ``DATA_DIR/coverage/<district
    code>/<key>/`` (``teachers``, ``memberships``, ``rollups``); ``sources`` says what the
    run was computed from (how many assignments, supports and deliveries; the tier
    placement it read) so a reader knows what it reflects."""

    class Status(models.TextChoices):
        RUNNING = "running", "Computing"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="coverage_runs"
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    school_year = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    computed_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    sources = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=500, blank=True)
    message = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Coverage {self.starts_on} to {self.ends_on} ({self.get_status_display()})"


# ---- end coverage ----
# ---- logs: teacher groups ----


class TeacherGroup(BaseModel):
    """The usual members of a recurring delivery at a school (a grade team's PLC, say):
    choosing the group pre-fills the attendees of a log."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="teacher_groups"
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, related_name="teacher_groups"
    )
    support = models.ForeignKey(
        Support, on_delete=models.SET_NULL, null=True, blank=True, related_name="groups"
    )
    name = models.CharField(max_length=120)
    members = models.ManyToManyField("organization.Person", related_name="teacher_groups")

    class Meta:
        ordering = ["school", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="unique_group_name_per_school"),
        ]

    def __str__(self) -> str:
        return self.name


# ---- end logs ----
