"""Computed indicators read through the equity audit: a missing year and a hidden figure
are gaps (never zero), each student group is judged against its own line, and the metric
choices are the ones the audit actually has."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from districtwise.strategy import metric_sources
from districtwise.strategy.models import GoalGroupTarget
from districtwise.strategy.selectors.progress import goal_progress, indicator_series
from tests import factories as f
from tests.data.conftest import demo_files  # noqa: F401  (fixture)
from tests.strategy.progress_audit import store_attendance_audit

JUNE_30 = [dt.date(2024, 6, 30), dt.date(2025, 6, 30), dt.date(2026, 6, 30)]


@pytest.fixture
def audit(cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    return store_attendance_audit(cast)


@pytest.fixture
def goal(cast, audit):
    """Chronic absence from 20 % (2024-06-30) to 10 % (2028-06-30); English learners from
    30 % to 15 % on the same dates."""
    indicator = f.IndicatorFactory(
        district=cast.district,
        name="Chronic absence",
        source="engine",
        dimension="attendance",
        metric="chronic_absenteeism",
        higher_is_better=False,
    )
    goal = f.GoalFactory(
        plan=f.PlanFactory(district=cast.district),
        indicator=indicator,
        baseline_value=D("0.20"),
        baseline_on=dt.date(2024, 6, 30),
        target_value=D("0.10"),
        target_on=dt.date(2028, 6, 30),
        is_equity=True,
    )
    GoalGroupTarget.objects.create(
        goal=goal,
        group_type="english_learner",
        group="Y",
        baseline_value=D("0.30"),
        target_value=D("0.15"),
    )
    return goal


def _series(cast, person, indicator, *group):
    return indicator_series(
        user=cast[person],
        district=cast.district,
        indicator=indicator,
        **dict(zip(("group_type", "group"), group or ("all", "all"), strict=True)),
    )


def test_a_year_without_a_figure_is_a_gap_not_a_zero(cast, goal):
    points = _series(cast, "superintendent", goal.indicator)
    assert [p.on for p in points] == JUNE_30
    assert [p.value for p in points] == [D("0.2"), None, D("0.155")]
    assert points[1].withheld == ""


def test_a_small_group_is_hidden_with_its_reason_unless_the_reader_may_see_records(cast, goal):
    hidden = _series(cast, "principal_north_1", goal.indicator, "race_ethnicity", "BL")
    assert [(p.value, p.withheld) for p in hidden] == [(None, "small_n")] * 3
    shown = _series(cast, "data_steward", goal.indicator, "race_ethnicity", "BL")
    assert [p.value for p in shown] == [D("0.25")] * 3


def test_each_group_is_judged_against_its_own_line(cast, goal):
    found = goal_progress(
        user=cast["superintendent"], district=cast.district, goal=goal, plan=goal.plan
    )
    # All students: 0.155 in 2026 against 0.15003 expected: 0.045 / 0.04997 = 90.1 %.
    assert found.overall.status.code == "on_track"
    assert found.overall.status.share == D("0.901")
    # English learners: 0.27 against 0.30 - 0.15 * 730/1461 = 0.22505 expected:
    # 0.03 / 0.07495 = 40.0 % of the expected progress -> off track.
    (learners,) = found.groups
    assert (learners.group_type, learners.group) == ("english_learner", "Y")
    assert learners.status.code == "off_track"
    assert learners.status.share == D("0.400")
    assert found.small_count == 10


def test_the_audit_offers_the_metrics_it_has_and_nothing_else(cast, audit):
    choices = metric_sources.metric_choices(user=cast["superintendent"], district=cast.district)
    assert [(c.dimension, c.metric) for c in choices] == [("attendance", "chronic_absenteeism")]
    assert choices[0].label == "Attendance: Chronic absenteeism"
    assert metric_sources.metric_choices(user=cast["family"], district=cast.district) == []


def test_a_later_module_can_register_its_own_metrics(cast, audit):
    class Survey:
        name = "Staff survey"
        dimensions = ("voice",)

        def choices(self, *, user, district):
            return [metric_sources.MetricChoice("voice", "belonging", "Belonging", self.name)]

    try:
        metric_sources.register(Survey())
        found = metric_sources.metric_choices(user=cast["superintendent"], district=cast.district)
        assert ("voice", "belonging") in [(c.dimension, c.metric) for c in found]
        assert metric_sources.source_for("voice").name == "Staff survey"
        with pytest.raises(ValueError, match="attendance"):
            metric_sources.register(
                type("Clash", (), {"name": "x", "dimensions": ("attendance",)})()
            )
    finally:
        metric_sources._SOURCES[:] = [
            s for s in metric_sources._SOURCES if s.name != "Staff survey"
        ]


def test_on_the_generated_district_an_audit_metric_backs_a_goal(
    cast,
    settings,
    tmp_path,
    demo_files,  # noqa: F811
):
    """The real engine's audit of the small generated district (2025 and 2026): chronic
    absence is offered, and a goal on it gets a figure for both years and a status."""
    from districtwise.equity import services as equity
    from tests.data.test_import import run_import

    settings.DATA_DIR = tmp_path / "var"
    assert run_import(demo_files, code=cast.district.code).status == "live"
    equity.audit_compute(district=cast.district)
    steward = cast["data_steward"]
    offered = metric_sources.metric_choices(user=steward, district=cast.district)
    assert ("attendance", "chronic_absenteeism") in [(c.dimension, c.metric) for c in offered]
    indicator = f.IndicatorFactory(
        district=cast.district,
        source="engine",
        dimension="attendance",
        metric="chronic_absenteeism",
        higher_is_better=False,
    )
    points = indicator_series(user=steward, district=cast.district, indicator=indicator)
    assert [p.on for p in points] == JUNE_30[1:]
    assert all(p.value is not None and D(0) <= p.value <= D(1) for p in points)
    goal = f.GoalFactory(
        plan=f.PlanFactory(district=cast.district),
        indicator=indicator,
        baseline_value=points[0].value,
        baseline_on=points[0].on,
        target_value=D("0.05"),
        target_on=dt.date(2028, 6, 30),
    )
    found = goal_progress(user=steward, district=cast.district, goal=goal, plan=goal.plan)
    assert found.overall.status.code in {"on_track", "at_risk", "off_track"}
