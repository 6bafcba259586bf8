"""A data steward imports the district's files in the browser and follows the import."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from districtwise.data.worker import run_worker
from districtwise.demo.files import generate_district_files
from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def extract(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("extract")
    generate_district_files(folder, seed=21, students=300, years=2)
    (folder / "manifest.json").unlink()
    return folder


@pytest.fixture
def steward_page(page: Page, live_server, cast: Cast, settings, tmp_path) -> Page:
    settings.DATA_DIR = tmp_path / "var"
    login_with_cookie(page.context, cast["data_steward"], live_server.url)
    return page


def upload(page: Page, folder: Path) -> None:
    page.goto("/data/")
    assert_accessible(page)
    follow_link(page, "Import files")
    assert_accessible(page)
    page.set_input_files("#id_upload", sorted(str(p) for p in folder.glob("*.csv")))
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator("progress")).to_be_visible()
    assert_accessible(page)


def test_the_steward_imports_files_and_watches_them_go_live(steward_page: Page, extract):
    page = steward_page
    upload(page, extract)
    run_worker(once=True, say=lambda _: None)
    # The page polls for progress and reloads itself when the import is done.
    expect(page.get_by_role("heading", name="Live")).to_be_visible(timeout=15_000)
    assert_accessible(page)
    page.get_by_role("link", name="See the report").click()
    expect(page.get_by_role("heading", name="Rows per file")).to_be_visible()
    assert_accessible(page)
    page.goto("/data/")
    expect(page.get_by_role("heading", name="School year 2025-26")).to_be_visible()
    chart = page.get_by_role("img", name="Students enrolled per school year")
    expect(chart).to_be_visible()
    assert_accessible(page)


def test_a_rejected_import_lists_its_problems(steward_page: Page, extract, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(extract, broken)
    enrollments = broken / "enrollments.csv"
    enrollments.write_text(enrollments.read_text().replace(",2026,", ",20X6,", 3))
    page = steward_page
    upload(page, broken)
    run_worker(once=True, say=lambda _: None)
    expect(page.get_by_role("heading", name="Rejected: the files have errors")).to_be_visible(
        timeout=15_000
    )
    page.get_by_role("link", name="See the report").click()
    expect(page.get_by_role("heading", name="Errors: these block the import")).to_be_visible()
    expect(page.get_by_role("link", name="Download the problems as CSV")).to_be_visible()
    assert_accessible(page)
