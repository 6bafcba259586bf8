"""The plan editor in a real headless Chromium, every page visited scanned by axe-core: a
superintendent starts the plan, writes a goal with its baseline and target, adds an
initiative serving it in two schools with a budget line (after a budget written as
currency is refused), reads them on the overview, and is shown the difference when someone
else changed the goal while their edit was open."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from districtwise.strategy.models import Goal
from districtwise.strategy.services import plan as services
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


def check(page: Page, words: str) -> None:
    """Tick a USWDS checkbox the way a person does: by its label."""
    page.locator("label.usa-checkbox__label", has_text=words).click()


def save(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("domcontentloaded")


@pytest.fixture
def boss_page(page: Page, live_server, cast: Cast) -> Page:
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    return page


def start_plan(page: Page) -> None:
    page.goto("/strategy/", timeout=30_000)
    assert_accessible(page)
    page.get_by_role("link", name="Start the plan").click()
    page.locator("#id_title").fill("Rising together 2025-2028")
    page.locator("#id_vision").fill("Every student known, every student growing.")
    assert_accessible(page)
    save(page, "Save the plan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rising together 2025-2028")


def write_goal(page: Page) -> None:
    page.get_by_role("link", name="Add a goal").click()
    page.locator("#id_code").fill("G1")
    page.locator("#id_title").fill("Third graders read on grade level")
    page.locator("#id_baseline_value").fill("0.42")
    page.locator("#id_baseline_on").fill("2024-06-30")
    page.locator("#id_target_value").fill("0.60")
    page.locator("#id_target_on").fill("2028-06-30")
    check(page, "Student learning")
    check(page, "Establishing a focus on learning")
    assert_accessible(page)
    save(page, "Save the goal")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "G1 Third graders read on grade level"
    )
    assert_accessible(page)


def add_initiative(page: Page) -> None:
    page.goto("/strategy/")
    page.get_by_role("link", name="Add an initiative").click()
    page.locator("#id_code").fill("I1")
    page.locator("#id_name").fill("Literacy coaching")
    page.locator("#id_ends_on").fill("2027-06-30")
    check(page, "G1 Third graders read on grade level")
    check(page, "Coaching")
    check(page, "North One Elementary")
    check(page, "South One High")
    save(page, "Save the initiative")
    expect(page.get_by_role("heading", level=1)).to_have_text("I1 Literacy coaching")
    assert_accessible(page)


def add_budget_line(page: Page) -> None:
    page.get_by_role("link", name="Budget").click()
    page.locator("#id_funding_source").select_option("title_i")
    page.locator("#id_school_year").fill("2026")
    page.locator("#id_amount").fill("$1,200.50")
    save(page, "Add the budget line")
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    expect(page.locator("#id_amount-error")).to_contain_text("like 1200.50")
    assert_accessible(page)
    page.locator("#id_amount").fill("1200.50")
    save(page, "Add the budget line")
    expect(page.get_by_role("cell", name="1,200.50")).to_be_visible()
    assert_accessible(page)


def test_a_superintendent_writes_the_plan_and_reads_it_at_a_glance(boss_page: Page):
    page = boss_page
    start_plan(page)
    write_goal(page)
    add_initiative(page)
    add_budget_line(page)
    page.goto("/strategy/")
    goals = page.get_by_role("table", name="Goals of the plan with their status")
    expect(goals.get_by_role("row", name="G1 Third graders read on grade level")).to_contain_text(
        "No data"
    )
    initiatives = page.get_by_role("table", name="Initiatives you may see", exact=False)
    row = initiatives.get_by_role("row", name="I1 Literacy coaching")
    expect(row).to_contain_text("G1")
    expect(row).to_contain_text("1,200.50")
    expect(row.get_by_role("cell").nth(4)).to_have_text("2")  # schools
    expect(page.get_by_role("img", name="Budget per initiative", exact=False)).to_be_visible()
    assert_accessible(page)


def test_a_stale_goal_edit_shows_the_difference(boss_page: Page, cast: Cast):
    page = boss_page
    plan = services.plan_create(actor=cast["superintendent"], district=cast.district, data={})
    goal = services.goal_create(
        actor=cast["superintendent"],
        plan=plan,
        data={"code": "G1", "title": "Readers", "priority": 1},
    )
    page.goto(f"/strategy/goals/{goal.pk}/edit/", timeout=30_000)
    assert_accessible(page)
    # While the form is open, the system administrator renames the goal.
    services.goal_update(
        actor=cast["sysadmin"], goal=goal, version=1, data={"title": "Readers by grade three"}
    )
    page.locator("#id_title").fill("Strong readers")
    save(page, "Save the goal")
    table = page.get_by_role("table", name="Where your version and the stored one differ")
    row = table.get_by_role("row", name="Title")
    expect(row).to_contain_text("Strong readers")
    expect(row).to_contain_text("Readers by grade three")
    expect(row).to_contain_text("sysadmin")
    assert_accessible(page)
    assert Goal.objects.get(pk=goal.pk).title == "Readers by grade three"
    save(page, "Save my version")
    expect(page.get_by_role("heading", level=1)).to_have_text("G1 Strong readers")
    stored = Goal.objects.get(pk=goal.pk)
    assert (stored.title, stored.version, stored.priority) == ("Strong readers", 3, 1)


def test_the_theory_phases_milestones_and_log_pages_are_accessible(boss_page: Page, cast: Cast):
    page = boss_page
    boss = cast["superintendent"]
    plan = services.plan_create(actor=boss, district=cast.district, data={})
    services.goal_create(actor=boss, plan=plan, data={"code": "G1", "title": "Readers"})
    page.goto("/strategy/theory/", timeout=30_000)
    page.locator("#id_if_clause").fill("every school has a literacy coach")
    page.locator("#id_then_clause").fill("teaching of reading improves")
    check(page, "G1 Readers")
    save(page, "Add the statement")
    expect(page.get_by_text("every school has a literacy coach")).to_be_visible()
    assert_accessible(page)
    # An equity goal with a target for English learners.
    page.goto("/strategy/goals/new/")
    page.locator("#id_code").fill("G2")
    page.locator("#id_title").fill("English learners reach proficiency")
    page.locator("#id_baseline_value").fill("0.20")
    page.locator("#id_baseline_on").fill("2024-06-30")
    page.locator("#id_target_value").fill("0.30")
    page.locator("#id_target_on").fill("2027-06-30")
    page.locator("#id_targets-0-group").select_option("english_learner:Y")
    page.locator("#id_targets-0-target_value").fill("0.25")
    save(page, "Save the goal")
    expect(page.get_by_role("heading", name="Targets per student group")).to_be_visible()
    assert_accessible(page)
    page.goto("/strategy/initiatives/new/")
    page.locator("#id_code").fill("I1")
    page.locator("#id_name").fill("Newcomer centers")
    page.locator("#id_ends_on").fill("2027-06-30")
    save(page, "Save the initiative")
    page.get_by_role("link", name="Phases").click()
    page.locator("#id_name").fill("Pilot")
    check(page, "North Two Middle")
    save(page, "Add the phase")
    expect(page.get_by_role("cell", name="North Two Middle")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Milestones").click()
    page.locator("#id_title").fill("Pilot review")
    page.locator("#id_due_on").fill("2027-08-01")
    save(page, "Add the milestone")
    expect(page.locator("#id_due_on-error")).to_contain_text("after the initiative ends")
    assert_accessible(page)
    page.locator("#id_due_on").fill("2026-12-01")
    save(page, "Add the milestone")
    expect(page.get_by_role("rowheader", name="Pilot review")).to_be_visible()
    page.get_by_role("link", name="Log").click()
    page.locator("#id_happened_on").fill("2025-10-02")
    page.locator("#id_text").fill("Opened the first newcomer center")
    save(page, "Write it")
    expect(page.get_by_text("Opened the first newcomer center")).to_be_visible()
    assert_accessible(page)
