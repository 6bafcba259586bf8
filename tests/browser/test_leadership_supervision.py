"""Principal supervision in a real headless Chromium, scanned by axe-core: the north lead
opens the caseload (North Two flagged, never visited), plans a visit to North One, finds it
on the calendar, completes it with feedback, sets a growth goal; the principal reads the
feedback on their own page and adds a progress note."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from districtwise.leadership.models import GrowthGoal, SchoolVisit
from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser
FEEDBACK = "Your team meeting kept to student work; name one next step at the end."


def as_user(page: Page, cast: Cast, name: str, live_server, path: str) -> None:
    login_with_cookie(page.context, cast[name], live_server.url)
    page.goto(path, timeout=30_000)


def plan_visit(page: Page, day: dt.date) -> None:
    page.get_by_role("link", name="Plan a visit").first.click()
    expect(page.get_by_role("heading", name="Plan a visit")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("School").select_option(label="North One Elementary")
    page.get_by_label(re.compile("^Principal")).select_option(
        label="Principal North 1 Testperson — North One Elementary"
    )
    page.get_by_label("Day of the visit").fill(day.isoformat())
    page.get_by_label(re.compile("^Focus")).select_option(label="Teacher teams and collaboration")
    page.get_by_role("button", name="Plan the visit").click()
    expect(
        page.get_by_role("heading", name="Principal North 1 Testperson: supervision")
    ).to_be_visible()
    assert_accessible(page)


def complete_visit(page: Page) -> None:
    page.get_by_role("link", name="Complete the visit").click()
    expect(page.get_by_role("heading", name="Record the visit")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save and complete the visit").click()
    expect(page.get_by_text("Write the feedback the principal was given.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Evidence seen").fill("A grade-4 team looking at essays.")
    page.get_by_label("Feedback given").fill(FEEDBACK)
    page.get_by_role("button", name="Save and complete the visit").click()
    expect(page.locator("#visits")).to_contain_text("Completed")


def set_goal(page: Page) -> None:
    follow_link(page, "Set a growth goal")
    assert_accessible(page)
    page.get_by_label(re.compile("^Goal")).fill("Every team looks at student work twice a month.")
    page.get_by_label("Area of leadership").select_option(label="Building professional community")
    page.get_by_role("button", name="Save the goal").click()
    expect(page.get_by_text("Every team looks at student work twice a month.")).to_be_visible()
    follow_link(page, "Edit the goal")
    assert_accessible(page)
    page.go_back()


def test_a_lead_plans_and_completes_a_visit_and_the_principal_reads_the_feedback(
    page: Page, live_server, cast: Cast
):
    as_user(page, cast, "north_lead", live_server, "/leadership/")
    assert_accessible(page)
    page.get_by_role("link", name="Caseload").first.click()
    expect(page.get_by_role("heading", name="Caseload: North Network")).to_be_visible()
    expect(page.locator("#caseload").get_by_role("row", name="Principal North 2")).to_contain_text(
        "Over 45 days"
    )
    assert_accessible(page)
    today = timezone.localdate()
    plan_visit(page, today)

    page.get_by_role("link", name="Visit calendar").first.click()
    expect(page.get_by_role("heading", name=f"Visit calendar: {today:%B %Y}")).to_be_visible()
    cell = page.locator(f'td[data-day="{today.isoformat()}"]')
    expect(cell.get_by_role("link", name="North One Elementary")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Next month").click()
    expect(page.get_by_role("heading", name="Visit calendar")).not_to_contain_text(f"{today:%B %Y}")
    page.go_back()
    cell.get_by_role("link", name="North One Elementary").click()

    complete_visit(page)
    set_goal(page)
    visit = SchoolVisit.objects.get()
    assert visit.status == SchoolVisit.Status.COMPLETED
    page.goto(f"/leadership/supervision/visits/{visit.pk}/edit/")
    expect(page.get_by_role("heading", name="Edit the visit")).to_be_visible()
    assert_accessible(page)

    as_user(page, cast, "principal_north_1", live_server, "/leadership/supervision/mine/")
    expect(page.locator("#completed-visits")).to_contain_text(FEEDBACK)
    assert_accessible(page)
    follow_link(page, "Add a progress note")
    assert_accessible(page)
    page.get_by_label("Progress note").fill("Two teams now bring essays to every meeting.")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("Two teams now bring essays to every meeting.")).to_be_visible()
    assert GrowthGoal.objects.get().notes.count() == 1
    page.goto("/leadership/supervision/calendar/")
    expect(page.locator("#calendar-list")).to_contain_text("North One Elementary")
    assert_accessible(page)
