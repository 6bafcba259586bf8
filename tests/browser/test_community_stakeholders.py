"""The stakeholder map in a real headless Chromium, scanned by axe-core on every page: the
superintendent adds a group (after a rating out of range is refused), records its position
on a goal of the plan and logs an engagement, then finds it on the grid, in its table and
on the goal's page; a network lead reads the map without its forms."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.community.matrix import matrix_plan_goal
from tests.conftest import Cast

pytestmark = pytest.mark.browser


def add_a_group(page: Page) -> None:
    page.goto("/community/stakeholders/", timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Stakeholder map")
    assert_accessible(page)
    page.get_by_role("link", name="Add a group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a stakeholder group")
    assert_accessible(page)
    page.get_by_label("Name of the group").fill("Riverside Parents Council")
    page.get_by_label("Kind of group").select_option("parent_group")
    page.get_by_label("Interest (1 to 5)").fill("5")
    page.get_by_label("Influence (1 to 5)").fill("7")
    page.get_by_role("button", name="Add the group").click()
    expect(page.get_by_text("Nothing was saved")).to_be_visible()
    expect(page.locator("#id_influence-error")).to_have_text(
        "Rate it from 1 (lowest) to 5 (highest): 7 is too high."
    )
    assert_accessible(page)
    expect(page.get_by_label("Name of the group")).to_have_value("Riverside Parents Council")
    page.get_by_label("Influence (1 to 5)").fill("4")
    page.get_by_role("button", name="Add the group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Parents Council")
    assert_accessible(page)


def record_a_position(page: Page, goal_label: str) -> None:
    follow_link(page, "Record a position")
    assert_accessible(page)
    page.get_by_label("A goal of the plan").select_option(label=goal_label)
    page.get_by_label("Their stance").select_option("champion")
    page.get_by_label("What they said or did (optional)").fill("Spoke for it at the board.")
    page.get_by_role("button", name="Record the position").click()
    expect(page.get_by_text("The position is recorded.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"{goal_label}: now champion")).to_be_visible()


def log_an_engagement(page: Page) -> None:
    follow_link(page, "Log an engagement")
    assert_accessible(page)
    page.get_by_label("Kind of engagement").select_option("meeting")
    page.get_by_label("What was said or done").fill(
        "Met the council's officers about <b>reading</b>."
    )
    page.get_by_role("button", name="Log the engagement").click()
    expect(page.get_by_text("The engagement is logged.")).to_be_visible()
    expect(page.get_by_text("Met the council's officers about <b>reading</b>.")).to_be_visible()
    assert_accessible(page)


def test_the_superintendent_maps_a_group_and_finds_it_on_the_grid(
    page: Page, live_server, cast: Cast
):
    goal = matrix_plan_goal(cast)
    goal_label = f"{goal.code} {goal.title}"
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    add_a_group(page)
    record_a_position(page, goal_label)
    log_an_engagement(page)

    page.get_by_role("link", name="Interest and influence grid").click()
    expect(
        page.get_by_role("img", name="Stakeholder groups by interest and influence")
    ).to_be_visible()
    row = page.locator("#grid-table tbody tr", has_text="Riverside Parents Council")
    expect(row).to_contain_text("Manage closely")
    expect(row).to_contain_text("Champion")
    assert_accessible(page)
    page.get_by_label("Mark each group by its stance on").select_option(label=goal_label)
    page.get_by_role("button", name="Show").click()
    expect(row).to_contain_text("Champion")
    assert_accessible(page)

    page.goto(f"/community/stakeholders/priorities/{goal.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Stances on {goal_label}")
    expect(page.get_by_role("row", name="Riverside Parents Council")).to_contain_text("Champion")
    assert_accessible(page)

    page.get_by_role("link", name="Riverside Parents Council").first.click()
    follow_link(page, "Edit the group")
    assert_accessible(page)


def test_a_network_lead_reads_the_map_without_its_forms(page: Page, live_server, cast: Cast):
    from tests.community.matrix import matrix_stakeholder_group

    group = matrix_stakeholder_group(cast)
    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    page.goto("/community/", timeout=60_000)
    assert_accessible(page)
    page.get_by_role("link", name="Open the stakeholder map").click()
    expect(page.get_by_role("link", name="Add a group")).to_have_count(0)
    page.get_by_role("link", name=group.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(group.name)
    expect(page.get_by_role("link", name="Record a position")).to_have_count(0)
    assert_accessible(page)
