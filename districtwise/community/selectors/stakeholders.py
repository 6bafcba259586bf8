"""Reads of the stakeholder map: the list, the interest-influence grid, a group's page and
every group's stance on one priority.

A group's *current stance* on a priority is its latest position on it (latest ``as_of``;
of two on one day, the one recorded last). Where no priority is named, a group's current
stance is that of its latest position on any priority: the most recent word the district
has of where it stands. Every selector takes the user and returns nothing to a user who
may not read the map.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from districtwise.community.access import visible_stakeholder_groups
from districtwise.community.models import (
    Engagement,
    StakeholderGroup,
    StakeholderPosition,
    Stance,
)
from districtwise.community.models.stakeholders import Quadrant, quadrant_of
from districtwise.organization.models import District

STANCE_ORDER = {value: rank for rank, value in enumerate(Stance.values)}
# The mark each stance is drawn with on the grid, besides its colour: shape and letter.
STANCE_MARKS = {
    Stance.CHAMPION: ("star", "C"),
    Stance.SUPPORTIVE: ("circle", "S"),
    Stance.NEUTRAL: ("square", "N"),
    Stance.CONCERNED: ("triangle", "W"),
    Stance.OPPOSED: ("diamond", "O"),
    Stance.UNKNOWN: ("dashed", "?"),
}


def _latest(positions: QuerySet[StakeholderPosition], field_name: str) -> Subquery:
    return Subquery(positions.order_by("-as_of", "-pk").values(field_name)[:1])


def with_current_stance(groups: QuerySet[StakeholderGroup], goal=None) -> QuerySet:
    """Annotate each group with ``current_stance`` and ``current_as_of``: of its latest
    position on ``goal``, or on any priority when no goal is given (None: no position)."""
    positions = StakeholderPosition.objects.filter(group=OuterRef("pk"))
    if goal is not None:
        positions = positions.filter(goal=goal)
    return groups.annotate(
        current_stance=_latest(positions, "stance"),
        current_as_of=_latest(positions, "as_of"),
    )


# A group not engaged for this long is "quiet": the list can show only those.
QUIET_DAYS = 90


def stakeholder_list(
    *, user, district: District, kind: str = "", stance: str = "", quiet: bool = False
) -> QuerySet[StakeholderGroup]:
    """The groups the user may read, with their current stance, their keeper, the date of
    their last engagement and how many engagements there were; filtered by ``kind``, by
    current ``stance`` ("unknown" also finds groups with no position recorded) and, with
    ``quiet``, to groups not engaged in the last ``QUIET_DAYS`` days (or never)."""
    engagements = Engagement.objects.filter(group=OuterRef("pk"))
    # subqueries rather than a join and GROUP BY: one row per group on every database
    count = engagements.order_by().values("group").annotate(n=Count("pk")).values("n")
    groups = with_current_stance(visible_stakeholder_groups(user, district))
    groups = groups.select_related("owner").annotate(
        last_engaged=Subquery(engagements.order_by("-held_on").values("held_on")[:1]),
        engagement_count=Coalesce(Subquery(count), 0),
    )
    if kind:
        groups = groups.filter(kind=kind)
    if stance == Stance.UNKNOWN:
        groups = groups.filter(Q(current_stance__isnull=True) | Q(current_stance=Stance.UNKNOWN))
    elif stance:
        groups = groups.filter(current_stance=stance)
    if quiet:
        since = timezone.localdate() - dt.timedelta(days=QUIET_DAYS)
        groups = groups.filter(Q(last_engaged__isnull=True) | Q(last_engaged__lt=since))
    return groups.order_by("name", "pk")


@dataclass(frozen=True)
class GridPoint:
    """One group on the grid: its number (the key between the drawing and the table)."""

    number: int
    group_id: int
    name: str
    kind: str
    interest: int
    influence: int
    stance: str  # a Stance value; "unknown" when no position is recorded
    as_of: dt.date | None

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(interest=self.interest, influence=self.influence)

    @property
    def stance_label(self) -> str:
        return Stance(self.stance).label

    @property
    def mark(self) -> tuple[str, str]:
        return STANCE_MARKS[Stance(self.stance)]


def stakeholder_grid(*, user, district: District, goal=None) -> list[GridPoint]:
    """Every group the user may read as a point of the grid, numbered from the top-right
    (most influence, then most interest, then by name), with its current stance on
    ``goal`` (or its latest stance on anything when no goal is given)."""
    groups = with_current_stance(visible_stakeholder_groups(user, district), goal)
    rows = groups.order_by("-influence", "-interest", "name", "pk").values_list(
        "pk", "name", "kind", "interest", "influence", "current_stance", "current_as_of"
    )
    return [
        GridPoint(n, pk, name, kind, interest, influence, stance or Stance.UNKNOWN, as_of)
        for n, (pk, name, kind, interest, influence, stance, as_of) in enumerate(rows, start=1)
    ]


def grid_cells(points: list[GridPoint]) -> dict[tuple[int, int], list[GridPoint]]:
    """The points of each cell, keyed (interest, influence), in their numbered order."""
    cells: dict[tuple[int, int], list[GridPoint]] = {}
    for point in points:
        cells.setdefault((point.interest, point.influence), []).append(point)
    return cells


def priority_key(position: StakeholderPosition) -> tuple[str, object]:
    """Positions on one priority share a key: the goal, or the words (case aside)."""
    if position.goal_id is not None:
        return ("goal", position.goal_id)
    return ("words", position.priority.strip().casefold())


@dataclass
class PriorityHistory:
    """A group's positions on one priority, latest first; the first is the current one."""

    priority: str
    goal_id: int | None
    positions: list[StakeholderPosition] = field(default_factory=list)

    @property
    def current(self) -> StakeholderPosition:
        return self.positions[0]


