"""After logging in through the form, each person sees exactly the schools of their role."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import login_through_form

pytestmark = pytest.mark.browser

ALL_SCHOOLS = {"North One Elementary", "North Two Middle", "South One High", "Lakeside Elementary"}


def school_links_in_main(page: Page) -> set[str]:
    return set(page.locator("main a[href*='/schools/']").all_inner_texts())


def assert_sees_exactly(page: Page, expected: set[str]) -> None:
    assert school_links_in_main(page) == expected
    text = page.locator("body").inner_text()
    for unseen in ALL_SCHOOLS - expected:
        assert unseen not in text, f"{unseen} leaks into {page.url}"


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("principal_north_1", {"North One Elementary"}),
        ("north_lead", {"North One Elementary", "North Two Middle"}),
    ],
)
def test_home_and_schools_page_show_only_the_schools_in_view(
    page: Page, live_server, cast, username, expected
):
    login_through_form(page, username)
    assert page.url == f"{live_server.url}/"
    assert_sees_exactly(page, expected)

    page.get_by_role("navigation", name="Capabilities").get_by_role("link", name="Schools").click()
    page.wait_for_url("**/schools/")
    assert page.get_by_role("heading", level=1).inner_text() == "Schools"
    assert_sees_exactly(page, expected)
    n = len(expected)
    assert page.get_by_text(f"{n} school{'s' if n > 1 else ''} in your view.").is_visible()
