"""The charts of an improvement network in a real headless Chromium, scanned by axe-core:
the chart board, a measure's chart for a team with the IHI rules, and the network's lead
adding a phase (first with a date outside the network's period, then a right one)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from districtwise.improvement.models import MeasureValue
from tests import factories as f
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.improvement.matrix import matrix_network
from tests.improvement.test_charts_series import SHIFTED

pytestmark = pytest.mark.browser


@pytest.fixture
def measure(cast: Cast):
    network = matrix_network(cast)
    team = network.teams.get()
    measure = f.MeasureFactory(network=network, name="Courses passed", unit="%")
    for week, value in enumerate(SHIFTED):
        MeasureValue.objects.create(
            measure=measure,
            team=team,
            period_start=dt.date(2025, 9, 1) + dt.timedelta(weeks=week),
            value=value,
        )
    f.CycleFactory(team=team, title="Weekly grade check")
    return measure


def test_the_board_and_a_measures_chart_are_accessible(
    page: Page, live_server, cast: Cast, measure
):
    login_with_cookie(page.context, cast["family"], live_server.url)
    page.goto(f"/improvement/{measure.network.pk}/charts/", timeout=30_000)
    expect(page.get_by_role("heading", name="Outcome measures")).to_be_visible()
    expect(page.get_by_text("Signal", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Courses passed").click()
    page.get_by_label("Chart of", exact=True).select_option(label="North One Elementary team")
    page.get_by_text("IHI (shift, trend, runs, astronomical point)").click()
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("Signal (IHI rules)").first).to_be_visible()
    expect(page.get_by_role("cell", name="Weekly grade check")).to_be_visible()
    assert_accessible(page)


def test_the_lead_adds_a_phase_after_a_refused_date(page: Page, live_server, cast: Cast, measure):
    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    page.goto(f"/improvement/measures/{measure.pk}/chart/", timeout=30_000)
    page.get_by_label("Starts on").fill("2024-05-01")
    page.get_by_label("Label").fill("Grade check adopted")
    page.get_by_role("button", name="Add the phase").click()
    expect(page.get_by_text("is outside the network's period")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Starts on").fill("2025-11-10")
    page.get_by_role("button", name="Add the phase").click()
    expect(page.get_by_text("Phase “Grade check adopted” added.")).to_be_visible()
    expect(page.get_by_text("From November 10, 2025 (Grade check adopted)").first).to_be_visible()
    assert_accessible(page)
