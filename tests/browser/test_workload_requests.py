"""The data-request registry in a real headless Chromium, scanned by axe-core: the data
steward reviews an overlap proposal and consolidates it; the principal's inbox then shows
one request where there were two. Also the request form refusing a past due date, the
vocabulary, the held fields and the hours saved with its chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests import factories as f
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


@pytest.fixture
def registry(cast: Cast):
    """Two departments ask every school monthly for reading scores (under two names);
    one also asks for English learner status, which the enrollment file holds."""
    data_team = f.DepartmentFactory(district=cast.district, name="Data and Assessment")
    reading = f.RequestFieldFactory(
        district=cast.district, name="Reading benchmark score", synonyms=["ORF score"]
    )
    ell = f.RequestFieldFactory(
        district=cast.district,
        name="English learner status",
        held_file="enrollments.csv",
        held_column="english_learner",
    )
    ours = f.DataRequestFactory(department=cast.department, title="Monthly reading benchmarks")
    f.DataRequestLineFactory(request=ours, field=reading)
    theirs = f.DataRequestFactory(department=data_team, title="Reading screener data")
    f.DataRequestLineFactory(request=theirs, field=reading, text="ORF score")
    f.DataRequestLineFactory(request=theirs, field=ell, text="EL indicator", position=1)
    return ours, theirs


def test_the_data_steward_consolidates_and_the_principal_then_sees_one_request(
    page: Page, live_server, cast: Cast, registry
):
    # A shared, busy machine: the first pages of a fresh live server can be slow.
    page.set_default_timeout(30_000)
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto(f"/workload/requests/schools/{cast.north_1.pk}/")
    expect(page.get_by_role("link", name="Monthly reading benchmarks")).to_be_visible()
    expect(page.get_by_role("link", name="Reading screener data")).to_be_visible()
    assert_accessible(page)

    login_with_cookie(page.context, cast["data_steward"], live_server.url)
    page.goto("/workload/requests/")
    page.get_by_role("link", name="Overlaps").click()
    proposal = page.get_by_role("region", name="Proposal 1")
    expect(proposal).to_contain_text("Data and Assessment, Teaching and Learning")
    expect(proposal).to_contain_text("English learner status")  # left out: held
    assert_accessible(page)
    page.get_by_label("Title of the consolidated request").fill("Reading benchmark, once a month")
    page.get_by_role("button", name="Consolidate these 2 requests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading benchmark, once a month")
    expect(page.get_by_text("schools now see one request")).to_be_visible()
    expect(page.get_by_role("link", name="Reading screener data")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Hours saved").click()
    expect(page.get_by_role("img", name="Hours a year saved, by department")).to_be_attached()
    page.get_by_text("Show as a table").click()
    expect(page.get_by_role("cell", name="Data and Assessment").first).to_be_visible()
    assert_accessible(page)

    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto(f"/workload/requests/schools/{cast.north_1.pk}/")
    expect(page.get_by_role("link", name="Reading benchmark, once a month")).to_be_visible()
    expect(page.get_by_role("link", name="Reading screener data")).to_have_count(0)
    expect(page.get_by_role("link", name="Monthly reading benchmarks")).to_have_count(0)
    assert_accessible(page)


def test_a_department_lead_is_told_what_is_wrong_with_a_request(
    page: Page, live_server, cast: Cast, registry
):
    page.set_default_timeout(30_000)
    login_with_cookie(page.context, cast["department_lead"], live_server.url)
    page.goto("/workload/requests/")
    page.get_by_role("link", name="Register a request").click()
    page.get_by_label("Title").fill("Family contact details")
    page.get_by_label("First due date").fill("2020-01-06")
    page.locator("label", has_text="A list of schools").click()  # USWDS hides the input
    page.get_by_role("button", name="Save the request").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    expect(page.get_by_text("is before today").first).to_be_visible()
    expect(page.get_by_text("Choose at least one school").first).to_be_visible()
    expect(page.get_by_text("Write at least one field").first).to_be_visible()
    assert_accessible(page)
    page.goto("/workload/requests/fields/")
    expect(page.get_by_role("cell", name="enrollments.csv — english_learner")).to_be_visible()
    assert_accessible(page)
    page.goto("/workload/requests/held/")
    expect(page.get_by_role("link", name="Reading screener data")).to_be_visible()
    assert_accessible(page)