def current_positions(positions: list[StakeholderPosition]) -> list[PriorityHistory]:
    """Group positions (any order) by priority, each history latest first; the priorities
    ordered by their current position's date, latest first."""
    ordered = sorted(positions, key=lambda p: (p.as_of, p.pk), reverse=True)
    histories: dict[tuple[str, object], PriorityHistory] = {}
    for position in ordered:
        key = priority_key(position)
        if key not in histories:
            histories[key] = PriorityHistory(position.priority, position.goal_id)
        histories[key].positions.append(position)
    return list(histories.values())


@dataclass
class GroupPage:
    group: StakeholderGroup
    priorities: list[PriorityHistory]
    engagements: list[Engagement]


def stakeholder_group_page(*, user, group: StakeholderGroup) -> GroupPage:
    """The group's positions per priority (current first, then the history) and its
    engagements, latest first. ``group`` comes from the access look-up."""
    positions = list(group.positions.select_related("goal", "recorded_by"))
    engagements = list(group.engagements.select_related("by"))
    return GroupPage(group, current_positions(positions), engagements)


@dataclass(frozen=True)
class PriorityStance:
    group: StakeholderGroup
    position: StakeholderPosition | None

    @property
    def stance(self) -> str:
        return self.position.stance if self.position else Stance.UNKNOWN


def priority_stances(*, user, district: District, goal) -> list[PriorityStance]:
    """Every group the user may read with its current position on ``goal`` (None where
    none is recorded), most favourable first, then by influence (highest first)."""
    groups = list(visible_stakeholder_groups(user, district).select_related("owner"))
    latest: dict[int, StakeholderPosition] = {}
    positions = StakeholderPosition.objects.filter(goal=goal, group__in=[g.pk for g in groups])
    for position in positions.order_by("-as_of", "-pk"):
        latest.setdefault(position.group_id, position)
    rows = [PriorityStance(group, latest.get(group.pk)) for group in groups]
    return sorted(
        rows, key=lambda r: (STANCE_ORDER[r.stance], -r.group.influence, r.group.name.casefold())
    )


def stance_counts(rows: list[PriorityStance] | list[GridPoint]) -> list[tuple[str, int]]:
    """How many groups hold each stance, in the stances' order (every stance listed)."""
    counts = {value: 0 for value in Stance.values}
    for row in rows:
        counts[row.stance] += 1
    return [(Stance(value).label, count) for value, count in counts.items()]


@dataclass(frozen=True)
class StanceWeight:
    """The groups holding one stance and their influence added up: a few groups of great
    influence can weigh more than many of little."""

    stance: str
    label: str
    groups: int
    influence: int


def stance_weights(rows: list[PriorityStance]) -> list[StanceWeight]:
    """Per stance (every one, in order): how many groups hold it and their summed influence."""
    groups = {value: 0 for value in Stance.values}
    influence = {value: 0 for value in Stance.values}
    for row in rows:
        groups[row.stance] += 1
        influence[row.stance] += row.group.influence
    return [
        StanceWeight(value, Stance(value).label, groups[value], influence[value])
        for value in Stance.values
    ]


def plan_goals(*, user, district: District):
    """The goals of the district's plan, for a reader of the map (the priorities a
    position may name); none for anyone else."""
    from districtwise.community.access import reads_stakeholders
    from districtwise.core.scopes import scope_for
    from districtwise.strategy.models import Goal

    if not reads_stakeholders(scope_for(user, district)):
        return Goal.objects.none()
    return Goal.objects.filter(plan__district=district).order_by("priority", "code")
