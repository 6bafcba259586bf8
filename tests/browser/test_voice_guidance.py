"""Guidance in a real headless Chromium, scanned by axe-core: the department publishes a
document, a principal acknowledges it, the department revises it prompted by a need, the
principal reads what changed and acknowledges again, and the department sees who has not;
then two editors at once, where the second is shown the difference and keeps their text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast
from tests.voice.matrix import matrix_document, matrix_need

pytestmark = pytest.mark.browser


def _as(page: Page, live_server, cast: Cast, name: str) -> None:
    login_with_cookie(page.context, cast[name], live_server.url)


def test_publish_acknowledge_revise_and_follow_up(page: Page, live_server, cast: Cast):
    need = matrix_need(cast)
    _as(page, live_server, cast, "department_lead")
    page.goto("/voice/", timeout=60_000)
    assert_accessible(page)
    follow_link(page, "Open the guidance library")
    assert_accessible(page)
    page.get_by_role("link", name="Start a new document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a new guidance document")
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("Nothing was published")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill("Reading intervention blocks")
    page.get_by_text("Guidance: what to do", exact=True).click()
    page.get_by_label("Text of the document").fill(
        "Every school protects a daily reading block.\n\n- 30 minutes\n- small groups"
    )
    page.get_by_label("What schools decide for themselves").fill("Which time of day.")
    page.get_by_label("Effective from").fill("2026-01-05")
    page.get_by_label("Review by").fill("2026-07-01")
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("is published as version 1")).to_be_visible()
    document_url = page.url

    _as(page, live_server, cast, "principal_north_1")
    page.goto("/voice/guidance/")
    row = page.get_by_role("row", name="Reading intervention blocks")
    expect(row.get_by_text("To acknowledge")).to_be_visible()
    row.get_by_role("link", name="Reading intervention blocks").click()
    expect(page.get_by_role("listitem").filter(has_text="small groups")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="I have read version 1").click()
    expect(page.get_by_text("You acknowledged version 1 on")).to_be_visible()

    _as(page, live_server, cast, "department_lead")
    page.goto(document_url)
    page.get_by_role("link", name="Publish a new version").click()
    page.get_by_label("What changed").fill("Forty minutes, after the district's review.")
    page.get_by_label("Text of the document").fill(
        "Every school protects a daily reading block.\n\n- 40 minutes\n- small groups"
    )
    page.get_by_text(f"{need.title} (North One Elementary", exact=False).click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the new version").click()
    expect(
        page.get_by_text("Version 2 of Reading intervention blocks is published")
    ).to_be_visible()

    _as(page, live_server, cast, "principal_north_1")
    page.goto(document_url)
    expect(page.get_by_text("Forty minutes, after the district's review.").first).to_be_visible()
    expect(page.get_by_text(f"Need: {need.title}")).to_be_visible()
    page.get_by_role("link", name="See the difference from version 1").click()
    changes = page.get_by_role("region", name="Changes to the text")
    expect(changes.locator("del")).to_contain_text("30")
    expect(changes.locator("ins")).to_contain_text("40")
    assert_accessible(page)
    page.get_by_role("link", name="Back to Reading intervention blocks").click()
    page.get_by_role("link", name="Version 1", exact=True).click()
    expect(page.get_by_role("heading", name="Superseded")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Read the current version 2").click()
    page.get_by_role("button", name="I have read version 2").click()
    expect(page.get_by_text("You acknowledged version 2 on")).to_be_visible()

    _as(page, live_server, cast, "department_lead")
    page.goto(document_url)
    page.get_by_role("link", name="Who has acknowledged").click()
    expect(page.get_by_text("1 of 3 people have acknowledged")).to_be_visible()
    north_2 = page.get_by_role("table", name="Who at North Two Middle must acknowledge version 2")
    expect(north_2.get_by_role("row", name="Principal North 2 Testperson")).to_contain_text(
        "Not yet"
    )
    assert_accessible(page)


def test_the_second_editor_sees_the_difference_and_keeps_their_text(
    page: Page, live_server, cast: Cast, browser
):
    document = matrix_document(cast)
    _as(page, live_server, cast, "department_lead")
    page.goto(f"/voice/guidance/{document.pk}/revise/", timeout=60_000)
    page.get_by_label("What changed").fill("Plain words.")
    page.get_by_label("Text of the document").fill("Schools post the letter in plain words.")

    other = browser.new_context(base_url=live_server.url)
    login_with_cookie(other, cast["superintendent"], live_server.url)
    first = other.new_page()
    first.goto(f"/voice/guidance/{document.pk}/revise/", timeout=60_000)
    first.get_by_label("What changed").fill("Every language.")
    first.get_by_role("button", name="Publish the new version").click()
    expect(first.get_by_text("Version 2 of Matrix guidance is published")).to_be_visible()
    other.close()

    page.get_by_role("button", name="Publish the new version").click()
    expect(page.get_by_text("Superintendent Testperson published version 2")).to_be_visible()
    expect(page.get_by_label("Text of the document")).to_have_value(
        "Schools post the letter in plain words."
    )
    expect(page.get_by_label("What changed")).to_have_value("Plain words.")
    expect(
        page.get_by_role("region", name="Version's text compared with yours").locator("ins")
    ).to_contain_text("plain words.")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the new version").click()
    expect(page.get_by_text("Version 3 of Matrix guidance is published")).to_be_visible()
