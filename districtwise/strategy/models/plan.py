"""The district's plan: vision and mission, goals with targets, the theory of action, and
the initiatives that serve the goals (with their schools, budgets, milestones and log).

Goals and initiatives carry a ``version`` that every edit raises: a service given an
older version than the stored one refuses the edit, so two people editing the same goal
never silently overwrite each other."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from districtwise.core.base import BaseModel


class LearningAgenda(models.TextChoices):
    """The three learning agendas a goal can serve."""

    STUDENT = "student", "Student learning"
    PROFESSIONAL = "professional", "Professional learning"
    SYSTEM = "system", "System learning"


class AreaOfAction(models.TextChoices):
    """The five areas of action a goal can advance."""

    LEARNING = "learning", "Establishing a focus on learning"
    COMMUNITY = "community", "Building professional communities that value learning"
    EXTERNAL = "external", "Engaging external environments that matter for learning"
    LEADERSHIP = "leadership", "Acting strategically and sharing leadership"
    COHERENCE = "coherence", "Creating coherence"


class Pathway(models.TextChoices):
    """The levers an initiative pulls to reach schools."""

    CURRICULUM = "curriculum", "Curriculum and materials"
    ASSESSMENT = "assessment", "Assessment"
    PROFESSIONAL_DEVELOPMENT = "professional_development", "Professional development"
    COACHING = "coaching", "Coaching"
    LEADERSHIP_DEVELOPMENT = "leadership_development", "Leadership development"
    DATA_USE = "data_use", "Data use"
    FAMILY_ENGAGEMENT = "family_engagement", "Family engagement"
    SCHEDULING = "scheduling", "Scheduling and time"
    STAFFING = "staffing", "Staffing"
    BUDGET = "budget", "Budget"
    PARTNERSHIPS = "partnerships", "Community partnerships"
    TECHNOLOGY = "technology", "Technology"


class FundingSource(models.TextChoices):
    """Where an initiative's money comes from (the ``funding_source`` words of
    school_finance.csv where they exist)."""

    GENERAL = "general", "General fund"
    TITLE_I = "title_i", "Title I"
    TITLE_II = "title_ii", "Title II"
    TITLE_III = "title_iii", "Title III"
    IDEA = "idea", "IDEA"
    STATE_CATEGORICAL = "state_categorical", "State categorical"
    GRANT = "grant", "Grant"
    PHILANTHROPY = "philanthropy", "Philanthropy"
    OTHER = "other", "Other"


def _share_validators() -> list:
    return [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class Plan(BaseModel):
    """The district's strategic plan: one per district, kept alive in Districtwise.

    The district sets the rule that says whether a goal is on track: the latest figure's
    progress from baseline, as a share of the progress the straight line from baseline to
    target expects by then, is on track at ``on_track_share`` or more, at risk at
    ``at_risk_share`` or more, else off track. ``school_initiative_limit`` is how many
    initiatives one school can carry before the coherence view calls it overloaded."""

    district = models.OneToOneField(
        "organization.District", on_delete=models.CASCADE, related_name="plan"
    )
    title = models.CharField(max_length=200, default="Strategic plan")
    vision = models.TextField(blank=True)
    mission = models.TextField(blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    on_track_share = models.DecimalField(
        max_digits=4, decimal_places=2, default=Decimal("0.90"), validators=_share_validators()
    )
    at_risk_share = models.DecimalField(
        max_digits=4, decimal_places=2, default=Decimal("0.70"), validators=_share_validators()
    )
    school_initiative_limit = models.PositiveSmallIntegerField(default=4)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.title} ({self.district})"


class Indicator(BaseModel):
    """A measure a goal is judged by. Either backed by a figure of the data engine
    (``source = engine``: a metric of the equity audit or a later module, named by
    ``metric`` and ``dimension``, read at district level) or entered by hand with the
    source it comes from (``source = manual``)."""

    class Source(models.TextChoices):
        ENGINE = "engine", "Computed from the district's data"
        MANUAL = "manual", "Entered by hand"

    class Unit(models.TextChoices):
        RATE = "rate", "Rate (shown as a percentage)"
        NUMBER = "number", "Number"
        DOLLARS = "dollars", "Dollars"

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.RATE)
    higher_is_better = models.BooleanField(default=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    metric = models.CharField(max_length=100, blank=True, help_text="e.g. chronic_absenteeism")
    dimension = models.CharField(max_length=40, blank=True, help_text="e.g. attendance")
    source_note = models.CharField(
        max_length=300, blank=True, help_text="Where hand-entered figures come from."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="unique_indicator_name"),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(BaseModel):
    """One figure of an indicator entered by hand: for a period ending ``measured_on``, for
    all students or one student group (the group words of the equity spec). A period with
    no figure has no row: charts show it as a gap, never as zero."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField()
    group_type = models.CharField(max_length=40, default="all")
    group = models.CharField(max_length=40, default="all")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    source_note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "measured_on", "group_type", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on", "group_type", "group"],
                name="one_indicator_value_per_period_and_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measured_on} {self.group}: {self.value}"


