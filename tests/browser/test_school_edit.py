"""A superintendent edits a school's profile in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser


def open_edit_form(page: Page, live_server, cast: Cast) -> None:
    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    page.goto(f"/schools/{cast.north_1.pk}/")
    page.get_by_role("link", name="Edit school").click()
    page.wait_for_url(f"**/schools/{cast.north_1.pk}/edit/")


def save(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()


def test_the_form_shows_the_stored_title_i_and_a_rename_keeps_it(
    page: Page, live_server, cast: Cast
):
    cast.north_1.title_i = True
    cast.north_1.save()
    open_edit_form(page, live_server, cast)
    title_i = page.get_by_label("School-wide Title I")
    assert title_i.locator("option:checked").inner_text() == "Yes"

    page.locator("#id_name").fill("North One Elementary School")
    save(page)

    assert page.url.endswith(f"/schools/{cast.north_1.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "North One Elementary School"
    assert "School-wide Title I\nYes" in page.locator("dl.dw-facts").inner_text()


def test_a_rename_shows_in_the_school_history(page: Page, live_server, cast: Cast):
    open_edit_form(page, live_server, cast)
    page.locator("#id_name").fill("North One Elementary School")
    save(page)

    history = page.get_by_role("table", name="Changes to North One Elementary School")
    assert "North One Elementary → North One Elementary School" in history.inner_text(timeout=2_000)


def test_title_i_can_be_set_back_to_unknown(page: Page, live_server, cast: Cast):
    open_edit_form(page, live_server, cast)
    page.get_by_label("School-wide Title I").select_option(label="Unknown")
    save(page)

    assert page.get_by_role("heading", level=1).inner_text() == "North One Elementary"
    assert "School-wide Title I\nUnknown" in page.locator("dl.dw-facts").inner_text()
