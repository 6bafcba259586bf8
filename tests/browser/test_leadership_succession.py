"""Succession in a real headless Chromium, scanned by axe-core: the superintendent adds a
key position whose incumbent is likely to leave, sees it at risk, names a candidate ready
now and sees the risk go; edits the candidate's plan; reads the pipeline; and a principal
records a teacher-leader role at their school, refused first for hours over 40."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.leadership.matrix import matrix_teacher_leader_role

pytestmark = pytest.mark.browser


def _as(page: Page, live_server, cast: Cast, name: str) -> None:
    login_with_cookie(page.context, cast[name], live_server.url)


def test_a_position_at_risk_until_a_candidate_is_ready_now(page: Page, live_server, cast: Cast):
    _as(page, live_server, cast, "superintendent")
    page.goto("/leadership/", timeout=60_000)
    assert_accessible(page)
    page.get_by_role("link", name="Open succession").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Succession and pipeline")
    assert_accessible(page)

    page.get_by_role("link", name="Add a position").click()
    page.get_by_role("button", name="Add the position").click()
    expect(page.get_by_text("Nothing was saved")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kind of position").select_option(label="Principal")
    page.get_by_label("Title").fill("Principal, North Two Middle")
    page.get_by_label("School").select_option(label="North Two Middle")
    page.get_by_label("Incumbent").select_option(
        label="Principal North 2 Testperson — North Two Middle"
    )
    page.get_by_label("In the post since").fill("2009-08-01")
    page.get_by_label("Expected departure").fill("2005-06-30")
    page.get_by_label("Why they may leave").select_option(label="Eligible to retire")
    page.get_by_label("How likely a departure is").select_option(label="Likely")
    page.get_by_role("button", name="Add the position").click()
    expect(page.get_by_text("before the incumbent took the post").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Expected departure").fill("2026-06-30")
    page.get_by_role("button", name="Add the position").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Principal, North Two Middle")
    expect(page.locator("#risk")).to_have_text("At risk: Departure likely, nobody ready now")
    assert_accessible(page)

    page.get_by_role("link", name="Add a candidate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Add a candidate for Principal, North Two Middle"
    )  # the form has loaded: axe scans it, not the page being left
    assert_accessible(page)
    page.get_by_label("Candidate").select_option(
        label="Coach North 1 Testperson — North One Elementary"
    )
    page.get_by_label("Readiness").select_option(label="Ready now")
    page.get_by_label("Development plan").fill("<b>Leads</b> the reading PLC this spring.")
    page.get_by_role("button", name="Add the candidate").click()
    expect(page.locator("#risk")).to_have_text("Not at risk")
    expect(page.get_by_text("<b>Leads</b> the reading PLC this spring.")).to_be_visible()
    page.get_by_role("link", name="Edit Coach North 1 Testperson's plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Coach North 1 Testperson, candidate for Principal, North Two Middle"
    )
    assert_accessible(page)
    page.get_by_label("Readiness").select_option(label="Ready in 1-2 years")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.locator("#risk")).to_have_text("At risk: Departure likely, nobody ready now")
    page.get_by_role("link", name="Edit the position").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Principal, North Two Middle")
    assert_accessible(page)

    page.goto("/leadership/succession/")
    row = page.get_by_role("row").filter(has_text="Principal, North Two Middle")
    expect(row.get_by_text("At risk", exact=True)).to_be_visible()
    page.get_by_label("At risk").select_option(label="At risk only")
    page.get_by_role("button", name="Show positions").click()
    expect(page.get_by_role("link", name="Principal, North Two Middle")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Pipeline diversity").click()
    expect(page.get_by_text("No student data has been imported").first).to_be_visible()
    assert_accessible(page)


def test_a_principal_records_a_teacher_leader_role(page: Page, live_server, cast: Cast):
    matrix_teacher_leader_role(cast)
    _as(page, live_server, cast, "principal_north_1")
    page.goto("/leadership/teacher-leaders/", timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Teacher leaders")
    assert_accessible(page)
    page.get_by_role("link", name="Record a teacher-leader role").click()
    page.get_by_label("Holder").select_option(
        label="Coach North 1 Testperson — North One Elementary"
    )
    page.locator("#id_kind").select_option(label="Mentor")
    page.get_by_label("Hours a week").fill("45")
    page.get_by_label("School year").fill("2026")
    page.get_by_role("button", name="Record the role").click()
    expect(page.get_by_text("Hours a week cannot be above 40.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Hours a week").fill("3")
    page.get_by_role("button", name="Record the role").click()
    expect(page.get_by_role("cell", name="Mentor", exact=True)).to_be_visible()
    expect(page.get_by_role("row", name="All roles")).to_contain_text("13")
    assert_accessible(page)
