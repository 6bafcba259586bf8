"""A small plan of the cast's district with known coherence troubles (worked out below), used
by the coherence tests.

Limit 1 initiative per school. G1 "Readers by third grade" (priority 1) and G2 "Families at
the table" (priority 3); G1 is tagged with every area of action and every learning agenda
but "system", G2 with none.

- I1 Literacy coaching: North One, coaching, serves G2, $50,000, active.
- I2 Reading coaches: North One and North Two, coaching, serves G1, $10,000, active.
- I3 Robotics club: South One, serves no goal, $5,000, proposed.
- I4 Old reading program: no school, serves G1, $90,000, completed (counts for nothing).

So: North One carries 2 > 1 (overload); I1 and I2 both coach at North One (competition);
I3 is an orphan and a candidate for abandonment; G1 (priority 1, $10,000) receives less
than G2 (priority 3, $50,000); the learning agenda "System learning" has no goal.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from districtwise.strategy.models import AreaOfAction, BudgetLine, Participation
from tests import factories as f
from tests.equity.conftest import figure, store_run

EVERY_AREA = [code for code, _ in AreaOfAction.choices]


def _initiative(plan, code, name, *, schools=(), goals=(), budget="0", **fields):
    initiative = f.InitiativeFactory(plan=plan, code=code, name=name, **fields)
    initiative.goals.set(goals)
    for school in schools:
        Participation.objects.create(initiative=initiative, school=school)
    BudgetLine.objects.create(
        initiative=initiative, funding_source="general", school_year=2026, amount=D(budget)
    )
    return initiative


@pytest.fixture
def troubled_plan(cast):
    plan = f.PlanFactory(district=cast.district, school_initiative_limit=1)
    g1 = f.GoalFactory(
        plan=plan,
        code="G1",
        title="Readers by third grade",
        priority=1,
        areas_of_action=EVERY_AREA,
        learning_agendas=["student", "professional"],
    )
    g2 = f.GoalFactory(plan=plan, code="G2", title="Families at the table", priority=3)
    _initiative(
        plan,
        "I1",
        "Literacy coaching",
        schools=[cast.north_1],
        goals=[g2],
        budget="50000",
        pathways=["coaching"],
    )
    _initiative(
        plan,
        "I2",
        "Reading coaches",
        schools=[cast.north_1, cast.north_2],
        goals=[g1],
        budget="10000",
        pathways=["coaching"],
    )
    _initiative(
        plan, "I3", "Robotics club", schools=[cast.south_1], budget="5000", status="proposed"
    )
    _initiative(plan, "I4", "Old reading program", goals=[g1], budget="90000", status="completed")
    return plan


def enrolment(unit_id: str, students: int) -> dict:
    """The audit's figure whose denominator is every student of the school."""
    return figure(
        "school",
        unit_id,
        "all",
        "all",
        students // 10,
        students,
        dimension="programmatic",
        metric="identification:disability",
    )


@pytest.fixture
def audit_with_enrolment(cast, settings, tmp_path):
    """North One 200 students, North Two 300, South One 5 (under the minimum display n of
    10: hidden from everyone without student-record rights)."""
    settings.DATA_DIR = tmp_path / "var"
    rows = [
        enrolment(cast.north_1.code, 200),
        enrolment(cast.north_2.code, 300),
        enrolment(cast.south_1.code, 5),
    ]
    return store_run(cast.district, rows)
