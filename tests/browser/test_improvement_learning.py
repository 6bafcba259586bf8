"""Network learning in a real headless Chromium, scanned by axe-core: the ideas by schools
matrix with its spread chart, a family member writing in the learning log (an empty entry
first, then a real one), and the month's meeting summary with its month picker."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests import factories as f
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.improvement.matrix import matrix_network

pytestmark = pytest.mark.browser


@pytest.fixture
def network(cast: Cast):
    network = matrix_network(cast)
    north_1 = network.teams.get()
    south_1 = f.TeamFactory(network=network, school=cast.south_1)
    calls = f.ChangeIdeaFactory(network=network, title="Morning calls home")
    f.CycleFactory(
        team=north_1,
        change_idea=calls,
        planned_start=dt.date(2025, 10, 1),
        stage="closed",
        decision="adopt",
        closed_on=dt.date(2025, 10, 20),
    )
    f.CycleFactory(team=south_1, change_idea=calls, planned_start=dt.date(2025, 10, 8))
    return network


def test_the_matrix_and_the_spread_are_accessible(page: Page, live_server, cast: Cast, network):
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto(f"/improvement/{network.pk}/learning/", timeout=60_000)
    matrix = page.get_by_role("table", name="Cycles run and the latest decision")
    expect(matrix.get_by_role("rowheader", name="Morning calls home")).to_be_visible()
    expect(matrix.locator(".dw-decision--adopt")).to_have_text("✓ Adopt")
    expect(page.get_by_role("img", name="Spread of the change ideas")).to_be_visible()
    expect(page.get_by_role("cell", name="19 days")).to_be_visible()
    assert_accessible(page)


def test_a_family_member_writes_in_the_log(page: Page, live_server, cast: Cast, network):
    login_with_cookie(page.context, cast["family"], live_server.url)
    page.goto(f"/improvement/{network.pk}/learning/log/", timeout=60_000)
    page.get_by_label("Day").fill("2025-10-21")
    page.get_by_role("button", name="Write it").click()
    expect(page.get_by_text("the entry is empty")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What the network learned").fill("Parents answer before the bus.")
    page.get_by_label("Change idea (optional)").select_option(label="Morning calls home")
    page.get_by_role("button", name="Write it").click()
    expect(page.get_by_text("Written in the learning log.")).to_be_visible()
    expect(page.get_by_text("Parents answer before the bus.")).to_be_visible()
    assert_accessible(page)


def test_the_meeting_summary_and_its_month_picker(page: Page, live_server, cast: Cast, network):
    login_with_cookie(page.context, cast["coach_north_1"], live_server.url)
    page.goto(f"/improvement/{network.pk}/learning/summary/?month=2025-09", timeout=60_000)
    expect(page.get_by_text("No cycle ran in September 2025.")).to_be_visible()
    page.get_by_role("link", name="Next month").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("October 2025")
    expect(page.get_by_text("2 cycles ran at 2 schools on 1 change idea")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/improvement/{network.pk}/learning/summary/?month=October")
    expect(page.get_by_text("is not a month")).to_be_visible()
    assert_accessible(page)
