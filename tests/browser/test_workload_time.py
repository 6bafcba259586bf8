"""Principals' time use in a real headless Chromium, scanned by axe-core: a principal
fills part of last week in the week view (half hours and a range), saves, and reads the
summary against the district's goal."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


def test_a_principal_fills_part_of_a_week_and_sees_it_against_the_goal(
    page: Page, live_server, cast: Cast
):
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto("/workload/time/", timeout=30_000)
    expect(page.get_by_role("heading", name="Principals' time use")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="week view").click()
    page.get_by_role("link", name="Previous week").click()  # a week wholly in the past
    expect(page.get_by_role("heading", name="Week of")).to_be_visible()
    assert_accessible(page)
    # Monday: an hour of instructional leadership, then half an hour of operations.
    page.get_by_label("Monday 08:00 to 08:30", exact=True).select_option("instructional")
    page.get_by_label("Monday 08:30 to 09:00", exact=True).select_option("instructional")
    page.get_by_label("Monday 09:00 to 09:30", exact=True).select_option("operations")
    # Tuesday: three hours in one range.
    page.get_by_label("Range 1: Day").select_option(index=2)
    page.get_by_label("Range 1: From").fill("07:00")
    page.get_by_label("Range 1: To").fill("10:00")
    page.get_by_label("Range 1: Category").select_option("instructional")
    page.get_by_role("button", name="Save the week").click()

    # 4 h of instructional leadership out of 4.5 h logged: 88.9 %, 38.9 points over 50 %.
    expect(
        page.get_by_role("heading", name="Time use: Principal North 1 Testperson")
    ).to_be_visible()
    table = page.locator("#time-weeks-table")
    expect(table.get_by_role("row").filter(has_text="88.9 %")).to_contain_text(
        "meets the goal (+38.9 points)"
    )
    expect(page.get_by_role("img", name="Instructional share by week")).to_be_visible()
    assert_accessible(page)
