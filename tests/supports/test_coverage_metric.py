"""Coverage as a strategy metric source: a goal's indicator reads the share of entitled
teachers meeting a support from the stored run (``tests/supports/coverage_world.py``:
Ada meets; Ben, Cleo and Dan do not)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.test import override_settings

from districtwise.strategy import metric_sources
from districtwise.strategy.selectors.progress import goal_progress, indicator_series
from tests import factories as f
from tests.supports.coverage_world import coverage_world

SEPT_28 = dt.date(2025, 9, 28)


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path / "var"):
        yield


def indicator(cast, metric="meets:coverage-plc"):
    return f.IndicatorFactory(
        district=cast.district, source="engine", dimension="support_coverage", metric=metric
    )


def test_coverage_offers_every_support_and_all_together(cast):
    coverage_world(cast)
    offered = metric_sources.metric_choices(user=cast["superintendent"], district=cast.district)
    mine = [(c.metric, c.label) for c in offered if c.dimension == "support_coverage"]
    assert mine == [
        ("meets:all", "Share of entitled teachers meeting every support"),
        ("meets:coverage-plc", "Share of entitled teachers meeting: Weekly PLC"),
    ]
    assert metric_sources.metric_choices(user=cast["family"], district=cast.district) == []


def test_a_goals_indicator_reads_the_district_and_school_shares(cast):
    coverage_world(cast)
    boss = cast["superintendent"]
    found = indicator_series(user=boss, district=cast.district, indicator=indicator(cast))
    assert [(p.on, p.value) for p in found] == [(SEPT_28, D("0.25"))]  # 1 of 4 teachers
    school = indicator_series(
        user=boss,
        district=cast.district,
        indicator=indicator(cast),
        group_type="school",
        group=cast.north_1.code,
    )
    assert school[0].value == D("0.333333")  # Ada of Ada, Ben and Cleo
    goal = f.GoalFactory(
        plan=f.PlanFactory(district=cast.district),
        indicator=indicator(cast),
        baseline_value=D("0.10"),
        baseline_on=dt.date(2025, 6, 30),
        target_value=D("0.90"),
        target_on=dt.date(2026, 6, 30),
    )
    progress = goal_progress(user=boss, district=cast.district, goal=goal, plan=goal.plan)
    assert [p.value for p in progress.overall.points] == [D("0.25")]
    assert progress.overall.status.code in {"on_track", "at_risk", "off_track"}


def test_a_school_out_of_sight_is_a_gap(cast):
    coverage_world(cast)
    points = indicator_series(
        user=cast["principal_north_2"],
        district=cast.district,
        indicator=indicator(cast),
        group_type="school",
        group=cast.north_1.code,
    )
    assert [p.value for p in points] == [None]
