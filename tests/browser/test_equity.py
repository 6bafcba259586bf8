"""The equity audit's pages in a real headless Chromium, scanned by axe-core: the overview,
a dimension page with its charts and tables, the findings, the settings with an error, and
the board report asked for, followed while the worker draws it, and downloaded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from districtwise.data.worker import run_worker
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.data.conftest import demo_files  # noqa: F401  (fixture)
from tests.equity.conftest import figure, store_run

pytestmark = pytest.mark.browser
YEARS = (2025, 2026)


def unit_rows(unit_type: str, unit_id: str, year: int, step: int) -> list[dict]:
    """Suspensions by race and ethnicity (one small group, suppressed for most readers)."""
    rows = []
    for group, count, n in (("BL", 30 + step, 120), ("WH", 10, 300), ("HL", 12, 150), ("AS", 1, 6)):
        rows.append(figure(unit_type, unit_id, "race_ethnicity", group, count, n, school_year=year))
    rows.append(figure(unit_type, unit_id, "all", "all", 53 + step, 576, school_year=year))
    return rows


@pytest.fixture
def audit(cast: Cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    units = [
        ("district", cast.district.code),
        ("network", cast.north.code),
        ("school", cast.north_1.code),
    ]
    rows = [r for y in YEARS for u in units for r in unit_rows(*u, y, y - 2025)]
    return store_run(cast.district, rows)


@pytest.fixture
def real_audit(cast: Cast, settings, tmp_path, demo_files):  # noqa: F811
    """The small generated district (two years) imported into the cast's district and
    audited by the real engine."""
    from districtwise.equity import services
    from tests.data.test_import import run_import

    settings.DATA_DIR = tmp_path / "var"
    assert run_import(demo_files, code=cast.district.code).status == "live"
    return services.audit_compute(district=cast.district)


@pytest.fixture
def steward_page(page: Page, live_server, cast: Cast, real_audit) -> Page:
    login_with_cookie(page.context, cast["data_steward"], live_server.url)
    return page


def test_the_overview_is_accessible(steward_page: Page):
    page = steward_page
    page.goto("/equity/")
    expect(page.get_by_role("heading", name="Dimensions")).to_be_visible()
    expect(page.get_by_role("img").first).to_be_visible()
    assert_accessible(page)


def test_a_dimension_page_with_its_charts_and_tables_is_accessible(steward_page: Page):
    page = steward_page
    page.goto("/equity/discipline/")
    chart = page.get_by_role("img", name="Out-of-school suspension", exact=False).first
    expect(chart).to_be_visible()
    page.get_by_text("The figures as a table").first.click()
    expect(page.get_by_role("table").first).to_be_visible()
    assert_accessible(page)
    # Down to a network, then to one of its schools.
    page.get_by_role("link", name="Network N1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Network N1")
    page.locator("h2:has-text('Look closer') + ul a").first.click()
    expect(page.get_by_role("link", name="Network N1")).to_be_visible()  # the way back up
    assert_accessible(page)
    page.goto("/equity/resource/")
    expect(
        page.get_by_role("img", name="Spending per pupil by school poverty quartile")
    ).to_be_visible()
    assert_accessible(page)


def test_the_findings_are_accessible(steward_page: Page):
    page = steward_page
    page.goto("/equity/findings/")
    page.get_by_label("Dimension").select_option("achievement")
    page.get_by_role("button", name="Show findings").click()
    expect(page.locator(".dw-finding").first).to_be_visible()
    assert_accessible(page)
    page.locator(".dw-finding a").first.click()
    expect(page).to_have_url(re.compile(r"/equity/achievement/.*#m-"))
    assert_accessible(page)


def test_the_settings_with_an_error_are_accessible(steward_page: Page):
    page = steward_page
    page.goto("/equity/settings/")
    page.get_by_label("Risk ratio threshold").fill("0.5")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    assert_accessible(page)


def test_a_principal_sees_suppressed_figures_accessibly(page: Page, live_server, cast: Cast, audit):
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    page.goto("/equity/discipline/")
    page.get_by_text("The figures as a table").first.click()
    expect(page.get_by_role("cell", name="suppressed").first).to_be_visible()
    assert_accessible(page)


def test_a_principal_asks_for_the_board_report_and_downloads_it(
    page: Page, live_server, cast: Cast, audit
):
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    # The first page of a fresh live server draws its charts cold (the chart renderer
    # starts): on a busy machine that alone can take longer than the default 10 s.
    page.goto("/equity/", timeout=30_000)
    page.get_by_role("button", name="board report (PDF)").click()
    expect(page.get_by_role("heading", name="Equity audit board report, 2025-26")).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    assert_accessible(page)
    run_worker(once=True, say=lambda _: None)
    # The page polls for progress and reloads itself when the report is drawn.
    expect(page.get_by_role("heading", name="Your board report is ready")).to_be_visible(
        timeout=15_000
    )
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the board report").click()
    assert download.value.suggested_filename == f"equity-board-report-{cast.district.code}-2026.pdf"
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
