"""The progress pages: every goal with its status and a small chart, filterable by status;
one goal's chart and table per line, where a gap says why it has no number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from districtwise.strategy.models import GoalGroupTarget, IndicatorValue
from tests import factories as f
from tests.strategy.progress_audit import store_attendance_audit


@pytest.fixture
def goals(cast, settings, tmp_path):
    """G1 computed (on track overall, English learners off track); G2 entered by hand
    (reading 0.42 two years in: off track)."""
    settings.DATA_DIR = tmp_path / "var"
    store_attendance_audit(cast)
    plan = f.PlanFactory(district=cast.district)
    absence = f.IndicatorFactory(
        district=cast.district,
        name="Chronic absence",
        source="engine",
        dimension="attendance",
        metric="chronic_absenteeism",
        higher_is_better=False,
    )
    line = {"baseline_on": dt.date(2024, 6, 30), "target_on": dt.date(2028, 6, 30)}
    g1 = f.GoalFactory(
        plan=plan,
        code="G1",
        title="Students in school",
        indicator=absence,
        baseline_value=D("0.20"),
        target_value=D("0.10"),
        **line,
    )
    for group, baseline, target in (("Y", "0.30", "0.15"),):
        GoalGroupTarget.objects.create(
            goal=g1,
            group_type="english_learner",
            group=group,
            baseline_value=D(baseline),
            target_value=D(target),
        )
    GoalGroupTarget.objects.create(
        goal=g1,
        group_type="race_ethnicity",
        group="BL",
        baseline_value=D("0.3"),
        target_value=D("0.1"),
    )
    reading = f.IndicatorFactory(district=cast.district, name="Reading", source_note="State")
    IndicatorValue.objects.create(
        indicator=reading, measured_on=dt.date(2026, 6, 30), value=D("0.42")
    )
    g2 = f.GoalFactory(
        plan=plan,
        code="G2",
        title="Readers by third grade",
        indicator=reading,
        baseline_value=D("0.40"),
        target_value=D("0.60"),
        **line,
    )
    return g1, g2


def test_the_progress_page_lists_every_goal_with_its_status_and_a_chart(client_as, cast, goals):
    page = client_as("principal_south_1").get(reverse("strategy:progress")).content.decode()
    assert "G1 Students in school" in page and "G2 Readers by third grade" in page
    assert page.count('class="dw-progress-chart"') == 2  # a small chart per goal
    assert 'English learners: Yes: <span class="dw-status-tag dw-status-tag--off_track">' in page


def test_the_progress_page_filters_by_status(client_as, cast, goals):
    url = reverse("strategy:progress")
    off = client_as("superintendent").get(url, {"status": "off_track"}).content.decode()
    # G2 is off track; G1 is on track overall but its English learners are off track.
    assert "G1 Students in school" in off and "G2 Readers by third grade" in off
    on = client_as("superintendent").get(url, {"status": "at_risk"}).content.decode()
    assert "G1 Students" not in on and "No goal with that status." in on


def test_a_goals_page_says_why_a_period_has_no_number(client_as, cast, goals):
    g1, _ = goals
    page = (
        client_as("north_lead")
        .get(reverse("strategy:goal_progress", args=[g1.pk]))
        .content.decode()
    )
    assert '<th scope="row">2025-06-30</th><td>no figure</td>' in page
    assert "hidden: fewer than 10 students" in page
    assert "<td>0.0 %</td>" not in page  # a gap is never written as zero
    assert page.count("<h2>") >= 3  # all students, English learners, Black students


def test_a_goals_progress_is_not_found_outside_the_plans_readers(client_as, cast, goals):
    g1, _ = goals
    url = reverse("strategy:goal_progress", args=[g1.pk])
    assert client_as("partner").get(url).status_code == 404
    assert client_as("outsider").get(url).status_code == 404
