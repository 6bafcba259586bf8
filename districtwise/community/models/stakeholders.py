"""The stakeholder map: the groups whose support the district's priorities depend on.

A *group* (the board, an employee association, a parent group, an official...) is rated
for its interest in the district's work and its influence over it, 1 to 5 each; the two
ratings place it on the grid. Its *positions* on the district's priorities (a goal of the
plan, or a priority named in words) are kept as history: recording a new one adds a row,
and the latest row per priority is the group's current stance. *Engagements* are the
district's contacts with the group (meetings, calls, letters, public comment...).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from districtwise.core.base import BaseModel
from districtwise.organization.models import District, Person

RATING_ERRORS = {
    "min_value": "Rate it from 1 (lowest) to 5 (highest).",
    "max_value": "Rate it from 1 (lowest) to 5 (highest).",
}


def rating_field(help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=help_text,
        error_messages=RATING_ERRORS,
    )


class StakeholderKind(models.TextChoices):
    BOARD = "board", "School board"
    ASSOCIATION = "association", "Employee association or union"
    PARENT_GROUP = "parent_group", "Parent group"
    COMMUNITY_LEADER = "community_leader", "Community leader"
    OFFICIAL = "official", "Elected or appointed official"
    MEDIA = "media", "Media"
    ADVOCACY = "advocacy", "Advocacy organisation"
    OTHER = "other", "Other"


class Stance(models.TextChoices):
    """Where a group stands on a priority, from most to least favourable; unknown last."""

    CHAMPION = "champion", "Champion"
    SUPPORTIVE = "supportive", "Supportive"
    NEUTRAL = "neutral", "Neutral"
    CONCERNED = "concerned", "Concerned"
    OPPOSED = "opposed", "Opposed"
    UNKNOWN = "unknown", "Unknown"


# A rating of HIGH or more counts as high. The middle rating (3) counts as high on purpose:
# a group the district is unsure about gets the closer attention, not the lesser.
HIGH = 3


class Quadrant(models.TextChoices):
    """What the district does with a group, by where it sits on the grid."""

    MANAGE_CLOSELY = "manage_closely", "Manage closely"
    KEEP_SATISFIED = "keep_satisfied", "Keep satisfied"
    KEEP_INFORMED = "keep_informed", "Keep informed"
    MONITOR = "monitor", "Monitor"


QUADRANT_ADVICE = {
    Quadrant.MANAGE_CLOSELY: "High influence, high interest: work with them closely and often.",
    Quadrant.KEEP_SATISFIED: "High influence, less interest: meet their concerns before "
    "they become objections.",
    Quadrant.KEEP_INFORMED: "High interest, less influence: tell them what is happening "
    "and listen.",
    Quadrant.MONITOR: "Less influence, less interest: watch for changes.",
}


def quadrant_of(*, interest: int, influence: int) -> Quadrant:
    """The quadrant of a group rated ``interest`` and ``influence`` (1 to 5 each)."""
    if influence >= HIGH:
        return Quadrant.MANAGE_CLOSELY if interest >= HIGH else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if interest >= HIGH else Quadrant.MONITOR


class StakeholderGroup(BaseModel):
    """A group the district keeps a relationship with, placed on the interest-influence grid."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="stakeholder_groups"
    )
    name = models.CharField(max_length=200, error_messages={"blank": "Give the group a name."})
    kind = models.CharField(max_length=20, choices=StakeholderKind.choices)
    description = models.TextField(blank=True)
    interest = rating_field("How much the group cares about the district's work: 1 to 5.")
    influence = rating_field("How much the group can shape the district's work: 1 to 5.")
    contact = models.TextField(
        blank=True, help_text="Who to reach at the group and how, and anything to know first."
    )
    # The district person who keeps the relationship; the group stays if they leave.
    owner = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholder_groups_kept",
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interest__gte=1, interest__lte=5),
                name="stakeholder_interest_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=5),
                name="stakeholder_influence_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(interest=self.interest, influence=self.influence)


class StakeholderPosition(BaseModel):
    """A group's stance on one priority as of a date. Never edited: a change of stance is a
    new row, so the history shows how the group moved.

    ``priority`` always holds the priority's words: typed for a priority named in words,
    copied from the goal (code and title) for a goal, so the row still reads if the goal
    is later removed from the plan."""

    group = models.ForeignKey(StakeholderGroup, on_delete=models.CASCADE, related_name="positions")
    goal = models.ForeignKey(
        "strategy.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholder_positions",
    )
    priority = models.CharField(max_length=300)
    stance = models.CharField(max_length=10, choices=Stance.choices)
    note = models.TextField(blank=True)
    as_of = models.DateField()
    recorded_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-as_of", "-pk"]
        indexes = [models.Index(fields=["group", "-as_of"], name="stakeholder_position_latest")]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_stance_display()} on {self.priority}"


class Engagement(BaseModel):
    """One contact between the district and a group."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        PRESENTATION = "presentation", "Presentation"
        CALL = "call", "Call"
        LETTER = "letter", "Letter or email"
        EVENT = "event", "Event"
        PUBLIC_COMMENT = "public_comment", "Public comment"

    group = models.ForeignKey(
        StakeholderGroup, on_delete=models.CASCADE, related_name="engagements"
    )
    held_on = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.TextField(error_messages={"blank": "Say what was said or done."})
    follow_up = models.TextField(blank=True)
    by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholder_engagements",
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["group", "-held_on"], name="stakeholder_engagement_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.group} on {self.held_on}"
