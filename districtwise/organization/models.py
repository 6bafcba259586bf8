"""The district's organisation: years, networks, schools, departments, people, partners."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel

GRADES = ["PK", "KG", *[f"{n:02d}" for n in range(1, 13)]]
GRADE_CHOICES = [(g, g) for g in GRADES]


class District(BaseModel):
    """One district: everything else belongs to exactly one, and districts never mix."""

    code = models.SlugField(max_length=40, unique=True, help_text="Short identifier, e.g. 'demo'.")
    name = models.CharField(max_length=200)
    state = models.CharField(max_length=2, blank=True)
    vision = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolYear(BaseModel):
    """A school year, named by the calendar year in which it ends (2026 is 2025-26)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="school_years")
    year = models.PositiveSmallIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["district", "year"], name="unique_year_per_district"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="year_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year - 1}-{str(self.year)[-2:]}"


class Network(BaseModel):
    """A cluster of schools led by a network lead (principal supervisor)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="networks")
    code = models.CharField(max_length=40, help_text="The network_id of the district's files.")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="unique_network_code"),
        ]

    def __str__(self) -> str:
        return self.name


class School(BaseModel):
    """A school of the district."""

    class Level(models.TextChoices):
        ELEMENTARY = "elementary", "Elementary"
        MIDDLE = "middle", "Middle"
        HIGH = "high", "High"
        K8 = "k8", "K-8"
        SIX_TWELVE = "6-12", "6-12"
        K12 = "k12", "K-12"
        OTHER = "other", "Other"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="schools")
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, null=True, blank=True, related_name="schools"
    )
    code = models.CharField(max_length=40, help_text="The school_id of the district's files.")
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=12, choices=Level.choices)
    grade_low = models.CharField(max_length=2, choices=GRADE_CHOICES)
    grade_high = models.CharField(max_length=2, choices=GRADE_CHOICES)
    title_i = models.BooleanField(
        null=True, blank=True, help_text="School-wide Title I; empty means unknown."
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="unique_school_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def grade_span(self) -> str:
        return f"{self.grade_low}-{self.grade_high}"


class Department(BaseModel):
    """A central-office department (teaching and learning, operations, data, ...)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="departments")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    domain = models.CharField(
        max_length=200, blank=True, help_text="What the department is responsible for."
    )
    is_human_resources = models.BooleanField(
        default=False,
        help_text="Human resources: its members read succession plans and the leader pipeline.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="unique_department_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(BaseModel):
    """A staff record (or a partner contact, family or student team member)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    staff_id = models.CharField(max_length=40, blank=True, help_text="The staff_id of the files.")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    title = models.CharField(max_length=200, blank=True)
    school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff"
    )
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff"
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["district", "user"],
                condition=models.Q(user__isnull=False),
                name="one_person_per_user_per_district",
            ),
            models.UniqueConstraint(
                fields=["district", "staff_id"],
                condition=~models.Q(staff_id=""),
                name="unique_staff_id",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def place(self) -> str:
        """Where the person works: their school, else their department."""
        if self.school_id:
            return str(self.school)
        return str(self.department) if self.department_id else ""


class PartnerKind(models.TextChoices):
    NONPROFIT = "nonprofit", "Nonprofit"
    HEALTH = "health", "Health or social service"
    HIGHER_EDUCATION = "higher_education", "Higher education"
    BUSINESS = "business", "Business"
    CULTURAL = "cultural", "Cultural"
    FAITH = "faith", "Faith-based"
    GOVERNMENT = "government", "Government agency"
    PHILANTHROPY = "philanthropy", "Philanthropy"


class Partner(BaseModel):
    """An external partner organisation, serving named schools (sees aggregates only).

    ``schools`` are the schools it serves: kept by the community app as the schools of
    its partnerships (``community.services.partners.partner_schools_sync``)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, blank=True, choices=PartnerKind.choices)
    description = models.TextField(blank=True, help_text="What the organisation does.")
    website = models.URLField(blank=True)
    schools = models.ManyToManyField(School, blank=True, related_name="partners")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
