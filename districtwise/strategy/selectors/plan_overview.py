"""Reads of the plan at a glance: each goal with its status and the initiatives serving it,
each initiative with what it costs and where it runs. Everything comes through the plan's
selectors, so a reader sees only what they may."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from districtwise.analytics.strategy.progress import NO_DATA, STATUS_NAMES, Status
from districtwise.core.scopes import scope_for
from districtwise.strategy.models import BudgetLine, Goal, Initiative
from districtwise.strategy.selectors.plan import goal_list, initiative_list
from districtwise.strategy.selectors.progress import goal_statuses


@dataclass(frozen=True)
class GoalGlance:
    goal: Goal
    status: Status
    initiative_count: int


@dataclass(frozen=True)
class InitiativeGlance:
    initiative: Initiative
    cost: Decimal
    school_count: int
    goal_codes: list[str]


def goals_at_a_glance(*, user, district) -> list[GoalGlance]:
    """The visible goals, highest priority first, each with its status by the district's
    rule and how many of the initiatives the user may see serve it."""
    statuses = goal_statuses(user=user, district=district)
    visible = initiative_list(user=user, district=district).values("pk")
    goals = goal_list(user=user, district=district).annotate(
        serving=Count("initiatives", filter=Q(initiatives__in=visible), distinct=True)
    )
    no_data = Status(NO_DATA, None, "No status yet.")
    return [GoalGlance(g, statuses.get(g.pk, no_data), g.serving) for g in goals]


def status_counts(goals: list[GoalGlance]) -> list[tuple[str, int]]:
    """How many goals are on track, at risk, off track and without data (in that order)."""
    counted = Counter(g.status.code for g in goals)
    return [(name, counted[code]) for code, name in STATUS_NAMES.items()]


def initiatives_at_a_glance(*, user, district) -> list[InitiativeGlance]:
    """The visible initiatives with their total budget (every year and source) and the
    number of schools taking part that the user may see."""
    scope = scope_for(user, district)
    cost = (
        BudgetLine.objects.filter(initiative=OuterRef("pk"))
        .values("initiative")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    schools = Q() if scope.district_wide else Q(participations__school_id__in=scope.school_ids)
    money = DecimalField(max_digits=16, decimal_places=2)
    initiatives = (
        initiative_list(user=user, district=district)
        .annotate(
            cost=Coalesce(
                Subquery(cost, output_field=money), Value(Decimal("0")), output_field=money
            ),
            school_count=Count("participations", filter=schools, distinct=True),
        )
        .prefetch_related("goals")
    )
    return [
        InitiativeGlance(i, i.cost, i.school_count, [g.code for g in i.goals.all()])
        for i in initiatives
    ]


def budget_bars(initiatives: list[InitiativeGlance]) -> list[dict]:
    """Bars of the overview's budget chart: each initiative with a budget, largest first."""
    funded = sorted((i for i in initiatives if i.cost > 0), key=lambda i: -i.cost)
    top = funded[0].cost if funded else Decimal("1")
    return [
        {
            "label": f"{i.initiative.code} {i.initiative.name}",
            "value": f"${i.cost:,.0f}",
            "share": float(i.cost / top),
        }
        for i in funded
    ]
