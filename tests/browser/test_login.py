"""Logging in through the real form, with a mouse and with the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import login_through_form
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

GENERIC_ERROR = "That user name and password do not match an account. Check both and try again."

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim(),
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
        outlineColor: style.outlineColor, boxShadow: style.boxShadow,
    };
}"""


ON_SCREEN = """() => {
    const box = document.activeElement.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
        && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUS_STYLE)


def has_visible_focus_indicator(element: dict) -> bool:
    outline = (
        element["outlineStyle"] != "none"
        and element["outlineWidth"] > 0
        and element["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)")
    )
    return outline or element["boxShadow"] not in ("", "none")


def test_it_logs_in_through_the_form_and_lands_on_home(page: Page, live_server, cast):
    login_through_form(page, "superintendent")

    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", level=1).inner_text() == "Riverside Unified (test)"
    assert page.get_by_role("button", name="Log out superintendent").is_visible()


def test_it_logs_in_with_the_keyboard_alone(page: Page, live_server, cast):
    page.goto("/login/")
    page.locator("body").focus()

    page.keyboard.press("Tab")
    skip_link = focused(page)
    assert skip_link["text"] == "Skip to main content", "the skip link must be the first stop"
    # It slides in (a short transition): wait for it rather than read it mid-way.
    page.wait_for_function(ON_SCREEN, timeout=2_000)
    assert has_visible_focus_indicator(skip_link), skip_link

    stops = [skip_link]
    while stops[-1]["id"] != "id_username":
        assert len(stops) < 5, f"the user-name field is not among the first stops: {stops}"
        page.keyboard.press("Tab")
        stops.append(focused(page))
    assert has_visible_focus_indicator(stops[-1]), stops[-1]
    page.keyboard.type("principal_north_1")

    page.keyboard.press("Tab")
    password = focused(page)
    assert password["id"] == "id_password"
    assert has_visible_focus_indicator(password), password
    page.keyboard.type(PASSWORD)

    page.keyboard.press("Tab")
    button = focused(page)
    assert (button["tag"], button["text"]) == ("button", "Log in")
    assert has_visible_focus_indicator(button), f"the log-in button shows no focus: {button}"

    page.keyboard.press("Shift+Tab")
    assert focused(page)["id"] == "id_password"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", level=1).inner_text() == "Riverside Unified (test)"
    assert "principal_north_1" in page.get_by_role("button", name="Log out").inner_text()


@pytest.mark.parametrize(
    ("username", "password"),
    [("principal_north_1", "not-the-password"), ("nobody_by_this_name", PASSWORD)],
    ids=["wrong-password", "unknown-user"],
)
def test_a_failed_login_shows_the_generic_error_and_stays(
    page: Page, live_server, cast, username, password
):
    login_through_form(page, username, password)

    assert page.url.startswith(f"{live_server.url}/login/")
    assert page.get_by_role("alert").inner_text().strip() == GENERIC_ERROR
    assert page.get_by_label("Password").input_value() == ""
    assert page.get_by_role("button", name="Log out").count() == 0
    page.goto("/")
    assert page.url.startswith(f"{live_server.url}/login/"), "a failed log-in must not sign in"
