"""The demo district's Leading-for-Learning self-assessments: one closed self-assessment per
school leadership team (the school's principal, assistant principals and coaches, from the
demo's leader memberships), each with varied answers, evidence notes and a drafted action
plan; and one central-office team (the demo department lead's department).

Planted, for the tests and the tour to find (``PLANTED``):
- ``weak_section``: "coherence" is rated lower than every other section in every team, so
  it is the district's weakest section in the summary and every plan has coherence steps;
- ``split_item``: on "focus.2" the first team (by school code) with two members or more is
  split (half its members rate it 1, half 4), so its results flag the item for discussion.

Deterministic from the seed and the day of the build (the plan's due dates).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.leadership.instrument import ITEMS, section_key
from districtwise.leadership.models import Assessment, AssessmentAnswer, AssessmentStep
from districtwise.leadership.selectors.assessment import section_results, weakest_items
from districtwise.leadership.services.assessment import DRAFT_STEP_DAYS
from districtwise.organization.models import Department, District, Person, School

PLANTED = {"weak_section": "coherence", "split_item": "focus.2"}
PERIOD = "2025-26"
TITLE = "Leading for learning: 2025-26 self-review"
TEAM_ROLES = [Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL, Role.TEACHER_LEADER]
EVIDENCE = [
    "Seen in the team's meeting notes this term.",
    "Walkthrough notes from October and November.",
    "Staff survey comments point the same way.",
    "Only in some grade teams so far.",
    "Student work samples from two classes.",
    "",
    "",
    "",
]


@dataclass
class DemoAssessments:
    assessments: list[Assessment] = field(default_factory=list)
    split_assessment: Assessment | None = None
    central: Assessment | None = None


def _school_teams(district: District) -> dict[int, list[Person]]:
    """School id -> its leadership team: principal first, then assistants, then coaches."""
    order: dict[str, int] = {str(role): i for i, role in enumerate(TEAM_ROLES)}
    found = (
        Membership.objects.filter(district=district, role__in=TEAM_ROLES, school__isnull=False)
        .select_related("person")
        .order_by("school__code", "person__staff_id", "pk")
    )
    teams: dict[int, list[Person]] = {}
    for membership in sorted(found, key=lambda m: (m.school_id or 0, order[m.role])):
        team = teams.setdefault(membership.school_id or 0, [])
        if membership.person not in team:
            team.append(membership.person)
    return teams


def _rating(rng: random.Random, base: float, key: str) -> int | None:
    if rng.random() < 0.05:
        return None  # don't know
    level = base + rng.choice([-1, 0, 0, 0, 1]) * 0.8
    if section_key(key) == PLANTED["weak_section"]:
        level -= 1.3
    return max(1, min(4, round(level)))


def _answers(assessment, team, rng, *, split: bool) -> list[AssessmentAnswer]:
    base = rng.uniform(2.3, 3.4)
    answers = []
    for position, member in enumerate(team):
        for key in ITEMS:
            rating = _rating(rng, base, key)
            if split and key == PLANTED["split_item"]:
                rating = 1 if position % 2 == 0 else 4
            answers.append(
                AssessmentAnswer(
                    assessment=assessment,
                    person=member,
                    item_key=key,
                    section=section_key(key),
                    rating=rating,
                    dont_know=rating is None,
                    evidence=rng.choice(EVIDENCE) if rating is not None else "",
                )
            )
    return answers


def _team_assessment(district, *, team, school=None, department=None, title=TITLE):
    found = Assessment.objects.create(
        district=district,
        team_kind=Assessment.TeamKind.SCHOOL if school else Assessment.TeamKind.CENTRAL,
        school=school,
        department=department,
        title=title,
        period=PERIOD,
        status=Assessment.Status.CLOSED,
        closed_at=timezone.now(),
        created_by=team[0],
    )
    found.members.set(team)
    return found


def _plan(assessment, answers, team, due: dt.date, initiative) -> list[AssessmentStep]:
    weakest = weakest_items(section_results((a.item_key, a.rating) for a in answers))
    return [
        AssessmentStep(
            assessment=assessment,
            section=section_key(stats.item.key),
            item_key=stats.item.key,
            action=stats.item.action,
            owner=team[i % len(team)],
            due_on=due,
            initiative=initiative if section_key(stats.item.key) == "coherence" else None,
        )
        for i, stats in enumerate(weakest)
    ]


def _central_team(district: District) -> tuple[Department | None, list[Person]]:
    """The demo department lead's department and up to five of its people."""
    lead = (
        Membership.objects.filter(district=district, role=Role.DEPARTMENT_LEAD)
        .select_related("department")
        .order_by("person__user__username", "pk")
        .first()
    )
    if lead is None or lead.department is None:
        return None, []
    department = lead.department
    people = Person.objects.filter(district=district).filter(
        Q(department=department) | Q(memberships__department=department)
    )
    team = [lead.person] + [p for p in people.distinct().order_by("pk") if p != lead.person]
    return department, team[:5]


def assessment_build(
    *, district: District, seed: int, today: dt.date | None = None
) -> DemoAssessments:
    """Build the demo's self-assessments (see the module's docstring)."""
    from districtwise.strategy.models import Initiative

    rng = random.Random(seed * 41 + 6)
    due = (today or timezone.localdate()) + dt.timedelta(days=DRAFT_STEP_DAYS)
    initiative = Initiative.objects.filter(plan__district=district).order_by("code").first()
    schools = {s.pk: s for s in School.objects.filter(district=district)}
    built = DemoAssessments()
    answers: list[AssessmentAnswer] = []
    steps: list[AssessmentStep] = []
    teams = sorted(_school_teams(district).items(), key=lambda kv: schools[kv[0]].code)
    for school_id, team in teams:
        assessment = _team_assessment(district, team=team, school=schools[school_id])
        split = built.split_assessment is None and len(team) >= 2
        if split:
            built.split_assessment = assessment
        mine = _answers(assessment, team, rng, split=split)
        answers += mine
        steps += _plan(assessment, mine, team, due, initiative)
        built.assessments.append(assessment)
    department, team = _central_team(district)
    if department is not None and team:
        central = _team_assessment(
            district, team=team, department=department, title=f"{TITLE}: {department.name}"
        )
        mine = _answers(central, team, rng, split=False)
        answers += mine
        steps += _plan(central, mine, team, due, initiative)
        built.assessments.append(central)
        built.central = central
    AssessmentAnswer.objects.bulk_create(answers, batch_size=2000)
    AssessmentStep.objects.bulk_create(steps, batch_size=2000)
    return built


def assessment_remove(district: District) -> None:
    """Remove the district's self-assessments, which protect its schools and departments."""
    Assessment.objects.filter(district=district).delete()


__all__ = ["PLANTED", "assessment_build", "assessment_remove"]
