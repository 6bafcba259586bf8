"""The warning for students' names on a need raised from a meeting's follow-up, in a real
headless Chromium scanned by axe-core: the lead is warned with the name shown next to the
description, looks again, confirms, and the need is raised."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from districtwise.voice.models import Need
from tests import factories as f
from tests.browser.conftest import assert_accessible, login_with_cookie
from tests.conftest import Cast
from tests.voice.matrix import matrix_agenda_item

pytestmark = pytest.mark.browser


def test_a_follow_up_need_naming_a_student_is_warned_then_raised_once_confirmed(
    page: Page, live_server, cast: Cast
):
    f.NeedRouteFactory(district=cast.district, category="facilities", department=cast.department)
    item = matrix_agenda_item(cast)
    login_with_cookie(page.context, cast["north_lead"], live_server.url)
    page.goto(f"/voice/meetings/items/{item.pk}/follow-up/", timeout=60_000)
    page.locator("label").filter(has_text=re.compile("^Need raised to the district$")).click()
    page.get_by_label("What is to be done").fill("Kayla Bell waits outside when it rains.")
    page.get_by_label("Owner").select_option(
        label="Principal North 1 Testperson — North One Elementary"
    )
    page.get_by_label("Need: short title").fill("Gym roof")
    page.get_by_label("Need: category").select_option("facilities")
    page.get_by_label("Need: urgency").select_option("soon")
    page.get_by_role("button", name="Add the follow-up").click()

    expect(page.get_by_role("heading", name="Check for students' names")).to_be_visible()
    expect(page.get_by_text("This may name a student: “Kayla Bell”")).to_be_visible()
    expect(page.get_by_label("What is to be done")).to_have_value(
        "Kayla Bell waits outside when it rains."
    )
    assert_accessible(page)

    page.locator("label").filter(has_text="Save anyway: I checked").click()
    page.get_by_role("button", name="Add the follow-up").click()
    expect(page.get_by_text("The need is raised and routed")).to_be_visible()
    assert_accessible(page)
    assert Need.objects.get(title="Gym roof").school == cast.north_1
