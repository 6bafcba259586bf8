"""Logging a delivery in a real headless Chromium, scanned by axe-core: a coach starts a
PLC from its teacher group, unticks a teacher who was absent, and finds the log in the
school's list; a refused log says what is wrong next to the field."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from districtwise.supports.models import DeliveryLog
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.supports.logs_fixtures import north_1

pytestmark = pytest.mark.browser


def test_a_coach_logs_a_plc_from_its_group_without_the_absent_teacher(
    page: Page, live_server, cast: Cast
):
    n = north_1(cast)
    login_with_cookie(page.context, cast["coach_north_1"], live_server.url)
    # The first page of a fresh live server can be slow on a busy machine.
    page.goto("/supports/schools/", timeout=30_000)
    page.get_by_role("link", name="Logs of North One Elementary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Delivery logs of North One Elementary"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Log a delivery").click()
    page.get_by_label("Start from a teacher group").select_option(label="Grade 3 team (PLC)")
    page.get_by_label("Roster of the day").fill("2025-10-20")
    page.get_by_role("button", name="Show the roster").click()
    expect(page.get_by_label("Ada Teacher")).to_be_checked()
    expect(page.get_by_label("Ben Teacher")).to_be_checked()
    # The mid-year hire is not on the roster yet that day.
    expect(page.get_by_label("Cy Teacher")).to_have_count(0)
    assert_accessible(page)
    # USWDS draws the box on the label: a person clicks the label.
    page.locator("label", has_text="Ben Teacher").click()
    expect(page.get_by_label("Ben Teacher")).not_to_be_checked()
    page.get_by_label("Notes or minutes").fill("Looked at unit 2 exit tickets")
    page.get_by_role("button", name="Save the log").click()
    expect(page.get_by_text("Delivery logged.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Looked at unit 2 exit tickets")
    expect(row).to_contain_text("2025-10-20")
    expect(row).to_contain_text("Ada Teacher")
    expect(row).not_to_contain_text("Ben Teacher")
    assert_accessible(page)
    log = DeliveryLog.objects.get(notes="Looked at unit 2 exit tickets")
    assert list(log.teachers.all()) == [n.ada] and log.support == n.plc


def test_a_log_with_no_teacher_is_refused_next_to_the_field(page: Page, live_server, cast: Cast):
    north_1(cast)
    login_with_cookie(page.context, cast["coach_north_1"], live_server.url)
    page.goto(f"/supports/schools/{cast.north_1.pk}/logs/new/?on=2025-10-20")
    page.locator("#id_support").select_option(label="PLC")
    page.locator("#id_minutes").fill("45")
    page.get_by_role("button", name="Save the log").click()
    expect(page.get_by_text("Choose at least one teacher who received it.")).to_be_visible()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    assert_accessible(page)
