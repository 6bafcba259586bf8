"""Measures of an improvement network in a real headless Chromium, scanned by axe-core:
a lead adds a p-chart measure, a team member fills two weeks in the grid (a numerator
over its denominator first, refused on its row, then right), pastes a sheet with a wrong
date (refused with the week it falls in), and reads the values back on the measure."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from districtwise.improvement.models import MeasureValue
from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast
from tests.improvement.matrix import matrix_network, matrix_team

pytestmark = pytest.mark.browser


def test_a_lead_adds_a_measure_and_a_team_member_enters_its_values(
    page: Page, live_server, cast: Cast
):
    network = matrix_network(cast)
    team = matrix_team(cast)
    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    page.goto(f"/improvement/{network.pk}/measures/", timeout=30_000)
    assert_accessible(page)
    follow_link(page, "Add a measure")
    assert_accessible(page)
    page.get_by_label("Name").fill("Ninth graders on track")
    page.get_by_label("Kind").select_option("outcome")
    page.get_by_label("Operational definition").fill(
        "Ninth graders with no failing grade at the Monday grade pull."
    )
    page.get_by_label("Chart").select_option("p")
    page.get_by_role("button", name="Save the measure").click()
    expect(page.get_by_role("heading", name="Ninth graders on track")).to_be_visible()
    assert_accessible(page)
    measure = network.measures.get()

    page.context.clear_cookies()
    login_with_cookie(page.context, cast["coach_north_1"], live_server.url)
    page.goto(f"/improvement/measures/{measure.pk}/teams/{team.pk}/values/")
    assert_accessible(page)
    page.get_by_label("Numerator, period starting October 6, 2025").fill("51")
    page.get_by_label("Denominator, period starting October 6, 2025").fill("50")
    page.get_by_role("button", name="Save the values").click()
    expect(page.get_by_text("more than the denominator")).to_be_visible()
    assert_accessible(page)
    assert not MeasureValue.objects.exists()
    page.get_by_label("Numerator, period starting October 6, 2025").fill("37")
    page.get_by_label("Numerator, period starting October 13, 2025").fill("40")
    page.get_by_label("Denominator, period starting October 13, 2025").fill("50")
    page.get_by_role("button", name="Save the values").click()
    expect(page.get_by_role("cell", name="74.0% (37 of 50)")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Paste or upload a CSV file of values").click()
    page.get_by_label("Paste values").fill(
        f"school_code,period_start,numerator,denominator\n{cast.north_1.code},2025-10-22,9,10\n"
    )
    page.get_by_role("button", name="Check and save the values").click()
    expect(page.get_by_text("week starting 2025-10-20")).to_be_visible()
    assert_accessible(page)
    assert MeasureValue.objects.count() == 2
