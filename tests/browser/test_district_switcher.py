"""A person with roles in two districts switches between them from the header."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from districtwise.core.roles import Role
from tests import factories as f
from tests.browser.conftest import assert_accessible, login_through_form
from tests.conftest import Cast

pytestmark = pytest.mark.browser


def switch_to(page: Page, district_name: str) -> None:
    page.get_by_label("District").select_option(label=district_name)
    with page.expect_navigation():
        page.get_by_role("button", name="Switch district").click()


def school_names(page: Page) -> set[str]:
    return set(page.locator("main a[href*='/schools/']").all_inner_texts())


def test_superintendent_switches_to_the_other_district(page: Page, live_server, cast: Cast):
    superintendent = cast["superintendent"]
    person = f.PersonFactory(district=cast.other_district, user=superintendent)
    f.MembershipFactory(person=person, role=Role.SUPERINTENDENT)

    login_through_form(page, "superintendent")
    h1 = page.get_by_role("heading", level=1)
    switcher = page.get_by_label("District")
    assert switcher.is_visible()
    assert_accessible(page)
    names = {"Riverside Unified (test)", "Lakeside Public Schools (test)"}
    assert h1.inner_text() in names
    if h1.inner_text() == "Lakeside Public Schools (test)":
        switch_to(page, "Riverside Unified (test)")

    switch_to(page, "Lakeside Public Schools (test)")

    assert page.url == f"{live_server.url}/"
    assert h1.inner_text() == "Lakeside Public Schools (test)"
    assert page.get_by_role("status").inner_text().strip() == (
        "You are now working in Lakeside Public Schools (test)."
    )
    assert switcher.locator("option:checked").inner_text() == "Lakeside Public Schools (test)"
    assert_accessible(page)

    page.goto("/schools/")
    assert school_names(page) == {"Lakeside Elementary"}

    switch_to(page, "Riverside Unified (test)")
    assert h1.inner_text() == "Riverside Unified (test)"
    page.goto("/schools/")
    assert school_names(page) == {"North One Elementary", "North Two Middle", "South One High"}


def test_switcher_is_absent_for_a_person_of_one_district(page: Page, live_server, cast: Cast):
    login_through_form(page, "superintendent")
    assert page.get_by_role("heading", level=1).inner_text() == "Riverside Unified (test)"
    assert page.get_by_label("District").count() == 0
