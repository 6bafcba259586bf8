"""School needs in a real headless Chromium, every page scanned by axe-core: South One's
principal records a mental-health need in the real form (an empty description is refused
first, the rest kept), the school page and the needs map show it as a gap in the matrix
and on the map, the list finds it; the partner opens its own map and school page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.community.matrix import matrix_partnership, matrix_school_need
from tests.conftest import Cast

pytestmark = pytest.mark.browser


@pytest.fixture
def placed(cast: Cast):
    """Two schools with a location, one without; the partner tutors at South One."""
    for school, lat, lon in ((cast.north_1, 45.52, -122.68), (cast.south_1, 45.43, -122.55)):
        school.latitude, school.longitude = lat, lon
        school.save()
    matrix_partnership(cast)
    matrix_school_need(cast)  # South One's tutoring need, met by the partner


def test_a_principal_records_a_need_and_the_map_shows_it_unmet(
    page: Page, live_server, cast: Cast, placed
):
    login_with_cookie(page.context, cast["principal_south_1"], live_server.url)
    page.goto("/community/needs/new/", timeout=30_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a need")
    assert_accessible(page)

    page.get_by_label("Category").select_option("mental_health")
    page.get_by_label("Priority").select_option("high")
    page.get_by_label("Students affected (estimate)").fill("35")
    page.get_by_role("button", name="Record the need").click()
    expect(page.get_by_role("heading", name="The need was not saved")).to_be_visible()
    expect(page.get_by_label("Students affected (estimate)")).to_have_value("35")
    assert_accessible(page)

    page.get_by_label("What the school needs").fill("Counselling for students after a hard year.")
    page.get_by_role("button", name="Record the need").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs of South One High")
    expect(
        page.get_by_text("Mental health (high priority, 35 students): no partner meets it.")
    ).to_be_visible()
    assert_accessible(page)

    page.goto("/community/needs/map/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs map")
    matrix = page.get_by_role("table", name="Needs and services per school and category")
    row = matrix.get_by_role("row", name="South One High")
    expect(row.get_by_role("cell", name="✗ gap")).to_be_visible()
    expect(row.get_by_role("cell", name="✓ met")).to_be_visible()
    expect(
        page.get_by_role("img", name="Schools by location, marked with their unmet needs")
    ).to_be_visible()
    assert_accessible(page)

    page.goto("/community/needs/?met=unmet")
    expect(
        page.get_by_role("cell", name="Counselling for students after a hard year.")
    ).to_be_visible()
    assert_accessible(page)

    page.goto("/community/")
    page.get_by_role("link", name="Needs map").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs map")


def test_the_change_form_and_the_superintendents_map_are_accessible(
    page: Page, live_server, cast: Cast, placed
):
    need = matrix_school_need(cast)
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    page.goto(f"/community/needs/{need.pk}/edit/", timeout=30_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Change a need")
    assert_accessible(page)
    page.goto("/community/needs/map/")
    expect(page.get_by_text("Not on the map, as no location is recorded")).to_be_visible()
    assert_accessible(page)


def test_the_partner_sees_its_school_on_its_map(page: Page, live_server, cast: Cast, placed):
    login_with_cookie(page.context, cast["partner"], live_server.url)
    page.goto("/community/needs/map/", timeout=30_000)
    matrix = page.get_by_role("table", name="Needs and services per school and category")
    expect(matrix.get_by_role("row")).to_have_count(2)  # the header and South One
    assert_accessible(page)
    page.get_by_role("link", name="South One High").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs of South One High")
    assert_accessible(page)
    page.goto("/community/needs/")
    assert_accessible(page)
