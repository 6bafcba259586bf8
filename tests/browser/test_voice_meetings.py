"""Principal meetings in a real headless Chromium, scanned by axe-core: a network lead
convenes a meeting (their principals ticked already), a principal proposes an item to
inform the district, the lead accepts it and publishes the agenda (the principal is told),
writes and publishes the minutes, and turns the item into a need raised to the district,
which the principal then reads on the meeting page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from districtwise.core.models import Notification
from districtwise.voice.models import FollowUp, PrincipalMeeting
from tests import factories as f
from tests.browser.conftest import assert_accessible, follow_link, login_with_cookie
from tests.conftest import Cast

pytestmark = pytest.mark.browser
TITLE = "North principals, spring"
PROPOSAL = "Late buses in the mornings"


def tick(page: Page, label: str) -> None:
    """Tick a USWDS radio or checkbox by its label, as a person does."""
    page.locator("label").filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
    expect(page.get_by_label(label, exact=True)).to_be_checked()


def as_user(page: Page, cast: Cast, name: str, live_server, path: str) -> None:
    login_with_cookie(page.context, cast[name], live_server.url)
    page.goto(path, timeout=30_000)


def convene(page: Page) -> None:
    page.get_by_role("link", name="Convene a meeting").first.click()
    expect(page.get_by_role("heading", name="Convene a principal meeting")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_label("Principal North 1 Testperson — North One Elementary")).to_be_checked()
    expect(page.get_by_label("Principal South 1 Testperson — South One High")).not_to_be_checked()
    page.get_by_label("Title").fill(TITLE)
    starts = timezone.localtime() + dt.timedelta(days=9)
    page.get_by_label("Starts at").fill(starts.strftime("%Y-%m-%dT15:30"))
    page.get_by_label("Location").fill("North One library")
    page.get_by_role("button", name="Convene the meeting").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert_accessible(page)


def propose(page: Page) -> None:
    follow_link(page, "Propose an agenda item")
    assert_accessible(page)
    page.get_by_label("Title").fill(PROPOSAL)
    tick(page, "Inform the district: principals bring information")
    page.get_by_role("button", name="Propose the item").click()
    proposal = page.locator("#proposals + ul li").filter(has_text=PROPOSAL)
    expect(proposal).to_contain_text("Proposed")
    expect(proposal).to_contain_text("Inform the district")


def raise_need(page: Page) -> None:
    page.get_by_role("link", name=re.compile(f"^Add a follow-up\\W+{PROPOSAL}$")).click()
    expect(page.get_by_role("heading", name="Add a follow-up")).to_be_visible()
    assert_accessible(page)
    tick(page, "Need raised to the district")
    page.get_by_label("What is to be done").fill("Buses arrive 20 minutes after the bell.")
    page.get_by_label("Owner").select_option(
        label="Principal North 1 Testperson — North One Elementary"
    )
    page.get_by_label("Need: short title").fill("Late morning buses")
    page.get_by_label("Need: category").select_option(label="Students and families")
    page.get_by_label("Need: urgency").select_option(label="Soon: needs an answer within days")
    page.get_by_label("Need: students affected").fill("85")
    page.get_by_role("button", name="Add the follow-up").click()
    expect(page.get_by_role("row", name=re.compile("Buses arrive"))).to_contain_text("Need: Raised")
    assert_accessible(page)


def test_a_meeting_runs_from_convening_to_a_need_raised_to_the_district(
    page: Page, live_server, cast: Cast
):
    f.NeedRouteFactory(
        district=cast.district, category="students_families", department=cast.department
    )
    as_user(page, cast, "north_lead", live_server, "/voice/meetings/")
    assert_accessible(page)
    convene(page)
    meeting = PrincipalMeeting.objects.get(title=TITLE)
    meeting_path = f"/voice/meetings/{meeting.pk}/"

    as_user(page, cast, "principal_north_1", live_server, meeting_path)
    expect(page.get_by_text("The convener has not published the agenda yet.")).to_be_visible()
    propose(page)
    assert_accessible(page)
    principal = cast["principal_north_1"]
    told = Notification.objects.filter(user=principal, kind=Notification.Kind.AGENDA_PUBLISHED)
    assert told.count() == 0

    as_user(page, cast, "north_lead", live_server, meeting_path)
    page.get_by_role("button", name=re.compile(f"^Accept\\W+{PROPOSAL}$")).click()
    agenda = page.get_by_role("table", name="The agenda, in order")
    expect(agenda.get_by_role("row", name=re.compile(PROPOSAL))).to_contain_text(
        "Inform the district"
    )
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.locator("#agenda-state")).to_contain_text("Published")
    assert told.count() == 1
    assert told.get().url == meeting_path

    follow_link(page, "Write the minutes")
    assert_accessible(page)
    page.get_by_label("Overall minutes").fill("All four principals came.")
    page.get_by_label(f"Notes on 1. {PROPOSAL}").fill("Two routes are short of drivers.")
    page.get_by_role("button", name="Save and publish to the participants").click()
    expect(page.locator("#minutes-text")).to_contain_text("All four principals came.")
    raise_need(page)
    need = FollowUp.objects.get(meeting=meeting).need
    assert need is not None
    assert (need.school, need.department, need.students_affected) == (
        cast.north_1,
        cast.department,
        85,
    )

    as_user(page, cast, "principal_north_1", live_server, meeting_path)
    expect(page.locator("#minutes-text")).to_contain_text("All four principals came.")
    expect(page.get_by_text("Two routes are short of drivers.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Buses arrive"))).to_contain_text(
        "Principal North 1 Testperson"
    )
    assert_accessible(page)


def test_the_agenda_and_meeting_forms_are_accessible_also_with_their_errors(
    page: Page, live_server, cast: Cast
):
    from tests.voice.matrix import matrix_agenda_item

    item = matrix_agenda_item(cast)
    as_user(page, cast, "north_lead", live_server, f"/voice/meetings/{item.meeting.pk}/")
    page.get_by_role("link", name="Add an agenda item").click()
    expect(page.get_by_role("heading", name="Add an item to Matrix meeting")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Time (minutes)").fill("0")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text("Give the item a title.")).to_be_visible()
    expect(page.get_by_text("Give at least 1 minute.")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/voice/meetings/items/{item.pk}/edit/")
    expect(page.get_by_label("Title")).to_have_value("Matrix item")
    assert_accessible(page)

    page.goto(f"/voice/meetings/{item.meeting.pk}/edit/")
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("Give the meeting a title.")).to_be_visible()
    assert_accessible(page)
