"""The task audit in a real headless Chromium, scanned by axe-core: a principal fills in
their audit from the starter list and proposes moving a task to the central office; the
network lead agrees; the pages of what is coming off principals' plates and of the hours
returned read well."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from playwright.sync_api import Page, expect

from districtwise.workload.models import PrincipalTask, TaskDecision
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.workload.tasks_fixtures import starter_list

pytestmark = pytest.mark.browser


def test_a_principal_fills_the_audit_and_the_network_lead_agrees_a_move(
    page: Page, live_server, cast: Cast
):
    starter_list(cast)
    school = cast.north_1
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    # The first page of a fresh live server can take long on a busy machine.
    page.goto(f"/workload/tasks/schools/{school.pk}/", timeout=30_000)
    page.get_by_role("link", name="Fill in the audit from the starter list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Task audit of {school.name}")
    assert_accessible(page)
    # Rows 1-3 are the starter tasks, 4-6 blank: tick two, adjust one, add one's own.
    page.get_by_label("Row 1: one of my tasks").check()
    page.get_by_label("Row 1: hours", exact=True).fill("6")
    page.get_by_label("Row 2: one of my tasks").check()
    page.get_by_label("Row 4: one of my tasks").check()
    page.get_by_label("Row 4: task").fill("Bus arrival duty")
    page.get_by_label("Row 4: category").select_option("operations")
    page.get_by_label("Row 4: hours", exact=True).fill("2.5")
    page.get_by_role("button", name="Save the audit").click()
    expect(page.get_by_text("3 added, 0 changed, 0 removed; 10.50 hours a week")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("row", name="Budget preparation").get_by_role("link", name="Decide").click()
    page.locator("label", has_text="Move to the central office").click()
    page.get_by_label("New owner: department").select_option(label="Teaching and Learning")
    page.get_by_label("Starts on").fill("2026-02-02")
    assert_accessible(page)
    page.get_by_role("button", name="Propose").click()
    budget = PrincipalTask.objects.get(school=school, name="Budget preparation")
    expect(page.get_by_role("row", name="Budget preparation")).to_contain_text("Proposed")
    assert budget.hours_per_week == D("2.00")

    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    page.goto(f"/workload/tasks/schools/{school.pk}/", timeout=30_000)
    expect(page.get_by_role("link", name="Change the audit")).to_have_count(0)
    budget_row = page.get_by_role("row", name="Budget preparation")
    budget_row.get_by_role("button", name="Agree").click()
    expect(page.get_by_role("row", name="Budget preparation")).to_contain_text("Agreed")
    assert TaskDecision.objects.get(task=budget).status == "agreed"
    assert_accessible(page)

    page.goto("/workload/tasks/coming-off/", timeout=30_000)
    expect(page.get_by_role("row", name="Budget preparation")).to_contain_text("Planned: agreed")
    assert_accessible(page)
    page.goto("/workload/tasks/hours-returned/", timeout=30_000)
    expect(page.locator("#district-hours")).to_contain_text("2.00 planned, of 10.50 audited")
    page.get_by_text("Show as a table").first.click()
    assert_accessible(page)
