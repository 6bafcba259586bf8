"""Improvement networks: school teams around a shared aim, testing changes in small cycles.

An *improvement network* is convened by its leads around one aim (what, by how much, by
when, for whom) and has a *team* at each member school; teams are staff, and students and
family members where invited. Its theory of improvement is a *driver diagram* (aim,
primary drivers, secondary drivers, change ideas) kept in numbered versions. Teams test
*change ideas* in PDSA *cycles* and watch *measures* move on run and control charts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from districtwise.core.base import BaseModel


class ImprovementNetwork(BaseModel):
    """A networked improvement community: an aim, its leads, its period and its teams."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="improvement_networks"
    )
    name = models.CharField(max_length=200)
    # The aim statement, in its four parts.
    aim_what = models.CharField(
        max_length=300, help_text="What will improve, e.g. 'on-time ninth-grade course passing'."
    )
    aim_how_much = models.CharField(
        max_length=200, help_text="By how much, e.g. 'from 71% to 85%'."
    )
    aim_by_when = models.DateField(help_text="By when the aim is to be met.")
    aim_for_whom = models.CharField(
        max_length=300, help_text="For whom, e.g. 'ninth graders in the four member schools'."
    )
    # The period the network works in: measure values and cycles fall inside it.
    starts_on = models.DateField()
    ends_on = models.DateField()
    leads = models.ManyToManyField(
        "organization.Person", related_name="improvement_networks_led", blank=True
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="one_network_name"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="network_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def aim_statement(self) -> str:
        """The aim in one sentence."""
        when = self.aim_by_when.strftime("%B %-d, %Y")
        return f"{self.aim_what}, {self.aim_how_much}, by {when}, for {self.aim_for_whom}."


class Team(BaseModel):
    """A member school's team in a network."""

    network = models.ForeignKey(ImprovementNetwork, on_delete=models.CASCADE, related_name="teams")
    school = models.ForeignKey(
        "organization.School", on_delete=models.PROTECT, related_name="improvement_teams"
    )
    name = models.CharField(max_length=200, blank=True)
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "school"], name="one_team_per_school")
        ]

    def __str__(self) -> str:
        return self.name or f"{self.school.name} team"


class TeamMember(BaseModel):
    """A person on a team: staff, a student or a family member."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        STUDENT = "student", "Student"
        FAMILY = "family", "Family member"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "organization.Person", on_delete=models.CASCADE, related_name="improvement_teams"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STAFF)
    role_on_team = models.CharField(max_length=120, blank=True, help_text="e.g. 'data lead'.")

    class Meta:
        ordering = ["person__family_name", "person__given_name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="one_membership_per_team")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"


# ---- the theory of improvement ----
class ChangeIdea(BaseModel):
    """A change a team may test. It lives in the network, across diagram versions."""

    network = models.ForeignKey(
        ImprovementNetwork, on_delete=models.CASCADE, related_name="change_ideas"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["network", "title"], name="one_change_idea_title")
        ]

    def __str__(self) -> str:
        return self.title


class DiagramVersion(BaseModel):
    """A numbered version of the network's driver diagram. The newest one is the working
    version; recording it (``recorded_at``) freezes it and opens the next."""

    network = models.ForeignKey(
        ImprovementNetwork, on_delete=models.CASCADE, related_name="diagram_versions"
    )
    number = models.PositiveIntegerField()
    note = models.TextField(blank=True, help_text="What the network learned that changed it.")
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["network", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["network", "number"], name="one_diagram_number")
        ]

    def __str__(self) -> str:
        return f"{self.network} — version {self.number}"


class Driver(BaseModel):
    """A primary driver (under the aim) or a secondary driver (under a primary one)."""

    class Kind(models.TextChoices):
        PRIMARY = "primary", "Primary driver"
        SECONDARY = "secondary", "Secondary driver"

    version = models.ForeignKey(DiagramVersion, on_delete=models.CASCADE, related_name="drivers")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    # ---- diagram ----
    # The same driver in the version before (set when a version is recorded and the next
    # one opened as its copy): how a version says what was renamed or moved.
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    # ---- end diagram ----

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="primary", parent__isnull=True)
                    | models.Q(kind="secondary", parent__isnull=False)
                ),
                name="driver_kind_matches_parent",
            )
        ]

    def __str__(self) -> str:
        return self.text


class IdeaPlacement(BaseModel):
    """A change idea hung under a driver in one version (an idea may hang under several)."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="placements")
    idea = models.ForeignKey(ChangeIdea, on_delete=models.CASCADE, related_name="placements")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["driver", "idea"], name="one_placement_per_driver")
        ]


