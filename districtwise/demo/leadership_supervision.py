"""The demo district's principal supervision: about five months of school visits by each
network's lead to the principals of their network, growth goals for the school year with
progress notes, and a planned visit ahead for most principals.

Planted, for the tests and the tour to find (``PLANTED``):
- ``unvisited``: one principal of the first network (the one the demo network-lead log-in
  supervises; never the demo principal log-in) was last visited more than
  ``unvisited_over_days`` days ago and has no visit planned, so the caseload flags them;
  every other principal was visited within the last 40 days.

Dates count back from the day of the build. Deterministic from the seed and that day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.leadership.models import (
    GoalNote,
    GrowthGoal,
    LeadershipArea,
    SchoolVisit,
    VisitFocus,
)
from districtwise.organization.models import District, Network, Person, School

PLANTED = {"unvisited_over_days": 60, "unvisited_network": "first"}
HISTORY_DAYS = 150
RECENT_DAYS = 40  # every other principal's last visit is at most this many days ago

EVIDENCE = [
    "Walked four classrooms; students explained what they were learning and why.",
    "Sat in a grade-level team looking at last week's exit tickets.",
    "Read the school's attendance figures with the assistant principal.",
    "Watched the morning arrival and two transitions between lessons.",
    "Looked at the coaching log and two teachers' unit plans.",
]
FEEDBACK = [
    "The team's talk stayed on student work; agree the one change each teacher tries next.",
    "Learning goals were posted but few students could say them: make them part of the "
    "opening minutes.",
    "Attendance follow-up is quick for some grades and slow for others: give one person "
    "the whole list.",
    "Transitions are calm and fast; the time won is not yet used for reading.",
    "Coaching cycles are short: let one teacher finish a full cycle before starting another.",
]
NEXT_STEPS = [
    "Principal to sit in two more team meetings before the next visit.",
    "Share the revised team agenda with the network lead.",
    "Try the new attendance routine for three weeks and bring the figures.",
    "Plan one classroom walk with the coach every week.",
]
GOALS = [
    (
        LeadershipArea.LEARNING,
        "Spend two mornings a week in classrooms, with feedback the same day.",
        "Forty classroom visits by June; teachers say the feedback helps.",
    ),
    (
        LeadershipArea.PROFESSIONAL_COMMUNITY,
        "Every teacher team looks at student work twice a month.",
        "Team agendas and notes show student work at least twice a month.",
    ),
    (
        LeadershipArea.FAMILIES_COMMUNITY,
        "Meet families of the students most often absent.",
        "Every family of a student missing one day in ten is met by March.",
    ),
    (
        LeadershipArea.SHARED_LEADERSHIP,
        "Hand the schedule and the data meetings to the leadership team.",
        "The team runs both without the principal by spring.",
    ),
    (
        LeadershipArea.COHERENCE,
        "Fewer, connected initiatives: drop what does not serve the school's two priorities.",
        "The staff can name the two priorities and how each programme serves them.",
    ),
]
NOTES = [
    "Started; the first weeks went to setting the routine.",
    "Half-way: the routine holds on most weeks.",
    "Teachers asked for more time on this; agreed to protect it in the calendar.",
]


@dataclass
class DemoSupervision:
    visits: int = 0
    goals: int = 0
    unvisited: Person | None = None
    principals: list[Person] = field(default_factory=list)


def _principals(district: District, network: Network) -> list[tuple[Person, School]]:
    today = timezone.localdate()
    memberships = (
        Membership.objects.filter(district=district, role=Role.PRINCIPAL, school__network=network)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("person__user", "school")
        .order_by("school__code", "person__staff_id", "pk")
    )
    return [(m.person, m.school) for m in memberships if m.school is not None]


def _first_network(district: District, leads: dict[int, Person]) -> Network | None:
    """The network of the demo network-lead log-in, else the first by code."""
    for network_id, lead in leads.items():
        if lead.user is not None and lead.user.username == "network_lead":
            return Network.objects.get(pk=network_id)
    return Network.objects.filter(district=district, pk__in=leads).order_by("code").first()


def _visit_days(rng: random.Random, today: dt.date, latest_back: int) -> list[dt.date]:
    """Completed visit days, newest first: the newest ``latest_back`` days ago, then one
    every four to six weeks back to the start of the history."""
    days, back = [], latest_back
    while back <= HISTORY_DAYS:
        day = today - dt.timedelta(days=back)
        # A weekend day moves back to the Friday: never closer to today than planned.
        days.append(day - dt.timedelta(days=max(0, day.weekday() - 4)))
        back += rng.randint(28, 42)
    return days


def _visits_of(rng, district, person, school, lead, today, planted: bool) -> list[SchoolVisit]:
    latest = (
        PLANTED["unvisited_over_days"] + rng.randint(8, 20)
        if planted
        else rng.randint(3, RECENT_DAYS)
    )
    visits = []
    for day in _visit_days(rng, today, latest):
        follow = day + dt.timedelta(days=rng.randint(14, 28))
        visits.append(
            SchoolVisit(
                district=district,
                school=school,
                principal=person,
                supervisor=lead,
                visit_on=day,
                status=SchoolVisit.Status.COMPLETED,
                focus=rng.choice([c for c in VisitFocus.values if c != VisitFocus.OTHER]),
                evidence_seen=rng.choice(EVIDENCE),
                feedback=rng.choice(FEEDBACK),
                next_steps=rng.choice(NEXT_STEPS),
                follow_up_on=follow,
            )
        )
    if not planted:
        ahead = today + dt.timedelta(days=rng.randint(2, 20))
        visits.append(
            SchoolVisit(
                district=district,
                school=school,
                principal=person,
                supervisor=lead,
                visit_on=ahead,
                focus=rng.choice([c for c in VisitFocus.values if c != VisitFocus.OTHER]),
            )
        )
    return visits


def _goals_of(rng, district, person, school, lead, today) -> tuple[list[GrowthGoal], list]:
    year = today.year + 1 if today.month >= 7 else today.year
    goals, notes = [], []
    for area, text, measures in rng.sample(GOALS, 2):
        goal = GrowthGoal(
            district=district,
            principal=person,
            school=school,
            school_year=year,
            goal=text,
            area=area,
            success_measures=measures,
            status=GrowthGoal.Status.ACTIVE,
        )
        goals.append(goal)
        for i in range(rng.randint(1, 3)):
            author = person if i % 2 == 0 else lead
            written = today - dt.timedelta(days=90 - 30 * i + rng.randint(0, 6))
            notes.append((goal, author, written, NOTES[i]))
    return goals, notes


def supervision_build(*, district: District, seed: int) -> DemoSupervision:
    """Build the demo's principal supervision (see the module's docstring)."""
    rng = random.Random(seed * 37 + 7)
    today = timezone.localdate()
    leads: dict[int, Person] = {
        m.network_id: m.person
        for m in Membership.objects.filter(
            district=district, role=Role.NETWORK_LEAD, network__isnull=False
        )
        .select_related("person__user")
        .order_by("network__code", "pk")
        if m.network_id is not None
    }
    first = _first_network(district, leads)
    built = DemoSupervision()
    visits: list[SchoolVisit] = []
    goal_rows: list[GrowthGoal] = []
    note_rows: list = []
    for network in Network.objects.filter(district=district, pk__in=leads).order_by("code"):
        pairs = _principals(district, network)
        planted = _planted_pair(pairs) if network == first else None
        for person, school in pairs:
            is_planted = (person, school) == planted
            lead = leads[network.pk]
            visits += _visits_of(rng, district, person, school, lead, today, is_planted)
            goals, notes = _goals_of(rng, district, person, school, lead, today)
            goal_rows += goals
            note_rows += notes
            built.principals.append(person)
            if is_planted:
                built.unvisited = person
    SchoolVisit.objects.bulk_create(visits)
    GrowthGoal.objects.bulk_create(goal_rows)
    GoalNote.objects.bulk_create(
        GoalNote(goal=goal, author=author, written_on=written, note=note)
        for goal, author, written, note in note_rows
    )
    built.visits, built.goals = len(visits), len(goal_rows)
    return built


def _planted_pair(pairs: list[tuple[Person, School]]) -> tuple[Person, School] | None:
    """The last principal of the network who is not the demo principal log-in."""
    for person, school in reversed(pairs):
        if person.user is None or person.user.username != "principal":
            return person, school
    return None


def supervision_remove(district: District) -> None:
    """Remove the district's supervision records, which protect its schools and people."""
    GoalNote.objects.filter(goal__district=district).delete()
    GrowthGoal.objects.filter(district=district).delete()
    SchoolVisit.objects.filter(district=district).delete()