class Goal(BaseModel):
    """A goal of the plan, measured by an indicator from a baseline to a target.

    ``priority`` 1 is the highest. ``learning_agendas`` and ``areas_of_action`` hold lists
    of ``LearningAgenda`` and ``AreaOfAction`` values. An equity goal may carry targets per
    student group (``GoalGroupTarget``)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(max_length=20, help_text="Short label, e.g. G1.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    priority = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    owner_department = models.ForeignKey(
        "organization.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
    )
    # RESTRICT: an indicator a goal uses cannot be deleted on its own, yet deleting the
    # whole district (plan, goals and indicators together) still goes through.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.RESTRICT, null=True, blank=True, related_name="goals"
    )
    baseline_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    baseline_on = models.DateField(null=True, blank=True)
    target_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    target_on = models.DateField(null=True, blank=True)
    is_equity = models.BooleanField(default=False)
    learning_agendas = models.JSONField(default=list, blank=True)
    areas_of_action = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "priority", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_goal_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class GoalGroupTarget(BaseModel):
    """An equity goal's baseline and target for one student group."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="group_targets")
    group_type = models.CharField(max_length=40)
    group = models.CharField(max_length=40)
    baseline_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    target_value = models.DecimalField(max_digits=14, decimal_places=4)

    class Meta:
        ordering = ["goal", "group_type", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "group_type", "group"], name="one_target_per_goal_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal.code} {self.group_type}={self.group}: {self.target_value}"


class ActionStatement(BaseModel):
    """One statement of the theory of action: if we do this, then that follows, linking a
    strategy to the goals it should move."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="action_statements")
    position = models.PositiveSmallIntegerField(default=0)
    if_clause = models.TextField(help_text="If the district …")
    then_clause = models.TextField(help_text="… then …")
    goals = models.ManyToManyField(Goal, blank=True, related_name="action_statements")

    class Meta:
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return f"If {self.if_clause[:60]} then {self.then_clause[:60]}"


class Initiative(BaseModel):
    """An effort of the district: who owns and leads it, which goals it serves, which
    pathways it uses, where it runs (``Participation``, possibly in phases), what it costs
    (``BudgetLine``), its milestones and its implementation log.

    ``students_reached`` is the count the owners give; when empty, the students of the
    participating schools stand in for it (cost per student reached)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        COMPLETED = "completed", "Completed"
        ABANDONED = "abandoned", "Abandoned"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="initiatives")
    code = models.CharField(max_length=20, help_text="Short label, e.g. I4.")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner_department = models.ForeignKey(
        "organization.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    lead = models.ForeignKey(
        "organization.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_initiatives",
    )
    goals = models.ManyToManyField(Goal, blank=True, related_name="initiatives")
    pathways = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    students_reached = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_initiative_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class InitiativePhase(BaseModel):
    """A phase of an initiative (pilot schools first, then wider)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=100)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["initiative", "position", "id"]

    def __str__(self) -> str:
        return f"{self.initiative.code} {self.name}"


class Participation(BaseModel):
    """A school taking part in an initiative (in one of its phases, when it has them)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="participations"
    )
    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, related_name="participations"
    )
    phase = models.ForeignKey(
        InitiativePhase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
    )

    class Meta:
        ordering = ["initiative", "school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "school"], name="one_participation_per_school"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} in {self.initiative.code}"


class BudgetLine(BaseModel):
    """Money an initiative spends in a school year from one funding source (dollars)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="budget_lines"
    )
    funding_source = models.CharField(max_length=20, choices=FundingSource.choices)
    school_year = models.PositiveSmallIntegerField(help_text="The year the school year ends.")
    amount = models.DecimalField(
        max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["initiative", "school_year", "funding_source"]

    def __str__(self) -> str:
        return f"{self.initiative.code} {self.school_year} {self.funding_source}: {self.amount}"


class Milestone(BaseModel):
    """A dated step of an initiative and where it stands."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        MISSED = "missed", "Missed"
        CANCELLED = "cancelled", "Cancelled"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["initiative", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.initiative.code} {self.title} ({self.due_on})"


class LogEntry(BaseModel):
    """An entry of an initiative's implementation log: what happened, when, who wrote it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="log_entries")
    happened_on = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["initiative", "-happened_on", "-id"]
        verbose_name_plural = "log entries"

    def __str__(self) -> str:
        return f"{self.initiative.code} {self.happened_on}"


class CabinetReview(BaseModel):
    """A monthly cabinet review of the plan: when it was held, its notes, and the status of
    every goal and initiative at that moment (``snapshot``), so the next review can list
    what changed since."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    notes = models.TextField(blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["plan", "-held_on", "-id"]

    def __str__(self) -> str:
        return f"Cabinet review {self.held_on}"