# ---- measures ----
class Measure(BaseModel):
    """A practical measure of the network, with its operational definition."""

    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Outcome measure"
        PROCESS = "process", "Process measure"
        BALANCING = "balancing", "Balancing measure"

    class Source(models.TextChoices):
        ENTERED = "entered", "Entered by teams"
        UPLOADED = "uploaded", "Uploaded as a file"
        ENGINE = "engine", "A metric of the district's data"

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        FORTNIGHTLY = "fortnightly", "Every two weeks"
        MONTHLY = "monthly", "Monthly"

    class Chart(models.TextChoices):
        RUN = "run", "Run chart"
        I = "i", "I chart (individual values, XmR)"  # noqa: E741
        P = "p", "p chart (a proportion: events out of a count)"
        U = "u", "u chart (a rate: events per unit of exposure)"

    network = models.ForeignKey(
        ImprovementNetwork, on_delete=models.CASCADE, related_name="measures"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    definition = models.TextField(help_text="The operational definition: what is counted, how.")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    metric_key = models.CharField(
        max_length=80, blank=True, help_text="The data engine's metric, for a metric source."
    )
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY)
    chart = models.CharField(max_length=4, choices=Chart.choices, default=Chart.RUN)
    unit = models.CharField(max_length=40, blank=True, help_text="e.g. '%', 'students'.")
    higher_is_better = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    # measures: a retired measure keeps its values but takes no new ones.
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["network", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="one_measure_name")]

    def __str__(self) -> str:
        return self.name


class MeasureValue(BaseModel):
    """One point of a measure: a team's value for the period starting on ``period_start``.

    A p chart's point is ``numerator`` out of ``denominator``; a u chart's is ``numerator``
    events per ``denominator`` units of exposure; ``value`` is then their ratio.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="measure_values")
    period_start = models.DateField()
    # measures: empty for a figure of the district's data hidden for privacy (too few
    # students); ``note`` then says so.
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["measure", "team", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "team", "period_start"], name="one_value_per_period"
            )
        ]


class ChartPhase(BaseModel):
    """A new baseline on a measure's chart from ``starts_on`` (after a change was made)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="phases")
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="chart_phases"
    )
    starts_on = models.DateField()
    label = models.CharField(max_length=200)
    change_idea = models.ForeignKey(
        ChangeIdea, on_delete=models.SET_NULL, null=True, blank=True, related_name="phases"
    )

    class Meta:
        ordering = ["measure", "starts_on"]


# ---- PDSA cycles ----
class Cycle(BaseModel):
    """A Plan-Do-Study-Act cycle a team runs on a change idea; ``previous`` chains cycles
    into a ramp."""

    class Stage(models.TextChoices):
        PLAN = "plan", "Plan"
        DO = "do", "Do"
        STUDY = "study", "Study"
        ACT = "act", "Act"
        CLOSED = "closed", "Closed"

    class Decision(models.TextChoices):
        ADOPT = "adopt", "Adopt"
        ADAPT = "adapt", "Adapt"
        ABANDON = "abandon", "Abandon"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="cycles")
    change_idea = models.ForeignKey(ChangeIdea, on_delete=models.PROTECT, related_name="cycles")
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_cycles"
    )
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.PLAN)
    # Plan
    question = models.TextField(help_text="What do we want to learn from this test?")
    prediction = models.TextField(help_text="What do we predict will happen, and why?")
    plan_who = models.CharField(max_length=300, blank=True)
    plan_what = models.TextField(blank=True)
    plan_where = models.CharField(max_length=300, blank=True)
    planned_start = models.DateField()
    planned_end = models.DateField(null=True, blank=True)
    data_to_collect = models.TextField(blank=True)
    # Do
    what_happened = models.TextField(blank=True)
    observations = models.TextField(blank=True)
    started_on = models.DateField(null=True, blank=True)
    # Study
    results = models.TextField(blank=True)
    against_prediction = models.TextField(blank=True)
    # Act
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    next_steps = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["team", "-planned_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(stage="closed") | ~models.Q(decision=""),
                name="closed_cycle_has_decision",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CycleAttachment(BaseModel):
    """A file kept with a cycle (a photo of student work, a document)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=200, help_text="The file's name as uploaded.")
    path = models.CharField(max_length=500, help_text="Where it is kept, under DATA_DIR.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    caption = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["cycle", "created_at"]


# ---- network learning ----
class LearningEntry(BaseModel):
    """An entry of the network's learning log: what the network learned, and from where."""

    network = models.ForeignKey(
        ImprovementNetwork, on_delete=models.CASCADE, related_name="learning_entries"
    )
    written_on = models.DateField()
    text = models.TextField()
    change_idea = models.ForeignKey(
        ChangeIdea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["network", "-written_on", "-pk"]
        verbose_name_plural = "learning entries"
