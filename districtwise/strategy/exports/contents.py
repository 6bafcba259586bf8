"""What an export of the plan holds, read as the user may see it: the plan, every goal with
its status by the district's rule, the theory of action, and the initiatives the user may
see, with their schools (a reader bound to schools sees their own schools only, as on the
initiative's page), budget lines and milestones."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from districtwise.analytics.strategy.progress import Status
from districtwise.core.scopes import scope_for
from districtwise.equity.charts.labels import group_label
from districtwise.strategy import selectors
from districtwise.strategy.models import (
    ActionStatement,
    AreaOfAction,
    Goal,
    Indicator,
    Initiative,
    LearningAgenda,
    Participation,
    Pathway,
    Plan,
)
from districtwise.strategy.selectors import progress


def labels(values: list[str], choices) -> list[str]:
    """The district's words for stored choice values (a value no longer a choice as is)."""
    known = dict(choices.choices)
    return [str(known.get(value, value)) for value in values]


def shown(value: Decimal | None, indicator: Indicator | None) -> str:
    """A goal's figure in its indicator's unit: a rate as a percentage, dollars as money."""
    if value is None:
        return "—"
    unit = indicator.unit if indicator is not None else Indicator.Unit.NUMBER
    if unit == Indicator.Unit.RATE:
        return f"{value * 100:.1f} %"
    if unit == Indicator.Unit.DOLLARS:
        return f"${value:,.2f}"
    return f"{value.normalize():,f}"


def by_code(code: str) -> tuple[str, int, str]:
    """Sort key putting I2 before I10 (codes are short labels ending in a number)."""
    match = re.fullmatch(r"(\D*)(\d+)(.*)", code)
    return (match[1], int(match[2]), match[3]) if match else (code, 0, "")


@dataclass
class GoalEntry:
    """A goal, its status by the district's rule, and the visible initiatives serving it."""

    goal: Goal
    status: Status
    initiative_codes: list[str]

    @property
    def agendas(self) -> list[str]:
        return labels(self.goal.learning_agendas, LearningAgenda)

    @property
    def areas(self) -> list[str]:
        return labels(self.goal.areas_of_action, AreaOfAction)

    @property
    def baseline(self) -> str:
        return shown(self.goal.baseline_value, self.goal.indicator)

    @property
    def target(self) -> str:
        return shown(self.goal.target_value, self.goal.indicator)

    @property
    def group_targets(self) -> list[tuple[str, str, str]]:
        """(group, baseline, target) of each student group's target, in words."""
        indicator = self.goal.indicator
        return [
            (
                group_label(t.group_type, t.group),
                shown(t.baseline_value, indicator),
                shown(t.target_value, indicator),
            )
            for t in self.goal.group_targets.all()
        ]


@dataclass
class InitiativeEntry:
    """An initiative the reader may see, with the goals it serves and the schools (of those
    the reader may see) where it runs."""

    initiative: Initiative
    goal_codes: list[str]
    schools: list[str]

    @property
    def pathways(self) -> list[str]:
        return labels(self.initiative.pathways, Pathway)

    @property
    def budget_lines(self) -> list:
        return list(self.initiative.budget_lines.all())

    @property
    def milestones(self) -> list:
        return list(self.initiative.milestones.all())

    @property
    def total_budget(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines), Decimal("0.00"))


@dataclass
class PlanContents:
    """Everything an export of the plan holds, for one reader."""

    plan: Plan
    district: object
    reader: object
    sees_every_school: bool
    goals: list[GoalEntry] = field(default_factory=list)
    statements: list[ActionStatement] = field(default_factory=list)
    initiatives: list[InitiativeEntry] = field(default_factory=list)
    printed_at: dt.datetime = field(default_factory=timezone.localtime)

    @property
    def total_budget(self) -> Decimal:
        return sum((entry.total_budget for entry in self.initiatives), Decimal("0.00"))


def plan_contents(*, user, district) -> PlanContents | None:
    """The plan as ``user`` may see it, ready to write out; None without a plan they may
    read."""
    plan = selectors.plan_for(user=user, district=district)
    if plan is None:
        return None
    scope = scope_for(user, district)
    contents = PlanContents(
        plan=plan, district=district, reader=user, sees_every_school=scope.district_wide
    )
    contents.initiatives = _initiatives(user, district, scope)
    serving: dict[int, list[str]] = {}
    for entry in contents.initiatives:
        for goal in entry.initiative.goals.all():
            serving.setdefault(goal.pk, []).append(entry.initiative.code)
    for goal in selectors.goal_list(user=user, district=district).prefetch_related("group_targets"):
        status = progress.status_of_goal(user=user, district=district, goal=goal, plan=plan)
        contents.goals.append(GoalEntry(goal, status, serving.get(goal.pk, [])))
    contents.statements = list(plan.action_statements.prefetch_related("goals"))
    return contents


def _initiatives(user, district, scope) -> list[InitiativeEntry]:
    participations = Participation.objects.select_related("school").order_by("school__name")
    if not scope.district_wide:
        # Readers bound to schools see an initiative's work in their own schools only.
        participations = participations.filter(school_id__in=scope.school_ids)
    visible = selectors.initiative_list(user=user, district=district).prefetch_related(
        "goals",
        "budget_lines",
        "milestones",
        Prefetch("participations", queryset=participations),
    )
    entries = [
        InitiativeEntry(
            initiative,
            sorted((g.code for g in initiative.goals.all()), key=by_code),
            [p.school.name for p in initiative.participations.all()],
        )
        for initiative in visible
    ]
    return sorted(entries, key=lambda e: by_code(e.initiative.code))
