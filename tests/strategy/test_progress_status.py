"""A goal's status from hand-entered figures, as the goal page shows it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from districtwise.strategy.models import IndicatorValue
from districtwise.strategy.selectors.progress import goal_statuses
from tests import factories as f


@pytest.fixture
def goal(cast):
    plan = f.PlanFactory(district=cast.district)
    indicator = f.IndicatorFactory(district=cast.district, name="Grade 3 reading proficiency")
    return f.GoalFactory(
        plan=plan,
        code="G1",
        title="Every third grader reads on grade level",
        indicator=indicator,
        baseline_value=D("0.40"),
        baseline_on=dt.date(2024, 6, 30),
        target_value=D("0.60"),
        target_on=dt.date(2028, 6, 30),
    )


def _figure(goal, on, value):
    IndicatorValue.objects.create(indicator=goal.indicator, measured_on=on, value=D(value))


def test_a_goal_without_figures_has_no_status_yet(cast, goal):
    status = goal_statuses(user=cast["superintendent"], district=cast.district)[goal.pk]
    assert status.code == "no_data"


def test_the_newest_hand_entered_figure_sets_the_status(cast, goal):
    _figure(goal, dt.date(2025, 6, 30), "0.46")  # a year in: 0.06 / 0.05 -> on track
    _figure(goal, dt.date(2026, 6, 30), "0.42")  # two years in: 0.02 / 0.0999 -> off track
    status = goal_statuses(user=cast["principal_south_1"], district=cast.district)[goal.pk]
    assert status.code == "off_track"


def test_the_goal_page_says_the_status_and_why(client_as, cast, goal):
    _figure(goal, dt.date(2026, 6, 30), "0.495")
    page = client_as("north_lead").get(reverse("strategy:goal_detail", args=[goal.pk]))
    text = page.content.decode()
    assert "On track." in text and "95 % of the progress" in text
    assert "The latest figure, 49.5 % on 2026-06-30" in text  # in the indicator's unit


def test_family_members_and_partners_get_no_statuses(cast, goal):
    for person in ("family", "partner"):
        assert goal_statuses(user=cast[person], district=cast.district) == {}


def test_the_home_page_counts_goals_by_status_for_readers_of_the_plan(client_as, cast, goal):
    _figure(goal, dt.date(2026, 6, 30), "0.42")  # off track
    f.GoalFactory(plan=goal.plan, code="G2", title="A goal without a baseline yet")
    page = client_as("principal_north_1").get(reverse("home")).content.decode()
    assert "Goals of the plan by status: On track 0; At risk 0; Off track 1; No data 1" in page


def test_partners_see_no_plan_on_their_home_page(client_as, cast, goal):
    page = client_as("partner").get(reverse("home")).content.decode()
    assert "Where the district stands" not in page


def test_the_goal_page_names_student_groups_in_words_and_links_to_progress(client_as, cast, goal):
    from districtwise.strategy.models import GoalGroupTarget

    GoalGroupTarget.objects.create(
        goal=goal, group_type="english_learner", group="Y", target_value=D("0.5")
    )
    page = client_as("superintendent").get(reverse("strategy:goal_detail", args=[goal.pk]))
    text = page.content.decode()
    assert "english_learner: Y" not in text and "English learner" in text
    assert reverse("strategy:goal_progress", args=[goal.pk]) in text


def test_baseline_and_target_of_a_rate_read_as_percentages(client_as, cast, goal):
    for url in (reverse("strategy:goal_detail", args=[goal.pk]), reverse("strategy:overview")):
        text = client_as("superintendent").get(url).content.decode()
        assert "40.0 %" in text and "60.0 %" in text, url
