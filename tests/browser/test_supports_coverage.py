"""Coverage in a real headless Chromium, scanned by axe-core: the heat map page (its SVG,
legend and table), a principal computing coverage again, and the school page with the
teachers going without, new teachers first."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests import factories as f
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.supports.coverage_world import coverage_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(cast: Cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    f.SchoolYearFactory(
        district=cast.district,
        year=2026,
        starts_on=dt.date(2025, 8, 18),
        ends_on=dt.date(2026, 6, 10),
        is_current=True,
    )
    return coverage_world(cast)


def test_the_heat_map_and_the_school_page_are_accessible(
    page: Page, live_server, cast: Cast, world
):
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto("/supports/coverage/", timeout=30_000)
    heat_map = page.get_by_role("img", name="Share of entitled teachers meeting each support")
    expect(heat_map).to_be_visible()
    expect(page.get_by_text("under 20 %")).to_be_visible()  # the legend
    page.get_by_text("Show as a table").click()
    table = page.get_by_role("table", name="Share of entitled teachers meeting each support")
    expect(table.get_by_role("row", name="North One Elementary")).to_contain_text("33 % (1 of 3)")
    assert_accessible(page)

    page.get_by_role("button", name="Compute coverage now").click()
    expect(page.get_by_text("Coverage computed from 18 August 2025")).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Show as a table").click()
    page.get_by_role("link", name="North One Elementary").click()
    expect(page.get_by_role("heading", name="Coverage at North One Elementary")).to_be_visible()
    going = page.get_by_role("table", name="Teachers going without, new teachers first")
    rows = going.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Dunn, Cleo")
    expect(rows.nth(2)).to_contain_text("Carter, Ben")
    assert_accessible(page)
