"""Reads of the coherence view: a snapshot of the plan as the user may see it, and the
findings of the coherence rules (``analytics.strategy.coherence``) over it.

District-wide roles see the whole plan. Network leads and school leaders see the
initiatives ``initiative_list`` gives them and their own schools only, so the
school-level findings (overload, orphans, competition, candidates for abandonment) concern
their schools and the district-level efforts. The plan-level findings — goals no initiative
serves, budget per goal against priority, empty areas and agendas, the median cost per
student — are read from the whole plan, so every reader sees the same ones; they name goals
only, never an initiative or school the reader may not see.

Enrolment (students reached, when an initiative gives no count of its own) is the number
of students of the school in the newest year of the equity audit, as ``audit_table`` lets
the user see it: small counts are suppressed for users without student-record rights, and
a school without a figure leaves the cost per student unknown."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from districtwise.analytics.strategy.coherence import (
    Finding,
    GoalFacts,
    InitiativeFacts,
    PlanSnapshot,
    Reach,
    SchoolFacts,
    budget_per_goal,
    coherence_findings,
    initiatives_per_school,
    reaches,
)
from districtwise.core.scopes import scope_for
from districtwise.organization.models import School
from districtwise.strategy.models import AreaOfAction, Initiative, LearningAgenda, Pathway, Plan
from districtwise.strategy.selectors.plan import goal_list, initiative_list, plan_for
from districtwise.strategy.selectors.progress import goal_statuses

# The audit's figure whose denominator is every student of the unit (equity spec).
ENROLMENT_METRIC = "identification:disability"
ENROLMENT_DIMENSION = "programmatic"


@dataclass(frozen=True)
class Coherence:
    """The coherence view's content for one user."""

    plan: Plan
    snapshot: PlanSnapshot  # what the user may see
    findings: list[Finding]
    budget_per_goal: dict[int, Decimal]  # whole plan
    reaches: dict[int, Reach]  # every initiative of the plan, over all its schools
    per_school: dict[int, list[InitiativeFacts]]


def school_enrolment(*, user, district) -> dict[str, int]:
    """Students of each school (by school code) in the newest year of the current audit,
    as the user may see them: a suppressed or missing figure is left out."""
    from districtwise.equity.selectors import audit_table

    table = audit_table(
        user=user, district=district, unit_type="school", dimension=ENROLMENT_DIMENSION
    )
    newest: dict[str, tuple[int, float | None]] = {}
    for row in table.to_pylist():
        if (row["metric"], row["group_type"], row["group"]) != (ENROLMENT_METRIC, "all", "all"):
            continue
        year = int(row["school_year"])
        if row["unit_id"] not in newest or newest[row["unit_id"]][0] < year:
            shown = row["status"] != "suppressed" and row["denominator"] is not None
            newest[row["unit_id"]] = (year, row["denominator"] if shown else None)
    return {code: int(n) for code, (_, n) in newest.items() if n is not None}


def coherence_for(*, user, district) -> Coherence | None:
    """The coherence findings, matrices' and charts' content the user may see; ``None``
    when the district has no plan or the user may not read it."""
    plan = plan_for(user=user, district=district)
    if plan is None:
        return None
    scope = scope_for(user, district)
    goals = _goal_facts(user, district)
    enrolment = school_enrolment(user=user, district=district)
    whole_plan = _snapshot(plan, goals, plan.initiatives.all(), _schools(district, None), enrolment)
    if scope.district_wide:
        mine = whole_plan
    else:
        visible = initiative_list(user=user, district=district)
        mine = _snapshot(plan, goals, visible, _schools(district, scope.school_ids), enrolment)
    return Coherence(
        plan=plan,
        snapshot=mine,
        findings=coherence_findings(mine, whole_plan=whole_plan),
        budget_per_goal=budget_per_goal(whole_plan),
        reaches=reaches(whole_plan),
        per_school=initiatives_per_school(mine),
    )


def _goal_facts(user, district) -> tuple[GoalFacts, ...]:
    statuses = goal_statuses(user=user, district=district)
    return tuple(
        GoalFacts(
            id=goal.pk,
            code=goal.code,
            title=goal.title,
            priority=goal.priority,
            status=statuses[goal.pk].code if goal.pk in statuses else "no_data",
            learning_agendas=tuple(goal.learning_agendas or ()),
            areas_of_action=tuple(goal.areas_of_action or ()),
        )
        for goal in goal_list(user=user, district=district)
    )


def _schools(district, school_ids) -> QuerySet[School]:
    schools = School.objects.filter(district=district).order_by("name")
    return schools if school_ids is None else schools.filter(pk__in=school_ids)


def _snapshot(plan, goals, initiatives, schools, enrolment) -> PlanSnapshot:
    school_facts = tuple(SchoolFacts(s.pk, s.name, enrolment.get(s.code)) for s in schools)
    rows = initiatives.prefetch_related("goals", "participations", "budget_lines").order_by("code")
    return PlanSnapshot(
        school_initiative_limit=plan.school_initiative_limit,
        goals=goals,
        initiatives=tuple(_initiative_facts(i) for i in rows),
        schools=school_facts,
        areas_of_action=dict(AreaOfAction.choices),
        learning_agendas=dict(LearningAgenda.choices),
        pathway_names=dict(Pathway.choices),
    )


def _initiative_facts(initiative: Initiative) -> InitiativeFacts:
    return InitiativeFacts(
        id=initiative.pk,
        code=initiative.code,
        name=initiative.name,
        status=initiative.status,
        goal_ids=tuple(g.pk for g in initiative.goals.all()),
        pathways=tuple(initiative.pathways or ()),
        school_ids=tuple(p.school_id for p in initiative.participations.all()),
        budget=sum((b.amount for b in initiative.budget_lines.all()), Decimal(0)),
        students_reached=initiative.students_reached,
    )
