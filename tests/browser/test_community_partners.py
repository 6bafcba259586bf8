"""Partners and partnerships in a real headless Chromium, scanned by axe-core: a manager
records a partnership with a service at South One, the partner logs in, logs a delivery
and sees the health bar move; the directory, contact, review and health pages; the
delivery form with its errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from districtwise.community.models import Partnership
from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser
TITLE = "Homework help at South One"


def as_user(page: Page, cast: Cast, name: str, live_server, path: str) -> None:
    login_with_cookie(page.context, cast[name], live_server.url)
    page.goto(path, timeout=30_000)


def tick(page: Page, label: str) -> None:
    """Tick a USWDS checkbox by its label, as a person does."""
    page.locator("label").filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
    expect(page.get_by_label(label, exact=True)).to_be_checked()


def record_partnership(page: Page) -> None:
    page.get_by_role("link", name="Record a partnership").click()
    expect(page.get_by_role("heading", name="Record a partnership")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_partner").select_option(label="Riverside Youth Services")
    page.locator("#id_title").fill(TITLE)
    page.get_by_label("Shared goals").fill("Students finish their homework with help at hand.")
    page.get_by_label("The agreement starts on").fill("2026-08-01")
    page.get_by_label("The agreement ends on").fill("2027-06-30")
    tick(page, "South One High")
    page.get_by_role("button", name="Save the partnership").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert_accessible(page)


def add_service(page: Page) -> None:
    follow_link(page, "Add a service")
    assert_accessible(page)
    page.get_by_label("Category").select_option(label="Tutoring")
    page.locator("#id_name").fill("Homework club")
    page.get_by_label("Students or families it commits to reach").fill("50")
    page.get_by_label("Sessions it commits to").fill("20")
    page.get_by_role("button", name="Save the service").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator("#health-chart svg desc")).to_contain_text(
        "Homework club: 0 of 20 sessions, 0 of 50 students."
    )


def log_delivery(page: Page, school: str, sessions: str) -> None:
    page.get_by_role("link", name="Log a delivery").click()
    expect(page.get_by_text("Counts only")).to_be_visible()
    page.locator("#id_service").select_option(label="Homework club (Tutoring)")
    page.get_by_label("School").select_option(label=school)
    page.get_by_label("What was delivered").fill("Homework club, grades 9 and 10")
    page.get_by_label("Students reached").fill("10")
    page.locator("#id_sessions").fill(sessions)
    page.get_by_role("button", name="Log the delivery").click()


def test_a_partnership_is_recorded_and_its_partner_logs_a_delivery_that_moves_the_bar(
    page: Page, live_server, cast: Cast
):
    as_user(page, cast, "superintendent", live_server, "/community/partnerships/")
    assert_accessible(page)
    record_partnership(page)
    add_service(page)
    partnership = Partnership.objects.get(title=TITLE)
    path = f"/community/partnerships/{partnership.pk}/"

    as_user(page, cast, "partner", live_server, "/community/")
    assert_accessible(page)
    page.get_by_role("link", name="Partnerships", exact=True).first.click()
    page.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(f"{path}$"))
    bar = page.locator("#health-chart svg rect[fill='#005ea2']").first
    assert float(bar.get_attribute("width") or "0") == 0
    log_delivery(page, "South One High", "5")
    expect(page.locator(".usa-alert--success, .usa-alert")).to_contain_text(
        ["The delivery is logged."]
    )
    expect(page.locator("#health-chart svg desc")).to_contain_text(
        "Homework club: 5 of 20 sessions, 10 of 50 students."
    )
    assert float(bar.get_attribute("width") or "0") > 0
    expect(page.get_by_role("cell", name="5 (25 %)")).to_be_visible()
    assert_accessible(page)

    follow_link(page, "Write a review")
    assert_accessible(page)
    page.get_by_label("Period").fill("Fall 2026")
    page.locator("label").filter(has_text="On track").click()
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("Partner side, Fall 2026: On track")).to_be_visible()

    page.goto("/community/partnerships/health/")
    expect(page.get_by_role("row", name=re.compile(TITLE))).to_contain_text("5 / 20 (25 %)")
    assert_accessible(page)


def test_the_delivery_form_names_a_future_date_and_a_negative_count(
    page: Page, live_server, cast: Cast
):
    from tests.community.matrix import matrix_partnership

    partnership = matrix_partnership(cast)
    as_user(
        page,
        cast,
        "partner",
        live_server,
        f"/community/partnerships/{partnership.pk}/deliveries/new/",
    )
    assert_accessible(page)
    page.get_by_label("School").select_option(label="South One High")
    page.get_by_label("Delivered on").fill("2099-01-01")
    page.get_by_label("What was delivered").fill("Reading group")
    page.get_by_label("Students reached").fill("-4")
    page.get_by_role("button", name="Log the delivery").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    expect(page.locator("#id_delivered_on-error")).to_contain_text("is in the future")
    expect(page.locator("#id_students_reached-error")).to_contain_text(
        "A count cannot be negative."
    )
    assert_accessible(page)


def test_the_partner_directory_and_contact_pages(page: Page, live_server, cast: Cast):
    as_user(page, cast, "superintendent", live_server, "/community/partners/")
    assert_accessible(page)
    follow_link(page, "Add a partner")
    assert_accessible(page)
    page.get_by_label("Organisation name").fill("Museum of Rivers")
    page.get_by_label("Kind of organisation").select_option(label="Cultural")
    page.get_by_role("button", name="Save the partner").click()
    expect(page.get_by_role("heading", name="Museum of Rivers")).to_be_visible()
    assert_accessible(page)
    follow_link(page, "Add a contact")
    assert_accessible(page)
    page.locator("#id_name").fill("Ada Lane")
    page.get_by_label("E-mail").fill("not an address")
    page.get_by_role("button", name="Save the contact").click()
    expect(page.locator("#id_email-error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("E-mail").fill("ada@example.org")
    page.get_by_role("button", name="Save the contact").click()
    expect(page.get_by_role("row", name=re.compile("Ada Lane"))).to_contain_text("ada@example.org")
    follow_link(page, "Edit the partner")
    assert_accessible(page)


def test_the_edit_pages_of_a_partnership_its_service_and_a_contact(
    page: Page, live_server, cast: Cast
):
    from districtwise.community.models import PartnerContact
    from tests.community.matrix import matrix_partnership, matrix_service

    partnership = matrix_partnership(cast)
    contact = PartnerContact.objects.create(partner=cast.partner, name="Ada Lane")
    as_user(page, cast, "superintendent", live_server, f"/community/partnerships/{partnership.pk}/")
    page.get_by_role("link", name="Edit the partnership").click()
    expect(page.locator("#id_title")).to_have_value("Matrix partnership")
    page.get_by_label("The agreement starts on").fill("2027-09-01")
    page.get_by_role("button", name="Save the partnership").click()
    expect(page.locator("#id_ends_on-error")).to_contain_text("before it starts")
    assert_accessible(page)
    page.goto(f"/community/partnerships/services/{matrix_service(cast).pk}/edit/")
    expect(page.locator("#id_name")).to_have_value("Matrix tutoring")
    assert_accessible(page)
    follow_link(page, "Remove Matrix tutoring")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Remove Matrix tutoring from Matrix partnership"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Remove Matrix tutoring").click()
    expect(page.get_by_text("Matrix tutoring is removed from Matrix partnership.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/community/partners/contacts/{contact.pk}/edit/")
    expect(page.locator("#id_name")).to_have_value("Ada Lane")
    assert_accessible(page)
    follow_link(page, "Remove Ada Lane as a contact")
    assert_accessible(page)
    page.get_by_role("button", name="Remove Ada Lane").click()
    expect(
        page.get_by_text("Ada Lane is no longer a contact of Riverside Youth Services.")
    ).to_be_visible()
    assert_accessible(page)
