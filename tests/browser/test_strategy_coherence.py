"""The coherence view in a real headless Chromium, scanned by axe-core: the superintendent
reads the counts and the findings, opens a chart's table, follows a finding to the
initiative behind it; a principal sees their own school's part."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.strategy.coherence_fixtures import audit_with_enrolment, troubled_plan  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("troubled_plan")]


def test_the_superintendent_reads_the_findings_and_follows_one(page: Page, live_server, cast: Cast):
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    # The first page of a fresh live server draws its charts cold (the renderer starts).
    page.goto("/strategy/coherence/", timeout=30_000)
    expect(page.get_by_role("heading", name="6 findings")).to_be_visible()
    counts = page.get_by_role("table", name="Findings by kind")
    expect(
        counts.get_by_role("row", name=re.compile("Candidates for strategic abandonment"))
    ).to_contain_text("1")
    expect(page.get_by_role("img", name=re.compile("Initiatives per school"))).to_be_visible()
    page.get_by_text("Initiatives per school as a table").click()
    expect(page.get_by_role("table", name=re.compile("against the limit of 1"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Candidates for strategic abandonment").click()
    abandonment = page.locator("section[aria-labelledby='kind-abandonment']")
    abandonment.get_by_role("link", name="I3 Robotics club").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("I3 Robotics club")
    assert_accessible(page)


@pytest.mark.usefixtures("audit_with_enrolment")
def test_a_principal_sees_the_matrices_of_their_own_school(page: Page, live_server, cast: Cast):
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto("/strategy/coherence/", timeout=30_000)
    schools = page.get_by_role("table", name=re.compile("Which initiative runs in which school"))
    expect(schools.get_by_role("rowheader")).to_have_count(1)
    expect(schools.get_by_role("rowheader")).to_have_text("North One Elementary")
    expect(schools).to_contain_text("(over the limit)")
    goals = page.get_by_role("table", name=re.compile("Which initiative serves which goal"))
    expect(goals.get_by_role("columnheader", name="I1")).to_be_visible()
    expect(page.get_by_text("Robotics club")).to_have_count(0)
    assert_accessible(page)
