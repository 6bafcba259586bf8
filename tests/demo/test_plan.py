"""The demo district's plan: a handful of goals, a dozen initiatives, and the incoherence a
real plan carries (overloaded schools, orphan initiatives, a goal nobody works on),
measured by indicators that the equity audit of the demo's own data answers."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from districtwise.core.models import AuditEntry, StudentRecordGrant
from districtwise.demo.build import DemoResult, demo_build
from districtwise.equity.selectors import audit_table
from districtwise.equity.services import audit_compute
from districtwise.organization.models import District, School
from districtwise.strategy.models import (
    Indicator,
    Initiative,
    LogEntry,
    Milestone,
    Participation,
    Plan,
)
from districtwise.strategy.selectors import progress

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[DemoResult]:
    """The small demo district, built, imported and audited once for the module, inside a
    transaction rolled back when the module ends (each test nests in it)."""
    module_transaction = transaction.atomic()
    with override_settings(DATA_DIR=tmp_path_factory.mktemp("demo-plan")):
        with django_db_blocker.unblock():
            module_transaction.__enter__()
            try:
                # The demo's log-in names are role names; the suite's cast uses some too.
                StudentRecordGrant.objects.all().delete()
                get_user_model().objects.all().delete()
                School.objects.all().delete()
                District.objects.all().delete()
                built = demo_build(seed=7, students=2500)
                audit_compute(district=built.district)
            except BaseException:
                module_transaction.__exit__(*sys.exc_info())
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture
def plan(demo) -> Plan:
    return Plan.objects.get(district=demo.district)


def _superintendent():
    return get_user_model().objects.get(username="superintendent")


def test_the_plan_has_a_handful_of_goals_and_about_a_dozen_initiatives(plan):
    assert plan.vision and plan.mission
    assert plan.goals.count() == 6
    assert plan.initiatives.count() == 12
    assert plan.action_statements.count() == 3
    assert plan.goals.filter(is_equity=True, group_targets__isnull=False).distinct().count() == 3
    agendas = {a for goal in plan.goals.all() for a in goal.learning_agendas}
    assert agendas == {"student", "professional", "system"}
    for initiative in plan.initiatives.all():
        assert initiative.owner_department is not None and initiative.lead is not None
        assert initiative.budget_lines.exists() and initiative.milestones.exists()
        for milestone in initiative.milestones.all():
            assert milestone.due_on <= initiative.ends_on, (initiative, milestone)
    # The head of Teaching and Learning (the demo's department-lead log-in) writes the log
    # of the coaching cycles they lead.
    coaching_log = LogEntry.objects.filter(initiative__plan=plan, initiative__code="I3")
    assert {e.author.username for e in coaching_log} == {"dept_lead"}
    statuses = set(Milestone.objects.filter(initiative__plan=plan).values_list("status", flat=True))
    assert {"done", "missed", "planned"} <= statuses


def test_two_initiatives_serve_no_goal_and_one_goal_has_no_initiative(plan):
    orphans = plan.initiatives.filter(goals__isnull=True)
    assert sorted(i.code for i in orphans) == ["I11", "I12"]
    assert [g.code for g in plan.goals.filter(initiatives__isnull=True)] == ["G6"]


def test_the_highest_poverty_schools_carry_more_initiatives_than_the_limit(demo, plan):
    carried = Counter(
        Participation.objects.filter(initiative__plan=plan).values_list("school__code", flat=True)
    )
    overloaded = {code for code, n in carried.items() if n > plan.school_initiative_limit}
    schools = School.objects.filter(district=demo.district).count()
    assert 0 < len(overloaded) < schools / 2  # a few, not every school
    poorest = max(_manifest_schools(demo), key=lambda s: (s["poverty_share"], s["school_id"]))
    assert poorest["school_id"] in overloaded


def _manifest_schools(demo) -> list[dict]:
    return json.loads((demo.files_dir / "manifest.json").read_text())["schools"]


def test_coaching_initiatives_compete_in_the_same_schools(plan):
    coaching = [i for i in plan.initiatives.all() if "coaching" in i.pathways]
    schools = {i.code: set(i.participations.values_list("school_id", flat=True)) for i in coaching}
    assert {"I3", "I5"} <= set(schools)
    assert schools["I3"] & schools["I5"]


def test_every_engine_indicator_is_a_metric_the_demo_audit_computes(demo, plan):
    user = _superintendent()
    figures = audit_table(user=user, district=demo.district, unit_type="district").to_pylist()
    computed = {(r["metric"], r["dimension"]) for r in figures if r["value"] is not None}
    engine = Indicator.objects.filter(district=demo.district, source=Indicator.Source.ENGINE)
    assert sorted(i.metric for i in engine) == [
        "chronic_absenteeism",
        "oss_rate",
        "proficiency:STATE_MATH",
    ]
    for indicator in engine:
        assert (indicator.metric, indicator.dimension) in computed
        series = progress.indicator_series(user=user, district=demo.district, indicator=indicator)
        assert [p.on.year for p in series] == [2024, 2025, 2026]
        assert all(p.value is not None for p in series)


def test_hand_entered_goals_have_the_status_worked_out_by_hand(demo, plan):
    statuses = progress.goal_statuses(user=_superintendent(), district=demo.district)
    by_code = {plan.goals.get(pk=pk).code: status for pk, status in statuses.items()}
    # G4: 0.82 on 2024-06-30 to 0.90 on 2028-06-30 expects 0.82 + 0.08 * 730/1461 = 0.85997
    # by 2026-06-30; 0.86 is (0.86 - 0.82) / 0.03997 = 100.07 % of that progress.
    assert by_code["G4"].code == "on_track"
    assert by_code["G4"].share == Decimal("1.001")
    # G5: 0.55 to 0.75 expects 0.64993; 0.63 is 0.08 / 0.09993 = 80.1 %: at risk (70-90 %).
    assert by_code["G5"].code == "at_risk"
    assert by_code["G6"].code == "no_data"  # the survey has not been given yet


def test_the_plan_is_in_the_audit_history(demo, plan):
    entries = AuditEntry.objects.filter(district=demo.district, action="create")
    assert entries.filter(object_type="strategy.plan", object_id=str(plan.pk)).exists()
    assert entries.filter(object_type="strategy.initiative").count() == 12
    assert entries.filter(object_type="strategy.budgetline").count() == (
        plan.initiatives.values("budget_lines").count()
    )
    links = AuditEntry.objects.get(
        object_type="strategy.initiative",
        object_id=str(plan.initiatives.get(code="I9").pk),
        action="update",
    )
    assert links.changes == {"goals": [[], ["G1", "G2", "G3"]]}


def test_it_is_the_same_plan_every_time_from_the_same_seed(demo, plan, tmp_path):
    def amounts() -> list[tuple[str, int, str, Decimal]]:
        return sorted(
            (i.code, b.school_year, b.funding_source, b.amount)
            for i in Initiative.objects.filter(plan__district__code="demo")
            for b in i.budget_lines.all()
        )

    before = amounts()
    with override_settings(DATA_DIR=tmp_path):
        demo_build(seed=7, students=2500, replace=True, load_data=False)
    assert amounts() == before
