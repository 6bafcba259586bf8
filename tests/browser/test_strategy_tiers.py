"""The support tiers' pages in a real headless Chromium, scanned by axe-core: the overview
with its chart and table, a school's placement explained, the rules editor refusing bad
weights, and the superintendent's override."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from districtwise.strategy.services import tiers as services
from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast
from tests.strategy.tiers_data import RULES, store_tier_audit

pytestmark = pytest.mark.browser


@pytest.fixture
def placed(cast: Cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    services.tier_rules_update(actor=cast["superintendent"], district=cast.district, **RULES)
    store_tier_audit(cast)
    return services.tier_placements_refresh(district=cast.district)


@pytest.fixture
def superintendent_page(page: Page, live_server, cast: Cast, placed) -> Page:
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    # The live server's first answer loads the project's modules: on a busy machine that
    # takes longer than the per-step timeout, which is for the pages themselves.
    page.goto("/strategy/", timeout=60_000)
    return page


def test_the_overview_and_a_schools_explanation_are_accessible(superintendent_page: Page):
    page = superintendent_page
    page.goto("/strategy/tiers/")
    expect(page.get_by_role("heading", name="Tier 3: Intensive")).to_be_visible()
    expect(page.get_by_role("img", name="Schools per tier", exact=False)).to_be_visible()
    page.get_by_text("Show as a table").click()
    expect(page.get_by_role("table", name="Schools per tier")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="North Two Middle").click()
    expect(page.get_by_role("heading", name="How the score was computed")).to_be_visible()
    expect(page.get_by_text("no staff.csv was imported")).to_be_visible()
    assert_accessible(page)


def test_the_rules_editor_refuses_weights_that_do_not_add_up(superintendent_page: Page):
    page = superintendent_page
    page.goto("/strategy/tiers/rules/")
    page.get_by_label("Weight of Chronic absence rate").fill("55")
    page.get_by_role("button", name="Save the rules").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    expect(page.get_by_text("The weights add up to 115 %", exact=False)).to_be_visible()
    assert_accessible(page)


def test_the_superintendent_overrides_a_tier_with_a_reason(superintendent_page: Page, cast: Cast):
    page = superintendent_page
    page.goto(f"/strategy/tiers/schools/{cast.south_1.pk}/")
    follow_link(page, "Place in another tier")
    assert_accessible(page)
    page.get_by_label("Tier").select_option("3")
    page.get_by_label("Reason").fill("A new principal and a falling ninth grade")
    page.get_by_role("button", name="Set the tier").click()
    expect(page.get_by_text("A new principal and a falling ninth grade")).to_be_visible()
    expect(page.get_by_text("Tier 1, need score 5.00", exact=False)).to_be_visible()
    assert_accessible(page)
