"""The demo district's strategic plan: a vision and mission, six goals across the learning
agendas and areas of action, the indicators that measure them, a short theory of action,
and a dozen initiatives with their schools, budgets, milestones and logs.

The plan is written to give the coherence view something to find, as real plans do: the
highest-poverty schools carry far more initiatives than the district's limit, three
initiatives pull on coaching in the same schools, two initiatives serve no goal, and one
goal has no initiative. The equity goals are measured by figures of the equity audit
(chronic absence, mathematics proficiency, suspensions), the others by figures the
district enters by hand. Everything is deterministic from the demo's seed and audited as
created."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from districtwise.core.audit import audit_created, audit_record
from districtwise.core.roles import Role
from districtwise.demo import plan_content as content
from districtwise.organization.models import Department, District, Person, School
from districtwise.strategy.models import (
    ActionStatement,
    BudgetLine,
    Goal,
    GoalGroupTarget,
    Indicator,
    IndicatorValue,
    Initiative,
    InitiativePhase,
    LogEntry,
    Milestone,
    Participation,
    Plan,
)

FOCUS_SCHOOLS = 3  # the highest-poverty schools, where the plan concentrates its efforts


@dataclass
class PlanWorld:
    """What the plan is built from: the district, the last school year of the demo files,
    its schools grouped the ways the initiatives choose them, its departments and heads."""

    district: District
    last_year: int
    rng: np.random.Generator
    school_sets: dict[str, list[School]]
    departments: dict[str, Department]
    heads: dict[str, Person]
    goals: dict[str, Goal] = field(default_factory=dict)

    def on(self, when: tuple[int, int, int]) -> dt.date:
        """A date given as (years after the last school year's end year, month, day)."""
        offset, month, day = when
        return dt.date(self.last_year + offset, month, day)

    def year_end(self, offset: int) -> dt.date:
        return dt.date(self.last_year + offset, 6, 30)


def plan_build(*, district: District, manifest: dict, seed: int) -> Plan:
    """Write the demo district's plan (call inside the demo build's transaction, after its
    schools, departments and people exist)."""
    world = _world(district, manifest, seed)
    plan = _create(
        world,
        Plan,
        district=district,
        title=f"Strategic plan {world.last_year - 1}-{world.last_year + 2}",
        vision=content.VISION,
        mission=content.MISSION,
        starts_on=world.on((-2, 7, 1)),
        ends_on=world.year_end(2),
        school_initiative_limit=4,
    )
    indicators = {key: _indicator(world, spec) for key, spec in content.INDICATORS.items()}
    for goal in content.GOALS:
        world.goals[goal.code] = _goal(world, plan, goal, indicators[goal.indicator])
    _action_statements(world, plan)
    for initiative in content.INITIATIVES:
        _initiative(world, plan, initiative)
    return plan


def _world(district: District, manifest: dict, seed: int) -> PlanWorld:
    schools = {s.code: s for s in School.objects.filter(district=district)}
    facts = sorted(manifest["schools"], key=lambda s: (-s["poverty_share"], s["school_id"]))
    focus = [schools[s["school_id"]] for s in facts[:FOCUS_SCHOOLS]]
    oss: list[str] = next(
        (p["unit_ids"] for p in manifest["planted"] if p["metric"] == "oss_rate"), []
    )
    ordered = sorted(schools.values(), key=lambda s: s.code)
    school_sets = {
        "all": ordered,
        "focus": focus,
        "suspensions": [schools[code] for code in sorted(oss)] or focus,
        "elementary": [s for s in ordered if s.level in ("elementary", "k8")],
        "elementary_middle": [s for s in ordered if s.level in ("elementary", "k8", "middle")],
        "none": [],
    }
    departments = {d.code: d for d in Department.objects.filter(district=district)}
    heads = {
        m.department.code: m.person
        for m in district.memberships.filter(role=Role.DEPARTMENT_LEAD).select_related(
            "person", "department"
        )
        if m.department is not None
    }
    return PlanWorld(
        district=district,
        last_year=max(manifest["school_years"]),
        rng=np.random.default_rng(seed + 5077),
        school_sets=school_sets,
        departments=departments,
        heads=heads,
    )


def _create(world: PlanWorld, model, **fields):
    obj = model.objects.create(**fields)
    audit_created(actor=None, district=world.district, obj=obj)
    return obj


def _indicator(world: PlanWorld, spec: content.IndicatorSpec) -> Indicator:
    source = Indicator.Source.ENGINE if spec.metric else Indicator.Source.MANUAL
    indicator = _create(
        world,
        Indicator,
        district=world.district,
        name=spec.name,
        description=spec.about,
        higher_is_better=spec.higher_is_better,
        source=source,
        metric=spec.metric,
        dimension=spec.dimension,
        source_note=spec.source_note,
    )
    for offset, value in spec.by_hand:
        _create(
            world,
            IndicatorValue,
            indicator=indicator,
            measured_on=world.year_end(offset),
            value=Decimal(value),
            source_note=spec.source_note,
        )
    return indicator


def _goal(world: PlanWorld, plan: Plan, spec: content.GoalSpec, indicator: Indicator) -> Goal:
    goal = _create(
        world,
        Goal,
        plan=plan,
        code=spec.code,
        title=spec.title,
        description=spec.about,
        priority=spec.priority,
        owner_department=world.departments.get(spec.department),
        indicator=indicator,
        baseline_value=Decimal(spec.baseline) if spec.baseline else None,
        baseline_on=world.year_end(-2) if spec.baseline else None,
        target_value=Decimal(spec.target),
        target_on=world.year_end(spec.target_in),
        is_equity=bool(spec.groups),
        learning_agendas=list(spec.agendas),
        areas_of_action=list(spec.areas),
    )
    for group_type, group, baseline, target in spec.groups:
        _create(
            world,
            GoalGroupTarget,
            goal=goal,
            group_type=group_type,
            group=group,
            baseline_value=Decimal(baseline),
            target_value=Decimal(target),
        )
    return goal


def _action_statements(world: PlanWorld, plan: Plan) -> None:
    for position, (if_clause, then_clause, codes) in enumerate(content.THEORY_OF_ACTION):
        statement = _create(
            world,
            ActionStatement,
            plan=plan,
            position=position,
            if_clause=if_clause,
            then_clause=then_clause,
        )
        statement.goals.set([world.goals[c] for c in codes])
        _record_links(world, statement, "goals", codes)


def _record_links(world: PlanWorld, obj, name: str, labels: list[str] | tuple[str, ...]) -> None:
    """The many-to-many links of a new object, in the audit history too."""
    if labels:
        audit_record(
            actor=None,
            district=world.district,
            action="update",
            obj=obj,
            changes={name: [[], sorted(labels)]},
        )


def _initiative(world: PlanWorld, plan: Plan, spec: content.InitiativeSpec) -> Initiative:
    schools = world.school_sets[spec.where]
    initiative = _create(
        world,
        Initiative,
        plan=plan,
        code=spec.code,
        name=spec.name,
        description=spec.about,
        owner_department=world.departments.get(spec.department),
        lead=_lead(world, spec),
        pathways=list(spec.pathways),
        status=spec.status,
        starts_on=world.on(spec.starts),
        ends_on=world.on(spec.ends),
        students_reached=spec.reached_per_school * len(schools) or None,
    )
    initiative.goals.set([world.goals[c] for c in spec.goals])
    _record_links(world, initiative, "goals", spec.goals)
    _participations(world, initiative, spec, schools)
    _budget(world, initiative, spec, max(len(schools), 1))
    _milestones(world, initiative, spec)
    author = initiative.lead.user if initiative.lead is not None else None
    for when, text in spec.log:
        _create(
            world,
            LogEntry,
            initiative=initiative,
            happened_on=world.on(when),
            text=text,
            author=author,
        )
    return initiative


def _lead(world: PlanWorld, spec: content.InitiativeSpec) -> Person | None:
    """The head of the owner department, or (``lead_is_head`` false) the department's
    first other member by staff id."""
    head = world.heads.get(spec.department)
    if spec.lead_is_head or head is None:
        return head
    others = Person.objects.filter(
        district=world.district, department=head.department, staff_id__gt=""
    ).exclude(pk=head.pk)
    return others.order_by("staff_id").first() or head


def _participations(world: PlanWorld, initiative: Initiative, spec, schools) -> None:
    pilot = set(world.school_sets["focus"]) if spec.piloted else set()
    phases = {}
    if spec.piloted:
        phases = {
            True: _phase(world, initiative, 0, "Pilot in the focus schools", spec.starts),
            False: _phase(world, initiative, 1, "The other schools", None, spec.ends),
        }
    for school in schools:
        phase = phases.get(school in pilot)
        _create(world, Participation, initiative=initiative, school=school, phase=phase)


def _phase(world, initiative, position, name, starts=None, ends=None) -> InitiativePhase:
    """A one-year pilot from ``starts``, or the wider phase from the pilot's end to ``ends``."""
    begins = world.on(starts) if starts else dt.date(initiative.starts_on.year + 1, 7, 1)
    return _create(
        world,
        InitiativePhase,
        initiative=initiative,
        position=position,
        name=name,
        starts_on=begins,
        ends_on=world.on(ends) if ends else dt.date(begins.year + 1, 6, 30),
    )


def _budget(world: PlanWorld, initiative: Initiative, spec, schools: int) -> None:
    """One line per funding source and school year from the initiative's start to the
    current year: the yearly amount (per school where it runs in schools) varied by up to
    a tenth, to the hundred dollars."""
    first = max(world.on(spec.starts).year + 1, world.last_year - 1)
    for year in range(first, world.last_year + 1):
        for source, yearly in spec.budget:
            scale = schools if spec.where != "none" else 1
            varied = yearly * scale * (0.9 + 0.2 * world.rng.random())
            _create(
                world,
                BudgetLine,
                initiative=initiative,
                funding_source=source,
                school_year=year,
                amount=Decimal(round(varied, -2)).quantize(Decimal("0.01")),
            )


def _milestones(world: PlanWorld, initiative: Initiative, spec) -> None:
    for title, when, status in spec.milestones:
        due = world.on(when)
        done = due - dt.timedelta(days=int(world.rng.integers(0, 20)))
        _create(
            world,
            Milestone,
            initiative=initiative,
            title=title,
            due_on=due,
            status=status,
            done_on=done if status == Milestone.Status.DONE else None,
        )
