"""The need-weighted allocation in a real headless Chromium, scanned by axe-core: the
cabinet writes a scenario (after a pool typed as currency is refused), reads its gaps,
copies it with other weights, compares the two and adopts one; a principal then reads the
adopted allocation of their school."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.strategy.allocation_fixtures import allocation_audit

pytestmark = pytest.mark.browser


@pytest.fixture
def audit(cast: Cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    return allocation_audit(cast)


def _fill(page: Page, pool: str) -> None:
    page.get_by_label("Name of the scenario").fill("Spec weights")
    page.get_by_label("Pool").fill(pool)


def test_the_cabinet_writes_compares_and_adopts_a_scenario(
    page: Page, live_server, cast: Cast, audit
):
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    # The first page of a fresh live server, and the first chart drawn (the renderer
    # starts), can take longer than the default on a busy machine.
    page.set_default_timeout(30_000)
    page.goto("/strategy/allocation/")
    assert_accessible(page)
    page.get_by_role("link", name="New scenario").click()
    _fill(page, "$1,200")
    page.get_by_role("button", name="Save the scenario").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    expect(page.get_by_text("“$1,200” is not a number").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Pool").fill("1000")
    page.get_by_role("button", name="Save the scenario").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spec weights", timeout=30_000)
    expect(page.get_by_role("cell", name="$525.94").first).to_be_visible()
    expect(page.get_by_role("img", name="Gap per school", exact=False)).to_be_visible()
    expect(page.get_by_role("img", name="Gap per poverty quartile", exact=False)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Copy to try other weights").click()
    page.get_by_label("Name of the scenario").fill("No extra weights")
    for words in (
        "economically disadvantaged students",
        "English learners",
        "students with a disability",
    ):
        page.get_by_label(f"Extra weight for {words}", exact=False).fill("0")
    page.get_by_role("button", name="Save the scenario").click()
    expect(page.get_by_role("cell", name="$571.43").first).to_be_visible()

    page.get_by_role("link", name="Allocation", exact=True).click()
    page.get_by_label("Compare Spec weights").check()
    page.get_by_label("Compare No extra weights").check()
    page.get_by_role("button", name="Compare the chosen scenarios").click()
    expect(page.get_by_role("heading", name="Per school")).to_be_visible()
    expect(page.get_by_role("cell", name="$45.49").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Spec weights").click()
    page.get_by_role("button", name="Adopt for 2025-26").click()
    expect(page.get_by_text("is the adopted allocation of its year")).to_be_visible()
    assert_accessible(page)


def test_a_principal_reads_the_adopted_allocation_of_their_school(
    page: Page, live_server, cast: Cast, audit
):
    from districtwise.strategy.services.allocation import scenario_adopt
    from tests.strategy.allocation_fixtures import new_scenario

    scenario = new_scenario(cast)
    scenario_adopt(actor=cast["superintendent"], district=cast.district, scenario=scenario)
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.set_default_timeout(30_000)
    page.goto("/strategy/allocation/")
    page.get_by_role("link", name="Spec weights").click()
    expect(page.get_by_role("rowheader", name="North One Elementary")).to_be_visible()
    expect(page.get_by_role("cell", name="$298.35").first).to_be_visible()
    assert page.get_by_text("South One High").count() == 0
    assert_accessible(page)
