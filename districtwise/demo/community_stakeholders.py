"""The demo district's stakeholder map: twelve groups of every kind, their positions on the
plan's goals over the past year, and the district's engagements with them.

Planted, for the tests and the tour to find (``PLANTED``):
- ``turned``: the teachers' association was supportive of the goal on keeping teachers
  (G4) in the autumn and is opposed now, after a change to planning time: a group to
  manage closely whose current stance is the latest, not the first;
- ``unengaged``: the county commissioner (high influence, low interest: keep satisfied)
  has had no engagement for over six months;
- ``champion``: the parent council champions the goal on families as partners (G5).

Dates count back from the day of the build, so the history always ends "now".
Deterministic from the seed and that day. Positions name the plan's goals by code where
the plan has them; where it does not, the priority is written in words instead.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from districtwise.community.models import Engagement, StakeholderGroup, StakeholderPosition
from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.organization.models import District, Person


@dataclass(frozen=True)
class GroupSpec:
    name: str
    kind: str
    interest: int
    influence: int
    description: str
    # (goal code, stance, days ago, note), oldest first
    positions: tuple[tuple[str, str, int, str], ...]


TURNED, UNENGAGED, CHAMPION = (
    "Teachers' Association",
    "County Commissioner for Youth Services",
    "District Parent Council",
)
PLANTED = {"turned": TURNED, "turned_goal": "G4", "unengaged": UNENGAGED, "champion": CHAMPION}

GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
        "Board of Education",
        "board",
        5,
        5,
        "The elected board that adopts the plan and the budget.",
        (
            ("G1", "supportive", 300, "Voted for the attendance plan."),
            ("G2", "supportive", 280, ""),
            ("G6", "neutral", 200, "Asked for evidence before the next budget."),
            ("G6", "supportive", 60, "Satisfied by the principals' survey results."),
        ),
    ),
    GroupSpec(
        TURNED,
        "association",
        5,
        5,
        "The union of the district's teachers.",
        (
            ("G4", "supportive", 320, "Welcomed the mentoring programme."),
            ("G2", "concerned", 240, "Worried about the pace of the new mathematics units."),
            ("G4", "concerned", 150, "Asked that planning time be protected."),
            ("G4", "opposed", 40, "Opposes the change to planning time in its current form."),
        ),
    ),
    GroupSpec(
        "Principals' and Administrators' Association",
        "association",
        4,
        3,
        "The association of school leaders.",
        (
            ("G6", "champion", 260, "Proposed the joint planning calendar."),
            ("G3", "concerned", 90, "Asks for more support staff before the new rules."),
        ),
    ),
    GroupSpec(
        CHAMPION,
        "parent_group",
        5,
        3,
        "Representatives of every school's parent group.",
        (
            ("G5", "supportive", 310, ""),
            ("G5", "champion", 120, "Runs the family learning nights with the schools."),
            ("G1", "supportive", 100, ""),
        ),
    ),
    GroupSpec(
        "Families for Fair Discipline",
        "advocacy",
        5,
        2,
        "An advocacy group for students suspended more than their classmates.",
        (
            ("G3", "concerned", 270, "Questioned the pace of change."),
            ("G3", "supportive", 70, "Supports the restorative practices pilot."),
        ),
    ),
    GroupSpec(
        "Neighbourhood Faith Leaders",
        "community_leader",
        3,
        2,
        "Leaders of congregations near the south side schools.",
        (("G1", "supportive", 180, "Offered to host attendance drives."),),
    ),
    GroupSpec(
        "Chamber of Commerce",
        "community_leader",
        2,
        4,
        "Local employers.",
        (("G2", "supportive", 220, "Interested in internships for older students."),),
    ),
    GroupSpec(
        "City Council Education Committee",
        "official",
        3,
        4,
        "The council members who follow the schools.",
        (
            ("G1", "neutral", 250, ""),
            ("G1", "supportive", 45, "Linked the city's transit passes to attendance."),
        ),
    ),
    GroupSpec(
        UNENGAGED,
        "official",
        2,
        5,
        "Funds the county's youth mental health services.",
        (("G3", "unknown", 330, "No word yet on the counselling contract."),),
    ),
    GroupSpec(
        "The Riverside Courier",
        "media",
        4,
        3,
        "The local newspaper and its education reporter.",
        (("G2", "neutral", 160, "Reported the test results without comment."),),
    ),
    GroupSpec(
        "Community Radio Morning Show",
        "media",
        2,
        2,
        "A weekly segment on the schools.",
        (),
    ),
    GroupSpec(
        "Student Voice Council",
        "other",
        4,
        1,
        "Students elected by the secondary schools.",
        (("G3", "champion", 130, "Asked for the restorative circles in every school."),),
    ),
)
KINDS = [Engagement.Kind.MEETING, Engagement.Kind.CALL, Engagement.Kind.LETTER]
SUMMARIES = (
    "Went through the year's progress on the plan.",
    "Answered questions on the budget timeline.",
    "Listened to their members' concerns and agreed what to look into.",
    "Shared the draft calendar and asked for comments.",
    "Followed up on the last meeting's questions.",
)


def _first_with_role(district: District, role: str) -> Person | None:
    membership = (
        Membership.objects.filter(district=district, role=role, person__district=district)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return membership.person if membership else None


def _keepers(district: District) -> list[Person]:
    found = [
        _first_with_role(district, role)
        for role in (Role.SUPERINTENDENT, Role.DEPARTMENT_LEAD, Role.NETWORK_LEAD)
    ]
    return [person for person in found if person is not None]


def _engagements(group, spec: GroupSpec, today: dt.date, keepers, rng) -> list[Engagement]:
    """About one engagement every five to eight weeks over the year; none in the last six
    months for the unengaged group."""
    latest_days = 200 if spec.name == UNENGAGED else 3
    days, found = 360, []
    while days >= latest_days:
        # every draw is made whoever the keepers are, so the history depends on the seed only
        who = rng.randrange(3)
        found.append(
            Engagement(
                group=group,
                held_on=today - dt.timedelta(days=days),
                kind=rng.choice(KINDS) if spec.influence < 5 else Engagement.Kind.MEETING,
                summary=rng.choice(SUMMARIES),
                follow_up="Send the figures they asked for." if rng.random() < 0.3 else "",
                by=keepers[who % len(keepers)] if keepers else None,
            )
        )
        days -= rng.randint(35, 56)
    if spec.name == TURNED:
        found.append(
            Engagement(
                group=group,
                held_on=today - dt.timedelta(days=38),
                kind=Engagement.Kind.PUBLIC_COMMENT,
                summary="Their president spoke against the planning-time change at the board.",
                follow_up="Meet the association's officers before the next board meeting.",
                by=keepers[0] if keepers else None,
            )
        )
    return found


def stakeholders_build(*, district: District, seed: int, today: dt.date | None = None) -> dict:
    """Add the demo's stakeholder map to ``district`` (see the module's docstring); returns
    the groups by name."""
    rng = random.Random(seed * 41 + 9)
    today = today or timezone.localdate()
    keepers = _keepers(district)
    goals = {}
    if (plan := getattr(district, "plan", None)) is not None:
        goals = {goal.code: goal for goal in plan.goals.all()}
    built: dict[str, StakeholderGroup] = {}
    positions, engagements = [], []
    for i, spec in enumerate(GROUPS):
        group = StakeholderGroup.objects.create(
            district=district,
            name=spec.name,
            kind=spec.kind,
            interest=spec.interest,
            influence=spec.influence,
            description=spec.description,
            owner=keepers[i % len(keepers)] if keepers else None,
        )
        built[spec.name] = group
        for code, stance, days_ago, note in spec.positions:
            goal = goals.get(code)
            positions.append(
                StakeholderPosition(
                    group=group,
                    goal=goal,
                    priority=f"{goal.code} {goal.title}" if goal else f"Goal {code} of the plan",
                    stance=stance,
                    note=note,
                    as_of=today - dt.timedelta(days=days_ago),
                    recorded_by=keepers[0] if keepers else None,
                )
            )
        engagements.extend(_engagements(group, spec, today, keepers, rng))
    StakeholderPosition.objects.bulk_create(positions)
    Engagement.objects.bulk_create(engagements)
    return built


def stakeholders_remove(district: District) -> None:
    """Remove the district's stakeholder map (it protects nothing: people and goals are
    set aside, not protected, when they go)."""
    StakeholderGroup.objects.filter(district=district).delete()
