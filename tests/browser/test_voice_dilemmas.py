"""Consultancy dilemmas in a real headless Chromium, scanned by axe-core on every page:
North One's principal brings a dilemma (warned first about a student's name), runs the
protocol through its five stages with North Two's principal giving feedback in another
browser, keeps the record and shares the lessons; the superintendent reads the shared
lesson, without the peers' feedback, and turns it into a task."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import TIMEOUT_MS, assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast
from tests.voice.matrix import matrix_meeting

pytestmark = pytest.mark.browser


@pytest.fixture
def peer_page(browser: Browser, live_server, cast: Cast):
    """A second browser, North Two's principal's, beside the presenter's."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    login_with_cookie(context, cast["principal_north_2"], live_server.url)
    page = context.new_page()
    page.broken_assets = []  # type: ignore[attr-defined]
    yield page
    context.close()


def move_on(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    expect(page.get_by_text("The protocol is now at")).to_be_visible()


def record(page: Page, note: str) -> None:
    page.reload()
    page.get_by_label("Your question or note").fill(note)
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_text(note)).to_be_visible()


def bring_a_dilemma(page: Page, meeting_pk: int) -> None:
    page.goto(f"/voice/meetings/{meeting_pk}/dilemmas/new/", timeout=60_000)
    assert_accessible(page)
    page.get_by_label("Title").fill("Planning time lost to logistics")
    page.get_by_label("The situation").fill(
        "Grade teams meet weekly; Jordan Ellis's class loses the most time."
    )
    page.get_by_label("Your question for your peers").fill(
        "How do I protect planning time without taking over the teams?"
    )
    page.get_by_role("button", name="Bring the dilemma").click()
    expect(page.get_by_text("This may name a student: “Jordan Ellis”")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("The situation").fill(
        "Grade teams meet weekly; one class of 24 students loses the most time."
    )
    page.get_by_role("button", name="Bring the dilemma").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning time lost to logistics")
    assert_accessible(page)


def test_two_principals_run_the_protocol_and_the_district_acts_on_the_lesson(
    page: Page, peer_page: Page, live_server, cast: Cast
):
    meeting = matrix_meeting(cast)
    login_with_cookie(page.context, cast["principal_north_1"], live_server.url)
    bring_a_dilemma(page, meeting.pk)
    dilemma_url = page.url

    move_on(page, "Start the protocol: Presentation of the dilemma")
    move_on(page, "Move on to: Clarifying questions")
    peer_page.goto(dilemma_url, timeout=60_000)
    expect(peer_page.get_by_role("button", name="Move on to: Probing questions")).to_have_count(0)
    record(peer_page, "How long are the meetings?")
    assert_accessible(peer_page)

    move_on(page, "Move on to: Probing questions")
    record(peer_page, "What would the teams say planning time is for?")
    move_on(page, "Move on to: Discussion among peers (the presenter listens)")
    expect(page.get_by_text("listen and take notes, without speaking")).to_be_visible()
    expect(page.get_by_role("button", name="Record it")).to_have_count(0)
    assert_accessible(page)
    record(peer_page, "A shared agenda template could free ten minutes.")
    assert_accessible(peer_page)

    move_on(page, "Move on to: The presenter's reflection")
    with page.expect_navigation():
        page.get_by_role("link", name="Write your reflection and lessons").first.click()
    assert_accessible(page)
    page.get_by_label("Your reflection").fill("I will ask the teams what they need first.")
    page.get_by_label("Lessons for the district").fill(
        "Central meetings scheduled on team days take their planning time."
    )
    page.get_by_role("button", name="Save your record").click()
    expect(page.get_by_text("Your record is saved.")).to_be_visible()
    move_on(page, "Close the protocol")
    page.get_by_role("button", name="Share the lessons with the district").click()
    expect(page.get_by_text("The lessons are shared with the district")).to_be_visible()
    assert_accessible(page)

    login_with_cookie(page.context, cast["superintendent"], live_server.url)
    page.goto("/voice/dilemmas/lessons/?q=planning")
    expect(page.get_by_text("Central meetings scheduled on team days")).to_be_visible()
    expect(page.get_by_text("How long are the meetings?")).to_have_count(0)
    assert_accessible(page)
    follow_link(page, "Act on it: Planning time lost to logistics")
    assert_accessible(page)
    page.get_by_role("button", name="Create the task").click()
    expect(page.get_by_text("Choose who owns the task.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Owner").select_option(
        label="Department Lead Testperson (Teaching and Learning)"
    )
    page.get_by_label("What will be done").fill("Move central meetings off team days.")
    page.get_by_role("button", name="Create the task").click()
    expect(page.get_by_text("A task for Department Lead Testperson")).to_be_visible()
    expect(page.get_by_text("Move central meetings off team days.")).to_be_visible()

    page.goto(dilemma_url)
    expect(page.get_by_text("Central meetings scheduled on team days")).to_be_visible()
    expect(page.get_by_text("A shared agenda template")).to_have_count(0)
    expect(page.get_by_text("Principal North 2 Testperson")).to_have_count(0)
    assert_accessible(page)
