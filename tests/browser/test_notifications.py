"""Notifications in a real headless Chromium, scanned by axe-core: a notification reaches a
principal, the header says how many are unread, opening it leads to its page and the count
drops; the list (full and empty) and the e-mail settings (also refused) are accessible."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from districtwise.core.models import Notification
from districtwise.core.notifications import notify
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser

OWNER = "principal_north_1"


def account_nav(page: Page):
    return page.get_by_role("navigation", name="Account")


def test_a_notification_is_counted_opened_and_then_no_longer_counted(
    page: Page, live_server, cast: Cast
):
    notify(
        district=cast.district,
        users=[cast[OWNER]],
        kind=Notification.Kind.AGENDA_PUBLISHED,
        title="The March principals' meeting agenda is out",
        body="Two items ask schools for information.",
        url="/voice/",
    )
    login_with_cookie(page.context, cast[OWNER], live_server.url)
    page.goto("/")
    counted = account_nav(page).get_by_role("link", name="Notifications, 1 unread")
    expect(counted).to_be_visible()
    expect(counted.locator(".dw-badge")).to_have_text("1")
    assert_accessible(page)

    counted.click()
    expect(page.get_by_role("heading", level=1, name="Notifications")).to_be_visible()
    item = page.get_by_role("listitem").filter(has_text="The March principals' meeting agenda")
    expect(item.get_by_text("Unread", exact=True)).to_be_visible()
    expect(item.get_by_text("Two items ask schools for information.")).to_be_visible()
    assert_accessible(page)

    item.get_by_role("link", name="The March principals' meeting agenda is out").click()
    page.wait_for_url(f"{live_server.url}/voice/")
    expect(account_nav(page).get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(account_nav(page).locator(".dw-badge")).to_have_count(0)

    page.goto("/notifications/")
    expect(page.get_by_text("Unread", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Mark all as read")).to_have_count(0)


def test_marking_all_as_read_empties_the_count(page: Page, live_server, cast: Cast):
    notify(
        district=cast.district,
        users=[cast[OWNER]],
        kind=Notification.Kind.NEED_ANSWERED,
        title="Your need about substitute cover was answered",
        url="/voice/",
    )
    notify(
        district=cast.district,
        users=[cast[OWNER]],
        kind=Notification.Kind.GUIDANCE_TO_ACKNOWLEDGE,
        title="New guidance on field trips to acknowledge",
        url="/voice/",
    )
    login_with_cookie(page.context, cast[OWNER], live_server.url)
    page.goto("/notifications/")
    expect(account_nav(page).get_by_role("link", name="Notifications, 2 unread")).to_be_visible()
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("2 notifications marked as read.")).to_be_visible()
    expect(account_nav(page).locator(".dw-badge")).to_have_count(0)
    expect(page.get_by_role("button", name="Mark all as read")).to_have_count(0)
    assert_accessible(page)


def test_an_empty_list_is_accessible(page: Page, live_server, cast: Cast):
    login_with_cookie(page.context, cast["family"], live_server.url)
    page.goto("/notifications/")
    expect(page.get_by_text("You have no notifications in")).to_be_visible()
    assert_accessible(page)


def test_e_mail_settings_refuse_without_an_address_then_turn_on_with_one(
    page: Page, live_server, cast: Cast
):
    login_with_cookie(page.context, cast[OWNER], live_server.url)
    page.goto("/notifications/settings/")
    expect(page.get_by_text("Your account has no e-mail address")).to_be_visible()
    assert_accessible(page)
    # the design system hides the box itself and draws it on the label, which people click
    page.get_by_text("Also send me each new notification by e-mail").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    expect(page.get_by_text("there is nowhere to send e-mails")).to_be_visible()
    assert_accessible(page)

    user = cast[OWNER]
    user.email = "north.one@example.org"
    user.save()
    page.goto("/notifications/settings/")
    expect(page.get_by_text("E-mails go to north.one@example.org")).to_be_visible()
    # the design system hides the box itself and draws it on the label, which people click
    page.get_by_text("Also send me each new notification by e-mail").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("E-mail is on: each new notification goes to")).to_be_visible()
    expect(page.get_by_label("Also send me each new notification by e-mail")).to_be_checked()
    assert_accessible(page)
