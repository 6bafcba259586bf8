"""School adaptations in a real headless Chromium, scanned by axe-core: the principal
writes an adaptation in conflict, sees the conflict, fixes it and submits it; the network
lead finds it in the queue and approves it; the history shows both versions' plans."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from districtwise.supports.models import Adaptation
from tests import factories as f
from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


@pytest.fixture
def plc(cast: Cast):
    return f.SupportFactory(
        district=cast.district,
        owner_department=cast.department,
        code="plc",
        name="Weekly PLC",
        min_occurrences=1,
        period="week",
        min_minutes=45,
        delivered_by=["teacher", "coach"],
        protocol="Looking at student work",
        adaptable="The day and the format.",
    )


def test_a_principal_fixes_a_conflict_and_the_network_lead_approves(
    page: Page, live_server, cast: Cast, plc
):
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    # The first page of a fresh live server is slow on a busy machine.
    page.goto("/supports/", timeout=30_000)
    page.get_by_role("link", name="School adaptations").click()
    page.get_by_role("link", name="North One Elementary").click()
    expect(page.get_by_role("heading", name="Supports at North One Elementary")).to_be_visible()
    assert_accessible(page)

    # Every other week, 30 minutes: outside the nonnegotiable on two counts.
    follow_link(page, "Write the adaptation of Weekly PLC")
    assert_accessible(page)
    page.get_by_label("How many times").fill("2")
    page.get_by_label("Period").select_option("month")
    page.get_by_label("Minutes each time").fill("30")
    page.get_by_label("Teacher or teacher leader").check()
    page.get_by_label("Day(s) and format").fill("Every other Wednesday in the library")
    page.get_by_role("button", name="Save as a draft").click()

    conflicts = page.locator("[data-conflict]")
    expect(conflicts).to_have_count(2)
    expect(conflicts.first).to_contain_text(
        "The school wrote twice per month; the district requires at least once per week."
    )
    expect(page.get_by_role("button", name="Submit for approval")).to_have_count(0)
    assert_accessible(page)

    # Weekly, 45 minutes: inside; now it may be submitted.
    page.get_by_role("link", name="Edit the adaptation of Weekly PLC").click()
    expect(page.get_by_label("Minutes each time")).to_have_value("30")
    page.get_by_label("How many times").fill("1")
    page.get_by_label("Period").select_option("week")
    page.get_by_label("Minutes each time").fill("45")
    page.get_by_label("Day(s) and format").fill("Wednesdays in the library")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.locator("[data-conflict]")).to_have_count(0)
    page.get_by_role("button", name="Submit for approval (Weekly PLC)").click()
    expect(page.get_by_text("Version 1 is sent for approval.")).to_be_visible()
    expect(page.get_by_text("Submitted for approval")).to_be_visible()
    assert_accessible(page)

    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    page.goto("/supports/adaptations/")
    assert_accessible(page)
    page.get_by_role("link", name="Weekly PLC, version 1").click()
    expect(page.get_by_role("cell", name="once per week, 45 minutes each")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Comment to the school").fill("Clear and inside the boundaries.")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Nothing is waiting for you.")).to_be_visible()
    adaptation = Adaptation.objects.get(school=cast.north_1, support=plc)
    assert (adaptation.status, adaptation.reviewed_by) == ("approved", cast["north_lead"])

    page.goto(f"/supports/schools/{cast.north_1.pk}/adaptations/{plc.pk}/history/")
    expect(page.get_by_role("heading", name="Version 1 Approved")).to_be_visible()
    expect(page.get_by_text("Clear and inside the boundaries.")).to_be_visible()
    assert_accessible(page)
