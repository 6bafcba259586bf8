"""A Leading-for-Learning self-assessment in a real headless Chromium, scanned by axe-core
on every page: North One's principal starts one for the school's leadership team with the
coach, both answer (the coach in another browser), the results show how far apart they
are, the principal drafts the plan from the weakest items and links a step to an
initiative of the district's plan; the network lead reads the figures and the summary."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests import factories as f
from tests.browser.conftest import TIMEOUT_MS, assert_accessible, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


@pytest.fixture
def coach_page(browser: Browser, live_server, cast: Cast):
    """A second browser, North One's coach's."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    login_with_cookie(context, cast["coach_north_1"], live_server.url)
    page = context.new_page()
    page.broken_assets = []  # type: ignore[attr-defined]
    yield page
    context.close()


def rate(page: Page, key: str, level: str) -> None:
    group = page.get_by_role("group", name=re.compile(rf"^{re.escape(key)} "))
    group.get_by_text(level).click()


def answer(page: Page, url: str, ratings: dict[str, str], evidence: str = "") -> None:
    page.goto(url, timeout=60_000)
    assert_accessible(page)
    for key, level in ratings.items():
        rate(page, key, level)
    if evidence:
        page.get_by_label("Evidence notes for focus.1").fill(evidence)
    page.get_by_role("button", name="Save my answers").first.click()
    expect(page.get_by_text("Your answers are saved")).to_be_visible()
    assert_accessible(page)


def test_a_school_team_assesses_itself_compares_and_plans(
    page: Page, coach_page: Page, live_server, cast: Cast
):
    f.InitiativeFactory(
        plan=f.PlanFactory(district=cast.district), code="I3", name="Collaborative planning"
    )
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto("/leadership/", timeout=60_000)
    assert_accessible(page)
    page.get_by_role("link", name="Self-assessments").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-assessments")
    assert_accessible(page)

    page.get_by_role("link", name="Start a self-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Start a self-assessment: North One Elementary"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Start the self-assessment").click()
    expect(page.get_by_text("Nothing was saved")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill("Autumn leadership review")
    page.get_by_label("Period").fill("2025-26")
    page.get_by_text(re.compile("^Principal North 1")).click()
    page.get_by_text(re.compile("^Coach North 1")).click()
    page.get_by_role("button", name="Start the self-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autumn leadership review")
    results_url = page.url
    answer_url = results_url + "answer/"

    answer(
        page,
        answer_url,
        {"focus.1": "1 — Not yet", "focus.2": "3 — Often", "coherence.1": "Don't know"},
        evidence="Only two of nine meetings looked at student work",
    )
    answer(coach_page, answer_url, {"focus.1": "4 — Consistently", "focus.2": "3 — Often"})

    page.goto(results_url)
    expect(page.get_by_text("Principal North 1 Testperson: 3 items answered")).to_be_visible()
    focus_1 = page.get_by_role("row", name=re.compile(r"^focus\.1 Our team states"))
    expect(focus_1).to_contain_text("2.5")
    expect(focus_1).to_contain_text("1\u20134 (spread 3)")
    expect(focus_1).to_contain_text("discuss")
    assert_accessible(page)

    page.get_by_role("link", name="Action plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Action plan: Autumn leadership review"
    )
    page.get_by_role("button", name="Draft steps from the weakest items").click()
    expect(page.get_by_text("draft steps added from the weakest items")).to_be_visible()
    assert_accessible(page)
    step = page.locator("form", has=page.get_by_role("heading", name=re.compile(r"focus\.1")))
    step.get_by_label("Linked initiative").select_option(label="I3 Collaborative planning")
    step.get_by_role("button", name="Save the step for focus.1").click()
    expect(page.get_by_text("The step is saved.")).to_be_visible()
    step = page.locator("form", has=page.get_by_role("heading", name=re.compile(r"focus\.1")))
    expect(step.get_by_label("Linked initiative")).to_have_value(re.compile(r"\d+"))
    assert_accessible(page)

    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    page.goto(results_url)
    expect(page.get_by_text("who said what stays with the team")).to_be_visible()
    expect(page.get_by_text("Only two of nine meetings")).to_have_count(0)
    assert_accessible(page)
    page.goto(results_url + "plan/")
    expect(page.get_by_role("cell", name="I3 Collaborative planning")).to_be_visible()
    assert_accessible(page)


def test_the_summary_and_the_team_choice_pass_axe(page: Page, live_server, cast: Cast):
    found = f.AssessmentFactory(district=cast.district, school=cast.north_2, status="closed")
    member = f.PersonFactory(district=cast.district, school=cast.north_2)
    found.members.add(member)
    f.AssessmentAnswerFactory(assessment=found, person=member, item_key="system.2", rating=2)
    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    page.goto("/leadership/assessments/summary/", timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-assessment summary")
    expect(page.get_by_role("img", name=re.compile("North Network"))).to_be_visible()
    assert_accessible(page)
    page.goto("/leadership/assessments/new/")
    expect(page.get_by_role("link", name="North Two Middle")).to_be_visible()
    assert_accessible(page)
