"""Progress monitoring in a real headless Chromium, scanned by axe-core: the progress page
with its small charts and filter, a goal's charts with their tables (a gap and a hidden
figure said in words), entering figures with a wrong sheet then a right one, and the
cabinet recording a review and reading it back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from playwright.sync_api import Page, expect

from districtwise.strategy.models import GoalGroupTarget, IndicatorValue
from tests import factories as f
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.strategy.progress_audit import store_attendance_audit

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(cast: Cast, settings, tmp_path):
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
    dates = {"baseline_on": dt.date(2024, 6, 30), "target_on": dt.date(2028, 6, 30)}
    goal = f.GoalFactory(
        plan=plan,
        code="G1",
        title="Students in school",
        indicator=absence,
        baseline_value=D("0.20"),
        target_value=D("0.10"),
        is_equity=True,
        **dates,
    )
    GoalGroupTarget.objects.create(
        goal=goal,
        group_type="race_ethnicity",
        group="BL",
        baseline_value=D("0.30"),
        target_value=D("0.10"),
    )
    reading = f.IndicatorFactory(
        district=cast.district, name="Grade 3 reading", source_note="State report card"
    )
    IndicatorValue.objects.create(
        indicator=reading, measured_on=dt.date(2026, 6, 30), value=D("0.42")
    )
    f.GoalFactory(
        plan=plan,
        code="G2",
        title="Readers by third grade",
        indicator=reading,
        baseline_value=D("0.40"),
        target_value=D("0.60"),
        owner_department=cast.department,
        **dates,
    )
    return plan


def test_the_progress_page_and_a_goals_charts_are_accessible(
    page: Page, live_server, cast: Cast, plan
):
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    # The first page of a fresh live server reads the audit cold (its suppression is
    # computed once): on a busy machine that alone can take longer than the default 10 s.
    page.goto("/strategy/progress/", timeout=30_000)
    expect(page.get_by_role("img", name="G1 All students: On track")).to_be_visible()
    expect(page.get_by_role("img", name="G2 All students: Off track")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Show goals").select_option("off_track")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("link", name="G2 Readers by third grade")).to_be_visible()
    expect(page.get_by_role("link", name="G1 Students in school")).to_have_count(0)
    page.goto("/strategy/progress/")
    page.get_by_role("link", name="G1 Students in school").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Progress of G1")
    page.get_by_text("The figures as a table").first.click()
    expect(page.get_by_role("cell", name="no figure")).to_be_visible()
    page.get_by_text("The figures as a table").nth(1).click()
    expect(page.get_by_role("cell", name="hidden: fewer than 10 students").first).to_be_visible()
    assert_accessible(page)


def test_a_department_lead_fixes_a_wrong_sheet_of_figures(
    page: Page, live_server, cast: Cast, plan
):
    login_with_cookie(page.context, cast["department_lead"], live_server.url)
    page.goto("/strategy/indicators/")
    page.get_by_role("link", name="Grade 3 reading").click()
    page.get_by_role("link", name="Enter figures").click()
    page.get_by_label("Paste figures").fill("2025-06-30,0.41\n2027-06-30,44%")
    page.get_by_role("button", name="Check and save the figures").click()
    expect(page.get_by_role("table", name="What is wrong, line by line")).to_be_visible()
    expect(page.get_by_role("cell", name="bad_number")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Paste figures").fill("2025-06-30,0.41\n2027-06-30,0.44")
    page.get_by_role("button", name="Check and save the figures").click()
    expect(page.get_by_text("2 figure(s) saved.")).to_be_visible()
    expect(page.get_by_role("cell", name="44.0 %")).to_be_visible()
    assert_accessible(page)


def test_the_cabinet_records_a_review_and_reads_it_back(page: Page, live_server, cast: Cast, plan):
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    page.goto("/strategy/reviews/")
    expect(
        page.get_by_role("heading", name="Goals with no figure for the latest period")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Held on").fill("2026-09-01")
    page.get_by_label("Notes").fill("Reading is behind; ask for a plan.")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cabinet review of 2026-09-01")
    expect(page.get_by_text("Reading is behind; ask for a plan.")).to_be_visible()
    assert_accessible(page)
